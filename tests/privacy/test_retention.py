"""The retention job against security.md's fixture ages (G43): DOB+24y364d, +25y, +30y364d and +31y.

Leavers are anonymised on the school's schedule after leaving (3 years by default); the age backstop
anonymises anyone who has reached their 25th birthday, leaving date or not. SEN and EHCP items are
anonymised with the rest of the record (docs/admin/privacy.md says why that is before DOB+31).
The dry run lists exactly the pupils the real run anonymises.
"""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from django.core.management import call_command

from roadahead.activities.models import Participation
from roadahead.activities.services import ParticipationInput, record_participations
from roadahead.destinations.models import Anonymisation
from roadahead.people.models import Pupil, PupilNeed
from roadahead.reviews.models import AnnualReview
from tests import factories
from tests.activities.conftest import make_activity
from tests.destinations.factories import leave
from tests.reviews.factories import review

pytestmark = pytest.mark.django_db

AGES = {  # date of birth for each age on the tests' day, 10 March 2026
    "24y364d": dt.date(2001, 3, 11),
    "25y": dt.date(2001, 3, 10),
    "30y364d": dt.date(1995, 3, 11),
    "31y": dt.date(1995, 3, 10),
}
DUE = {"25y", "30y364d", "31y"}


def _pupils(world) -> dict[str, Pupil]:
    made = {}
    activity = make_activity(world, title="Employer talk")
    for i, (age, born) in enumerate(AGES.items()):
        pupil = factories.PupilFactory(school=world.school, upn=f"A00000000010{i}", legal_surname=f"Agecheck{i}",
                                       date_of_birth=born)
        PupilNeed.objects.create(school=world.school, pupil=pupil, need="SLD", rank=1)
        review(pupil, due=dt.date(2019, 1, 10), held=dt.date(2019, 1, 10), notes=f"EHCP notes {i}")
        record_participations(activity=activity, by=None, audit=False,
                              entries=[ParticipationInput(pupil=pupil, response=f"careers words {i}")])
        made[age] = pupil
    # A recent leaver (kept) and one who left four years ago (due on the leaving-date schedule).
    made["recent leaver"] = leave(factories.PupilFactory(school=world.school, upn="A000000000201"),
                                  dt.date(2025, 7, 20))
    made["left 2022"] = leave(factories.PupilFactory(school=world.school, upn="A000000000202"),
                              dt.date(2022, 3, 9))
    return made


def test_past_retention_anonymised_and_none_before(world):
    made = _pupils(world)
    due = {*DUE, "left 2022"}
    out = StringIO()
    call_command("retention", school=world.school.slug, dry_run=True, stdout=out)
    listed = {int(n) for n in re.findall(r"Pupil (\d+),", out.getvalue())}
    assert not Anonymisation.objects.filter(school=world.school).exists()
    assert listed == {made[k].pk for k in due}

    call_command("retention", school=world.school.slug, stdout=StringIO())
    anonymised = set(Anonymisation.objects.filter(school=world.school).values_list("pupil_id", flat=True))
    assert anonymised == listed  # the dry run's set is the real run's set
    for key, pupil in made.items():
        pupil.refresh_from_db()
        if key in due:
            assert pupil.legal_surname.startswith("pupil"), key
            assert not pupil.upn.startswith("A0"), key
        else:
            assert not pupil.legal_surname.startswith("pupil"), key
            assert pupil.upn.startswith("A0"), key
    # Careers words and EHCP review notes go with the record; the youngest keeps hers.
    words = dict(Participation.objects.filter(school=world.school).values_list("pupil_id", "response"))
    assert words[made["24y364d"].pk] == "careers words 0"
    assert all(words[made[k].pk] == "" for k in DUE)
    notes = dict(AnnualReview.objects.filter(school=world.school).values_list("pupil_id", "notes"))
    assert notes[made["24y364d"].pk] == "EHCP notes 0"
    assert all("EHCP notes" not in notes[made[k].pk] for k in DUE)
    # Needs stay for the school's counts, on a record nobody can identify any more.
    assert PupilNeed.objects.filter(pupil=made["31y"]).exists()


def test_the_25th_birthday_is_the_day(world):
    """The day before the 25th birthday: not due. On it: due. Running again changes nothing."""
    made = _pupils(world)
    call_command("retention", school=world.school.slug, stdout=StringIO())
    assert not Anonymisation.objects.filter(pupil=made["24y364d"]).exists()
    assert Anonymisation.objects.filter(pupil=made["25y"]).exists()
    out = StringIO()
    call_command("retention", school=world.school.slug, dry_run=True, stdout=out)
    assert "Would anonymise 0" in out.getvalue()
