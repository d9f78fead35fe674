"""Who may reach the events pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from roadahead.events import services
from tests.events.helpers import make_event, make_link
from tests.permission_table import Row, all_roles, careers_leader_only

MANAGE_OR_ENTER = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}


def _event(objects, role):
    return {"pk": make_event(objects.world).pk}


def _pupil_feedback(objects, role):
    # The adviser's pupil is in the class teacher's class, so both who may add it can see it.
    world = objects.world
    event = make_event(world)
    feedback = services.enter_feedback(event=event, by=world.careers_leader.user, respondent="pupil",
                                       pupil=world.adviser_pupils[0], rating=4, liked="The bakery stall")
    return {"pk": event.pk, "feedback_pk": feedback.pk}


ROWS: dict[str, Row] = {
    "events:list": Row(all_roles(200)),
    "events:create": Row(careers_leader_only()),
    "events:detail": Row(all_roles(200), _event),
    "events:edit": Row(careers_leader_only(), _event),
    "events:make_links": Row(careers_leader_only(), _event),
    "events:feedback_create": Row(MANAGE_OR_ENTER, _event),
    "events:add_to_profile": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 403, "leader": 403},
                                 _pupil_feedback, method="post"),
    # No sign-in: anyone holding a valid link opens the form, whoever else they are.
    "feedback:form": Row({**all_roles(200), "anonymous": 200, "other_school": 200},
                         lambda o, r: {"token": make_link(o.world)}, school=False),
}
