"""A pupil with a row in every table that points at a pupil, canaries in every free-text field, and a
scan of every column of every table in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, models

from roadahead.activities.models import Activity, Series
from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.destinations.models import Anonymisation
from roadahead.events.models import Feedback
from roadahead.guidance.models import GuidanceMeeting
from roadahead.imports.models import ImportKind, ImportRun, ImportStatus
from roadahead.people.models import Pupil
from roadahead.placements.models import PlacementReport
from roadahead.privacy import classification, graph
from roadahead.profiles.models import MyFuture, Picture
from roadahead.transition.models import TransitionVisit
from tests.activities.conftest import make_activity
from tests.conftest import SchoolWorld
from tests.destinations import factories as destinations
from tests.events.helpers import make_event
from tests.guidance.factories import action, meeting
from tests.placements.factories import assign, placement
from tests.profiles.factories import entry, plan
from tests.reviews.factories import outcome, progress, review
from tests.skills.factories import assess, framework
from tests.transition.factories import individual
from tests.transition.factories import pair as transition_pair

CANARY = "Zqxcanary"  # short enough for every text column
CANARY_UPN = "Z999888777666"


@dataclass
class Seeded:
    pupil: Pupil
    other: Pupil
    shared_activity: Activity


def seed_everything(world: SchoolWorld, *, pupil: Pupil | None = None, other: Pupil | None = None) -> Seeded:
    """At least one row about `pupil` in every table `graph.links()` finds, plus an activity shared with
    `other` (who must stay untouched)."""
    pupil = pupil or world.adviser_pupils[0]
    other = other or world.pupils[1]
    school, leader = world.school, world.careers_leader
    shared = make_activity(world, title="Employer talk")
    record_participations(activity=shared, by=leader.user, entries=[
        ParticipationInput(pupil=pupil, response="first words"), ParticipationInput(pupil=other, response="hi")])
    record_participations(activity=shared, by=leader.user, entries=[  # a revision
        ParticipationInput(pupil=pupil, response="second words", staff_note="noted")])
    event = make_event(world, title="Careers fair")
    Feedback.objects.create(school=school, event=event, respondent="pupil", pupil=pupil, liked="the stalls")
    meeting(pupil, world.adviser, actions=[action("Visit the college")])
    skill = framework(school).skills.first()
    assess(pupil, skill, 3, dt.date(2026, 2, 1), evidence="managed alone")
    entry(pupil, "Likes animals")
    plan(pupil)
    MyFuture.objects.create(school=school, pupil=pupil, next_steps="college")
    Picture.objects.create(school=school, pupil=pupil, section="me", alt_text="photo", file_name="p.png",
                           mime_type="image/png", width=10, height=10)
    made_placement = placement(world, areas=("Kitchen", "Garden"))
    assignment = assign(world, made_placement, pupil, rotate=2)
    PlacementReport.objects.create(school=school, assignment=assignment, strengths="kind")
    transition_pair(leader, [pupil, other])
    individual(pupil, leader)
    destinations.leave(pupil)
    destinations.destination(pupil, notes="started")
    Anonymisation.objects.create(school=school, pupil=pupil, anonymised_on=dt.date(2026, 3, 1))
    annual = review(pupil, due=dt.date(2026, 1, 10), held=dt.date(2026, 1, 10), notes="went well")
    pfa = outcome(pupil, review=annual)
    progress(pfa, day=dt.date(2026, 2, 1), note="better")
    series = Series.objects.create(school=school, title="Weekly café", activity_type=shared.activity_type,
                                   frequency="weekly", weekday=2, starts_on=dt.date(2025, 9, 1),
                                   ends_on=dt.date(2026, 7, 1))
    series.pupils.add(pupil, other)
    ImportRun.objects.create(school=school, kind=ImportKind.PUPILS, status=ImportStatus.FAILED, file_name="p.csv",
                             file_format="csv", content=f"upn\n{pupil.upn}\n".encode(),
                             errors=[{"row": 2, "message": f"{pupil.upn} is wrong"}])
    return Seeded(pupil, other, shared)


def missing_tables(pupil_id: int, school: Any) -> list[str]:
    """Tables pointing at the pupil that hold no row about them: the seeding must cover every one."""
    return [link.key for link in graph.links()
            if not link.model._default_manager.filter(link.q(pupil_id), school=school).exists()]


def _text_fields(model: type[models.Model]) -> list[models.Field]:  # type: ignore[type-arg]
    return [f for f in model._meta.concrete_fields if classification.is_free_text(f)
            and not isinstance(f, models.BinaryField)]


def fill_canaries(school: Any, pupil: Pupil) -> int:
    """The canary in every free-text field of every row about the pupil, and in their name and UPN."""
    Pupil.objects.filter(pk=pupil.pk).update(legal_forename=CANARY, legal_surname=CANARY, preferred_forename=CANARY,
                                             preferred_surname=CANARY, upn=CANARY_UPN, communication_notes=CANARY)
    filled = 0
    for link in graph.links():
        if link.kind == "shared":
            continue  # shared rows are about the activity, not the pupil
        rows = link.model._default_manager.filter(link.q(pupil.pk), school=school)
        values: dict[str, Any] = {}
        for model_field in _text_fields(link.model):
            if isinstance(model_field, models.JSONField):
                values[model_field.name] = {"canary": CANARY}
            else:
                values[model_field.name] = CANARY
        if values:
            filled += link.model._default_manager.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
                **values)
    # An import that checked a file holding the pupil.
    ImportRun.objects.filter(school=school).update(
        content=f"upn,forename\n{CANARY_UPN},{CANARY}\n".encode(), preview=[{"upn": CANARY_UPN, "name": CANARY}],
        errors=[{"row": 2, "message": f"{CANARY_UPN} is not a UPN"}])
    # Activities made for the pupil alone: their guidance meeting's and their own transition visit's.
    own = [GuidanceMeeting.objects.get(pupil=pupil).activity_id,
           TransitionVisit.objects.get(pupil=pupil, pair=None).activity_id]
    Activity.objects.filter(pk__in=own).update(title=CANARY, purpose=CANARY, people_met=CANARY)
    return filled


def canaries_in_database(*needles: str) -> dict[str, int]:
    """Every table and column in the database (Django's, third parties' and ours) holding a needle."""
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for column in columns:
                q = connection.ops.quote_name
                for needle in needles:
                    cursor.execute(f"SELECT COUNT(*) FROM {q(table)} WHERE CAST({q(column)} AS TEXT) LIKE %s",  # noqa: S608
                                   [f"%{needle}%"])
                    count = cursor.fetchone()[0]
                    if count:
                        found[f"{table}.{column}"] = found.get(f"{table}.{column}", 0) + count
    return found

