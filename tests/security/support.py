"""Shared helpers for the security tests: walking the permission table's pages and reading HTML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.permission_table import Objects
from tests.test_permissions import WEB


def get_pages(client: Client, objects: Objects, role: str = "careers_leader") -> Iterator[tuple[str, str, Any]]:
    """(url name, url, response) for every GET row of the permission table that `role` may open (200).

    Each row builds its own objects (with fixed names, made for a test of their own), so each page is
    built and fetched inside a savepoint that is then rolled back.
    """
    for name in sorted(WEB):
        row = WEB[name]
        if row.method != "get" or row.expected.get(role) != 200:
            continue
        with transaction.atomic():
            kwargs = row.kwargs(objects, role)
            if row.school:
                kwargs["school_slug"] = objects.world.school.slug
            url = reverse(name, kwargs=kwargs)
            response = client.get(url)
            transaction.set_rollback(True)
        _refresh(objects)
        yield name, url, response


def _refresh(objects: Objects) -> None:
    """Undo in memory what a rolled-back row changed in the shared objects (a pupil marked as left...)."""
    world = objects.world
    for instance in {world.school, world.class_group, world.other_class, world.careers_leader, world.class_teacher,
                     world.adviser, world.leader, *world.pupils, objects.provider, objects.pathway, objects.phase,
                     objects.term, objects.run}:
        instance.refresh_from_db()


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


@dataclass
class Markup:
    """What a page's markup holds that a strict CSP would block, or that injected text could add."""

    scripts: list[str] = field(default_factory=list)  # every <script>'s src or content
    inline_scripts: list[str] = field(default_factory=list)  # <script> elements with content
    handlers: list[str] = field(default_factory=list)  # on*= attributes, as "tag onx"
    styles: list[str] = field(default_factory=list)  # style= attributes and <style> elements
    hrefs: list[str] = field(default_factory=list)  # every href, src and action
    tags: int = 0
    tag_names: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.markup = Markup()
        self._in: str | None = None
        self._buffer: list[str] = []
        self._data_block = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.markup.tags += 1
        self.markup.tag_names.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.markup.handlers.append(f"{tag} {name}")
            if name == "style":
                self.markup.styles.append(f"{tag} style={value!r}")
            if name in {"href", "src", "action", "formaction", "data-href"} and value:
                self.markup.hrefs.append(value)
        if tag == "script":
            self.markup.scripts.append(dict(attrs).get("src") or "")
            # json_script's data blocks are never run (and Django escapes <, > and & in them).
            self._data_block = dict(attrs).get("type") == "application/json"
        if tag in {"script", "style"}:
            self._in, self._buffer = tag, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in {"script", "style"}:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            content = "".join(self._buffer).strip()
            if content and tag == "script" and not self._data_block:
                self.markup.inline_scripts.append(content[:80])
            if tag == "style":
                self.markup.styles.append(f"<style> {content[:80]}")
            self._in = None


def parse(html: str) -> Markup:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.markup


def csp_directives(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def signed_in(client: Client, objects: Objects, role: str = "careers_leader") -> Client:
    client.force_login(getattr(objects.world, role).user)
    return client
