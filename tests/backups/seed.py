"""Build a small school in a fresh database, for the backup and migration tests.

Run in its own process with ROADAHEAD_DATA_DIR (and DATABASE_URL for PostgreSQL) naming a
throwaway database, never the test database:

    python -m tests.backups.seed

It migrates, loads an example programme (school, calendar, pathways, benchmarks, curriculum,
activity types, providers), then adds staff, pupils, an activity with participations, profile
entries and a My future picture through the apps' own services and the test factories, so rows
land in many apps and one file lands under MEDIA_ROOT.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = ROOT / "examples" / "programmes" / "four-pathway.yaml"


def picture_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def seed() -> None:
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from roadahead.activities.enums import Attendance
    from roadahead.activities.models import Activity, ActivityType, Participation
    from roadahead.people.enums import Role
    from roadahead.profiles import services as profiles
    from roadahead.profiles.enums import CaptureMethod, EntryKind, PictureSection, Source
    from roadahead.schools.models import AcademicYear, School
    from tests import factories

    call_command("migrate", interactive=False, verbosity=0)
    call_command("programme", "load", str(PROGRAMME), stdout=io.StringIO())
    with scopes_disabled():
        school = School.objects.get(slug="heathfield")
        year = AcademicYear.objects.filter(school=school).order_by("-start_year").first()
        leader = factories.MembershipFactory(school=school, role=Role.CAREERS_LEADER,
                                             user__email="leader@backup.example", user__full_name="Careers Leader")
        group = factories.ClassGroupFactory(school=school, academic_year=year, name="Oak")
        pupils = []
        # names with the characters a checksum's row text must keep apart
        for i, forename in enumerate(["Zoë", "Ana\tTab", "Line\nBreak", "O'Brien", "Back\\slash"]):
            pupil = factories.PupilFactory(school=school, upn=f"B9990000000{i:02d}", legal_forename=forename)
            factories.EnrolmentFactory(pupil=pupil, academic_year=year, nc_year="10", class_group=group)
            factories.PupilNeedFactory(pupil=pupil, need="SLD")
            pupils.append(pupil)
        activity_type = ActivityType.objects.filter(school=school).first()
        activity = Activity.objects.create(school=school, activity_type=activity_type, title="Visit to a garden centre",
                                           date=dt.date(2026, 2, 3), academic_year=year, created_by=leader.user)
        for pupil in pupils:
            Participation.objects.create(school=school, activity=activity, pupil=pupil,
                                         attendance=Attendance.ATTENDED, recorded_by=leader.user)
            profiles.add_entry(school=school, pupil=pupil, member=leader, kind=EntryKind.INTEREST,
                               text="Likes working with plants", source=Source.PUPIL,
                               captured=CaptureMethod.SYMBOLS, recorded_on=dt.date(2026, 2, 4))
        profiles.add_picture(school=school, pupil=pupils[0], member=leader, data=picture_bytes(),
                             section=PictureSection.LIKE, alt_text="A flower pot")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "roadahead.settings_test")
    import django

    django.setup()
    seed()
