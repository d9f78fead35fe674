"""A pupil's standing: the page, the fragment the pupil page loads, who may see it and what it costs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.audit.models import AuditEntry
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.enums import Period
from roadahead.entitlements.services import create_rule
from roadahead.people.models import Pupil
from roadahead.schools.enums import TermName
from roadahead.schools.models import Term
from roadahead.standing.engine import standing

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)
MEANINGFUL = dict.fromkeys(("purpose_shared", "outcomes_fitted", "two_way", "reflection", "employer_task",
                            "employer_feedback"), True)


def page_url(world, pupil, name="page"):
    return reverse(f"pupil_standing:{name}", kwargs={"school_slug": world.school.slug, "pupil_pk": pupil.pk})


def visit(world, day, pupils, **checks):
    kind = ActivityType.objects.get(school=world.school, code="workplace-visit")
    activity = create_activity(school=world.school, by=None, title="Visit", date=day, activity_type=kind,
                               setting="off_site", **{**MEANINGFUL, **checks})
    record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=p) for p in pupils])
    return activity


@pytest.fixture
def scenario(world):
    """Three rules: yearly employer encounters, a termly visit, and one for Years 12-14 the pupils are not in."""
    ensure_activity_types(school=world.school)
    Term.objects.create(school=world.school, academic_year=world.class_group.academic_year, name=TermName.SPRING,
                        starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 27))
    five = Benchmark.objects.get(school=world.school, number=5)
    yearly = create_rule(school=world.school, by=None, name="Employer encounters", required=3, meaningful_only=True,
                         evidences=[five], order=1)
    termly = create_rule(school=world.school, by=None, name="A visit each term", required=1, period=Period.TERM,
                         settings=["off_site"], order=2)
    create_rule(school=world.school, by=None, name="Sixth form visits", required=3, first_year="12",
                last_year="14", order=3)
    pupil = world.pupils[0]
    visit(world, dt.date(2025, 10, 1), [pupil])
    visit(world, dt.date(2026, 1, 20), [pupil, world.pupils[1]])
    visit(world, dt.date(2026, 2, 2), [pupil], employer_task=False)  # not meaningful: counts only for the term
    return {"pupil": pupil, "yearly": yearly, "termly": termly}


def test_standing_page_shows_the_engines_figures_in_plain_words(leader_client, world, scenario):
    pupil = scenario["pupil"]
    response = leader_client.get(page_url(world, pupil))
    assert response.status_code == 200
    engine = {r.rule_id: r for r in standing(school=world.school, as_of=TODAY,
                                             pupils=Pupil.objects.filter(pk=pupil.pk)).rows}
    rows = {row["rule"].pk: row for row in response.context["rows"]}
    assert set(rows) == set(engine) == {scenario["yearly"].pk, scenario["termly"].pk}
    for rule_id, row in rows.items():
        assert (row["start"], row["end"], row["required"], row["achieved"], row["status"]) == (
            engine[rule_id].period_start, engine[rule_id].period_end, engine[rule_id].required,
            engine[rule_id].achieved, engine[rule_id].status)
    assert [row["rule"].name for row in response.context["rows"]] == ["Employer encounters", "A visit each term"]
    text = response.content.decode()
    assert "At least 3 meaningful encounters evidencing Benchmark 5 each academic year, for every pupil" in text
    assert "1 Sep 2025 to 31 Aug 2026" in text
    assert "5 Jan 2026 to 27 Mar 2026" in text
    assert ">On track<" in text
    assert ">Met<" in text
    assert "1 more meaningful encounter evidencing Benchmark 5 by 31 August 2026" in text
    assert "Sixth form visits" not in text
    assert reverse("rules:detail", kwargs={"school_slug": world.school.slug, "pk": scenario["yearly"].pk}) in text


def test_standing_page_for_a_pupil_with_nothing_recorded_is_at_risk(leader_client, world, scenario):
    text = leader_client.get(page_url(world, world.pupils[2])).content.decode()
    assert ">At risk<" in text
    assert "3 more meaningful encounters evidencing Benchmark 5 by 31 August 2026" in text
    assert "1 more activity out of school by 27 March 2026" in text


def test_standing_page_on_an_earlier_date(leader_client, world, scenario):
    response = leader_client.get(page_url(world, scenario["pupil"]), {"as_of": "2025-10-15"})
    (row,) = [r for r in response.context["rows"] if r["rule"] == scenario["yearly"]]
    assert row["achieved"] == 1
    assert "Where they stand on 15 October 2025" in response.content.decode()
    # The form shows the date back in the way schools type it.
    assert 'value="15/10/2025"' in response.content.decode()
    response = leader_client.get(page_url(world, scenario["pupil"]), {"as_of": "15/10/2025"})
    assert response.context["as_of"] == dt.date(2025, 10, 15)


def test_standing_page_refuses_a_date_that_is_not_one(leader_client, world, scenario):
    response = leader_client.get(page_url(world, scenario["pupil"]), {"as_of": "31/02/2026"})
    assert response.status_code == 200
    assert response.context["as_of"] == TODAY
    assert "There is a problem" in response.content.decode()


def test_standing_period_ended_says_what_was_needed(leader_client, world, scenario):
    response = leader_client.get(page_url(world, world.pupils[2]), {"as_of": "2026-08-31"})
    text = response.content.decode()
    assert ">Not met<" in text
    assert "3 more meaningful encounters evidencing Benchmark 5 were needed by 31 August 2026" in text


def test_standing_fragment_is_just_the_table(leader_client, world, scenario):
    response = leader_client.get(page_url(world, scenario["pupil"], "fragment"))
    text = response.content.decode()
    assert "<html" not in text
    assert 'id="standing-table"' in text
    assert page_url(world, scenario["pupil"]) in text  # a way on to the full page, for another date


def test_standing_page_answers_htmx_with_the_fragment(leader_client, world, scenario):
    response = leader_client.get(page_url(world, scenario["pupil"]), headers={"HX-Request": "true"})
    assert "<html" not in response.content.decode()
    assert "HX-Request" in response["Vary"]
    assert "<html" in leader_client.get(page_url(world, scenario["pupil"])).content.decode()


def test_pupil_page_loads_standing_with_a_link_for_no_javascript(leader_client, world, scenario):
    pupil = scenario["pupil"]
    text = leader_client.get(reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug,
                                                                     "pk": pupil.pk})).content.decode()
    assert "Where they stand" in text
    assert f'hx-get="{page_url(world, pupil, "fragment")}" hx-trigger="load"' in text
    assert f'href="{page_url(world, pupil)}"' in text


def test_standing_read_is_audited(leader_client, world, scenario):
    pupil = scenario["pupil"]
    leader_client.get(page_url(world, pupil, "fragment"))
    entry = AuditEntry.objects.get(school=world.school, action="pupil.standing_viewed")
    assert (entry.pupil_id, entry.user, entry.data) == (pupil.pk, world.careers_leader.user, {"as_of": "2026-03-10"})


@pytest.mark.parametrize("role", ["class_teacher", "adviser"])
@pytest.mark.parametrize("name", ["page", "fragment"])
def test_standing_of_a_pupil_not_theirs_is_not_found(client, world, scenario, role, name):
    # pupils[1] is in the other class and not assigned to the adviser.
    client.force_login(getattr(world, role).user)
    assert client.get(page_url(world, world.pupils[1], name)).status_code == 404
    assert client.get(page_url(world, world.adviser_pupils[0], name)).status_code == 200
    assert not AuditEntry.objects.filter(action="pupil.standing_viewed", pupil_id=world.pupils[1].pk).exists()


def test_standing_of_another_schools_pupil_is_not_found(leader_client, world, other_world):
    assert leader_client.get(page_url(world, other_world.pupils[0])).status_code == 404


def test_standing_of_a_pupil_no_rule_applies_to(leader_client, world):
    text = leader_client.get(page_url(world, world.pupils[0])).content.decode()
    assert "No rule applies to this pupil on 10 March 2026." in text


def test_standing_page_runs_a_fixed_number_of_queries(leader_client, world, scenario, django_assert_num_queries):
    pupil = world.pupils[3]
    visit(world, dt.date(2025, 11, 3), [pupil])
    leader_client.get(page_url(world, pupil))  # warm caches (session, school) outside the count
    with CaptureQueriesContext(connection) as one:
        leader_client.get(page_url(world, pupil))
    for n in range(9):
        visit(world, dt.date(2025, 11, 4) + dt.timedelta(days=n), [pupil])
    with django_assert_num_queries(len(one.captured_queries)):
        response = leader_client.get(page_url(world, pupil))
    (row,) = [r for r in response.context["rows"] if r["rule"] == scenario["yearly"]]
    assert row["achieved"] == 10


def test_standing_of_a_rule_offered_but_not_required_is_optional(leader_client, world):
    create_rule(school=world.school, by=None, name="Key phase 3", required=2, pal_only=True, period=Period.YEARS,
                first_year="10", last_year="11", cutoff_month=2, cutoff_day=28, required_of_pupils=False)
    response = leader_client.get(page_url(world, world.pupils[0]))
    (row,) = response.context["rows"]
    assert row["status"] != "met"
    assert ">Optional<" in response.content.decode()
