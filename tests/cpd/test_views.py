from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from roadahead.cpd.models import CpdRecord
from tests.cpd.helpers import record

pytestmark = pytest.mark.django_db

BASE = "/s/oakfield/training/"


def _as(client, member):
    client.force_login(member.user)
    return client


@pytest.fixture
def records(world):
    return {
        "teacher": record(world.class_teacher, dt.date(2026, 1, 5), "1.5", "Talking about jobs with pupils"),
        "leader": record(world.careers_leader, dt.date(2026, 2, 5), "6", "Careers leader training"),
        "adviser": record(world.adviser, dt.date(2026, 2, 6), "3", "Guidance update"),
    }


def test_careers_leader_sees_everyones_totals_and_records(client, world, records):
    page = _as(client, world.careers_leader).get(BASE).content.decode()
    assert "Hours per person in 2025/26" in page
    assert "Class Teacher" in page
    assert "Talking about jobs with pupils" in page
    assert "Guidance update" in page
    assert '<strong>10.5</strong>' in page


def test_governor_sees_totals_but_not_what_each_course_was(client, world, records):
    page = _as(client, world.leader).get(BASE).content.decode()
    assert "Hours per person in 2025/26" in page
    assert "Class Teacher" in page
    assert "<strong>10.5</strong>" in page
    assert "Talking about jobs with pupils" not in page
    assert "Add training" not in page


def test_class_teacher_sees_only_their_own(client, world, records):
    page = _as(client, world.class_teacher).get(BASE).content.decode()
    assert "Talking about jobs with pupils" in page
    assert "1.5 hours in all." in page
    assert "Careers leader training" not in page
    assert "Hours per person" not in page


def test_adviser_sees_only_their_own_and_cannot_add(client, world, records):
    _as(client, world.adviser)
    page = client.get(BASE).content.decode()
    assert "Guidance update" in page
    assert "Talking about jobs with pupils" not in page
    assert "Add training" not in page
    assert client.get(BASE + "new/").status_code == 403


def test_class_teacher_adds_their_own_training_whatever_member_is_sent(client, world):
    response = _as(client, world.class_teacher).post(BASE + "new/", {
        "member": world.careers_leader.pk, "date": "05/03/2026", "title": "Work experience for SEND",
        "provider": "Local college", "hours": "2", "notes": ""})
    assert response.status_code == 302
    made = CpdRecord.objects.get(title="Work experience for SEND")
    assert made.member == world.class_teacher
    assert made.hours == Decimal("2")


def test_class_teacher_form_has_no_choice_of_member(client, world):
    page = _as(client, world.class_teacher).get(BASE + "new/").content.decode()
    assert "Member of staff" not in page


def test_careers_leader_records_training_for_a_colleague(client, world):
    _as(client, world.careers_leader).post(BASE + "new/", {
        "member": world.class_teacher.pk, "date": "05/03/2026", "title": "Using LMI", "hours": "1", "provider": ""})
    assert CpdRecord.objects.get(title="Using LMI").member == world.class_teacher


def test_form_explains_bad_hours(client, world):
    page = _as(client, world.careers_leader).post(BASE + "new/", {
        "member": world.class_teacher.pk, "date": "05/03/2026", "title": "Using LMI", "hours": "0"}).content.decode()
    assert "There is a problem" in page
    assert "Hours" in page
    assert not CpdRecord.objects.exists()


def test_class_teacher_cannot_change_or_remove_someone_elses_record(client, world, records):
    _as(client, world.class_teacher)
    assert client.get(f"{BASE}{records['leader'].pk}/edit/").status_code == 404
    assert client.post(f"{BASE}{records['leader'].pk}/delete/").status_code == 404
    assert CpdRecord.objects.filter(pk=records["leader"].pk).exists()


def test_class_teacher_changes_their_own_record(client, world, records):
    _as(client, world.class_teacher).post(f"{BASE}{records['teacher'].pk}/edit/", {
        "date": "05/01/2026", "title": "Talking about jobs with pupils", "hours": "2.5", "provider": ""})
    records["teacher"].refresh_from_db()
    assert records["teacher"].hours == Decimal("2.5")


def test_careers_leader_removes_a_record(client, world, records):
    response = _as(client, world.careers_leader).post(f"{BASE}{records['teacher'].pk}/delete/")
    assert response["Location"] == BASE
    assert not CpdRecord.objects.filter(pk=records["teacher"].pk).exists()


def test_another_schools_record_is_not_found(client, world, other_world):
    theirs = record(other_world.class_teacher, dt.date(2026, 1, 5), "1")
    _as(client, world.careers_leader)
    assert client.get(f"{BASE}{theirs.pk}/edit/").status_code == 404
    assert client.post(f"{BASE}{theirs.pk}/delete/").status_code == 404


def test_list_for_another_year(client, world):
    record(world.class_teacher, dt.date(2024, 10, 1), "2", "Last year's course")
    from tests import factories
    factories.AcademicYearFactory(school=world.school, start_year=2024)
    _as(client, world.class_teacher)
    assert "Last year&#x27;s course" not in client.get(BASE).content.decode()
    assert "Last year&#x27;s course" in client.get(BASE + "?year=2024").content.decode()
