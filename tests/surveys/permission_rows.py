"""Who may reach the stakeholder survey pages (gathered by tests/test_permissions.py)."""

from __future__ import annotations

from tests.permission_table import Row, all_roles, careers_leader_only
from tests.surveys.helpers import make_survey

RESULTS = {"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 200}
ENTER = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}
SUMMARY = {"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}


def _survey(objects, role):
    return {"pk": make_survey(objects.world).pk}


def _question(objects, role):
    survey = make_survey(objects.world)
    return {"pk": survey.pk, "question_pk": survey.questions.first().pk}


def _group(objects, role):
    return {**_survey(objects, role), "group": "families"}


def _token(objects, role):
    from roadahead.surveys.selectors import links
    return {"token": links(survey=make_survey(objects.world))["families"].token}


ROWS: dict[str, Row] = {
    "surveys:list": Row(all_roles(200)),
    "surveys:create": Row(careers_leader_only()),
    "surveys:trend": Row(RESULTS),
    "surveys:detail": Row(RESULTS, _survey),
    "surveys:edit": Row(careers_leader_only(), _survey),
    "surveys:questions": Row(careers_leader_only(), _survey),
    "surveys:question_edit": Row(careers_leader_only(), _question),
    "surveys:links": Row(careers_leader_only(), _survey),
    "surveys:respond_choose": Row(ENTER, _survey),
    "surveys:respond": Row(ENTER, _group),
    "surveys:summary_csv": Row(SUMMARY, _survey),
    "surveys:responses_csv": Row(careers_leader_only(), _survey),
    # No sign-in: anyone holding a valid link to an open survey opens the form (today is 10 March 2026).
    "survey_public:form": Row({**all_roles(200), "anonymous": 200, "other_school": 200}, _token, school=False),
}
