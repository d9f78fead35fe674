"""No pupil's name, UPN or need text in logs or in request URLs (security.md items 21 and 37).

A pupil is seeded with canary values, then a careers leader walks the pages most likely to leak
them: the pupil list, the pupil page, the cohort grid, the whole-school export, a pupil import with
an error, the careers record PDF and the subject access PDF, plus a page that is not found. Every
log record from the `roadahead` and `django` loggers (DEBUG and up) and every URL requested or
redirected to is searched for the canaries.
"""

from __future__ import annotations

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.imports.models import ImportRun
from roadahead.people.models import Pupil
from tests.activities.conftest import make_activity

pytestmark = pytest.mark.django_db

FORENAME, SURNAME, UPN, NEED_TEXT = "Quenbyhollis", "Fennimorrow", "Q918273645012", "Signsalongcanary"
CANARIES = (FORENAME, SURNAME, UPN, NEED_TEXT)


class Walk:
    def __init__(self, client):
        self.client = client
        self.urls: list[str] = []

    def _record(self, url: str, response) -> None:
        self.urls += [url, response.wsgi_request.get_full_path()]
        if response.get("Location"):
            self.urls.append(response["Location"])
        self.urls += [u for u, _code in getattr(response, "redirect_chain", [])]

    def get(self, url: str, **kwargs):
        response = self.client.get(url, **kwargs)
        self._record(url, response)
        return response

    def post(self, url: str, data=None, **kwargs):
        response = self.client.post(url, data or {}, **kwargs)
        self._record(url, response)
        return response


@pytest.fixture
def logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("roadahead", "django"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _seed(world) -> Pupil:
    pupil = world.class_pupils[0]
    Pupil.objects.filter(pk=pupil.pk).update(legal_forename=FORENAME, legal_surname=SURNAME, upn=UPN,
                                             communication_notes=NEED_TEXT)
    pupil.refresh_from_db()
    activity = make_activity(world, title="Employer talk")
    record_participations(activity=activity, by=world.careers_leader.user,
                          entries=[ParticipationInput(pupil=pupil, response=f"{FORENAME} said hello")])
    return pupil


def _leaks(walk: Walk, logs) -> tuple[list[str], list[str]]:
    text = "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in logs.records)
    in_logs = [c for c in CANARIES if c in text]
    in_urls = [u for u in walk.urls if any(c in u for c in CANARIES)]
    return in_logs, in_urls


def test_a_careers_leaders_walk_leaves_no_canary_in_logs_or_urls(leader_client, world, logs):
    pupil = _seed(world)
    slug = world.school.slug
    walk = Walk(leader_client)
    assert FORENAME in walk.get(reverse("people:pupil_list", kwargs={"school_slug": slug})).content.decode()
    walk.get(reverse("people:pupil_list", kwargs={"school_slug": slug}), data={"year": "10"})
    assert UPN in walk.get(reverse("people:pupil_detail", kwargs={"school_slug": slug, "pk": pupil.pk})
                           ).content.decode()
    assert walk.get(reverse("standing:grid", kwargs={"school_slug": slug})).status_code == 200
    export = walk.post(reverse("exports:export", kwargs={"school_slug": slug}), {"file_format": "json"})
    assert UPN in b"".join(export.streaming_content).decode()
    bad = (f"UPN,Surname,Forename,DOB,Sex,Year,Class,SEN Provision,Primary Need,LAC\r\n"
           f"{UPN},{SURNAME},{FORENAME},not a date,F,10,Oak,E,{NEED_TEXT},N\r\n").encode()
    walk.post(reverse("imports:upload", kwargs={"school_slug": slug}),
              {"file": SimpleUploadedFile("pupils.csv", bad, content_type="text/csv")}, follow=True)
    assert ImportRun.objects.get(school=world.school).error_count >= 1
    record = walk.get(reverse("reports:pupil_pdf", kwargs={"school_slug": slug, "pupil_pk": pupil.pk}))
    assert record["Content-Type"] == "application/pdf"
    walk.post(reverse("privacy:subject_access", kwargs={"school_slug": slug, "pupil_pk": pupil.pk}),
              {"file_format": "pdf"})
    assert walk.get(reverse("people:pupil_detail", kwargs={"school_slug": slug, "pk": 999999})).status_code == 404
    assert logs.records, "the walk logged something (the 404 at least), so the capture works"
    assert _leaks(walk, logs) == ([], [])


def test_searching_the_pupil_list_keeps_the_name_out_of_the_url(leader_client, world, logs):
    _seed(world)
    walk = Walk(leader_client)
    url = reverse("people:pupil_list", kwargs={"school_slug": world.school.slug})
    response = walk.post(url + "?status=all", {"q": SURNAME}, follow=True)
    assert SURNAME in response.content.decode()  # found, and shown in the search box
    assert _leaks(walk, logs)[1] == []
