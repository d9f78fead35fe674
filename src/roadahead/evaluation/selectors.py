"""Reads for the self-evaluation: evaluations with their scores, the cohort statement, the history,
suggestions and the action plan. Each runs a fixed number of queries whatever the number of pupils.

Scoring (documented in docs/user/self-evaluation.md): a criterion achieved counts 1, in progress
counts a half, not started 0; a benchmark's percentage is the total over the number of criteria,
rounded half up to a whole number. A benchmark is fully achieved only at 100%.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.evaluation import evidence
from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Action, Criterion, Evaluation, Mark
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.schools.enums import TermName
from roadahead.schools.models import School, Term
from roadahead.schools.selectors import year_bounds
from roadahead.standing.coverage import CohortFilters, cohort, on_roll_q

TERM_ORDER = {TermName.AUTUMN: 0, TermName.SPRING: 1, TermName.SUMMER: 2}


# ## Scores ########################################################################################

@dataclass(frozen=True)
class Score:
    benchmark: int
    achieved: int = 0
    in_progress: int = 0
    not_started: int = 0

    @property
    def total(self) -> int:
        return self.achieved + self.in_progress + self.not_started

    @property
    def percent(self) -> int:
        """Achieved 1, in progress a half, over the number of criteria; rounded half up."""
        if not self.total:
            return 0
        return (200 * self.achieved + 100 * self.in_progress + self.total) // (2 * self.total)

    @property
    def fully_achieved(self) -> bool:
        return bool(self.total) and self.achieved == self.total


def scores(statuses: list[tuple[int, str]]) -> dict[int, Score]:
    """Scores per benchmark number from (benchmark number, status) pairs."""
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for number, status in statuses:
        counts[number][status] += 1
    return {n: Score(benchmark=n, achieved=c[Status.ACHIEVED], in_progress=c[Status.IN_PROGRESS],
                     not_started=c[Status.NOT_STARTED]) for n, c in sorted(counts.items())}


# ## Terms and cohorts ############################################################################

def term_dates(*, school: School, start_year: int, term: str) -> tuple[dt.date, dt.date]:
    """A term's first and last day: the school's own dates, else roughly by the month."""
    row = Term.objects.filter(school=school, academic_year__start_year=start_year, name=term).first()
    if row is not None:
        return row.starts_on, row.ends_on
    return {TermName.AUTUMN: (dt.date(start_year, 9, 1), dt.date(start_year, 12, 31)),
            TermName.SPRING: (dt.date(start_year + 1, 1, 1), dt.date(start_year + 1, 3, 31)),
            TermName.SUMMER: (dt.date(start_year + 1, 4, 1), dt.date(start_year + 1, 8, 31))}[TermName(term)]


@dataclass(frozen=True)
class Period:
    year_start: dt.date
    term_start: dt.date
    end: dt.date  # the term's last day, or today while the term runs


def period_of(evaluation: Evaluation, *, today: dt.date) -> Period:
    first, _last = year_bounds(school=evaluation.school, start_year=evaluation.start_year)
    start, end = term_dates(school=evaluation.school, start_year=evaluation.start_year, term=evaluation.term)
    end = max(min(end, today), start)
    return Period(year_start=first, term_start=start, end=end)


def cohort_label(first: str, last: str) -> str:
    if not first and not last:
        return _("All pupils on roll")
    words = evidence.cohort_words(first, last)
    return words[:1].upper() + words[1:]


def cohort_pupils(evaluation: Evaluation, *, day: dt.date) -> QuerySet[Pupil]:
    return cohort(school=evaluation.school, filters=CohortFilters(year_from=evaluation.cohort_from,
                                                                  year_to=evaluation.cohort_to),
                  start_year=evaluation.start_year, day=day)


@dataclass(frozen=True)
class CohortStatement:
    label: str
    day: dt.date
    on_roll: int
    in_cohort: int
    outside: list[tuple[str, int]]  # (NC year label, pupils) for pupils on roll outside the cohort

    @property
    def outside_total(self) -> int:
        return self.on_roll - self.in_cohort


NO_YEAR = "No NC year recorded this year"


def cohort_statement(evaluation: Evaluation, *, day: dt.date) -> CohortStatement:
    """Who the evaluation covers on `day`, and every pupil on roll outside it, counted by NC year.

    Two queries. No pupil is dropped silently: on roll = in the cohort + outside it.
    """
    school = evaluation.school
    year = Enrolment.objects.filter(school=school, pupil=OuterRef("pk"),
                                    academic_year__start_year=evaluation.start_year).values("nc_year")[:1]
    everyone = dict(Pupil.objects.filter(school=school).filter(on_roll_q(day)).order_by()
                    .annotate(nc=Subquery(year)).values_list("pk", "nc"))
    inside = set(cohort_pupils(evaluation, day=day).order_by().values_list("pk", flat=True))
    outside: Counter[str] = Counter(everyone[pk] or "" for pk in everyone if pk not in inside)
    order = {code: i for i, code in enumerate(dates.NC_YEAR_CODES)}
    rows = [(dates.nc_year_label(code) if code else NO_YEAR, outside[code])
            for code in sorted(outside, key=lambda c: order.get(c, len(order)))]
    return CohortStatement(label=cohort_label(evaluation.cohort_from, evaluation.cohort_to), day=day,
                           on_roll=len(everyone), in_cohort=len(inside & set(everyone)), outside=rows)


# ## Evaluations ###################################################################################

def _sort_key(evaluation: Evaluation) -> tuple[int, int]:
    return evaluation.start_year, TERM_ORDER[TermName(evaluation.term)]


@dataclass
class EvaluationScores:
    evaluation: Evaluation
    scores: dict[int, Score]

    @property
    def label(self) -> str:
        return f"{TermName(self.evaluation.term).label} {dates.academic_year_label(self.evaluation.start_year)}"

    @property
    def short_label(self) -> str:
        e = self.evaluation
        return f"{TermName(e.term).label[:3]} {str(e.start_year)[-2:]}/{str(e.start_year + 1)[-2:]}"

    @property
    def fully_achieved(self) -> int:
        return sum(1 for s in self.scores.values() if s.fully_achieved)


def history(*, school: School) -> list[EvaluationScores]:
    """Every evaluation of the school, oldest first, with its scores per benchmark: two queries."""
    evaluations = list(Evaluation.objects.filter(school=school))
    marks: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for evaluation_id, number, status in (Mark.objects.filter(school=school)
                                          .values_list("evaluation_id", "criterion__benchmark__number", "status")):
        marks[evaluation_id].append((number, status))
    rows = [EvaluationScores(e, scores(marks[e.pk])) for e in evaluations]
    return sorted(rows, key=lambda r: _sort_key(r.evaluation))


def evaluation_detail(*, school: School, pk: int) -> Evaluation:
    found = Evaluation.objects.filter(school=school, pk=pk).select_related("school", "created_by").first()
    if found is None:
        raise Http404
    return found


def previous_evaluation(*, evaluation: Evaluation) -> Evaluation | None:
    """The evaluation just before this one in term order (usually last term's)."""
    earlier = [e for e in Evaluation.objects.filter(school=evaluation.school_id)
               if _sort_key(e) < _sort_key(evaluation)]
    return max(earlier, key=_sort_key) if earlier else None


def marks_of(evaluation: Evaluation) -> list[Mark]:
    """The evaluation's marks in criterion order, each with its criterion and benchmark: one query."""
    return list(Mark.objects.filter(school=evaluation.school_id, evaluation=evaluation)
                .select_related("criterion__benchmark", "updated_by")
                .order_by("criterion__benchmark__number", "criterion__order", "criterion__code"))


def criteria(*, school: School) -> QuerySet[Criterion]:
    return (Criterion.objects.filter(school=school, is_active=True).select_related("benchmark")
            .order_by("benchmark__number", "order", "code"))


def benchmarks(*, school: School) -> list[Benchmark]:
    return list(Benchmark.objects.filter(school=school).order_by("number"))


@dataclass
class BenchmarkSection:
    benchmark: Benchmark
    score: Score
    previous: Score | None
    marks: list[Mark]
    suggestions: dict[int, evidence.Suggestion] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)

    @property
    def rows(self) -> list[tuple[Mark, evidence.Suggestion | None]]:
        return [(m, self.suggestions.get(m.criterion_id)) for m in self.marks]

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.score.percent - self.previous.percent


def sections(*, evaluation: Evaluation, marks: list[Mark], previous: Evaluation | None,
             suggestions: dict[int, evidence.Suggestion] | None = None,
             actions: list[Action] | None = None) -> list[BenchmarkSection]:
    """One section per benchmark: its score, last term's, its marks, suggestions and actions."""
    now = scores([(m.criterion.benchmark.number, m.status) for m in marks])
    before: dict[int, Score] = {}
    if previous is not None:
        before = scores(list(Mark.objects.filter(school=evaluation.school_id, evaluation=previous)
                             .values_list("criterion__benchmark__number", "status")))
    by_number: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        by_number[mark.criterion.benchmark.number].append(mark)
    plan: dict[int, list[Action]] = defaultdict(list)
    for action in actions or []:
        plan[action.benchmark.number].append(action)
    result = []
    for benchmark in benchmarks(school=evaluation.school):
        in_it = by_number.get(benchmark.number, [])
        result.append(BenchmarkSection(
            benchmark=benchmark, score=now.get(benchmark.number, Score(benchmark.number)),
            previous=before.get(benchmark.number) if previous is not None else None, marks=in_it,
            suggestions={m.criterion_id: suggestions[m.criterion_id] for m in in_it
                         if suggestions and m.criterion_id in suggestions},
            actions=plan.get(benchmark.number, [])))
    return result


def suggestions_for(*, evaluation: Evaluation, marks: list[Mark], today: dt.date,
                    viewer: Membership | None = None) -> dict[int, evidence.Suggestion]:
    """Suggested statuses for the evaluation's criteria that have a rule, keyed by criterion id.

    `viewer` is the member asking: rules that read lists of pupils read them as that member may.
    """
    period = period_of(evaluation, today=today)
    ctx = evidence.Context(school=evaluation.school, start_year=evaluation.start_year, year_start=period.year_start,
                           end=period.end, cohort_from=evaluation.cohort_from, cohort_to=evaluation.cohort_to,
                           cohort=cohort_pupils(evaluation, day=period.end), viewer=viewer)
    return evidence.suggest(ctx, {m.criterion_id: m.criterion.rule for m in marks if m.criterion.rule})


# ## Action plan ###################################################################################

def actions(*, school: School, include_done: bool = True) -> list[Action]:
    """The action plan, by benchmark, open actions first by due date (undated last): one query."""
    found = Action.objects.filter(school=school).select_related("benchmark", "owner_member__user", "evaluation")
    if not include_done:
        found = found.filter(done_on__isnull=True)
    rows = list(found)
    rows.sort(key=lambda a: (a.benchmark.number, a.done_on is not None, a.due_on is None,
                             a.due_on or dt.date.max, a.pk))
    return rows


def action_detail(*, school: School, pk: int) -> Action:
    found = Action.objects.filter(school=school, pk=pk).select_related("benchmark", "owner_member__user").first()
    if found is None:
        raise Http404
    return found


def is_overdue(action: Action, today: dt.date) -> bool:
    return action.done_on is None and action.due_on is not None and action.due_on < today


def marks_prefetch(school: School) -> Prefetch:
    return Prefetch("marks", queryset=Mark.objects.filter(school=school)
                    .select_related("criterion__benchmark").order_by("criterion__benchmark__number",
                                                                     "criterion__order"))
