"""Stakeholder surveys for the demo schools: one per recorded academic year, with answers from
every group. Last year's is closed; this year's is open, a fortnight either side of today. A few
groups are small (employers last year, families so far this year) so governors see figures
withheld. Answers improve a little from one year to the next. All the words are invented.
"""

from __future__ import annotations

import datetime as dt
import random

from roadahead.core import dates
from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.schools.models import School
from roadahead.schools.services import ensure_academic_year
from roadahead.surveys import services
from roadahead.surveys.enums import Group, Kind, Method, YesNo
from roadahead.surveys.models import Survey

COMMENTS: dict[str, list[str]] = {
    Group.PUPILS: ["The café", "Going to the garden centre", "Meeting the firefighter", "College day",
                   "Making pizzas for the shop", "The bus trip to work", "Talking to the vet nurse"],
    Group.FAMILIES: ["More notice of visits, please, so we can talk about them at home.",
                     "The evening about life after school was really useful.",
                     "We would like to hear more about supported internships.",
                     "Photos of the work experience helped us talk with our son.",
                     "Please include us earlier in planning for college."],
    Group.EMPLOYERS: ["A clear plan for the day made it easy to host the pupils.",
                      "Tell us a little more about each young person's communication beforehand.",
                      "Happy to offer a longer placement next year."],
    Group.STAFF: ["More time to plan careers links into topics.",
                  "The symbol resources for jobs are great; we need more of them.",
                  "Training on the new benchmarks would help teaching assistants.",
                  "Visits work best when the same adult goes each week."],
}

# (responses last year, responses this year so far) per group: a few small on purpose.
SIZES: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    Group.PUPILS: ((18, 26), (14, 22)),
    Group.FAMILIES: ((9, 14), (3, 4)),
    Group.EMPLOYERS: ((3, 4), (6, 8)),
    Group.STAFF: ((10, 15), (8, 12)),
}
PUPIL_METHODS = (Method.ONLINE, Method.INDEPENDENT, Method.SUPPORTED, Method.SUPPORTED, Method.SYMBOLS,
                 Method.SYMBOLS, Method.ADVOCATE)


def _rating(rng: random.Random, lift: float) -> int:
    return rng.choices((1, 2, 3, 4, 5), (0.04, 0.08, 0.25 - lift / 2, 0.4, 0.23 + lift))[0]


def _yes_no(rng: random.Random, lift: float) -> str:
    return rng.choices((YesNo.YES, YesNo.NO, YesNo.NOT_SURE), (0.6 + lift, 0.2 - lift / 2, 0.2 - lift / 2))[0]


def record_surveys(*, school: School, today: dt.date, rng: random.Random) -> None:
    leader = Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True).first()
    if Survey.objects.filter(school=school).exists():
        return
    by = leader.user if leader else None
    current = dates.academic_year_of(today)
    plans = [
        # last year's: the first fortnight of June, closed
        (current - 1, dt.date(current, 6, 2), dt.date(current, 6, 20), 0.0, 0),
        # this year's: open now
        (current, today - dt.timedelta(days=14), today + dt.timedelta(days=14), 0.08, 1),
    ]
    for start_year, opens_on, closes_on, lift, which in plans:
        year = ensure_academic_year(school=school, start_year=start_year)
        survey = services.start_survey(school=school, by=by, academic_year=year, opens_on=opens_on,
                                       closes_on=closes_on,
                                       title=f"Careers programme review {dates.academic_year_label(start_year)}")
        last_day = min(closes_on, today)
        for group in Group.values:
            asked = services.questions_for(survey=survey, group=group)
            low, high = SIZES[group][which]
            for _ in range(rng.randint(low, high)):
                answers: dict[int, object] = {}
                for question in asked:
                    if question.kind == Kind.RATING:
                        answers[question.pk] = _rating(rng, lift)
                    elif question.kind == Kind.YES_NO:
                        answers[question.pk] = _yes_no(rng, lift)
                    elif rng.random() < 0.35:
                        answers[question.pk] = rng.choice(COMMENTS[group])
                method = rng.choice(PUPIL_METHODS) if group == Group.PUPILS else (
                    Method.INDEPENDENT if rng.random() < 0.15 else Method.ONLINE)
                day = opens_on + dt.timedelta(days=rng.randrange((last_day - opens_on).days + 1))
                # answer with the survey open that day, as the link or a member of staff would
                services.submit_response(survey=survey, group=group, method=method, answers=answers, as_of=day,
                                         by=by if method != Method.ONLINE else None)
        if start_year < current:
            services.update_survey(survey=survey, by=by, title=survey.title, opens_on=opens_on,
                                   closes_on=closes_on, is_open=False)
