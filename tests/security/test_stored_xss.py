"""C17 (docs/security.md): stored XSS. 344 payloads (tests/security/xss_corpus.py) are written into
the free-text fields people type (pupils' names and notes, activity titles and notes, what pupils
said, providers, the school's name, class names, staff names) and the pages and CSV files that show
them are rendered. Against a control render with plain text in the same fields: 0 raw payloads and
0 new elements or event handlers in the parsed page.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.urls import reverse
from django.utils.html import escape

from roadahead.activities.models import Activity, ActivityType, Participation
from roadahead.activities.services import create_activity, ensure_activity_types
from roadahead.people.models import Pupil, User
from roadahead.providers.models import Provider
from roadahead.schools.models import ClassGroup, School
from tests import factories
from tests.conftest import TODAY
from tests.security.support import parse
from tests.security.xss_corpus import PAYLOADS, dangerous

pytestmark = pytest.mark.django_db

NAME_FIELDS = ("legal_forename", "legal_surname", "preferred_forename", "preferred_surname")
PROVIDER_SHORT = ("name", "contact_name", "town")
PROVIDER_LONG = ("offers", "notes", "address", "send_adjustments")
ACTIVITY_LONG = ("purpose", "learning_outcomes", "people_met")
PARTICIPATION_LONG = ("response", "staff_note")


@pytest.fixture
def scene(world):
    ensure_activity_types(school=world.school)
    provider = factories.ProviderFactory(school=world.school)
    activity = create_activity(school=world.school, by=world.careers_leader.user, title="Visit", date=TODAY,
                               providers=[provider],
                               activity_type=ActivityType.objects.get(school=world.school, code="workplace-visit"))
    for pupil in world.pupils:
        Participation.objects.create(school=world.school, activity=activity, pupil=pupil)
    return world, provider, activity


def short_slots(world, provider, activity) -> list[tuple[type, int, str]]:
    """Every short free-text field on the scene: (model, pk, field)."""
    slots = [(Pupil, pupil.pk, name) for pupil in world.pupils for name in NAME_FIELDS]
    slots += [(Provider, provider.pk, name) for name in PROVIDER_SHORT]
    slots += [(Activity, activity.pk, "title"), (School, world.school.pk, "name"),
              (ClassGroup, world.class_group.pk, "name"), (ClassGroup, world.other_class.pk, "name"),
              (User, world.careers_leader.user.pk, "full_name"), (User, world.class_teacher.user.pk, "full_name")]
    return slots


def pages(world, provider, activity) -> list[str]:
    slug = world.school.slug
    pupil = world.pupils[0].pk
    return [
        reverse("schools:dashboard", kwargs={"school_slug": slug}),
        reverse("people:pupil_list", kwargs={"school_slug": slug}),
        reverse("people:pupil_detail", kwargs={"school_slug": slug, "pk": pupil}),
        reverse("standing:grid", kwargs={"school_slug": slug}),
        reverse("pupil_standing:page", kwargs={"school_slug": slug, "pupil_pk": pupil}),
        reverse("providers:list", kwargs={"school_slug": slug}),
        reverse("providers:detail", kwargs={"school_slug": slug, "pk": provider.pk}),
        reverse("activities:list", kwargs={"school_slug": slug}),
        reverse("activities:detail", kwargs={"school_slug": slug, "pk": activity.pk}),
        reverse("activities:record", kwargs={"school_slug": slug, "pk": activity.pk}),
        reverse("activities:timeline", kwargs={"school_slug": slug, "pupil_pk": pupil}),
    ]


def shape(html: str) -> tuple[Counter, list[str], list[str]]:
    """What injected markup would change: the elements by name, event handlers and scripts."""
    markup = parse(html)
    return Counter(markup.tag_names), sorted(markup.handlers), sorted(markup.scripts)


def render(client, urls: list[str]) -> dict[str, str]:
    bodies = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        bodies[url] = response.content.decode()
    return bodies


def fill(slots, values: list[str]) -> None:
    for (model, pk, name), value in zip(slots, values, strict=False):
        model.objects.filter(pk=pk).update(**{name: value})


def test_the_corpus_is_large_and_varied():
    assert len(PAYLOADS) >= 200
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert max(len(p) for p in PAYLOADS) <= 100


def test_names_and_titles_are_escaped_everywhere(client, scene):
    world, provider, activity = scene
    client.force_login(world.careers_leader.user)
    slots = short_slots(world, provider, activity)
    urls = pages(world, provider, activity)
    problems: list[str] = []
    shown: Counter = Counter()
    rounds = [PAYLOADS[start:start + len(slots)] for start in range(0, len(PAYLOADS), len(slots))]
    for payloads in rounds:
        # The control has plain text of the same length in the same places.
        fill(slots, [f"Plain text {index}".ljust(len(p), "x") for index, p in enumerate(payloads)])
        control = {url: shape(body) for url, body in render(client, urls).items()}
        fill(slots, payloads)
        for url, body in render(client, urls).items():
            problems += [f"{url}: raw {p!r}" for p in payloads if dangerous(p) and p in body]
            shown[url] += sum(escape(p) in body for p in payloads)
            if shape(body) != control[url]:
                problems.append(f"{url}: markup changed with {payloads}")
    assert problems == []
    assert sum(shown.values()) > len(PAYLOADS), "the payloads should be on the pages, escaped"
    assert len([url for url in urls if shown[url]]) >= len(urls) - 1


def test_notes_and_what_pupils_said_are_escaped(client, scene):
    world, provider, activity = scene
    client.force_login(world.careers_leader.user)
    everything = "\n".join(PAYLOADS)
    plain = "\n".join(f"Plain text {index}" for index in range(len(PAYLOADS)))
    urls = pages(world, provider, activity)

    def fill_long(value: str) -> None:
        Pupil.objects.filter(pk=world.pupils[0].pk).update(communication_notes=value)
        Provider.objects.filter(pk=provider.pk).update(**dict.fromkeys(PROVIDER_LONG, value))
        Activity.objects.filter(pk=activity.pk).update(**dict.fromkeys(ACTIVITY_LONG, value))
        Participation.objects.filter(activity=activity).update(**dict.fromkeys(PARTICIPATION_LONG, value))

    fill_long(plain)
    control = {url: shape(body) for url, body in render(client, urls).items()}
    fill_long(everything)
    problems: list[str] = []
    shown = 0
    for url, body in render(client, urls).items():
        shown += "rax1" in body
        problems += [f"{url}: raw {p!r}" for p in PAYLOADS if dangerous(p) and p in body]
        if shape(body) != control[url]:
            problems.append(f"{url}: markup changed")
    assert shown >= 3, "the notes should be on the pages walked"
    assert problems == []


def test_csv_downloads_carry_the_text_as_data(client, scene):
    """A CSV holds the text as written (it is data, not a page), served as an attachment that a
    browser will not render, with every formula start guarded."""
    world, provider, activity = scene
    client.force_login(world.careers_leader.user)
    slots = short_slots(world, provider, activity)
    fill(slots, PAYLOADS)
    response = client.get(reverse("standing:export", kwargs={"school_slug": world.school.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))) for cell in row]
    names = PAYLOADS[: len(world.pupils) * len(NAME_FIELDS)]
    assert any(name in cell for name in names for cell in cells), "the pupils' names should be in the grid's CSV"
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


PUBLIC_TEXT = ("summary", "impact", "guidance", "pal_how_to_ask", "pal_refusal_grounds", "pal_premises", "pal_times",
               "safeguarding", "easy_read")


def test_the_public_careers_page_escapes_what_the_school_wrote(client, world):
    """The published page is for anyone on the internet: the careers leader's text is escaped there too."""
    from roadahead.public.models import PublicPage
    from tests.public.helpers import make_page

    make_page(world)
    urls = [reverse("careers:page", kwargs={"slug": world.school.slug}),
            reverse("careers:easy_read", kwargs={"slug": world.school.slug})]
    plain = "\n".join(f"Plain text {index}" for index in range(len(PAYLOADS)))
    PublicPage.objects.filter(school=world.school).update(**dict.fromkeys(PUBLIC_TEXT, plain))
    control = {url: shape(body) for url, body in render(client, urls).items()}
    PublicPage.objects.filter(school=world.school).update(**dict.fromkeys(PUBLIC_TEXT, "\n".join(PAYLOADS)),
                                                          leader_name=PAYLOADS[0], pal_contact=PAYLOADS[1])
    problems: list[str] = []
    for url, body in render(client, urls).items():
        assert "rax1" in body
        problems += [f"{url}: raw {p!r}" for p in PAYLOADS if dangerous(p) and p in body]
        if shape(body) != control[url]:
            problems.append(f"{url}: markup changed")
    assert problems == []
