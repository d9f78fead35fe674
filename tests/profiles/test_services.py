from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.core.locking import StaleEdit
from roadahead.profiles import services
from roadahead.profiles.enums import CaptureMethod, EntryKind, Source
from roadahead.profiles.models import MyFuture, ProfileEntry, TransitionPlan
from tests.profiles.factories import category, entry

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)


def _add(world, **extra):
    values = {"kind": EntryKind.ASPIRATION, "text": "  Work with horses ", "source": Source.PUPIL,
              "captured": CaptureMethod.SYMBOLS, "recorded_on": DAY, **extra}
    return services.add_entry(school=world.school, pupil=world.pupils[0], member=world.class_teacher, **values)


def test_add_entry_records_who_and_audits_without_the_words(world):
    made = _add(world)
    assert made.text == "Work with horses"
    assert made.recorded_by == world.class_teacher
    log = AuditEntry.objects.get(action="profile_entry.created")
    assert log.pupil_id == world.pupils[0].pk
    assert "horses" not in str(log.data)


def test_add_entry_refuses_an_unknown_source(world):
    with pytest.raises(ValidationError):
        _add(world, source="gossip")


def test_add_entry_refuses_a_pupil_of_another_school(world, other_world):
    with pytest.raises(ValidationError):
        services.add_entry(school=world.school, pupil=other_world.pupils[0], member=world.careers_leader,
                           kind=EntryKind.LIKE, text="x", source=Source.PUPIL, captured=CaptureMethod.OWN_WORDS,
                           recorded_on=DAY)


def test_update_entry_from_a_stale_copy_is_refused(world):
    made = _add(world)
    first = ProfileEntry.objects.get(pk=made.pk)
    second = ProfileEntry.objects.get(pk=made.pk)
    services.update_entry(entry=first, member=world.careers_leader, expected_version=1, text="Work with ponies")
    with pytest.raises(StaleEdit):
        services.update_entry(entry=second, member=world.careers_leader, expected_version=1, text="Other")
    assert ProfileEntry.objects.get(pk=made.pk).text == "Work with ponies"


def test_end_entry_with_a_replacement_keeps_both_and_links_them(world):
    made = _add(world)
    new = services.end_entry(entry=made, member=world.adviser, expected_version=made.version,
                             ended_on=dt.date(2026, 3, 10), reason="Changed her mind after the taster day",
                             replacement="Work in a café")
    made.refresh_from_db()
    assert made.ended_on == dt.date(2026, 3, 10)
    assert made.superseded_by == new
    assert new.kind == EntryKind.ASPIRATION
    assert new.recorded_by == world.adviser
    assert ProfileEntry.objects.filter(pupil=world.pupils[0]).count() == 2


def test_end_entry_before_it_was_recorded_is_refused(world):
    made = entry(world.pupils[0], day=DAY)
    with pytest.raises(ValidationError):
        services.end_entry(entry=made, member=world.careers_leader, expected_version=1,
                           ended_on=dt.date(2026, 1, 1))


def test_save_plan_keeps_one_record_per_year(world):
    pupil = world.pupils[0]
    cat = category(world.school)
    services.save_plan(school=world.school, pupil=pupil, member=world.careers_leader, start_year=2024,
                       pupil_category=cat, pupil_aim="Farm", reviewed_on=dt.date(2025, 3, 1))
    plan = services.save_plan(school=world.school, pupil=pupil, member=world.careers_leader, start_year=2025,
                              pupil_category=cat, pupil_aim="College", reviewed_on=DAY)
    services.save_plan(school=world.school, pupil=pupil, member=world.careers_leader, start_year=2025,
                       expected_version=plan.version, pupil_aim="College, then a supported internship",
                       reviewed_on=DAY)
    assert list(TransitionPlan.objects.filter(pupil=pupil).values_list("start_year", "pupil_aim")) == [
        (2025, "College, then a supported internship"), (2024, "Farm")]


def test_save_plan_refuses_another_schools_category(world, other_world):
    with pytest.raises(ValidationError):
        services.save_plan(school=world.school, pupil=world.pupils[0], member=world.careers_leader,
                           start_year=2025, school_category=category(other_world.school), reviewed_on=DAY)


def test_save_plan_stale_review_is_refused(world):
    plan = services.save_plan(school=world.school, pupil=world.pupils[0], member=world.careers_leader,
                              start_year=2025, reviewed_on=DAY)
    services.save_plan(school=world.school, pupil=world.pupils[0], member=world.careers_leader, start_year=2025,
                       expected_version=plan.version, plan="Visit college", reviewed_on=DAY)
    with pytest.raises(StaleEdit):
        services.save_plan(school=world.school, pupil=world.pupils[0], member=world.careers_leader,
                           start_year=2025, expected_version=plan.version, plan="Other", reviewed_on=DAY)


def test_save_my_future_chooses_entries(world):
    pupil = world.pupils[0]
    keep, drop = entry(pupil, "Goats"), entry(pupil, "Lunch", on_my_future=True)
    services.save_my_future(school=world.school, pupil=pupil, member=world.class_teacher,
                            next_steps="Visit the farm\nTry the bus", chosen_entry_ids=[keep.pk])
    keep.refresh_from_db()
    drop.refresh_from_db()
    assert keep.on_my_future
    assert not drop.on_my_future
    assert MyFuture.objects.get(pupil=pupil).next_steps == "Visit the farm\nTry the bus"
