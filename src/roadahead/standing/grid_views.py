"""The cohort grid (pupils by rules on a chosen day), its CSV file, and "who still needs what".

Thin: the forms read the filters, `standing.selectors` asks the engine and lays out its rows, and
the pages post chosen pupils to the activity form (activities:create with from_standing=1), which
checks them against the pupils the member may see.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from roadahead.activities import rules as activity_rules
from roadahead.audit.services import log_action
from roadahead.core.downloads import csv_response
from roadahead.people import rules as people_rules
from roadahead.people.decorators import school_view
from roadahead.schools.selectors import academic_year_start_on, class_groups, pathways, phases
from roadahead.standing import selectors
from roadahead.standing.grid_forms import CohortFilterForm, GridFilterForm, NeedsFilterForm

PAGE_SIZE = 100

# (key, ?sort= when first chosen, aria-sort for the natural direction)
SORT_COLUMNS = {"name": "ascending", "year": "ascending", "not_met": "descending"}


def _form(request: HttpRequest, form_class: type[CohortFilterForm]) -> CohortFilterForm:
    school = request.school  # type: ignore[attr-defined]
    start_year = academic_year_start_on(school=school, day=timezone.localdate())
    return form_class(request.GET or None, class_groups=class_groups(school=school, start_year=start_year),
                      pathways=pathways(school=school), phases=phases(school=school))


def _grid(request: HttpRequest) -> tuple[GridFilterForm, selectors.Grid]:
    membership = request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    form = _form(request, GridFilterForm)
    as_of = (form.cleaned_data.get("as_of") if form.is_bound and form.is_valid() else None) or today
    grid = selectors.cohort_grid(membership=membership, filters=form.filters(), as_of=as_of, today=today,
                                 sort=request.GET.get("sort", "name"))
    return form, grid  # type: ignore[return-value]


def _query_without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return (query.urlencode() + "&") if query else ""


def _sort_links(request: HttpRequest, current: str) -> dict[str, dict[str, str]]:
    """For each sortable column: the address that sorts by it (again: the other way) and its aria-sort."""
    base = _query_without(request, "sort", "page")
    links = {}
    for key, natural in SORT_COLUMNS.items():
        other = "descending" if natural == "ascending" else "ascending"
        if current == key:
            links[key] = {"url": f"?{base}sort=-{key}", "aria": natural}
        elif current == f"-{key}":
            links[key] = {"url": f"?{base}sort={key}", "aria": other}
        else:
            links[key] = {"url": f"?{base}sort={key}", "aria": ""}
    return links


def _cells_html(cells: list[selectors.Cell], made: dict[tuple, SafeString]) -> SafeString:
    """A row's rule cells. Built here rather than in the template: a page of a hundred pupils
    by twenty rules is two thousand cells, and the template engine takes a second over them.
    Cells with the same figures and status look the same, so each is made once (`made`)."""
    parts = []
    for cell in cells:
        key = (cell.standing.achieved, cell.standing.required, cell.status) if cell.standing else None
        html = made.get(key)
        if html is None:
            if cell.standing is None:
                html = format_html('<td class="govuk-table__cell"><span aria-hidden="true">&ndash;</span>'
                                   '<span class="govuk-visually-hidden">{}</span></td>', _("Does not apply"))
            else:
                html = format_html('<td class="govuk-table__cell"><span class="ra-nowrap">{} {} {}</span> '
                                   '<strong class="govuk-tag ra-nowrap {}">{}</strong></td>', cell.standing.achieved,
                                   _("of"), cell.standing.required, cell.tag_class, cell.label)
            made[key] = html
        parts.append(html)
    return mark_safe("".join(parts))  # every part above was built by format_html  # nosec B308, B703  # every part built by format_html


@school_view()
def grid(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    form, cohort = _grid(request)
    page = Paginator(cohort.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    made: dict[tuple, SafeString] = {}
    rows = [(row, _cells_html(row.cells, made)) for row in page.object_list]
    return render(request, "standing/grid/grid.html", {
        "form": form, "grid": cohort, "page_obj": page, "rows": rows, "summary": cohort.summary_lines(),
        "querystring_without_page": _query_without(request, "page"),
        "export_query": _query_without(request, "page").rstrip("&"),
        "sort_links": _sort_links(request, cohort.sort),
        "can_record": activity_rules.can_record(membership), "can_export": people_rules.can_export(membership),
        "filtered": any(v for k, v in request.GET.items() if k not in {"page", "sort"}),
        "today": timezone.localdate(),
    })


def grid_csv_rows(cohort: selectors.Grid) -> list[list[Any]]:
    """The grid as the page shows it (every page of it), with its summary row last."""
    header = [_("Pupil"), _("NC year"), _("Class"), _("Pathway"), _("Rules not met"),
              *[rule.name for rule in cohort.columns]]
    rows: list[list[Any]] = [header]
    for row in cohort.rows:
        p = row.pupil
        rows.append([p.sort_name, p.nc_year_label, p.class_name, p.pathway_name, row.not_met,
                     *[cell.text for cell in row.cells]])
    totals = sum(row.not_met for row in cohort.rows)
    rows.append([_("Summary: %(n)s pupils") % {"n": len(cohort.rows)}, "", "", "", totals,
                 *["; ".join(f"{label} {n}" for _status, label, n in line) for line in cohort.summary_lines()]])
    return rows  # csv_response guards each cell against formulas


@school_view(people_rules.can_export)
def grid_export(request: HttpRequest) -> HttpResponse:
    school = request.school  # type: ignore[attr-defined]
    _form, cohort = _grid(request)
    # Field names only, never values: a filter such as a need says nothing about who was exported.
    log_action(school=school, user=request.user, action="export.standing", data={
        "as_of": cohort.as_of.isoformat(), "pupils": len(cohort.rows), "rules": len(cohort.columns),
        "sort": cohort.sort, "filters": sorted(k for k, v in request.GET.items() if v and k not in {"sort", "page"})})
    return csv_response(f"{school.slug}-standing-{cohort.as_of.isoformat()}.csv", None, grid_csv_rows(cohort),
                        bom=True)


def _need_rows_html(group: selectors.NeedGroup, rows: list[selectors.NeedRow], *, school_slug: str,
                    can_record: bool) -> SafeString:
    """One rule's table rows, built here for the same reason as the grid's cells: there may be thousands."""
    choose = _("Choose")

    def row_html(row: selectors.NeedRow) -> SafeString:
        p, s, rule_id = row.pupil, row.standing, group.rule.id
        pick = format_html(
            '<td class="govuk-table__cell"><div class="govuk-checkboxes govuk-checkboxes--small" '
            'data-module="govuk-checkboxes"><div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            'id="pick-{}-{}" name="pupils" type="checkbox" value="{}" data-pick><label class="govuk-label '
            'govuk-checkboxes__label" for="pick-{}-{}"><span class="govuk-visually-hidden">{} {}</span></label>'
            '</div></div></td>', rule_id, p.id, p.id, rule_id, p.id, choose, p.sort_name) if can_record else ""
        url = reverse("people:pupil_detail", kwargs={"school_slug": school_slug, "pk": p.id})
        return format_html(
            '<tr class="govuk-table__row">{}<th scope="row" class="govuk-table__header ra-nowrap">'
            '<a class="govuk-link" href="{}">{}</a></th><td class="govuk-table__cell ra-nowrap">{}</td>'
            '<td class="govuk-table__cell">{}</td>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
            '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td>'
            '<td class="govuk-table__cell ra-nowrap">{}</td><td class="govuk-table__cell"><strong class="govuk-tag '
            'ra-nowrap {}">{}</strong></td></tr>', pick, url, p.sort_name, p.nc_year_label or "\u2013",
            p.pathway_name or "\u2013", s.achieved, s.missing, format_date(s.period_end, "j M Y"), row.tag_class,
            row.status_label)

    return format_html_join("", "{}", ((row_html(row),) for row in rows))


# Each rule shows its first pupils (the most short first); "show all" opens that rule alone, a
# hundred to a page, so the page stays small whatever the size of the school.
NEEDS_PREVIEW = 20


@school_view()
def needs(request: HttpRequest) -> HttpResponse:
    membership = request.membership  # type: ignore[attr-defined]
    today = timezone.localdate()
    form = _form(request, NeedsFilterForm)
    period = (form.cleaned_data.get("period") if form.is_bound and form.is_valid() else "") or "term"
    result = selectors.still_needed(membership=membership, filters=form.filters(), today=today, period=period)
    can_record = activity_rules.can_record(membership)
    slug = request.school.slug  # type: ignore[attr-defined]
    chosen = next((g for g in result.groups if str(g.rule.id) == request.GET.get("rule")), None)
    page = None
    if chosen is not None:
        page = Paginator(chosen.rows, PAGE_SIZE).get_page(request.GET.get("page"))
        shown = [(chosen, list(page.object_list))]
    else:
        shown = [(group, group.rows[:NEEDS_PREVIEW]) for group in result.groups]
    groups = [(group, _need_rows_html(group, rows, school_slug=slug, can_record=can_record), len(rows))
              for group, rows in shown]
    return render(request, "standing/grid/needs.html", {
        "form": form, "needs": result, "groups": groups, "can_record": can_record, "chosen": chosen,
        "page_obj": page, "querystring_without_page": _query_without(request, "page"),
        "all_rules_query": _query_without(request, "rule", "page").rstrip("&"),
        "filtered": any(v for k, v in request.GET.items() if k not in {"period", "rule", "page"}),
    })
