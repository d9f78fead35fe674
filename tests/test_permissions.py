"""Every URL, for every role, an anonymous visitor and another school's careers leader.

The table below says what each should get. A URL pattern that is not in the table fails
`test_every_url_is_in_the_table`, so a new page cannot ship without deciding who may reach it.
The API is walked with tokens in tests/api; here each API operation is checked for its
anonymous answer and another school's token.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from roadahead.activities.models import ActivityType
from roadahead.activities.services import create_activity, ensure_activity_types
from roadahead.api.models import ApiToken, hash_token, new_token
from roadahead.imports.models import ImportKind, ImportRun, ImportStatus
from roadahead.schools.enums import TermName
from roadahead.schools.models import Term
from tests import factories
from tests.conftest import TODAY, SchoolWorld
from tests.permission_table import Objects, Row, all_roles, careers_leader_only, pk

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "careers_leader", "class_teacher", "adviser", "leader", "other_school")


WEB: dict[str, Row] = {
    "schools:dashboard": Row(all_roles(200)),
    "schools:setup": Row({"careers_leader": 200, "class_teacher": 403, "adviser": 403, "leader": 200}),
    "schools:school_edit": Row(careers_leader_only()),
    "schools:pathway_create": Row(careers_leader_only()),
    "schools:pathway_edit": Row(careers_leader_only(), pk("pathway")),
    "schools:phase_create": Row(careers_leader_only()),
    "schools:phase_edit": Row(careers_leader_only(), pk("phase")),
    "schools:class_create": Row(careers_leader_only()),
    "schools:class_edit": Row(careers_leader_only(), pk("world.class_group")),
    "schools:year_create": Row(careers_leader_only()),
    "schools:term_create": Row(careers_leader_only(), lambda o, r: {"year_pk": o.world.class_group.academic_year_id}),
    "schools:term_edit": Row(careers_leader_only(), pk("term")),
    "people:pupil_list": Row(all_roles(200)),
    "people:pupil_create": Row(careers_leader_only()),
    # The adviser's pupil is also in the class teacher's class, so every role may open it.
    "people:pupil_detail": Row(all_roles(200), lambda o, r: {"pk": o.world.adviser_pupils[0].pk}),
    "people:pupil_edit": Row(careers_leader_only(), lambda o, r: {"pk": o.world.adviser_pupils[0].pk}),
    "people:staff_list": Row(careers_leader_only()),
    "people:staff_add": Row(careers_leader_only()),
    "people:staff_edit": Row(careers_leader_only(), pk("world.class_teacher")),
    "people:adviser_pupils": Row(careers_leader_only(), pk("world.adviser")),
    "providers:list": Row(all_roles(200)),
    "providers:detail": Row(all_roles(200), pk("provider")),
    "providers:create": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403}),
    "providers:edit": Row({"careers_leader": 200, "class_teacher": 200, "adviser": 403, "leader": 403},
                          pk("provider")),
    "providers:set_active": Row({"careers_leader": 302, "class_teacher": 302, "adviser": 403, "leader": 403},
                                pk("provider"), method="post"),
    "imports:list": Row(careers_leader_only()),
    "imports:upload": Row(careers_leader_only()),
    "imports:detail": Row(careers_leader_only(), pk("run")),
    "imports:confirm": Row(careers_leader_only(302), pk("run"), method="post"),
    "imports:cancel": Row(careers_leader_only(302), pk("run"), method="post"),
    "audit:list": Row(careers_leader_only()),
    "api_tokens:list": Row(all_roles(200)),
    "api_tokens:create": Row(all_roles(200), method="post"),
    # Each member revokes their own token; another member's token is not theirs to see.
    "api_tokens:revoke": Row(all_roles(302), lambda o, r: {"pk": o.tokens[r].pk if r in o.tokens else 999999},
                             method="post"),
    "home": Row({**all_roles(302), "anonymous": 302, "other_school": 302}, school=False),
    "choose_school": Row({**all_roles(200), "anonymous": 302, "other_school": 200}, school=False),
    "login": Row({**all_roles(302), "anonymous": 200, "other_school": 302}, school=False),
    "logout": Row({**all_roles(302), "anonymous": 302, "other_school": 302}, method="post", school=False),
    "password_reset": Row({**all_roles(200), "anonymous": 200, "other_school": 200}, school=False),
    "password_reset_done": Row({**all_roles(200), "anonymous": 200, "other_school": 200}, school=False),
    "password_reset_confirm": Row({**all_roles(200), "anonymous": 200, "other_school": 200},
                                  lambda o, r: {"uidb64": "MQ", "token": "set-password"}, school=False),
    "password_reset_complete": Row({**all_roles(200), "anonymous": 200, "other_school": 200}, school=False),
    "password_change": Row({**all_roles(200), "anonymous": 302, "other_school": 200}, school=False),
    "password_change_done": Row({**all_roles(200), "anonymous": 302, "other_school": 200}, school=False),
}


def _gather_rows() -> None:
    """Add the rows each area keeps beside its own tests, in tests/<area>/permission_rows.py.

    Such a module defines ROWS: dict[url name, Row], building any objects it needs inside the row's
    kwargs function from `objects.world` (factories are fine there).
    """
    import importlib
    from pathlib import Path

    for path in sorted(Path(__file__).parent.glob("*/permission_rows.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.permission_rows")
        clash = set(module.ROWS) & set(WEB)
        assert not clash, f"{path} repeats rows for {clash}"
        WEB.update(module.ROWS)


_gather_rows()


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_is_in_the_table():
    web = {name for name in url_names() if not name.startswith("api:")}
    assert web - set(WEB) == set(), "new URLs need a row in WEB saying who may reach them"
    assert set(WEB) - web == set(), "the table names URLs that no longer exist"


@pytest.fixture
def objects(world, other_world) -> Objects:
    school = world.school
    year = world.class_group.academic_year
    term = Term.objects.create(school=school, academic_year=year, name=TermName.SPRING,
                               starts_on="2026-01-05", ends_on="2026-03-27")
    run = ImportRun.objects.create(school=school, kind=ImportKind.PUPILS, status=ImportStatus.FAILED,
                                   file_name="pupils.csv", file_format="csv")
    tokens = {}
    for role in ("careers_leader", "class_teacher", "adviser", "leader"):
        member = getattr(world, role)
        tokens[role] = ApiToken.objects.create(school=school, user=member.user, name="script",
                                               key_hash=hash_token(new_token()))
    return Objects(world, factories.ProviderFactory(school=school), factories.PathwayFactory(school=school),
                   factories.PhaseFactory(school=school), term, run, tokens)


def client_for(client, objects: Objects, other_world: SchoolWorld, role: str):
    if role == "other_school":
        client.force_login(other_world.careers_leader.user)
    elif role != "anonymous":
        client.force_login(getattr(objects.world, role).user)
    return client


CASES = [(name, role) for name in sorted(WEB) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES)
def test_who_may_reach_each_page(client, objects, other_world, name, role):
    row = WEB[name]
    kwargs = row.kwargs(objects, "careers_leader" if role in {"anonymous", "other_school"} else role)
    if row.school:
        kwargs["school_slug"] = objects.world.school.slug
        expected = {"anonymous": 302, "other_school": 404, **row.expected}[role]
    else:
        expected = row.expected[role]
    url = reverse(name, kwargs=kwargs)
    response = getattr(client_for(client, objects, other_world, role), row.method)(url)
    assert response.status_code == expected, f"{role} {row.method.upper()} {url}"
    if row.school and role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


API_OPERATIONS = {
    ("get", "/api/v1/me"), ("get", "/api/v1/pupils"), ("post", "/api/v1/pupils"), ("post", "/api/v1/pupils/search"),
    ("get", "/api/v1/pupils/{id}"), ("patch", "/api/v1/pupils/{id}"), ("get", "/api/v1/providers"),
    ("post", "/api/v1/providers"), ("get", "/api/v1/providers/{id}"), ("patch", "/api/v1/providers/{id}"),
    ("get", "/api/v1/activities"), ("post", "/api/v1/activities"), ("get", "/api/v1/activities/{id}"),
    ("patch", "/api/v1/activities/{id}"), ("put", "/api/v1/activities/{id}/participations"),
    ("get", "/api/v1/pupils/{id}/participations"),
    ("get", "/api/v1/skills/frameworks"), ("get", "/api/v1/skills/cohort"),
    ("get", "/api/v1/pupils/{id}/skill-assessments"), ("post", "/api/v1/pupils/{id}/skill-assessments"),
    ("get", "/api/v1/standing"), ("get", "/api/v1/standing/pal"), ("get", "/api/v1/standing/coverage"),
    ("get", "/api/v1/pupils/{id}/profile-entries"), ("post", "/api/v1/pupils/{id}/profile-entries"),
    ("get", "/api/v1/pupils/{id}/intended-destinations"),
    ("get", "/api/v1/pupils/{id}/guidance-meetings"), ("post", "/api/v1/pupils/{id}/guidance-meetings"),
    ("get", "/api/v1/guidance/actions"),
    ("get", "/api/v1/reviews"), ("get", "/api/v1/pupils/{id}/reviews"), ("post", "/api/v1/pupils/{id}/reviews"),
    ("patch", "/api/v1/pupils/{id}/reviews"), ("get", "/api/v1/pupils/{id}/pfa-outcomes"),
    ("post", "/api/v1/pupils/{id}/pfa-outcomes"), ("post", "/api/v1/pupils/{id}/pfa-progress"),
    ("get", "/api/v1/destinations"), ("get", "/api/v1/destinations/check-ins"), ("get", "/api/v1/destinations/report"),
    ("get", "/api/v1/pupils/{id}/destinations"), ("post", "/api/v1/pupils/{id}/destinations"),
    ("get", "/api/v1/transition/visits"), ("get", "/api/v1/transition/pairs"),
    ("get", "/api/v1/pupils/{id}/transition-visits"), ("post", "/api/v1/pupils/{id}/transition-visits"),
    ("get", "/api/v1/evaluations"), ("get", "/api/v1/evaluations/actions"), ("get", "/api/v1/evaluations/{id}"),
    ("get", "/api/v1/placements"), ("get", "/api/v1/placements/{id}/pupils"),
    ("get", "/api/v1/placements/{id}/sessions"), ("get", "/api/v1/pupils/{id}/placements"),
    ("get", "/api/v1/surveys"), ("get", "/api/v1/surveys/{id}"),
}


def test_every_api_operation_is_walked(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = {(method, path.replace("{pupil_id}", "{id}").replace("{provider_id}", "{id}")
                   .replace("{activity_id}", "{id}").replace("{evaluation_id}", "{id}")
                   .replace("{placement_id}", "{id}").replace("{survey_id}", "{id}"))
                  for path, item in document["paths"].items() for method in item}
    assert operations == API_OPERATIONS


@pytest.mark.parametrize(("method", "path"), sorted(API_OPERATIONS))
def test_api_needs_a_token_and_hides_other_schools(client, world, other_world, method, path):
    own = factories.ProviderFactory(school=world.school)
    ensure_activity_types(school=world.school)
    activity = create_activity(school=world.school, by=world.careers_leader.user, title="Visit", date=TODAY,
                               activity_type=ActivityType.objects.get(school=world.school, code="workplace-visit"))
    target = {"pupils": world.pupils[0].pk, "providers": own.pk, "activities": activity.pk}.get(path.split("/")[3])
    if path.split("/")[3] == "placements":
        from tests.placements.factories import placement
        target = placement(world).pk
    if path.split("/")[3] == "evaluations":
        from tests.evaluation.helpers import start
        target = start(world).pk
    if path.split("/")[3] == "surveys":
        from tests.surveys.helpers import make_survey
        target = make_survey(world).pk
    url = path.replace("{id}", str(target))
    # A signed-in session is not enough: the API answers only to tokens.
    client.force_login(world.careers_leader.user)
    assert getattr(client, method)(url, content_type="application/json", data={}).status_code == 401
    raw = new_token()
    ApiToken.objects.create(school=other_world.school, user=other_world.careers_leader.user, name="other",
                            key_hash=hash_token(raw), read_only=False)
    response = getattr(client, method)(url, content_type="application/json", data={},
                                       headers={"Authorization": f"Bearer {raw}"})
    if "{id}" in path:
        assert response.status_code == 404
    else:
        assert response.status_code in {200, 422}
        assert world.pupils[0].upn not in response.content.decode()
