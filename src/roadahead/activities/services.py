"""Writes for activities: creating and changing activities, and recording who took part and how.

Recording a class is one call, `record_participations`, so a class of twelve takes one screen and
one save. Every save keeps `meaningful` and `counts_for_pal` right, and every change to a pupil's
participation keeps the previous values as a revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.activities.defaults import DEFAULT_ACTIVITY_TYPES
from roadahead.activities.enums import Attendance, Frequency
from roadahead.activities.models import Activity, ActivityType, Participation, ParticipationRevision, Series
from roadahead.audit.services import log_action
from roadahead.benchmarks.models import Benchmark
from roadahead.benchmarks.services import ensure_benchmarks
from roadahead.core.locking import claim_next_version
from roadahead.people.models import Pupil
from roadahead.providers.models import Provider
from roadahead.schools.models import School, Term
from roadahead.schools.selectors import academic_year_start_on
from roadahead.schools.services import ensure_academic_year

ACTIVITY_FIELDS = (
    "activity_type", "title", "date", "end_date", "setting", "people_met", "purpose", "learning_outcomes",
    "scheme", "series", "purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task",
    "employer_feedback", "pal_provider", "pal_careers", "pal_learning", "pal_questions", "in_school_day",
)
PARTICIPATION_FIELDS = ("attendance", "engagement", "reaction", "response", "response_method", "staff_note")


@transaction.atomic
def ensure_activity_types(*, school: School) -> list[ActivityType]:
    """Create the default activity types (and the benchmarks they point at) that the school lacks."""
    benchmarks = {b.number: b for b in ensure_benchmarks(school=school)}
    existing = set(ActivityType.objects.filter(school=school).values_list("code", flat=True))
    made = []
    for order, default in enumerate(DEFAULT_ACTIVITY_TYPES):
        if default.code in existing:
            continue
        kind = ActivityType.objects.create(
            school=school, code=default.code, name=default.name, order=order * 10, description=default.description,
            default_setting=default.setting, is_provider_encounter=default.provider_encounter,
            is_workplace_experience=default.workplace)
        kind.default_benchmarks.set([benchmarks[n] for n in default.benchmarks])
        made.append(kind)
    return made


def judge_meaningful(activity: Activity) -> bool:
    """The four conditions every meaningful encounter needs, and two more for workplaces."""
    basic = activity.purpose_shared and activity.outcomes_fitted and activity.two_way and activity.reflection
    if activity.activity_type.is_workplace_experience:
        return basic and activity.employer_task and activity.employer_feedback
    return basic


def judge_pal(activity: Activity) -> bool:
    """Counts as a provider encounter under PAL: the right kind, all four points, in the school day."""
    return (activity.activity_type.is_provider_encounter and activity.in_school_day and activity.pal_provider
            and activity.pal_careers and activity.pal_learning and activity.pal_questions)


def _place_in_calendar(activity: Activity) -> None:
    school = activity.school
    start_year = academic_year_start_on(school=school, day=activity.date)
    activity.academic_year = ensure_academic_year(school=school, start_year=start_year)
    activity.term = Term.objects.filter(school=school, starts_on__lte=activity.date,
                                        ends_on__gte=activity.date).first()


def _check_links(school: School, *, providers: Iterable[Provider] | None, benchmarks: Iterable[Benchmark] | None,
                 pupils: Iterable[Pupil] = ()) -> None:
    """Refuse anything from another school: forms and the API are scoped, but services check too."""
    for item in [*(providers or []), *(benchmarks or []), *pupils]:
        if item.school_id != school.pk:
            raise ValidationError(_("That belongs to another school."))


@transaction.atomic
def create_activity(*, school: School, by: Any, providers: Sequence[Provider] = (),
                    benchmarks: Sequence[Benchmark] | None = None, audit: bool = True, **values: Any) -> Activity:
    """Create an activity. Without `benchmarks`, its type's default benchmarks are used."""
    _check_links(school, providers=providers, benchmarks=benchmarks)
    activity = Activity(school=school, created_by=by if getattr(by, "is_authenticated", False) else None,
                        **{k: v for k, v in values.items() if k in ACTIVITY_FIELDS})
    if activity.activity_type_id and activity.activity_type.school_id != school.pk:
        raise ValidationError(_("That belongs to another school."))
    _place_in_calendar(activity)
    activity.meaningful = judge_meaningful(activity)
    activity.counts_for_pal = judge_pal(activity)
    activity.full_clean(exclude=["academic_year"])
    _check_dates(activity)
    activity.save()
    activity.providers.set(providers)
    activity.benchmarks.set(benchmarks if benchmarks is not None else activity.activity_type.default_benchmarks.all())
    if audit:
        log_action(school=school, user=by, action="activity.created", obj=activity)
    return activity


def _check_dates(activity: Activity) -> None:
    if activity.end_date and activity.end_date < activity.date:
        raise ValidationError({"end_date": _("The last day cannot be before the first.")})


@transaction.atomic
def update_activity(*, activity: Activity, by: Any, expected_version: int | None = None,
                    providers: Sequence[Provider] | None = None, benchmarks: Sequence[Benchmark] | None = None,
                    **values: Any) -> list[str]:
    """Change an activity; returns what changed. A stale `expected_version` is refused."""
    school = activity.school
    _check_links(school, providers=providers, benchmarks=benchmarks)
    changed = [name for name in ACTIVITY_FIELDS if name in values and getattr(activity, name) != values[name]]
    for name in changed:
        setattr(activity, name, values[name])
    if providers is not None and {p.pk for p in providers} != set(activity.providers.values_list("pk", flat=True)):
        changed.append("providers")
    if benchmarks is not None and {b.pk for b in benchmarks} != set(activity.benchmarks.values_list("pk", flat=True)):
        changed.append("benchmarks")
    if not changed:
        return []
    if "date" in changed:
        _place_in_calendar(activity)
    activity.meaningful = judge_meaningful(activity)
    activity.counts_for_pal = judge_pal(activity)
    activity.full_clean()
    _check_dates(activity)
    if expected_version is not None:
        activity.version = claim_next_version(
            Activity.objects.filter(school=school), pk=activity.pk, expected_version=expected_version,
            message=_("Someone else changed this activity while you were editing it. "
                      "Your changes have not been saved: reload the page to see theirs."))
    else:
        activity.version += 1
    activity.save()
    if providers is not None:
        activity.providers.set(providers)
    if benchmarks is not None:
        activity.benchmarks.set(benchmarks)
    log_action(school=school, user=by, action="activity.changed", obj=activity, data={"fields": changed})
    return changed


@dataclass
class ParticipationInput:
    pupil: Pupil
    attendance: str = Attendance.ATTENDED
    engagement: int | None = None
    reaction: str = ""
    response: str = ""
    response_method: str = ""
    staff_note: str = ""


@dataclass
class RecordResult:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0


def _snapshot(participation: Participation) -> dict[str, Any]:
    return {name: getattr(participation, name) for name in PARTICIPATION_FIELDS}


@transaction.atomic
def record_participations(*, activity: Activity, by: Any, entries: Sequence[ParticipationInput],
                          remove_others: bool = False, audit: bool = True,
                          remove_within: Iterable[int] | None = None) -> RecordResult:
    """Record how each pupil took part in `activity`, in one transaction and a fixed number of queries.

    New pupils get a participation; changed ones keep their previous values as a revision;
    with `remove_others`, pupils not in `entries` are taken off the activity (a roster edit).
    `remove_within` limits that removal to these pupil ids: class staff editing their own pupils
    must never take another class's pupils off a shared activity.
    """
    school = activity.school
    _check_links(school, providers=None, benchmarks=None, pupils=[e.pupil for e in entries])
    seen: set[int] = set()
    for entry in entries:
        if entry.pupil.pk in seen:
            raise ValidationError(_("%(name)s is listed twice.") % {"name": entry.pupil.display_name})
        seen.add(entry.pupil.pk)
    existing = {p.pupil_id: p for p in Participation.objects.filter(school=school, activity=activity)}
    user = by if getattr(by, "is_authenticated", False) else None
    result = RecordResult()
    to_create, to_update, revisions = [], [], []
    for entry in entries:
        values = {name: getattr(entry, name) for name in PARTICIPATION_FIELDS}
        values = {k: ("" if v is None and k != "engagement" else v) for k, v in values.items()}
        current = existing.get(entry.pupil.pk)
        if current is None:
            participation = Participation(school=school, activity=activity, pupil=entry.pupil, recorded_by=user,
                                          **values)
            participation.full_clean(exclude=["school", "activity", "pupil", "recorded_by"], validate_unique=False)
            to_create.append(participation)
            result.created += 1
            continue
        if _snapshot(current) == values:
            result.unchanged += 1
            continue
        revisions.append(ParticipationRevision(school=school, participation=current, changed_by=user,
                                               previous=_snapshot(current)))
        for name, value in values.items():
            setattr(current, name, value)
        current.recorded_by = user
        current.full_clean(exclude=["school", "activity", "pupil", "recorded_by"], validate_unique=False)
        to_update.append(current)
        result.changed += 1
    Participation.objects.bulk_create(to_create)
    Participation.objects.bulk_update(to_update, [*PARTICIPATION_FIELDS, "recorded_by", "updated_at"])
    ParticipationRevision.objects.bulk_create(revisions)
    if remove_others:
        allowed = None if remove_within is None else set(remove_within)
        gone = [p.pk for pupil_id, p in existing.items()
                if pupil_id not in seen and (allowed is None or pupil_id in allowed)]
        result.removed = len(gone)
        Participation.objects.filter(school=school, pk__in=gone).delete()
    if audit:
        log_action(school=school, user=by, action="activity.recorded", obj=activity,
                   data={"created": result.created, "changed": result.changed, "removed": result.removed})
    return result


@transaction.atomic
def delete_activity(*, activity: Activity, by: Any) -> None:
    log_action(school=activity.school, user=by, action="activity.deleted", obj=activity,
               data={"participations": activity.participations.count()})
    activity.delete()


def sessions_between(*, starts_on: dt.date, ends_on: dt.date, weekday: int, every_weeks: int) -> list[dt.date]:
    """Dates of a regular session: the first `weekday` on or after `starts_on`, then every N weeks."""
    first = starts_on + dt.timedelta(days=(weekday - starts_on.weekday()) % 7)
    days = []
    day = first
    while day <= ends_on:
        days.append(day)
        day += dt.timedelta(weeks=every_weeks)
    return days


# Long enough for a weekly session all year; anything longer is almost certainly a mistyped date.
MAX_SESSIONS = 60
SERIES_FIELDS = ("title", "activity_type", "frequency", "weekday", "starts_on", "ends_on", "setting", "purpose",
                 "learning_outcomes")


@transaction.atomic
def create_series(*, school: School, by: Any, providers: Sequence[Provider] = (),
                  benchmarks: Sequence[Benchmark] | None = None, pupils: Sequence[Pupil] = (),
                  **values: Any) -> Series:
    """Create a series and one activity per session date, each to be recorded on its own.

    Sessions share the series' type, setting, providers, benchmarks, purpose and outcomes; their
    titles say which session they are ("Work experience: session 3").
    """
    _check_links(school, providers=providers, benchmarks=benchmarks, pupils=pupils)
    series = Series(school=school, **{k: v for k, v in values.items() if k in SERIES_FIELDS})
    if series.activity_type_id and series.activity_type.school_id != school.pk:
        raise ValidationError(_("That belongs to another school."))
    series.full_clean()
    if series.ends_on < series.starts_on:
        raise ValidationError({"ends_on": _("The last session cannot be before the first.")})
    every = 2 if series.frequency == Frequency.FORTNIGHTLY else 1
    days = sessions_between(starts_on=series.starts_on, ends_on=series.ends_on, weekday=series.weekday,
                            every_weeks=every)
    if not days:
        raise ValidationError({"ends_on": _("There is no %(day)s between these dates.")
                               % {"day": series.get_weekday_display()}})
    if len(days) > MAX_SESSIONS:
        raise ValidationError({"ends_on": _("That makes %(n)s sessions; a series can have at most %(max)s. "
                                            "Check the dates, or make two series.")
                               % {"n": len(days), "max": MAX_SESSIONS}})
    series.save()
    series.providers.set(providers)
    chosen = list(benchmarks) if benchmarks is not None else list(series.activity_type.default_benchmarks.all())
    series.benchmarks.set(chosen)
    series.pupils.set(pupils)
    for number, day in enumerate(days, start=1):
        create_activity(
            school=school, by=by, providers=providers, benchmarks=chosen, audit=False, series=series,
            activity_type=series.activity_type, title=_("%(title)s: session %(n)s") % {"title": series.title,
                                                                                       "n": number},
            date=day, setting=series.setting, purpose=series.purpose, learning_outcomes=series.learning_outcomes)
    log_action(school=school, user=by, action="series.created", obj=series, data={"sessions": len(days)})
    return series
