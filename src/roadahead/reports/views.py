"""The reports: an index, and each report as a page and as a PDF. Thin: forms read the choice,
`reports.governors`, `ofsted`, `pupil_record` and `cohort` gather, `reports.charts` draws.

Only these views read the clock; each report is handed its period or day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from roadahead.audit.services import log_action
from roadahead.core.pdf import render_pdf
from roadahead.evaluation.selectors import term_dates
from roadahead.people.decorators import school_view
from roadahead.people.selectors import pupils_visible_to, visible_pupil
from roadahead.reports import charts, rules
from roadahead.reports.cohort import cohort_summary, describe
from roadahead.reports.forms import CohortForm, TermForm, YearForm
from roadahead.reports.governors import governors_report
from roadahead.reports.ofsted import ofsted_pack
from roadahead.reports.pupil_record import pupil_record
from roadahead.reports.shares import withheld_text
from roadahead.schools.enums import TermName
from roadahead.schools.models import AcademicYear, School
from roadahead.schools.selectors import academic_year_start_on, class_groups, pathways, phases
from roadahead.standing.coverage import SUPPRESS_BELOW, CohortFilters


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    # Ids and dates only in the file name: it ends up in download folders and emails.
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _years(school: School, today: dt.date) -> tuple[int, list[int]]:
    current = academic_year_start_on(school=school, day=today)
    years = sorted(set(AcademicYear.objects.filter(school=school, start_year__lte=current)
                    .values_list("start_year", flat=True)) | {current}, reverse=True)
    return current, years


def _current_term(school: School, start_year: int, today: dt.date) -> str:
    """The term `today` falls in, or the last one to have begun (the autumn term before any)."""
    begun = TermName.AUTUMN.value
    for name in (TermName.AUTUMN, TermName.SPRING, TermName.SUMMER):
        start, _end = term_dates(school=school, start_year=start_year, term=name)
        if start <= today:
            begun = name.value
    return begun


def _common(request: HttpRequest) -> dict[str, Any]:
    return {"school": request.school, "suppress_below": SUPPRESS_BELOW, "withheld": withheld_text(),  # type: ignore[attr-defined]
            "printed_by": request.user,
            "printed_on": timezone.localdate()}


@school_view(rules.can_view_index)
def index(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    return render(request, "reports/index.html", {
        "school_reports": rules.can_view_school_reports(membership),
        "cohort_summary": rules.can_view_cohort_summary(membership),
        "suppressed": rules.suppresses_small_groups(membership), "suppress_below": SUPPRESS_BELOW})


# ## The governors' termly report ##################################################################

def _governors(request: HttpRequest) -> dict[str, Any]:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    current, years = _years(school, today)
    form = TermForm(request.GET or None, years=years,
                    initial={"year": current, "term": _current_term(school, current, today)})
    if form.is_bound and form.is_valid():
        start_year, term = form.cleaned_data["year"], form.cleaned_data["term"]
    else:
        start_year, term = current, _current_term(school, current, today)
    report = governors_report(school=school, start_year=start_year, term=term, today=today)
    numbers = [line.number for line in report.benchmarks.lines]
    return {**_common(request), "form": form, "report": report, "query": request.GET.urlencode(),
            "trend_chart": charts.trend_chart(id_prefix="governors-trend", trend=report.benchmarks.trend,
                                              numbers=numbers),
            "standing_chart": charts.standing_chart(id_prefix="governors-standing", rules=report.standing.rules),
            "pal_chart": charts.pal_chart(id_prefix="governors-pal", pal=report.standing.pal),
            "destinations_chart": charts.shares_chart(
                id_prefix="governors-destinations", title=_("Where the last leavers went"),
                desc=_("Shares of the leavers. The table gives the same numbers."),
                items=[(_("In education, employment or training"), report.destinations.total.eet),
                       (_("In keeping with their pathway"), report.destinations.total.in_keeping),
                       (_("Sustained at the latest check-in"), report.destinations.total.sustained)]
                if report.destinations.total else []),
            "equity_chart": charts.shares_chart(
                id_prefix="governors-equity", title=_("Meaningful employer encounters this year, by group"),
                desc=_("Each group's share. Groups of fewer than 5 pupils are not shown. The table gives the "
                       "same numbers."), items=[(line.label, line.share) for line in report.equity.lines])}


@school_view(rules.can_view_school_reports)
def governors(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/governors.html", _governors(request))


@school_view(rules.can_view_school_reports)
def governors_pdf(request: HttpRequest) -> HttpResponse:
    context = _governors(request)
    period = context["report"].period
    data = render_pdf("reports/pdf/governors.html", context)
    return _pdf(data, f"governors-report-{period.start_year}-{period.term}.pdf")


# ## The Ofsted evidence pack ######################################################################

def _ofsted(request: HttpRequest) -> dict[str, Any]:
    school = request.school  # type: ignore[attr-defined]
    today = timezone.localdate()
    current, years = _years(school, today)
    form = YearForm(request.GET or None, years=years, initial={"year": current})
    start_year, as_of = current, today
    if form.is_bound and form.is_valid():
        start_year = form.cleaned_data["year"]
        as_of = form.cleaned_data["as_of"] or (today if start_year == current else dt.date.max)
    pack = ofsted_pack(school=school, start_year=start_year, as_of=min(as_of, today))
    return {**_common(request), "form": form, "pack": pack, "query": request.GET.urlencode(),
            "year_tables": [
                (_("Guidance meetings by year group"), "guidance-table", pack.guidance,
                 _("a careers guidance meeting")),
                (_("Work experience and placements by year group"), "placements-table", pack.placements,
                 _("a placement"))],
            "destination_groups": [pack.destinations_total, *pack.destinations_by_year]
            if pack.destinations_total else [],
            "evaluation_chart": charts.percent_chart(
                id_prefix="ofsted-evaluation", title=_("Self-evaluation: percentage per benchmark"),
                desc=_("The latest self-evaluation this academic year. The table gives the same numbers."),
                items=[(_("Benchmark %(n)s") % {"n": b.number}, b.percent) for b in pack.self_evaluation.benchmarks]
                if pack.self_evaluation.evaluation else [])}


@school_view(rules.can_view_school_reports)
def ofsted(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/ofsted.html", _ofsted(request))


@school_view(rules.can_view_school_reports)
def ofsted_pdf(request: HttpRequest) -> HttpResponse:
    context = _ofsted(request)
    pack = context["pack"]
    data = render_pdf("reports/pdf/ofsted.html", context)
    return _pdf(data, f"ofsted-evidence-{pack.start_year}-{pack.as_of.isoformat()}.pdf")


# ## A pupil's careers record ######################################################################

def _pupil_record(request: HttpRequest, pupil_pk: int, action: str, *, pdf: bool = False) -> dict[str, Any]:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_pk, day=today)
    record = pupil_record(membership=membership, pupil=pupil, as_of=today)
    log_action(school=school, user=request.user, action=action, obj=pupil, pupil_id=pupil.pk)
    return {**_common(request), "record": record, "pupil": pupil, "pdf": pdf}


@school_view(rules.can_view_pupil_record)
def pupil(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    return render(request, "reports/pupil_record.html",
                  _pupil_record(request, pupil_pk, "pupil.careers_record_viewed"))


@school_view(rules.can_view_pupil_record)
def pupil_pdf(request: HttpRequest, pupil_pk: int) -> HttpResponse:
    # The PDF lists each year's activities as short lines rather than a table: a long record stays fast.
    context = _pupil_record(request, pupil_pk, "pupil.careers_record_printed", pdf=True)
    data = render_pdf("reports/pdf/pupil_record.html", context)
    return _pdf(data, f"careers-record-{context['pupil'].pk}-{context['record'].as_of.isoformat()}.pdf")


# ## The cohort summary #############################################################################

def _cohort(request: HttpRequest) -> dict[str, Any]:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    start_year = academic_year_start_on(school=school, day=today)
    groups, ways, stages = (list(class_groups(school=school, start_year=start_year)), list(pathways(school=school)),
                            list(phases(school=school)))
    form = CohortForm(request.GET or None, class_groups=groups, pathways=ways, phases=stages)
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = CohortFilters(year_from=data.get("year_from", ""), year_to=data.get("year_to", ""),
                            class_group=data.get("class_group"), pathway=data.get("pathway"),
                            phase=data.get("phase"))
    names = {"class_group": {c.pk: c.name for c in groups}, "pathway": {p.pk: p.name for p in ways},
             "phase": {p.pk: p.name for p in stages}}
    summary = cohort_summary(school=school, filters=filters, label=describe(filters, names=names),
                             start_year=start_year, as_of=today,
                             visible=pupils_visible_to(membership=membership, day=today),
                             suppress=rules.suppresses_small_groups(membership))
    return {**_common(request), "form": form, "summary": summary, "query": request.GET.urlencode(),
            "filtered": bool(data and any(data.values())),
            "suppressed_role": rules.suppresses_small_groups(membership),
            "coverage_chart": None if summary.suppressed else charts.shares_chart(
                id_prefix="cohort-coverage", title=_("Share of the cohort with evidence for each benchmark"),
                desc=_("This academic year so far. The table gives the same numbers."),
                items=[(_("Benchmark %(n)s") % {"n": line.benchmark}, line.share) for line in summary.coverage]),
            "standing_chart": None if summary.suppressed else charts.standing_chart(
                id_prefix="cohort-standing", rules=summary.rules)}


@school_view(rules.can_view_cohort_summary)
def cohort(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/cohort.html", _cohort(request))


@school_view(rules.can_view_cohort_summary)
def cohort_pdf(request: HttpRequest) -> HttpResponse:
    context = _cohort(request)
    data = render_pdf("reports/pdf/cohort.html", context)
    return _pdf(data, f"cohort-summary-{context['summary'].as_of.isoformat()}.pdf")
