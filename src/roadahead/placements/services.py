"""Writes for placements: setting one up, its work areas, assigning pupils with their rotation,
its sessions (each recorded as an ordinary activity) and each pupil's report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.activities.models import Activity, ActivityType
from roadahead.activities.services import MAX_SESSIONS, create_activity, ensure_activity_types
from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.people.models import Pupil
from roadahead.placements.enums import PlacementKind, Where
from roadahead.placements.models import (
    Assignment,
    Placement,
    PlacementReport,
    PlacementSession,
    RotationStep,
    WorkArea,
)
from roadahead.placements.schedule import session_dates
from roadahead.schools.models import School

PLACEMENT_FIELDS = (
    "title", "kind", "where", "on_site_kind", "provider", "term", "starts_on", "ends_on", "weekday", "start_time",
    "end_time", "supervisor_name", "supervisor_phone", "supervisor_email", "contacts", "purpose",
    "learning_outcomes", "health_safety_checked_on", "health_safety_expires_on", "insurance_checked_on",
    "insurance_expires_on", "purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task",
    "employer_feedback", "notes",
)
MEANINGFUL = ("purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task", "employer_feedback")
REPORT_FIELDS = ("strengths", "achievements", "development", "employer_feedback", "reflection", "reflection_method",
                 "outcome", "outcome_notes")
STALE = _("Someone else changed this while you were editing it. Your changes have not been saved: "
          "reload the page to see theirs.")


def _check_placement(placement: Placement) -> None:
    school_id = placement.school_id
    for linked in (placement.provider, placement.term):
        if linked is not None and linked.school_id != school_id:
            raise ValidationError(_("That belongs to another school."))
    if placement.term is not None and (placement.starts_on is None or placement.ends_on is None):
        # Choosing a term is enough: the placement runs for the whole of it unless dates are given.
        placement.starts_on = placement.starts_on or placement.term.starts_on
        placement.ends_on = placement.ends_on or placement.term.ends_on
    errors: dict[str, str] = {}
    if placement.starts_on and placement.ends_on and placement.ends_on < placement.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first.")
    if placement.where == Where.OFF_SITE and placement.provider is None:
        errors["provider"] = _("Choose the employer or provider the pupils go to.")
    if placement.kind == PlacementKind.CLASS_JOB and placement.where != Where.ON_SITE:
        errors["where"] = _("Class jobs are done in school: choose 'In school'.")
    if placement.where == Where.ON_SITE and not placement.on_site_kind:
        errors["on_site_kind"] = _("Choose the job in school.")
    if placement.start_time and placement.end_time and placement.end_time <= placement.start_time:
        errors["end_time"] = _("The end time must be after the start time.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_placement(*, school: School, by: Any, areas: Sequence[str] = (), **values: Any) -> Placement:
    """Create a placement and, optionally, its work areas by name."""
    placement = Placement(school=school, created_by=by if getattr(by, "is_authenticated", False) else None,
                          **{k: v for k, v in values.items() if k in PLACEMENT_FIELDS})
    _check_placement(placement)
    placement.full_clean()
    placement.save()
    for order, name in enumerate(n.strip() for n in areas):
        if name:
            _new_area(placement, name=name, tasks="", order=order)
    log_action(school=school, user=by, action="placement.created", obj=placement)
    return placement


@transaction.atomic
def update_placement(*, placement: Placement, by: Any, expected_version: int | None = None,
                     **values: Any) -> list[str]:
    changed = [name for name in PLACEMENT_FIELDS if name in values and getattr(placement, name) != values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(placement, name, values[name])
    _check_placement(placement)
    placement.full_clean()
    if expected_version is not None:
        placement.version = claim_next_version(Placement.objects.filter(school=placement.school),
                                               pk=placement.pk, expected_version=expected_version, message=STALE)
    else:
        placement.version += 1
    placement.save()
    log_action(school=placement.school, user=by, action="placement.changed", obj=placement,
               data={"fields": changed})
    return changed


def _new_area(placement: Placement, *, name: str, tasks: str, order: int) -> WorkArea:
    area = WorkArea(school=placement.school, placement=placement, name=name, tasks=tasks, order=order)
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def add_area(*, placement: Placement, by: Any, name: str, tasks: str = "") -> WorkArea:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the area a name.")})
    if placement.areas.filter(name=name).exists():
        raise ValidationError({"name": _("This placement already has an area called that.")})
    order = placement.areas.count()
    area = _new_area(placement, name=name, tasks=tasks.strip(), order=order)
    log_action(school=placement.school, user=by, action="placement.area_added", obj=placement)
    return area


@transaction.atomic
def assign_pupil(*, placement: Placement, by: Any, pupil: Pupil, area: WorkArea | None,
                 rotation: Sequence[WorkArea] = (), starts_on: dt.date | None = None,
                 ends_on: dt.date | None = None) -> Assignment:
    """Put a pupil on a placement (or change their area and rotation if already on it).

    `rotation` is the areas for weeks 1, 2, 3…; after it the pupil settles in `area`.
    """
    school = placement.school
    if pupil.school_id != school.pk:
        raise ValidationError(_("That belongs to another school."))
    for chosen in [area, *rotation]:
        if chosen is not None and chosen.placement_id != placement.pk:
            raise ValidationError({"area": _("Choose one of this placement's areas.")})
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
    assignment = Assignment.objects.filter(school=school, placement=placement, pupil=pupil).first()
    created = assignment is None
    if assignment is None:
        assignment = Assignment(school=school, placement=placement, pupil=pupil)
    assignment.area, assignment.starts_on, assignment.ends_on = area, starts_on, ends_on
    assignment.full_clean(validate_unique=False)
    assignment.save()
    RotationStep.objects.filter(school=school, assignment=assignment).delete()
    RotationStep.objects.bulk_create([RotationStep(school=school, assignment=assignment, week=week, area=step)
                                      for week, step in enumerate(rotation, start=1)])
    log_action(school=school, user=by, action="placement.pupil_assigned" if created else "placement.pupil_changed",
               obj=placement, pupil_id=pupil.pk, data={"rotation_weeks": len(rotation)})
    return assignment


@transaction.atomic
def remove_assignment(*, assignment: Assignment, by: Any) -> None:
    log_action(school=assignment.school, user=by, action="placement.pupil_removed", obj=assignment.placement,
               pupil_id=assignment.pupil_id)
    assignment.delete()


@transaction.atomic
def generate_sessions(*, placement: Placement, by: Any) -> list[PlacementSession]:
    """Make the placement's sessions: its weekday each week between its dates, skipping holidays.

    Sessions already recorded are kept whatever happens; unrecorded ones whose date no longer fits
    (the dates or day changed) are removed. Sessions are numbered in date order.
    """
    school = placement.school
    days = session_dates(school=school, starts_on=placement.starts_on, ends_on=placement.ends_on,
                         weekday=placement.weekday)
    if len(days) > MAX_SESSIONS:
        raise ValidationError(_("That makes %(n)s sessions; a placement can have at most %(max)s. Check the dates.")
                              % {"n": len(days), "max": MAX_SESSIONS})
    wanted = set(days)
    existing = {s.date: s for s in PlacementSession.objects.filter(school=school, placement=placement)}
    stale = [s.pk for day, s in existing.items() if day not in wanted and s.activity_id is None]
    PlacementSession.objects.filter(school=school, pk__in=stale).delete()
    kept = {day: s for day, s in existing.items() if day in wanted or s.activity_id is not None}
    PlacementSession.objects.bulk_create([PlacementSession(school=school, placement=placement, number=0, date=day)
                                          for day in days if day not in kept])
    sessions = list(PlacementSession.objects.filter(school=school, placement=placement).order_by("date"))
    for number, session in enumerate(sessions, start=1):
        session.number = number
    PlacementSession.objects.bulk_update(sessions, ["number"])
    log_action(school=school, user=by, action="placement.sessions_made", obj=placement,
               data={"sessions": len(sessions), "removed": len(stale)})
    return sessions


def activity_type_for(placement: Placement) -> ActivityType:
    """Class jobs are recorded as class jobs; every other placement as work experience."""
    ensure_activity_types(school=placement.school)
    code = "class-job" if placement.kind == PlacementKind.CLASS_JOB else "work-experience"
    return ActivityType.objects.get(school=placement.school, code=code)


@transaction.atomic
def session_activity(*, session: PlacementSession, by: Any) -> Activity:
    """The session's activity, made the first time anyone records the session.

    It is an ordinary activity of the placement's type, with its provider and checklist, so
    attendance, engagement and responses are recorded on the usual screen and count for standing.
    """
    if session.activity_id is not None:
        return session.activity  # type: ignore[return-value]
    placement = session.placement
    activity = create_activity(
        school=placement.school, by=by, audit=False, activity_type=activity_type_for(placement),
        title=_("%(title)s: session %(n)s") % {"title": placement.title, "n": session.number},
        date=session.date, setting=placement.where,
        providers=[placement.provider] if placement.provider else [],
        people_met=placement.supervisor_name and _("The placement supervisor"),
        purpose=placement.purpose, learning_outcomes=placement.learning_outcomes,
        **{name: getattr(placement, name) for name in MEANINGFUL})
    session.activity = activity
    session.save(update_fields=["activity"])
    log_action(school=placement.school, user=by, action="placement.session_opened", obj=placement,
               data={"session": session.number, "activity": activity.pk})
    return activity


@transaction.atomic
def save_report(*, assignment: Assignment, by: Any, expected_version: int | None = None,
                **values: Any) -> PlacementReport:
    school = assignment.school
    report = PlacementReport.objects.filter(school=school, assignment=assignment).first()
    created = report is None
    if report is None:
        report = PlacementReport(school=school, assignment=assignment)
    for name in REPORT_FIELDS:
        if name in values:
            value = values[name]
            setattr(report, name, value.strip() if isinstance(value, str) else value)
    if report.reflection and not report.reflection_method:
        raise ValidationError({"reflection_method": _("Say how the pupil's reflection was captured.")})
    report.written_by = by if getattr(by, "is_authenticated", False) else None
    report.full_clean(validate_unique=False)
    if not created:
        if expected_version is not None:
            report.version = claim_next_version(PlacementReport.objects.filter(school=school), pk=report.pk,
                                                expected_version=expected_version, message=STALE)
        else:
            report.version += 1
    report.save()
    log_action(school=school, user=by, action="placement.report_saved", obj=assignment.placement,
               pupil_id=assignment.pupil_id, data={"created": created})
    return report


def check_warnings(placement: Placement, *, today: dt.date) -> list[str]:
    """Health and safety and insurance checks missing, or out of date before or during the placement.

    Jobs in school are covered by the school's own arrangements, so only placements out of school
    are checked.
    """
    if placement.where != Where.OFF_SITE:
        return []
    warnings = []
    for label, checked, expires in (
        (_("health and safety check"), placement.health_safety_checked_on, placement.health_safety_expires_on),
        (_("employer's liability insurance"), placement.insurance_checked_on, placement.insurance_expires_on),
    ):
        if checked is None:
            warnings.append(_("No %(what)s is recorded.") % {"what": label})
        elif expires is not None and expires < max(placement.starts_on, today):
            warnings.append(_("The %(what)s ran out on %(day)s.") % {"what": label, "day": f"{expires:%-d %B %Y}"}
                            if expires < today else
                            _("The %(what)s runs out on %(day)s, before the placement starts.")
                            % {"what": label, "day": f"{expires:%-d %B %Y}"})
        elif expires is not None and expires < placement.ends_on:
            warnings.append(_("The %(what)s runs out on %(day)s, before the placement ends.")
                            % {"what": label, "day": f"{expires:%-d %B %Y}"})
    return warnings
