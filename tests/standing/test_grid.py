"""The cohort grid, its CSV file, "who still needs what" and starting an activity for chosen pupils."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.activities.models import Activity, ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.audit.models import AuditEntry
from roadahead.benchmarks.models import Benchmark
from roadahead.entitlements.enums import Period, RuleKind
from roadahead.entitlements.models import EntitlementRule
from roadahead.people.models import Enrolment, PupilNeed
from roadahead.schools.enums import TermName
from roadahead.schools.models import Term
from roadahead.standing.selectors import CohortFilters, cohort_grid, cohort_pupils, still_needed
from tests import factories
from tests.conftest import SchoolWorld

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 10)
PAL_POINTS = dict.fromkeys(("pal_provider", "pal_careers", "pal_learning", "pal_questions"), True)


@dataclass
class GridWorld:
    world: SchoolWorld
    adams: object
    baker: object
    clark: object
    dunn: object
    pal1: EntitlementRule
    pal3: EntitlementRule
    employer: EntitlementRule
    guidance: EntitlementRule
    pathway: object
    phase: object


def record(world: SchoolWorld, code: str, day: dt.date, pupils: list, **values: object) -> Activity:
    activity = create_activity(school=world.school, by=world.careers_leader.user, title=f"{code} on {day}", date=day,
                               activity_type=ActivityType.objects.get(school=world.school, code=code), **values)
    record_participations(activity=activity, by=None, entries=[ParticipationInput(pupil=p) for p in pupils])
    return activity


def build_grid_world(world: SchoolWorld) -> GridWorld:
    """Four named pupils: Adams (Y10, Oak, the adviser's) has met every yearly target; Baker (Y9, Ash)
    missed the first PAL key phase; Clark (Y10, Oak) has no employer encounter and is at risk; Dunn (Y13,
    Ash) is short of the optional third PAL key phase."""
    school = world.school
    ensure_activity_types(school=school)
    year = world.class_group.academic_year
    Term.objects.create(school=school, academic_year=year, name=TermName.SPRING, starts_on=dt.date(2026, 1, 5),
                        ends_on=dt.date(2026, 3, 27), first_half_ends_on=dt.date(2026, 2, 13),
                        second_half_starts_on=dt.date(2026, 2, 23))
    adams, baker, clark, dunn = world.pupils
    for pupil, surname, forename in ((adams, "Adams", "Amy"), (baker, "Baker", "Ben"), (clark, "Clark", "Cara"),
                                     (dunn, "Dunn", "Dev")):
        pupil.legal_surname, pupil.legal_forename = surname, forename
        pupil.save()
    Enrolment.objects.filter(pupil=baker).update(nc_year="9")
    Enrolment.objects.filter(pupil=dunn).update(nc_year="13")
    pathway = factories.PathwayFactory(school=school, name="Intentional")
    Enrolment.objects.filter(pupil=clark).update(pathway=pathway)
    phase = factories.PhaseFactory(school=school, name="Key Stage 3", first_year="7", last_year="9")
    dunn.looked_after = True
    dunn.save()
    baker.sex = "M"
    baker.save()
    PupilNeed.objects.create(school=school, pupil=adams, need="ASD", rank=2)

    five = Benchmark.objects.get(school=school, number=5)
    types = {t.code: t for t in ActivityType.objects.filter(school=school)}
    pal = {"kind": RuleKind.STATUTORY, "required": 2, "pal_only": True, "period": Period.YEARS, "cutoff_month": 2,
           "cutoff_day": 28, "school_check": "provider_access"}
    pal1 = EntitlementRule.objects.create(school=school, code="pal-1", name="PAL first key phase", first_year="8",
                                          last_year="9", pal_key_phase=1, order=1, **pal)
    pal3 = EntitlementRule.objects.create(school=school, code="pal-3", name="PAL third key phase", first_year="12",
                                          last_year="13", pal_key_phase=3, required_of_pupils=False, order=2, **pal)
    employer = EntitlementRule.objects.create(school=school, code="employer", name="Employer encounters",
                                              kind=RuleKind.BENCHMARK, benchmark=five, required=3, order=3)
    employer.activity_types.set([types["employer-talk"]])
    guidance = EntitlementRule.objects.create(school=school, code="guidance", name="Guidance every half term",
                                              kind=RuleKind.SCHOOL, required=1, period=Period.HALF_TERM, order=4)
    guidance.activity_types.set([types["guidance-meeting"]])

    record(world, "employer-talk", dt.date(2025, 10, 8), [adams, baker, dunn])
    record(world, "employer-talk", dt.date(2025, 11, 12), [adams, baker])
    record(world, "employer-talk", dt.date(2026, 1, 21), [adams])
    record(world, "provider-encounter", dt.date(2025, 10, 15), [baker], **PAL_POINTS)
    record(world, "guidance-meeting", dt.date(2026, 3, 2), [adams])
    return GridWorld(world, adams, baker, clark, dunn, pal1, pal3, employer, guidance, pathway, phase)


@pytest.fixture
def gw(world) -> GridWorld:
    return build_grid_world(world)


def grid_url(world: SchoolWorld, name: str = "standing:grid") -> str:
    return reverse(name, kwargs={"school_slug": world.school.slug})


def texts(grid) -> dict[str, list[str]]:
    return {row.pupil.surname: [cell.text for cell in row.cells] for row in grid.rows}


# ## Selectors ######################################################################################

@pytest.mark.parametrize(("filters", "expected"), [
    (CohortFilters(), {"Adams", "Baker", "Clark", "Dunn"}),
    (CohortFilters(nc_year="10"), {"Adams", "Clark"}),
    (CohortFilters(pathway=-1), set()),
    (CohortFilters(need="ASD"), {"Adams"}),
    (CohortFilters(need="SLD", nc_year="13"), {"Dunn"}),
    (CohortFilters(looked_after=True), {"Dunn"}),
    (CohortFilters(looked_after=False), {"Adams", "Baker", "Clark"}),
    (CohortFilters(sex="M"), {"Baker"}),
    (CohortFilters(sex="F"), {"Adams", "Clark", "Dunn"}),
])
def test_cohort_pupils_match_each_filter_exactly(gw, filters, expected):
    pupils = cohort_pupils(membership=gw.world.careers_leader, filters=filters, as_of=TODAY, today=TODAY)
    assert {p.legal_surname for p in pupils} == expected


def test_cohort_pupils_filter_by_class_pathway_and_phase(gw):
    def names(**kwargs: object) -> set[str]:
        pupils = cohort_pupils(membership=gw.world.careers_leader, filters=CohortFilters(**kwargs), as_of=TODAY,
                               today=TODAY)
        return {p.legal_surname for p in pupils}

    assert names(class_group=gw.world.class_group.pk) == {"Adams", "Clark"}
    assert names(class_group=gw.world.other_class.pk) == {"Baker", "Dunn"}
    assert names(pathway=gw.pathway.pk) == {"Clark"}
    assert names(phase=gw.phase.pk) == {"Baker"}


def test_grid_shows_each_pupil_against_each_rule_grouped_by_kind(gw):
    grid = cohort_grid(membership=gw.world.careers_leader, filters=CohortFilters(), as_of=TODAY, today=TODAY)
    assert [(g.label, [r.name for r in g.rules]) for g in grid.groups] == [
        ("Statutory duty", ["PAL first key phase", "PAL third key phase"]),
        ("Gatsby Benchmark", ["Employer encounters"]),
        ("The school's own target", ["Guidance every half term"]),
    ]
    assert texts(grid) == {
        "Adams": ["", "", "3/3 Met", "1/1 Met"],
        "Baker": ["1/2 Not met", "", "2/3 On track", "0/1 On track"],
        "Clark": ["", "", "0/3 At risk", "0/1 On track"],
        # The third key phase is offered, not required of pupils: never "not met".
        "Dunn": ["", "0/2 Optional", "1/3 On track", "0/1 On track"],
    }
    assert {row.pupil.surname: row.not_met for row in grid.rows} == {"Adams": 0, "Baker": 1, "Clark": 0, "Dunn": 0}
    assert grid.summary == [{"not_met": 1}, {"optional": 1}, {"met": 1, "on_track": 2, "at_risk": 1},
                            {"met": 1, "on_track": 3}]


def test_grid_on_an_earlier_day_judges_that_day(gw):
    grid = cohort_grid(membership=gw.world.careers_leader, filters=CohortFilters(nc_year="10"),
                       as_of=dt.date(2025, 12, 1), today=TODAY)
    # On 1 December Adams had two of three; the spring half term had not begun, so no guidance column applies.
    assert texts(grid)["Adams"][2] == "2/3 On track"


def test_grid_kind_and_benchmark_filters_choose_the_rules(gw):
    leader = gw.world.careers_leader
    by_kind = cohort_grid(membership=leader, filters=CohortFilters(kind="statutory"), as_of=TODAY, today=TODAY)
    assert [r.name for r in by_kind.columns] == ["PAL first key phase", "PAL third key phase"]
    by_benchmark = cohort_grid(membership=leader, filters=CohortFilters(benchmark=5), as_of=TODAY, today=TODAY)
    assert [r.name for r in by_benchmark.columns] == ["Employer encounters"]
    assert cohort_grid(membership=leader, filters=CohortFilters(benchmark=8), as_of=TODAY, today=TODAY).columns == []


@pytest.mark.parametrize(("sort", "order"), [
    ("name", ["Adams", "Baker", "Clark", "Dunn"]),
    ("-name", ["Dunn", "Clark", "Baker", "Adams"]),
    ("year", ["Baker", "Adams", "Clark", "Dunn"]),
    ("-year", ["Dunn", "Adams", "Clark", "Baker"]),
    # Most rules not met first, then most at risk, then by name.
    ("not_met", ["Baker", "Clark", "Adams", "Dunn"]),
    ("-not_met", ["Adams", "Dunn", "Clark", "Baker"]),
    ("nonsense", ["Adams", "Baker", "Clark", "Dunn"]),
])
def test_grid_sorts_rows(gw, sort, order):
    grid = cohort_grid(membership=gw.world.careers_leader, filters=CohortFilters(), as_of=TODAY, today=TODAY,
                       sort=sort)
    assert [row.pupil.surname for row in grid.rows] == order


def test_needs_lists_pupils_short_of_rules_ending_this_term_or_at_risk(gw):
    needs = still_needed(membership=gw.world.careers_leader, filters=CohortFilters(), today=TODAY, period="term")
    assert (needs.starts_on, needs.ends_on, needs.from_calendar) == (dt.date(2026, 1, 5), dt.date(2026, 3, 27), True)
    found = {g.rule.name: [(r.pupil.surname, r.standing.missing) for r in g.rows] for g in needs.groups}
    assert found == {
        # Baker's first key phase ended on 28 February, inside this term, one encounter short.
        "PAL first key phase": [("Baker", 1)],
        # Only Clark is at risk on the yearly target; the others are on track for a period ending in August.
        "Employer encounters": [("Clark", 3)],
        "Guidance every half term": [("Baker", 1), ("Clark", 1), ("Dunn", 1)],
    }
    # The optional third key phase is never listed as missing.
    assert "PAL third key phase" not in found
    employer = next(g for g in needs.groups if g.rule.name == "Employer encounters")
    assert employer.short_by == [(3, 1)]
    assert needs.pupil_count == 3


def test_needs_for_the_half_term(gw):
    needs = still_needed(membership=gw.world.careers_leader, filters=CohortFilters(nc_year="10"), today=TODAY,
                         period="half_term")
    assert (needs.starts_on, needs.ends_on) == (dt.date(2026, 2, 23), dt.date(2026, 3, 27))
    assert {g.rule.name: [r.pupil.surname for r in g.rows] for g in needs.groups} == {
        "Employer encounters": ["Clark"], "Guidance every half term": ["Clark"]}


def test_needs_without_terms_runs_to_the_end_of_the_year(world):
    needs = still_needed(membership=world.careers_leader, filters=CohortFilters(), today=TODAY, period="term")
    assert (needs.starts_on, needs.ends_on, needs.from_calendar) == (dt.date(2025, 9, 1), dt.date(2026, 8, 31),
                                                                     False)


# ## Pages, per role ################################################################################

def names_on(response) -> list[str]:
    return [row.pupil.surname for row in response.context["page_obj"].object_list]


@pytest.mark.parametrize(("role", "expected", "can_pick"), [
    ("careers_leader", ["Adams", "Baker", "Clark", "Dunn"], True),
    ("class_teacher", ["Adams", "Clark"], True),  # only the pupils in their class, Oak
    ("adviser", ["Adams"], False),  # only the pupils assigned to them
    ("leader", ["Adams", "Baker", "Clark", "Dunn"], False),  # reads only
])
def test_grid_page_shows_each_role_only_their_pupils(client, gw, role, expected, can_pick):
    client.force_login(getattr(gw.world, role).user)
    response = client.get(grid_url(gw.world))
    assert response.status_code == 200
    assert names_on(response) == expected
    html = response.content.decode()
    assert ("Start an activity for these pupils" in html) is can_pick
    assert html.count('name="pupils"') == (len(expected) if can_pick else 0)
    hidden = {"Adams", "Baker", "Clark", "Dunn"} - set(expected)
    assert not any(f"{name}, " in html for name in hidden)


@pytest.mark.parametrize("role", ["careers_leader", "class_teacher", "adviser", "leader"])
def test_needs_page_shows_each_role_only_their_pupils(client, gw, role):
    client.force_login(getattr(gw.world, role).user)
    response = client.get(grid_url(gw.world, "standing:needs"))
    assert response.status_code == 200
    visible = {"careers_leader": {"Baker", "Clark", "Dunn"}, "class_teacher": {"Clark"}, "adviser": set(),
               "leader": {"Baker", "Clark", "Dunn"}}[role]
    listed = {r.pupil.surname for g in response.context["needs"].groups for r in g.rows}
    assert listed == visible


def test_grid_page_filters_sorts_and_marks_the_menu(leader_client, gw):
    response = leader_client.get(grid_url(gw.world), {"year": "10", "sort": "not_met"})
    assert names_on(response) == ["Clark", "Adams"]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    assert "0 of 3</span> <strong class=\"govuk-tag ra-nowrap govuk-tag--yellow\">At risk</strong>" in html
    assert 'aria-current="page"><strong class="govuk-service-navigation__active-fallback">Standing' in html
    # The sort survives the filter form.
    assert '<input type="hidden" name="sort" value="not_met">' in html


def test_grid_page_takes_a_date(leader_client, gw):
    response = leader_client.get(grid_url(gw.world), {"as_of": "01/12/2025"})
    assert response.context["grid"].as_of == dt.date(2025, 12, 1)
    assert "On 1 December 2025" in response.content.decode()


def test_grid_page_is_paginated_by_a_hundred(leader_client, world):
    for _ in range(101):
        factories.EnrolmentFactory(pupil=factories.PupilFactory(school=world.school),
                                   academic_year=world.class_group.academic_year)
    first = leader_client.get(grid_url(world))
    assert len(first.context["page_obj"].object_list) == 100
    assert first.context["page_obj"].paginator.count == 105
    second = leader_client.get(grid_url(world), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 5


@pytest.mark.parametrize("name", ["standing:grid", "standing:needs", "standing:export"])
def test_another_schools_careers_leader_gets_404(client, gw, other_world, name):
    client.force_login(other_world.careers_leader.user)
    assert client.get(grid_url(gw.world, name)).status_code == 404


# ## CSV ############################################################################################

def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_holds_exactly_the_grid_shown_and_is_audited(leader_client, gw):
    response = leader_client.get(grid_url(gw.world, "standing:export"), {"year": "10", "sort": "not_met"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="oakfield-standing-2026-03-10.csv"'
    assert read_csv(response) == [
        ["Pupil", "NC year", "Class", "Pathway", "Rules not met", "PAL first key phase", "PAL third key phase",
         "Employer encounters", "Guidance every half term"],
        ["Clark, Cara", "Year 10", "Oak", "Intentional", "0", "", "", "0/3 At risk", "0/1 On track"],
        ["Adams, Amy", "Year 10", "Oak", "", "0", "", "", "3/3 Met", "1/1 Met"],
        ["Summary: 2 pupils", "", "", "", "0", "", "", "Met 1; At risk 1", "Met 1; On track 1"],
    ]
    entry = AuditEntry.objects.get(action="export.standing")
    assert entry.school == gw.world.school
    assert entry.data == {"as_of": "2026-03-10", "pupils": 2, "rules": 4, "sort": "not_met", "filters": ["year"]}
    assert "Clark" not in str(entry.data)


def test_csv_guards_cells_that_look_like_formulas(leader_client, gw):
    gw.clark.preferred_surname = "=HYPERLINK(\"http://x\")"
    gw.clark.save()
    gw.employer.name = "+Employer encounters"
    gw.employer.save()
    rows = read_csv(leader_client.get(grid_url(gw.world, "standing:export"), {"year": "10"}))
    assert rows[0][7] == "'+Employer encounters"
    assert sorted(r[0] for r in rows[1:3]) == ["'=HYPERLINK(\"http://x\"), Cara", "Adams, Amy"]


@pytest.mark.parametrize(("role", "status"), [("class_teacher", 403), ("adviser", 403), ("leader", 200)])
def test_csv_is_for_those_who_may_export(client, gw, role, status):
    client.force_login(getattr(gw.world, role).user)
    assert client.get(grid_url(gw.world, "standing:export")).status_code == status


# ## Query counts ###################################################################################

def _add_pupils(world: SchoolWorld, count: int) -> None:
    ensure_activity_types(school=world.school)
    made = []
    for i in range(count):
        pupil = factories.PupilFactory(school=world.school)
        factories.EnrolmentFactory(pupil=pupil, academic_year=world.class_group.academic_year,
                                   class_group=world.class_group, nc_year="10" if i % 2 else "9")
        factories.PupilNeedFactory(pupil=pupil)
        made.append(pupil)
    record(world, "employer-talk", dt.date(2025, 10, 8), made)


def _queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["standing:grid", "standing:needs", "standing:export"])
def test_query_count_does_not_grow_with_pupils(client, name):
    from tests.conftest import build_school

    small, large = build_school("small", "Small School", pupils=0), build_school("large", "Large School", pupils=0)
    for world, count in ((small, 1), (large, 200)):
        build_rules_only(world)
        _add_pupils(world, count)
    counts = []
    for world in (small, large):
        client.force_login(world.careers_leader.user)
        counts.append(_queries(client, grid_url(world, name), {"sort": "not_met"}))
    assert counts[0] == counts[1]


def test_needs_page_shows_each_rules_first_pupils_and_opens_one_rule_in_full(client):
    from tests.conftest import build_school

    world = build_school("big", "Big School", pupils=0)
    build_rules_only(world)
    _add_pupils(world, 260)  # 130 in Year 9 short of PAL after 28 February; all at risk on "Employer"
    client.force_login(world.careers_leader.user)
    url = grid_url(world, "standing:needs")
    response = client.get(url)
    html = response.content.decode()
    pal = EntitlementRule.objects.get(school=world.school, code="pal-1")
    groups = response.context["needs"].groups
    assert [(g.rule.code, len(g.rows)) for g in groups] == [("pal-1", 130), ("employer", 260)]
    assert html.count('name="pupils"') == 40  # twenty of each
    assert "Show all 130 pupils short of PAL" in html
    assert "Show all 260 pupils short of Employer" in html
    assert f"rule={pal.pk}" in html
    first = client.get(url, {"rule": pal.pk}).content.decode()
    assert first.count('name="pupils"') == 100
    assert "Page 1 of 2" in first
    assert "Back to every rule" in first
    assert "Employer" not in first
    second = client.get(url, {"rule": pal.pk, "page": 2}).content.decode()
    assert second.count('name="pupils"') == 30


def build_rules_only(world: SchoolWorld) -> None:
    ensure_activity_types(school=world.school)
    EntitlementRule.objects.create(school=world.school, code="pal-1", name="PAL", kind=RuleKind.STATUTORY,
                                   required=2, pal_only=True, period=Period.YEARS, first_year="8", last_year="9",
                                   cutoff_month=2, cutoff_day=28)
    rule = EntitlementRule.objects.create(school=world.school, code="employer", name="Employer", required=3)
    rule.activity_types.set([ActivityType.objects.get(school=world.school, code="employer-talk")])


# ## Starting an activity for chosen pupils #########################################################

def test_chosen_pupils_open_the_activity_form_as_its_group(leader_client, gw):
    url = reverse("activities:create", kwargs={"school_slug": "oakfield"})
    response = leader_client.post(url, {"from_standing": "1", "pupils": [gw.clark.pk, gw.baker.pk, gw.clark.pk]})
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert form["pupils"].value() == [gw.clark.pk, gw.baker.pk]
    html = response.content.decode()
    assert f'<option value="{gw.clark.pk}" selected>Clark, Cara</option>' in html
    assert f'<option value="{gw.adams.pk}">Adams, Amy</option>' in html
    assert "2 pupils chosen on the standing page are picked below." in html
    assert Activity.objects.filter(title="Visit").count() == 0

    talk = ActivityType.objects.get(school=gw.world.school, code="employer-talk")
    saved = leader_client.post(url, {"activity_type": talk.pk, "title": "Visit", "date": "10/03/2026",
                                     "setting": "on_site", "pupils": [gw.clark.pk, gw.baker.pk]})
    assert saved.status_code == 302
    roster = leader_client.get(saved["Location"])
    assert [row["row"].pupil.legal_surname for row in roster.context["rows"]] == ["Baker", "Clark"]


def test_class_staff_cannot_bring_in_a_pupil_outside_their_class(client, gw):
    client.force_login(gw.world.class_teacher.user)
    url = reverse("activities:create", kwargs={"school_slug": "oakfield"})
    refused = client.post(url, {"from_standing": "1", "pupils": [gw.clark.pk, gw.baker.pk]})
    assert refused.status_code == 400
    assert client.post(url, {"from_standing": "1", "pupils": ["x1"]}).status_code == 400
    allowed = client.post(url, {"from_standing": "1", "pupils": [gw.clark.pk]})
    assert allowed.context["form"]["pupils"].value() == [gw.clark.pk]


def test_grid_posts_chosen_pupils_to_the_activity_form(leader_client, gw):
    html = leader_client.get(grid_url(gw.world)).content.decode()
    create = reverse("activities:create", kwargs={"school_slug": "oakfield"})
    assert f'<form method="post" action="{create}" data-pick-form>' in html
    assert '<input type="hidden" name="from_standing" value="1">' in html
    assert f'id="pick-{gw.clark.pk}" name="pupils" type="checkbox" value="{gw.clark.pk}"' in html
