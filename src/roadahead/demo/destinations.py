"""Leavers' destinations for the demo schools: three years of leavers, recorded through the services.

Each leaver gets a destination judged against their last pathway (most in keeping with it, some
not), a provider from the directory where one fits, and the check-ins that have fallen due: most
recorded (mostly the same and sustained, some changed, a few not known), and a few left overdue
so the check-ins list has work on it. A couple of automatic judgements are overruled by the careers
leader with a reason. If a school has fewer than eight leavers in any of the last three summers,
more are added, so the report by year has figures. All the words are invented.
"""

from __future__ import annotations

import datetime as dt
import random

from roadahead.core import dates
from roadahead.destinations import services
from roadahead.destinations.enums import CheckInStatus
from roadahead.destinations.models import CheckIn, Destination
from roadahead.people.enums import NeedType, Role, SenProvision, Sex
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from roadahead.schools.models import DestinationCategory, Pathway, School
from roadahead.schools.services import ensure_academic_year

LEAVERS_PER_YEAR = 8
FORENAMES = ["Kai", "Ruby", "Deon", "Isla", "Tomasz", "Amara", "Finley", "Priya", "Callum", "Nia", "Reggie", "Zofia"]
SURNAMES = ["Ashdown", "Brennan", "Cole", "Delaney", "Essien", "Farrow", "Gill", "Hartley", "Iqbal", "Jessop"]
NEEDS = [NeedType.SLD, NeedType.PMLD, NeedType.ASD, NeedType.MLD, NeedType.SLCN]
KIND_FOR = {
    "specialist-college": ProviderKind.SPECIALIST_COLLEGE, "college-specialist-provision": ProviderKind.COLLEGE,
    "sixth-form": ProviderKind.SIXTH_FORM, "supported-internship": ProviderKind.COLLEGE,
    "apprenticeship": ProviderKind.EMPLOYER, "supported-employment": ProviderKind.SUPPORTED_EMPLOYMENT,
    "employment": ProviderKind.EMPLOYER, "day-service": ProviderKind.DAY_SERVICE,
    "social-care-package": ProviderKind.SOCIAL_CARE, "pa-support": ProviderKind.SOCIAL_CARE,
    "volunteering": ProviderKind.CHARITY, "further-training": ProviderKind.TRAINING_PROVIDER,
}
NOTES = [
    "Travels with a familiar escort; settling well after a slow first fortnight.",
    "Transition visits in the summer term helped: recognised the staff on day one.",
    "Three days at college and two at the day service, planned around his physio.",
    "Mum reports she talks about her new friends every evening, using her talker.",
    "Job coach in place; working towards travelling on the bus alone by Easter.",
    "Chose this place himself on the second visit: went straight to the sensory room.",
    "",
    "",
]
CHECK_IN_NOTES = [
    "Phoned the family; all going well.",
    "Spoke to the college tutor, who says attendance is good.",
    "Email from the day service manager: enjoying the gardening group.",
    "Could not reach the family after three tries; letter sent.",
    "",
]
OVERRIDE_REASONS = [
    "The day service includes a supported work placement in its café, which is what her pathway aims at.",
    "A bridging year at the specialist college before the supported internship the family planned.",
]


def _leaving_day(summer: int) -> dt.date:
    return dt.date(summer, 7, 20)


def _top_up_leavers(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Add leavers so each of the last three summers has at least LEAVERS_PER_YEAR."""
    current = dates.academic_year_of(today)
    pathways = list(Pathway.objects.filter(school=school).order_by("order"))
    used = set(Pupil.objects.filter(school=school).values_list("upn", flat=True))
    serial = 0
    for summer in (current, current - 1, current - 2):
        left = _leaving_day(summer)
        have = Pupil.objects.filter(school=school, date_left=left).count()
        if have >= LEAVERS_PER_YEAR:
            continue
        year = ensure_academic_year(school=school, start_year=summer - 1)
        for _ in range(LEAVERS_PER_YEAR - have):
            serial += 1
            upn = f"X{school.pk % 1000:03d}{summer % 100:02d}{serial:07d}"
            while upn in used:
                serial += 1
                upn = f"X{school.pk % 1000:03d}{summer % 100:02d}{serial:07d}"
            used.add(upn)
            sex = rng.choice([Sex.MALE, Sex.MALE, Sex.FEMALE])
            pupil = Pupil.objects.create(
                school=school, upn=upn, legal_forename=rng.choice(FORENAMES), legal_surname=rng.choice(SURNAMES),
                date_of_birth=dt.date(summer - 19, rng.randint(9, 12), rng.randint(1, 28)), sex=sex,
                sen_provision=SenProvision.EHC_PLAN, looked_after=rng.random() < 0.1,
                date_joined=dt.date(summer - 8, 9, 3), date_left=left)
            PupilNeed.objects.create(school=school, pupil=pupil, need=rng.choice(NEEDS), rank=1)
            Enrolment.objects.create(school=school, pupil=pupil, academic_year=year, nc_year="14",
                                     pathway=rng.choice(pathways) if pathways else None)


def _choose_category(*, pathway: Pathway | None, categories: dict[str, DestinationCategory],
                     rng: random.Random, keep: bool) -> DestinationCategory:
    in_keeping = list(pathway.in_keeping_destinations.all()) if pathway else []
    if in_keeping and keep:
        return rng.choice(in_keeping)
    others = [c for code, c in categories.items() if code not in {"not-known"} and c not in in_keeping]
    return rng.choice(others or list(categories.values()))


def _provider_for(category: DestinationCategory, providers: list[Provider], rng: random.Random) -> Provider | None:
    kind = KIND_FOR.get(category.code)
    fitting = [p for p in providers if p.kind == kind]
    return rng.choice(fitting) if fitting and rng.random() < 0.85 else None


def record_destinations(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Destinations and check-ins for the school's leavers of the last three summers (adding leavers if few)."""
    services.ensure_default_categories(school=school)
    _top_up_leavers(school=school, today=today, rng=rng)
    categories = {c.code: c for c in DestinationCategory.objects.filter(school=school)}
    providers = list(Provider.objects.filter(school=school, is_active=True))
    leader = Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True).first()
    user = leader.user if leader else None
    done = set(Destination.objects.filter(school=school).values_list("pupil_id", flat=True))
    leavers = [p for p in Pupil.objects.filter(school=school, date_left__isnull=False, date_left__lte=today)
               .order_by("date_left", "id") if p.pk not in done]
    overrides = list(OVERRIDE_REASONS)
    for index, pupil in enumerate(leavers):
        pathway = services.last_pathway(school=school, pupil=pupil)
        # About one leaver in four goes somewhere not in keeping with their pathway's vision.
        category = _choose_category(pathway=pathway, categories=categories, rng=rng, keep=index % 4 != 3)
        assert pupil.date_left is not None
        start = pupil.date_left + dt.timedelta(days=rng.randint(40, 60))
        destination = services.record_destination(
            school=school, pupil=pupil, user=user, member=leader, category=category,
            provider=_provider_for(category, providers, rng), start_date=start, notes=rng.choice(NOTES))
        if destination.in_keeping is False and overrides and index % 8 == 3:
            services.override_in_keeping(destination=destination, user=user, in_keeping=True,
                                         reason=overrides.pop())
        _check_ins(pupil=pupil, school=school, today=today, rng=rng, user=user, leader=leader,
                   categories=categories, providers=providers, leave_overdue=index % 4 == 1)


def _check_ins(*, pupil: Pupil, school: School, today: dt.date, rng: random.Random, user: object,
               leader: Membership | None, categories: dict[str, DestinationCategory], providers: list[Provider],
               leave_overdue: bool) -> None:
    for check_in in CheckIn.objects.filter(school=school, pupil=pupil).order_by("number"):
        changed = (pupil.pk + check_in.number) % 5 == 0
        if check_in.due_on > today:
            break
        # The latest one due is sometimes still waiting, so the overdue list is not empty.
        if leave_overdue and check_in.due_on > today - dt.timedelta(days=400):
            break
        status = (CheckInStatus.CHANGED if changed else CheckInStatus.NOT_KNOWN if rng.random() < 0.12
                  else CheckInStatus.SAME)
        new_category = None
        if status == CheckInStatus.CHANGED:
            new_category = rng.choice([c for code, c in categories.items() if code not in {"not-known", "neet"}])
        done_on = min(today, check_in.due_on + dt.timedelta(days=rng.randint(-20, 25)))
        services.record_check_in(
            check_in=check_in, user=user, member=leader, done_on=max(done_on, pupil.date_left or done_on),
            status=status, sustained=rng.random() < 0.85, notes=rng.choice(CHECK_IN_NOTES),
            new_category=new_category,
            new_provider=_provider_for(new_category, providers, rng) if new_category else None,
            new_start_date=done_on - dt.timedelta(days=rng.randint(20, 90)) if new_category else None, today=today)
