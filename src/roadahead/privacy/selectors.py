"""Everything Road Ahead holds about one pupil, for a subject access request (security.md G41).

One query per table in `graph.links()` (a fixed number, however long the record), plus the
activities the pupil took part in (the activity, never who else was there), the shared rows they
are listed on (a series, a paired visit: title only), and the audit history of who read or
changed their record. Each column carries its classification from `classification.py`.
Secrets (hashes, tokens, file bytes) are left out as the school export leaves them out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q

from roadahead.activities.models import Activity, Participation
from roadahead.audit.models import AuditEntry
from roadahead.exports.registry import TITLES, is_exported_field, school_field_of
from roadahead.people.models import Pupil
from roadahead.privacy import classification, graph
from roadahead.schools.models import School

# Columns of an activity that are about the activity itself; who else took part is never shown.
ACTIVITY_COLUMNS = ("id", "title", "date", "end_date", "activity_type__name", "setting", "purpose",
                    "learning_outcomes")
AUDIT_COLUMNS = ("at", "action", "user__full_name", "object_type", "object_id")


@dataclass
class Table:
    key: str
    title: str
    kind: str  # "pupil", "direct", "child", "shared", "activities", "audit"
    columns: list[str]
    classes: dict[str, str]  # column → none / personal / special
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def cells(self) -> list[list[tuple[str, Any, str]]]:
        """Each row as (column, value, classification), for the PDF."""
        return [[(c, row[c], self.classes.get(c, "none")) for c in self.columns] for row in self.rows]

    def as_json(self) -> dict[str, Any]:
        return {"table": self.key, "title": self.title, "classification": self.classes, "rows": self.rows}


@dataclass
class SubjectAccess:
    school: School
    pupil_id: int
    generated_at: dt.datetime
    tables: list[Table]

    @property
    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)

    def counts(self) -> dict[str, int]:
        return {t.key: len(t.rows) for t in self.tables}

    def as_json(self) -> dict[str, Any]:
        return {
            "about": "Everything Road Ahead holds about one pupil (a subject access request). Each table "
                     "lists its rows; 'classification' says which columns are personal or special-category "
                     "data. Other pupils are never named: shared activities are listed, not who else took part.",
            "school": {"name": self.school.name, "urn": self.school.urn},
            "pupil_id": self.pupil_id,
            "generated_at": self.generated_at.isoformat(),
            "tables": [t.as_json() for t in self.tables],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):  # datetimes too: aware, in UTC
        return value.isoformat()
    if isinstance(value, dt.timedelta | uuid.UUID):
        return str(value)
    return value


def _title(model: type[models.Model]) -> str:
    title = TITLES.get(model._meta.label_lower) or str(model._meta.verbose_name_plural)
    return title[:1].upper() + title[1:]


def _columns(model: type[models.Model], *, hide: frozenset[str]) -> tuple[list[str], dict[str, str]]:
    """Column names (a foreign key as its id, `pupil_id`) and their classification, as the export has them."""
    names: list[str] = []
    classes: dict[str, str] = {}
    for model_field in model._meta.concrete_fields:
        if model_field.name in hide or isinstance(model_field, models.BinaryField):
            continue
        if not is_exported_field(model, model_field.name):
            continue
        names.append(model_field.attname)
        classes[model_field.attname] = classification.classify(model, model_field.name).classification
    return names, classes


def _rows(queryset: models.QuerySet[Any], columns: list[str]) -> list[dict[str, Any]]:
    return [{c: _plain(v) for c, v in zip(columns, values, strict=True)}
            for values in queryset.values_list(*columns)]


def _read(model: type[models.Model], where: Q, *, school: School, kind: str,
          hide: frozenset[str] = frozenset()) -> Table:
    columns, classes = _columns(model, hide=hide)
    queryset = (model._default_manager.filter(where, **{school_field_of(model) or "school": school})
                .order_by("pk").distinct())
    return Table(key=model._meta.label_lower, title=_title(model), kind=kind, columns=columns, classes=classes,
                 rows=_rows(queryset, columns))


def subject_access(*, school: School, pupil: Pupil, generated_at: dt.datetime) -> SubjectAccess:
    """Every row about `pupil` in every table, the activities they took part in and who saw their record."""
    tables = [_read(Pupil, Q(pk=pupil.pk), school=school, kind="pupil")]
    for link in graph.links():
        if link.kind == "shared":
            continue
        tables.append(_read(link.model, link.q(pupil.pk), school=school, kind=link.kind))
    for link in graph.links():
        if link.kind != "shared":
            continue
        # Listed on it with others: the row itself, never the list of who else is on it.
        table = _read(link.model, link.q(pupil.pk), school=school, kind="shared",
                      hide=frozenset(graph.shared_fields(link.model)))
        tables.append(table)
    activity_ids = Participation.objects.filter(school=school, pupil=pupil).values("activity_id")
    activities = Activity.objects.filter(school=school, pk__in=activity_ids).order_by("date", "pk")
    columns = list(ACTIVITY_COLUMNS)
    tables.append(Table(key="activities.activity", title="Activities taken part in", kind="activities",
                        columns=columns, classes=dict.fromkeys(columns, classification.NONE),
                        rows=_rows(activities, columns)))
    audit = (AuditEntry.objects.filter(school=school)
             .filter(Q(pupil_id=pupil.pk) | Q(object_type="people.pupil", object_id=pupil.pk))
             .order_by("at", "pk"))
    columns = list(AUDIT_COLUMNS)
    tables.append(Table(key="audit.auditentry", title="Who read or changed the record", kind="audit",
                        columns=columns, classes={**dict.fromkeys(columns, classification.NONE),
                                                  "user__full_name": classification.PERSONAL},
                        rows=_rows(audit, columns)))
    return SubjectAccess(school=school, pupil_id=pupil.pk, generated_at=generated_at, tables=tables)


def row_counts(*, school: School, pupil: Pupil) -> list[tuple[str, int]]:
    """What erasing the pupil takes: each table's title and how many of its rows go (or lose the pupil)."""
    found = [(_title(Pupil), 1)]
    for link in graph.links():
        where = {school_field_of(link.model) or "school": school}
        count = link.model._default_manager.filter(link.q(pupil.pk), **where).distinct().count()
        if count:
            found.append((_title(link.model), count))
    return found
