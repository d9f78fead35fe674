"""Placements for the demo schools, modelled on how special schools run work experience.

- A spring-term weekly placement at a social enterprise café with three work areas: six older
  pupils try each area for three weeks, then settle in the one that suits them.
- The autumn term before, a garden centre placement, finished, with every pupil's report.
- Jobs in school for post-16 pupils (the staff tuck shop, recycling round) and a supported
  internship for one post-16 pupil.
- Class jobs for younger pupils on a weekly rota (the register to the office, the fruit trolley).

Every session up to today is recorded through the activity services as the recording screen
would, so attendance counts for standing. All the words are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from roadahead.activities.enums import Attendance, ResponseMethod
from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.core import dates
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed
from roadahead.placements import services
from roadahead.placements.enums import Outcome
from roadahead.placements.models import Placement
from roadahead.placements.rotation import rotate_through
from roadahead.providers.enums import ProviderKind
from roadahead.providers.models import Provider
from roadahead.providers.services import create_provider
from roadahead.schools.models import School, Term

SYMBOL_USERS = {NeedType.SLD, NeedType.PMLD, NeedType.MSI, NeedType.SLCN}
CHECKLIST = {"purpose_shared": True, "outcomes_fitted": True, "two_way": True, "reflection": True,
             "employer_task": True, "employer_feedback": True}

OWN_WORDS = ["I made the toast on my own.", "Busy today. I wiped all the tables.", "I said hello to the customers.",
             "The dishwasher is loud but I did it.", "I want to do the till again.", "I watered every tray."]
SYMBOLS = ["Chose 'happy' and 'kitchen' on the talker.", "Pointed to the photo of the till and 'more'.",
           "Picked 'plants' and 'good' from the symbol strip.", "Chose 'tired' then 'happy'."]
ADVOCATE = ["Job coach: smiled when the regulars came in and handed over cups carefully.",
            "Teaching assistant: calm in the garden, reached for the watering can again and again."]

REPORTS = [
    {"strengths": "Arrives ready to work and follows the picture task list without prompts.",
     "achievements": "Served customers at the counter with the visual price list for a whole session.",
     "development": "Asking for help when unsure rather than stopping.",
     "employer_feedback": "Reliable and cheerful; we would have them back.",
     "outcome": Outcome.WENT_WELL, "outcome_notes": "The picture task list and a set break time made the difference."},
    {"strengths": "Careful and thorough with cleaning and stacking.",
     "achievements": "Learned to load and run the dishwasher safely.",
     "development": "Coping when the kitchen gets noisy at lunchtime.",
     "employer_feedback": "Hard working. Ear defenders at lunchtime helped a lot.",
     "outcome": Outcome.MIXED,
     "outcome_notes": "Noise at lunchtime was hard; ear defenders and a quiet corner helped."},
    {"strengths": "Loves being outdoors and works steadily with plants.",
     "achievements": "Potted up and labelled a whole bench of seedlings.",
     "development": "Moving between tasks when the supervisor asks.",
     "employer_feedback": "Gentle with the plants and the customers.",
     "outcome": Outcome.WENT_WELL, "outcome_notes": "Outdoor tasks with a clear start and finish suited well."},
    {"strengths": "Friendly with customers.",
     "achievements": "Came every week, including in the rain.",
     "development": "Staying on task for more than ten minutes; a shorter session may suit better.",
     "employer_feedback": "Found the busy shop floor overwhelming at times.",
     "outcome": Outcome.DID_NOT_WORK, "outcome_notes": "A busy shop floor was too much; a quieter setting next time."},
]
REFLECTIONS = {
    ResponseMethod.OWN_WORDS: ["I liked the café best. I want a job there.",
                               "The garden was my favourite. Not the till."],
    ResponseMethod.SYMBOLS: ["Chose 'café', 'work' and 'happy' on the talker.",
                             "Pointed to the plants photo and 'yes'."],
    ResponseMethod.ADVOCATE: ["Mum says they talk about 'my job' every Wednesday evening."],
}


def _spring_term(school: School, today: dt.date) -> tuple[dt.date, dt.date, Term | None]:
    """This academic year's spring term (or last year's if it has not started yet), from the calendar if set."""
    start_year = dates.academic_year_of(today)
    if today < dt.date(start_year + 1, 1, 5):
        start_year -= 1
    term = (Term.objects.filter(school=school, name="spring", academic_year__start_year=start_year).first())
    if term is not None:
        return term.starts_on, term.ends_on, term
    return dt.date(start_year + 1, 1, 5), dt.date(start_year + 1, 3, 27), None


def _provider(school: School, by: object, name: str, kind: str, offers: str) -> Provider:
    found = Provider.objects.filter(school=school, name=name).first()
    if found is not None:
        return found
    return create_provider(school=school, by=by, name=name, kind=kind, offers=offers, hosts_send_placements=True,
                           send_adjustments="Picture task lists; a quiet break area; job coaches welcome.")


def _pupils(school: School, start_year: int, years: Sequence[str], *, today: dt.date, limit: int,
            rng: random.Random) -> list[Pupil]:
    enrolled = [e.pupil for e in Enrolment.objects.filter(school=school, academic_year__start_year=start_year,
                                                            nc_year__in=list(years))
                .select_related("pupil").order_by("pupil_id") if e.pupil.on_roll(today)]
    rng.shuffle(enrolled)
    return enrolled[:limit]


def _response(need: str | None, rng: random.Random) -> dict[str, object]:
    if need in {NeedType.PMLD, NeedType.MSI}:
        return {"engagement": rng.choice([2, 3]), "response": rng.choice(ADVOCATE),
                "response_method": ResponseMethod.ADVOCATE}
    if need in SYMBOL_USERS and rng.random() < 0.6:
        return {"engagement": rng.choice([2, 3, 4]), "reaction": rng.choice(["liked", "liked", "unsure"]),
                "response": rng.choice(SYMBOLS), "response_method": ResponseMethod.SYMBOLS}
    return {"engagement": rng.choice([3, 3, 4, 2]), "reaction": rng.choice(["liked", "liked", "unsure", "disliked"]),
            "response": rng.choice(OWN_WORDS), "response_method": ResponseMethod.OWN_WORDS}


def _run(placement: Placement, pupils: Sequence[Pupil], *, by: object, today: dt.date, rng: random.Random,
         needs: dict[int, str], rotate: int = 0, settle: bool = True) -> None:
    """Assign pupils (staggered through the areas), make the sessions and record those held so far."""
    areas = list(placement.areas.all())
    for index, pupil in enumerate(pupils):
        services.assign_pupil(placement=placement, by=by, pupil=pupil,
                              area=areas[(index + rotate) % len(areas)] if settle and areas else None,
                              rotation=rotate_through(areas, weeks=rotate, start=index))
    for session in services.generate_sessions(placement=placement, by=by):
        if session.date > today:
            break
        activity = services.session_activity(session=session, by=by)
        entries = []
        for pupil in pupils:
            roll = rng.random()
            attendance = Attendance.ABSENT if roll < 0.08 else Attendance.PART if roll < 0.14 else Attendance.ATTENDED
            extra = {} if attendance == Attendance.ABSENT else _response(needs.get(pupil.pk), rng)
            entries.append(ParticipationInput(pupil=pupil, attendance=attendance, **extra))  # type: ignore[arg-type]
        record_participations(activity=activity, by=by, entries=entries, audit=False)


def _reports(placement: Placement, *, by: object, rng: random.Random, needs: dict[int, str]) -> None:
    for assignment in placement.assignments.select_related("pupil"):
        need = needs.get(assignment.pupil_id)
        method = (ResponseMethod.ADVOCATE if need in {NeedType.PMLD, NeedType.MSI}
                  else ResponseMethod.SYMBOLS if need in SYMBOL_USERS else ResponseMethod.OWN_WORDS)
        services.save_report(assignment=assignment, by=by, reflection=rng.choice(REFLECTIONS[method]),
                             reflection_method=method, **rng.choice(REPORTS))


def record_placements(*, school: School, today: dt.date, rng: random.Random) -> None:
    leader = Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True).order_by("pk").first()
    if leader is None:
        return
    by = leader.user
    spring_start, spring_end, spring = _spring_term(school, today)
    start_year = dates.academic_year_of(spring_start)
    needs = dict(PupilNeed.objects.filter(school=school, rank=1).values_list("pupil_id", "need"))
    older = _pupils(school, start_year, ["10", "11", "12", "13", "14"], today=today, limit=12, rng=rng)
    post16 = _pupils(school, start_year, ["12", "13", "14"], today=today, limit=4, rng=rng)
    younger = _pupils(school, start_year, ["5", "6", "7", "8", "9"], today=today, limit=6, rng=rng)

    cafe = _provider(school, by, "Hillside Community Café (social enterprise)", ProviderKind.CHARITY,
                     "Work experience in a café run as a social enterprise: counter, kitchen and kitchen garden.")
    garden = _provider(school, by, "Meadowbank Garden Centre", ProviderKind.EMPLOYER,
                       "Weekly work experience on the shop floor and in the growing area.")
    hotel = _provider(school, by, "Riverside Hotel", ProviderKind.EMPLOYER,
                      "Supported internships in housekeeping and the kitchen, with a job coach.")
    common = {"purpose": "To try real jobs with real customers, and find out what suits.",
              "learning_outcomes": "Follow a task list; ask for help; work alongside colleagues.", **CHECKLIST}

    # The autumn placement before, finished, with reports: the garden centre's record with our pupils.
    autumn_end = spring_start - dt.timedelta(days=20)
    autumn = services.create_placement(
        school=school, by=by, title="Autumn work experience at the garden centre", kind="work_experience",
        where="off_site", provider=garden, starts_on=autumn_end - dt.timedelta(weeks=12), ends_on=autumn_end,
        weekday=3, supervisor_name="Shop floor supervisor",
        health_safety_checked_on=autumn_end - dt.timedelta(weeks=16),
        health_safety_expires_on=autumn_end + dt.timedelta(days=330),
        insurance_checked_on=autumn_end - dt.timedelta(weeks=16),
        insurance_expires_on=autumn_end + dt.timedelta(days=200),
        areas=["Shop floor", "Growing area"], **common)
    _run(autumn, older[6:10], by=by, today=today, rng=rng, needs=needs, rotate=2)
    if autumn.ends_on < today:
        _reports(autumn, by=by, rng=rng, needs=needs)

    # The spring placement: three work areas, six pupils rotating for three weeks, then settling.
    spring_placement = services.create_placement(
        school=school, by=by, title="Spring work experience at Hillside Café", kind="work_experience",
        where="off_site", provider=cafe, term=spring, starts_on=spring_start, ends_on=spring_end, weekday=2,
        start_time=dt.time(9, 30), end_time=dt.time(12, 0), supervisor_name="Café manager",
        supervisor_phone="01632 960418", contacts="Job coach from the café goes with the group; ring the school "
                                                  "office if the minibus is late.",
        health_safety_checked_on=spring_start - dt.timedelta(days=60),
        health_safety_expires_on=spring_start + dt.timedelta(days=300),
        # Left to run out during the term, so the page shows the warning a careers leader must act on.
        insurance_checked_on=spring_start - dt.timedelta(days=300),
        insurance_expires_on=spring_start + dt.timedelta(days=40),
        areas=["Café counter", "Kitchen", "Kitchen garden"], **common)
    _run(spring_placement, older[:6], by=by, today=today, rng=rng, needs=needs, rotate=3)
    if spring_placement.ends_on < today:
        _reports(spring_placement, by=by, rng=rng, needs=needs)

    # Jobs in school for post-16 pupils, and a supported internship for one of them.
    if post16:
        tuck = services.create_placement(
            school=school, by=by, title="Staff tuck shop", kind="work_experience", where="on_site",
            on_site_kind="tuck_shop", term=spring, starts_on=spring_start, ends_on=spring_end, weekday=4,
            supervisor_name="School business manager", areas=["Till and money", "Stock and price labels"],
            purpose="Running a small shop: money, stock and serving staff.", **CHECKLIST)
        _run(tuck, post16[:3], by=by, today=today, rng=rng, needs=needs, rotate=2)
        recycling = services.create_placement(
            school=school, by=by, title="Recycling and grounds round", kind="work_experience", where="on_site",
            on_site_kind="recycling", term=spring, starts_on=spring_start, ends_on=spring_end, weekday=1,
            supervisor_name="Site manager", areas=["Recycling round", "Grounds"], **CHECKLIST)
        _run(recycling, post16[1:4], by=by, today=today, rng=rng, needs=needs)
        intern = services.create_placement(
            school=school, by=by, title="Supported internship: hotel housekeeping", kind="internship",
            where="off_site", provider=hotel, starts_on=spring_start - dt.timedelta(weeks=14), ends_on=spring_end,
            weekday=0, start_time=dt.time(9, 0), end_time=dt.time(14, 30), supervisor_name="Head housekeeper",
            contacts="Job coach from the supported employment service, two days a week.",
            health_safety_checked_on=spring_start - dt.timedelta(weeks=20),
            health_safety_expires_on=spring_end + dt.timedelta(days=200),
            insurance_checked_on=spring_start - dt.timedelta(weeks=20),
            insurance_expires_on=spring_end + dt.timedelta(days=200),
            areas=["Housekeeping", "Laundry"], **common)
        _run(intern, post16[:1], by=by, today=today, rng=rng, needs=needs, rotate=4)

    # Class jobs for younger pupils: a rota, a different job each week.
    if younger:
        jobs = services.create_placement(
            school=school, by=by, title="Class jobs", kind="class_job", where="on_site", on_site_kind="classroom",
            term=spring, starts_on=spring_start, ends_on=spring_end, weekday=0, supervisor_name="Class teacher",
            areas=["Register to the office", "Fruit trolley", "Watering the plants"],
            purpose="A real job each week, with a symbol rota on the wall.", purpose_shared=True, reflection=True)
        _run(jobs, younger, by=by, today=today, rng=rng, needs=needs, rotate=12, settle=False)
