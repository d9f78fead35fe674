"""Helpers that make transition visits through the services, as the pages do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.people.models import Membership, Pupil
from roadahead.providers.models import Provider
from roadahead.transition import services
from roadahead.transition.models import TransitionPair, TransitionVisit
from tests import factories

IN_SCHOOL_DAY = dt.date(2026, 2, 3)
AT_PROVIDER_DAY = dt.date(2026, 2, 24)


def college(school: Any, name: str = "Riverside College") -> Provider:
    found = Provider.objects.filter(school=school, name=name).first()
    return found or factories.ProviderFactory(school=school, name=name, kind="college")


def pair(by: Membership, pupils: Sequence[Pupil], *, provider: Provider | None = None,
         in_school: dt.date | None = IN_SCHOOL_DAY, at_provider: dt.date | None = AT_PROVIDER_DAY,
         **values: Any) -> TransitionPair:
    school = by.school
    return services.create_pair(
        school=school, by=by.user, provider=provider or college(school), pupils=list(pupils),
        in_school=services.HalfInput(in_school, people_met="Two college tutors") if in_school else None,
        at_provider=services.HalfInput(at_provider) if at_provider else None, **values)


def half(made: TransitionPair, kind: str) -> TransitionVisit:
    return TransitionVisit.objects.get(pair=made, kind=kind)


def record(visit: TransitionVisit, by: Membership, entries: Sequence[ParticipationInput]) -> None:
    """Record pupils on a half as the recording screen does."""
    record_participations(activity=visit.activity, by=by.user, entries=list(entries))


def individual(pupil: Pupil, by: Membership, day: dt.date = dt.date(2026, 3, 2), *,
               provider: Provider | None = None, **values: Any) -> TransitionVisit:
    values = {"companions": ["family"], "next_steps": "A second visit with Mum in May.", **values}
    response = values.pop("response", services.PupilResponse(
        engagement=4, reaction="liked", response="I liked the kitchen. Big ovens.", response_method="own_words"))
    return services.record_individual_visit(school=pupil.school, pupil=pupil, by=by.user,
                                            provider=provider or college(pupil.school, "Meadow Farm College"),
                                            date=day, response=response, **values)
