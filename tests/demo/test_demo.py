"""`roadahead demo` builds two realistic demo schools once, and prints sign-in details that work."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from roadahead.activities.models import Activity, Participation, Series
from roadahead.cpd.models import CpdRecord
from roadahead.demo.data import DEMO_PASSWORD
from roadahead.events.models import Event
from roadahead.lmi.models import LmiItem
from roadahead.people.enums import Role
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil, PupilNeed, User
from roadahead.people.validators import upn_problem
from roadahead.providers.models import Provider
from roadahead.schools.models import Pathway, School

pytestmark = pytest.mark.django_db

EMAIL_RE = re.compile(r"\s(\S+@\S+\.example)$")


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--no-serve", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo_output(built_demo) -> str:
    return built_demo


def test_demo_builds_two_schools_with_60_to_120_pupils(demo_output):
    schools = School.objects.filter(slug__in=["parkside", "heathfield"])

    assert schools.count() == 2
    for school in schools:
        assert 60 <= Pupil.objects.filter(school=school).count() <= 120


def test_demo_pupils_have_valid_unique_upns(demo_output):
    upns = list(Pupil.objects.values_list("upn", flat=True))

    assert all(upn_problem(upn) is None for upn in upns)
    assert len(set(upns)) == len(upns)


def test_demo_pupils_are_a_realistic_mix(demo_output):
    for school in School.objects.filter(slug__in=["parkside", "heathfield"]):
        pupils = Pupil.objects.filter(school=school)
        total = pupils.count()
        leavers = pupils.filter(date_left__isnull=False)
        assert 20 <= leavers.count() <= 30
        assert all(p.date_left.month == 7 and p.date_left.year in {2023, 2024, 2025} for p in leavers)
        assert 0.05 * total <= pupils.filter(looked_after=True).count() <= 0.2 * total
        assert pupils.exclude(communication_notes="").count() >= 10
        assert pupils.filter(ehcp_next_review__isnull=False).count() == total - leavers.count()
        primary = set(PupilNeed.objects.filter(school=school, rank=1).values_list("need", flat=True))
        assert {"SLD", "PMLD", "ASD"} <= primary
        assert PupilNeed.objects.filter(school=school, rank=2).exists()
        this_year = Enrolment.objects.filter(school=school, academic_year__start_year=2025)
        assert this_year.count() == total - leavers.count()
        assert not this_year.filter(pathway__isnull=True).exists()
        assert this_year.filter(class_group__isnull=False).count() == this_year.count()
        assert Enrolment.objects.filter(school=school, academic_year__start_year=2024).count() > total / 2
        assert {"R", "7", "14"} <= set(this_year.values_list("nc_year", flat=True))
        assert Pathway.objects.filter(school=school).count() == this_year.values("pathway").distinct().count()


def test_demo_pathways_follow_need(demo_output):
    pmld = Enrolment.objects.filter(school__slug="heathfield", academic_year__start_year=2025,
                                    pupil__needs__rank=1, pupil__needs__need="PMLD")

    assert set(pmld.values_list("pathway__name", flat=True)) <= {"Sensory", "Active"}


def test_demo_has_every_role_in_both_schools(demo_output):
    for school in School.objects.filter(slug__in=["parkside", "heathfield"]):
        roles = list(Membership.objects.filter(school=school).values_list("role", flat=True))
        assert set(roles) == set(Role.values)
        assert roles.count(Role.STAFF) == 2
        adviser = Membership.objects.get(school=school, role=Role.ADVISER)
        assert (adviser.qualification_level, adviser.independent_of_school) == (6, True)
        assert AdviserAssignment.objects.filter(school=school, adviser=adviser).count() >= 10
        for teacher in Membership.objects.filter(school=school, role=Role.STAFF):
            assert teacher.class_groups.filter(academic_year__start_year=2025).count() == 1


def test_demo_trust_person_leads_careers_in_both_schools(demo_output):
    trust = User.objects.get(email="morgan.ellis@trust.example")
    parkside_leaders = set(Membership.objects.filter(school__slug="parkside", role=Role.CAREERS_LEADER)
                           .values_list("user__email", flat=True))
    heathfield_leaders = set(Membership.objects.filter(school__slug="heathfield", role=Role.CAREERS_LEADER)
                             .values_list("user__email", flat=True))

    assert set(trust.memberships.values_list("school__slug", "role")) == {
        ("parkside", Role.CAREERS_LEADER), ("heathfield", Role.CAREERS_LEADER)}
    assert parkside_leaders - {trust.email} == {"ruth.ellison@parkside.example"}
    assert heathfield_leaders - {trust.email} == {"priya.nair@heathfield.example"}


def test_demo_has_providers_of_several_kinds(demo_output):
    for slug in ("parkside", "heathfield"):
        providers = Provider.objects.filter(school__slug=slug)
        assert 15 <= providers.count() <= 25
        assert len(set(providers.values_list("kind", flat=True))) >= 8
        assert providers.filter(hosts_send_placements=True).exclude(send_adjustments="").exists()


def demo_counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (School, Pupil, Provider, User, Membership, Activity,
                                                     Participation, Series, Event, LmiItem, CpdRecord))


def test_demo_run_twice_does_not_duplicate(demo_output):
    counts = demo_counts()

    again = run_demo()

    assert "already set up" in again
    assert demo_counts() == counts
    assert counts[5] > 0


def test_demo_reset_rebuilds_the_same_demo(demo_output):
    before = sorted(Pupil.objects.values_list("upn", "legal_forename", "legal_surname", "date_of_birth"))
    recorded = sorted(Participation.objects.values_list("pupil__upn", "activity__title", "activity__date",
                                                        "attendance", "engagement", "response"))

    output = run_demo("--reset")

    assert "Deleted the demo schools." in output
    assert sorted(Pupil.objects.values_list("upn", "legal_forename", "legal_surname", "date_of_birth")) == before
    assert sorted(Participation.objects.values_list("pupil__upn", "activity__title", "activity__date",
                                                    "attendance", "engagement", "response")) == recorded
    assert School.objects.filter(slug__in=["parkside", "heathfield"]).count() == 2


def test_printed_sign_in_details_work(demo_output, client):
    password = re.search(r"Password for every demo account: (\S+)", demo_output)[1]
    emails = [m[1] for line in demo_output.splitlines() if (m := EMAIL_RE.search(line))]

    assert password == DEMO_PASSWORD
    assert "for the demo only" in demo_output
    assert "Sign in at http://127.0.0.1:8000/accounts/login/" in demo_output
    assert len(emails) == 11
    for email in emails:
        assert client.login(email=email, password=password), email
        client.logout()
