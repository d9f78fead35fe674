"""`roadahead report destinations` and `roadahead retention`."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from roadahead.destinations.models import Anonymisation
from roadahead.people.models import Pupil
from tests import factories
from tests.destinations.factories import destination, leave

D = dt.date


def test_report_destinations_as_json_and_csv(world):
    for pupil in world.pupils:
        destination(leave(pupil))
    out = StringIO()
    call_command("report", "destinations", school=world.school.slug, fmt="json", stdout=out)
    records = json.loads(out.getvalue())
    assert records[0] == {"dimension": "all", "group": "All leavers", "leavers": 4, "with_destination": 4,
                          "sustained": 0, "in_keeping": 0, "sustained_and_in_keeping": 0, "sustained_percent": 0,
                          "in_keeping_percent": 0, "suppressed": False}
    out = StringIO()
    call_command("report", "destinations", "--school", world.school.slug, "--format", "csv", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("dimension,group,leavers")
    with pytest.raises(CommandError):
        call_command("report", "destinations", school="nowhere", stdout=StringIO())


def test_retention_dry_run_writes_nothing_then_anonymises(world):
    old = factories.PupilFactory(school=world.school, upn="R000000000009")
    leave(old, D(2022, 7, 20))
    out = StringIO()
    call_command("retention", school=world.school.slug, dry_run=True, stdout=out)
    assert f"Pupil {old.pk}, left 2022-07-20" in out.getvalue()
    assert "Would anonymise 1" in out.getvalue()
    assert old.legal_surname not in out.getvalue()
    assert not Anonymisation.objects.exists()
    call_command("retention", school=world.school.slug, stdout=StringIO())
    assert Pupil.objects.get(pk=old.pk).legal_forename == "Former"
    with pytest.raises(CommandError):
        call_command("retention", school="nowhere", stdout=StringIO())
