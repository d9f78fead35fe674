"""Reads for activities: the list, one activity, the recording roster, a pupil's timeline, series totals.

Each applies the school explicitly and loads related rows in a fixed number of queries, whatever
the number of pupils or activities. Visibility of pupils comes from people.selectors.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from roadahead.activities.enums import Attendance, Engagement, Reaction, ResponseMethod
from roadahead.activities.models import Activity, ActivityType, Participation, ParticipationRevision, Series
from roadahead.benchmarks.models import Benchmark
from roadahead.people.models import Enrolment, Membership, Pupil
from roadahead.people.selectors import pupils_visible_to
from roadahead.providers.models import Provider
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on

TOOK_PART = (Attendance.ATTENDED, Attendance.PART)


def activity_types(*, school: School, include: Iterable[int] = ()) -> QuerySet[ActivityType]:
    """Types in use, plus any named in `include` (an old activity keeps its retired type)."""
    return (ActivityType.objects.filter(school=school)
            .filter(Q(is_active=True) | Q(pk__in=list(include)))
            .prefetch_related("default_benchmarks"))


def providers_for_choice(*, school: School, include: Iterable[int] = ()) -> QuerySet[Provider]:
    return Provider.objects.filter(school=school).filter(Q(is_active=True) | Q(pk__in=list(include))).order_by("name")


# ## The list ######################################################################################

@dataclass
class ActivityFilters:
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    academic_year: int | None = None  # start year
    activity_type: int | None = None
    benchmark: int | None = None  # benchmark number
    class_group: int | None = None
    text: str = ""


def activity_list(*, school: School, filters: ActivityFilters | None = None) -> QuerySet[Activity]:
    """Activities newest first with type, benchmarks and how many took part, in three queries a page."""
    filters = filters or ActivityFilters()
    activities = Activity.objects.filter(school=school)
    if filters.starts_on:
        activities = activities.filter(date__gte=filters.starts_on)
    if filters.ends_on:
        activities = activities.filter(date__lte=filters.ends_on)
    if filters.academic_year:
        activities = activities.filter(academic_year__start_year=filters.academic_year)
    if filters.activity_type:
        activities = activities.filter(activity_type_id=filters.activity_type)
    if filters.benchmark:
        activities = activities.filter(
            pk__in=Activity.benchmarks.through.objects.filter(
                benchmark__school=school, benchmark__number=filters.benchmark).values("activity_id"))
    if filters.class_group:
        # An activity "for" a class is one that any pupil of that class took part in.
        activities = activities.filter(pk__in=Participation.objects.filter(
            school=school, pupil__enrolments__class_group_id=filters.class_group).values("activity_id"))
    for word in filters.text.split()[:5]:
        activities = activities.filter(Q(title__icontains=word) | Q(purpose__icontains=word))
    return (activities.select_related("activity_type", "series")
            .prefetch_related(Prefetch("benchmarks", queryset=Benchmark.objects.order_by("number")))
            .annotate(took_part=Count("participations", filter=Q(participations__attendance__in=TOOK_PART)),
                      recorded=Count("participations"))
            .order_by("-date", "-id"))


def activity_detail(*, school: School, pk: int) -> Activity:
    """One activity of this school with its type, providers and benchmarks; 404 otherwise."""
    activity = (Activity.objects.filter(school=school, pk=pk)
                .select_related("activity_type", "series", "created_by", "scheme__subject", "term", "academic_year")
                .prefetch_related(Prefetch("providers", queryset=Provider.objects.order_by("name")),
                                  Prefetch("benchmarks", queryset=Benchmark.objects.order_by("number")))
                .first())
    if activity is None:
        raise Http404
    return activity


def participants_visible(*, activity: Activity, membership: Membership, day: dt.date) -> list[Participation]:
    """The activity's participations for pupils this member may see, by pupil name."""
    visible = pupils_visible_to(membership=membership, day=day)
    return list(Participation.objects.filter(school=activity.school_id, activity=activity,
                                             pupil__in=visible.values("pk"))
                .select_related("pupil", "recorded_by")
                .order_by("pupil__legal_surname", "pupil__legal_forename", "pupil_id"))


def hidden_participant_count(*, activity: Activity, membership: Membership, day: dt.date) -> int:
    """How many took part whom this member may not see: shown as a number, never as names."""
    visible = pupils_visible_to(membership=membership, day=day)
    return (Participation.objects.filter(school=activity.school_id, activity=activity)
            .exclude(pupil__in=visible.values("pk")).count())


def revisions_for(*, activity: Activity) -> list[ParticipationRevision]:
    """Every earlier version of the activity's participations, newest first (careers leaders only).

    Each gets `summary`: what the record said before the change, in words.
    """
    revisions = list(ParticipationRevision.objects.filter(school=activity.school_id, participation__activity=activity)
                     .select_related("changed_by", "participation__pupil").order_by("-changed_at", "-id"))
    for revision in revisions:
        revision.summary = describe_participation(revision.previous)  # type: ignore[attr-defined]
    return revisions


def describe_participation(values: dict[str, object]) -> str:
    """"Attended; Engaged; Liked it; 'I liked the tractors' (own words); note: ..." from stored values."""
    labels = {"attendance": dict(Attendance.choices), "engagement": dict(Engagement.choices),
              "reaction": dict(Reaction.choices), "response_method": dict(ResponseMethod.choices)}
    parts = [str(labels[name].get(values.get(name), "")) for name in ("attendance", "engagement", "reaction")]
    if values.get("response"):
        method = labels["response_method"].get(values.get("response_method"), "")
        parts.append(f"“{values['response']}”" + (f" ({str(method).lower()})" if method else ""))
    if values.get("staff_note"):
        parts.append(_("note: %(note)s") % {"note": values["staff_note"]})
    return "; ".join(p for p in parts if p)


# ## The recording roster ###########################################################################

@dataclass
class RosterRow:
    pupil: Pupil
    enrolment: Enrolment | None
    participation: Participation | None


def roster_for(*, membership: Membership, day: dt.date, activity: Activity | None = None,
               class_group: int | None = None, pathway: int | None = None,
               pupil_ids: Iterable[int] = ()) -> list[RosterRow]:
    """The pupils to record for: those already on the activity (or its series) plus a class, a
    pathway or hand-picked pupils; only pupils this member may see, by name. Three queries.
    """
    school = membership.school
    start_year = academic_year_start_on(school=school, day=day)
    wanted = Q(pk__in=[int(pk) for pk in pupil_ids])
    if class_group:
        wanted |= Q(pk__in=Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                                    class_group_id=class_group).values("pupil_id"))
    if pathway:
        wanted |= Q(pk__in=Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                                    pathway_id=pathway).values("pupil_id"))
    if activity is not None:
        wanted |= Q(pk__in=Participation.objects.filter(school=school, activity=activity).values("pupil_id"))
        if activity.series_id:
            wanted |= Q(pk__in=Series.pupils.through.objects.filter(series_id=activity.series_id)
                        .values("pupil_id"))
    pupils = list(
        pupils_visible_to(membership=membership, day=day).filter(wanted)
        .prefetch_related(Prefetch("enrolments", queryset=Enrolment.objects.filter(
            school=school, academic_year__start_year=start_year).select_related("class_group", "pathway"),
            to_attr="current_enrolments"))
        .order_by("legal_surname", "legal_forename", "id"))
    existing: dict[int, Participation] = {}
    if activity is not None and activity.pk:
        existing = {p.pupil_id: p for p in Participation.objects.filter(
            school=school, activity=activity, pupil_id__in=[p.pk for p in pupils])}
    return [RosterRow(pupil=p, enrolment=(p.current_enrolments or [None])[0],  # type: ignore[attr-defined]
                      participation=existing.get(p.pk)) for p in pupils]


# ## A pupil's timeline #############################################################################

@dataclass
class YearCounts:
    start_year: int
    label: str
    by_benchmark: dict[int, int]
    total: int
    cells: list[int] = field(default_factory=list)  # one per school benchmark, in number order


@dataclass
class Timeline:
    participations: list[Participation]
    benchmarks: list[Benchmark]
    years: list[YearCounts]
    year_choices: list[tuple[int, str]] = field(default_factory=list)


def _year_label(start_year: int) -> str:
    return f"{start_year}/{str(start_year + 1)[-2:]}"


def pupil_timeline(*, membership: Membership, pupil: Pupil, academic_year: int | None = None,
                   benchmark: int | None = None, as_of: dt.date | None = None) -> Timeline:
    """Everything `pupil` took part in, newest first, and how many activities evidenced each
    benchmark in each academic year (attended or part only: an absence evidences nothing).

    The caller has checked the member may see the pupil. Five queries, whatever the number of
    activities. Filters narrow the list; the counts table follows the year filter only, so it
    always shows every benchmark side by side.
    """
    school = membership.school
    base = Participation.objects.filter(school=school, pupil=pupil)
    if as_of is not None:
        base = base.filter(activity__date__lte=as_of)
    year_choices = [(y, _year_label(y)) for y in base.order_by("-activity__academic_year__start_year")
                    .values_list("activity__academic_year__start_year", flat=True).distinct()]
    if academic_year:
        base = base.filter(activity__academic_year__start_year=academic_year)
    listed = base
    if benchmark:
        listed = listed.filter(activity__benchmarks__number=benchmark)
    participations = list(
        listed.select_related("activity__activity_type", "activity__academic_year", "activity__series")
        .prefetch_related(Prefetch("activity__benchmarks", queryset=Benchmark.objects.order_by("number")),
                          Prefetch("activity__providers", queryset=Provider.objects.order_by("name")))
        .order_by("-activity__date", "-activity_id").distinct())
    rows = (base.filter(attendance__in=TOOK_PART)
            .order_by().values("activity__academic_year__start_year", "activity__benchmarks__number")
            .annotate(n=Count("activity", distinct=True)))
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows:
        number = row["activity__benchmarks__number"]
        if number is not None:
            counts[row["activity__academic_year__start_year"]][number] = row["n"]
    totals = {row["activity__academic_year__start_year"]: row["n"] for row in
              base.filter(attendance__in=TOOK_PART).order_by().values("activity__academic_year__start_year")
              .annotate(n=Count("activity", distinct=True))}
    numbers = list(Benchmark.objects.filter(school=school).order_by("number"))
    years = [YearCounts(start_year=y, label=_year_label(y), by_benchmark=counts.get(y, {}), total=totals[y],
                        cells=[counts.get(y, {}).get(b.number, 0) for b in numbers])
             for y in sorted(totals, reverse=True)]
    return Timeline(participations=participations, benchmarks=numbers, years=years, year_choices=year_choices)


# ## Series ##########################################################################################

def series_list(*, school: School) -> QuerySet[Series]:
    return (Series.objects.filter(school=school).select_related("activity_type")
            .annotate(session_count=Count("sessions", distinct=True)).order_by("-starts_on", "-id"))


def series_detail(*, school: School, pk: int) -> Series:
    series = (Series.objects.filter(school=school, pk=pk).select_related("activity_type")
              .prefetch_related(Prefetch("benchmarks", queryset=Benchmark.objects.order_by("number")),
                                Prefetch("providers", queryset=Provider.objects.order_by("name"))).first())
    if series is None:
        raise Http404
    return series


def series_sessions(*, series: Series) -> list[Activity]:
    """The sessions in date order, each with how many were recorded and took part."""
    return list(Activity.objects.filter(school=series.school_id, series=series)
                .annotate(took_part=Count("participations", filter=Q(participations__attendance__in=TOOK_PART)),
                          recorded=Count("participations"))
                .order_by("date", "id"))


@dataclass
class SeriesTotal:
    pupil: Pupil
    attended: int = 0
    part: int = 0
    absent: int = 0

    @property
    def recorded(self) -> int:
        return self.attended + self.part + self.absent


def series_totals(series: Series, *, membership: Membership | None = None,
                  day: dt.date | None = None) -> list[SeriesTotal]:
    """Per pupil, how many sessions they attended, attended in part, or missed. Two queries.

    Pupils are the series' pupils and anyone recorded at a session; with `membership`, only
    those the member may see.
    """
    school_id = series.school_id
    pupils = Pupil.objects.filter(school_id=school_id).filter(
        Q(pk__in=Series.pupils.through.objects.filter(series=series).values("pupil_id"))
        | Q(pk__in=Participation.objects.filter(school_id=school_id, activity__series=series).values("pupil_id")))
    if membership is not None:
        pupils = pupils.filter(pk__in=pupils_visible_to(membership=membership, day=day or series.starts_on)
                               .values("pk"))
    totals = {p.pk: SeriesTotal(pupil=p) for p in pupils.order_by("legal_surname", "legal_forename", "id")}
    rows = (Participation.objects.filter(school_id=school_id, activity__series=series, pupil_id__in=list(totals))
            .order_by().values("pupil_id", "attendance").annotate(n=Count("id")))
    for row in rows:
        setattr(totals[row["pupil_id"]], row["attendance"], row["n"])
    return list(totals.values())
