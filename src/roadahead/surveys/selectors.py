"""Reads for the stakeholder survey: lists, one survey's results by group, the comparison with
last year, the trend by academic year and the summary the governors' report uses.

Each read runs a fixed number of queries, whatever the number of responses: answers are counted
by the database (one row per survey, group, question and answer value) and summed here.

Small groups: for readers who see aggregates only (senior leaders and governors), a group with
fewer than `SUPPRESS_BELOW` responses, and a question fewer than that many people answered, has
its figures withheld. Written answers are never in a summary; the careers leader reads them on
the results page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404

from roadahead.core.dates import academic_year_label
from roadahead.schools.models import AcademicYear, School
from roadahead.standing.coverage import SUPPRESS_BELOW
from roadahead.surveys.enums import RATING_LABELS, Group, Kind, YesNo
from roadahead.surveys.models import Answer, Question, Response, Survey, SurveyLink

GROUP_LABELS = {g.value: str(g.label) for g in Group}


def norm(text: str) -> str:
    """Question wording as compared between years: case and spacing do not matter."""
    return " ".join(text.lower().split())


# ## Lists and single objects ######################################################################

@dataclass(frozen=True)
class SurveyRow:
    survey: Survey
    responses: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.responses.values())


def survey_rows(*, school: School) -> list[SurveyRow]:
    """Every survey, newest year first, with responses per group: two queries."""
    surveys = list(Survey.objects.filter(school=school).select_related("academic_year"))
    counts = _response_counts(school, [s.pk for s in surveys])
    return [SurveyRow(s, {g: counts.get((s.pk, g), 0) for g in Group.values}) for s in surveys]


def survey_detail(*, school: School, pk: int) -> Survey:
    found = Survey.objects.filter(school=school, pk=pk).select_related("academic_year").first()
    if found is None:
        raise Http404
    return found


def question_detail(*, survey: Survey, pk: int) -> Question:
    found = Question.objects.filter(school=survey.school_id, survey=survey, pk=pk).first()
    if found is None:
        raise Http404
    return found


def questions(*, survey: Survey) -> list[Question]:
    """Every question of a survey, in order, each with `answer_count` (it is locked when above 0)."""
    return list(Question.objects.filter(school=survey.school_id, survey=survey)
                .annotate(answer_count=Count("answers")).order_by("order", "id"))


def links(*, survey: Survey) -> dict[str, SurveyLink]:
    return {link.group: link for link in SurveyLink.objects.filter(school=survey.school_id, survey=survey)}


def link_for_token(*, token: str) -> SurveyLink | None:
    """The link with this token, in any school. Callers outside a school disable scopes for this one read."""
    if not token or len(token) > 64:
        return None
    return SurveyLink.objects.filter(token=token).select_related("survey", "school").first()


def academic_years(*, school: School) -> QuerySet[AcademicYear]:
    return AcademicYear.objects.filter(school=school).order_by("-start_year")


# ## Counting ######################################################################################

def _response_counts(school: School | int, survey_ids: Iterable[int]) -> dict[tuple[int, str], int]:
    rows = (Response.objects.filter(school=school, survey_id__in=list(survey_ids))
            .values_list("survey_id", "group").annotate(n=Count("id")).order_by())
    return {(survey_id, group): n for survey_id, group, n in rows}


def _answer_counts(school: School | int, survey_ids: Iterable[int]) -> dict[tuple[int, str], Counter[object]]:
    """Per (question id, group): how many gave each rating or yes/no answer."""
    rows = (Answer.objects.filter(school=school, response__survey_id__in=list(survey_ids))
            .exclude(question__kind=Kind.TEXT)
            .values_list("question_id", "response__group", "rating", "choice").annotate(n=Count("id")).order_by())
    found: dict[tuple[int, str], Counter[object]] = defaultdict(Counter)
    for question_id, group, rating, choice, n in rows:
        found[(question_id, group)][rating if rating is not None else choice] += n
    return found


@dataclass(frozen=True)
class Figures:
    """What one group said to one question: counts per answer, average rating and share positive."""

    answered: int
    counts: tuple[tuple[str, int], ...]
    average: float | None  # ratings only
    share_positive: float | None  # 4 or 5 for a rating, "yes" for yes/no; from 0 to 1

    @property
    def percent_positive(self) -> int | None:
        return None if self.share_positive is None else round(self.share_positive * 100)


def figures(kind: str, tally: Counter[object]) -> Figures:
    answered = sum(tally.values())
    if kind == Kind.RATING:
        counts = tuple((str(RATING_LABELS[r]), tally.get(r, 0)) for r in range(1, 6))
        total = sum(int(r) * n for r, n in tally.items())  # type: ignore[call-overload]
        average = round(total / answered, 2) if answered else None
        positive = tally.get(4, 0) + tally.get(5, 0)
    else:
        counts = tuple((str(c.label), tally.get(c.value, 0)) for c in YesNo)
        average = None
        positive = tally.get(YesNo.YES, 0)
    return Figures(answered=answered, counts=counts, average=average,
                   share_positive=(positive / answered) if answered else None)


# ## One survey's results ##########################################################################

@dataclass(frozen=True)
class Comparison:
    """The same question to the same group in last year's survey."""

    answered: int
    average: float | None
    share_positive: float | None
    suppressed: bool

    @property
    def percent_positive(self) -> int | None:
        return None if self.share_positive is None else round(self.share_positive * 100)


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    group: str
    figures: Figures | None  # None for written answers, and when withheld
    suppressed: bool
    answered: int
    last_year: Comparison | None = None
    comments: tuple[str, ...] = ()

    @property
    def is_text(self) -> bool:
        return self.question.kind == Kind.TEXT


@dataclass(frozen=True)
class GroupResult:
    group: str
    label: str
    responses: int
    suppressed: bool
    questions: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    last_year: Survey | None
    groups: tuple[GroupResult, ...]
    methods: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(g.responses for g in self.groups)


def last_years_survey(*, survey: Survey) -> Survey | None:
    """The newest survey of the academic year before this survey's."""
    return (Survey.objects.filter(school=survey.school_id,
                                  academic_year__start_year=survey.academic_year.start_year - 1)
            .order_by("-opens_on", "-id").first())


def results(*, survey: Survey, suppress: bool, with_comments: bool) -> SurveyResults:
    """Per group: responses, and per question asked of it, the figures and last year's where the
    wording matches. `suppress` withholds small groups' figures; `with_comments` adds written answers.
    Nine queries at most, whatever the number of responses."""
    school = survey.school_id
    previous = last_years_survey(survey=survey)
    ids = [survey.pk] + ([previous.pk] if previous else [])
    responses = _response_counts(school, ids)
    answers = _answer_counts(school, ids)
    asked = list(Question.objects.filter(school=school, survey_id__in=ids).order_by("order", "id"))
    now = [q for q in asked if q.survey_id == survey.pk]
    before = {(norm(q.text), q.kind): q for q in asked if previous and q.survey_id == previous.pk}
    written: dict[tuple[int, str], list[str]] = defaultdict(list)
    text_counts: Counter[tuple[int, str]] = Counter()
    for question_id, group, text in (Answer.objects.filter(school=school, response__survey=survey,
                                                           question__kind=Kind.TEXT)
                                     .exclude(text="").values_list("question_id", "response__group", "text")
                                     .order_by("response__answered_on", "id")):
        text_counts[(question_id, group)] += 1
        if with_comments:
            written[(question_id, group)].append(text)
    methods = {row["method"]: row["n"] for row in Response.objects.filter(school=school, survey=survey)
               .values("method").annotate(n=Count("id")).order_by()}
    groups = []
    for group in Group.values:
        count = responses.get((survey.pk, group), 0)
        small_group = suppress and count < SUPPRESS_BELOW
        rows = []
        for question in now:
            if not question.asks(group):
                continue
            if question.kind == Kind.TEXT:
                rows.append(QuestionResult(question=question, group=group, figures=None, suppressed=small_group,
                                           answered=text_counts[(question.pk, group)],
                                           comments=tuple(written.get((question.pk, group), ()))))
                continue
            found = figures(question.kind, answers.get((question.pk, group), Counter()))
            hidden = small_group or (suppress and found.answered < SUPPRESS_BELOW)
            comparison = None
            old = before.get((norm(question.text), question.kind))
            if old is not None and old.asks(group) and previous is not None:
                earlier = figures(old.kind, answers.get((old.pk, group), Counter()))
                old_hidden = suppress and (responses.get((previous.pk, group), 0) < SUPPRESS_BELOW
                                           or earlier.answered < SUPPRESS_BELOW)
                comparison = Comparison(answered=earlier.answered, suppressed=old_hidden,
                                        average=None if old_hidden else earlier.average,
                                        share_positive=None if old_hidden else earlier.share_positive)
            rows.append(QuestionResult(question=question, group=group, figures=None if hidden else found,
                                       suppressed=hidden, answered=found.answered, last_year=comparison))
        groups.append(GroupResult(group=group, label=GROUP_LABELS[group], responses=count, suppressed=small_group,
                                  questions=tuple(rows)))
    return SurveyResults(survey=survey, last_year=previous, groups=tuple(groups), methods=methods)


def anonymous_responses(*, survey: Survey) -> tuple[list[Question], list[tuple[Response, dict[int, str]]]]:
    """Every response with its answers as text, for the careers leader's CSV: three queries."""
    asked = list(Question.objects.filter(school=survey.school_id, survey=survey).order_by("order", "id"))
    found: list[tuple[Response, dict[int, str]]] = []
    by_response: dict[int, dict[int, str]] = defaultdict(dict)
    for answer in Answer.objects.filter(school=survey.school_id, response__survey=survey):
        if answer.rating is not None:
            value = str(answer.rating)
        elif answer.choice:
            value = str(YesNo(answer.choice).label)
        else:
            value = answer.text
        by_response[answer.response_id][answer.question_id] = value
    for response in Response.objects.filter(school=survey.school_id, survey=survey).order_by("answered_on", "id"):
        found.append((response, by_response.get(response.pk, {})))
    return asked, found


# ## Trend by academic year ########################################################################

@dataclass(frozen=True)
class TrendCell:
    responses: int
    suppressed: bool
    average: float | None
    share_positive: float | None

    @property
    def percent_positive(self) -> int | None:
        return None if self.share_positive is None else round(self.share_positive * 100)


@dataclass(frozen=True)
class TrendYear:
    start_year: int
    label: str
    cells: dict[str, TrendCell]


def trend(*, school: School, suppress: bool) -> list[TrendYear]:
    """Per academic year (oldest first) and group: responses, average rating over every rating
    answer, and the share of positive answers (4-5 or yes) over every rating and yes/no answer."""
    responses = (Response.objects.filter(school=school)
                 .values_list("survey__academic_year__start_year", "group").annotate(n=Count("id")).order_by())
    answers = (Answer.objects.filter(school=school).exclude(question__kind=Kind.TEXT)
               .values_list("response__survey__academic_year__start_year", "response__group", "rating", "choice")
               .annotate(n=Count("id")).order_by())
    counts = {(year, group): n for year, group, n in responses}
    ratings: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])  # sum of ratings, ratings
    closed: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])  # positive, answers
    for year, group, rating, choice, n in answers:
        if rating is not None:
            ratings[(year, group)][0] += rating * n
            ratings[(year, group)][1] += n
        closed[(year, group)][0] += n if (rating is not None and rating >= 4) or choice == YesNo.YES else 0
        closed[(year, group)][1] += n
    years = sorted({year for year, _group in counts})
    found = []
    for year in years:
        cells = {}
        for group in Group.values:
            n = counts.get((year, group), 0)
            hidden = suppress and n < SUPPRESS_BELOW
            total, rated = ratings.get((year, group), (0, 0))
            positive, answered = closed.get((year, group), (0, 0))
            cells[group] = TrendCell(responses=n, suppressed=hidden,
                                     average=None if hidden or not rated else round(total / rated, 2),
                                     share_positive=None if hidden or not answered else positive / answered)
        found.append(TrendYear(start_year=year, label=academic_year_label(year), cells=cells))
    return found


# ## The summary for reports #######################################################################

@dataclass(frozen=True)
class GroupSummary:
    group: str
    label: str
    responses: int
    suppressed: bool


@dataclass(frozen=True)
class QuestionSummary:
    text: str
    group: str
    group_label: str
    responses: int  # people in the group who answered it
    average: float | None  # ratings only; None when withheld
    share_positive: float | None  # 0 to 1: 4-5 for a rating, "yes" for yes/no; None when withheld
    suppressed: bool


@dataclass(frozen=True)
class YearSummary:
    titles: tuple[str, ...]
    groups: tuple[GroupSummary, ...]
    questions: tuple[QuestionSummary, ...]


def year_summary(*, school: School, academic_year: AcademicYear, suppress: bool) -> YearSummary | None:
    """The stakeholder survey(s) of one academic year, as figures only; None when there was none.

    Returns a frozen `YearSummary`:
    - `titles`: tuple[str, ...], the year's survey titles, oldest first;
    - `groups`: tuple[GroupSummary, ...], one per group (pupils, parents and carers, employers and
      providers, staff) with `label`, `responses` (responses that year) and `suppressed` (True when
      `suppress` and fewer than five responded: show "Fewer than 5 responses", not the figures);
    - `questions`: tuple[QuestionSummary, ...], one per rating or yes/no question and group asked it
      (the same wording in two surveys of the year is counted together), with `text`,
      `group_label`, `responses` (how many answered it), `average` (mean rating from 1 to 5, None
      for yes/no), `share_positive` (0 to 1) and `suppressed` (figures None when True).
    Written answers are never included. Four queries.
    """
    surveys = list(Survey.objects.filter(school=school, academic_year=academic_year).order_by("opens_on", "id"))
    if not surveys:
        return None
    ids = [s.pk for s in surveys]
    responses = _response_counts(school, ids)
    answers = _answer_counts(school, ids)
    per_group = {g: sum(responses.get((i, g), 0) for i in ids) for g in Group.values}
    groups = tuple(GroupSummary(group=g, label=GROUP_LABELS[g], responses=per_group[g],
                                suppressed=suppress and per_group[g] < SUPPRESS_BELOW) for g in Group.values)
    merged: dict[tuple[str, str, str], tuple[str, Counter[object]]] = {}
    for question in (Question.objects.filter(school=school, survey_id__in=ids, is_active=True)
                     .exclude(kind=Kind.TEXT).order_by("survey__opens_on", "order", "id")):
        for group in question.groups:
            key = (norm(question.text), question.kind, group)
            text, tally = merged.setdefault(key, (question.text, Counter()))
            tally.update(answers.get((question.pk, group), Counter()))
    rows = []
    for group in Group.values:
        for (_text, kind, asked), (text, tally) in merged.items():
            if asked != group:
                continue
            found = figures(kind, tally)
            hidden = suppress and (per_group[group] < SUPPRESS_BELOW or found.answered < SUPPRESS_BELOW)
            rows.append(QuestionSummary(text=text, group=group, group_label=GROUP_LABELS[group],
                                        responses=found.answered, suppressed=hidden,
                                        average=None if hidden else found.average,
                                        share_positive=None if hidden else found.share_positive))
    return YearSummary(titles=tuple(s.title for s in surveys), groups=groups, questions=tuple(rows))


def groups_responding(*, school: School, start_year: int) -> tuple[Survey | None, dict[str, int]]:
    """The newest survey of an academic year and responses per group over all that year's surveys."""
    surveys = list(Survey.objects.filter(school=school, academic_year__start_year=start_year)
                   .order_by("-opens_on", "-id"))
    if not surveys:
        return None, {}
    counts = _response_counts(school, [s.pk for s in surveys])
    return surveys[0], {g: sum(n for (_s, grp), n in counts.items() if grp == g) for g in Group.values}
