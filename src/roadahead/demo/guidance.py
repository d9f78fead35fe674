"""Careers guidance meetings for the demo schools, recorded through the guidance service.

Each meeting is what a special school's adviser would write: who supported the pupil and how
(a class teacher advocating with the symbol book for a pupil who uses symbols, a teaching
assistant reading responses for a pupil with profound needs, a parent on the phone), the pupil's
own words as they expressed them, what was discussed, the actions agreed and when the next
meeting is due. All the words are invented. The service also records each meeting as an attended
guidance activity, so the standing pages count it.

`year.py` calls `record_year_meetings` for each demo year (in place of its old plain activities);
`record_guidance` does the same for a school built some other way. Call one or the other, not both.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from roadahead.core import dates
from roadahead.guidance.enums import Advocate, Communication, Mode
from roadahead.guidance.models import GuidanceMeeting
from roadahead.guidance.services import ActionInput, record_meeting
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed
from roadahead.schools.models import AcademicYear, School, Term

NON_VERBAL = {NeedType.PMLD, NeedType.MSI}
SYMBOL_USERS = {NeedType.SLD, NeedType.SLCN, NeedType.PD}


@dataclass
class GuidancePupil:
    pupil: Pupil
    ordinal: int
    pathway: str
    need: str
    class_staff: Membership | None = None


# ## Words ###########################################################################################
OWN_WORDS = [
    "I want to work with animals, maybe at the farm.",
    "I like cooking. I want to make cakes in a café.",
    "I want to go to college with my friends.",
    "I don't want a loud job. I like it quiet.",
    "I want to drive a tractor like my grandad.",
    "I'm good at football. I could help coach the little ones.",
    "Shops. I like putting things on the shelves tidy.",
    "I want to live in my own flat one day, with help.",
    "I liked the garden centre best. The plants and the tills.",
    "I want to be a hairdresser. I do my sister's hair.",
    "Computers. Fixing them. Or games.",
    "I'm worried about the bus on my own.",
]
SYMBOL_WORDS = [
    "Chose the symbols for 'animals', 'outside' and 'help' from the choice board.",
    "Pointed to 'cooking' and 'café' twice; pushed 'office' away.",
    "Chose 'college', then 'friends', then 'bus' on the talker.",
    "Built the sentence 'I like garden' with symbols and smiled.",
    "Chose 'shop' and 'money' from the careers symbol page; said 'yes, shop'.",
    "Picked 'music' and 'drums'; chose 'no' for 'kitchen'.",
    "Used the talker: 'I want work. Animals. Not noisy.'",
]
OBSERVED_WORDS = [
    "Smiled and reached for the photo of the sensory garden each time it was shown.",
    "Stilled and listened when the music session video played; turned away from the busy café video.",
    "Looked towards the photo of the hydrotherapy pool and vocalised happily.",
    "Relaxed when the day service's quiet room was described; became unsettled at the noisy hall.",
    "Used eye gaze to choose the horse-riding picture over the shopping picture, three times out of three.",
]
DISCUSSED = [
    "Talked about what they enjoy in school and at home, and which jobs use those things. Looked at the "
    "local college's entry-level courses.",
    "Went through the work experience so far and what they liked most. Talked about travel training before "
    "college visits.",
    "Looked at the options after Year 11: the school's sixth form, the specialist college and the supported "
    "internship. Family to visit two of them.",
    "Thought about the Preparing for Adulthood areas: work, living more independently, friends and keeping "
    "healthy. Linked these to the EHCP review next term.",
    "Explored photographs of local workplaces (café, garden centre, supermarket, farm) and what each job "
    "involves day to day.",
    "Talked about worries about leaving school and what help would make the next step easier.",
    "Reviewed last meeting's actions; the taster day went well. Agreed what to try next.",
]
SUPPORT = {
    Advocate.CLASS_TEACHER: "The class teacher sat in, used the pupil's symbol book and checked each choice back.",
    Advocate.TEACHING_ASSISTANT: "The teaching assistant who knows them best read their responses and gave "
                                 "plenty of time.",
    Advocate.FAMILY: "A parent joined and helped explain what the pupil enjoys at home.",
    Advocate.THERAPIST: "The speech and language therapist set up a careers page on the talker beforehand.",
    Advocate.NONE: "",
}
ACTIONS = [
    ("Book a taster day at the specialist college", "staff"),
    ("Visit the college open evening", "family"),
    ("Practise the bus route to town with the travel trainer", "staff"),
    ("Add photos of the garden centre placement to the pupil's profile", "staff"),
    ("Ask the farm about a work experience place", "adviser"),
    ("Bring the EHCP review date to the next meeting", "adviser"),
    ("Try a session in the school café", "staff"),
    ("Talk at home about what a supported internship is", "family"),
    ("Make a symbol page of jobs the pupil liked", "staff"),
    ("Send the family the local offer's post-16 pages", "adviser"),
    ("Write down three things I am good at", "pupil"),
]
FAMILY = ["Mum", "Dad", "Mum and Dad", "Carer", "Grandma", "Foster carer"]


# ## Recording #######################################################################################
def _how(rng: random.Random, need: str) -> tuple[str, list[str], str]:
    """Who supported the pupil, how they communicated and what they said, from their main need."""
    if need in NON_VERBAL:
        advocate = rng.choice([Advocate.TEACHING_ASSISTANT, Advocate.CLASS_TEACHER, Advocate.FAMILY])
        ways = [Communication.OBSERVED, rng.choice([Communication.GESTURE, Communication.SYMBOLS])]
        return advocate, ways, rng.choice(OBSERVED_WORDS)
    if need in SYMBOL_USERS:
        advocate = rng.choice([Advocate.CLASS_TEACHER, Advocate.CLASS_TEACHER, Advocate.TEACHING_ASSISTANT,
                               Advocate.THERAPIST])
        ways = [Communication.SYMBOLS] + ([Communication.SPEECH] if rng.random() < 0.4 else []) + (
            [Communication.SIGNING] if rng.random() < 0.3 else [])
        return advocate, ways, rng.choice(SYMBOL_WORDS)
    advocate = rng.choice([Advocate.NONE, Advocate.NONE, Advocate.FAMILY, Advocate.TEACHING_ASSISTANT])
    return advocate, [Communication.SPEECH], rng.choice(OWN_WORDS)


def _actions(rng: random.Random, day: dt.date, today: dt.date, *, adviser: Membership,
             class_staff: Membership | None) -> list[ActionInput]:
    made = []
    for description, who in rng.sample(ACTIONS, rng.choice([1, 2, 2, 3])):
        due = day + dt.timedelta(days=rng.choice([14, 21, 28, 42, 56]))
        done = None
        if due < today and rng.random() < 0.75:
            done = min(due - dt.timedelta(days=rng.randint(0, 10)), today)
        owner_member = {"staff": class_staff, "adviser": adviser}.get(who)
        owner_text = {"family": rng.choice(FAMILY), "pupil": "The pupil"}.get(who, "")
        if who == "staff" and class_staff is None:
            owner_text = "Class teacher"
        made.append(ActionInput(description=description, owner_member=owner_member, owner_text=owner_text,
                                due_on=due, done_on=done if done and done >= day else None))
    return made


def record_year_meetings(*, school: School, today: dt.date, rng: random.Random, roster: Sequence[GuidancePupil],
                         halves: Sequence[tuple[dt.date, dt.date]], pick_day: Callable[[dt.date, dt.date], dt.date],
                         on_roll: Callable[[Pupil, dt.date], bool], half_termly_pathway: str | None = None,
                         ) -> list[GuidanceMeeting]:
    """One meeting a year from Year 7 (a few pupils are missed, so the standing shows gaps), and one
    every half term for `half_termly_pathway` after Year 11. Nothing after `today` is recorded."""
    members = list(Membership.objects.filter(school=school, is_active=True).select_related("user"))
    adviser = next((m for m in members if m.role == Role.ADVISER), None)
    leader = next(m for m in members if m.role == Role.CAREERS_LEADER)
    assigned = set(Pupil.objects.filter(school=school, adviser_assignments__adviser=adviser)
                   .values_list("pk", flat=True)) if adviser else set()
    made = []
    for member in roster:
        if member.ordinal < 7:
            continue
        half_termly = half_termly_pathway is not None and member.pathway == half_termly_pathway \
            and member.ordinal >= 12
        chosen = list(halves) if half_termly else ([] if rng.random() < 0.1 else [rng.choice(halves)])
        days = sorted(pick_day(start, end) for start, end in chosen)
        for index, day in enumerate(days):
            if day > today or not on_roll(member.pupil, day):
                continue
            # The independent adviser holds every meeting; the careers leader types up the ones for
            # pupils not assigned to the adviser in Road Ahead.
            held_by = adviser or leader
            by = held_by.user if member.pupil.pk in assigned or adviser is None else leader.user
            advocate, ways, words = _how(rng, member.need)
            if index + 1 < len(days):
                next_due: dt.date | None = days[index + 1]
            else:
                next_due = day + dt.timedelta(days=rng.choice([42, 90, 180, 300, 365]))
            if next_due <= day:
                next_due = day + dt.timedelta(days=42)
            if advocate == Advocate.FAMILY and rng.random() < 0.4:
                mode = Mode.PHONE
            else:
                mode = rng.choice([Mode.IN_PERSON] * 8 + [Mode.VIDEO])
            support = SUPPORT.get(advocate, "")
            if advocate == Advocate.FAMILY and mode == Mode.PHONE:
                support = "The pupil was in school with their teaching assistant; a parent joined by phone."
            made.append(record_meeting(
                school=school, pupil=member.pupil, adviser=held_by, by=by, date=day, mode=mode, advocate=advocate,
                communication=ways, support_notes=support, pupil_words=words, discussed=rng.choice(DISCUSSED),
                next_due=next_due,
                actions=_actions(rng, day, today, adviser=held_by, class_staff=member.class_staff)))
    return made


def _is_school_day(day: dt.date, halves: Sequence[tuple[dt.date, dt.date]]) -> bool:
    return day.weekday() < 5 and any(start <= day <= end for start, end in halves)


def _halves(school: School, year: AcademicYear) -> list[tuple[dt.date, dt.date]]:
    halves = [h for term in Term.objects.filter(school=school, academic_year=year).order_by("starts_on")
              for h in term.half_terms()]
    if len(halves) >= 3:
        return halves
    autumn, spring = year.start_year, year.start_year + 1
    # A year with no terms recorded: the usual English half terms.
    return [(dt.date(autumn, 9, 4), dt.date(autumn, 10, 24)), (dt.date(autumn, 11, 3), dt.date(autumn, 12, 19)),
            (dt.date(spring, 1, 6), dt.date(spring, 2, 13)), (dt.date(spring, 2, 23), dt.date(spring, 3, 27)),
            (dt.date(spring, 4, 13), dt.date(spring, 5, 22)), (dt.date(spring, 6, 1), dt.date(spring, 7, 20))]


def record_guidance(*, school: School, today: dt.date, rng: random.Random,
                    half_termly_pathway: str | None = "Intentional") -> None:
    """Record guidance meetings for last academic year and this one up to `today`, for pupils from Year 7."""
    current = dates.academic_year_of(today)
    needs = dict(PupilNeed.objects.filter(school=school, rank=1).values_list("pupil_id", "need"))
    years = AcademicYear.objects.filter(school=school, start_year__in=[current - 1, current]).order_by("start_year")
    for year in years:
        halves = _halves(school, year)

        def pick_day(start: dt.date, end: dt.date, halves: list[tuple[dt.date, dt.date]] = halves) -> dt.date:
            days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
            days = [d for d in days if _is_school_day(d, halves)]
            return rng.choice(days) if days else start

        roster = []
        for enrolment in (Enrolment.objects.filter(school=school, academic_year=year)
                          .select_related("pupil", "pathway", "class_group").prefetch_related("class_group__staff")
                          .order_by("pupil_id")):
            ordinal = dates.nc_year_ordinal(enrolment.nc_year)
            if ordinal is None:
                continue
            staff = list(enrolment.class_group.staff.all()) if enrolment.class_group else []
            roster.append(GuidancePupil(enrolment.pupil, ordinal, enrolment.pathway.name if enrolment.pathway else "",
                                        needs.get(enrolment.pupil_id, ""), staff[0] if staff else None))
        record_year_meetings(school=school, today=today, rng=rng, roster=roster, halves=halves, pick_day=pick_day,
                             on_roll=lambda pupil, day: pupil.on_roll(day)
                             and (pupil.date_joined is None or pupil.date_joined <= day),
                             half_termly_pathway=half_termly_pathway)
