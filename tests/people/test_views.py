from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.audit.models import AuditEntry
from roadahead.people.enums import Role
from roadahead.people.models import Membership, Pupil
from tests import factories
from tests.conftest import build_school

pytestmark = pytest.mark.django_db


def test_pupil_list_shows_this_schools_pupils_only(leader_client, world, other_world):
    body = leader_client.get("/s/oakfield/pupils/").content.decode()
    assert all(f"{p.surname}, {p.forename}" in body for p in world.pupils)
    assert not any(p.legal_surname in body for p in other_world.pupils if p.legal_surname not in
                   {q.legal_surname for q in world.pupils})
    assert not any(p.upn in body for p in other_world.pupils)


def test_searching_the_pupil_list_keeps_the_words_out_of_the_address(leader_client, world):
    target, other = world.pupils[0], world.pupils[1]
    response = leader_client.post("/s/oakfield/pupils/?year=10", {"q": target.upn})
    assert response.status_code == 302
    assert response["Location"] == "/s/oakfield/pupils/?year=10"  # the filters stay, the words do not
    body = leader_client.get(response["Location"]).content.decode()
    assert f"{target.surname}, {target.forename}" in body
    assert f"{other.surname}, {other.forename}" not in body
    assert f'value="{target.upn}"' in body  # the search box still shows what was searched for
    body = leader_client.get("/s/oakfield/pupils/?page=1").content.decode()  # the search holds across pages
    assert f"{other.surname}, {other.forename}" not in body

    leader_client.post("/s/oakfield/pupils/", {"q": target.upn, "clear": "1"})
    body = leader_client.get("/s/oakfield/pupils/").content.decode()
    assert f"{other.surname}, {other.forename}" in body


def test_another_schools_pages_are_not_found(leader_client, other_world):
    assert leader_client.get("/s/elmbrook/pupils/").status_code == 404
    assert leader_client.get(f"/s/oakfield/pupils/{other_world.pupils[0].pk}/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    response = client.get("/s/oakfield/pupils/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def count_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/s/oakfield/pupils/").status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", [Role.CAREERS_LEADER, Role.STAFF, Role.ADVISER])
def test_pupil_list_query_count_does_not_grow_with_pupils(client, db, role):
    small = build_school("oakfield", "Oakfield School", pupils=1)
    member = {Role.CAREERS_LEADER: small.careers_leader, Role.STAFF: small.class_teacher,
              Role.ADVISER: small.adviser}[role]
    client.force_login(member.user)
    count_list_queries(client)  # the first request after sign-in also writes the session
    one = count_list_queries(client)
    for i in range(49):
        pupil = factories.PupilFactory(school=small.school, upn=f"Z{i:012d}")
        factories.EnrolmentFactory(pupil=pupil, academic_year=small.class_group.academic_year,
                                   class_group=small.class_group)
        factories.PupilNeedFactory(pupil=pupil, need="ASD")
        factories.PupilNeedFactory(pupil=pupil, need="SLCN", rank=2)
        factories.AdviserAssignmentFactory(adviser=small.adviser, pupil=pupil)
    fifty = count_list_queries(client)
    assert one == fifty


def test_opening_a_pupil_is_audited(leader_client, world):
    pupil = world.pupils[0]
    response = leader_client.get(f"/s/oakfield/pupils/{pupil.pk}/")
    assert response.status_code == 200
    assert pupil.upn in response.content.decode()
    entry = AuditEntry.objects.get(action="pupil.viewed")
    assert (entry.pupil_id, entry.user) == (pupil.pk, world.careers_leader.user)


def test_adviser_cannot_open_an_unassigned_pupil(client, world):
    client.force_login(world.adviser.user)
    assert client.get(f"/s/oakfield/pupils/{world.adviser_pupils[0].pk}/").status_code == 200
    assert client.get(f"/s/oakfield/pupils/{world.pupils[1].pk}/").status_code == 404
    assert not AuditEntry.objects.filter(pupil_id=world.pupils[1].pk).exists()


def pupil_post(pupil: Pupil | None = None, **changes):
    data = {"upn": "C123456789012", "legal_forename": "Amira", "legal_surname": "Haddad",
            "date_of_birth": "04/05/2011", "sex": "F", "sen_provision": "E", "nc_year": "9",
            "primary_need": "ASD", "secondary_needs": ["SLCN"], "version": pupil.version if pupil else ""}
    data.update(changes)
    return data


def test_careers_leader_adds_a_pupil_with_needs_and_this_years_class(leader_client, world):
    response = leader_client.post("/s/oakfield/pupils/new/",
                                  pupil_post(class_group=world.class_group.pk))
    pupil = Pupil.objects.get(upn="C123456789012")
    assert response.status_code == 302
    assert response["Location"] == f"/s/oakfield/pupils/{pupil.pk}/"
    assert [n.need for n in pupil.needs.order_by("rank")] == ["ASD", "SLCN"]
    assert list(pupil.enrolments.values_list("nc_year", "class_group")) == [("9", world.class_group.pk)]


def test_pupil_form_rejects_a_upn_already_used_in_the_school(leader_client, world):
    response = leader_client.post("/s/oakfield/pupils/new/", pupil_post(upn=world.pupils[0].upn))
    assert response.status_code == 200
    assert "Another pupil in this school already has this UPN." in response.content.decode()
    assert Pupil.objects.filter(school=world.school).count() == 4


def test_pupil_form_tells_the_second_editor_and_keeps_the_first_save(leader_client, world):
    pupil = world.pupils[0]
    form = pupil_post(pupil, upn=pupil.upn, legal_forename="Changed first")
    assert leader_client.post(f"/s/oakfield/pupils/{pupil.pk}/edit/", form).status_code == 302
    stale = pupil_post(pupil, upn=pupil.upn, legal_forename="Changed second")  # still version 1
    response = leader_client.post(f"/s/oakfield/pupils/{pupil.pk}/edit/", stale)
    assert response.status_code == 200
    assert "Someone else changed this pupil&#x27;s record" in response.content.decode()
    pupil.refresh_from_db()
    assert pupil.legal_forename == "Changed first"


@pytest.mark.parametrize("role", ["class_teacher", "adviser", "leader"])
def test_only_careers_leaders_change_pupils_and_staff(client, world, role):
    client.force_login(getattr(world, role).user)
    pupil = world.adviser_pupils[0]
    assert client.get(f"/s/oakfield/pupils/{pupil.pk}/edit/").status_code == 403
    assert client.post("/s/oakfield/pupils/new/", pupil_post()).status_code == 403
    assert client.get("/s/oakfield/staff/").status_code == 403
    assert not Pupil.objects.filter(upn="C123456789012").exists()


def test_careers_leader_adds_and_edits_staff(leader_client, world):
    response = leader_client.post("/s/oakfield/staff/new/", {
        "full_name": "Dev Patel", "email": "dev@oakfield.example", "role": "staff", "job_title": "TA"})
    assert response.status_code == 302
    member = Membership.objects.get(user__email="dev@oakfield.example")
    response = leader_client.post(f"/s/oakfield/staff/{member.pk}/", {
        "role": "staff", "job_title": "Teaching assistant", "is_active": "on",
        "class_groups": [world.class_group.pk]})
    assert response.status_code == 302
    member.refresh_from_db()
    assert list(member.class_groups.all()) == [world.class_group]
    assert member.job_title == "Teaching assistant"


def test_staff_edit_of_another_schools_member_is_not_found(leader_client, other_world):
    assert leader_client.get(f"/s/oakfield/staff/{other_world.careers_leader.pk}/").status_code == 404
