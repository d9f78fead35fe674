"""The demo schools' public careers pages: published, with the provider access policy statement
filled in and an easy-read summary. All the words are invented."""

from __future__ import annotations

import datetime as dt
import random

from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.public import services
from roadahead.schools.models import School

SUMMARIES = (
    "Careers learning starts with the people who help us in the community and grows, year by year, into "
    "visits, work tasters and planning for life after school. Each pathway has its own route, matched to "
    "the adult life it aims at, and every learner's experiences are recorded so the next step builds on the last.",
    "Our programme follows each learner from the early years to Post 16. Younger pupils explore jobs through "
    "play and visitors; older learners meet employers, try workplaces, visit colleges and day services, and "
    "plan their next steps with their families at their annual review.",
)
IMPACT = ("Each term we check the programme against the eight benchmarks and compare the results with the term "
          "before. We ask pupils (with symbols where they use them), families, staff and employers what worked, "
          "and we follow every leaver's destination for three years.")
GUIDANCE = ("An independent careers adviser meets each learner from Year 8, and again before each move, with a "
            "member of staff who knows them well. Families are welcome at every meeting. To ask for a meeting, "
            "contact the careers leader or your child's class teacher.")
EASY_READ = ("We help you learn about jobs and what to do after school.\n"
             "You visit places of work.\nYou meet people who do jobs.\n"
             "You can talk to a careers adviser.\nYour family can come too.")


def record_public_page(*, school: School, today: dt.date, rng: random.Random) -> None:
    leader = (Membership.objects.filter(school=school, role=Role.CAREERS_LEADER).select_related("user")
              .order_by("id").first())
    name = school.careers_leader_name or (leader.user.display_name if leader else "The careers leader")
    email = leader.user.email if leader else f"careers@{school.slug}.example"
    services.save_page(
        school=school, by=None, published=True,
        leader_name=name, leader_email=email, leader_phone=f"01632 96{rng.randint(1000, 9999)}",
        summary=rng.choice(SUMMARIES), impact=IMPACT, guidance=GUIDANCE,
        # Due for review soon, but not yet overdue: the warning appears only when a date passes.
        next_review_on=today + dt.timedelta(days=rng.randint(60, 150)),
        pal_how_to_ask=("Email or phone the careers leader with what you would like to offer and the dates you "
                        "can come. We reply within ten school days."),
        pal_contact=f"{name}, careers leader, {email}",
        pal_refusal_grounds=("We may say no if a visit clashes with exams or assessments, if the group is not "
                             "ready for the activity, or if the safeguarding checks below cannot be met in time."),
        pal_premises=("The school hall, a quiet room for small groups and the Post 16 base, with a screen, "
                      "hearing loop and space for wheelchairs."),
        pal_times=("Tuesday and Thursday afternoons in term time, the spring careers fair and the summer "
                   "transition week."),
        safeguarding=("Visitors sign in at reception, bring photo identification and are accompanied by staff "
                      "throughout. Please tell us in advance about any photographs or recordings."),
        easy_read=EASY_READ,
    )
