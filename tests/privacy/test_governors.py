"""What the senior leader / governor role (Role.LEADER) can read, scanned for pupils' names and UPNs (G44).

The role is read-only and, by design, sees every pupil's page and the pupil list (people/rules.py
`sees_every_pupil`; docs/user/getting-started.md): senior leaders are in it as well as governors.
So this test does not ask every page to be anonymous. It walks every URL the permission table
(tests/test_permissions.py) says the role may GET, and checks the set of pages that show a pupil's
name or UPN is exactly `NAMED_FOR_LEADERS` below (docs/admin/privacy.md says why each one does).
Every other page, the governors' report and the other aggregate pages included, shows no pupil's
name or UPN. A new page that names pupils to this role fails until someone decides and writes it down.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from roadahead.api.models import ApiToken, hash_token, new_token
from roadahead.imports.models import ImportKind, ImportRun, ImportStatus
from roadahead.people.models import Pupil
from roadahead.schools.enums import TermName
from roadahead.schools.models import Term
from tests import factories
from tests.pdf_support import pdf_text
from tests.permission_table import Objects
from tests.test_permissions import WEB

pytestmark = pytest.mark.django_db

# Pages that name pupils to the LEADER role, on purpose: the role sees every pupil's record.
NAMED_FOR_LEADERS = {
    "people:pupil_list",  # every pupil, the role's way into a record
    "people:pupil_detail",  # the pupil's page
    "activities:timeline",  # a pupil's careers timeline, from their page
    "reports:pupil",  # the pupil's careers record
    "reports:pupil_pdf",
    "pupil_standing:page",  # where the pupil stands against each rule
    "pupil_standing:fragment",
    "standing:export",  # the cohort grid's CSV: one row per pupil
    "activities:detail",  # an activity and who took part
    "activities:series_detail",  # a series and the pupils on it
}


def _objects(world) -> Objects:
    school = world.school
    year = world.class_group.academic_year
    term = Term.objects.create(school=school, academic_year=year, name=TermName.SPRING,
                               starts_on="2026-01-05", ends_on="2026-03-27")
    run = ImportRun.objects.create(school=school, kind=ImportKind.PUPILS, status=ImportStatus.FAILED,
                                   file_name="pupils.csv", file_format="csv")
    tokens = {role: ApiToken.objects.create(school=school, user=getattr(world, role).user, name="script",
                                            key_hash=hash_token(new_token()))
              for role in ("careers_leader", "class_teacher", "adviser", "leader")}
    return Objects(world, factories.ProviderFactory(school=school), factories.PathwayFactory(school=school),
                   factories.PhaseFactory(school=school), term, run, tokens)


def _text(response) -> str:
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        return pdf_text(body)
    return body.decode("utf-8", errors="replace")


def test_only_the_decided_pages_name_pupils_to_senior_leaders_and_governors(client, world, other_world):
    objects = _objects(world)
    canaries = []
    for i, pupil in enumerate(Pupil.objects.filter(school=world.school)):
        surname = f"Govcanary{chr(ord('a') + i)}"
        Pupil.objects.filter(pk=pupil.pk).update(legal_surname=surname, preferred_surname="")
        canaries += [surname, pupil.upn]
    client.force_login(world.leader.user)
    named, walked = set(), set()
    for name, row in sorted(WEB.items()):
        if not row.school or row.method != "get" or row.expected.get("leader") != 200:
            continue
        # Each page's objects are made in a savepoint and rolled back, as each case in the table has its own.
        with transaction.atomic():
            kwargs = {**row.kwargs(objects, "leader"), "school_slug": world.school.slug}
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200, name
            text = _text(response)
            transaction.set_rollback(True)
        walked.add(name)
        if any(c in text for c in canaries):
            named.add(name)
    assert len(walked) > 40
    assert "reports:governors" in walked
    assert "reports:governors_pdf" in walked
    assert named == NAMED_FOR_LEADERS, "update NAMED_FOR_LEADERS and docs/admin/privacy.md"
