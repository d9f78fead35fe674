"""Transition visits for the demo schools, recorded through the transition and activities services.

Modelled on how special schools run them: in the spring, each possible next placement (a college,
a day service, a supported employment scheme) visits the Year 13 and 14 class in school, and a
couple of weeks later the class visits it; staff record how each pupil engaged and what they made
of it, in their own words, with symbols, or as read by the staff who know them. Later a few pupils
make their own visits with family or a key worker. All the words are invented.

Call `record_transition(school=..., today=..., rng=...)` once the school's pupils, classes,
providers and activity types exist.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable

from roadahead.activities.enums import Attendance, ResponseMethod
from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.core import dates
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from roadahead.schools.models import School
from roadahead.transition import services
from roadahead.transition.enums import Companion, VisitKind
from roadahead.transition.models import TransitionVisit

NON_VERBAL = {NeedType.PMLD, NeedType.MSI}
SYMBOL_USERS = {NeedType.SLD, NeedType.SLCN, NeedType.PD}
NEXT_STEP_KINDS = (ProviderKind.SPECIALIST_COLLEGE, ProviderKind.COLLEGE, ProviderKind.DAY_SERVICE,
                   ProviderKind.SUPPORTED_EMPLOYMENT, ProviderKind.TRAINING_PROVIDER, ProviderKind.SOCIAL_CARE)

# ## Words (invented) ##################################################################################
IN_SCHOOL_WORDS = [
    "She showed us photos of the kitchen. I want to see it.",
    "The man was funny. Do they have a minibus?",
    "I asked if there is a football team.",
    "I liked the lady. She signed too.",
    "Is it big? I don't like big places.",
    "They do gardening! Can I go?",
]
AT_PROVIDER_WORDS = [
    "I made a pizza in the training kitchen. It was hot.",
    "Too many stairs. I liked the café though.",
    "The art room was best. Quiet and lots of paint.",
    "I want to go there with my friends.",
    "The corridors were long. I got tired.",
    "I fed the goats! Can I go every day?",
    "I didn't like the noise at dinner time.",
    "I saw the flat where you learn to cook and clean. I want that.",
]
INDIVIDUAL_WORDS = [
    "I went with Mum. I liked the teacher. I want to go in September.",
    "I saw my room for Tuesdays. Blue walls. Good.",
    "I tried the bus from home with Sam. Easy!",
    "Still too loud. Maybe the small college instead.",
]
SYMBOL_WORDS = [
    "Chose 'like' and 'cooking' on the talker, then 'again'.",
    "Pointed to 'happy' and the photo of the sensory room.",
    "Pushed 'stop' when the bell rang; chose 'garden' at the end.",
    "Chose 'friends' and 'bus', then 'yes' when asked about going back.",
]
OBSERVED_WORDS = [
    "Smiled and reached for the instruments; calm for the whole visit.",
    "Relaxed in the hydrotherapy pool, vocalising happily.",
    "Turned away from the busy hall; settled once in the quiet room.",
    "Watched the staff closely and laughed when they sang.",
]
STAFF_NOTES = [
    "Needed time in the quiet room first.",
    "Travelled well on the minibus.",
    "",
    "",
    "Ask the college about a transition worker.",
]
NEXT_STEPS = [
    "Second visit in the summer term with Mum; ask about the travel training course.",
    "Taster day in June with key worker. Share the visit at the annual review.",
    "Try the smaller centre next: this one was too busy for him.",
    "Apply for September; the college will visit home before the summer.",
]


def _school_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _response(rng: random.Random, need: str, words: list[str]) -> dict[str, object]:
    """How a pupil might take part and respond, by their primary need."""
    if need in NON_VERBAL:
        return {"engagement": rng.choice([2, 3]), "reaction": rng.choice(["liked", "liked", "unsure"]),
                "response": rng.choice(OBSERVED_WORDS),
                "response_method": rng.choice([ResponseMethod.OBSERVED, ResponseMethod.ADVOCATE])}
    if need in SYMBOL_USERS and rng.random() < 0.6:
        return {"engagement": rng.choice([2, 3, 4]), "reaction": rng.choice(["liked", "unsure", "liked"]),
                "response": rng.choice(SYMBOL_WORDS), "response_method": ResponseMethod.SYMBOLS}
    return {"engagement": rng.choice([3, 3, 4, 2]), "reaction": rng.choice(["liked", "liked", "unsure", "disliked"]),
            "response": rng.choice(words), "response_method": ResponseMethod.OWN_WORDS}


def _recorder(school: School, enrolment: Enrolment | None) -> Membership:
    if enrolment is not None and enrolment.class_group is not None:
        staff = [m for m in enrolment.class_group.staff.all() if m.is_active]
        if staff:
            return staff[0]
    return Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True).order_by("pk").first()


def record_transition(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Paired visits for each Year 13/14 class this year and individual visits for a few pupils."""
    start_year = dates.academic_year_of(today)
    first_day, _last = dates.academic_year_bounds(start_year)
    providers = list(Provider.objects.filter(school=school, is_active=True, kind__in=NEXT_STEP_KINDS).order_by("pk"))
    leader = _recorder(school, None)
    if not providers or leader is None:
        return
    needs = dict(PupilNeed.objects.filter(school=school, rank=1).values_list("pupil_id", "need"))
    enrolments = list(Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                               nc_year__in=["13", "14"])
                      .select_related("pupil", "class_group").prefetch_related("class_group__staff")
                      .order_by("pupil_id"))
    enrolments = [e for e in enrolments if e.pupil.on_roll(today)]
    classes: dict[int | None, list[Enrolment]] = defaultdict(list)
    for enrolment in enrolments:
        classes[enrolment.class_group_id].append(enrolment)

    def clamp(day: dt.date) -> dt.date:
        return _school_day(max(day, first_day + dt.timedelta(days=14)))

    for group in classes.values():
        recorder = _recorder(school, group[0])
        pupils = [e.pupil for e in group]
        chosen = rng.sample(providers, k=min(len(providers), 3))
        for index, provider in enumerate(chosen):
            # Spread over the weeks before today; the last pair's visit to the provider is still to come.
            in_school = clamp(today - dt.timedelta(days=42 - 14 * index))
            at_provider = _school_day(in_school + dt.timedelta(days=14 + rng.randint(0, 4)))
            pair = services.create_pair(
                school=school, by=leader.user, provider=provider, pupils=pupils,
                purpose=rng.choice(["To see whether the course and the building suit the group.",
                                    "To meet the staff and see a normal day there.",
                                    "So pupils and families can compare this with what they have seen before."]),
                in_school=services.HalfInput(in_school, people_met=rng.choice(
                    ["Two tutors and a current student", "The centre manager", "The transition coordinator"])),
                at_provider=services.HalfInput(at_provider))
            for visit in TransitionVisit.objects.filter(school=school, pair=pair).select_related("activity"):
                if visit.activity.date > today:
                    continue
                words = IN_SCHOOL_WORDS if visit.kind == VisitKind.IN_SCHOOL else AT_PROVIDER_WORDS
                entries = []
                for pupil in pupils:
                    if rng.random() < 0.1:
                        entries.append(ParticipationInput(pupil=pupil, attendance=Attendance.ABSENT))
                        continue
                    entries.append(ParticipationInput(pupil=pupil, staff_note=rng.choice(STAFF_NOTES),
                                                      **_response(rng, needs.get(pupil.pk, ""), words)))
                record_participations(activity=visit.activity, by=recorder.user, entries=entries)
    _individual_visits(school=school, today=today, rng=rng, enrolments=enrolments, providers=providers,
                       needs=needs, clamp=clamp)


def _individual_visits(*, school: School, today: dt.date, rng: random.Random, enrolments: list[Enrolment],
                       providers: list[Provider], needs: dict[int, str],
                       clamp: Callable[[dt.date], dt.date]) -> None:
    leavers = [e for e in enrolments if e.nc_year == "14"] or enrolments
    for enrolment in rng.sample(leavers, k=min(len(leavers), 3)):
        pupil: Pupil = enrolment.pupil
        recorder = _recorder(school, enrolment)
        day = clamp(today - dt.timedelta(days=rng.randint(3, 25)))
        if day > today:
            continue
        companions = rng.choice([[Companion.FAMILY], [Companion.KEYWORKER], [Companion.FAMILY, Companion.KEYWORKER],
                                 [Companion.SOCIAL_WORKER, Companion.KEYWORKER]])
        response = _response(rng, needs.get(pupil.pk, ""), INDIVIDUAL_WORDS)
        services.record_individual_visit(
            school=school, pupil=pupil, by=recorder.user, provider=rng.choice(providers), date=day,
            companions=companions, next_steps=rng.choice(NEXT_STEPS),
            response=services.PupilResponse(attendance=Attendance.ATTENDED, **response))  # type: ignore[arg-type]
