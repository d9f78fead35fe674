"""Who may reach the activities pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.permission_table import Objects, Row, all_roles, careers_leader_only

RECORDERS = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}


def _activity(objects: Objects, role: str) -> dict[str, Any]:
    """An activity the careers leader set up, with the adviser's pupil (seen by every role) on it."""
    from roadahead.activities import services
    from roadahead.activities.models import ActivityType

    world = objects.world
    services.ensure_activity_types(school=world.school)
    activity = services.create_activity(
        school=world.school, by=world.careers_leader.user, title="Fire station visit", date=dt.date(2026, 3, 2),
        activity_type=ActivityType.objects.get(school=world.school, code="workplace-visit"))
    services.record_participations(activity=activity, by=world.careers_leader.user,
                                   entries=[services.ParticipationInput(pupil=world.adviser_pupils[0])])
    return {"pk": activity.pk}


def _series(objects: Objects, role: str) -> dict[str, Any]:
    from roadahead.activities import services
    from roadahead.activities.models import ActivityType

    world = objects.world
    services.ensure_activity_types(school=world.school)
    series = services.create_series(
        school=world.school, by=world.careers_leader.user, title="Garden centre", weekday=2,
        activity_type=ActivityType.objects.get(school=world.school, code="work-experience"),
        starts_on=dt.date(2026, 1, 5), ends_on=dt.date(2026, 3, 27), pupils=world.pupils)
    return {"pk": series.pk}


ROWS: dict[str, Row] = {
    "activities:list": Row(all_roles(200)),
    "activities:create": Row(RECORDERS),
    "activities:detail": Row(all_roles(200), _activity),
    # Class staff change only the activities they set up; this one is the careers leader's.
    "activities:edit": Row({**RECORDERS, "class_teacher": 403}, _activity),
    "activities:delete": Row(careers_leader_only(), _activity),
    "activities:record": Row(RECORDERS, _activity),
    "activities:series_list": Row(all_roles(200)),
    "activities:series_create": Row(RECORDERS),
    "activities:series_detail": Row(all_roles(200), _series),
    # The adviser's pupil is in the class teacher's class too, so every role may see the timeline.
    "activities:timeline": Row(all_roles(200), lambda o, r: {"pupil_pk": o.world.adviser_pupils[0].pk}),
}
