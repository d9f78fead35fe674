"""EHCP annual reviews and Preparing for Adulthood outcomes for the demo schools.

Every pupil on roll with an EHC plan gets a review on roughly the same date each year: the last
two years held (who came, what the pupil said and how, the outcome), this year's held, waiting, or
overdue (about one in six of those already due, so the overdue list has something on it). From
Year 9 each pupil has outcomes and provision plan targets under the four Preparing for Adulthood
areas, set at the first review in Year 9 or later, with progress recorded at each review since
and now and then between reviews. All the words are invented; pupils with profound needs are
seen or spoken for by others, never quoted.

Recorded through roadahead.reviews.services, so each pupil's last and next review dates stay in
step with the reviews.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError

from roadahead.core import dates
from roadahead.people.enums import NeedType, Role, SenProvision
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil, PupilNeed
from roadahead.reviews import services
from roadahead.reviews.due import one_year_after, pfa_applies
from roadahead.reviews.enums import OutcomeKind, PfaArea, ProgressLevel, ReviewOutcome
from roadahead.reviews.models import AnnualReview, PfaOutcome
from roadahead.schools.models import School

PROFOUND = {NeedType.PMLD, NeedType.MSI}
LEVELS = list(ProgressLevel)

ATTENDEES = [
    "Mum; class teacher; speech and language therapist; SENCo",
    "Dad and stepmum; class teacher; careers adviser; social worker",
    "Gran (main carer); class teacher; physiotherapist; LA SEN officer",
    "Mum; key worker; occupational therapist; SENCo",
    "Foster carer; virtual school officer; class teacher; careers adviser",
    "Both parents; class teacher; college transition worker; SENCo",
    "Aunt; teaching assistant; school nurse; careers leader",
]
VIEWS_OWN_WORDS = [
    "Said they want to keep going to the cafe on Fridays and try the garden centre next.",
    "\"I want my own money.\" Wants more time on the computers.",
    "Said the bus is scary but the travel buddy helps.",
    "Told everyone about the animal park visit and wants to go back.",
    "\"College. With Sam.\" Worried about lunchtimes.",
]
VIEWS_SYMBOLS = [
    "Chose 'cooking', 'shop' and 'friends' on the talker; pushed away 'office'.",
    "Used the symbol book with the class teacher: picked 'outside', 'animals' and 'help'.",
    "Pointed to photos of the bakery taster twice and smiled; chose 'bus' with 'help'.",
]
VIEWS_OBSERVED = [
    "Class teacher shared a video: calm and smiling during the sensory garden session, vocalising for more.",
    "Key worker reported reaching for the music switch and relaxing in the hydrotherapy pool.",
    "Mum described how they light up at the farm and turn away from busy rooms.",
]

OUTCOMES: dict[str, list[tuple[str, str]]] = {
    PfaArea.EMPLOYMENT: [
        (OutcomeKind.EHCP_OUTCOME, "By the end of Key Stage 4, will take part in two work tasters and show which "
                                   "they preferred."),
        (OutcomeKind.EHCP_OUTCOME, "By 19, will work in a supported role in a cafe or shop for part of the week."),
        (OutcomeKind.PROVISION_TARGET, "Follows a three-step visual task list at the school enterprise stall."),
        (OutcomeKind.PROVISION_TARGET, "Asks for help at work using a help card or words."),
    ],
    PfaArea.INDEPENDENT_LIVING: [
        (OutcomeKind.EHCP_OUTCOME, "Will travel to college with a travel buddy, then on their own for one route."),
        (OutcomeKind.PROVISION_TARGET, "Makes a snack using a visual recipe with one prompt."),
        (OutcomeKind.PROVISION_TARGET, "Pays for items in a shop using a prepaid card."),
    ],
    PfaArea.COMMUNITY: [
        (OutcomeKind.EHCP_OUTCOME, "Will take part in a club or group outside school each week."),
        (OutcomeKind.PROVISION_TARGET, "Greets familiar adults and peers using their chosen way of communicating."),
        (OutcomeKind.PROVISION_TARGET, "Takes turns in a small group game for ten minutes."),
    ],
    PfaArea.HEALTH: [
        (OutcomeKind.EHCP_OUTCOME, "Will tell or show an adult when they feel unwell or in pain."),
        (OutcomeKind.PROVISION_TARGET, "Chooses a healthy option at lunch from a choice of two."),
        (OutcomeKind.PROVISION_TARGET, "Takes part in a physical activity they enjoy three times a week."),
    ],
}
# Pupils with profound needs work towards outcomes framed around responses and choices.
PROFOUND_OUTCOMES: dict[str, list[tuple[str, str]]] = {
    PfaArea.EMPLOYMENT: [(OutcomeKind.EHCP_OUTCOME, "Will show a preference between two activities in a day "
                                                    "service or college setting.")],
    PfaArea.INDEPENDENT_LIVING: [(OutcomeKind.PROVISION_TARGET, "Uses a switch to take part in making a drink.")],
    PfaArea.COMMUNITY: [(OutcomeKind.EHCP_OUTCOME, "Will visit a community setting each week and stay settled.")],
    PfaArea.HEALTH: [(OutcomeKind.PROVISION_TARGET, "Tolerates a new position on the standing frame for ten "
                                                    "minutes.")],
}
NOTES = [
    "Did this with one prompt on most days this half term.",
    "Managed it at school; family say it is harder at home.",
    "Needed full support at first, now only a reminder.",
    "Showed it on the work taster and in class.",
    "Not seen this term: absent for two weeks.",
    "Staff think the next step is to try it somewhere new.",
]


def _school_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _anniversary(rng: random.Random, start_year: int) -> dt.date:
    """A day in term (October to early July) in the academic year starting `start_year`."""
    month = rng.choice([10, 11, 12, 1, 2, 3, 4, 5, 6])
    year = start_year if month >= 9 else start_year + 1
    return _school_day(dt.date(year, month, rng.randint(3, 26)))


def _staff_for(school: School, enrolment: Enrolment | None, fallback: Membership) -> Membership:
    if enrolment is not None and enrolment.class_group is not None:
        member = enrolment.class_group.staff.filter(is_active=True).first()  # type: ignore[attr-defined]
        if member is not None:
            return member
    return fallback


def record_reviews(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Reviews for every demo pupil with an EHC plan, and PfA outcomes with progress from Year 9."""
    leader = Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True).first()
    if leader is None:
        return
    start_year = dates.academic_year_of(today)
    enrolments = {e.pupil_id: e for e in Enrolment.objects.filter(school=school, academic_year__start_year=start_year)
                  .select_related("class_group")}
    needs = {n.pupil_id: n.need for n in PupilNeed.objects.filter(school=school, rank=1)}
    advisers = {a.pupil_id: a.adviser for a in AdviserAssignment.objects.filter(school=school)
                .select_related("adviser")}
    # Pupils who already have reviews keep them: running this twice adds nothing.
    done = set(AnnualReview.objects.filter(school=school).values_list("pupil_id", flat=True))
    pupils = Pupil.objects.filter(school=school, sen_provision=SenProvision.EHC_PLAN, date_left__isnull=True)
    for pupil in pupils.order_by("pk"):
        enrolment = enrolments.get(pupil.pk)
        if enrolment is None or pupil.pk in done:
            continue
        staff = _staff_for(school, enrolment, leader)
        profound = needs.get(pupil.pk) in PROFOUND
        held = _record_pupil_reviews(school=school, pupil=pupil, staff=staff, profound=profound,
                                     start_year=start_year, today=today, rng=rng)
        if pfa_applies(nc_year=enrolment.nc_year, date_of_birth=pupil.date_of_birth, start_year=start_year):
            _record_outcomes(school=school, pupil=pupil, enrolment=enrolment, held=held, staff=staff,
                             adviser=advisers.get(pupil.pk), profound=profound, start_year=start_year, today=today,
                             rng=rng)


def _views(rng: random.Random, profound: bool) -> str:
    if profound:
        return rng.choice(VIEWS_OBSERVED)
    return rng.choice(VIEWS_OWN_WORDS if rng.random() < 0.5 else VIEWS_SYMBOLS)


def _record_pupil_reviews(*, school: School, pupil: Pupil, staff: Membership, profound: bool, start_year: int,
                          today: dt.date, rng: random.Random) -> list[AnnualReview]:
    """Two past years held; this year's held, waiting or overdue. Returns the held ones, oldest first."""
    anniversary = _anniversary(rng, start_year)
    held: list[AnnualReview] = []
    for back in (2, 1, 0):
        due = _school_day(anniversary.replace(year=anniversary.year - back))
        if pupil.date_joined and due < pupil.date_joined:
            continue
        values: dict[str, object] = {}
        if due < today and (back > 0 or rng.random() > 0.17):
            date_held = min(_school_day(due + dt.timedelta(days=rng.randint(-10, 12))), today)
            values = {"date_held": date_held, "attendees": rng.choice(ATTENDEES),
                      "pupil_views": _views(rng, profound),
                      "outcome": rng.choices([ReviewOutcome.MAINTAIN, ReviewOutcome.AMEND, ReviewOutcome.CEASE],
                                             weights=[10, 8, 1])[0],
                      "notes": rng.choice(["Plan to be amended with new PfA outcomes.", "Transport to be reviewed.",
                                           "Family asked about college options for post-19.", ""]),
                      "next_review_due": one_year_after(due)}
        review = services.record_review(school=school, pupil=pupil, by=None, recorded_by=staff, date_due=due,
                                        **values)
        if review.date_held is not None:
            held.append(review)
    return held


def _record_outcomes(*, school: School, pupil: Pupil, enrolment: Enrolment, held: list[AnnualReview],
                     staff: Membership, adviser: Membership | None, profound: bool, start_year: int,
                     today: dt.date, rng: random.Random) -> None:
    """Outcomes set at the first held review in Year 9 or above, with progress at each review since."""
    ordinal = dates.nc_year_ordinal(enrolment.nc_year)
    years_in_pfa = (ordinal - 9) if ordinal is not None else 1
    first_pfa_year = start_year - max(years_in_pfa, 0)
    reviews = [r for r in held if r.academic_year.start_year >= first_pfa_year]
    set_at = reviews[0] if reviews else None
    this_year = _school_day(min(max(dt.date(start_year, 9, 20), today - dt.timedelta(days=90)), today))
    set_on = set_at.date_held if set_at else this_year
    bank = PROFOUND_OUTCOMES if profound else OUTCOMES
    made: list[PfaOutcome] = []
    for area in PfaArea:
        choices = bank[area]
        for kind, text in rng.sample(choices, k=min(len(choices), rng.choice([1, 1, 2]))):
            try:
                made.append(services.add_outcome(school=school, pupil=pupil, by=None, area=area, kind=kind,
                                                 text=text, set_on=set_on, review=set_at))  # type: ignore[arg-type]
            except ValidationError:
                # Not yet Year 9 on that day by the records (held back a year, say): set this year instead.
                set_at, set_on = None, this_year
                made.append(services.add_outcome(school=school, pupil=pupil, by=None, area=area, kind=kind,
                                                 text=text, set_on=set_on))
    later = [r for r in reviews if r.date_held > set_on]  # type: ignore[operator]
    for outcome in made:
        level = rng.randint(0, 1)
        for review in later:
            level = min(level + rng.choice([0, 1, 1, 2]), len(LEVELS) - 1)
            services.record_progress(outcome=outcome, by=None, date=review.date_held,  # type: ignore[arg-type]
                                     level=LEVELS[level], note=rng.choice(NOTES), review=review, recorded_by=staff)
        # Now and then progress between reviews: the adviser after a taster, or class staff.
        between = _school_day(today - dt.timedelta(days=rng.randint(10, 60)))
        if between > set_on and rng.random() < 0.5:
            who = adviser if outcome.area == PfaArea.EMPLOYMENT and adviser is not None else staff
            level = min(level + rng.choice([0, 1]), len(LEVELS) - 1)
            services.record_progress(outcome=outcome, by=None, date=between, level=LEVELS[level],
                                     note=rng.choice(NOTES), recorded_by=who)
