from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from roadahead.placements import selectors, services
from tests import factories
from tests.placements.factories import assign, placement


def test_placements_for_pupil_are_newest_first_with_area_dates_and_report(world):
    pupil = world.pupils[0]
    older = placement(world, title="Autumn", term=None, starts_on=dt.date(2025, 9, 10), ends_on=dt.date(2025, 12, 10))
    newer = placement(world, title="Spring")
    services.save_report(assignment=assign(world, older, pupil, settle=0), by=world.careers_leader.user,
                         strengths="Careful with tools")
    assign(world, newer, pupil)
    assign(world, newer, world.pupils[1])
    found = selectors.placements_for_pupil(school=world.school, pupil=pupil)
    assert [a.placement.title for a in found] == ["Spring", "Autumn"]
    assert found[1].area.name == "Café counter"
    assert found[1].placement.starts_on == dt.date(2025, 9, 10)
    assert selectors.report_of(found[1]).strengths == "Careful with tools"
    assert selectors.report_of(found[0]) is None


def test_send_confidence_counts_needs_and_outcomes_per_provider(world, other_world):
    made = placement(world)
    again = placement(world, title="Summer", provider=made.provider)
    elsewhere = placement(world, title="Elsewhere")
    first, second, third = world.pupils[:3]
    factories.PupilNeedFactory(pupil=first, need="ASD", rank=2)
    services.save_report(assignment=assign(world, made, first), by=world.careers_leader.user, outcome="went_well")
    services.save_report(assignment=assign(world, again, first), by=world.careers_leader.user, outcome="went_well")
    services.save_report(assignment=assign(world, made, second), by=world.careers_leader.user,
                         outcome="did_not_work", outcome_notes="Too noisy at lunchtime.")
    assign(world, elsewhere, third)
    theirs = placement(other_world, provider=made.provider.__class__.objects.create(
        school=other_world.school, name="Theirs", kind="employer"))
    assign(other_world, theirs, other_world.pupils[0])
    with CaptureQueriesContext(connection) as queries:
        confidence = selectors.send_confidence(school=world.school)
    assert len(queries) == 3
    mine = confidence[made.provider.pk]
    assert mine.placements == 2
    assert mine.pupils == 2  # the same pupil twice is one pupil
    assert dict(mine.needs) == {"SLD": 2, "ASD": 1}
    assert mine.outcome_rows == [("Went well", 2), ("Did not work", 1)]
    assert mine.notes == ["Too noisy at lunchtime."]
    assert confidence[elsewhere.provider.pk].outcome_rows == []
    assert theirs.provider.pk not in confidence
