"""The contribution and ePEP as a person would see them: rendered, read back as text, counted in pages."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.urls import reverse

from roadahead.activities.models import ActivityType
from roadahead.activities.services import (
    ParticipationInput,
    create_activity,
    ensure_activity_types,
    record_participations,
)
from roadahead.profiles.enums import EntryKind
from roadahead.reviews.enums import OutcomeKind, PfaArea, ProgressLevel, ReviewOutcome
from tests.guidance.factories import action, meeting
from tests.pdf_support import pdf_pages, pdf_text, save_first_page
from tests.profiles.factories import category, entry, plan
from tests.reviews.factories import outcome, progress, review
from tests.skills.factories import assess, framework

pytestmark = pytest.mark.django_db

DOCS_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "images" / "ehcp-contribution.png"


@pytest.fixture
def story(world):
    """Two years of one Year 10 pupil's careers and PfA records, and one older visit left out."""
    pupil = world.pupils[0]
    pupil.preferred_forename, pupil.preferred_surname = "Jaya", "Okafor"
    pupil.communication_notes = "Uses symbols and a communication book; needs time to answer."
    pupil.save()
    ensure_activity_types(school=world.school)
    kind = ActivityType.objects.get(school=world.school, code="workplace-visit")
    for day, title, response in [(dt.date(2023, 6, 1), "Fire station visit", "Too loud"),
                                 (dt.date(2025, 5, 14), "Bakery work taster", "I like the bread"),
                                 (dt.date(2026, 2, 3), "Garden centre visit", "Plants!")]:
        activity = create_activity(school=world.school, by=None, title=title, date=day, activity_type=kind)
        record_participations(activity=activity, by=None, entries=[ParticipationInput(
            pupil=pupil, reaction="liked", response=response, response_method="symbols")])
    held = review(pupil, due=dt.date(2025, 3, 1), held=dt.date(2025, 3, 4), by=world.careers_leader,
                  attendees="Mum; Oak class teacher; careers adviser", outcome=ReviewOutcome.AMEND,
                  pupil_views="Chose the bakery and garden photos")
    review(pupil, due=dt.date(2026, 3, 4), by=world.careers_leader)
    work = outcome(pupil, text="Works in a shop or cafe with a job coach by age 19", set_on=dt.date(2025, 3, 4),
                   review=held)
    progress(work, day=dt.date(2025, 7, 10), level=ProgressLevel.EMERGING, note="Two tasters", by=world.adviser)
    progress(work, day=dt.date(2026, 2, 10), level=ProgressLevel.DEVELOPING, note="Stacks shelves with a prompt",
             by=world.class_teacher)
    outcome(pupil, area=PfaArea.INDEPENDENT_LIVING, kind=OutcomeKind.PROVISION_TARGET,
            text="Makes a sandwich with a visual recipe", set_on=dt.date(2025, 9, 10))
    meeting(pupil, world.adviser, dt.date(2026, 2, 12), pupil_words="Bread. Shop. Yes.",
            discussed="Retail taster at the college", advocate="class_teacher",
            actions=[action("Book a college taster day", owner_text="Mum", due_on=dt.date(2026, 4, 30))])
    meeting(pupil, world.adviser, dt.date(2023, 11, 2), pupil_words="Fire engines",
            discussed="An old meeting outside the period")
    entry(pupil, "Wants to work in a bakery", kind=EntryKind.ASPIRATION, day=dt.date(2025, 6, 1))
    entry(pupil, "Loud places", kind=EntryKind.WORRY, day=dt.date(2025, 6, 1))
    plan(pupil, pupil_category=category(world.school), pupil_aim="Bakery with a job coach")
    listening = framework(world.school).skills.get(code="listening")
    assess(pupil, listening, 3, dt.date(2023, 5, 1))
    assess(pupil, listening, 6, dt.date(2026, 1, 20))
    return pupil


def _get(client, world, name, pupil):
    client.force_login(world.careers_leader.user)
    return client.get(reverse(f"reviews:{name}", kwargs={"school_slug": world.school.slug, "pupil_pk": pupil.pk}))


def test_contribution_pdf_has_two_years_of_careers_and_pfa(client, world, story, tmp_path):
    response = _get(client, world, "contribution_pdf", story)
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    text = " ".join(pdf_text(data).split())
    assert "Careers and Preparing for Adulthood contribution" in text
    assert "Jaya" in text
    assert "Uses symbols and a communication book" in text
    assert "Works in a shop or cafe with a job coach by age 19" in text
    assert "Emerging" in text
    assert "Developing" in text
    assert "Stacks shelves with a prompt" in text
    assert "Makes a sandwich with a visual recipe" in text
    assert "Bakery work taster" in text
    assert "I like the bread" in text
    assert "Garden centre visit" in text
    assert "Fire station visit" not in text  # older than two years
    assert "Chose the bakery and garden photos" in text
    assert "overdue" in text  # the 2026 review was due on 4 March
    assert "Bread. Shop. Yes." in text
    assert "Book a college taster day (Mum)" in text
    assert "Fire engines" not in text
    assert "Wants to work in a bakery" in text
    assert "Loud places" in text
    assert "Supported internship" in text
    assert "Bakery with a job coach" in text
    assert "Listening (Essential skills) 3 6" in text
    pages = pdf_pages(data)
    assert 1 <= len(pages) <= 3
    assert all(page.startswith(b"\x89PNG") for page in pages)
    # The picture in the user guide is this page: refresh it with ROADAHEAD_UPDATE_DOC_IMAGES=1.
    target = DOCS_IMAGE if os.environ.get("ROADAHEAD_UPDATE_DOC_IMAGES") == "1" else tmp_path / "page.png"
    save_first_page(data, target)
    assert target.read_bytes().startswith(b"\x89PNG")


def test_contribution_preview_says_what_the_pdf_says(client, world, story):
    page = _get(client, world, "contribution", story).content.decode()
    assert "Works in a shop or cafe with a job coach by age 19" in page
    assert "Bakery work taster" in page
    assert "Fire station visit" not in page


def test_contribution_for_a_pupil_below_year_9_says_pfa_starts_later(client, world):
    pupil = world.pupils[3]
    enrolment = pupil.enrolments.get()
    enrolment.nc_year = "7"
    enrolment.save()
    text = pdf_text(_get(client, world, "contribution_pdf", pupil).content)
    assert "Preparing for Adulthood is part of the review from Year 9." in " ".join(text.split())


def test_epep_pdf_has_the_employment_outcomes_activities_and_next_steps(client, world, story):
    story.looked_after = True
    story.save()
    data = _get(client, world, "epep_pdf", story).content
    text = " ".join(pdf_text(data).split())
    assert "Careers section of the personal education plan" in text
    assert "Works in a shop or cafe with a job coach by age 19" in text
    assert "Developing on 10 Feb 2026" in text
    assert "Makes a sandwich" not in text  # independent living is not part of the careers section
    assert "Garden centre visit" in text
    assert "Bakery work taster" in text  # within the last year
    assert "Keep working towards" in text
    assert "Book a college taster day (Mum) by 30 April 2026" in text
    assert "Bread. Shop. Yes." in text
    assert "Wants to work in a bakery" in text
    assert "Loud places" not in text  # worries stay in the review, not the ePEP summary
    assert "Bakery with a job coach" in text
    assert len(pdf_pages(data)) <= 2


def test_contribution_has_the_pupils_placements_and_their_report(client, world, story):
    from roadahead.placements.services import save_report
    from tests.placements.factories import assign, placement

    made = placement(world, title="Spring café placement")
    assignment = assign(world, made, story, settle=0)
    save_report(assignment=assignment, by=world.careers_leader.user, strengths="Greets customers warmly",
                reflection="I like the coffee machine", reflection_method="symbols")
    text = " ".join(pdf_text(_get(client, world, "contribution_pdf", story).content).split())
    assert "Work experience and placements" in text
    assert "Spring café placement" in text
    assert "Greets customers warmly" in text
    assert "I like the coffee machine" in text
    assert "Transition visits" in text
