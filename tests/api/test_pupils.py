from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.audit.models import AuditEntry
from roadahead.people.models import Enrolment, Pupil, PupilNeed
from tests import factories
from tests.api.conftest import ApiClient, token_for

pytestmark = pytest.mark.django_db

NEW_PUPIL = {
    "upn": "k 123456789012", "legal_forename": "Jordan", "legal_surname": "Example", "date_of_birth": "2010-05-04",
    "sex": "M", "needs": ["ASD", "SLCN"], "looked_after": True, "nc_year": "11",
}


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["items"]}


# ## WHO SEES WHOM ################################################################################
@pytest.mark.parametrize("role", ["careers_leader", "leader"])
def test_pupil_list_for_careers_leader_and_senior_leader_is_the_whole_school(world, other_world, api_as, role):
    assert ids(api_as(role).get("/pupils")) == {p.pk for p in world.pupils}


def test_pupil_list_for_class_staff_is_their_class_only(world, api_as):
    assert ids(api_as("class_teacher").get("/pupils")) == {p.pk for p in world.class_pupils}


def test_pupil_list_for_adviser_is_their_assigned_pupils_only(world, api_as):
    assert ids(api_as("adviser").get("/pupils")) == {p.pk for p in world.adviser_pupils}


@pytest.mark.parametrize(("role", "visible"), [
    ("careers_leader", True), ("leader", True), ("class_teacher", False), ("adviser", False)])
def test_pupil_detail_of_pupil_outside_members_reach_is_404(world, api_as, role, visible):
    # pupils[3] is in the other class and not assigned to the adviser.
    response = api_as(role).get(f"/pupils/{world.pupils[3].pk}")
    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher", "adviser", "leader"])
def test_pupil_detail_of_visible_pupil_is_shown_to_every_role(world, api_as, role):
    assert api_as(role).get(f"/pupils/{world.pupils[0].pk}").status_code == 200


def test_another_schools_pupil_is_404_even_by_id(world, other_world, api_as):
    api = api_as("careers_leader")
    other = other_world.pupils[0]
    response = api.get(f"/pupils/{other.pk}")
    missing = api.get("/pupils/999999")
    assert response.status_code == missing.status_code == 404
    assert response.content == missing.content  # no way to tell "elsewhere" from "nowhere"
    assert api.patch(f"/pupils/{other.pk}", {"legal_forename": "Changed"}).status_code == 404
    other.refresh_from_db()
    assert other.legal_forename != "Changed"


# ## WHAT A PUPIL LOOKS LIKE #####################################################################
def test_pupil_detail_shows_record_needs_and_this_years_enrolment(world, api_as):
    pupil = world.pupils[0]
    factories.PupilNeedFactory(pupil=pupil, need="SLCN", rank=2)
    body = api_as("careers_leader").get(f"/pupils/{pupil.pk}").json()
    assert body["upn"] == pupil.upn
    assert body["legal_surname"] == pupil.legal_surname
    assert body["needs"] == ["SLD", "SLCN"]
    assert body["current_enrolment"] == {"academic_year": "2025/26", "nc_year": "10",
                                         "class": {"id": world.class_group.pk, "name": "Oak"}, "pathway": None}
    assert body["version"] == 1


def test_pupil_detail_writes_a_pupil_viewed_audit_entry(world, api_as):
    pupil = world.pupils[0]
    api_as("class_teacher").get(f"/pupils/{pupil.pk}")
    entry = AuditEntry.objects.get(action="pupil.viewed")
    assert (entry.pupil_id, entry.user, entry.school) == (pupil.pk, world.class_teacher.user, world.school)


def test_pupil_list_writes_one_pupil_listed_entry_with_the_count(world, api_as):
    api_as("careers_leader").get("/pupils")
    entry = AuditEntry.objects.get(action="pupil.listed")
    assert entry.data["count"] == 4
    assert not AuditEntry.objects.filter(action="pupil.viewed").exists()


# ## FILTERS AND PAGES ###########################################################################
def test_pupil_list_filters_by_class_need_looked_after_and_search(world, api_as):
    api = api_as("careers_leader")
    target = world.pupils[1]
    Pupil.objects.filter(pk=target.pk).update(looked_after=True, preferred_forename="Zebedee")
    PupilNeed.objects.filter(pupil=target).update(need="PMLD")
    assert ids(api.get("/pupils", **{"class": world.class_group.pk})) == {p.pk for p in world.class_pupils}
    assert ids(api.get("/pupils", need="PMLD")) == {target.pk}
    assert ids(api.get("/pupils", looked_after="true")) == {target.pk}
    assert ids(api.get("/pupils", search="Surname")) == {p.pk for p in world.pupils}
    assert ids(api.get("/pupils", year="10")) == {p.pk for p in world.pupils}
    assert ids(api.get("/pupils", year="9")) == set()


def test_pupil_search_by_post_keeps_names_and_upns_out_of_the_address(world, api_as):
    target = world.pupils[1]
    Pupil.objects.filter(pk=target.pk).update(preferred_forename="Zebedee")
    api = api_as("leader")  # a read-only token: searching is reading
    assert ids(api.post("/pupils/search", {"search": "zebedee"})) == {target.pk}
    assert ids(api.post("/pupils/search", {"search": target.upn})) == {target.pk}
    assert ids(api.post("/pupils/search", {"class": world.class_group.pk})) == {p.pk for p in world.class_pupils}
    assert api.post("/pupils/search", {"status": "everyone"}).status_code == 422


def test_pupil_search_by_post_respects_visibility(world, api_as):
    response = api_as("adviser").post("/pupils/search", {"search": world.pupils[3].upn})
    assert ids(response) == set()


def test_pupil_list_hides_leavers_unless_asked(world, api_as):
    api = api_as("careers_leader")
    leaver = world.pupils[2]
    Pupil.objects.filter(pk=leaver.pk).update(date_left="2025-07-20")
    assert leaver.pk not in ids(api.get("/pupils"))
    assert ids(api.get("/pupils", status="left")) == {leaver.pk}
    assert len(ids(api.get("/pupils", status="all"))) == 4


def test_pupil_list_rejects_unknown_filter_values_with_422(world, api_as):
    api = api_as("careers_leader")
    assert api.get("/pupils", year="99").status_code == 422
    assert api.get("/pupils", status="everyone").status_code == 422
    assert api.get("/pupils", page_size="1000").status_code == 422


def test_pupil_list_pages_through_every_pupil_once(world, api_as):
    api = api_as("careers_leader")
    first = api.get("/pupils", page_size=3).json()
    assert (first["count"], first["next_page"], len(first["items"])) == (4, 2, 3)
    second = api.get("/pupils", page_size=3, page=2).json()
    assert (second["next_page"], len(second["items"])) == (None, 1)
    assert {r["id"] for r in first["items"] + second["items"]} == {p.pk for p in world.pupils}
    assert api.get("/pupils", page=9).json()["items"] == []


def test_pupil_list_query_count_does_not_grow_with_pupils(db):
    from tests.conftest import build_school

    def queries_for(pupils: int, slug: str) -> int:
        world = build_school(slug, slug.title(), pupils=pupils)
        api = ApiClient(token_for(world.careers_leader))
        api.get("/me")  # the first request of a token also records when it was used
        with CaptureQueriesContext(connection) as captured:
            assert len(api.get("/pupils", page_size=100).json()["items"]) == pupils
        return len(captured)

    assert queries_for(1, "onepupil") == queries_for(20, "twentypupils")


# ## ADDING AND CHANGING #########################################################################
def test_careers_leader_adds_a_pupil_with_needs_and_enrolment(world, api_as):
    response = api_as("careers_leader").post("/pupils", {**NEW_PUPIL, "class_id": world.other_class.pk})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["upn"] == "K123456789012"
    assert body["needs"] == ["ASD", "SLCN"]
    assert body["current_enrolment"]["class"] == {"id": world.other_class.pk, "name": "Ash"}
    pupil = Pupil.objects.get(pk=body["id"])
    assert pupil.school == world.school
    assert pupil.looked_after is True
    assert AuditEntry.objects.filter(action="pupil.created", pupil_id=pupil.pk).exists()


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"upn": "12345"}, "upn", "13 characters"),
    ({"upn": "1234567890123"}, "upn", "letter followed by 12 digits"),
    ({"legal_surname": ""}, "legal_surname", "at least 1 character"),
    ({"date_of_birth": "31/02/2010"}, "date_of_birth", "date"),
    ({"needs": ["NOTANEED"]}, "needs", "SPLD"),
    ({"sex": "Q"}, "sex", "'F'"),
    ({"class_id": 999999}, "class_id", "no class with this id"),
])
def test_adding_a_pupil_with_bad_values_is_422_and_writes_nothing(world, api_as, change, field, message):
    api = api_as("careers_leader")
    before = (Pupil.objects.count(), Enrolment.objects.count(), PupilNeed.objects.count(), AuditEntry.objects.count())
    response = api.post("/pupils", {**NEW_PUPIL, **change})
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert any(field in p["loc"] and message in p["msg"] for p in problems), problems
    assert (Pupil.objects.count(), Enrolment.objects.count(), PupilNeed.objects.count(),
            AuditEntry.objects.count()) == before


def test_adding_a_pupil_with_a_upn_already_in_the_school_is_422(world, api_as):
    response = api_as("careers_leader").post("/pupils", {**NEW_PUPIL, "upn": world.pupils[0].upn.lower()})
    assert response.status_code == 422
    assert response.json()["detail"] == [{"type": "value_error", "loc": ["body", "payload", "upn"],
                                          "msg": "Another pupil in this school already has this UPN."}]
    assert Pupil.objects.filter(school=world.school).count() == 4


def test_the_same_upn_may_be_used_in_another_school(world, other_world, api_as):
    response = api_as("careers_leader").post("/pupils", {**NEW_PUPIL, "upn": other_world.pupils[0].upn})
    assert response.status_code == 201


def test_class_of_another_school_is_refused(world, other_world, api_as):
    response = api_as("careers_leader").post("/pupils", {**NEW_PUPIL, "class_id": other_world.class_group.pk})
    assert response.status_code == 422
    assert not Pupil.objects.filter(legal_forename="Jordan").exists()


def test_class_without_nc_year_is_refused(world, api_as):
    data = {k: v for k, v in NEW_PUPIL.items() if k != "nc_year"}
    response = api_as("careers_leader").post("/pupils", {**data, "class_id": world.class_group.pk})
    assert response.status_code == 422
    assert "NC year" in response.json()["detail"][0]["msg"]


def test_careers_leader_changes_only_the_fields_sent(world, api_as):
    pupil = world.pupils[0]
    response = api_as("careers_leader").patch(f"/pupils/{pupil.pk}", {
        "preferred_forename": "Sam", "needs": ["MLD"], "class_id": world.other_class.pk, "version": 1})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["preferred_forename"], body["legal_forename"]) == ("Sam", pupil.legal_forename)
    assert body["needs"] == ["MLD"]
    assert body["current_enrolment"]["nc_year"] == "10"
    assert body["current_enrolment"]["class"]["id"] == world.other_class.pk
    assert body["version"] == 2
    entry = AuditEntry.objects.get(action="pupil.changed")
    assert entry.data["fields"] == ["preferred_forename", "needs", "enrolment"]


def test_patch_can_clear_an_optional_field_but_not_a_required_one(world, api_as):
    pupil = world.pupils[0]
    Pupil.objects.filter(pk=pupil.pk).update(ehcp_next_review="2026-06-01")
    api = api_as("careers_leader")
    assert api.patch(f"/pupils/{pupil.pk}", {"ehcp_next_review": None}).json()["ehcp_next_review"] is None
    response = api.patch(f"/pupils/{pupil.pk}", {"legal_surname": None})
    assert response.status_code == 422
    pupil.refresh_from_db()
    assert pupil.legal_surname


def test_patch_with_stale_version_is_409_and_saves_nothing(world, api_as):
    pupil = world.pupils[0]
    api = api_as("careers_leader")
    assert api.patch(f"/pupils/{pupil.pk}", {"preferred_forename": "First", "version": 1}).status_code == 200
    response = api.patch(f"/pupils/{pupil.pk}", {"preferred_forename": "Second", "needs": ["HI"], "version": 1})
    assert response.status_code == 409
    assert "Someone else changed" in response.json()["detail"]
    pupil.refresh_from_db()
    assert pupil.preferred_forename == "First"
    assert list(PupilNeed.objects.filter(pupil=pupil).values_list("need", flat=True)) == ["SLD"]


def test_patch_to_a_upn_another_pupil_has_is_422(world, api_as):
    pupil = world.pupils[0]
    response = api_as("careers_leader").patch(f"/pupils/{pupil.pk}", {"upn": world.pupils[1].upn})
    assert response.status_code == 422
    pupil.refresh_from_db()
    assert pupil.upn != world.pupils[1].upn


@pytest.mark.parametrize("role", ["class_teacher", "adviser", "leader"])
def test_only_careers_leaders_may_add_or_change_pupils(world, api_as, role):
    # The senior leader's token is read only (403 at the door); the others are refused by role.
    api = api_as(role)
    assert api.post("/pupils", NEW_PUPIL).status_code == 403
    assert api.patch(f"/pupils/{world.pupils[0].pk}", {"preferred_forename": "X"}).status_code == 403
    assert not Pupil.objects.filter(legal_forename="Jordan").exists()
    world.pupils[0].refresh_from_db()
    assert world.pupils[0].preferred_forename == ""


def test_read_only_token_cannot_write_even_for_a_careers_leader(world, api_as):
    api = api_as("careers_leader", read_only=True)
    response = api.post("/pupils", NEW_PUPIL)
    assert response.status_code == 403
    assert "read only" in response.json()["detail"]
    assert api.get("/pupils").status_code == 200
    assert not Pupil.objects.filter(legal_forename="Jordan").exists()
