"""Subject access (security.md G41): everything held about one pupil, nothing about any other pupil."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.audit.models import AuditEntry
from roadahead.exports.registry import is_exported_field
from roadahead.people.models import Pupil
from roadahead.privacy import classification, graph, services
from roadahead.privacy.selectors import subject_access
from tests.activities.conftest import make_activity
from tests.conftest import TODAY
from tests.pdf_support import pdf_text
from tests.privacy.helpers import seed_everything

pytestmark = pytest.mark.django_db

GENERATED = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
OTHER_NAME, OTHER_UPN = "Wobblethwaite", "Y111222333444"


def _seeded(world):
    seeded = seed_everything(world)
    Pupil.objects.filter(pk=seeded.other.pk).update(legal_surname=OTHER_NAME, preferred_surname=OTHER_NAME,
                                                    upn=OTHER_UPN)
    return seeded


def _download(client, world, pupil, file_format):
    url = reverse("privacy:subject_access", kwargs={"school_slug": world.school.slug, "pupil_pk": pupil.pk})
    response = client.post(url, {"file_format": file_format})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert str(pupil.pk) in response["Content-Disposition"]
    return response.content


def test_json_holds_every_table_and_every_classified_field_and_no_other_pupil(leader_client, world):
    seeded = _seeded(world)
    pupil = seeded.pupil
    # A view of the pupil's page, so the audit history has something to show.
    leader_client.get(reverse("people:pupil_detail", kwargs={"school_slug": world.school.slug, "pk": pupil.pk}))
    content = _download(leader_client, world, pupil, "json")
    document = json.loads(content)
    tables = {t["table"]: t for t in document["tables"]}
    for link in graph.links():
        assert tables[link.key]["rows"], f"{link.key} holds rows about the pupil"
        for model_field in link.model._meta.concrete_fields:
            decided = classification.classify(link.model, model_field.name)
            if decided.classification != classification.NONE and is_exported_field(link.model, model_field.name):
                assert tables[link.key]["classification"][model_field.attname] == decided.classification
    assert tables["people.pupil"]["rows"][0]["upn"] == pupil.upn
    assert tables["people.pupil"]["classification"]["communication_notes"] == "special"
    assert tables["activities.activity"]["rows"]  # the activities taken part in
    assert "pupil.viewed" in {row["action"] for row in tables["audit.auditentry"]["rows"]}
    # Shared rows are listed without their members; no other pupil is named.
    assert "pupils" not in tables["activities.series"]["rows"][0]
    text = content.decode()
    assert OTHER_NAME not in text
    assert OTHER_UPN not in text
    entry = AuditEntry.objects.filter(school=world.school, action="privacy.subject_access").get()
    assert (entry.pupil_id, entry.data["format"]) == (pupil.pk, "json")
    assert OTHER_UPN not in json.dumps(entry.data)


def test_pdf_reads_as_the_record_without_other_pupils(leader_client, world):
    seeded = _seeded(world)
    text = pdf_text(_download(leader_client, world, seeded.pupil, "pdf"))
    assert "Subject access request" in text
    assert seeded.pupil.upn in text
    assert "Guidance meetings" in text
    assert "Who read or changed the record" in text
    assert OTHER_NAME not in text
    assert OTHER_UPN not in text


def test_the_page_lists_what_the_download_holds_and_is_audited(leader_client, world):
    seeded = _seeded(world)
    url = reverse("privacy:subject_access", kwargs={"school_slug": world.school.slug, "pupil_pk": seeded.pupil.pk})
    page = leader_client.get(url).content.decode()
    assert "What the download holds" in page
    assert "Guidance meetings" in page
    assert OTHER_NAME not in page
    assert AuditEntry.objects.filter(school=world.school, action="privacy.subject_access_viewed",
                                     pupil_id=seeded.pupil.pk).exists()


def test_another_schools_pupil_is_not_found(leader_client, world, other_world):
    url = reverse("privacy:subject_access", kwargs={"school_slug": world.school.slug,
                                                    "pupil_pk": other_world.pupils[0].pk})
    assert leader_client.post(url, {"file_format": "json"}).status_code == 404


def _take_part(world, pupil: Pupil, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        activity = make_activity(world, title=f"Activity {i}", day=TODAY - dt.timedelta(days=12 * i))
        record_participations(activity=activity, by=None, audit=False,
                              entries=[ParticipationInput(pupil=pupil, response="I liked it")])


def test_seven_years_of_history_in_a_fixed_number_of_queries(world):
    """A long record is one query per table (counted for a short record and a long one), and prints."""
    pupil = world.pupils[0]
    _take_part(world, pupil, 1)
    short = subject_access(school=world.school, pupil=pupil, generated_at=GENERATED)
    with CaptureQueriesContext(connection) as few:
        subject_access(school=world.school, pupil=pupil, generated_at=GENERATED)
    _take_part(world, pupil, 70, start=1)  # ten a year for seven years: a modest long record
    with CaptureQueriesContext(connection) as many:
        long = subject_access(school=world.school, pupil=pupil, generated_at=GENERATED)
    assert len(many) == len(few)
    assert long.counts()["activities.participation"] == short.counts()["activities.participation"] + 70
    data = services.render(long, "pdf", context={"printed_on": TODAY})
    assert "Activity 70" in pdf_text(data)


def test_command_writes_json_and_pdf_and_refuses_an_existing_file(world, tmp_path):
    pupil = world.pupils[0]
    out = io.StringIO()
    target = tmp_path / "sar.json"
    call_command("subject-access", "--school", world.school.slug, "--pupil", str(pupil.pk), "--format", "json",
                 "--output", str(target), stdout=out)
    assert json.loads(target.read_bytes())["pupil_id"] == pupil.pk
    assert pupil.upn not in out.getvalue()
    pdf = tmp_path / "sar.pdf"
    call_command("subject-access", "--school", world.school.slug, "--pupil", str(pupil.pk), "--format", "pdf",
                 "--output", str(pdf), stdout=out)
    assert pupil.upn in pdf_text(pdf.read_bytes())
    with pytest.raises(CommandError, match="already exists"):
        call_command("subject-access", "--school", world.school.slug, "--pupil", str(pupil.pk), "--output",
                     str(target))
    with pytest.raises(CommandError, match="no pupil"):
        call_command("subject-access", "--school", world.school.slug, "--pupil", "999999", "--output",
                     str(tmp_path / "x.json"))
    assert AuditEntry.objects.filter(school=world.school, action="privacy.subject_access").count() == 2
