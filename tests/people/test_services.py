from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.people import services
from roadahead.people.enums import Role
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil, PupilNeed, User
from tests import factories

pytestmark = pytest.mark.django_db

VALUES = {"upn": "b123456789012", "legal_forename": "Ria", "legal_surname": "Okafor",
          "date_of_birth": dt.date(2010, 5, 4), "sex": "F", "sen_provision": "E"}


def test_create_pupil_normalises_upn_and_audits(world):
    pupil = services.create_pupil(school=world.school, by=world.careers_leader.user, **VALUES)
    assert pupil.upn == "B123456789012"
    entry = AuditEntry.objects.get(action="pupil.created")
    assert (entry.pupil_id, entry.user, entry.school) == (pupil.pk, world.careers_leader.user, world.school)
    assert "Okafor" not in str(entry.data)


def test_create_pupil_rejects_a_bad_upn(world):
    with pytest.raises(ValidationError) as error:
        services.create_pupil(school=world.school, by=None, **{**VALUES, "upn": "B12345"})
    assert error.value.message_dict["upn"] == ["A UPN has 13 characters; this one has 6."]
    assert not Pupil.objects.filter(legal_surname="Okafor").exists()


def test_update_pupil_reports_changed_fields_and_bumps_version(world):
    pupil = world.pupils[0]
    changed = services.update_pupil(pupil=pupil, by=None, expected_version=1, legal_forename="Jo", looked_after=True)
    pupil.refresh_from_db()
    assert changed == ["legal_forename", "looked_after"]
    assert (pupil.legal_forename, pupil.looked_after, pupil.version) == ("Jo", True, 2)
    assert AuditEntry.objects.get(action="pupil.changed").data == {"fields": ["legal_forename", "looked_after"]}


def test_update_pupil_with_nothing_changed_writes_nothing(world):
    pupil = world.pupils[0]
    assert services.update_pupil(pupil=pupil, by=None, legal_forename=pupil.legal_forename) == []
    assert not AuditEntry.objects.filter(action="pupil.changed").exists()


def test_update_pupil_refuses_a_stale_edit_and_keeps_the_first_save(world):
    first = Pupil.objects.get(pk=world.pupils[0].pk)
    second = Pupil.objects.get(pk=world.pupils[0].pk)
    services.update_pupil(pupil=first, by=None, expected_version=1, legal_forename="First")
    with pytest.raises(services.StaleEdit, match="Someone else changed this pupil's record"):
        services.update_pupil(pupil=second, by=None, expected_version=1, legal_forename="Second")
    assert Pupil.objects.get(pk=first.pk).legal_forename == "First"


def test_set_needs_ranks_in_order_and_ignores_repeats(world):
    pupil = world.pupils[0]
    assert services.set_needs(pupil=pupil, needs=["ASD", "SLCN", "ASD"]) is True
    assert list(PupilNeed.objects.filter(pupil=pupil).values_list("need", "rank")) == [("ASD", 1), ("SLCN", 2)]
    assert services.set_needs(pupil=pupil, needs=["ASD", "SLCN"]) is False


def test_enrol_creates_then_updates_one_row_per_year(world):
    pupil = factories.PupilFactory(school=world.school)
    year = world.class_group.academic_year
    enrolment, changed = services.enrol(pupil=pupil, academic_year=year, nc_year="R")
    assert changed
    same, changed_again = services.enrol(pupil=pupil, academic_year=year, nc_year="R")
    assert (same.pk, changed_again) == (enrolment.pk, False)
    services.enrol(pupil=pupil, academic_year=year, nc_year="X", class_group=world.class_group)
    assert list(Enrolment.objects.filter(pupil=pupil).values_list("nc_year", "class_group")) == [
        ("X", world.class_group.pk)]


def test_enrol_rejects_an_unknown_nc_year(world):
    pupil = factories.PupilFactory(school=world.school)
    with pytest.raises(ValidationError):
        services.enrol(pupil=pupil, academic_year=world.class_group.academic_year, nc_year="15")


def test_add_member_creates_the_user_once_and_reuses_them_in_another_school(world, other_world):
    first = services.add_member(school=world.school, by=None, email="New.Person@School.Example",
                                full_name="New Person", role=Role.STAFF)
    second = services.add_member(school=other_world.school, by=None, email="new.person@school.example",
                                 full_name="Ignored", role=Role.ADVISER)
    assert first.user == second.user
    assert User.objects.filter(email="new.person@school.example").count() == 1
    assert not first.user.has_usable_password()
    assert (second.role, second.school) == (Role.ADVISER, other_world.school)


def test_update_member_will_not_let_a_careers_leader_demote_themselves(world):
    me = world.careers_leader
    with pytest.raises(ValidationError, match="cannot remove your own careers leader role"):
        services.update_member(membership=me, by=me.user, role=Role.STAFF, job_title="", is_active=True)
    assert Membership.objects.get(pk=me.pk).role == Role.CAREERS_LEADER


def test_assign_adviser_only_to_advisers_and_only_once(world):
    pupils = world.pupils[:3]
    assert services.assign_adviser(adviser=world.adviser, pupils=pupils, by=None) == 2  # one already assigned
    assert services.assign_adviser(adviser=world.adviser, pupils=pupils, by=None) == 0
    assert AdviserAssignment.objects.filter(adviser=world.adviser).count() == 3
    with pytest.raises(ValidationError):
        services.assign_adviser(adviser=world.class_teacher, pupils=pupils, by=None)
    services.unassign_adviser(adviser=world.adviser, pupil=pupils[0], by=None)
    assert AdviserAssignment.objects.filter(adviser=world.adviser).count() == 2
