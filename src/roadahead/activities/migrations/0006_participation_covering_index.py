"""PostgreSQL only: a covering index on participations by (school, activity) with the pupil and
attendance, so the standing engine reads each activity's pupils from the index alone
(standing/counting.py). SQLite cannot hold non-key columns in an index and plans the engine's
other query well without it, so nothing is made there; the model does not declare the index for
the same reason (Django would make a plain, redundant one on SQLite)."""

from __future__ import annotations

from django.db import migrations

NAME = "participation_by_activity"


def create(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON activities_participation (school_id, activity_id) "
            "INCLUDE (pupil_id, attendance)")


def drop(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_created_by_may_be_blank")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
