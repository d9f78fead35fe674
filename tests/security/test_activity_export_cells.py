"""C22 for the activity export (roadahead.imports.exports), the other XLSX writer: text with control
characters (pasted from other programs) still exports, and what is left after the characters XML
cannot hold are dropped is formula-guarded."""

from __future__ import annotations

import io

import pytest

from roadahead.activities.models import ActivityType, Participation
from roadahead.activities.services import create_activity, ensure_activity_types
from roadahead.imports.exports import ExportFilters, export_activities
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

# No NUL: PostgreSQL cannot store it (forms refuse it); core's writer tests guard a leading NUL.
TEXTS = ["\x01=HYPERLINK(\"http://evil.example\")", "\x0b+44 1234", "plain\x0cpage", "=1+1", "\x1f@SUM(A1)",
         "'=already quoted"]


def cells(content: bytes) -> list[str]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [value for row in sheet.iter_rows(min_row=2, values_only=True) for value in row if isinstance(value, str)]


@pytest.mark.parametrize("what", ["participations", "activities"])
def test_control_characters_export_and_are_guarded(world, what):
    ensure_activity_types(school=world.school)
    activity_type = ActivityType.objects.get(school=world.school, code="workplace-visit")
    for text in TEXTS:
        activity = create_activity(school=world.school, by=world.careers_leader.user, title="Visit", date=TODAY,
                                   activity_type=activity_type)
        type(activity).objects.filter(pk=activity.pk).update(title=text, purpose=text, people_met=text)
        Participation.objects.create(school=world.school, activity=activity, pupil=world.pupils[0], response=text,
                                     staff_note=text)
    made = export_activities(school=world.school, by=world.careers_leader.user, filters=ExportFilters(),
                             what=what, file_format="xlsx", today=TODAY)
    written = cells(made.content)
    assert "'=HYPERLINK(\"http://evil.example\")" in written
    assert "'+44 1234" in written
    assert "'''=already quoted" not in written
    assert [cell for cell in written if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
