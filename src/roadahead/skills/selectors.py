"""Reads of skills frameworks and assessments, within one school, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roadahead.people.models import Pupil
from roadahead.schools.models import School
from roadahead.skills.models import Assessment, Framework, Skill


@dataclass
class SkillProgress:
    """One skill's journey for one pupil: where they started, where they are, and each step between."""

    skill: Skill
    framework: Framework
    latest_step: int
    first_step: int
    history: list[tuple[dt.date, int]] = field(default_factory=list)  # oldest first

    @property
    def change(self) -> int:
        return self.latest_step - self.first_step


def pupil_progress(*, school: School, pupil: Pupil) -> list[SkillProgress]:
    """Every skill the pupil has been assessed on, in framework and skill order: one query.

    The caller has already checked the member may see this pupil. Archived skills and frameworks
    still show, since their history is part of the pupil's story. Two assessments on one day are
    taken in the order they were recorded, so the later one wins.
    """
    found = (Assessment.objects.filter(school=school, pupil=pupil)
             .select_related("skill__framework").order_by("date", "id"))
    by_skill: dict[int, SkillProgress] = {}
    for a in found:
        progress = by_skill.get(a.skill_id)
        if progress is None:
            progress = by_skill[a.skill_id] = SkillProgress(
                skill=a.skill, framework=a.skill.framework, latest_step=a.step, first_step=a.step)
        progress.history.append((a.date, a.step))
        progress.latest_step = a.step
    return sorted(by_skill.values(), key=lambda p: (p.framework.position, p.framework.name, p.framework.pk,
                                                    p.skill.position, p.skill.name, p.skill.pk))
