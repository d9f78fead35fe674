"""Leavers with destinations for the destination tests."""

from __future__ import annotations

import datetime as dt

from roadahead.destinations import services
from roadahead.destinations.models import Destination
from roadahead.people.models import Enrolment, Pupil
from roadahead.schools.models import DestinationCategory, Pathway, School
from tests import factories


def categories(school: School) -> dict[str, DestinationCategory]:
    services.ensure_default_categories(school=school)
    return {c.code: c for c in DestinationCategory.objects.filter(school=school)}


def pathway(school: School, name: str, in_keeping: list[str]) -> Pathway:
    cats = categories(school)
    made = factories.PathwayFactory(school=school, name=name)
    made.in_keeping_destinations.set([cats[code] for code in in_keeping])
    return made


def leave(pupil: Pupil, day: dt.date = dt.date(2026, 2, 13), pathway_: Pathway | None = None) -> Pupil:
    """Make the pupil a leaver on `day`, on `pathway_` in their latest enrolment."""
    pupil.date_left = day
    pupil.save()
    if pathway_ is not None:
        Enrolment.objects.filter(school=pupil.school, pupil=pupil).update(pathway=pathway_)
    return pupil


def destination(pupil: Pupil, code: str = "specialist-college", member=None, **values) -> Destination:
    if pupil.date_left is None:
        leave(pupil)
    cats = categories(pupil.school)
    return services.record_destination(school=pupil.school, pupil=pupil, user=None, member=member,
                                       category=cats[code], **values)
