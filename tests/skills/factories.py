"""Small builders for skills tests: a framework with a scale, skills and assessments."""

from __future__ import annotations

import datetime as dt

from django.utils.text import slugify

from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import School
from roadahead.skills.enums import Method
from roadahead.skills.models import Assessment, Framework, Skill, Step


def framework(school: School, name: str = "Essential skills", steps: int = 16, skills: tuple[str, ...] = (
        "Listening", "Speaking"), position: int = 0) -> Framework:
    made = Framework.objects.create(school=school, code=slugify(name), name=name, position=position)
    Step.objects.bulk_create([Step(school=school, framework=made, value=v, label=f"Step {v}") for v in range(steps)])
    for i, skill_name in enumerate(skills):
        Skill.objects.create(school=school, framework=made, code=slugify(skill_name), name=skill_name, position=i)
    return made


def assess(pupil: Pupil, skill: Skill, step: int, day: dt.date, *, by: Membership | None = None,
           method: str = Method.OBSERVATION, evidence: str = "") -> Assessment:
    return Assessment.objects.create(school=pupil.school, pupil=pupil, skill=skill, step=step, date=day,
                                     assessed_by=by, method=method, evidence=evidence)
