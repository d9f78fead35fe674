"""Suggested statuses from what the school has recorded, each with the figure behind it and a link
to the page listing the pupils or records.

A rule only suggests: the careers leader confirms or changes every status (services never let a
suggestion replace a confirmed one). Rules read other apps through their selectors only. Where a
criterion needs judgement the records cannot give (every key stage, the quality of a scheme), the
rule suggests "in progress" at most and says so.

The period is the evaluation's academic year, from its first day to the end of the term (or
today, for the term in progress). "By 16" criteria look at cohort pupils in Year 11 and above and
count evidence from any year; "by 18" criteria look at pupils in Years 12 to 14 this year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from roadahead.activities.selectors import ActivityFilters, activity_list
from roadahead.core import dates
from roadahead.cpd.selectors import totals as cpd_totals
from roadahead.curriculum.selectors import coverage_grid
from roadahead.destinations.enums import CheckInState
from roadahead.destinations.selectors import leaver_rows
from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Criterion
from roadahead.lmi.selectors import year_summary
from roadahead.people.enums import Role
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import School
from roadahead.standing.coverage import SUPPRESS_BELOW, CohortFilters, benchmark_coverage, cohort
from roadahead.standing.reports import pal_records
from roadahead.surveys.enums import Group
from roadahead.surveys.selectors import groups_responding

# Evidence older than the school can hold: "by 16" counts anything ever recorded.
EVER = dt.date(2000, 1, 1)
BY_16 = "11"  # the NC year in which pupils turn 16
POST_16 = ("12", "14")


@dataclass(frozen=True)
class Suggestion:
    status: str
    figure: str  # what the records say, in a sentence
    url: str = ""  # the page with the pupils or records behind the figure
    link_text: str = ""
    count: int | None = None  # pupils with evidence, when the figure counts pupils
    total: int | None = None  # pupils looked at
    capped: bool = False  # the records alone cannot show "achieved"

    @property
    def label(self) -> str:
        return str(Status(self.status).label)


@dataclass
class Context:
    """What every rule needs: the school, the period, the cohort; results shared between rules."""

    school: School
    start_year: int
    year_start: dt.date
    end: dt.date
    cohort_from: str
    cohort_to: str
    cohort: QuerySet[Pupil]
    viewer: Membership | None = None  # whose visibility reads of pupil lists go through
    cache: dict[Any, Any] = field(default_factory=dict)

    def once(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


def _share_status(count: int, total: int) -> str:
    if total and count >= total:
        return Status.ACHIEVED
    return Status.IN_PROGRESS if count else Status.NOT_STARTED


def _narrow(ctx: Context, first: str, last: str) -> tuple[str, str] | None:
    """The NC years both the cohort and `first`..`last` cover, or None when they do not meet."""
    ordinal = dates.nc_year_ordinal
    low_codes = [c for c in (ctx.cohort_from, first) if c]
    high_codes = [c for c in (ctx.cohort_to, last) if c]
    low = max(low_codes, key=lambda c: ordinal(c) or 0) if low_codes else ""
    high = min(high_codes, key=lambda c: ordinal(c) or 99) if high_codes else ""
    if low and high and (ordinal(low) or 0) > (ordinal(high) or 99):
        return None
    return low, high


def _coverage(ctx: Context, benchmark: int, *, ever: bool, years: tuple[str, str] | None) -> Suggestion | None:
    """Cohort pupils (optionally only some NC years) with evidence for a benchmark."""
    span = (ctx.cohort_from, ctx.cohort_to) if years is None else _narrow(ctx, *years)
    if span is None:
        return None
    start = EVER if ever else ctx.year_start

    def compute() -> list[Any]:
        pupils = ctx.cohort
        if years is not None:
            pupils = cohort(school=ctx.school, filters=CohortFilters(year_from=span[0], year_to=span[1]),
                            start_year=ctx.start_year, day=ctx.end)
        return benchmark_coverage(school=ctx.school, start=start, end=ctx.end, pupils=pupils)

    rows = ctx.once(("coverage", ever, span), compute)
    row = next((r for r in rows if r.benchmark == benchmark), None)
    if row is None or not row.cohort_size:
        return None
    who = cohort_words(*span)
    when = _("at any time") if ever else _("this academic year")
    figure = _("%(n)s of %(total)s pupils (%(who)s) took part in an activity recorded against Benchmark "
               "%(b)s %(when)s.") % {"n": row.with_evidence, "total": row.cohort_size, "who": who, "b": benchmark,
                                     "when": when}
    query = {"period": "custom", "start": start.isoformat(), "end": ctx.end.isoformat(), "evidence": "without"}
    if span[0]:
        query["year_from"] = span[0]
    if span[1]:
        query["year_to"] = span[1]
    url = reverse("coverage:pupils", kwargs={"school_slug": ctx.school.slug, "number": benchmark})
    return Suggestion(status=_share_status(row.with_evidence, row.cohort_size), figure=figure,
                      url=f"{url}?{urlencode(query)}", link_text=_("Pupils without evidence"),
                      count=row.with_evidence, total=row.cohort_size)


def cohort_words(first: str, last: str) -> str:
    if not first and not last:
        return _("all on roll")
    if first and last:
        return _("%(first)s to %(last)s") % {"first": dates.nc_year_label(first), "last": dates.nc_year_label(last)}
    if first:
        return _("%(first)s and above") % {"first": dates.nc_year_label(first)}
    return _("up to %(last)s") % {"last": dates.nc_year_label(last)}


def _meaningful(ctx: Context, benchmark: int) -> Suggestion:
    """How many of the year's activities for a benchmark met the whole "meaningful" checklist."""
    found = list(activity_list(school=ctx.school, filters=ActivityFilters(
        starts_on=ctx.year_start, ends_on=ctx.end, benchmark=benchmark)).values_list("meaningful", flat=True))
    total, good = len(found), sum(1 for m in found if m)
    query = urlencode({"benchmark": benchmark, "starts_on": ctx.year_start.isoformat(), "ends_on": ctx.end.isoformat()})
    url = reverse("activities:list", kwargs={"school_slug": ctx.school.slug}) + f"?{query}"
    if not total:
        figure = _("No activities recorded against Benchmark %(b)s this academic year.") % {"b": benchmark}
    else:
        figure = _("%(n)s of %(total)s activities recorded against Benchmark %(b)s this academic year met every "
                   "point of the meaningful checklist.") % {"n": good, "total": total, "b": benchmark}
    return Suggestion(status=_share_status(good, total), figure=figure, url=url, link_text=_("The activities"))


def _year_link(name: str, ctx: Context) -> str:
    return reverse(name, kwargs={"school_slug": ctx.school.slug}) + f"?year={ctx.start_year}"


def _staff_training(ctx: Context) -> Suggestion:
    rows = [t for t in ctx.once("cpd", lambda: cpd_totals(school=ctx.school, start_year=ctx.start_year))
            if t.member.is_active and t.member.role in {Role.CAREERS_LEADER, Role.STAFF}]
    trained = sum(1 for t in rows if t.records)
    figure = _("%(n)s of %(total)s members of staff have careers training recorded this academic year.") % {
        "n": trained, "total": len(rows)}
    return Suggestion(status=_share_status(trained, len(rows)), figure=figure,
                      url=_year_link("cpd:list", ctx), link_text=_("Staff careers training"))


def _careers_leader(ctx: Context) -> Suggestion:
    rows = ctx.once("cpd", lambda: cpd_totals(school=ctx.school, start_year=ctx.start_year))
    trained = any(t.records for t in rows if t.member.role == Role.CAREERS_LEADER)
    named = bool(ctx.school.careers_leader_name.strip())
    if named and trained:
        status, figure = Status.ACHIEVED, _("A careers leader is named in the school's details, and careers "
                                            "leader training is recorded this academic year.")
    elif named:
        status, figure = Status.IN_PROGRESS, _("A careers leader is named in the school's details, but no careers "
                                               "leader training is recorded this academic year.")
    else:
        status, figure = Status.NOT_STARTED, _("No careers leader is named in the school's details.")
    return Suggestion(status=status, figure=figure, url=_year_link("cpd:list", ctx),
                      link_text=_("Staff careers training"))


def _lmi(ctx: Context, audience: str) -> Suggestion:
    summary = ctx.once("lmi", lambda: year_summary(school=ctx.school, start_year=ctx.start_year))
    count = {"pupils": summary.with_classes + summary.with_pathways, "families": summary.with_families,
             "staff": summary.with_staff}[audience]
    words = {"pupils": _("with classes or pathways"), "families": _("with families"), "staff": _("with staff")}
    figure = _("Times labour market information was shared %(who)s this academic year: %(n)s.") % {
        "who": words[audience], "n": count}
    return Suggestion(status=Status.IN_PROGRESS if count else Status.NOT_STARTED, figure=figure,
                      url=_year_link("lmi:list", ctx), link_text=_("Labour market information log"), capped=True)


def _curriculum(ctx: Context) -> Suggestion:
    grid = ctx.once("curriculum", lambda: coverage_grid(school=ctx.school, start_year=ctx.start_year))
    cells = sum(len(cells) for _subject, cells in grid.rows)
    covered = cells - grid.gaps
    figure = _("%(n)s of %(total)s subject and phase pairs have a scheme of learning with a careers statement.") % {
        "n": covered, "total": cells}
    return Suggestion(status=_share_status(covered, cells), figure=figure, url=_year_link("curriculum:grid", ctx),
                      link_text=_("Careers in the curriculum"))


def _provider_access(ctx: Context) -> Suggestion | None:
    if not ctx.school.check_provider_access:
        return None
    records = ctx.once("pal", lambda: pal_records(school=ctx.school, as_of=ctx.end, pupils=ctx.cohort))
    if not records:
        return None
    # A pupil is behind if any of their key phases is at risk or not met, and has met PAL when all are met.
    phases: dict[str, set[str]] = {}
    for record in records:
        phases.setdefault(record["upn"], set()).add(record["status"])
    behind = sum(1 for found in phases.values() if found & {"at_risk", "not_met"})
    met = sum(1 for found in phases.values() if found == {"met"})
    fine = len(phases) - behind
    figure = _("Of %(total)s pupils in the PAL key phases, %(met)s have met their provider encounters, %(track)s "
               "are on track and %(behind)s are at risk or have not met them.") % {
        "total": len(phases), "met": met, "track": fine - met, "behind": behind}
    url = reverse("standing:grid", kwargs={"school_slug": ctx.school.slug})
    # Achieved while nobody is behind: a pupil on track mid-phase is where the law expects them to be.
    return Suggestion(status=_share_status(fine, len(phases)), figure=figure, url=url,
                      link_text=_("Where pupils stand"), count=fine, total=len(phases))


def _destinations(ctx: Context) -> Suggestion | None:
    """Leavers of the last three years with a destination recorded, and check-ins not overdue."""
    if ctx.viewer is None:
        return None
    # Three years back; 29 February steps back to the 28th.
    since = dt.date(ctx.end.year - 3, ctx.end.month, min(ctx.end.day, 28) if ctx.end.month == 2 else ctx.end.day)
    rows = leaver_rows(membership=ctx.viewer, day=ctx.end, left_from=since, left_to=ctx.end)
    if not rows:
        return None
    recorded = sum(1 for r in rows if r.destination is not None)
    overdue = sum(1 for r in rows if r.next_state == CheckInState.OVERDUE)
    figure = _("%(n)s of %(total)s pupils who left in the last three years have a destination recorded; "
               "check-ins overdue: %(late)s.") % {"n": recorded, "total": len(rows), "late": overdue}
    status = _share_status(recorded, len(rows))
    if status == Status.ACHIEVED and overdue:
        status = Status.IN_PROGRESS
    url = reverse("destinations:list", kwargs={"school_slug": ctx.school.slug})
    return Suggestion(status=status, figure=figure, url=url, link_text=_("Leavers' destinations"),
                      count=recorded, total=len(rows))


def _stakeholder_feedback(ctx: Context) -> Suggestion:
    """Benchmark 1: this academic year's stakeholder survey, and which of the four groups answered it."""
    survey, counts = ctx.once("surveys", lambda: groups_responding(school=ctx.school, start_year=ctx.start_year))
    if survey is None:
        return Suggestion(status=Status.NOT_STARTED, figure=_("No stakeholder survey this academic year."),
                          url=reverse("surveys:list", kwargs={"school_slug": ctx.school.slug}),
                          link_text=_("Stakeholder survey"))
    answered = [str(g.label).lower() for g in Group if counts.get(g.value)]
    missing = [str(g.label).lower() for g in Group if not counts.get(g.value)]
    if not answered:
        status, figure = Status.NOT_STARTED, _("This academic year's stakeholder survey has no responses yet.")
    elif missing:
        status = Status.IN_PROGRESS
        figure = _("This academic year's stakeholder survey has responses from %(some)s; none yet from "
                   "%(missing)s.") % {"some": ", ".join(answered), "missing": ", ".join(missing)}
    else:
        status = Status.ACHIEVED
        figure = _("This academic year's stakeholder survey has responses from all four groups: pupils, parents and "
                   "carers, employers and providers, and staff.")
    return Suggestion(status=status, figure=figure, link_text=_("Survey results"),
                      url=reverse("surveys:detail", kwargs={"school_slug": ctx.school.slug, "pk": survey.pk}))


RULES: dict[str, Callable[[Context], Suggestion | None]] = {
    "destinations_followed": _destinations,
    "careers_leader_named": _careers_leader,
    "staff_training": _staff_training,
    "lmi_pupils": lambda ctx: _lmi(ctx, "pupils"),
    "lmi_families": lambda ctx: _lmi(ctx, "families"),
    "lmi_staff": lambda ctx: _lmi(ctx, "staff"),
    "pupil_records": lambda ctx: _coverage(ctx, 3, ever=False, years=None),
    "curriculum_links": _curriculum,
    "employer_encounters": lambda ctx: _coverage(ctx, 5, ever=False, years=None),
    "employer_meaningful": lambda ctx: _meaningful(ctx, 5),
    "workplace_by_16": lambda ctx: _coverage(ctx, 6, ever=True, years=(BY_16, "14")),
    "workplace_post_16": lambda ctx: _coverage(ctx, 6, ever=False, years=POST_16),
    "workplace_meaningful": lambda ctx: _meaningful(ctx, 6),
    "providers_by_16": lambda ctx: _coverage(ctx, 7, ever=True, years=(BY_16, "14")),
    "provider_access": _provider_access,
    "guidance_by_16": lambda ctx: _coverage(ctx, 8, ever=True, years=(BY_16, "14")),
    "guidance_post_16": lambda ctx: _coverage(ctx, 8, ever=False, years=POST_16),
    "stakeholder_feedback": _stakeholder_feedback,
}

# Criteria loaded before their rule existed carry no rule name: matched by their code instead.
RULES_BY_CODE = {"1.6": "stakeholder_feedback"}


def suppress(suggestion: Suggestion) -> Suggestion:
    """The suggestion for readers who see aggregates only: small groups lose their figure and link."""
    if suggestion.total is not None and suggestion.total < SUPPRESS_BELOW:
        return Suggestion(status=suggestion.status, capped=suggestion.capped, figure=_(
            "Fewer than %(n)s pupils: the figure is not shown.") % {"n": SUPPRESS_BELOW})
    return Suggestion(status=suggestion.status, figure=suggestion.figure, capped=suggestion.capped,
                      count=suggestion.count, total=suggestion.total)


def suggest(ctx: Context, rules: dict[int, str]) -> dict[int, Suggestion]:
    """Suggestions for criteria by id, from their rule names; criteria whose rule has nothing to go on are left out."""
    rules = dict(rules)
    for pk, code in Criterion.objects.filter(school=ctx.school, code__in=list(RULES_BY_CODE), rule="",
                                             is_active=True).values_list("pk", "code"):
        rules.setdefault(pk, RULES_BY_CODE[code])
    found: dict[int, Suggestion] = {}
    for criterion_id, name in rules.items():
        rule = RULES.get(name)
        result = rule(ctx) if rule is not None else None
        if result is not None:
            found[criterion_id] = result
    return found
