"""Writes to guidance meetings and their actions.

Recording a meeting also records it as an activity of the school's "guidance-meeting" type with
the pupil attending, through the activities services, so the standing engine counts it; changing
or deleting the meeting keeps that activity in step. Each service validates with full_clean, runs
in one transaction and writes one audit entry naming the fields changed, never their values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roadahead.activities import services as activity_services
from roadahead.activities.enums import Attendance, Setting
from roadahead.activities.models import Activity, ActivityType
from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.guidance.enums import Mode, Qualification, qualification_from_level
from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from roadahead.people.enums import Role
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import School

GUIDANCE_TYPE = "guidance-meeting"
MEETING_FIELDS = ("adviser", "adviser_qualification", "adviser_independent", "date", "mode", "advocate",
                  "communication", "support_notes", "pupil_words", "discussed", "next_due")
ACTION_FIELDS = ("description", "owner_member", "owner_text", "due_on", "done_on")
HOLDER_ROLES = frozenset({Role.ADVISER, Role.CAREERS_LEADER, Role.STAFF})
STALE = _("Someone else changed this meeting while you were editing it. Your changes have not been saved: "
          "reload the page to see theirs.")


@dataclass
class ActionInput:
    """One agreed action as a form or the API sends it; `pk` names an existing action to change."""

    description: str
    owner_member: Membership | None = None
    owner_text: str = ""
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    pk: int | None = None


def adviser_defaults(adviser: Membership) -> dict[str, Any]:
    """The qualification and independence to record for a meeting, from the adviser's membership."""
    return {"adviser_qualification": qualification_from_level(adviser.qualification_level),
            "adviser_independent": adviser.independent_of_school}


def _tidy(values: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    tidy = {k: v for k, v in values.items() if k in fields}
    for name, value in tidy.items():
        if isinstance(value, str):
            tidy[name] = value.strip()
    if "communication" in tidy:
        tidy["communication"] = list(dict.fromkeys(tidy["communication"] or []))
    return tidy


def _check_people(meeting: GuidanceMeeting) -> None:
    adviser: Membership | None = meeting.adviser
    if adviser is None:
        raise ValidationError({"adviser": _("Choose who held the meeting.")})
    if adviser.school_id != meeting.school_id or meeting.pupil.school_id != meeting.school_id:
        raise ValidationError(_("That belongs to another school."))
    if adviser.role not in HOLDER_ROLES:
        raise ValidationError({"adviser": _("Choose a careers adviser or a member of staff.")})


def _guidance_type(school: School) -> ActivityType:
    kind = ActivityType.objects.filter(school=school, code=GUIDANCE_TYPE).first()
    if kind is None:
        # A school set up before the defaults, or one whose programme file dropped it: the
        # meeting must still count, so make the default type rather than refuse.
        activity_services.ensure_activity_types(school=school)
        kind = ActivityType.objects.get(school=school, code=GUIDANCE_TYPE)
    return kind


def _activity_values(meeting: GuidanceMeeting) -> dict[str, Any]:
    """What the counted activity says: no notes, since activities are listed to every member."""
    level = meeting.get_adviser_qualification_display() if meeting.adviser_qualification != \
        Qualification.NOT_KNOWN else _("qualification not recorded")
    independence = _("independent of the school") if meeting.adviser_independent else _("school staff")
    return {
        "title": _("Careers guidance meeting"), "date": meeting.date,
        "setting": Setting.ON_SITE if meeting.mode in {Mode.IN_PERSON, Mode.OTHER} else Setting.VIRTUAL,
        "people_met": _("Careers adviser (%(level)s; %(independence)s)") % {
            "level": level, "independence": independence},
        "purpose": _("One-to-one careers guidance."),
    }


def _sync_activity(meeting: GuidanceMeeting, by: Any) -> None:
    """Make the meeting's activity match it: create it if it has none, otherwise update it."""
    values = _activity_values(meeting)
    activity = meeting.activity
    if activity is None:
        activity = activity_services.create_activity(
            school=meeting.school, by=by, activity_type=_guidance_type(meeting.school), audit=False, **values)
        meeting.activity = activity
    else:
        changed = [k for k, v in values.items() if getattr(activity, k) != v]
        if changed:
            activity_services.update_activity(activity=activity, by=by, **values)
    activity_services.record_participations(
        activity=activity, by=by, audit=False, remove_others=True,
        entries=[activity_services.ParticipationInput(pupil=meeting.pupil, attendance=Attendance.ATTENDED)])


def _clean_action(action: GuidanceAction) -> None:
    action.full_clean(exclude=["school", "meeting"])
    if action.owner_member is not None and action.owner_member.school_id != action.school_id:
        raise ValidationError(_("That belongs to another school."))


def _add_actions(meeting: GuidanceMeeting, actions: Sequence[ActionInput]) -> int:
    made = []
    for given in actions:
        action = GuidanceAction(school=meeting.school, meeting=meeting,
                                **_tidy(given.__dict__, ACTION_FIELDS))
        _clean_action(action)
        made.append(action)
    GuidanceAction.objects.bulk_create(made)
    return len(made)


@transaction.atomic
def record_meeting(*, school: School, pupil: Pupil, adviser: Membership, by: Any,
                   actions: Sequence[ActionInput] = (), **values: Any) -> GuidanceMeeting:
    """Record a guidance meeting, its agreed actions and the activity the standing engine counts.

    Without `adviser_qualification` or `adviser_independent`, they are taken from the adviser's
    membership. Who may record for which pupil is for the caller to check (rules and selectors).
    """
    values = {**adviser_defaults(adviser), **{k: v for k, v in values.items() if v is not None}}
    meeting = GuidanceMeeting(school=school, pupil=pupil, adviser=adviser,
                              recorded_by=by if getattr(by, "is_authenticated", False) else None,
                              **_tidy(values, MEETING_FIELDS))
    meeting.full_clean(exclude=["activity"])
    _check_people(meeting)
    _sync_activity(meeting, by)
    meeting.save()
    count = _add_actions(meeting, actions)
    log_action(school=school, user=by, action="guidance_meeting.recorded", obj=meeting, pupil_id=pupil.pk,
               data={"actions": count})
    return meeting


def _apply_actions(meeting: GuidanceMeeting, actions: Sequence[ActionInput]) -> dict[str, int]:
    """Make the meeting's actions these: listed ones with a pk are changed, new ones added, the rest removed."""
    existing = {a.pk: a for a in GuidanceAction.objects.filter(school=meeting.school, meeting=meeting)}
    keep, new, changed = set(), [], []
    for given in actions:
        if given.pk is None:
            new.append(given)
            continue
        action = existing.get(given.pk)
        if action is None:
            raise ValidationError(_("That action is not part of this meeting."))
        keep.add(action.pk)
        values = _tidy(given.__dict__, ACTION_FIELDS)
        if any(getattr(action, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(action, name, value)
            _clean_action(action)
            changed.append(action)
    for action in changed:
        action.save()
    gone = [pk for pk in existing if pk not in keep]
    GuidanceAction.objects.filter(school=meeting.school, pk__in=gone).delete()
    return {"added": _add_actions(meeting, new), "changed": len(changed), "removed": len(gone)}


@transaction.atomic
def update_meeting(*, meeting: GuidanceMeeting, by: Any, expected_version: int | None = None,
                   actions: Sequence[ActionInput] | None = None, **values: Any) -> list[str]:
    """Change a meeting (and, if `actions` is given, its actions); returns the fields changed.

    A stale `expected_version` is refused with StaleEdit, so two people editing at once cannot
    overwrite each other. The counted activity follows the new date and adviser.
    """
    values = _tidy(values, MEETING_FIELDS)
    changed = [name for name in MEETING_FIELDS if name in values and getattr(meeting, name) != values[name]]
    for name in changed:
        setattr(meeting, name, values[name])
    meeting.full_clean(exclude=["activity"])
    _check_people(meeting)
    if expected_version is not None:
        # Claimed before anything else is written, so a stale edit changes nothing at all.
        meeting.version = claim_next_version(GuidanceMeeting.objects.filter(school=meeting.school), pk=meeting.pk,
                                             expected_version=expected_version, message=STALE)
    action_counts = _apply_actions(meeting, actions) if actions is not None else {}
    if any(action_counts.values()):
        changed.append("actions")
    if not changed:
        return []
    if expected_version is None:
        meeting.version += 1
    _sync_activity(meeting, by)
    meeting.save()
    log_action(school=meeting.school, user=by, action="guidance_meeting.changed", obj=meeting,
               pupil_id=meeting.pupil_id, data={"fields": changed, **action_counts})
    return changed


@transaction.atomic
def delete_meeting(*, meeting: GuidanceMeeting, by: Any) -> None:
    """Delete a meeting, its actions and its counted activity."""
    log_action(school=meeting.school, user=by, action="guidance_meeting.deleted", obj=meeting,
               pupil_id=meeting.pupil_id)
    activity_id = meeting.activity_id
    meeting.delete()
    if activity_id is not None:
        Activity.objects.filter(school=meeting.school, pk=activity_id).delete()


@transaction.atomic
def set_action_done(*, action: GuidanceAction, by: Any, done_on: dt.date | None) -> bool:
    """Mark an action done on `done_on`, or not done with None; returns whether anything changed."""
    if action.done_on == done_on:
        return False
    action.done_on = done_on
    _clean_action(action)
    action.save(update_fields=["done_on", "updated_at"])
    log_action(school=action.school, user=by, action="guidance_action.done" if done_on else "guidance_action.reopened",
               obj=action, pupil_id=action.meeting.pupil_id)
    return True
