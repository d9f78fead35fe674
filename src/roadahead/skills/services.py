"""Writes to skills frameworks and assessments.

Each service checks with full_clean, runs in one transaction and writes one audit entry naming
records by id and fields by name, never their values (evidence can be personal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from roadahead.activities.models import Participation
from roadahead.audit.services import log_action
from roadahead.core.locking import claim_next_version
from roadahead.people.models import Membership, Pupil
from roadahead.schools.models import School
from roadahead.skills.defaults import DEFAULT_FRAMEWORKS, DefaultFramework
from roadahead.skills.models import Assessment, Framework, Skill, Step

STALE = _("Someone else changed this while you were editing it. Your changes were not saved: "
          "look at it again and make them once more.")


# ## Frameworks ###################################################################################

def _install(school: School, spec: DefaultFramework, position: int) -> Framework:
    framework = Framework(school=school, code=spec.code, name=spec.name, description=spec.description,
                          position=position)
    framework.full_clean()
    framework.save()
    Step.objects.bulk_create([Step(school=school, framework=framework, value=s.value, label=s.label,
                                   description=s.description) for s in spec.steps])
    Skill.objects.bulk_create([Skill(school=school, framework=framework, code=s.code, name=s.name,
                                     description=s.description, position=i) for i, s in enumerate(spec.skills)])
    return framework


@transaction.atomic
def ensure_default_frameworks(*, school: School, by: Any = None, audit: bool = True) -> list[Framework]:
    """Give the school Road Ahead's default frameworks if it has none with their codes.

    A default the school has already (renamed, archived or tailored) is left exactly as it is.
    Returns the frameworks created.
    """
    have = set(Framework.objects.filter(school=school).values_list("code", flat=True))
    names = set(Framework.objects.filter(school=school).values_list("name", flat=True))
    made = []
    for position, spec in enumerate(DEFAULT_FRAMEWORKS):
        # A school's own framework with a default's name keeps it; the default is not forced in beside it.
        if spec.code not in have and spec.name not in names:
            made.append(_install(school, spec, position))
    if made and audit:
        log_action(school=school, user=by, action="skills.defaults_installed", data={"frameworks": len(made)})
    return made


@transaction.atomic
def update_framework(*, framework: Framework, by: Any, expected_version: int, **values: Any) -> list[str]:
    """Rename, describe or archive a framework. Refused if someone saved it since it was opened."""
    fields = ("name", "description", "archived")
    changed = [f for f in fields if f in values and getattr(framework, f) != values[f]]
    if not changed:
        return []
    for name in changed:
        value = values[name]
        setattr(framework, name, value.strip() if isinstance(value, str) else value)
    framework.full_clean()
    framework.version = claim_next_version(Framework.objects.filter(school=framework.school), pk=framework.pk,
                                           expected_version=expected_version, message=STALE)
    framework.save(update_fields=[*changed, "updated_at"])
    log_action(school=framework.school, user=by, action="skills.framework_changed", obj=framework,
               data={"fields": changed})
    return changed


def _free_code(framework: Framework, name: str) -> str:
    base = (slugify(name) or "skill")[:40]
    taken = set(Skill.objects.filter(school=framework.school, framework=framework).values_list("code", flat=True))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def add_skill(*, framework: Framework, by: Any, name: str, description: str = "") -> Skill:
    position = max(framework.skills.values_list("position", flat=True), default=-1) + 1
    skill = Skill(school=framework.school, framework=framework, name=name.strip(), description=description.strip(),
                  code=_free_code(framework, name), position=position)
    skill.full_clean()
    skill.save()
    log_action(school=framework.school, user=by, action="skills.skill_added", obj=skill)
    return skill


@transaction.atomic
def update_skill(*, skill: Skill, by: Any, expected_version: int, **values: Any) -> list[str]:
    """Rename, describe or archive a skill; its assessments and code stay as they are."""
    fields = ("name", "description", "archived")
    changed = [f for f in fields if f in values and getattr(skill, f) != values[f]]
    if not changed:
        return []
    for name in changed:
        value = values[name]
        setattr(skill, name, value.strip() if isinstance(value, str) else value)
    skill.full_clean()
    skill.version = claim_next_version(Skill.objects.filter(school=skill.school), pk=skill.pk,
                                       expected_version=expected_version, message=STALE)
    skill.save(update_fields=[*changed, "updated_at"])
    log_action(school=skill.school, user=by, action="skills.skill_changed", obj=skill, data={"fields": changed})
    return changed


# ## Assessments ##################################################################################

@dataclass(frozen=True)
class Entry:
    """One step to record: for a pupil (class view) or on a skill (one pupil, several skills)."""

    pupil: Pupil
    skill: Skill
    step: int
    evidence: str = ""
    participation: Participation | None = None


def _steps_of(frameworks: Iterable[int], school: School) -> dict[int, set[int]]:
    steps: dict[int, set[int]] = {}
    for framework_id, value in Step.objects.filter(school=school, framework_id__in=set(frameworks)).values_list(
            "framework_id", "value"):
        steps.setdefault(framework_id, set()).add(value)
    return steps


def _check(entry: Entry, *, school: School, steps: dict[int, set[int]]) -> None:
    skill = entry.skill
    if skill.school_id != school.pk or entry.pupil.school_id != school.pk:
        raise ValidationError(_("Choose a pupil and a skill in your school."))
    if skill.archived or skill.framework.archived:
        raise ValidationError({"skill": _("%(skill)s is archived: it takes no new assessments.") % {
            "skill": skill.name}})
    if entry.step not in steps.get(skill.framework_id, set()):
        raise ValidationError({"step": _("Choose one of the steps of %(framework)s for %(skill)s.") % {
            "framework": skill.framework.name, "skill": skill.name}})
    participation = entry.participation
    if participation is not None and (participation.pupil_id != entry.pupil.pk
                                      or participation.school_id != school.pk):
        raise ValidationError({"participation": _("Choose an activity this pupil took part in.")})


@transaction.atomic
def record_assessments(*, school: School, by: Any, assessed_by: Membership | None, date: dt.date, method: str,
                       entries: Sequence[Entry]) -> list[Assessment]:
    """Record several steps at once (one pupil on several skills, or a class on one skill).

    Every entry is checked before any is saved, so a mistake in one saves none. One audit entry
    names the pupils and skills by count, and each pupil by id when there is just one.
    """
    if not entries:
        raise ValidationError(_("Choose a step for at least one skill."))
    if assessed_by is not None and assessed_by.school_id != school.pk:
        raise ValidationError({"assessed_by": _("Choose a member of your school's staff.")})
    steps = _steps_of((e.skill.framework_id for e in entries), school)
    made = []
    for entry in entries:
        _check(entry, school=school, steps=steps)
        assessment = Assessment(school=school, pupil=entry.pupil, skill=entry.skill, step=entry.step, date=date,
                                assessed_by=assessed_by, method=method, evidence=entry.evidence.strip(),
                                participation=entry.participation)
        # _check has tied pupil, skill and activity to the school given; skip re-reading each related row.
        assessment.full_clean(exclude=["school", "pupil", "skill", "assessed_by", "participation"])
        made.append(assessment)
    Assessment.objects.bulk_create(made)
    pupils = {e.pupil.pk for e in entries}
    log_action(school=school, user=by, action="skills.assessed", obj=made[0] if len(made) == 1 else None,
               pupil_id=next(iter(pupils)) if len(pupils) == 1 else None,
               data={"assessments": len(made), "pupils": len(pupils), "skills": len({e.skill.pk for e in entries}),
                     "method": method})
    return made


@transaction.atomic
def remove_assessment(*, assessment: Assessment, by: Any) -> None:
    log_action(school=assessment.school, user=by, action="skills.assessment_removed", obj=assessment,
               pupil_id=assessment.pupil_id)
    assessment.delete()
