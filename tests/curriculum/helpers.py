"""Builders shared by the curriculum tests and their permission rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roadahead.activities.models import Activity, ActivityType
from roadahead.curriculum.models import Scheme, Subject
from roadahead.schools.models import AcademicYear, Phase, School


@dataclass
class Curriculum:
    ks3: Phase
    ks4: Phase
    post16: Phase
    maths: Subject
    english: Subject
    budgeting: Scheme  # Maths, ticked KS4
    measures: Scheme   # Maths, Years 9 to 12: overlaps KS3, KS4 and Post 16
    letters: Scheme    # English, ticked Post 16


def build_curriculum(school: School) -> Curriculum:
    ks3 = Phase.objects.create(school=school, name="Key Stage 3", order=1, first_year="7", last_year="9")
    ks4 = Phase.objects.create(school=school, name="Key Stage 4", order=2, first_year="10", last_year="11")
    post16 = Phase.objects.create(school=school, name="Post 16", order=3, first_year="12", last_year="14")
    maths = Subject.objects.create(school=school, name="Maths")
    english = Subject.objects.create(school=school, name="English")
    budgeting = Scheme.objects.create(school=school, subject=maths, title="Money and budgeting",
                                      careers_statement="Cashiers and shop staff count change all day.")
    budgeting.phases.add(ks4)
    measures = Scheme.objects.create(school=school, subject=maths, title="Measuring", first_year="9", last_year="12",
                                     careers_statement="Builders and cooks measure carefully.")
    letters = Scheme.objects.create(school=school, subject=english, title="Writing a letter",
                                    careers_statement="Applying for a job starts with a letter or a form.")
    letters.phases.add(post16)
    return Curriculum(ks3, ks4, post16, maths, english, budgeting, measures, letters)


def add_activity(school: School, scheme: Scheme | None, day: dt.date, title: str = "Careers lesson") -> Activity:
    kind, _ = ActivityType.objects.get_or_create(school=school, code="curriculum-lesson",
                                                 defaults={"name": "Curriculum lesson with a careers link"})
    start = day.year if day.month >= 9 else day.year - 1
    year, _ = AcademicYear.objects.get_or_create(
        school=school, start_year=start,
        defaults={"starts_on": dt.date(start, 9, 1), "ends_on": dt.date(start + 1, 8, 31)})
    return Activity.objects.create(school=school, activity_type=kind, title=title, date=day, academic_year=year,
                                   scheme=scheme)
