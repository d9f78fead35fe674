"""Recording destinations, judging them against the pathway, overriding, and check-ins."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.core.locking import StaleEdit
from roadahead.destinations import selectors, services
from roadahead.destinations.enums import CheckInStatus
from roadahead.destinations.models import CheckIn, Destination
from roadahead.people.models import Enrolment
from tests import factories
from tests.destinations.factories import categories, destination, leave, pathway

D = dt.date


@pytest.fixture
def pathways(world):
    return {
        "care": pathway(world.school, "Pathway 1", ["social-care-package", "day-service"]),
        "college": pathway(world.school, "Pathway 3", ["specialist-college", "college-specialist-provision",
                                                       "day-service", "pa-support"]),
        "work": pathway(world.school, "Pathway 5", ["supported-employment", "apprenticeship", "supported-internship",
                                                    "employment"]),
    }


@pytest.mark.parametrize(("which", "code", "expected"), [
    ("care", "day-service", True), ("care", "specialist-college", False),
    ("college", "specialist-college", True), ("college", "apprenticeship", False),
    ("work", "supported-internship", True), ("work", "day-service", False), ("work", "neet", False),
])
def test_each_destination_is_judged_against_the_pupils_pathway(world, pathways, which, code, expected):
    pupil = leave(world.pupils[0], pathway_=pathways[which])
    made = destination(pupil, code)
    assert made.pathway == pathways[which]
    assert made.in_keeping_auto is expected
    assert made.in_keeping is expected


def test_the_last_pathway_with_one_is_the_one_judged_by(world, pathways):
    pupil = world.pupils[0]
    Enrolment.objects.filter(pupil=pupil).update(pathway=pathways["care"])
    later = factories.AcademicYearFactory(school=world.school, start_year=2026)
    factories.EnrolmentFactory(pupil=pupil, academic_year=later, nc_year="11", pathway=pathways["work"])
    factories.EnrolmentFactory(pupil=pupil, academic_year=factories.AcademicYearFactory(
        school=world.school, start_year=2027), nc_year="12", pathway=None)
    made = destination(leave(pupil, D(2026, 2, 13)), "apprenticeship")
    assert made.pathway == pathways["work"]
    assert made.in_keeping_auto is True


def test_without_a_pathway_there_is_no_judgement(world):
    made = destination(leave(world.pupils[0]), "employment")
    assert made.pathway is None
    assert made.in_keeping is None


def test_staff_override_needs_a_reason_and_wins_until_cleared(world, pathways):
    made = destination(leave(world.pupils[0], pathway_=pathways["work"]), "day-service")
    assert made.in_keeping is False
    with pytest.raises(ValidationError) as error:
        services.override_in_keeping(destination=made, user=None, in_keeping=True, reason="  ")
    assert "override_reason" in error.value.message_dict
    services.override_in_keeping(destination=made, user=world.careers_leader.user, in_keeping=True,
                                 reason="Three days a week at the day service's café, working towards a job there.")
    made.refresh_from_db()
    assert (made.in_keeping, made.in_keeping_auto) == (True, False)
    entry = AuditEntry.objects.filter(action="destination.in_keeping_overridden").get()
    assert "café" not in str(entry.data)
    services.override_in_keeping(destination=made, user=None, in_keeping=None, reason="")
    made.refresh_from_db()
    assert made.in_keeping is False
    assert made.override_reason == ""


def test_correcting_a_destination_re_judges_it_and_refuses_a_stale_edit(world, pathways):
    made = destination(leave(world.pupils[0], pathway_=pathways["college"]), "apprenticeship")
    cats = categories(world.school)
    services.update_destination(destination=made, user=None, expected_version=1, category=cats["specialist-college"])
    made.refresh_from_db()
    assert made.in_keeping_auto is True
    assert made.version == 2
    with pytest.raises(StaleEdit):
        services.update_destination(destination=Destination.objects.get(pk=made.pk), user=None, expected_version=1,
                                    category=cats["day-service"])


def test_only_leavers_get_destinations(world):
    with pytest.raises(ValidationError):
        services.record_destination(school=world.school, pupil=world.pupils[1], user=None, member=None,
                                    category=categories(world.school)["employment"])
    assert not Destination.objects.exists()


def test_another_schools_category_or_provider_is_refused(world, other_world):
    pupil = leave(world.pupils[0])
    other = categories(other_world.school)["employment"]
    with pytest.raises(ValidationError):
        services.record_destination(school=world.school, pupil=pupil, user=None, member=None, category=other)
    with pytest.raises(ValidationError):
        services.record_destination(school=world.school, pupil=pupil, user=None, member=None,
                                    category=categories(world.school)["employment"],
                                    provider=factories.ProviderFactory(school=other_world.school))


def test_a_check_in_that_finds_a_change_records_the_new_destination(world, pathways):
    pupil = leave(world.pupils[0], D(2025, 2, 14), pathway_=pathways["work"])
    first = destination(pupil, "supported-internship", start_date=D(2025, 3, 3))
    check_in = CheckIn.objects.get(pupil=pupil, number=1)
    cats = categories(world.school)
    with pytest.raises(ValidationError) as error:
        services.record_check_in(check_in=check_in, user=None, member=None, done_on=D(2026, 2, 20),
                                 status=CheckInStatus.CHANGED, sustained=True, today=D(2026, 3, 10))
    assert "new_category" in error.value.message_dict
    services.record_check_in(check_in=check_in, user=None, member=world.careers_leader, done_on=D(2026, 2, 20),
                             status=CheckInStatus.CHANGED, sustained=True, new_category=cats["supported-employment"],
                             new_start_date=D(2026, 1, 5), today=D(2026, 3, 10))
    check_in.refresh_from_db()
    assert check_in.destination == first
    current = selectors.destination_for_pupil(school=world.school, pupil=pupil)
    assert current is not None
    assert current.category.code == "supported-employment"
    assert current.in_keeping_auto is True
    assert [c.number for c in current.check_ins] == [1, 2, 3]
    assert check_in.new_destination == current


def test_check_in_dates_and_not_known(world):
    pupil = leave(world.pupils[0], D(2025, 2, 14))
    destination(pupil)
    check_in = CheckIn.objects.get(pupil=pupil, number=1)
    for bad in (D(2026, 3, 11), D(2025, 1, 1), None):
        with pytest.raises(ValidationError):
            services.record_check_in(check_in=check_in, user=None, member=None, done_on=bad,
                                     status=CheckInStatus.SAME, sustained=True, today=D(2026, 3, 10))
    services.record_check_in(check_in=check_in, user=None, member=None, done_on=D(2026, 3, 1),
                             status=CheckInStatus.NOT_KNOWN, sustained=True, today=D(2026, 3, 10))
    check_in.refresh_from_db()
    assert check_in.sustained is None
    assert check_in.status == "not_known"


def test_destination_for_pupil_is_none_without_one(world):
    assert selectors.destination_for_pupil(school=world.school, pupil=world.pupils[0]) is None


def test_a_destination_without_a_start_date_is_never_newer_than_one_with(world):
    pupil = leave(world.pupils[0], D(2025, 7, 18))
    dated = destination(pupil, "specialist-college", start_date=D(2025, 9, 8))
    destination(pupil, "day-service")
    current = selectors.destination_for_pupil(school=world.school, pupil=pupil)
    assert current == dated
    assert services.current_destination(school=world.school, pupil=pupil) == dated
    assert selectors.pupil_history(school=world.school, pupil=pupil)[0][0] == dated
    [row] = selectors.leaver_rows(membership=world.careers_leader, day=D(2026, 3, 10))
    assert row.destination == dated
