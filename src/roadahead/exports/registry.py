"""Which tables a school's export holds, found from the models rather than listed by hand.

Every model in `settings.ROADAHEAD_APPS` with a direct foreign key to the school is exported, one
table per model, unless it is in `DENIED_MODELS` below. So a model another app adds tomorrow is in
tomorrow's export without a change here; `tests/exports/test_registry.py` fails when a model or a
field looks like a secret (a token, a hash, a password, raw bytes) and nobody has decided about it.

Columns are the model's concrete fields in declaration order (a foreign key as `<name>_id`, the
related row's id, so tables join up), then each many-to-many field as a list of ids, then any
`EXTRA_COLUMNS`. Fields in `DENIED_FIELDS` are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models

from roadahead.schools.models import School

# Models a school owns that are never exported, each with the reason.
DENIED_MODELS: dict[str, str] = {
    "api.apitoken": "API tokens are credentials for this installation only: the hash would let nobody in "
                    "elsewhere, and a credential never leaves the system it was issued by.",
}

# Fields left out of an exported table, as "app.model.field", each with the reason.
DENIED_FIELDS: dict[str, str] = {
    "events.feedbacklink.token_hash": "The hash of a one-time feedback link's secret: a credential, not a record.",
    "imports.importrun.content": "The bytes of the file that was uploaded. Its rows are exported in their own "
                                 "tables; files are exported by name only, never their bytes.",
    "surveys.surveylink.token": "The secret in a survey's answering address: anyone holding it may answer, so it "
                                "stays in Road Ahead (make a new link in the new system).",
}

# Fields whose names look like a secret but are not one, each with the reason.
ALLOWED_FIELDS: dict[str, str] = {}

# Models in the Road Ahead apps without a school of their own, and how their rows are covered.
NOT_SCHOOL_OWNED: dict[str, str] = {
    "schools.school": "The school itself: exported as the one-row 'School' table and the archive's header.",
    "people.user": "People's accounts serve every school they belong to. Each school exports only its own "
                   "members, through the memberships table (name, email, role, active); password hashes "
                   "and other schools' members never leave.",
    # Sign-in security (the accounts app): credentials and session data, never exported.
    "accounts.session": "Signed-in sessions: session data belongs to a browser's sign-in, not to a school's "
                        "records, and is a secret.",
    "accounts.backupcodedevice": "A person's two-factor sign-in device: a credential for this installation.",
    "accounts.backupcode": "Hashed two-factor backup codes (salt and digest): credentials, never exported.",
}

# Columns read through a relation, added to a table: (column name, lookup path).
EXTRA_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "people.membership": (("user_full_name", "user__full_name"), ("user_email", "user__email")),
}

# Plainer titles than some models' own names give.
TITLES: dict[str, str] = {
    "schools.school": "School",
    "audit.auditentry": "Audit log",
    "people.membership": "Staff (memberships)",
    "activities.series": "Activity series",
    "curriculum.scheme": "Schemes of learning",
    "lmi.lmiitem": "Labour market information",
    "lmi.lmishare": "Labour market information shared",
    "profiles.transitionplan": "Transition plans",
    "profiles.myfuture": "My future pages",
    "skills.framework": "Skills frameworks",
    "skills.step": "Skills steps",
    "skills.assessment": "Skills assessments",
    "placements.workarea": "Placement work areas",
    "placements.assignment": "Placement assignments",
    "transition.transitionpair": "Paired transition visits",
    "destinations.checkin": "Destination check-ins",
    "destinations.retentionpolicy": "Retention policy",
    "reviews.pfaoutcome": "PfA outcomes",
    "reviews.pfaprogress": "PfA progress",
    "evaluation.criterion": "Self-evaluation criteria",
    "evaluation.evaluation": "Self-evaluations",
    "evaluation.mark": "Self-evaluation marks",
    "evaluation.action": "Action plan",
    "imports.importrun": "Imports",
}

SECRET_NAME = re.compile(r"token|hash|password|secret|digest|salt|credential", re.IGNORECASE)


def looks_secret(name: str) -> bool:
    return bool(SECRET_NAME.search(name))


def field_key(model: type[models.Model], name: str) -> str:
    return f"{model._meta.label_lower}.{name}"


# Kinds of column, which decide how a value is written in each format.
TEXT, NUMBER, BOOLEAN, DATE, JSON, IDS = "text", "number", "boolean", "date", "json", "ids"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    path: str = ""  # the lookup read from the database; empty for many-to-many columns
    references: str = ""  # the table whose ids a foreign key or many-to-many column holds


@dataclass(frozen=True)
class ManyToMany:
    """A many-to-many field: read in one query over its link table, as each row's list of ids."""

    column: str
    through: type[models.Model]
    source: str  # the link table's column for this table's row
    target: str  # the link table's column for the related row


@dataclass(frozen=True)
class Table:
    key: str  # "people.pupil"
    title: str  # "Pupils"
    model: type[models.Model]
    school_field: str  # "school", or "pk" for the School table itself
    columns: tuple[Column, ...]
    many_to_many: tuple[ManyToMany, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def references(self) -> dict[str, str]:
        return {c.name: c.references for c in self.columns if c.references}


def _kind(model_field: models.Field) -> str:  # type: ignore[type-arg]
    if isinstance(model_field, models.ForeignKey):
        return NUMBER
    if isinstance(model_field, models.BooleanField):
        return BOOLEAN
    if isinstance(model_field, models.DateField | models.TimeField | models.DurationField):
        return DATE
    if isinstance(model_field, models.JSONField):
        return JSON
    if isinstance(model_field, models.IntegerField | models.AutoField | models.FloatField | models.DecimalField):
        return NUMBER
    return TEXT


def _references(model_field: models.Field) -> str:  # type: ignore[type-arg]
    """The table a relation points at: "people.pupil"; a person's account is found through the
    memberships table's user_id, so a relation to a user says "people.membership.user_id"."""
    if not model_field.is_relation or model_field.related_model is None:
        return ""
    label = model_field.related_model._meta.label_lower  # type: ignore[union-attr]
    return "people.membership.user_id" if label == "people.user" else label


def school_field_of(model: type[models.Model]) -> str | None:
    """The model's direct foreign key to the school ("school"), if it has one."""
    found = [f.name for f in model._meta.concrete_fields
             if isinstance(f, models.ForeignKey) and f.related_model is School]
    if "school" in found:
        return "school"
    return found[0] if found else None


def road_ahead_models() -> list[type[models.Model]]:
    """Every concrete model of the Road Ahead apps, in the apps' order."""
    names = list(settings.ROADAHEAD_APPS)
    found = [m for m in apps.get_models()
             if m._meta.app_config.name in names and not m._meta.proxy and m._meta.managed]
    return sorted(found, key=lambda m: names.index(m._meta.app_config.name))


def is_exported_field(model: type[models.Model], name: str) -> bool:
    key = field_key(model, name)
    if key in DENIED_FIELDS:
        return False
    # A field that looks like a secret is left out until someone allows it (the registry test
    # fails meanwhile), so a new secret never leaves by default.
    return not looks_secret(name) or key in ALLOWED_FIELDS


def _table(model: type[models.Model], school_field: str) -> Table:
    key = model._meta.label_lower
    columns: list[Column] = []
    for model_field in model._meta.concrete_fields:
        if not is_exported_field(model, model_field.name):
            continue
        if isinstance(model_field, models.BinaryField):
            continue  # bytes are never exported; the registry test asks for a decision in DENIED_FIELDS
        name = model_field.attname  # "pupil_id" for a foreign key
        columns.append(Column(name=name, kind=_kind(model_field), path=name, references=_references(model_field)))
    links: list[ManyToMany] = []
    for m2m in model._meta.many_to_many:
        if not is_exported_field(model, m2m.name):
            continue
        through = m2m.remote_field.through  # type: ignore[attr-defined]
        links.append(ManyToMany(column=m2m.name, through=through,
                                source=through._meta.get_field(m2m.m2m_field_name()).attname,  # type: ignore[attr-defined]
                                target=through._meta.get_field(m2m.m2m_reverse_field_name()).attname))  # type: ignore[attr-defined]
        columns.append(Column(name=m2m.name, kind=IDS, references=_references(m2m)))
    for name, path in EXTRA_COLUMNS.get(key, ()):
        columns.append(Column(name=name, kind=TEXT, path=path))
    title = TITLES.get(key) or str(model._meta.verbose_name_plural)
    return Table(key=key, title=title[:1].upper() + title[1:], model=model, school_field=school_field,
                 columns=tuple(columns), many_to_many=tuple(links))


@cache
def tables() -> tuple[Table, ...]:
    """Every table in a school's export: the school itself first, then the apps' models in order."""
    found = [_table(School, "pk")]
    for model in road_ahead_models():
        school_field = school_field_of(model)
        if school_field is None or model._meta.label_lower in DENIED_MODELS:
            continue
        found.append(_table(model, school_field))
    return tuple(found)
