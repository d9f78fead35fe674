from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from roadahead.audit.models import AuditEntry
from roadahead.core.locking import StaleEdit
from roadahead.reviews import services
from roadahead.reviews.enums import PfaArea, ProgressLevel, ReviewOutcome
from roadahead.reviews.models import PfaProgress
from tests import factories
from tests.reviews.factories import outcome, progress, review

pytestmark = pytest.mark.django_db


def test_planning_a_review_sets_the_pupils_next_review_date(world):
    pupil = world.pupils[0]
    made = review(pupil, due=dt.date(2026, 5, 12), by=world.careers_leader)
    pupil.refresh_from_db()
    assert pupil.ehcp_next_review == dt.date(2026, 5, 12)
    assert pupil.ehcp_last_review is None
    assert made.academic_year.start_year == 2025
    entry = AuditEntry.objects.get(action="ehcp_review.created")
    assert entry.pupil_id == pupil.pk
    assert entry.data["pupil_fields"] == ["ehcp_next_review"]


def test_holding_a_review_moves_last_and_next_dates_in_step(world):
    pupil = world.pupils[0]
    planned = review(pupil, due=dt.date(2026, 3, 2), by=world.careers_leader)
    version = planned.version
    services.update_review(review=planned, by=world.careers_leader.user, expected_version=version,
                           date_held=dt.date(2026, 3, 4), attendees="Mum; class teacher",
                           outcome=ReviewOutcome.AMEND)
    pupil.refresh_from_db()
    planned.refresh_from_db()
    assert pupil.ehcp_last_review == dt.date(2026, 3, 4)
    # Left blank, the next review is a year after this one was held.
    assert planned.next_review_due == dt.date(2027, 3, 4)
    assert pupil.ehcp_next_review == dt.date(2027, 3, 4)
    assert planned.version == version + 1


def test_a_waiting_review_sets_next_even_after_one_held(world):
    pupil = world.pupils[0]
    review(pupil, due=dt.date(2025, 3, 1), held=dt.date(2025, 3, 3), by=world.careers_leader,
           outcome=ReviewOutcome.MAINTAIN)
    review(pupil, due=dt.date(2026, 2, 20), by=world.careers_leader)
    pupil.refresh_from_db()
    assert (pupil.ehcp_last_review, pupil.ehcp_next_review) == (dt.date(2025, 3, 3), dt.date(2026, 2, 20))


def test_one_review_per_pupil_per_academic_year(world):
    pupil = world.pupils[0]
    review(pupil, due=dt.date(2025, 11, 1))
    with pytest.raises(ValidationError) as error:
        review(pupil, due=dt.date(2026, 6, 1))
    assert "already has a review for 2025/26" in str(error.value)


def test_an_outcome_needs_the_date_held(world):
    with pytest.raises(ValidationError) as error:
        review(world.pupils[0], due=dt.date(2026, 2, 1), outcome=ReviewOutcome.MAINTAIN)
    assert "date_held" in error.value.error_dict


def test_stale_edit_of_a_review_is_refused(world):
    planned = review(world.pupils[0], due=dt.date(2026, 3, 2))
    services.update_review(review=planned, by=None, expected_version=1, notes="First")
    with pytest.raises(StaleEdit):
        services.update_review(review=planned, by=None, expected_version=1, notes="Second")


def test_pfa_outcomes_start_in_year_9(world):
    young = factories.PupilFactory(school=world.school, date_of_birth=dt.date(2014, 1, 1))
    factories.EnrolmentFactory(pupil=young, academic_year=world.class_group.academic_year, nc_year="7")
    with pytest.raises(ValidationError) as error:
        outcome(young)
    assert "start in Year 9" in str(error.value)
    assert outcome(world.pupils[0]).area == PfaArea.EMPLOYMENT  # Year 10


def test_progress_keeps_its_history(world):
    item = outcome(world.pupils[0])
    progress(item, day=dt.date(2025, 11, 1), level=ProgressLevel.EMERGING, by=world.class_teacher)
    progress(item, day=dt.date(2026, 3, 1), level=ProgressLevel.DEVELOPING, by=world.adviser)
    assert list(PfaProgress.objects.filter(outcome=item).values_list("level", flat=True)) == [
        ProgressLevel.DEVELOPING, ProgressLevel.EMERGING]


def test_progress_cannot_predate_the_outcome(world):
    item = outcome(world.pupils[0], set_on=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        progress(item, day=dt.date(2025, 12, 31))


def test_progress_at_a_review_is_dated_the_day_held_and_skips_blanks(world):
    pupil = world.pupils[0]
    held = review(pupil, due=dt.date(2026, 3, 2), held=dt.date(2026, 3, 3))
    first, second = outcome(pupil), outcome(pupil, area=PfaArea.HEALTH, text="Chooses a healthy lunch")
    made = services.record_review_progress(review=held, by=None, recorded_by=world.class_teacher, entries=[
        services.ProgressEntry(first, ProgressLevel.SECURE, "Did both tasters"),
        services.ProgressEntry(second, "", "")])
    assert [(p.outcome_id, p.date, p.review_id) for p in made] == [(first.pk, dt.date(2026, 3, 3), held.pk)]
    assert AuditEntry.objects.filter(action="pfa_progress.reviewed", data__count=1).count() == 1


def test_progress_at_a_review_not_yet_held_is_refused(world):
    planned = review(world.pupils[0], due=dt.date(2026, 5, 2))
    with pytest.raises(ValidationError):
        services.record_review_progress(review=planned, by=None, entries=[])


def test_an_outcome_cannot_name_another_pupils_review(world):
    other = review(world.pupils[1], due=dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        outcome(world.pupils[0], review=other)
