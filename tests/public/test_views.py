from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from roadahead.audit.models import AuditEntry
from roadahead.public import services
from roadahead.public.models import PublicPage
from tests.events.helpers import make_event
from tests.public.helpers import make_page, page_values

pytestmark = pytest.mark.django_db


def public_url(slug: str, easy: bool = False) -> str:
    return reverse("careers:easy_read" if easy else "careers:page", kwargs={"slug": slug})


def edit_url(world) -> str:
    return reverse("public:edit", kwargs={"school_slug": world.school.slug})


@pytest.mark.parametrize("easy", [False, True])
def test_published_page_needs_no_sign_in(client, world, easy):
    make_page(world)
    make_event(world, title="Spring careers fair", date=dt.date(2026, 3, 20))
    response = client.get(public_url("oakfield", easy))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Robin Oakfield" in text
    assert "Spring careers fair" in text
    assert "Content-Security-Policy" in response.headers


@pytest.mark.parametrize("easy", [False, True])
def test_unpublished_or_unknown_school_is_404(client, world, easy):
    make_page(world, published=False)
    assert client.get(public_url("oakfield", easy)).status_code == 404
    assert client.get(public_url("no-such-school", easy)).status_code == 404


def test_other_school_slug_shows_only_that_school(client, world, other_world):
    make_page(world)
    make_event(world, title="Oakfield fair", date=dt.date(2026, 4, 1))
    # Elmbrook has an event but no published page.
    make_event(other_world, title="Elmbrook fair", date=dt.date(2026, 4, 1))
    assert client.get(public_url("elmbrook")).status_code == 404
    make_page(other_world)
    text = client.get(public_url("elmbrook")).content.decode()
    assert "Elmbrook fair" in text
    assert "Oakfield" not in text


def test_nothing_about_pupils_or_past_events_leaks(client, world):
    make_page(world)
    make_event(world, title="Fair from last year", date=dt.date(2025, 6, 1))
    make_event(world, title="Summer fair", date=dt.date(2026, 6, 1))
    for easy in (False, True):
        text = client.get(public_url("oakfield", easy)).content.decode()
        assert "Summer fair" in text
        assert "Fair from last year" not in text
        for pupil in world.pupils:
            assert pupil.upn not in text
            assert pupil.legal_surname not in text


def test_provider_access_statement_is_rendered_from_the_form(client, world):
    make_page(world, pal_refusal_grounds="No room during mock exams.", pal_times="Thursday mornings.")
    text = client.get(public_url("oakfield")).content.decode()
    assert "Provider access policy statement" in text
    assert "No room during mock exams." in text
    assert "Thursday mornings." in text


def test_publishing_needs_the_statutory_information(world):
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError) as raised:
        services.save_page(school=world.school, by=world.careers_leader.user,
                           **page_values(world, leader_email="", pal_premises=""))
    assert set(raised.value.message_dict) == {"leader_email", "pal_premises"}
    services.save_page(school=world.school, by=world.careers_leader.user,
                       **page_values(world, leader_email="", published=False))
    assert not PublicPage.objects.get(school=world.school).published


def test_careers_leader_saves_with_locking_and_audit(leader_client, world):
    page = make_page(world)
    data = {**page_values(world, summary="A new summary."), "next_review_on": "1/9/2026",
            "version": page.version}
    data = {k: v for k, v in data.items() if v is not False}
    data["published"] = "on"
    response = leader_client.post(edit_url(world), data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.summary == "A new summary."
    entry = AuditEntry.objects.filter(action="public_page.changed").latest("id")
    assert entry.data == {"fields": ["summary"]}
    # A second save from the version the editor first loaded is refused.
    stale = {**data, "summary": "Someone else's summary."}
    response = leader_client.post(edit_url(world), stale)
    assert response.status_code == 200
    assert "Someone else changed the careers page" in response.content.decode()
    page.refresh_from_db()
    assert page.summary == "A new summary."


def test_first_save_creates_the_page(leader_client, world):
    response = leader_client.get(edit_url(world))
    assert response.status_code == 200
    data = {k: v for k, v in page_values(world).items() if k != "published"}
    data["next_review_on"] = "1/9/2026"
    assert leader_client.post(edit_url(world), data).status_code == 302
    page = PublicPage.objects.get(school=world.school)
    assert not page.published
    assert AuditEntry.objects.filter(action="public_page.created").count() == 1


@pytest.mark.parametrize(("review_on", "warned"), [(dt.date(2026, 3, 9), True), (dt.date(2026, 3, 10), False),
                                                   (dt.date(2026, 9, 1), False)])
def test_review_date_warning(client, world, review_on, warned):
    make_page(world, next_review_on=review_on)
    home = reverse("schools:dashboard", kwargs={"school_slug": "oakfield"})
    for member in (world.careers_leader, world.class_teacher):
        client.force_login(member.user)
        assert ("was due for review" in client.get(home).content.decode()) is warned
    client.force_login(world.careers_leader.user)
    assert ("was due for review" in client.get(edit_url(world)).content.decode()) is warned
    # The public never sees the staff warning.
    client.logout()
    assert "was due for review" not in client.get(public_url("oakfield")).content.decode()


def test_home_page_without_a_careers_page_has_no_warning(leader_client, world):
    home = reverse("schools:dashboard", kwargs={"school_slug": "oakfield"})
    text = leader_client.get(home).content.decode()
    assert "was due for review" not in text
    assert edit_url(world) in text


class StrictParser(HTMLParser):
    """Python's parser, made strict about what html5lib would report: unbalanced elements."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attributes = dict(attrs)
        if "style" in attributes:
            self.errors.append(f"inline style on <{tag}>")
        if tag == "script" and "src" not in attributes:
            self.errors.append("inline script")
        if "id" in attributes:
            if attributes["id"] in self.ids:
                self.errors.append(f"duplicate id {attributes['id']}")
            self.ids.add(attributes["id"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else ''}>")
            return
        self.stack.pop()


@pytest.mark.parametrize("easy", [False, True])
def test_public_html_is_valid(client, world, easy):
    make_page(world)
    make_event(world, title="Spring careers fair", date=dt.date(2026, 3, 20))
    text = client.get(public_url("oakfield", easy)).content.decode()
    assert text.startswith("<!DOCTYPE html>")
    parser = StrictParser()
    parser.feed(text)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    try:
        import tinyhtml5  # the spec-following parser the PDF stack brings with it
    except ImportError:  # pragma: no cover
        return
    tinyhtml5.parse(text)


def test_every_other_page_needs_sign_in():
    """The only pages open to someone not signed in are these: the published careers pages,
    the one-time feedback form, the stakeholder survey's link and the sign-in and password-reset pages."""
    from tests.test_permissions import WEB
    open_pages = {name for name, row in WEB.items() if not row.school and row.expected.get("anonymous") == 200}
    assert open_pages == {"careers:page", "careers:easy_read", "feedback:form", "survey_public:form", "login",
                          "password_reset", "password_reset_done", "password_reset_confirm",
                          "password_reset_complete"}
    assert all(row.expected.get("anonymous", 302) != 200 for row in WEB.values() if row.school)


def test_public_pages_may_be_indexed_and_staff_pages_may_not(client, leader_client, world):
    make_page(world)
    assert 'content="index, follow"' in client.get(public_url("oakfield")).content.decode()
    assert 'content="index, follow"' in client.get(public_url("oakfield", easy=True)).content.decode()
    assert 'content="noindex, nofollow"' in leader_client.get(edit_url(world)).content.decode()


def test_copy_html_has_the_content_without_events(leader_client, world):
    copy_url = reverse("public:copy_html", kwargs={"school_slug": "oakfield"})
    assert leader_client.get(copy_url).status_code == 302  # nothing written yet
    make_page(world, pal_times="Thursday mornings.")
    make_event(world, title="Spring careers fair", date=dt.date(2026, 3, 20))
    text = leader_client.get(copy_url).content.decode()
    assert "&lt;h1&gt;Careers at Oakfield School&lt;/h1&gt;" in text
    assert "Thursday mornings." in text
    assert "Spring careers fair" not in text
