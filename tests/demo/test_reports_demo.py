"""The four reports from the demo schools' records (the demo built once for this package): each PDF
renders from real-looking data, the school-wide ones name no pupil, and the user guide's pictures
are their first pages (refresh them with ROADAHEAD_UPDATE_DOC_IMAGES=1)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from roadahead.people.enums import Role
from roadahead.people.models import Membership, Pupil
from tests.pdf_support import pdf_text, save_first_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_demo")]

IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def test_demo_reports_render_and_name_no_pupil_where_they_must_not(tmp_path):
    member = (Membership.objects.filter(role=Role.CAREERS_LEADER, school__slug="heathfield")
              .select_related("school", "user").order_by("pk").first())
    school = member.school
    pupil = (Pupil.objects.filter(school=school, date_left__isnull=True).annotate(n=Count("participations"))
             .order_by("-n", "pk").first())
    names = [f"{p.forename} {p.surname}" for p in Pupil.objects.filter(school=school)]
    client = Client()
    client.force_login(member.user)
    kwargs = {"school_slug": school.slug}
    documents = {
        "governors": (reverse("reports:governors_pdf", kwargs=kwargs), "Governors' termly report: Spring 2025/26"),
        "ofsted": (reverse("reports:ofsted_pdf", kwargs=kwargs), "Ofsted evidence pack: 2025/26"),
        "pupil-record": (reverse("reports:pupil_pdf", kwargs={**kwargs, "pupil_pk": pupil.pk}), pupil.display_name),
        "cohort": (reverse("reports:cohort_pdf", kwargs=kwargs) + "?year_from=10&year_to=11",
                   "Cohort summary: Year 10 to Year 11"),
    }
    update = os.environ.get("ROADAHEAD_UPDATE_DOC_IMAGES") == "1"
    for name, (url, expected) in documents.items():
        response = client.get(url)
        assert response.status_code == 200
        text = " ".join(pdf_text(response.content).split())
        assert expected in text
        if name in ("governors", "ofsted"):
            assert not [n for n in names if n in text]
        target = IMAGES / f"report-{name}.png" if update else tmp_path / f"{name}.png"
        save_first_page(response.content, target, resolution=60)
        assert target.read_bytes().startswith(b"\x89PNG")
