"""The My future PDF, looked at as a person would: its text and its pages."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.urls import reverse

from roadahead.profiles import services
from roadahead.profiles.enums import CaptureMethod, EntryKind, Source
from tests.pdf_support import pdf_pages, pdf_text, save_first_page
from tests.profiles.factories import entry, plan

pytestmark = pytest.mark.django_db

DOC_IMAGE = Path(__file__).resolve().parents[2] / "docs" / "images" / "my-future.png"


def _drawing(colour: tuple[int, int, int], size: tuple[int, int] = (320, 240)) -> bytes:
    """A simple picture drawn here (no symbol set is bundled): a sun over a hill."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, (235, 244, 250))
    draw = ImageDraw.Draw(image)
    draw.ellipse((size[0] - 110, 20, size[0] - 30, 100), fill=(255, 221, 0))
    draw.ellipse((-80, size[1] // 2, size[0] + 80, size[1] * 2), fill=colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def my_future_pupil(world):
    pupil = world.pupils[0]
    pupil.preferred_forename = "Sam"
    pupil.save()
    entry(pupil, "Feeding the goats at the city farm", kind=EntryKind.LIKE, on_my_future=True)
    entry(pupil, "Music and dancing", kind=EntryKind.INTEREST, on_my_future=True)
    entry(pupil, "Being kind to younger pupils", kind=EntryKind.STRENGTH, source=Source.STAFF,
          captured=CaptureMethod.OBSERVATION, on_my_future=True)
    entry(pupil, "Working with animals", kind=EntryKind.ASPIRATION, on_my_future=True)
    entry(pupil, "Loud rooms", kind=EntryKind.DISLIKE)
    plan(pupil, pupil_aim="A course at the land-based college")
    services.save_my_future(school=world.school, pupil=pupil, member=world.careers_leader,
                            next_steps="Visit the college with Mum in May\nPractise the bus to town\n"
                                       "Try a day at the farm",
                            chosen_entry_ids=[e.pk for e in pupil.profile_entries.filter(on_my_future=True)])
    services.add_picture(school=world.school, pupil=pupil, member=world.careers_leader,
                         data=_drawing((0, 112, 60), (300, 300)), section="photo", alt_text="Sam smiling")
    services.add_picture(school=world.school, pupil=pupil, member=world.careers_leader,
                         data=_drawing((133, 153, 0)), section="like", alt_text="Sam feeding a goat")
    services.add_picture(school=world.school, pupil=pupil, member=world.careers_leader,
                         data=_drawing((29, 112, 184)), section="want_next", alt_text="The college farm")
    return pupil


def test_my_future_pdf_has_the_pupils_words_on_one_page(leader_client, world, my_future_pupil):
    response = leader_client.get(reverse("profiles:my_future_pdf", kwargs={
        "school_slug": world.school.slug, "pupil_pk": my_future_pupil.pk}))

    assert response["Content-Type"] == "application/pdf"
    assert f"my-future-{my_future_pupil.pk}.pdf" in response["Content-Disposition"]
    text = " ".join(pdf_text(response.content).split())
    for expected in ("My future: Sam", "What I like", "Feeding the goats at the city farm", "What I am good at",
                     "Being kind to younger pupils", "What I want next", "Working with animals",
                     "After school: A course at the land-based college", "My next steps",
                     "Practise the bus to town", "Oakfield School"):
        assert expected in text
    assert "Loud rooms" not in text  # not chosen for the page
    if os.environ.get("ROADAHEAD_SAVE_DOC_IMAGES"):
        save_first_page(response.content, DOC_IMAGE)
    pages = pdf_pages(response.content)
    assert len(pages) == 1


def test_my_future_pdf_with_nothing_chosen_still_prints(leader_client, world):
    response = leader_client.get(reverse("profiles:my_future_pdf", kwargs={
        "school_slug": world.school.slug, "pupil_pk": world.pupils[1].pk}))
    text = pdf_text(response.content)
    assert "We will write this together." in text
    assert len(pdf_pages(response.content)) == 1


def test_my_future_pdf_with_a_missing_picture_file_leaves_it_out(leader_client, world, my_future_pupil):
    from roadahead.profiles import images
    from roadahead.profiles.models import Picture

    for picture in Picture.objects.filter(pupil=my_future_pupil):
        images.remove(picture.file_name)
    response = leader_client.get(reverse("profiles:my_future_pdf", kwargs={
        "school_slug": world.school.slug, "pupil_pk": my_future_pupil.pk}))
    assert "Feeding the goats" in pdf_text(response.content)
