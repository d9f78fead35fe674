"""One pupil's standing against every rule that applies, as a page and as a fragment for the pupil page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from roadahead.audit.services import log_action
from roadahead.core.forms import Form, GovukDateInput
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.wording import describe_missing, describe_rule
from roadahead.people.decorators import school_view
from roadahead.people.models import Pupil
from roadahead.people.selectors import visible_pupil
from roadahead.schools.models import School
from roadahead.standing.engine import standing
from roadahead.standing.enums import Status
from roadahead.standing.selectors import OPTIONAL, display_status, status_label

# The same colours as the standing grid; each tag also says its status in words.
STATUS_TAGS = {Status.MET: "govuk-tag--green", Status.ON_TRACK: "govuk-tag--blue",
               Status.AT_RISK: "govuk-tag--yellow", Status.NOT_MET: "govuk-tag--red", OPTIONAL: "govuk-tag--grey"}


class AsOfForm(Form):
    show_optional = False
    as_of = forms.DateField(label=_("Where they stood on"), required=False, widget=GovukDateInput(),
                            input_formats=["%Y-%m-%d", "%d/%m/%Y"], help_text=_("For example, 28/02/2026"))


def _as_of(request: HttpRequest, today: dt.date) -> tuple[AsOfForm, dt.date]:
    form = AsOfForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["as_of"]:
        # Shown back as schools type dates, whichever way it came in.
        return AsOfForm(initial={"as_of": form.cleaned_data["as_of"]}), form.cleaned_data["as_of"]
    return form, today


def pupil_standing_rows(*, school: School, pupil: Pupil, as_of: dt.date) -> list[dict[str, Any]]:
    """The engine's rows for one pupil, with each rule in plain words and what is missing.

    Standing itself comes only from the engine; this adds the words. A fixed number of queries:
    the engine's, plus the rules with what describe_rule reads.
    """
    report = standing(school=school, as_of=as_of, pupils=Pupil.objects.filter(school=school, pk=pupil.pk))
    rows = report.for_pupil(pupil.pk)
    if not rows:
        return []
    rules = {r.pk: r for r in EntitlementRule.objects.filter(school=school, pk__in=[row.rule_id for row in rows])
             .select_related("benchmark").prefetch_related("pathways", "activity_types", "evidences")}
    order = list(report.rules)
    out = []
    for row in sorted(rows, key=lambda r: order.index(r.rule_id)):
        rule = rules[row.rule_id]
        # A rule the school must offer but a pupil may decline shows "Optional" rather than at risk or not met.
        shown = display_status(report.rules[row.rule_id], row)
        out.append({
            "rule": rule, "text": describe_rule(rule), "start": row.period_start, "end": row.period_end,
            "required": row.required, "achieved": row.achieved, "status": row.status,
            "shown": shown, "status_label": status_label(shown), "tag": STATUS_TAGS[shown],
            "missing": describe_missing(rule, missing=row.missing, period_end=row.period_end, as_of=as_of),
        })
    return out


def _context(request: HttpRequest, pupil_pk: int) -> dict[str, Any]:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    form, as_of = _as_of(request, today)
    rows = pupil_standing_rows(school=school, pupil=pupil, as_of=as_of)
    log_action(school=school, user=request.user, action="pupil.standing_viewed", obj=pupil, pupil_id=pupil.pk,
               data={"as_of": as_of.isoformat()})
    return {"pupil": pupil, "rows": rows, "as_of": as_of, "today": today, "form": form}


@school_view()
def pupil_standing(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    context = _context(request, pupil_pk)
    if getattr(request, "htmx", False):
        response = render(request, "standing/pupil/fragment.html", context)
    else:
        response = render(request, "standing/pupil/page.html", context)
    # The same address answers with a fragment to htmx and a page otherwise: caches must tell them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


@school_view()
def pupil_standing_fragment(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    return render(request, "standing/pupil/fragment.html", _context(request, pupil_pk))
