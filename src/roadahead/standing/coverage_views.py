"""Benchmark coverage pages: shares by benchmark, the trend by term, the equity view, and the pupils
behind every number.

Thin: the form reads who and when, `standing.coverage` counts, `standing.charts` draws. Every member
may look; the cohort is limited to the pupils they may see (careers leaders and senior leaders see
the whole school, class staff their classes, careers advisers their assigned pupils).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.core.forms import GovukDateInput
from roadahead.people.decorators import school_view
from roadahead.people.enums import NeedType, Sex
from roadahead.people.models import Enrolment, Pupil
from roadahead.people.selectors import pupils_visible_to
from roadahead.schools.enums import TermName
from roadahead.schools.models import AcademicYear, School
from roadahead.schools.selectors import class_groups, pathways, phases
from roadahead.standing import charts
from roadahead.standing.coverage import (
    GROUPINGS,
    SUPPRESS_BELOW,
    CohortFilters,
    CoverageRow,
    benchmark_coverage,
    cohort,
    coverage_by_group,
    coverage_trend,
    evidence_pupil_ids,
    group_of_pupils,
    terms_for_years,
)
from roadahead.standing.grid_forms import ANY, CohortRangeForm

PAGE_SIZE = 100
# The query parameters that choose the cohort and period; links between the pages keep them.
SELECTION = ("year_from", "year_to", "class_group", "pathway", "phase", "need", "lac", "sex", "period", "start", "end")


class CoverageForm(CohortRangeForm):
    period = forms.ChoiceField(label=gettext_lazy("Period"), required=False)
    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=GovukDateInput(),
                            help_text=gettext_lazy("For a period of your own. For example, 01/09/2025."))
    end = forms.DateField(label=gettext_lazy("To"), required=False, widget=GovukDateInput(),
                          help_text=gettext_lazy("For example, 10/03/2026."))
    need = forms.ChoiceField(label=gettext_lazy("Need"), required=False, choices=ANY + list(NeedType.choices))
    lac = forms.ChoiceField(label=gettext_lazy("Looked after"), required=False,
                            choices=[("", gettext_lazy("Any")), ("yes", gettext_lazy("Looked after")),
                                     ("no", gettext_lazy("Not looked after"))])
    sex = forms.ChoiceField(label=gettext_lazy("Sex"), required=False, choices=ANY + list(Sex.choices))
    field_order = ["period", "start", "end", "year_from", "year_to", "class_group", "pathway", "phase"]

    def __init__(self, *args: Any, periods: dict[str, tuple[str, dt.date, dt.date]], class_groups: Any,
                 pathways: Any, phases: Any, **kwargs: Any) -> None:
        super().__init__(*args, class_groups=class_groups, pathways=pathways, phases=phases, **kwargs)
        self.periods = periods
        self.fields["period"].choices = [(key, label) for key, (label, _s, _e) in periods.items()] + [
            ("custom", _("Dates of your own"))]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("period") == "custom":
            start, end = data.get("start"), data.get("end")
            if not start:
                self.add_error("start", _("Enter the first day of the period."))
            if not end:
                self.add_error("end", _("Enter the last day of the period."))
            if start and end and start > end:
                self.add_error("end", _("The last day must be the same as or after the first day."))
        return data


@dataclass
class Selection:
    """What the member chose, resolved: the form, the cohort and the period."""

    form: CoverageForm
    filters: CohortFilters
    start: dt.date
    end: dt.date  # never after today: coverage is what has happened
    period_label: str
    start_year: int  # the academic year whose enrolments the year-specific filters read
    visible: QuerySet[Pupil]
    pupils: QuerySet[Pupil]  # the cohort: visible, matching, on roll on `end`
    query: dict[str, str]  # the selection as query parameters, for links


def _year_bounds(rows: dict[int, AcademicYear], start_year: int) -> tuple[dt.date, dt.date]:
    row = rows.get(start_year)
    return (row.starts_on, row.ends_on) if row else dates.academic_year_bounds(start_year)


def _periods(school: School, today: dt.date) -> tuple[dict[str, tuple[str, dt.date, dt.date]], dict[int, AcademicYear]]:
    """The periods to choose from: this and last academic year, and their terms so far."""
    rows = {y.start_year: y for y in AcademicYear.objects.filter(school=school)}
    this_year = next((y for y, r in rows.items() if r.starts_on <= today <= r.ends_on), dates.academic_year_of(today))
    periods: dict[str, tuple[str, dt.date, dt.date]] = {}
    for key, year, label in (("year", this_year, _("This academic year")),
                             ("last_year", this_year - 1, _("Last academic year"))):
        start, end = _year_bounds(rows, year)
        periods[key] = (f"{label} ({dates.academic_year_label(year)})", start, end)
    for term in reversed(terms_for_years(school=school, start_years=(this_year - 1, this_year), today=today)):
        label = _("%(name)s term %(year)s") % {"name": TermName(term.name).label,
                                                "year": dates.academic_year_label(term.start_year)}
        periods[f"term-{term.start_year}-{term.name}"] = (label, term.start, term.end)
    return periods, rows


def _selection(request: HttpRequest) -> Selection:
    school, membership = request.school, request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    periods, years = _periods(school, today)
    this_year = next((y for y, r in years.items() if r.starts_on <= today <= r.ends_on), dates.academic_year_of(today))
    form = CoverageForm(request.GET or None, periods=periods,
                        class_groups=class_groups(school=school, start_year=this_year),
                        pathways=pathways(school=school), phases=phases(school=school))
    data: dict[str, Any] = form.cleaned_data if form.is_bound and form.is_valid() else {}
    key = data.get("period") or "year"
    if key == "custom":
        start, end = data["start"], data["end"]
        label = _("%(start)s to %(end)s") % {"start": date_format(start, "j F Y"), "end": date_format(end, "j F Y")}
    else:
        label, start, end = periods[key]
    end = min(end, today)
    start = min(start, end)
    filters = CohortFilters(
        year_from=data.get("year_from", ""), year_to=data.get("year_to", ""), class_group=data.get("class_group"),
        pathway=data.get("pathway"), phase=data.get("phase"), need=data.get("need", ""),
        looked_after={"yes": True, "no": False}.get(data.get("lac", "")), sex=data.get("sex", ""))
    start_year = next((y for y, r in years.items() if r.starts_on <= end <= r.ends_on), dates.academic_year_of(end))
    visible = pupils_visible_to(membership=membership, day=today)
    pupils = cohort(school=school, filters=filters, start_year=start_year, day=end, visible=visible)
    query = {name: request.GET[name] for name in SELECTION if request.GET.get(name)} if data else {}
    return Selection(form=form, filters=filters, start=start, end=end, period_label=label, start_year=start_year,
                     visible=visible, pupils=pupils, query=query)


def _drill_url(school: School, number: int, query: dict[str, str], **extra: str) -> str:
    base = reverse("coverage:pupils", kwargs={"school_slug": school.slug, "number": number})
    return f"{base}?{urlencode({**query, **extra})}"


def _page_context(request: HttpRequest, selection: Selection, tab: str) -> dict[str, Any]:
    school = request.school  # type: ignore[attr-defined]
    qs = urlencode(selection.query)
    tabs = [(name, label, reverse(f"coverage:{name}", kwargs={"school_slug": school.slug}) + (f"?{qs}" if qs else ""))
            for name, label in (("overview", _("By benchmark")), ("trend", _("Trend by term")),
                                ("equity", _("Gaps between groups")))]
    return {"form": selection.form, "selection": selection, "tabs": tabs, "tab": tab,
            "filtered": bool(selection.query)}


def _row_links(school: School, rows: list[CoverageRow], query: dict[str, str], **extra: str) -> list[dict[str, Any]]:
    return [{"row": row, "with_url": _drill_url(school, row.benchmark, query, evidence="with", **extra),
             "without_url": _drill_url(school, row.benchmark, query, evidence="without", **extra)} for row in rows]


@school_view()
def overview(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    selection = _selection(request)
    rows = benchmark_coverage(school=school, start=selection.start, end=selection.end, pupils=selection.pupils)
    size = rows[0].cohort_size if rows else 0
    chart = charts.bar_chart(
        id_prefix="coverage-chart",
        title=_("Share of pupils with evidence for each benchmark"),
        desc=_("%(period)s: %(n)s pupils. The table below gives the same numbers.") % {
            "n": size, "period": selection.period_label},
        bars=[charts.Bar(label=_("Benchmark %(n)s") % {"n": r.benchmark}, value=r.share,
                         text=_("%(pc)s%% (%(n)s of %(total)s)") % {"pc": r.percent, "n": r.with_evidence,
                                                                    "total": r.cohort_size})
              for r in rows])
    return render(request, "standing/coverage/overview.html", {
        **_page_context(request, selection, "overview"), "rows": _row_links(school, rows, selection.query),
        "cohort_size": size, "chart": chart})


@school_view()
def trend(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    selection = _selection(request)
    points = coverage_trend(school=school, filters=selection.filters, today=timezone.localdate(),
                            visible=selection.visible)
    numbers = [(r.benchmark, r.title) for r in points[0].rows] if points else []
    categories = [p.term.short_label for p in points]
    small_multiples = []
    for index, (number, title) in enumerate(numbers):
        shares = [p.rows[index].share if p.rows[index].cohort_size else None for p in points]
        small_multiples.append({"number": number, "title": title, "chart": charts.line_chart(
            id_prefix=f"trend-{number}", categories=categories,
            series=[charts.Series(name=_("Benchmark %(n)s") % {"n": number}, points=shares)],
            title=_("Benchmark %(n)s: share of pupils with evidence in each term") % {"n": number},
            desc=_("From %(first)s to %(last)s. The table below gives the same numbers.") % {
                "first": points[0].term.label, "last": points[-1].term.label})})
    table = []
    for point in points:
        # Each term's numbers open the pupils of that term, chosen as the page chooses them.
        query = {k: v for k, v in selection.query.items() if k not in ("period", "start", "end")}
        query.update(period="custom", start=point.term.start.isoformat(), end=point.term.end.isoformat())
        size = point.rows[0].cohort_size if point.rows else 0
        table.append({"term": point.term, "size": size, "cells": _row_links(school, point.rows, query)})
    return render(request, "standing/coverage/trend.html", {
        **_page_context(request, selection, "trend"), "numbers": numbers, "small_multiples": small_multiples,
        "table": table})


@school_view()
def equity(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    selection = _selection(request)
    by = request.GET.get("by") if request.GET.get("by") in GROUPINGS else "pathway"
    overall = benchmark_coverage(school=school, start=selection.start, end=selection.end, pupils=selection.pupils)
    groups = coverage_by_group(school=school, start=selection.start, end=selection.end, pupils=selection.pupils,
                               by=by, start_year=selection.start_year)
    sections = []
    for index, all_row in enumerate(overall):
        lines = []
        bars = []
        for g_index, group in enumerate(groups):
            row = None if group.suppressed else group.rows[index]
            lines.append({
                "group": group, "row": row,
                "gap": None if row is None else row.percent - all_row.percent,
                "with_url": None if row is None else _drill_url(school, row.benchmark, selection.query,
                                                                evidence="with", by=by, group=group.key),
                "without_url": None if row is None else _drill_url(school, row.benchmark, selection.query,
                                                                   evidence="without", by=by, group=group.key)})
            text = (_("fewer than %(n)s pupils: not shown") % {"n": SUPPRESS_BELOW} if row is None else
                    _("%(pc)s%% (%(n)s of %(total)s)") % {"pc": row.percent, "n": row.with_evidence,
                                                          "total": row.cohort_size})
            bars.append(charts.Bar(label=group.label, value=0 if row is None else row.share, text=text,
                                   group=g_index))
        bars.append(charts.Bar(label=_("All pupils"), value=all_row.share, text=_("%(pc)s%% (%(n)s of %(total)s)") % {
            "pc": all_row.percent, "n": all_row.with_evidence, "total": all_row.cohort_size}, group=len(groups)))
        chart = charts.bar_chart(
            id_prefix=f"equity-{all_row.benchmark}", bars=bars,
            title=_("Benchmark %(n)s: share with evidence by %(group)s") % {
                "n": all_row.benchmark, "group": str(GROUPINGS[by]).lower()},
            desc=_("%(period)s. Groups of fewer than %(n)s pupils are not shown. The table below gives the "
                   "same numbers.") % {"period": selection.period_label, "n": SUPPRESS_BELOW})
        sections.append({"all": all_row, "lines": lines, "chart": chart})
    return render(request, "standing/coverage/equity.html", {
        **_page_context(request, selection, "equity"), "by": by, "by_label": GROUPINGS[by],
        "groupings": list(GROUPINGS.items()), "sections": sections, "suppress_below": SUPPRESS_BELOW})


@school_view()
def pupils(request: HttpRequest, number: int) -> HttpResponse:
    """The pupils behind one number: those with (or without) evidence for a benchmark."""
    school = request.school  # type: ignore[attr-defined]
    benchmark = Benchmark.objects.filter(school=school, number=number).first()
    if benchmark is None:
        raise Http404
    selection = _selection(request)
    with_evidence = request.GET.get("evidence") != "without"
    by, group = request.GET.get("by", ""), request.GET.get("group")
    group_label = None
    members = selection.pupils
    if by in GROUPINGS and group is not None:
        keys, groups = group_of_pupils(school=school, pupils=selection.pupils, by=by, start_year=selection.start_year)
        group_label = dict(groups).get(group)
        if group_label is None:
            raise Http404
        ids = [pk for pk, key in keys.items() if key == group]
        if len(ids) < SUPPRESS_BELOW:
            return render(request, "standing/coverage/pupils.html", {
                **_page_context(request, selection, "pupils"), "benchmark": benchmark, "suppressed": True,
                "with_evidence": with_evidence, "group_label": group_label, "by_label": GROUPINGS[by],
                "suppress_below": SUPPRESS_BELOW})
        members = selection.pupils.filter(pk__in=ids)
    evidenced = evidence_pupil_ids(school=school, benchmark=number, start=selection.start, end=selection.end,
                                   pupils=members)
    chosen = members.filter(pk__in=evidenced) if with_evidence else members.exclude(pk__in=evidenced)
    total = chosen.count()
    # Only pupils the member may see are named; any others are counted.
    named = (chosen.filter(pk__in=selection.visible.order_by().values("pk"))
             .order_by("legal_surname", "legal_forename", "id"))
    page = Paginator(named, PAGE_SIZE).get_page(request.GET.get("page"))
    enrolments = {e.pupil_id: e for e in Enrolment.objects.filter(
        school=school, academic_year__start_year=selection.start_year,
        pupil__in=[p.pk for p in page.object_list]).select_related("class_group", "pathway")}
    rows = [{"pupil": p, "enrolment": enrolments.get(p.pk)} for p in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    back = {"overview": reverse("coverage:overview", kwargs={"school_slug": school.slug}),
            "equity": reverse("coverage:equity", kwargs={"school_slug": school.slug})}
    back_url = (back["equity"] + "?" + urlencode({**selection.query, "by": by})) if group_label else (
        back["overview"] + ("?" + urlencode(selection.query) if selection.query else ""))
    return render(request, "standing/coverage/pupils.html", {
        **_page_context(request, selection, "pupils"), "benchmark": benchmark, "with_evidence": with_evidence,
        "total": total, "named_count": page.paginator.count, "hidden": total - page.paginator.count,
        "rows": rows, "page_obj": page, "querystring_without_page": (query.urlencode() + "&") if query else "",
        "group_label": group_label, "by_label": GROUPINGS.get(by), "back_url": back_url,
        "other_url": _drill_url(school, number, {**selection.query, **({"by": by, "group": group} if group_label
                                                                        else {})},
                                evidence="with" if not with_evidence else "without")})
