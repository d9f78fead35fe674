from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.activities.models import Activity, Participation
from roadahead.audit.models import AuditEntry
from roadahead.core.locking import StaleEdit
from roadahead.entitlements.models import EntitlementRule
from roadahead.entitlements.services import ensure_default_rules
from roadahead.guidance import services
from roadahead.guidance.enums import Advocate, Communication, Mode, Qualification
from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
from roadahead.people.models import Pupil
from roadahead.standing.engine import standing
from tests.conftest import TODAY
from tests.guidance.factories import action, meeting

pytestmark = pytest.mark.django_db


def test_recording_a_meeting_records_an_attended_guidance_activity_without_the_notes(world):
    world.adviser.qualification_level = 6
    world.adviser.independent_of_school = True
    world.adviser.save()
    pupil = world.adviser_pupils[0]

    made = meeting(pupil, world.adviser, advocate=Advocate.CLASS_TEACHER,
                   communication=[Communication.SYMBOLS, Communication.SYMBOLS], mode=Mode.IN_PERSON,
                   pupil_words="Animals. Outside.", next_due=dt.date(2026, 6, 1),
                   actions=[action(owner_member=world.class_teacher, due_on=dt.date(2026, 4, 1)),
                            action("Talk to Mum about the open day", owner_text="Mum")])

    assert made.adviser_qualification == Qualification.LEVEL_6
    assert made.adviser_independent is True
    assert made.communication == [Communication.SYMBOLS]
    activity = made.activity
    assert activity.activity_type.code == "guidance-meeting"
    assert activity.date == made.date
    assert [(p.pupil_id, p.attendance) for p in activity.participations.all()] == [(pupil.pk, "attended")]
    assert "Animals" not in activity.title + activity.purpose + activity.people_met
    assert "independent" in activity.people_met
    assert [a.owner_label for a in made.actions.all()] == ["Class Teacher", "Mum"]
    entry = AuditEntry.objects.get(action="guidance_meeting.recorded")
    assert (entry.pupil_id, entry.data) == (pupil.pk, {"actions": 2})
    assert "Animals" not in str(entry.data)


def test_the_standing_engine_counts_a_recorded_meeting(world):
    ensure_default_rules(school=world.school, audit=False)
    rule = EntitlementRule.objects.get(school=world.school, code="independent-guidance")
    pupil = world.pupils[1]

    def achieved() -> int:
        report = standing(school=world.school, as_of=TODAY, pupils=Pupil.objects.filter(pk=pupil.pk))
        return next(row.achieved for row in report.for_pupil(pupil.pk) if row.rule_id == rule.pk)

    assert achieved() == 0
    made = meeting(pupil, world.careers_leader, dt.date(2026, 1, 20))
    assert achieved() == 1
    services.delete_meeting(meeting=made, by=world.careers_leader.user)
    assert achieved() == 0


def test_editing_a_meeting_moves_its_activity_and_keeps_one_participation(world):
    pupil = world.pupils[0]
    made = meeting(pupil, world.adviser, dt.date(2026, 1, 20))

    changed = services.update_meeting(meeting=made, by=world.careers_leader.user, expected_version=1,
                                      date=dt.date(2026, 2, 3), mode=Mode.VIDEO, discussed="Changed")

    assert changed == ["date", "mode", "discussed"]
    made.refresh_from_db()
    assert made.version == 2
    assert (made.activity.date, made.activity.setting) == (dt.date(2026, 2, 3), "virtual")
    assert Participation.objects.filter(activity=made.activity).count() == 1
    assert Activity.objects.filter(school=world.school).count() == 1


def test_a_stale_edit_is_refused_and_changes_nothing(world):
    made = meeting(world.pupils[0], world.adviser, actions=[action()])
    services.update_meeting(meeting=GuidanceMeeting.objects.get(pk=made.pk), by=world.adviser.user,
                            expected_version=1, discussed="First")

    with pytest.raises(StaleEdit):
        services.update_meeting(meeting=GuidanceMeeting.objects.get(pk=made.pk), by=world.careers_leader.user,
                                expected_version=1, discussed="Second", actions=[])

    made.refresh_from_db()
    assert (made.discussed, made.version) == ("First", 2)
    assert made.actions.count() == 1


def test_update_changes_adds_and_removes_actions(world):
    made = meeting(world.pupils[0], world.adviser, actions=[action("One"), action("Two")])
    one, _two = made.actions.all()

    services.update_meeting(meeting=made, by=world.adviser.user, actions=[
        services.ActionInput(pk=one.pk, description="One, changed", due_on=dt.date(2026, 3, 20)),
        action("Three")])

    assert list(GuidanceAction.objects.filter(meeting=made).values_list("description", flat=True)) == [
        "One, changed", "Three"]
    assert AuditEntry.objects.get(action="guidance_meeting.changed").data == {
        "fields": ["actions"], "added": 1, "changed": 1, "removed": 1}


def test_a_deleted_activity_is_made_again_when_the_meeting_is_saved(world):
    made = meeting(world.pupils[0], world.adviser)
    made.activity.delete()
    made.refresh_from_db()
    assert made.activity is None

    services.update_meeting(meeting=made, by=world.adviser.user, discussed="Again")

    made.refresh_from_db()
    assert made.activity.participations.get().pupil_id == world.pupils[0].pk


def test_delete_removes_the_meeting_its_actions_and_its_activity(world):
    made = meeting(world.pupils[0], world.adviser, actions=[action()])
    services.delete_meeting(meeting=made, by=world.careers_leader.user)
    assert not GuidanceMeeting.objects.exists()
    assert not GuidanceAction.objects.exists()
    assert not Activity.objects.filter(school=world.school).exists()
    assert AuditEntry.objects.filter(action="guidance_meeting.deleted").count() == 1


def test_refuses_an_adviser_or_action_owner_from_another_school(world, other_world):
    with pytest.raises(ValidationError, match="another school"):
        meeting(world.pupils[0], other_world.adviser)
    with pytest.raises(ValidationError, match="another school"):
        meeting(world.pupils[0], world.adviser, actions=[action(owner_member=other_world.class_teacher)])
    assert not GuidanceMeeting.objects.exists()
    assert not Activity.objects.exists()


def test_refuses_a_governor_as_adviser_and_a_next_meeting_before_this_one(world):
    with pytest.raises(ValidationError) as error:
        meeting(world.pupils[0], world.leader)
    assert "adviser" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        meeting(world.pupils[0], world.adviser, dt.date(2026, 2, 10), next_due=dt.date(2026, 2, 1))
    assert "next_due" in error.value.message_dict


def test_refuses_an_unknown_way_of_communicating(world):
    with pytest.raises(ValidationError) as error:
        meeting(world.pupils[0], world.adviser, communication=["telepathy"])
    assert "communication" in error.value.message_dict


def test_set_action_done_and_reopen_are_audited(world):
    made = meeting(world.pupils[0], world.adviser, actions=[action()])
    item = made.actions.get()
    assert services.set_action_done(action=item, by=world.class_teacher.user, done_on=TODAY) is True
    assert services.set_action_done(action=item, by=world.class_teacher.user, done_on=TODAY) is False
    services.set_action_done(action=item, by=world.class_teacher.user, done_on=None)
    item.refresh_from_db()
    assert item.done_on is None
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="guidance_action").order_by("id")] == [
        "guidance_action.done", "guidance_action.reopened"]


def test_deleting_the_adviser_or_the_school_is_not_blocked_by_meetings(world):
    made = meeting(world.pupils[0], world.adviser, actions=[action(owner_member=world.adviser)])
    world.adviser.delete()
    made.refresh_from_db()
    assert made.adviser is None
    assert made.adviser_name == "A former member of staff"
    assert made.actions.get().owner_member is None
    # As remove_demo does: activities first (they protect the school's types and years), then the school.
    Activity.objects.filter(school=world.school).delete()
    world.school.delete()
    assert not GuidanceMeeting.objects.exists()
