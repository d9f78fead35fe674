"""Skills: the school's frameworks, a pupil's assessments (read and add) and the cohort summary.

A pupil's assessments follow the web pages' rules: careers leaders see every pupil, class staff
their classes this year, advisers only their assigned pupils (anyone else's answers 404, as if they
did not exist). Senior leaders and governors see only the cohort summary, where a group of fewer
than five pupils shows no figures.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from roadahead.activities.models import Participation
from roadahead.api.common import field_problem, membership_of, problems, require
from roadahead.api.schemas import Message, ValidationProblems
from roadahead.audit.services import log_action
from roadahead.people.selectors import pupils_visible_to, visible_pupil
from roadahead.schools.selectors import academic_year_start_on, year_bounds
from roadahead.skills import rules, selectors, services
from roadahead.skills.enums import Method
from roadahead.skills.models import Assessment, Framework, Skill

router = Router(tags=["skills"])

MethodName = Literal["observation", "self", "adviser", "employer"]


class StepOut(Schema):
    step: int
    label: str
    description: str


class SkillOut(Schema):
    id: int
    code: str
    name: str
    description: str
    archived: bool


class FrameworkOut(Schema):
    id: int
    code: str
    name: str
    description: str
    archived: bool
    steps: list[StepOut]
    skills: list[SkillOut]


class AssessmentOut(Schema):
    id: int
    skill_id: int
    skill: str
    framework: str
    step: int
    date: dt.date
    method: MethodName
    assessed_by: str | None = Field(description="The name of the member of staff who judged it.")
    evidence: str
    activity_id: int | None = Field(description="The activity the evidence comes from, if linked.")


class StepIn(Schema):
    skill_id: int
    step: int = Field(ge=0)
    evidence: str = Field("", max_length=5000, description="Evidence for this skill; the shared evidence if empty.")


class AssessmentsIn(Schema):
    # Required, but checked in the handler after the pupil, so a pupil you may not see is 404 whatever is sent.
    date: dt.date | None = Field(None, description="The day it was judged (required).")
    method: MethodName = "observation"
    evidence: str = Field("", max_length=5000)
    activity_id: int | None = Field(None, description="An activity the pupil took part in, as evidence.")
    steps: list[StepIn] = Field(default_factory=list, max_length=50, description="At least one step.")


class CohortQuery(Schema):
    framework_id: int | None = Field(None, description="The framework (default: the first).")
    by: Literal["year", "pathway", "class"] = "year"
    year: int | None = Field(None, description="The academic year's first calendar year, such as 2025 (default: now).")


class CellOut(Schema):
    skill_id: int
    assessed: int | None = Field(description="Pupils assessed on the skill; null when withheld for a small group.")
    average_step: float | None
    moved_up: int | None = Field(description="How many moved above where they started the academic year.")


class GroupOut(Schema):
    key: str
    label: str
    pupils: int | None = Field(description="Pupils in the group; null when withheld (fewer than five).")
    skills: list[CellOut]


class CohortOut(Schema):
    framework_id: int
    academic_year: int
    by: str
    total: GroupOut
    groups: list[GroupOut]


def _assessment_out(a: Assessment) -> dict[str, Any]:
    return {"id": a.pk, "skill_id": a.skill_id, "skill": a.skill.name, "framework": a.skill.framework.name,
            "step": a.step, "date": a.date, "method": a.method, "evidence": a.evidence,
            "assessed_by": a.assessed_by.user.display_name if a.assessed_by else None,
            "activity_id": a.participation.activity_id if a.participation else None}


@router.get("/skills/frameworks", response={200: list[FrameworkOut]}, summary="The school's skills frameworks")
def list_frameworks(request: HttpRequest) -> list[dict[str, Any]]:
    """Every framework with its scale of steps and its skills, archived ones included."""
    membership = membership_of(request)
    return [{"id": f.pk, "code": f.code, "name": f.name, "description": f.description, "archived": f.archived,
             "steps": [{"step": s.value, "label": s.label, "description": s.description} for s in f.steps.all()],
             "skills": [{"id": s.pk, "code": s.code, "name": s.name, "description": s.description,
                         "archived": s.archived} for s in f.skills.all()]}
            for f in selectors.frameworks(school=membership.school)]


@router.get("/pupils/{pupil_id}/skill-assessments", response={200: list[AssessmentOut], 403: Message, 404: Message},
            summary="A pupil's skills assessments, newest first")
def list_assessments(request: HttpRequest, pupil_id: int) -> list[dict[str, Any]]:
    membership = require(request, rules.can_view_pupil_skills)
    pupil = visible_pupil(membership=membership, pk=pupil_id, day=timezone.localdate())
    log_action(school=membership.school, user=request.user, action="pupil.skills_viewed", obj=pupil,
               pupil_id=pupil.pk, data={"api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return [_assessment_out(a) for a in selectors.pupil_assessments(school=membership.school, pupil=pupil)]


@router.post("/pupils/{pupil_id}/skill-assessments",
             response={201: list[AssessmentOut], 403: Message, 404: Message, 422: ValidationProblems},
             summary="Record steps on one or more skills for a pupil")
def add_assessments(request: HttpRequest, pupil_id: int, payload: AssessmentsIn) -> Status[list[dict[str, Any]]]:
    """All the steps are saved together or, if any is wrong, none. The person recording is the
    token's owner."""
    membership = require(request, rules.can_record_skills)
    school, today = membership.school, timezone.localdate()
    pupil = visible_pupil(membership=membership, pk=pupil_id, day=today)
    if payload.date is None:
        raise field_problem("date", "Give the date it was judged.")
    if payload.date > today:
        raise field_problem("date", "The date cannot be in the future.")
    skills = {s.pk: s for s in Skill.objects.filter(school=school, pk__in=[e.skill_id for e in payload.steps])
              .select_related("framework")}
    for index, entry in enumerate(payload.steps):
        if entry.skill_id not in skills:
            raise field_problem("steps", f"Entry {index + 1}: there is no skill {entry.skill_id} in this school.")
    participation = None
    if payload.activity_id is not None:
        participation = Participation.objects.filter(school=school, pupil=pupil,
                                                     activity_id=payload.activity_id).first()
        if participation is None:
            raise field_problem("activity_id", "Choose an activity this pupil took part in.")
    try:
        made = services.record_assessments(
            school=school, by=request.user, assessed_by=membership, date=payload.date, method=Method(payload.method),
            entries=[services.Entry(pupil=pupil, skill=skills[e.skill_id], step=e.step,
                                    evidence=e.evidence or payload.evidence, participation=participation)
                     for e in payload.steps])
    except ValidationError as error:
        raise problems(error) from None
    ids = [a.pk for a in made]
    return Status(201, [_assessment_out(a) for a in selectors.pupil_assessments(school=school, pupil=pupil)
                        .filter(pk__in=ids)])


def _group_out(group: selectors.Group, skills: list[Skill]) -> dict[str, Any]:
    return {"key": group.key, "label": group.label, "pupils": None if group.suppressed else group.pupils,
            "skills": [{"skill_id": s.pk, "assessed": None if c.suppressed else c.assessed,
                        "average_step": None if c.average is None else round(c.average, 2),
                        "moved_up": None if c.suppressed else c.moved_up}
                       for s, c in zip(skills, group.cells, strict=True)]}


@router.get("/skills/cohort", response={200: CohortOut, 403: Message, 404: Message, 422: ValidationProblems},
            summary="Average step and who moved up this year, per skill and group")
def cohort_summary(request: HttpRequest, query: Query[CohortQuery]) -> dict[str, Any]:
    """Over the pupils you may see who are on roll. For senior leaders and governors, figures
    resting on fewer than five pupils are null."""
    membership = require(request, rules.can_view_cohort)
    school, today = membership.school, timezone.localdate()
    start_year = query.year or academic_year_start_on(school=school, day=today)
    frameworks = Framework.objects.filter(school=school).order_by("position", "name", "id")
    framework = (frameworks.filter(pk=query.framework_id).first() if query.framework_id is not None
                 else frameworks.first())
    if framework is None:
        raise field_problem("framework_id", "There is no such skills framework in this school.", where="query")
    as_of = min(today, year_bounds(school=school, start_year=start_year)[1])
    summary = selectors.cohort_summary(school=school, framework=framework, start_year=start_year, as_of=as_of,
                                       pupils=pupils_visible_to(membership=membership, day=as_of), by=query.by,
                                       suppress=rules.suppresses_small_groups(membership))
    log_action(school=school, user=request.user, action="skills.cohort_viewed",
               data={"start_year": start_year, "by": query.by,
                     "api_token": request.api_token.pk})  # type: ignore[attr-defined]
    return {"framework_id": framework.pk, "academic_year": start_year, "by": query.by,
            "total": _group_out(summary.total, summary.skills),
            "groups": [_group_out(g, summary.skills) for g in summary.groups]}
