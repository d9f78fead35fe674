"""Skills assessments for the demo schools: plausible progress over last year and this one.

Each pupil on roll is assessed on the eight essential skills and on confidence and independence a
few times a year (early autumn, spring and, once it has come, summer), by their class teacher,
sometimes with the pupil judging themselves, the careers adviser or an employer on placement.
Where a pupil starts depends on their needs and age, and most move up a step or two a term with
the odd slip back, so the progress charts and the cohort summary have something real to show.
All the evidence is invented, in our own words, modelled on special schools: pupils who use
symbols or a communication aid, and pupils whose steps are judged by watching them.

Call `record_skills` after the pupils, classes, activities and adviser assignments exist.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from roadahead.activities.enums import Attendance
from roadahead.activities.models import Participation
from roadahead.core import dates
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import AdviserAssignment, Enrolment, Membership, Pupil, PupilNeed
from roadahead.schools.models import AcademicYear, School
from roadahead.skills import services
from roadahead.skills.enums import Method
from roadahead.skills.models import Skill, Step

# Where on the sixteen essential steps a pupil with this primary need usually starts in Year 7.
STARTS = {NeedType.PMLD: (0, 2), NeedType.MSI: (0, 2), NeedType.SLD: (1, 4), NeedType.SLCN: (2, 6),
          NeedType.ASD: (3, 7), NeedType.SEMH: (4, 8), NeedType.MLD: (4, 8)}
QUIET = {NeedType.PMLD, NeedType.MSI}  # judged by watching, never by self-assessment
SYMBOL_USERS = {NeedType.SLD, NeedType.SLCN, NeedType.PD}
# (month, day) of the three rounds of assessment in an academic year.
ROUNDS = ((10, 8), (2, 4), (6, 17))

EVIDENCE = {
    "listening": ["Followed a two-part instruction in the kitchen without a prompt.",
                  "Waited for their turn and answered the visitor's question about the farm.",
                  "Picked out the key words from the bus timetable when the teacher read it."],
    "speaking": ["Used the talker to tell the group what they did at the café.",
                 "Asked the shop assistant where the bread was, with a symbol card ready.",
                 "Gave a short thank-you to the visiting fire officer."],
    "problem-solving": ["Found another way to the canteen when the corridor was shut.",
                        "Noticed the till was short of change and told the supervisor.",
                        "Sorted the recycling when the labels had come off the bins."],
    "creativity": ["Came up with a new name and logo for the enterprise stall.",
                   "Chose their own colours and pattern for the planters they sold."],
    "staying-positive": ["Tried again after the first batch of biscuits burnt, and smiled about it.",
                         "Stayed calm when the minibus was late and used the waiting card."],
    "aiming-high": ["Set a target of making the drinks on their own by half term, and did.",
                    "Asked to try the till at the school shop after a term on shelves."],
    "leadership": ["Showed a new pupil how the sensory room timetable works.",
                   "Handed out the jobs on the garden rota and checked each one was done."],
    "teamwork": ["Shared the tools and passed the trays along the line at the garden centre.",
                 "Took their part in the group's sandwich order without being reminded."],
    "confidence": ["Went into the college reception first and gave their name.",
                   "Chose to join the big assembly for the first time this year."],
    "independence": ["Travelled from the gate to the classroom on their own all week.",
                     "Made their own snack and cleared away with one reminder."],
}
SELF_WORDS = ["Chose the 'I can do it' symbol on the self-assessment board.",
              "Said: 'I did it on my own this time.'",
              "Pointed to the middle face: 'a bit of help'."]
WATCHED = "Watched over a week: {}"


@dataclass
class _Pupil:
    pupil: Pupil
    ordinal: int
    need: str
    staff: Membership | None
    start: int  # where on the essential steps they start, before any progress


def _school_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _roster(school: School, year: AcademicYear, rng: random.Random) -> list[_Pupil]:
    needs = dict(PupilNeed.objects.filter(school=school, rank=1).values_list("pupil_id", "need"))
    roster = []
    for enrolment in (Enrolment.objects.filter(school=school, academic_year=year)
                      .select_related("pupil", "class_group").prefetch_related("class_group__staff")
                      .order_by("pupil_id")):
        ordinal = dates.nc_year_ordinal(enrolment.nc_year)
        if ordinal is None or ordinal < dates.nc_year_ordinal("7"):  # type: ignore[operator]
            continue
        need = needs.get(enrolment.pupil_id, "")
        low, high = STARTS.get(need, (3, 7))
        # Older pupils start a little higher: the same need, more years of practice.
        start = rng.randint(low, high) + max(0, ordinal - dates.nc_year_ordinal("7")) // 2  # type: ignore[operator]
        staff = list(enrolment.class_group.staff.all()) if enrolment.class_group else []
        roster.append(_Pupil(enrolment.pupil, ordinal, need, staff[0] if staff else None, min(start, 12)))
    return roster


def record_skills(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Record the essential skills and confidence and independence for last year and this one up to `today`."""
    services.ensure_default_frameworks(school=school, audit=False)
    skills = list(Skill.objects.filter(school=school, archived=False, framework__archived=False,
                                       framework__code__in=("essential-skills", "confidence-independence"))
                  .select_related("framework").order_by("framework__position", "position"))
    top = defaultdict(int)
    for framework_id, value in Step.objects.filter(school=school).values_list("framework_id", "value"):
        top[framework_id] = max(top[framework_id], value)
    leader = Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True).first()
    advisers = {a.pupil_id: a.adviser for a in AdviserAssignment.objects.filter(school=school).select_related(
        "adviser")}
    attended: dict[int, list[Participation]] = defaultdict(list)
    for p in (Participation.objects.filter(school=school, attendance=Attendance.ATTENDED)
              .select_related("activity__activity_type").order_by("activity__date")):
        attended[p.pupil_id].append(p)
    current = dates.academic_year_of(today)
    steps: dict[tuple[int, int], int] = {}  # (pupil, skill) -> latest step, carried from year to year
    for year in AcademicYear.objects.filter(school=school, start_year__in=[current - 1, current]).order_by(
            "start_year"):
        for member in _roster(school, year, rng):
            if not member.pupil.on_roll(year.starts_on):
                continue
            for round_index, (month, day) in enumerate(ROUNDS):
                when = _school_day(dt.date(year.start_year + (month < 9), month, day) + dt.timedelta(
                    days=rng.randint(0, 9)))
                if when > today or not member.pupil.on_roll(when) or rng.random() < 0.08:
                    continue  # not yet, left, or missed this round (off sick, on a residential)
                _assess(member, when, round_index, skills=skills, top=top, steps=steps, rng=rng, school=school,
                        leader=leader, adviser=advisers.get(member.pupil.pk),
                        activities=[p for p in attended[member.pupil.pk]
                                    if when - dt.timedelta(days=60) <= p.activity.date <= when])


def _next_step(before: int | None, start: int, top: int, rng: random.Random, scale: float) -> int:
    if before is None:
        return max(0, min(top, round(start * scale) + rng.randint(-1, 1)))
    move = rng.choices([-1, 0, 1, 2], [6, 34, 45, 15])[0]
    return max(0, min(top, before + move))


def _assess(member: _Pupil, when: dt.date, round_index: int, *, skills: list[Skill], top: dict[int, int],
            steps: dict[tuple[int, int], int], rng: random.Random, school: School, leader: Membership | None,
            adviser: Membership | None, activities: list[Participation]) -> None:
    quiet = member.need in QUIET
    # Most rounds the class teacher watches; some pupils judge themselves; the adviser or an employer now and then.
    roll = rng.random()
    if not quiet and roll < 0.15:
        method, by = Method.SELF, member.staff or leader
    elif adviser is not None and roll < 0.25:
        method, by = Method.ADVISER, adviser
    elif roll < 0.32 and any(p.activity.activity_type.is_workplace_experience for p in activities):
        method, by = Method.EMPLOYER, member.staff or leader
    else:
        method, by = Method.OBSERVATION, member.staff or leader
    placement = next((p for p in reversed(activities) if p.activity.activity_type.is_workplace_experience), None)
    chosen = skills if round_index != 1 or rng.random() < 0.6 else rng.sample(skills, k=max(3, len(skills) // 2))
    entries = []
    for skill in chosen:
        key = (member.pupil.pk, skill.pk)
        scale = top[skill.framework_id] / 15 if top[skill.framework_id] else 1
        step = _next_step(steps.get(key), member.start, top[skill.framework_id], rng, scale)
        steps[key] = step
        words = rng.choice(EVIDENCE.get(skill.code, ["Seen in class."]))
        if method == Method.SELF:
            words = rng.choice(SELF_WORDS)
        elif quiet or (member.need in SYMBOL_USERS and rng.random() < 0.3):
            words = WATCHED.format(words[0].lower() + words[1:])
        link = placement if method == Method.EMPLOYER else (
            rng.choice(activities) if activities and rng.random() < 0.25 else None)
        entries.append(services.Entry(pupil=member.pupil, skill=skill, step=step,
                                      evidence=words if rng.random() < 0.7 else "", participation=link))
    if entries:
        services.record_assessments(school=school, by=by.user if by else None, assessed_by=by, date=when,
                                    method=method, entries=entries)
