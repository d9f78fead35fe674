"""Reading a school's tables for the export: one query per table and one per many-to-many field.

Rows are read in chunks (`.iterator()`), never all at once: seven years of a school's
participations are hundreds of thousands of rows. Each value comes out ready for any format:
dates as ISO 8601 text, many-to-many fields as sorted lists of ids, JSON as Python values, files by
their stored name only. Every query filters by the school explicitly, inside the school's scope.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.utils.duration import duration_iso_string

from roadahead.exports.registry import ManyToMany, Table
from roadahead.schools.models import School

CHUNK_SIZE = 2000


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # datetimes too: aware, in UTC
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):  # never written; the registry leaves bytes out
        return None
    return value


def _links(table: Table, link: ManyToMany, school: School) -> dict[int, list[int]]:
    """Each row's related ids for one many-to-many field, in one query over the link table."""
    found: dict[int, list[int]] = defaultdict(list)
    source_field = link.source.removesuffix("_id")
    lookup = f"{source_field}__pk" if table.school_field == "pk" else f"{source_field}__{table.school_field}"
    pairs = (link.through._default_manager.filter(**{lookup: school.pk})
             .order_by(link.source, link.target).values_list(link.source, link.target))
    for source, target in pairs.iterator(chunk_size=CHUNK_SIZE):
        found[source].append(target)
    return found


def table_rows(*, table: Table, school: School) -> Iterator[list[Any]]:
    """The school's rows of one table, in id order, each a list of values in `table.columns` order."""
    links = {link.column: _links(table, link, school) for link in table.many_to_many}
    reads = [c for c in table.columns if c.path]
    positions = {c.name: i for i, c in enumerate(table.columns)}
    found = (table.model._default_manager.filter(**{table.school_field: school.pk}).order_by("pk")
             .values_list("pk", *(c.path for c in reads)))
    width = len(table.columns)
    slots = [positions[c.name] for c in reads]
    linked = [(positions[column], ids) for column, ids in links.items()]
    for pk, *values in found.iterator(chunk_size=CHUNK_SIZE):
        row: list[Any] = [None] * width
        for slot, value in zip(slots, values, strict=True):
            row[slot] = _plain(value)
        for slot, ids in linked:
            row[slot] = ids.get(pk, [])
        yield row
