"""Self-evaluations for the demo schools: the last three terms, each better than the one before,
with evidence notes in a careers leader's words and an action plan.

Recorded through the evaluation services, as a careers leader would: each term starts from the
last one's statuses, every benchmark is marked and confirmed, except that in the newest term
Benchmarks 6 to 8 are left for the careers leader to confirm, so the suggestions from the records
show. All the words are invented.
"""

from __future__ import annotations

import datetime as dt
import random

from roadahead.evaluation import selectors, services
from roadahead.evaluation.enums import Status
from roadahead.evaluation.models import Evaluation, Mark
from roadahead.people.enums import Role
from roadahead.people.models import Membership
from roadahead.schools.enums import TermName
from roadahead.schools.models import School
from roadahead.schools.selectors import academic_year_start_on

LEVELS = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.ACHIEVED)
COHORT_NOTE = ("The years our careers programme is planned for. Younger pupils take part in the 'people who "
               "help us' and world-of-work topics, and are counted below.")

EVIDENCE: dict[int, list[str]] = {
    1: ["Programme agreed by the governors' curriculum committee; minutes on the shared drive.",
        "Careers leader completed the funded training; certificate with the business manager.",
        "Programme map for each pathway on the website, with an easy-read version made with the speech therapist.",
        "Annual review used the pupil voice symbols survey, the parents' evening survey and employer comments."],
    2: ["Local jobs board in the Post 16 base, refreshed each half term with photos of real workplaces.",
        "Families' information evening on the local offer, supported employment and day services.",
        "LMI summary shared with all staff at the start of term; pathway leads use it in topic planning."],
    3: ["Every pupil's activities and responses are recorded in Road Ahead, with symbols where used.",
        "Career profiles kept up to date at EHCP reviews; pupils see theirs on the My future page.",
        "Role models this year: a wheelchair-using radio presenter and a former pupil now at the garden centre.",
        "Destinations checked each autumn for three years; summary taken to the spring governors' meeting."],
    4: ["Careers statements in every scheme of learning; the gaps grid is reviewed each term.",
        "Twilight session for teaching assistants on linking sessions to work."],
    5: ["Employer visits planned with each class team so every pupil meets an employer this year.",
        "Checklist for meaningful encounters used on every employer visit form.",
        "Employers this year range from a sole trader baker to the hospital's estates team."],
    6: ["Year 11 workplace visits, with a familiar adult and a visual timetable for the day.",
        "Post 16 weekly work experience at the café and the garden centre, with job coaches.",
        "Employers set a task and gave feedback on the placement sheet; pupils' responses recorded."],
    7: ["College taster days and specialist college visits for Year 11 and Post 16.",
        "PAL encounters booked for Years 8 and 10; provider access statement on the website.",
        "Family visits to two post-19 providers before the annual review."],
    8: ["Independent adviser meets every Year 11 pupil, with an advocate where the pupil needs one.",
        "Post 16 guidance meetings timed before each pupil's EHCP review.",
        "Guidance planned termly by the careers leader, adviser and SENCo.",
        "How to ask for guidance is on the website and in the parents' newsletter."],
}

ACTIONS: list[tuple[int, str, str, int, bool]] = [
    # (benchmark, action, owner when not the careers leader, days from today, done)
    (1, "Add the easy-read programme to the website", "", -40, True),
    (1, "Survey families about the programme at parents' evening", "", 30, False),
    (2, "Make a symbol version of the local jobs board", "Speech and language therapist", -10, False),
    (5, "Invite two inclusive employers for the summer term", "Enterprise adviser", 45, False),
    (6, "Find a second placement for Post 16 pupils who use wheelchairs", "", 60, False),
    (8, "Book the adviser for Year 11 guidance before the spring reviews", "", -70, True),
]


def _recent_terms(school: School, today: dt.date, count: int) -> list[tuple[int, str]]:
    """The `count` most recent terms that have begun by `today`, oldest first."""
    current = academic_year_start_on(school=school, day=today)
    found = []
    for year in (current - 1, current):
        for term in TermName:
            first, _last = selectors.term_dates(school=school, start_year=year, term=term)
            if first <= today:
                found.append((year, str(term)))
    return found[-count:]


def record_evaluation(*, school: School, today: dt.date, rng: random.Random) -> None:
    """Three terms of self-evaluation with improving percentages, and an action plan."""
    leader = (Membership.objects.filter(school=school, role=Role.CAREERS_LEADER, is_active=True)
              .select_related("user").first())
    if leader is None or Evaluation.objects.filter(school=school).exists():
        return
    by = leader.user
    criteria = services.ensure_criteria(school=school)
    # Where each criterion starts: a few already achieved, most on their way, some not begun.
    start_level = {c.pk: rng.choice((-1, -1, 0, 0, 0, 1)) for c in criteria}
    terms = _recent_terms(school, today, 3)
    evaluation = None
    for index, (year, term) in enumerate(terms):
        evaluation = services.create_evaluation(school=school, by=by, start_year=year, term=term, today=today,
                                                cohort_from="7", cohort_to="14", cohort_note=COHORT_NOTE)
        newest = index == len(terms) - 1
        marks = {m.criterion_id: m for m in Mark.objects.filter(school=school, evaluation=evaluation)}
        for number in range(1, 9):
            if newest and number >= 6:
                continue  # left for the careers leader to confirm against the suggestions
            values = {}
            for position, criterion in enumerate(c for c in criteria if c.benchmark.number == number):
                level = max(0, min(2, start_level[criterion.pk] + index))
                notes = EVIDENCE[number]
                note = notes[position % len(notes)] if level else ""
                values[criterion.pk] = (LEVELS[level], note or marks[criterion.pk].evidence)
            evaluation.refresh_from_db(fields=["version"])
            services.mark_benchmark(evaluation=evaluation, by=by, expected_version=evaluation.version,
                                    values=values)
    benchmarks = {b.number: b for b in selectors.benchmarks(school=school)}
    for number, text, owner, days, done in ACTIONS:
        due = today + dt.timedelta(days=days)
        services.create_action(school=school, by=by, evaluation=evaluation, benchmark=benchmarks[number],
                               description=text, owner_member=None if owner else leader, owner_text=owner,
                               due_on=due, done_on=due - dt.timedelta(days=rng.randint(1, 5)) if done else None)
