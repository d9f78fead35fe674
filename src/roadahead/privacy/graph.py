"""Which tables hold rows about one pupil, found from the models' foreign keys rather than listed by hand.

- direct: every model with a foreign key (or one-to-one) to `people.Pupil`, e.g. participations,
  guidance meetings, destinations;
- children: rows one step further that only make sense with such a parent (deleted with it, and
  without a pupil of their own), e.g. a guidance meeting's agreed actions, a placement's report,
  earlier versions of a participation;
- shared: models that list pupils in a many-to-many field (an activity series, a paired transition
  visit). These are shared with other pupils: a subject access request lists the row, never its
  other members, and erasure takes the pupil off the list.

So a table another app adds tomorrow with a foreign key to the pupil is in tomorrow's subject access
export and erasure without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import models
from django.db.models import Q

from roadahead.exports.registry import road_ahead_models
from roadahead.people.models import Pupil


@dataclass(frozen=True)
class Link:
    model: type[models.Model]
    paths: tuple[str, ...]  # lookups from the model to the pupil's id: ("pupil",), ("meeting__pupil",)
    kind: str  # "direct", "child" or "shared"

    @property
    def key(self) -> str:
        return self.model._meta.label_lower

    def q(self, pupil_id: int) -> Q:
        found = Q()
        for path in self.paths:
            found |= Q(**{path: pupil_id})
        return found


def _pupil_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields
            if f.is_relation and f.related_model is Pupil and (f.many_to_one or f.one_to_one)]


@cache
def links() -> tuple[Link, ...]:
    """Every table that points at a pupil, directly, one step further, or through a shared list."""
    everything = road_ahead_models()
    direct: dict[type[models.Model], tuple[str, ...]] = {}
    for model in everything:
        if model is Pupil:
            continue
        names = _pupil_fields(model)
        if names:
            direct[model] = tuple(names)
    found = [Link(model, paths, "direct") for model, paths in direct.items()]
    for model in everything:
        if model in direct or model is Pupil:
            continue
        paths: list[str] = []
        for model_field in model._meta.concrete_fields:
            parent = model_field.related_model if model_field.is_relation else None
            if parent in direct and model_field.remote_field.on_delete is models.CASCADE:  # type: ignore[union-attr]
                paths += [f"{model_field.name}__{p}" for p in direct[parent]]  # type: ignore[index]
        if paths:
            found.append(Link(model, tuple(paths), "child"))
    for model in everything:
        for m2m in model._meta.many_to_many:
            if m2m.related_model is Pupil:
                found.append(Link(model, (m2m.name,), "shared"))
    return tuple(found)


def shared_fields(model: type[models.Model]) -> set[str]:
    """A model's many-to-many fields listing pupils: never shown in a subject access export."""
    return {m.name for m in model._meta.many_to_many if m.related_model is Pupil}
