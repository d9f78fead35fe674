"""Anonymising leavers on the school's schedule: the preview is exactly what is anonymised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.destinations import reports, retention, services
from roadahead.destinations.enums import CheckInStatus
from roadahead.destinations.models import Anonymisation, CheckIn, Destination
from roadahead.people.models import Pupil
from tests import factories
from tests.destinations.factories import destination, leave, pathway

D = dt.date


@pytest.fixture
def leavers(world):
    care = pathway(world.school, "Pathway 1", ["day-service"])
    year = world.class_group.academic_year
    made = []
    for i, left in enumerate([D(2022, 7, 20), D(2023, 2, 28), D(2023, 3, 10), D(2023, 3, 11), D(2024, 2, 29),
                              D(2025, 7, 18)]):
        pupil = factories.PupilFactory(school=world.school, upn=f"R{i:012d}", communication_notes="Uses symbols")
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, pathway=care)
        factories.PupilNeedFactory(pupil=pupil, need="PMLD")
        leave(pupil, left)
        made.append(destination(pupil, "day-service", notes="Goes with her brother on Tuesdays"))
    return made


def _preview_ids(school, today):
    return [p.pk for p in retention.due_for_anonymising(school=school, today=today)]


@pytest.mark.parametrize("today", [D(2026, 3, 10), D(2026, 3, 11), D(2027, 2, 28), D(2027, 3, 1), D(2025, 1, 1)])
def test_the_preview_is_exactly_what_is_anonymised(world, leavers, today):
    preview = _preview_ids(world.school, today)
    done = retention.anonymise(school=world.school, today=today, user=None, expected_ids=set(preview))
    assert done == preview
    assert set(Anonymisation.objects.values_list("pupil_id", flat=True)) == set(preview)
    assert _preview_ids(world.school, today) == []


def test_three_years_by_default_to_the_day(world, leavers):
    names = {p.pk: p.date_left for p in retention.due_for_anonymising(school=world.school, today=D(2026, 3, 10))}
    assert sorted(names.values()) == [D(2022, 7, 20), D(2023, 2, 28), D(2023, 3, 10)]
    # 29 February 2024 reaches three years on 28 February 2027.
    assert D(2024, 2, 29) in {p.date_left for p in retention.due_for_anonymising(school=world.school,
                                                                                 today=D(2027, 2, 28))}
    services.set_retention_years(school=world.school, user=None, years=4)
    assert [p.date_left for p in retention.due_for_anonymising(school=world.school, today=D(2026, 8, 1))] == [
        D(2022, 7, 20)]
    with pytest.raises(ValidationError):
        services.set_retention_years(school=world.school, user=None, years=2)


def test_anonymised_leavers_lose_their_details_but_keep_the_facts_reports_count(world, leavers):
    before = reports.report_records(reports.build_report(school=world.school, day=D(2026, 3, 10), suppress=False))
    ids = retention.anonymise(school=world.school, today=D(2026, 3, 10), user=world.careers_leader.user)
    for pupil in Pupil.objects.filter(pk__in=ids):
        assert pupil.legal_forename == "Former"
        assert pupil.upn.startswith("ANON")
        assert pupil.communication_notes == ""
        assert pupil.date_of_birth.month == 1
        assert pupil.date_of_birth.day == 1
        assert pupil.needs.get().need == "PMLD"
        assert pupil.date_left is not None
    assert set(Destination.objects.filter(pupil_id__in=ids).values_list("notes", flat=True)) == {""}
    assert Destination.objects.filter(pupil_id__in=ids, category__code="day-service", in_keeping_auto=True).count() == 3
    after = reports.report_records(reports.build_report(school=world.school, day=D(2026, 3, 10), suppress=False))
    assert after == before
    entry = AuditEntry.objects.get(action="retention.anonymised")
    assert entry.data["pupils"] == 3
    assert "brother" not in str(entry.data)
    # Anonymised leavers are not sent to the local authority: they have no names or UPN left.
    assert "ANON" not in reports.la_export(school=world.school, day=D(2026, 3, 10))


def test_a_changed_list_is_refused(world, leavers):
    preview = _preview_ids(world.school, D(2026, 3, 10))
    with pytest.raises(ValidationError):
        retention.anonymise(school=world.school, today=D(2026, 3, 10), user=None, expected_ids=set(preview[:1]))
    assert not Anonymisation.objects.exists()


def test_check_in_notes_go_too(world, leavers):
    pupil = leavers[0].pupil
    check_in = CheckIn.objects.get(pupil=pupil, number=1)
    services.record_check_in(check_in=check_in, user=None, member=None, done_on=D(2023, 8, 1),
                             status=CheckInStatus.SAME, sustained=True, notes="Mum says she loves it",
                             today=D(2026, 3, 10))
    retention.anonymise(school=world.school, today=D(2026, 3, 10), user=None)
    check_in.refresh_from_db()
    assert check_in.notes == ""
    assert check_in.sustained is True


def test_every_apps_free_text_about_an_anonymised_leaver_goes_and_the_facts_stay(world, leavers):
    from roadahead.activities.models import ActivityType, Participation
    from roadahead.activities.services import (
        ParticipationInput,
        create_activity,
        ensure_activity_types,
        record_participations,
    )
    from roadahead.guidance.models import GuidanceAction, GuidanceMeeting
    from roadahead.people.signals import REMOVED, pupils_anonymised
    from roadahead.profiles.models import ProfileEntry
    from roadahead.profiles.services import add_entry
    from tests.guidance.factories import action, meeting

    pupil = leavers[0].pupil  # left in July 2022: due on 10 March 2026
    ensure_activity_types(school=world.school)
    talk = create_activity(school=world.school, by=world.careers_leader.user, title="Talk", date=D(2022, 3, 1),
                           activity_type=ActivityType.objects.get(school=world.school, code="employer-talk"))
    record_participations(activity=talk, by=None, entries=[
        ParticipationInput(pupil=pupil, response="I want to be a chef", staff_note="Mum is ill")])
    meeting(pupil, world.careers_leader, D(2022, 5, 1), pupil_words="Chef", actions=[action("Call the college")])
    add_entry(school=world.school, pupil=pupil, member=world.careers_leader, kind="interest", text="Cooking",
              source="pupil", captured="own_words", recorded_on=D(2022, 5, 1))

    retention.anonymise(school=world.school, today=D(2026, 3, 10), user=None)

    part = Participation.objects.get(pupil=pupil, activity=talk)
    assert (part.response, part.staff_note, part.attendance) == ("", "", "attended")
    assert GuidanceMeeting.objects.get(pupil=pupil).pupil_words == ""
    assert GuidanceAction.objects.get(meeting__pupil=pupil).description == REMOVED
    entry = ProfileEntry.objects.get(pupil=pupil)
    assert (entry.text, entry.kind) == (REMOVED, "interest")
    # Every app that keeps free text about pupils listens.
    listening = {receiver.__module__.split(".")[1] for receiver in
                 (r[1]() for r in pupils_anonymised.receivers)}
    assert listening >= {"activities", "guidance", "skills", "profiles", "placements", "transition", "reviews",
                         "events"}
