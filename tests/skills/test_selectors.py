from __future__ import annotations

import datetime as dt

from roadahead.skills.selectors import pupil_progress
from tests.skills.factories import assess, framework


def test_pupil_progress_gives_first_latest_and_history_per_skill(world, django_assert_num_queries):
    essential = framework(world.school)
    listening, speaking = essential.skills.order_by("position")
    pupil, other = world.pupils[0], world.pupils[1]
    assess(pupil, listening, 3, dt.date(2025, 10, 1))
    assess(pupil, listening, 5, dt.date(2026, 2, 1))
    assess(pupil, listening, 4, dt.date(2025, 12, 1))
    assess(pupil, speaking, 2, dt.date(2025, 11, 1))
    assess(other, speaking, 9, dt.date(2025, 11, 1))
    with django_assert_num_queries(1):
        progress = pupil_progress(school=world.school, pupil=pupil)
    assert [p.skill.name for p in progress] == ["Listening", "Speaking"]
    first = progress[0]
    assert first.framework == essential
    assert (first.first_step, first.latest_step, first.change) == (3, 5, 2)
    assert first.history == [(dt.date(2025, 10, 1), 3), (dt.date(2025, 12, 1), 4), (dt.date(2026, 2, 1), 5)]
    assert progress[1].history == [(dt.date(2025, 11, 1), 2)]


def test_pupil_progress_same_day_later_record_wins_and_frameworks_in_order(world):
    later = framework(world.school, name="Confidence and independence", steps=5, skills=("Confidence",), position=1)
    essential = framework(world.school, position=0)
    pupil = world.pupils[0]
    confidence = later.skills.get()
    assess(pupil, confidence, 1, dt.date(2026, 1, 5))
    assess(pupil, confidence, 2, dt.date(2026, 1, 5))
    assess(pupil, essential.skills.get(name="Speaking"), 7, dt.date(2026, 1, 5))
    progress = pupil_progress(school=world.school, pupil=pupil)
    assert [p.skill.name for p in progress] == ["Speaking", "Confidence"]
    assert progress[1].latest_step == 2


def test_pupil_progress_empty_and_other_school(world, other_world):
    essential = framework(other_world.school)
    assess(other_world.pupils[0], essential.skills.first(), 3, dt.date(2026, 1, 5))
    assert pupil_progress(school=world.school, pupil=world.pupils[0]) == []
    assert pupil_progress(school=world.school, pupil=other_world.pupils[0]) == []
