"""Who may reach the career profile and My future pages (gathered by tests/test_permissions.py).

The adviser's pupil is also in the class teacher's class, so careers leaders, class staff and the
adviser may all open it; senior leaders and governors see no pupil's profile (403). Adviser
scoping for pupils they are not assigned is tested in tests/profiles/test_scoping.py.
"""

from __future__ import annotations

from roadahead.profiles import images
from roadahead.profiles.models import Picture
from tests.permission_table import Objects, Row
from tests.profiles.factories import entry, png_bytes

PROFILE = {"careers_leader": 200, "class_teacher": 200, "adviser": 200, "leader": 403}
REDIRECT = {"careers_leader": 302, "class_teacher": 302, "adviser": 302, "leader": 403}


def _pupil(objects: Objects, role: str) -> dict[str, int]:
    return {"pupil_pk": objects.world.adviser_pupils[0].pk}


def _entry(objects: Objects, role: str) -> dict[str, int]:
    return {"pk": entry(objects.world.adviser_pupils[0]).pk}


def _picture_file(name: str):
    def build(objects: Objects, role: str) -> dict[str, int]:
        # Fixed file names, rewritten each run, so the walk leaves nothing behind that grows. The
        # rows that remove a picture use their own name, so a removal running on another test
        # worker never takes the file from under a row that reads it.
        path = images.private_root() / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes())
        pupil = objects.world.adviser_pupils[0]
        picture = Picture.objects.create(school=pupil.school, pupil=pupil, section="like", alt_text="A goat",
                                         file_name=name, mime_type="image/png", width=40, height=30)
        return {"pk": picture.pk}
    return build


ROWS: dict[str, Row] = {
    "profiles:profile": Row(PROFILE, _pupil),
    "profiles:export": Row(PROFILE),
    "profiles:fragment": Row(PROFILE, _pupil),
    "profiles:entry_create": Row(PROFILE, _pupil),
    "profiles:entry_edit": Row(PROFILE, _entry),
    "profiles:entry_end": Row(PROFILE, _entry),
    "profiles:plan_edit": Row(PROFILE, lambda o, r: {**_pupil(o, r), "start_year": 2025}),
    "profiles:my_future": Row(PROFILE, _pupil),
    "profiles:my_future_pdf": Row(PROFILE, _pupil),
    "profiles:my_future_edit": Row(PROFILE, _pupil),
    "profiles:picture_add": Row(PROFILE, _pupil),
    "profiles:picture": Row(PROFILE, _picture_file("test/permission-walk.png")),
    "profiles:picture_remove": Row(REDIRECT, _picture_file("test/permission-walk-remove.png"), method="post"),
}
