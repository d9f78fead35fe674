"""Exporting a whole demo school (the exports app's end-to-end test, on the demo built once for this
package): every table complete, nothing of the other demo school, every format readable."""

from __future__ import annotations

import pytest

from roadahead.exports import registry
from roadahead.people.models import Pupil
from roadahead.schools.models import School
from tests.exports.helpers import all_text, export, read

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_demo")]


@pytest.mark.parametrize("file_format", ["json", "csv"])  # XLSX is read back slowly; tests/exports has it
def test_a_demo_school_exports_whole_and_alone(file_format):
    parkside, heathfield = School.objects.get(slug="parkside"), School.objects.get(slug="heathfield")
    expected = {t.key: t.model._default_manager.filter(**{t.school_field: parkside.pk}).count()
                for t in registry.tables()}
    content = export(parkside, file_format)
    tables = read(file_format, content)
    assert {key: len(found.rows) for key, found in tables.items()} == expected
    assert expected["activities.participation"] > 1000
    text = all_text(file_format, content)
    theirs = set(Pupil.objects.filter(school=heathfield).values_list("upn", flat=True))
    ours = set(Pupil.objects.filter(school=parkside).values_list("upn", flat=True))
    assert ours
    assert theirs
    assert all(upn in text for upn in list(ours)[:20])
    assert not [upn for upn in theirs if upn in text]
