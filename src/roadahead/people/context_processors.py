from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from roadahead.people import rules
from roadahead.people.enums import Role
from roadahead.people.models import Membership


def school(request: HttpRequest) -> dict[str, Any]:
    current = getattr(request, "school", None)
    membership: Membership | None = getattr(request, "membership", None)
    context: dict[str, Any] = {"school": current, "membership": membership, "nav": []}
    if request.user.is_authenticated:
        context["other_schools"] = Membership.objects.filter(user=request.user, is_active=True).count() > 1
    if current is None or membership is None:
        return context
    slug = current.slug
    items = [
        ("dashboard", _("Home"), "schools:dashboard", True),
        ("pupils", _("Pupils"), "people:pupil_list", True),
        ("activities", _("Activities"), "activities:list", True),
        ("standing", _("Standing"), "standing:grid", True),
        # Governors and senior leaders see no pupil's guidance notes (guidance/rules.py).
        ("guidance", _("Guidance"), "guidance:due", membership.role != Role.LEADER),
        ("reviews", _("EHCP reviews"), "reviews:due_list", True),
        ("placements", _("Placements"), "placements:list", True),
        ("events", _("Events"), "events:list", True),
        # Senior leaders and governors see leavers' destinations as figures only: the report.
        ("destinations", _("Leavers"), "destinations:list", membership.role != Role.LEADER),
        ("destinations", _("Leavers"), "destinations:report", membership.role == Role.LEADER),
        ("providers", _("Providers"), "providers:list", rules.can_view_providers(membership)),
        ("staff", _("Staff"), "people:staff_list", rules.can_manage_school(membership)),
        ("imports", _("Imports"), "imports:list", rules.can_manage_school(membership)),
        ("programme", _("Programme"), "curriculum:programme", True),
        # Class staff and advisers read the self-evaluation's summary only (evaluation/rules.py).
        ("evaluation", _("Self-evaluation"), "evaluation:list", rules.is_careers_leader_or_leader(membership)),
        ("evaluation", _("Self-evaluation"), "evaluation:latest_summary",
         not rules.is_careers_leader_or_leader(membership)),
        ("surveys", _("Surveys"), "surveys:list", True),
        ("reports", _("Reports"), "reports:index", True),
        ("setup", _("School set-up"), "schools:setup", rules.can_view_school_setup(membership)),
        ("audit", _("Audit log"), "audit:list", rules.can_manage_school(membership)),
    ]
    section = getattr(request, "resolver_match", None)
    namespace = section.namespace if section else ""
    url_name = section.url_name if section else ""
    active_key = {
        "schools": "setup" if url_name != "dashboard" else "dashboard",
        "people": "staff" if url_name and url_name.startswith("staff") else "pupils",
        "providers": "providers", "imports": "imports", "audit": "audit", "activities": "activities",
        "curriculum": "programme", "lmi": "programme", "cpd": "programme", "events": "events",
        "activity_types": "setup",
        "standing": "standing", "coverage": "standing", "pupil_standing": "standing", "rules": "standing",
        "destinations": "destinations", "evaluation": "evaluation", "guidance": "guidance", "reviews": "reviews",
        "placements": "placements", "skills": "dashboard", "transition": "dashboard", "profiles": "pupils",
        "reports": "reports", "surveys": "surveys",
    }.get(namespace, "")
    context["nav"] = [
        {"label": label, "url": reverse(name, kwargs={"school_slug": slug}), "active": key == active_key}
        for key, label, name, allowed in items if allowed
    ]
    return context
