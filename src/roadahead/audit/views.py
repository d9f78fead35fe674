from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from roadahead.audit.models import AuditEntry
from roadahead.people import rules
from roadahead.people.decorators import school_view


@school_view(rules.can_manage_school)
def audit_list(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    entries = AuditEntry.objects.filter(school=school).select_related("user").order_by("-at", "-id")
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action[:80])
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/list.html", {
        "page_obj": page, "action": action,
        "querystring_without_page": f"action={action}&" if action else ""})
