"""Suggestion rules against recorded evidence: a school with the evidence and one without."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from roadahead.cpd.models import CpdRecord
from roadahead.evaluation import selectors
from roadahead.evaluation.enums import Status
from tests import factories
from tests.evaluation.helpers import TODAY, encounter, start

pytestmark = pytest.mark.django_db


def suggestions(evaluation):
    marks = selectors.marks_of(evaluation)
    found = selectors.suggestions_for(evaluation=evaluation, marks=marks, today=TODAY)
    return {m.criterion.code: found.get(m.criterion_id) for m in marks}


def test_employer_encounters_not_started_without_evidence_and_achieved_with_it(world, other_world):
    encounter(other_world, dt.date(2025, 11, 4), other_world.pupils)  # evidence in another school only
    evaluation = start(world)
    before = suggestions(evaluation)["5.1"]
    assert before.status == Status.NOT_STARTED
    assert before.figure.startswith("0 of 4 pupils (Year 7 to Year 14)")
    encounter(world, dt.date(2025, 11, 4), world.pupils[:3])
    assert suggestions(evaluation)["5.1"].status == Status.IN_PROGRESS
    encounter(world, dt.date(2026, 2, 4), world.pupils[3:])
    after = suggestions(evaluation)["5.1"]
    assert after.status == Status.ACHIEVED
    assert after.figure.startswith("4 of 4 pupils")
    assert f"/s/{world.school.slug}/coverage/benchmark/5/" in after.url
    assert "evidence=without" in after.url
    assert "year_from=7" in after.url
    assert "start=2025-09-01" in after.url


def test_last_years_encounters_do_not_count_for_this_year(world):
    encounter(world, dt.date(2025, 6, 4), world.pupils)
    assert suggestions(start(world))["5.1"].status == Status.NOT_STARTED


def test_meaningful_checklist_share(world):
    encounter(world, dt.date(2025, 11, 4), world.pupils, meaningful=True)
    encounter(world, dt.date(2025, 11, 5), world.pupils, meaningful=False)
    found = suggestions(start(world))["5.2"]
    assert found.status == Status.IN_PROGRESS
    assert found.figure.startswith("1 of 2 activities")


def test_by_16_rules_look_only_at_year_11_and_above(world):
    evaluation = start(world)
    assert suggestions(evaluation)["8.1"] is None  # every pupil is in Year 10: nothing to judge
    year = world.class_group.academic_year
    older = [factories.PupilFactory(school=world.school) for _ in range(2)]
    for pupil in older:
        factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year="11")
    encounter(world, dt.date(2024, 5, 1), older[:1], code="guidance-meeting")  # in Year 10: still counts by 16
    found = suggestions(evaluation)["8.1"]
    assert found.status == Status.IN_PROGRESS
    assert found.figure.startswith("1 of 2 pupils (Year 11 to Year 14)")
    assert "year_from=11" in found.url


def test_cohort_outside_the_by_16_years_gives_no_suggestion(world):
    evaluation = start(world, cohort_from="7", cohort_to="9")
    assert suggestions(evaluation)["6.1"] is None


def test_staff_training_and_careers_leader(world):
    evaluation = start(world)
    found = suggestions(evaluation)
    assert found["1.5"].status == Status.NOT_STARTED
    assert found["1.2"].status == Status.NOT_STARTED
    world.school.careers_leader_name = "Sam Careers"
    world.school.save()
    CpdRecord.objects.create(school=world.school, member=world.careers_leader, date=dt.date(2025, 10, 1),
                             title="Careers leader course", hours=Decimal("6"))
    found = suggestions(selectors.evaluation_detail(school=world.school, pk=evaluation.pk))
    assert found["1.2"].status == Status.ACHIEVED
    assert found["1.5"].status == Status.IN_PROGRESS  # the class teacher has none yet
    assert found["1.5"].figure.startswith("1 of 2 members of staff")


def test_judgement_criteria_have_no_suggestion_and_lmi_is_capped(world):
    found = suggestions(start(world))
    assert found["1.1"] is None
    assert found["2.2"].status == Status.NOT_STARTED
    assert found["2.2"].capped


def test_small_cohort_figures_are_withheld_from_readers_of_aggregates(world):
    from roadahead.evaluation.evidence import suppress

    found = suggestions(start(world))["5.1"]
    hidden = suppress(found)
    assert hidden.status == found.status
    assert "Fewer than 5 pupils" in hidden.figure
    assert hidden.url == ""


def _as_leader(world, evaluation):
    marks = selectors.marks_of(evaluation)
    found = selectors.suggestions_for(evaluation=evaluation, marks=marks, today=TODAY, viewer=world.careers_leader)
    return {m.criterion.code: found.get(m.criterion_id) for m in marks}


def test_destinations_followed_for_leavers_of_the_last_three_years(world):
    from tests.destinations.factories import destination, leave

    evaluation = start(world)
    assert _as_leader(world, evaluation)["3.5"] is None  # no leavers yet
    leavers = [factories.PupilFactory(school=world.school) for _ in range(3)]
    leave(leavers[0], dt.date(2025, 7, 18))
    leave(leavers[1], dt.date(2024, 7, 19))
    leave(leavers[2], dt.date(2021, 7, 16))  # more than three years ago: not counted
    destination(leavers[0])
    found = _as_leader(world, evaluation)["3.5"]
    assert found.status == Status.IN_PROGRESS
    assert found.figure.startswith("1 of 2 pupils who left in the last three years have a destination recorded")
    assert found.url == f"/s/{world.school.slug}/destinations/"
    destination(leavers[1])
    found = _as_leader(world, evaluation)["3.5"]
    # Every leaver has a destination, but the 2024 leaver's first check-in is overdue.
    assert found.status == Status.IN_PROGRESS
    assert found.figure.endswith("2 of 2 pupils who left in the last three years have a destination recorded; "
                                 "check-ins overdue: 1.")


def test_provider_access_from_the_standing_engine(world):
    from roadahead.entitlements.services import ensure_default_rules

    evaluation = start(world)
    assert suggestions(evaluation)["7.2"] is None  # no PAL rules yet
    ensure_default_rules(school=world.school)
    found = suggestions(evaluation)["7.2"]
    assert found.figure.startswith("Of 4 pupils in the PAL key phases, 0 have met their provider encounters")
    assert found.url == f"/s/{world.school.slug}/standing/"
    world.school.check_provider_access = False
    world.school.save()
    assert suggestions(evaluation)["7.2"] is None


def test_lmi_shares_suggest_in_progress_per_audience(world):
    from tests.lmi.helpers import item, share

    entry = item(world.school, dt.date(2025, 10, 1))
    share(entry, dt.date(2025, 10, 2), classes=[world.class_group], families=True)
    found = suggestions(start(world))
    assert found["2.1"].status == Status.IN_PROGRESS
    assert found["2.1"].figure == ("Times labour market information was shared with classes or pathways this "
                                   "academic year: 1.")
    assert found["2.2"].status == Status.IN_PROGRESS
    assert found["2.3"].status == Status.NOT_STARTED


def test_curriculum_links_count_subject_and_phase_pairs(world):
    from tests.curriculum.helpers import build_curriculum

    build_curriculum(world.school)
    found = suggestions(start(world))["4.1"]
    assert found.status == Status.IN_PROGRESS
    assert found.figure.startswith("4 of 6 subject and phase pairs")
