"""Small builders for career profile tests."""

from __future__ import annotations

import datetime as dt
import io

from roadahead.people.models import Membership, Pupil
from roadahead.profiles.enums import CaptureMethod, EntryKind, Source
from roadahead.profiles.models import ProfileEntry, TransitionPlan
from roadahead.schools.models import DestinationCategory


def entry(pupil: Pupil, text: str = "Likes working with animals", *, kind: str = EntryKind.LIKE,
          day: dt.date = dt.date(2026, 1, 12), by: Membership | None = None, source: str = Source.PUPIL,
          captured: str = CaptureMethod.SYMBOLS, ended_on: dt.date | None = None,
          on_my_future: bool = False) -> ProfileEntry:
    return ProfileEntry.objects.create(school=pupil.school, pupil=pupil, kind=kind, text=text, source=source,
                                       captured=captured, recorded_on=day, recorded_by=by, ended_on=ended_on,
                                       on_my_future=on_my_future)


def category(school, code: str = "supported-internship", name: str = "Supported internship") -> DestinationCategory:
    return DestinationCategory.objects.get_or_create(school=school, code=code, defaults={"name": name})[0]


def plan(pupil: Pupil, start_year: int = 2025, *, pupil_category: DestinationCategory | None = None,
         pupil_aim: str = "Work with animals", reviewed_on: dt.date = dt.date(2026, 1, 20)) -> TransitionPlan:
    return TransitionPlan.objects.create(school=pupil.school, pupil=pupil, start_year=start_year,
                                         pupil_category=pupil_category, pupil_aim=pupil_aim,
                                         reviewed_on=reviewed_on)


def png_bytes(size: tuple[int, int] = (40, 30), colour: tuple[int, int, int] = (29, 112, 184)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif(size: tuple[int, int] = (64, 48)) -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (200, 80, 40))
    exif = Image.Exif()
    exif[0x013B] = "Secret Photographer"  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()
