"""A recorded careers programme for each demo school: last academic year in full and this year up to today.

What is recorded follows what each school runs (see docs/user/recording-what-schools-run.md):
lessons linked to schemes of learning, visits, events with stallholders and feedback, weekly
series, provider encounters, an LMI log and staff training. Attendance, engagement and pupils'
responses are drawn from the seeded random number generator, so the demo is the same every time
it is built on the same day.

There are a few thousand activities and tens of thousands of participations, so they are made in
memory and written in bulk (create_activity would take a minute). `meaningful` and
`counts_for_pal` are set with the same judge_meaningful and judge_pal the services use.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from roadahead.activities.enums import Attendance, Engagement, Reaction, ResponseMethod, Setting
from roadahead.activities.models import Activity, ActivityType, Participation, Series
from roadahead.activities.services import judge_meaningful, judge_pal, sessions_between
from roadahead.benchmarks.models import Benchmark
from roadahead.core import dates
from roadahead.cpd.models import CpdRecord
from roadahead.curriculum.models import Scheme, Subject
from roadahead.demo import year_data as text
from roadahead.demo.guidance import GuidancePupil, record_year_meetings
from roadahead.events.enums import Rating, Respondent
from roadahead.events.models import Event, Feedback, Stallholder
from roadahead.lmi.models import LmiFormat, LmiItem, LmiShare
from roadahead.people.enums import NeedType, Role
from roadahead.people.models import Enrolment, Membership, Pupil, PupilNeed, User
from roadahead.providers.models import Provider
from roadahead.schools.models import AcademicYear, ClassGroup, Pathway, Phase, School, Term

ABSENT_RATE = 0.08
PART_RATE = 0.04
# Pupils whose main way of responding is not speech.
NON_VERBAL = {NeedType.PMLD, NeedType.MSI}
SYMBOL_USERS = {NeedType.SLD, NeedType.SLCN, NeedType.PD}


@dataclass
class Member:
    """A pupil as enrolled in one academic year."""

    pupil: Pupil
    nc_year: str
    ordinal: int
    class_name: str
    pathway: str
    need: str


@dataclass
class YearPlan:
    start_year: int
    year: AcademicYear
    # (term name, [(first day, last day) of each half term])
    terms: list[tuple[str, list[tuple[dt.date, dt.date]]]]
    roster: list[Member]

    def halves(self) -> list[tuple[dt.date, dt.date]]:
        return [half for _, halves in self.terms for half in halves]

    def term(self, name: str) -> list[tuple[dt.date, dt.date]]:
        return next(halves for term, halves in self.terms if term == name)

    def classes(self) -> list[str]:
        return sorted({m.class_name for m in self.roster if m.class_name}, key=self._class_order)

    def _class_order(self, name: str) -> int:
        return min(m.ordinal for m in self.roster if m.class_name == name)

    def in_class(self, name: str) -> list[Member]:
        return [m for m in self.roster if m.class_name == name]

    def years(self, first: int, last: int, pathways: Iterable[str] | None = None) -> list[Member]:
        wanted = set(pathways) if pathways is not None else None
        return [m for m in self.roster if first <= m.ordinal <= last and (wanted is None or m.pathway in wanted)]


@dataclass
class _Pending:
    activity: Activity
    providers: list[Provider]
    benchmarks: list[int]
    members: list[Member]
    by: User | None


@dataclass
class _EventPlan:
    activity: Activity
    stallholders: list[Provider]
    families: int
    invited: str
    members: list[Member] = field(default_factory=list)


def record_demo_year(*, school: School, today: dt.date, seed: str) -> None:
    """Record last academic year and this one up to `today` for a demo school built by demo.services."""
    recorder = _Recorder(school, today, random.Random(f"{seed}-year"))  # noqa: S311 (invented data)
    plan = PLANS[school.slug]
    for start in (recorder.current - 1, recorder.current):
        plan(recorder, recorder.year_plan(start))
    recorder.lmi_log()
    recorder.cpd()
    recorder.write()


class _Recorder:
    def __init__(self, school: School, today: dt.date, rng: random.Random) -> None:
        self.school = school
        self.today = today
        self.rng = rng
        self.current = dates.academic_year_of(today)
        self.types = {k.code: k for k in ActivityType.objects.filter(school=school)}
        self.benchmarks = {b.number: b for b in Benchmark.objects.filter(school=school)}
        self.providers = {p.name: p for p in Provider.objects.filter(school=school)}
        self.phases = list(Phase.objects.filter(school=school).order_by("order"))
        self.pathways = {p.name: p for p in Pathway.objects.filter(school=school)}
        members = Membership.objects.filter(school=school, is_active=True).select_related("user")
        self.members = list(members)
        self.leader = next(m.user for m in self.members if m.role == Role.CAREERS_LEADER
                           and m.user.email.endswith(f"@{school.slug}.example"))
        self.class_staff: dict[tuple[int, str], User] = {}
        for membership in self.members:
            if membership.role == Role.STAFF:
                for group in membership.class_groups.all():
                    self.class_staff[(group.academic_year.start_year, group.name)] = membership.user
        self.needs = dict(PupilNeed.objects.filter(school=school, rank=1).values_list("pupil_id", "need"))
        self.pending: list[_Pending] = []
        self.events: list[_EventPlan] = []
        self.schemes: dict[str, Scheme] = {}
        self.year: YearPlan | None = None

    # ## Calendar ##
    def year_plan(self, start_year: int) -> YearPlan:
        year = AcademicYear.objects.get(school=self.school, start_year=start_year)
        terms = []
        for term in Term.objects.filter(school=self.school, academic_year=year).order_by("starts_on"):
            terms.append((term.name, term.half_terms()))
        if len(terms) < 3:
            # A year the programme file has no terms for: the usual English term dates.
            terms = [("autumn", [(dt.date(start_year, 9, 4), dt.date(start_year, 10, 24)),
                                 (dt.date(start_year, 11, 3), dt.date(start_year, 12, 19))]),
                     ("spring", [(dt.date(start_year + 1, 1, 6), dt.date(start_year + 1, 2, 13)),
                                 (dt.date(start_year + 1, 2, 23), dt.date(start_year + 1, 3, 27))]),
                     ("summer", [(dt.date(start_year + 1, 4, 13), dt.date(start_year + 1, 5, 22)),
                                 (dt.date(start_year + 1, 6, 1), dt.date(start_year + 1, 7, 20))])]
        roster = []
        for enrolment in (Enrolment.objects.filter(school=self.school, academic_year=year)
                          .select_related("pupil", "class_group", "pathway").order_by("pupil_id")):
            ordinal = dates.nc_year_ordinal(enrolment.nc_year)
            if ordinal is None:
                continue
            roster.append(Member(enrolment.pupil, enrolment.nc_year, ordinal,
                                 enrolment.class_group.name if enrolment.class_group else "",
                                 enrolment.pathway.name if enrolment.pathway else "",
                                 self.needs.get(enrolment.pupil_id, "")))
        self.year = YearPlan(start_year, year, terms, roster)
        self.terms_by_day = [(start, end, term) for term, halves in terms for start, end in halves]
        self.term_rows = {t.name: t for t in Term.objects.filter(school=self.school, academic_year=year)}
        return self.year

    def in_term(self, day: dt.date) -> bool:
        return day.weekday() < 5 and any(start <= day <= end for start, end, _ in self.terms_by_day)

    def day_in(self, start: dt.date, end: dt.date, *, weekday: int | None = None) -> dt.date:
        """A random school day from `start` to `end` (on `weekday` if given)."""
        days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
        days = [d for d in days if self.in_term(d) and (weekday is None or d.weekday() == weekday)]
        return self.rng.choice(days) if days else start

    def term_of(self, day: dt.date) -> Term | None:
        for start, end, name in self.terms_by_day:
            if start <= day <= end:
                return self.term_rows.get(name)
        return None

    def by_for(self, class_name: str) -> User:
        assert self.year is not None
        return self.class_staff.get((self.year.start_year, class_name), self.leader)

    # ## Activities ##
    def activity(self, code: str, title: str, day: dt.date, members: Sequence[Member], *,
                 providers: Sequence[str] = (), people_met: str = "", purpose: str = "", outcomes: str = "",
                 setting: str | None = None, benchmarks: Sequence[int] | None = None, scheme: str | None = None,
                 series: Series | None = None, by: User | None = None, quality: float = 0.8,
                 pal_points: float = 0.75, end_date: dt.date | None = None) -> Activity | None:
        """Queue an activity and its participations; nothing after today is recorded."""
        if day > self.today or not members:
            return None
        assert self.year is not None
        kind = self.types[code]
        activity = Activity(
            school=self.school, activity_type=kind, title=title, date=day, end_date=end_date,
            academic_year=self.year.year, term=self.term_of(day), setting=setting or kind.default_setting,
            people_met=people_met, purpose=purpose, learning_outcomes=outcomes,
            scheme=self.schemes.get(scheme) if scheme else None, series=series, created_by=by or self.leader)
        # Most activities meet every condition of a meaningful encounter; some miss one, as in life.
        checks = ["purpose_shared", "outcomes_fitted", "two_way", "reflection"]
        if kind.is_workplace_experience:
            checks += ["employer_task", "employer_feedback"]
        for name in checks:
            setattr(activity, name, True)
        if self.rng.random() > quality:
            setattr(activity, self.rng.choice(checks), False)
        if kind.is_provider_encounter:
            points = ["pal_provider", "pal_careers", "pal_learning", "pal_questions"]
            for name in points:
                setattr(activity, name, True)
            if self.rng.random() > pal_points:
                setattr(activity, self.rng.choice(points), False)
        activity.meaningful = judge_meaningful(activity)
        activity.counts_for_pal = judge_pal(activity)
        activity.clean_fields(exclude=["school", "activity_type", "academic_year", "term", "scheme", "series",
                                       "created_by"])
        on_roll = [m for m in members if self._on_roll(m.pupil, day)]
        self.pending.append(_Pending(activity, [self.providers[name] for name in providers],
                                     list(benchmarks) if benchmarks is not None else
                                     [b.number for b in kind.default_benchmarks.all()], on_roll, by))
        return activity

    def _on_roll(self, pupil: Pupil, day: dt.date) -> bool:
        joined = pupil.date_joined is None or pupil.date_joined <= day
        return joined and (pupil.date_left is None or pupil.date_left >= day)

    def series(self, code: str, title: str, members: Sequence[Member], *, starts: dt.date, ends: dt.date,
               weekday: int, every_weeks: int = 1, providers: Sequence[str] = (), purpose: str = "",
               outcomes: str = "", session_title: Callable[[int, dt.date], str] | None = None,
               scheme: str | None = None, by: User | None = None, setting: str | None = None,
               limit: int | None = None) -> Series | None:
        """Create a series and queue its sessions: every `every_weeks` weeks in term time, up to today."""
        days = [d for d in sessions_between(starts_on=starts, ends_on=ends, weekday=weekday, every_weeks=every_weeks)
                if self.in_term(d)][:limit]
        if not members or not days or days[0] > self.today:
            return None
        kind = self.types[code]
        series = Series(school=self.school, title=title, activity_type=kind, weekday=weekday,
                        frequency="weekly" if every_weeks == 1 else "fortnightly", starts_on=days[0], ends_on=days[-1],
                        setting=setting or kind.default_setting, purpose=purpose, learning_outcomes=outcomes)
        series.full_clean(exclude=["school", "activity_type"])
        series.save()
        series.providers.set([self.providers[name] for name in providers])
        series.benchmarks.set(kind.default_benchmarks.all())
        series.pupils.set([m.pupil for m in members])
        for number, day in enumerate(days, start=1):
            label = session_title(number, day) if session_title else f"{title}: session {number}"
            self.activity(code, label, day, members, providers=providers, purpose=purpose, outcomes=outcomes,
                          scheme=scheme, series=series, by=by, setting=setting, quality=0.9)
        return series

    def event(self, title: str, day: dt.date, members: Sequence[Member], *, stallholders: Sequence[str],
              families: int, invited: str, purpose: str, benchmarks: Sequence[int] | None = None) -> None:
        activity = self.activity("careers-event", title, day, members, providers=stallholders, purpose=purpose,
                                 benchmarks=benchmarks, quality=1.0)
        if activity is not None:
            self.events.append(_EventPlan(activity, [self.providers[n] for n in stallholders], families, invited,
                                          list(self.pending[-1].members)))

    # ## Participations ##
    def _participation(self, pending: _Pending, member: Member) -> Participation:
        rng = self.rng
        roll = rng.random()
        by = pending.by or pending.activity.created_by
        if roll < ABSENT_RATE:
            return Participation(school=self.school, activity=pending.activity, pupil=member.pupil,
                                 attendance=Attendance.ABSENT, staff_note=rng.choice(text.ABSENT_NOTES),
                                 recorded_by=by)
        attendance = Attendance.PART if roll < ABSENT_RATE + PART_RATE else Attendance.ATTENDED
        if member.need in NON_VERBAL:
            engagement = rng.choices(list(Engagement), [2, 5, 3, 1])[0]
        else:
            engagement = rng.choices(list(Engagement), [1, 3, 6, 4])[0]
        reaction = ""
        if rng.random() < 0.8:
            weights = [6, 3, 1] if engagement >= Engagement.ENGAGED else [2, 4, 3]
            reaction = rng.choices(list(Reaction), weights)[0]
        response, method = "", ""
        if rng.random() < 0.3:
            if member.need in NON_VERBAL:
                method = rng.choice([ResponseMethod.OBSERVED, ResponseMethod.OBSERVED, ResponseMethod.ADVOCATE])
            elif member.need in SYMBOL_USERS:
                method = rng.choice([ResponseMethod.SYMBOLS, ResponseMethod.SYMBOLS, ResponseMethod.OWN_WORDS,
                                     ResponseMethod.ADVOCATE])
            else:
                method = rng.choice([ResponseMethod.OWN_WORDS, ResponseMethod.OWN_WORDS, ResponseMethod.SYMBOLS,
                                     ResponseMethod.OBSERVED])
            response = rng.choice(text.RESPONSES[method])
        note = rng.choice(text.STAFF_NOTES) if rng.random() < 0.1 else ""
        if attendance == Attendance.PART and not note:
            note = "Joined for the first part only."
        return Participation(school=self.school, activity=pending.activity, pupil=member.pupil, attendance=attendance,
                             engagement=engagement, reaction=reaction, response=response, response_method=method,
                             staff_note=note, recorded_by=by)

    # ## Curriculum ##
    def schemes_from(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        subjects = {}
        for subject_name, title, statement, first, last in rows:
            if subject_name not in subjects:
                subjects[subject_name] = Subject.objects.create(school=self.school, name=subject_name)
            scheme = Scheme(school=self.school, subject=subjects[subject_name], title=title,
                            careers_statement=statement, first_year=first, last_year=last)
            scheme.full_clean(exclude=["school", "subject"])
            scheme.save()
            lo, hi = dates.nc_year_ordinal(first) or 0, dates.nc_year_ordinal(last) or 0
            scheme.phases.set([p for p in self.phases
                               if (dates.nc_year_ordinal(p.first_year) or 0) <= hi
                               and (dates.nc_year_ordinal(p.last_year) or 0) >= lo])
            self.schemes[title] = scheme

    def schemes_for(self, ordinal: int) -> list[str]:
        return [title for title, s in self.schemes.items()
                if (dates.nc_year_ordinal(s.first_year) or 0) <= ordinal <= (dates.nc_year_ordinal(s.last_year) or 0)]

    # ## LMI and CPD ##
    def lmi_log(self) -> None:
        """One update a month from the careers hub since last September, each shared at least once."""
        month = dt.date(self.current - 1, 9, 1)
        topics = list(text.LMI_TOPICS)
        self.rng.shuffle(topics)
        index = 0
        hub = "Careers hub monthly update"
        groups = list(ClassGroup.objects.filter(school=self.school).select_related("academic_year", "phase"))
        older = [p for name, p in self.pathways.items() if name in {"Intentional", "Pathway 4", "Pathway 5"}]
        while month <= self.today:
            received = month + dt.timedelta(days=self.rng.randrange(1, 6))
            if received > self.today:
                break
            title, summary = topics[index % len(topics)]
            index += 1
            item = LmiItem.objects.create(school=self.school, received_on=received, source=hub, title=title,
                                          summary=summary, added_by=self.leader)
            year = dates.academic_year_of(received)
            secondary = [g for g in groups if g.academic_year.start_year == year and g.phase
                         and (dates.nc_year_ordinal(g.phase.last_year) or 0) >= 9]
            shared = min(received + dt.timedelta(days=self.rng.randrange(3, 15)), self.today)
            share = LmiShare.objects.create(school=self.school, item=item, shared_on=shared,
                                            format=self.rng.choice(text.LMI_SHARE_FORMATS), with_staff=True,
                                            notes="Talked through with symbols and photos of local workplaces.")
            share.class_groups.set(self.rng.sample(secondary, k=min(2, len(secondary))))
            share.pathways.set(older)
            if self.rng.random() < 0.5:
                LmiShare.objects.create(school=self.school, item=item, shared_on=shared, with_families=True,
                                        format=LmiFormat.NEWSLETTER, notes="In the families' newsletter.")
            month = (month + dt.timedelta(days=32)).replace(day=1)

    def cpd(self) -> None:
        records = []
        start = dt.date(self.current - 1, 9, 1)
        span = max(1, (self.today - start).days)
        staff = [m for m in self.members if m.role in {Role.STAFF, Role.CAREERS_LEADER}
                 and m.user.email.endswith(f"@{self.school.slug}.example")]
        for title, provider, hours, who in text.CPD_COURSES:
            day = start + dt.timedelta(days=self.rng.randrange(span))
            for member in staff:
                if who == "leader" and member.role != Role.CAREERS_LEADER:
                    continue
                if who == "staff" and member.role != Role.STAFF:
                    continue
                records.append(CpdRecord(school=self.school, member=member, date=day, title=title, provider=provider,
                                         hours=Decimal(hours)))
        CpdRecord.objects.bulk_create(records)

    # ## Writing ##
    def write(self) -> None:
        activities = [p.activity for p in self.pending]
        Activity.objects.bulk_create(activities, batch_size=500)
        provider_links, benchmark_links, participations = [], [], []
        providers_through = Activity.providers.through
        benchmarks_through = Activity.benchmarks.through
        for pending in self.pending:
            activity_id = pending.activity.pk
            provider_links += [providers_through(activity_id=activity_id, provider_id=p.pk) for p in pending.providers]
            benchmark_links += [benchmarks_through(activity_id=activity_id, benchmark_id=self.benchmarks[n].pk)
                                for n in pending.benchmarks]
            participations += [self._participation(pending, m) for m in pending.members]
        providers_through.objects.bulk_create(provider_links, batch_size=2000)
        benchmarks_through.objects.bulk_create(benchmark_links, batch_size=2000)
        Participation.objects.bulk_create(participations, batch_size=2000)
        for plan in self.events:
            self._write_event(plan)

    def _write_event(self, plan: _EventPlan) -> None:
        rng = self.rng
        event = Event.objects.create(school=self.school, activity=plan.activity, families_attended=plan.families,
                                     invited=plan.invited)
        Stallholder.objects.bulk_create([Stallholder(school=self.school, event=event, provider=p)
                                         for p in plan.stallholders])
        feedback = []
        for member in rng.sample(plan.members, k=min(8, len(plan.members))):
            feedback.append(Feedback(school=self.school, event=event, respondent=Respondent.PUPIL, pupil=member.pupil,
                                     rating=rng.choice([Rating.GOOD, Rating.GREAT, Rating.GREAT, Rating.OK]),
                                     liked=rng.choice(text.FEEDBACK_LIKED["pupil"]),
                                     next_steps=rng.choice(text.FEEDBACK_NEXT), added_to_profile=rng.random() < 0.5,
                                     entered_by=self.leader))
        for member in rng.sample(plan.members, k=min(6, len(plan.members))):
            feedback.append(Feedback(school=self.school, event=event, respondent=Respondent.FAMILY, pupil=member.pupil,
                                     rating=rng.choice([Rating.OK, Rating.GOOD, Rating.GREAT, Rating.GREAT]),
                                     liked=rng.choice(text.FEEDBACK_LIKED["family"]),
                                     improve=rng.choice(text.FEEDBACK_IMPROVE),
                                     next_steps=rng.choice(text.FEEDBACK_NEXT)))
        for provider in rng.sample(plan.stallholders, k=min(5, len(plan.stallholders))):
            feedback.append(Feedback(school=self.school, event=event, respondent=Respondent.PROVIDER, provider=provider,
                                     rating=rng.choice([Rating.GOOD, Rating.GREAT]),
                                     liked=rng.choice(text.FEEDBACK_LIKED["provider"]),
                                     improve=rng.choice(text.FEEDBACK_IMPROVE)))
        for _ in range(3):
            feedback.append(Feedback(school=self.school, event=event, respondent=Respondent.STAFF,
                                     rating=rng.choice([Rating.GOOD, Rating.GREAT]),
                                     liked=rng.choice(text.FEEDBACK_LIKED["staff"]),
                                     improve=rng.choice(text.FEEDBACK_IMPROVE), entered_by=self.leader))
        Feedback.objects.bulk_create(feedback)


def _weeks(start: dt.date, weekday: int) -> dt.date:
    """The first `weekday` on or after `start`."""
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


# ## Parkside: five pathways, Lower, Middle, Upper and 14-19 ##########################################

WRL_THEMES = ["Trades and construction", "Workplace safety", "Gardening", "Office skills"]
STEM_SUBJECT = {"Materials and what they are for": "Science", "Plants and how they grow": "Science",
                "Keeping healthy and safe": "Science", "Money and shopping": "Maths", "Time and routines": "Maths",
                "Using technology to talk to people": "Computing", "Preparing food": "Design and technology",
                "Making with tools": "Design and technology"}
PARKSIDE_STALLS = ["Westvale College", "Brindley Specialist College", "Millbrook Specialist College",
                   "Stourley Sixth Form Centre", "Brookside Day Centre", "Hollybush Day Opportunities",
                   "Westvale Careers Service", "Westvale Disability Service", "Westvale SENDIAS",
                   "Benefits and Work Advice Point", "Stepping Stones Supported Employment", "Oakleaf Care",
                   "Greenshoots Community Enterprise", "Corner Cup Café Training Project",
                   "Bright Start Apprenticeships"]
# Where KS5 pupils on each pathway might go next: (provider, pathways it suits).
PARKSIDE_TRANSITIONS = [
    ("Brookside Day Centre", {"Pathway 1", "Pathway 2"}),
    ("Brindley Specialist College", {"Pathway 2", "Pathway 3"}),
    ("Westvale College", {"Pathway 3", "Pathway 4", "Pathway 5"}),
    ("Stepping Stones Supported Employment", {"Pathway 4", "Pathway 5"}),
]
PAL_PROVIDERS = ["Westvale College", "Bright Start Apprenticeships", "Stourley Sixth Form Centre",
                 "Millbrook Specialist College", "Stepping Stones Supported Employment"]


def _plan_parkside(r: _Recorder, y: YearPlan) -> None:  # noqa: PLR0912, PLR0915 (one block per strand)
    if not r.schemes:
        r.schemes_from(text.PARKSIDE_SCHEMES)
    rng = r.rng
    halves = y.halves()
    # Benchmark 4: one STEM lesson with a careers link per class every half term.
    for class_name in y.classes():
        pupils = y.in_class(class_name)
        options = r.schemes_for(min(m.ordinal for m in pupils))
        for index, (start, end) in enumerate(halves):
            scheme = options[(index + len(class_name)) % len(options)]
            r.activity("curriculum-lesson", f"{STEM_SUBJECT[scheme]}: {scheme.lower()} and the jobs that use it",
                       r.day_in(start, end), pupils, scheme=scheme, by=r.by_for(class_name),
                       purpose="Show how the skills in this unit are used at work and in adult life.",
                       outcomes="Pupils name or choose a job that uses what they learned.")
    # Benchmark 5 for the youngest: the people who help us, in school and from local services.
    visitors = [("The site team show us their tools", "the site manager and caretaker", []),
                ("The fire service visits", "two firefighters with their engine", ["Westvale Fire Station"]),
                ("Our music tutor and dance teacher", "the visiting music tutor and dance teacher", [])]
    for phase_first, phase_last in ((0, 2), (3, 6)):
        pupils = y.years(phase_first, phase_last)
        for (title, met, providers), (_, halves_of_term) in zip(visitors, y.terms, strict=True):
            r.activity("employer-talk", f"People who help us: {title.lower()}", r.day_in(*halves_of_term[-1]), pupils,
                       providers=providers, people_met=met, purpose="Meet people whose work helps us every day.")
    # Off-site learning for Upper and 14-19: meet the staff, then use the place as customers.
    upper_visits = [("Castlegate Shopping Centre", "the centre manager, a security officer and a cleaner"),
                    ("Hilltop Adventure Play", "the play workers and the café team")]
    older_visits = [("Riverside Leisure Centre", "the duty manager, a lifeguard and the reception team"),
                    ("Fresh Fields Supermarket", "the store manager and a shelf-stacking team"),
                    ("Westvale Fire Station", "the watch manager and firefighters")]
    for class_name in y.classes():
        pupils = y.in_class(class_name)
        top = max(m.ordinal for m in pupils)
        if top < 7:
            continue
        visits = upper_visits if top <= 9 else rng.sample(older_visits, 2)
        for (provider, met), (_, halves_of_term) in zip(visits, y.terms[1:], strict=False):
            r.activity("workplace-visit", f"Visit to {provider}", r.day_in(*halves_of_term[0]), pupils,
                       providers=[provider], people_met=met, by=r.by_for(class_name),
                       purpose="Find out who works here and what they do, then use the place as customers.")
    # Benchmark 3 and 8 lessons: careers lessons for Upper and 14-19 classes each half term.
    for class_name in y.classes():
        pupils = y.in_class(class_name)
        if min(m.ordinal for m in pupils) < 7:
            continue
        topics = ["What I am good at", "Jobs in our community", "Places I could go after school", "Travelling safely",
                  "Asking for help at work", "My hopes for the future"]
        for (start, end), topic in zip(halves, topics, strict=False):
            r.activity("careers-lesson", f"Careers: {topic.lower()}", r.day_in(start, end), pupils,
                       by=r.by_for(class_name))
    # The autumn careers, PfA and transition event: families of everyone, pupils from Year 7.
    autumn = y.term("autumn")
    stalls = rng.sample(PARKSIDE_STALLS, rng.randint(12, 14))
    r.event("Careers, PfA and transition event", r.day_in(autumn[1][0] + dt.timedelta(days=7), autumn[1][1]),
            y.years(7, 14), stallholders=stalls, families=rng.randint(34, 52),
            invited="Families of every pupil; pupils from Year 7 upwards with their class staff.",
            purpose="Meet post-19 education, care, advice and benefits services and start planning ahead.")
    # KS5 transition visits in the spring: the provider visits school, then the group visits them.
    spring = y.term("spring")
    ks5 = y.years(12, 14)
    for provider, suits in PARKSIDE_TRANSITIONS:
        group = [m for m in ks5 if m.pathway in suits]
        first = r.day_in(*spring[0])
        r.activity("transition-visit", f"{provider} visits us", first, group, providers=[provider],
                   setting=Setting.ON_SITE, people_met="staff from the provider",
                   purpose="Meet the provider in a familiar place before visiting them.")
        r.activity("transition-visit", f"Visit to {provider}", r.day_in(*spring[1]), group, providers=[provider],
                   people_met="staff and learners at the provider",
                   purpose="See the place, try an activity and show how we feel about it.")
    # Summer: more regular visits to each leaver's chosen destination.
    summer = y.term("summer")
    for member in y.years(14, 14):
        provider = next((p for p, suits in PARKSIDE_TRANSITIONS if member.pathway in suits), None)
        if provider:
            for half in summer:
                r.activity("transition-visit", f"Transition visit to {provider}", r.day_in(*half), [member],
                           providers=[provider], purpose="Get to know my next placement before I leave.")
    # 14-19 work experience at the social enterprise (a different small group each term), the café
    # course for pupils aged 18 and over, and work-related learning or the enterprise project for the rest.
    older = y.years(10, 14)
    placeable = [m for m in older if m.need in {NeedType.SLD, NeedType.ASD}]
    rng.shuffle(placeable)
    for index, (term, term_halves) in enumerate(y.terms):
        group = placeable[index * 5:(index + 1) * 5]
        r.series("work-experience", f"Greenshoots work experience ({term} term)", group,
                 starts=term_halves[0][0], ends=term_halves[-1][1], weekday=1,
                 providers=["Greenshoots Community Enterprise"],
                 purpose="Try the plant nursery, the cycle workshop and the recycling team, then settle in one.",
                 outcomes="Follow a routine at work; finish a task set by the supervisor.",
                 session_title=lambda n, d, term=term: f"Greenshoots work experience ({term}), week {n}")
        theme = WRL_THEMES[(y.start_year * 3 + index) % len(WRL_THEMES)]
        rest = [m for m in older if m not in group]
        r.series("work-related-learning", f"Work-related learning: {theme.lower()} ({term})", rest[::2],
                 starts=term_halves[0][0], ends=term_halves[-1][1], weekday=3,
                 purpose=f"Workplace skills around this term's theme: {theme.lower()}.",
                 outcomes="Follow a brief, use tools or equipment safely, help a customer.",
                 session_title=lambda n, d, theme=theme: f"{theme}: session {n}")
        if term != "autumn":
            r.series("enterprise-project", f"Independent and work-ready project ({term})", rest[1::2],
                     starts=term_halves[0][0], ends=term_halves[-1][1], weekday=2,
                     purpose="Design a product to a brief, research what people want and see it made and sold online.",
                     outcomes="Pupils make choices about their design and explain them.",
                     session_title=lambda n, d, term=term: f"Work-ready project ({term}), week {n}")
    eighteen = [m for m in older if dates.age_on(m.pupil.date_of_birth, spring[0][0]) >= 18]
    r.series("work-experience", f"Corner Cup café course {y.start_year + 1}", eighteen[:6], starts=spring[0][0],
             ends=summer[0][1], weekday=4, providers=["Corner Cup Café Training Project"], limit=12,
             purpose="Twelve weeks in a community café: cooking, food safety, serving and handling money.",
             session_title=lambda n, d: f"Café course, week {n} of 12")
    # Provider access: two encounters a year in each key phase from Year 8, not all covering all four points.
    for first, last in ((8, 9), (10, 11), (12, 13)):
        group = y.years(first, last)
        for term_index in (0, 1):
            provider = rng.choice(PAL_PROVIDERS)
            r.activity("provider-encounter", f"{provider}: courses and apprenticeships (Years {first}-{last})",
                       r.day_in(*y.terms[term_index][1][0]), group, providers=[provider],
                       # The first each year covers all four points; the second often misses one.
                       pal_points=1.0 if term_index == 0 else 0.3,
                       people_met="a tutor and a current learner",
                       purpose="Find out about technical courses and apprenticeships and ask questions.")


# ## Heathfield: four pathways, EY to Year 11 and Post 16 ##############################################

HEATHFIELD_SENSORY_VISITORS = [("Music therapy session", "a music therapist", []),
                               ("Sensory theatre performance", "the performers and their crew",
                                ["Sensory Stage Theatre Company"]),
                               ("Sign and sing workshop", "a sign and song specialist", [])]
HEATHFIELD_EMERGENCY = [("Paramedics and their ambulance", ["Heathbury Ambulance Station"]),
                        ("Police officers visit", ["Heathbury Police Station"])]
WORK_AREAS = ["Café at the Bridge", "Staff tuck shop and book keeping", "School office",
              "Early years department", "Maintenance and recycling", "Grounds and outside spaces"]
FAIR_STALLS = ["Heathbury College", "Ashgrove College", "Fernlea Specialist College", "Lindenholme Specialist College",
               "Meadowview Day Service", "Willow Lane Resource Centre", "Heathbury SENDIAS",
               "Heathbury Adult Social Care", "Heathbury Careers Partnership", "Next Step Supported Employment",
               "Jobs and Benefits Drop-in"]


def _plan_heathfield(r: _Recorder, y: YearPlan) -> None:  # noqa: PLR0912, PLR0915 (one block per strand)
    if not r.schemes:
        r.schemes_from(text.HEATHFIELD_SCHEMES)
    rng = r.rng
    spring = y.term("spring")
    autumn = y.term("autumn")
    summer = y.term("summer")
    classes = y.classes()
    lower_classes = [c for c in classes if max(m.ordinal for m in y.in_class(c)) <= 11]
    post16_classes = [c for c in classes if c not in lower_classes]
    # Careers week in March for the whole school: a class activity and a visitor for every class.
    march = dt.date(y.start_year + 1, 3, 1)
    week = _weeks(march + dt.timedelta(days=7), 0)
    for index, class_name in enumerate(classes):
        pupils = y.in_class(class_name)
        r.activity("careers-week", "Careers week: jobs in our community", week + dt.timedelta(days=index % 3), pupils,
                   by=r.by_for(class_name), purpose="Find out about the jobs people do around us.")
        visitor, providers = HEATHFIELD_EMERGENCY[index % 2]
        r.activity("employer-talk", f"Careers week visitor: {visitor.lower()}", week + dt.timedelta(days=2 + index % 2),
                   pupils, providers=providers, people_met=visitor.split(" ")[0].lower(), by=r.by_for(class_name))
    r.activity("careers-week", "Careers week sharing assembly", week + dt.timedelta(days=4), y.roster,
               purpose="Every class shares what it found out.")
    # Science week in November: one STEM careers activity per class, linked to the science scheme.
    science = _weeks(autumn[1][0] + dt.timedelta(days=7), 0)
    for index, class_name in enumerate(classes):
        pupils = y.in_class(class_name)
        scheme, things = (("Exploring materials through the senses", "materials") if class_name in lower_classes
                          else ("Living things and growing", "plants"))
        r.activity("science-week", f"Science week: people who work with {things}",
                   science + dt.timedelta(days=index % 5), pupils, scheme=scheme, by=r.by_for(class_name))
    # Lessons with a careers link, once a term per class.
    for class_name in classes:
        pupils = y.in_class(class_name)
        options = r.schemes_for(min(m.ordinal for m in pupils))
        for index, (_, term_halves) in enumerate(y.terms):
            scheme = options[index % len(options)]
            r.activity("curriculum-lesson", f"{scheme}: who does this at work?", r.day_in(*term_halves[0]), pupils,
                       scheme=scheme, by=r.by_for(class_name))
    # Class jobs every week from the early years to Year 11, for the pupils it suits.
    for class_name in lower_classes:
        pupils = [m for m in y.in_class(class_name) if rng.random() < 0.85]
        r.series("class-job", f"Class jobs: {class_name}", pupils, starts=autumn[0][0] + dt.timedelta(days=14),
                 ends=summer[-1][1], weekday=4, by=r.by_for(class_name),
                 purpose="A regular job around school: deliveries, messages to the office, the lunch trolley.",
                 session_title=lambda n, d, c=class_name: f"Class jobs: {c}, week {n}")
    # Employer encounters: three a year for everyone (autumn visitor, careers week, summer).
    for index, class_name in enumerate(classes):
        pupils = y.in_class(class_name)
        title, met, providers = HEATHFIELD_SENSORY_VISITORS[index % 3]
        r.activity("employer-talk", title, r.day_in(*autumn[0]), pupils, providers=providers, people_met=met,
                   by=r.by_for(class_name), purpose="Meet a new adult and respond to what they do.")
        r.activity("workplace-visit", "Community visit: the high street bakery", r.day_in(*summer[0]), pupils,
                   providers=["High Street Bakery"], setting=Setting.OFF_SITE, by=r.by_for(class_name),
                   people_met="the baker and the shop assistant")
    # Intentional pupils: one more in Years 3-6, and three more from Year 7 (six in all). A few miss one.
    r.activity("employer-talk", "Guess my job: visitors from local businesses", r.day_in(*spring[0]),
               y.years(3, 6, ["Intentional"]), people_met="a hairdresser and a bus driver")
    intentional = y.years(7, 14, ["Intentional"])
    extras = [("Mock interviews with local employers", r.day_in(*autumn[1]), "employer-talk", []),
              ("Question and answer session with a supermarket manager", r.day_in(*spring[1]), "employer-talk", []),
              ("Tour of the leisure centre", r.day_in(*summer[1]), "workplace-visit", ["Parkway Leisure Centre"])]
    for title, day, code, providers in extras:
        group = [m for m in intentional if rng.random() > 0.15]
        r.activity(code, title, day, group, providers=providers, setting=Setting.OFF_SITE if providers else None,
                   people_met="employers from the local area")
    # Post 16: weekly careers sessions for every class and weekly work experience for Intentional pupils.
    for class_name in post16_classes:
        pupils = y.in_class(class_name)
        r.series("careers-lesson", f"Post 16 careers: {class_name}", pupils, starts=autumn[0][0], ends=summer[-1][1],
                 weekday=0, by=r.by_for(class_name), purpose="Communication, teamwork, confidence and aiming high.",
                 session_title=lambda n, d, c=class_name: f"Post 16 careers ({c}), week {n}")
    post16_intentional = y.years(12, 14, ["Intentional"])
    for term_index, (term, term_halves) in enumerate(y.terms):
        placed: dict[str, list[Member]] = {}
        for position, member in enumerate(post16_intentional):
            area = WORK_AREAS[(position + term_index * 2) % len(WORK_AREAS)]
            placed.setdefault(area, []).append(member)
        for area, group in placed.items():
            r.series("work-experience", f"Work experience: {area.lower()} ({term})", group,
                     starts=term_halves[0][0], ends=term_halves[-1][1], weekday=1,
                     purpose="A real job in school, chosen by the pupil; reflect on it at the end of each session.",
                     session_title=lambda n, d, a=area: f"{a}, week {n}")
    offsite = [m for m in post16_intentional if rng.random() < 0.3]
    r.series("work-experience", "Work experience at Rootwork", offsite, starts=spring[0][0], ends=spring[-1][1],
             weekday=3, providers=["Rootwork Social Enterprise"], setting=Setting.OFF_SITE,
             session_title=lambda n, d: f"Rootwork placement, week {n}")
    # The autumn careers fair: colleges, day services and transition services; Post 16 and their families,
    # with Years 10 and 11 invited too.
    post16 = y.years(12, 14)
    year11ish = [m for m in y.years(10, 11) if rng.random() < 0.5]
    r.event("Careers fair", r.day_in(*autumn[1]), post16 + year11ish,
            stallholders=rng.sample(FAIR_STALLS[:6], 6) + rng.sample(FAIR_STALLS[6:], 3),
            families=rng.randint(18, 30), benchmarks=[2, 3, 7],
            invited="Post 16 pupils and their families; Years 10 and 11 and their families if they wish.",
            purpose="Meet local colleges, day services and transition services.")
    # Visits to colleges and day services: three a year for Intentional Post 16, two for everyone else.
    for day, provider in zip([r.day_in(*autumn[0]), r.day_in(*spring[0]), r.day_in(*summer[0])],
                             ["Heathbury College", "Ashgrove College", "Lindenholme Specialist College"], strict=True):
        r.activity("provider-visit", f"Visit to {provider}", day, post16_intentional, providers=[provider])
    others = [m for m in post16 if m.pathway != "Intentional"]
    for day, provider in zip([r.day_in(*spring[1]), r.day_in(*summer[1])],
                             ["Meadowview Day Service", "Fernlea Specialist College"], strict=True):
        r.activity("provider-visit", f"Visit to {provider}", day, others, providers=[provider])
    # College and apprenticeship talks (provider access) for each key phase from Year 8.
    for first, last in ((8, 9), (10, 11), (12, 14)):
        group = y.years(first, last)
        for term_index, provider in enumerate(["Heathbury College", "Ashgrove College"]):
            r.activity("provider-encounter", f"{provider}: courses and apprenticeships (Years {first}-{last})",
                       r.day_in(*y.terms[term_index][1][0]), group, providers=[provider],
                       # The first each year covers all four points; the second often misses one.
                       pal_points=1.0 if term_index == 0 else 0.3,
                       people_met="an admissions tutor and an apprentice")
    # Labour market discussions every half term with Intentional pupils from Year 7.
    for index, (start, end) in enumerate(y.halves()):
        for first, last in ((7, 11), (12, 14)):
            r.activity("lmi-session", f"Local jobs discussion: half term {index + 1} (Years {first}-{last})",
                       r.day_in(start, end), y.years(first, last, ["Intentional"]),
                       purpose="Talk about the jobs our area needs most, using this month's update.")


def _plan_guidance(r: _Recorder, y: YearPlan, *, half_termly_pathway: str | None = None) -> None:
    """One-to-one guidance with the independent adviser: once a year from Year 7 (a few pupils are
    missed, so the standing shows gaps), and every half term for one pathway after Year 11.

    Recorded through the guidance service (demo/guidance.py), with who supported each pupil, their
    own words and the actions agreed; the service records the activity the standing engine counts.
    """
    memberships = {m.user_id: m for m in r.members}
    roster = []
    for member in y.years(7, 14):
        teacher = r.class_staff.get((y.start_year, member.class_name))
        roster.append(GuidancePupil(member.pupil, member.ordinal, member.pathway, member.need,
                                    memberships.get(teacher.pk) if teacher is not None else None))
    record_year_meetings(school=r.school, today=r.today, rng=r.rng, roster=roster, halves=y.halves(),
                         pick_day=r.day_in, on_roll=r._on_roll, half_termly_pathway=half_termly_pathway)


def _plan_parkside_with_guidance(r: _Recorder, y: YearPlan) -> None:
    _plan_parkside(r, y)
    _plan_guidance(r, y)


def _plan_heathfield_with_guidance(r: _Recorder, y: YearPlan) -> None:
    _plan_heathfield(r, y)
    _plan_guidance(r, y, half_termly_pathway="Intentional")


PLANS: dict[str, Callable[[_Recorder, YearPlan], None]] = {
    "parkside": _plan_parkside_with_guidance, "heathfield": _plan_heathfield_with_guidance}
