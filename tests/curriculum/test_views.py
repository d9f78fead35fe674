from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.activities.models import Participation
from roadahead.curriculum.models import Scheme, Subject
from tests.curriculum.helpers import add_activity, build_curriculum

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/curriculum/"


def _as(client, member):
    client.force_login(member.user)
    return client


def test_grid_links_every_cell_and_names_gaps_in_words(client, world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2026, 2, 2))
    page = _as(client, world.leader).get(BASE).content.decode()
    assert f"schemes/?subject={c.maths.pk}&amp;phase={c.ks4.pk}" in page
    assert f"activities/?subject={c.maths.pk}&amp;phase={c.ks4.pk}&amp;year=2025" in page
    assert f"schemes/?subject={c.english.pk}&amp;phase={c.ks3.pk}" in page
    assert page.count(">Gap</strong>") == 2
    assert "2 subjects and phases with no scheme yet" in page
    assert "Add a scheme of learning" not in page  # governors read only


def test_grid_for_an_earlier_year_counts_that_years_activities(client, world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.letters, dt.date(2025, 3, 2))
    from tests import factories
    factories.AcademicYearFactory(school=world.school, start_year=2024)
    page = _as(client, world.careers_leader).get(BASE + "?year=2024").content.decode()
    assert "activities in 2024/25" in page
    assert f"phase={c.post16.pk}&amp;year=2024\">1 activity" in page


def test_grid_query_count_is_the_same_for_more_subjects(client, world):
    c = build_curriculum(world.school)
    _as(client, world.careers_leader).get(BASE)  # the first request also stores the session
    with CaptureQueriesContext(connection) as small:
        client.get(BASE)
    for n in range(4):
        subject = Subject.objects.create(school=world.school, name=f"Subject {n}")
        scheme = Scheme.objects.create(school=world.school, subject=subject, title="Unit", first_year="7",
                                       last_year="14", careers_statement="Used at work.")
        add_activity(world.school, scheme, dt.date(2026, 1, 5))
    add_activity(world.school, c.budgeting, dt.date(2026, 1, 6))
    with CaptureQueriesContext(connection) as large:
        client.get(BASE)
    assert len(large) == len(small)


def test_class_teacher_adds_a_scheme(client, world):
    c = build_curriculum(world.school)
    response = _as(client, world.class_teacher).post(BASE + "schemes/new/", {
        "subject": c.english.pk, "title": "Filling in forms", "phases": [c.ks4.pk, c.post16.pk],
        "careers_statement": "Every job starts with a form.", "first_year": "", "last_year": ""})
    scheme = Scheme.objects.get(title="Filling in forms")
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}schemes/{scheme.pk}/"
    assert set(scheme.phases.all()) == {c.ks4, c.post16}


def test_scheme_form_explains_a_missing_phase_and_keeps_what_was_typed(client, world):
    c = build_curriculum(world.school)
    response = _as(client, world.class_teacher).post(BASE + "schemes/new/", {
        "subject": c.english.pk, "title": "Filling in forms", "careers_statement": "Forms at work."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Tick the phases this scheme is taught in" in page
    assert "Forms at work." in page


def test_class_teacher_without_subjects_is_told_to_ask_the_careers_leader(client, world):
    page = _as(client, world.class_teacher).get(BASE + "schemes/new/").content.decode()
    assert "Ask the careers leader to add the subjects you teach." in page


def test_class_teacher_cannot_change_a_scheme(client, world):
    c = build_curriculum(world.school)
    response = _as(client, world.class_teacher).post(f"{BASE}schemes/{c.budgeting.pk}/edit/", {
        "subject": c.maths.pk, "title": "Changed", "careers_statement": "x", "phases": [c.ks3.pk]})
    assert response.status_code == 403
    c.budgeting.refresh_from_db()
    assert c.budgeting.title == "Money and budgeting"


def test_careers_leader_changes_a_scheme(client, world):
    c = build_curriculum(world.school)
    form = _as(client, world.careers_leader).get(f"{BASE}schemes/{c.measures.pk}/edit/").content.decode()
    assert "Builders and cooks measure carefully." in form
    client.post(f"{BASE}schemes/{c.measures.pk}/edit/", {
        "subject": c.maths.pk, "title": "Measuring", "careers_statement": "Builders measure.",
        "first_year": "10", "last_year": "11"})
    c.measures.refresh_from_db()
    assert (c.measures.careers_statement, c.measures.first_year, c.measures.last_year) == (
        "Builders measure.", "10", "11")


def test_scheme_detail_lists_its_activities_without_pupils(client, world):
    c = build_curriculum(world.school)
    activity = add_activity(world.school, c.budgeting, dt.date(2026, 2, 2), title="Shop prices")
    pupil = world.pupils[0]
    Participation.objects.create(school=world.school, activity=activity, pupil=pupil, response="I liked it")
    page = _as(client, world.adviser).get(f"{BASE}schemes/{c.budgeting.pk}/").content.decode()
    assert "Shop prices" in page
    assert "2 Feb 2026" in page
    assert pupil.legal_surname not in page
    assert "I liked it" not in page


def test_scheme_of_another_school_is_not_found(client, world, other_world):
    theirs = build_curriculum(other_world.school)
    assert _as(client, world.careers_leader).get(f"{BASE}schemes/{theirs.budgeting.pk}/").status_code == 404
    assert client.get(f"{BASE}subjects/{theirs.maths.pk}/edit/").status_code == 404


def test_careers_leader_adds_and_renames_a_subject(client, world):
    _as(client, world.careers_leader).post(BASE + "subjects/new/", {"name": "Science"})
    subject = Subject.objects.get(school=world.school, name="Science")
    client.post(f"{BASE}subjects/{subject.pk}/edit/", {"name": "Science and technology"})
    subject.refresh_from_db()
    assert subject.name == "Science and technology"
    page = client.post(BASE + "subjects/new/", {"name": "science and technology"}).content.decode()
    assert "There is already a subject called science and technology." in page


def test_activity_list_behind_a_cell_shows_its_activities(client, world):
    c = build_curriculum(world.school)
    add_activity(world.school, c.budgeting, dt.date(2026, 2, 2), title="Shop prices")
    add_activity(world.school, c.letters, dt.date(2026, 2, 3), title="A letter")
    page = _as(client, world.class_teacher).get(
        f"{BASE}activities/?subject={c.maths.pk}&phase={c.ks4.pk}&year=2025").content.decode()
    assert "1 activity in 2025/26 for Maths in Key Stage 4" in page
    assert "Shop prices" in page
    assert "A letter" not in page


def test_programme_page_links_to_the_three_records(client, world):
    page = _as(client, world.adviser).get(BASE + "programme/").content.decode()
    for address in ("/s/oakfield/curriculum/", "/s/oakfield/lmi/", "/s/oakfield/training/"):
        assert f'href="{address}"' in page
    assert 'aria-current="page"' in page
    assert "Programme" in page
