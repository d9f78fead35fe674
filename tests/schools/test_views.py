from __future__ import annotations

import datetime as dt

import pytest

from roadahead.audit.models import AuditEntry
from roadahead.schools.enums import SchoolType
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, Phase, Term
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["careers_leader", "class_teacher", "adviser", "leader"]


@pytest.fixture
def setup_world(world):
    year = AcademicYear.objects.get(school=world.school, start_year=2025)
    return {
        "year": year,
        "phase": factories.PhaseFactory(school=world.school, name="Upper", first_year="7", last_year="11"),
        "pathway": factories.PathwayFactory(school=world.school, name="Bridge"),
        "term": Term.objects.create(school=world.school, academic_year=year, name="autumn",
                                    starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19)),
    }


def edit_urls(world, s):
    base = f"/s/{world.school.slug}/set-up/"
    return [base + "school/", base + "pathways/new/", base + f"pathways/{s['pathway'].pk}/",
            base + "phases/new/", base + f"phases/{s['phase'].pk}/", base + "classes/new/",
            base + f"classes/{world.class_group.pk}/", base + "years/new/", base + f"years/{s['year'].pk}/terms/new/",
            base + f"terms/{s['term'].pk}/"]


@pytest.mark.parametrize("role", ROLES)
def test_setup_page_by_role(client, world, setup_world, role):
    client.force_login(getattr(world, role).user)
    response = client.get(f"/s/{world.school.slug}/set-up/")
    expected = {"careers_leader": 200, "leader": 200}.get(role, 403)
    assert response.status_code == expected
    if expected == 200:
        body = response.content.decode()
        assert "Upper" in body
        assert "Bridge" in body
        assert ("Change school details" in body) == (role == "careers_leader")
        assert ("Add a term to 2025/26" in body) == (role == "careers_leader")


@pytest.mark.parametrize("role", ROLES)
def test_edit_pages_only_for_careers_leader(client, world, setup_world, role):
    client.force_login(getattr(world, role).user)
    for url in edit_urls(world, setup_world):
        assert client.get(url).status_code == (200 if role == "careers_leader" else 403), url
        if role != "careers_leader":
            assert client.post(url, {"name": "Changed"}).status_code == 403, url


def test_edit_pages_for_another_schools_rows_are_not_found(leader_client, world, other_world):
    theirs = other_world.school
    year = AcademicYear.objects.get(school=theirs, start_year=2025)
    term = Term.objects.create(school=theirs, academic_year=year, name="autumn",
                               starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 12, 19))
    phase = factories.PhaseFactory(school=theirs)
    pathway = factories.PathwayFactory(school=theirs)
    base = f"/s/{world.school.slug}/set-up/"
    for url in [f"pathways/{pathway.pk}/", f"phases/{phase.pk}/", f"classes/{other_world.class_group.pk}/",
                f"years/{year.pk}/terms/new/", f"terms/{term.pk}/"]:
        assert leader_client.get(base + url).status_code == 404, url
        assert leader_client.post(base + url, {"name": "Hijacked"}).status_code == 404, url
    assert leader_client.get(f"/s/{theirs.slug}/set-up/").status_code == 404
    pathway.refresh_from_db()
    assert pathway.name != "Hijacked"


def test_setup_page_shows_a_term_without_half_term_in_three_cells(leader_client, world, setup_world):
    body = leader_client.get(f"/s/{world.school.slug}/set-up/").content.decode()
    row = body.split(">Autumn</th>")[1].split("</tr>")[0]
    assert row.count("<td") == 3  # first half, second half and the change link
    assert "No half-term break recorded" in row


def test_setup_page_for_senior_leader_has_no_change_links(client, world, setup_world):
    client.force_login(world.leader.user)
    body = client.get(f"/s/{world.school.slug}/set-up/").content.decode()
    assert "/set-up/phases/" not in body
    assert "Only the careers leader can change it." in body


def test_school_edit_saves_and_returns_to_setup(leader_client, world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/school/", {
        "name": "Oakfield Academy", "urn": "123456", "school_type": SchoolType.INDEPENDENT_SPECIAL,
        "careers_leader_name": "Sam Careers", "careers_leader_email": "sam@oakfield.example",
        "careers_leader_phone": "01234 567890", "check_gatsby_benchmarks": "on"}, follow=True)
    body = response.content.decode()
    assert "The school&#x27;s details are saved." in body
    assert "Oakfield Academy" in body
    world.school.refresh_from_db()
    assert (world.school.check_provider_access, world.school.check_gatsby_benchmarks) == (False, True)
    assert AuditEntry.objects.get(school=world.school, action="school.changed").data["fields"]


def test_school_edit_hint_shows_for_independent_schools(leader_client, world):
    url = f"/s/{world.school.slug}/set-up/school/"
    hint = 'id="not-bound-hint" hidden'
    assert hint in leader_client.get(url).content.decode()
    world.school.school_type = SchoolType.NON_MAINTAINED_SPECIAL
    world.school.save()
    body = leader_client.get(url).content.decode()
    assert 'id="not-bound-hint">' in body
    assert "You may switch these checks off" in body


def test_school_edit_with_bad_email_shows_error_and_keeps_header_name(leader_client, world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/school/", {
        "name": "Renamed", "school_type": SchoolType.MAINTAINED_SPECIAL, "careers_leader_email": "not-an-email"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    world.school.refresh_from_db()
    assert world.school.name == "Oakfield School"


def test_pathway_create_with_destination_checkboxes(leader_client, world):
    college = factories.DestinationCategoryFactory(school=world.school, name="Specialist college")
    response = leader_client.post(f"/s/{world.school.slug}/set-up/pathways/new/", {
        "name": "Intentional", "order": "4", "vision": "A job with a job coach",
        "in_keeping_destinations": [str(college.pk)]})
    assert response.status_code == 302
    pathway = Pathway.objects.get(school=world.school, name="Intentional")
    assert list(pathway.in_keeping_destinations.all()) == [college]
    assert AuditEntry.objects.filter(school=world.school, action="pathway.created", object_id=pathway.pk).exists()


def test_pathway_edit_duplicate_name_shows_friendly_error(leader_client, world, setup_world):
    other = factories.PathwayFactory(school=world.school, name="Sensory")
    response = leader_client.post(f"/s/{world.school.slug}/set-up/pathways/{other.pk}/", {
        "name": "Bridge", "order": "1"})
    assert "There is already a pathway called Bridge." in response.content.decode()


def test_phase_create_with_years_backwards_shows_error(leader_client, world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/phases/new/", {
        "name": "Upper", "order": "1", "first_year": "11", "last_year": "7"})
    assert response.status_code == 200
    assert "The first year of a phase must come before its last year." in response.content.decode()
    assert not Phase.objects.filter(school=world.school).exists()


def test_phase_edit_saves_and_logs(leader_client, world, setup_world):
    phase = setup_world["phase"]
    response = leader_client.post(f"/s/{world.school.slug}/set-up/phases/{phase.pk}/", {
        "name": "Upper school", "order": "2", "first_year": "9", "last_year": "11"})
    assert response.status_code == 302
    phase.refresh_from_db()
    assert (phase.name, phase.first_year) == ("Upper school", "9")
    assert AuditEntry.objects.get(school=world.school, action="phase.changed").data == {
        "fields": ["name", "order", "first_year"]}


def test_class_create_adds_to_the_current_academic_year(leader_client, world, setup_world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/classes/new/", {
        "name": "Willow", "phase": str(setup_world["phase"].pk)}, follow=True)
    assert "Willow" in response.content.decode()
    group = ClassGroup.objects.get(school=world.school, name="Willow")
    assert group.academic_year == setup_world["year"]
    assert group.phase == setup_world["phase"]


def test_class_edit_renames(leader_client, world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/classes/{world.class_group.pk}/",
                                  {"name": "Oak Tree", "phase": ""})
    assert response.status_code == 302
    world.class_group.refresh_from_db()
    assert world.class_group.name == "Oak Tree"
    assert AuditEntry.objects.filter(school=world.school, action="class_group.changed").exists()


def test_year_create_is_prefilled_with_next_year_september_to_august(leader_client, world):
    body = leader_client.get(f"/s/{world.school.slug}/set-up/years/new/").content.decode()
    assert 'value="2026"' in body
    assert 'value="01/09/2026"' in body
    assert 'value="31/08/2027"' in body
    response = leader_client.post(f"/s/{world.school.slug}/set-up/years/new/", {
        "start_year": "2026", "starts_on": "01/09/2026", "ends_on": "31/08/2027"})
    assert response.status_code == 302
    assert AcademicYear.objects.filter(school=world.school, start_year=2026).exists()
    assert AuditEntry.objects.filter(school=world.school, action="academic_year.created").exists()


def test_term_create_outside_the_year_is_refused_with_a_message(leader_client, world, setup_world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/years/{setup_world['year'].pk}/terms/new/", {
        "name": "summer", "starts_on": "13/04/2026", "ends_on": "10/09/2026"})
    assert response.status_code == 200
    assert "The term must fall inside the academic year 2025/26" in response.content.decode()
    assert not Term.objects.filter(school=world.school, name="summer").exists()


def test_term_create_with_half_term_dates_appears_on_setup(leader_client, world, setup_world):
    response = leader_client.post(f"/s/{world.school.slug}/set-up/years/{setup_world['year'].pk}/terms/new/", {
        "name": "spring", "starts_on": "05/01/2026", "ends_on": "27/03/2026",
        "first_half_ends_on": "13/02/2026", "second_half_starts_on": "23/02/2026"}, follow=True)
    body = response.content.decode()
    assert "The term is added." in body
    assert "5 Jan to 13 Feb 2026" in body
    assert "23 Feb to 27 Mar 2026" in body


def test_term_edit_with_half_term_outside_the_term_is_refused(leader_client, world, setup_world):
    term = setup_world["term"]
    response = leader_client.post(f"/s/{world.school.slug}/set-up/terms/{term.pk}/", {
        "name": "autumn", "starts_on": "03/09/2025", "ends_on": "19/12/2025",
        "first_half_ends_on": "24/10/2025", "second_half_starts_on": "05/01/2026"})
    assert "The half-term break must fall inside the term." in response.content.decode()
    term.refresh_from_db()
    assert term.first_half_ends_on is None


def test_dashboard_still_works_for_every_role(client, world):
    for role in ROLES:
        client.force_login(getattr(world, role).user)
        assert client.get(f"/s/{world.school.slug}/").status_code == 200
