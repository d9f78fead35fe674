"""The cohort summary (average step and who moved up this year, by group) and its drill-down."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.dates import academic_year_label
from roadahead.people.decorators import school_view
from roadahead.people.selectors import pupils_visible_to
from roadahead.schools.forms import YearForm
from roadahead.schools.models import AcademicYear
from roadahead.schools.selectors import academic_year_start_on, year_bounds
from roadahead.skills import rules, selectors
from roadahead.skills.forms import CohortForm
from roadahead.skills.models import Framework
from roadahead.standing.charts import Bar, bar_chart


def _choices(request: HttpRequest) -> dict[str, Any]:
    """The year, framework and grouping asked for, and the day the figures are as of."""
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    current = academic_year_start_on(school=school, day=today)
    year_form = YearForm(request.GET or None, current=current, years=list(AcademicYear.objects.filter(school=school)))
    start_year = year_form.start_year()
    form = CohortForm(request.GET or None,
                      frameworks=Framework.objects.filter(school=school).order_by("position", "name", "id"))
    framework, by = form.chosen()
    last_day = year_bounds(school=school, start_year=start_year)[1]
    return {"year_form": year_form, "form": form, "framework": framework, "by": by, "start_year": start_year,
            "year_label": academic_year_label(start_year), "as_of": min(today, last_day)}


def _bar_text(cell: selectors.Cell) -> str:
    if cell.suppressed:
        return str(_("fewer than 5 pupils"))
    if not cell.assessed:
        return str(_("none assessed"))
    return _("%(up)s of %(n)s (%(share)s%%)") % {"up": cell.moved_up, "n": cell.assessed,
                                                 "share": round(100 * (cell.share_up or 0))}


@school_view(rules.can_view_cohort)
def cohort(request: HttpRequest) -> HttpResponse:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    context = _choices(request)
    context.update({"can_drill": rules.can_drill_down(membership),
                    "can_record_class": rules.can_record_for_class(membership),
                    "can_manage": rules.can_manage_frameworks(membership),
                    "can_export": rules.can_view_pupil_skills(membership)})
    framework = context["framework"]
    if framework is not None:
        summary = selectors.cohort_summary(
            school=school, framework=framework, start_year=context["start_year"], as_of=context["as_of"],
            pupils=pupils_visible_to(membership=membership, day=context["as_of"]), by=context["by"],
            suppress=rules.suppresses_small_groups(membership))
        context["summary"] = summary
        context["rows"] = [{"skill": skill, "cell": summary.total.cells[i]} for i, skill in enumerate(summary.skills)]
        bars = [Bar(label=skill.name, value=cell.share_up or 0.0, group=0,
                    text=_bar_text(cell))
                for skill, cell in zip(summary.skills, summary.total.cells, strict=True)]
        context["chart"] = bar_chart(
            bars=bars, id_prefix="skills-cohort", width=480, label_width=130,
            title=_("%(framework)s: pupils who moved up in %(year)s") % {"framework": framework.name,
                                                                        "year": context["year_label"]},
            desc=_("The share of assessed pupils whose latest step is above where they started the year, per skill."))
    log_action(school=school, user=request.user, action="skills.cohort_viewed",
               data={"start_year": context["start_year"], "by": context["by"]})
    return render(request, "skills/cohort.html", context)


@school_view(rules.can_drill_down)
def cohort_pupils(request: HttpRequest, by: str, key: str) -> HttpResponse:
    """The pupils behind one group's figures: careers leaders and class staff (their own pupils)."""
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    context = _choices(request)
    framework = context["framework"]
    if framework is None or by not in selectors.GROUPINGS:
        raise Http404
    context["by"] = by
    label, skills, rows = selectors.cohort_drill_down(
        school=school, framework=framework, start_year=context["start_year"], as_of=context["as_of"],
        pupils=pupils_visible_to(membership=membership, day=context["as_of"]), by=by, key=key)
    log_action(school=school, user=request.user, action="skills.cohort_pupils_viewed",
               data={"start_year": context["start_year"], "by": context["by"], "pupils": len(rows)})
    context.update({"label": label, "skills": skills, "rows": rows})
    return render(request, "skills/cohort_pupils.html", context)
