"""The export cannot forget a model or leak a secret silently.

A model another app adds is exported automatically if it has a school; these tests fail when a
model or field looks like a secret and nobody has decided about it, or a model has no school and no
reason why it is not exported.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from roadahead.exports import registry
from roadahead.schools.models import School


def _decided(key: str) -> bool:
    return key in registry.DENIED_FIELDS or key in registry.ALLOWED_FIELDS


def test_every_model_is_exported_or_excluded_with_a_reason():
    exported = {t.key for t in registry.tables()}
    for model in registry.road_ahead_models():
        key = model._meta.label_lower
        if registry.school_field_of(model) is not None:
            assert key in exported or registry.DENIED_MODELS.get(key), (
                f"{key} belongs to a school: export it, or say in DENIED_MODELS why not")
            assert not (key in exported and key in registry.DENIED_MODELS)
        else:
            assert registry.NOT_SCHOOL_OWNED.get(key), (
                f"{key} has no school: say in NOT_SCHOOL_OWNED how its rows are covered, or give it a school")


def test_no_field_that_looks_like_a_secret_is_undecided():
    undecided = []
    for model in registry.road_ahead_models():
        owned = registry.school_field_of(model) is not None or model is School
        if not owned or model._meta.label_lower in registry.DENIED_MODELS:
            continue
        if registry.looks_secret(model._meta.model_name):
            undecided.append(model._meta.label_lower)
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            key = registry.field_key(model, field.name)
            suspicious = registry.looks_secret(field.name) or isinstance(field, models.BinaryField)
            if suspicious and not _decided(key):
                undecided.append(key)
    assert undecided == [], "put these in DENIED_FIELDS (or ALLOWED_FIELDS) with the reason"


def test_secret_looking_model_names_are_denied():
    for model in registry.road_ahead_models():
        key = model._meta.label_lower
        if registry.looks_secret(model._meta.model_name) and registry.school_field_of(model) is not None:
            assert key in registry.DENIED_MODELS, f"{key} looks like it holds secrets"


def test_denied_fields_are_never_columns():
    columns = {f"{t.key}.{c.name}" for t in registry.tables() for c in t.columns}
    columns |= {f"{t.key}.{c.name.removesuffix('_id')}" for t in registry.tables() for c in t.columns}
    assert not set(registry.DENIED_FIELDS) & columns
    assert not {t.key for t in registry.tables()} & set(registry.DENIED_MODELS)
    assert "api.apitoken" not in {t.key for t in registry.tables()}


def test_the_lists_name_real_models_and_fields_and_give_reasons():
    # An entry may name a model of an app still being written elsewhere (not installed yet); once
    # its app is installed, the model and field must exist.
    installed = {m._meta.label_lower for m in apps.get_models()}
    labels = {c.label for c in apps.get_app_configs()}
    for key, reason in [*registry.DENIED_FIELDS.items(), *registry.ALLOWED_FIELDS.items()]:
        label, name = key.rsplit(".", 1)
        assert len(reason) > 20, key
        if label.split(".")[0] not in labels:
            continue
        assert label in installed, f"{key} names a model its app does not have"
        assert apps.get_model(label)._meta.get_field(name), key
    for key, reason in [*registry.DENIED_MODELS.items(), *registry.NOT_SCHOOL_OWNED.items()]:
        assert len(reason) > 20, key
        if key.split(".")[0] in {c.label for c in apps.get_app_configs()}:
            assert key in installed, f"{key} is listed but its app has no such model"


def test_users_are_exported_only_through_memberships():
    membership = next(t for t in registry.tables() if t.key == "people.membership")
    assert {"user_full_name", "user_email", "role", "is_active"} <= set(membership.column_names)
    assert "people.user" not in {t.key for t in registry.tables()}
    assert not [c for t in registry.tables() for c in t.columns if "password" in c.path]
