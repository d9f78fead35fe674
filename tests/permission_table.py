"""The building blocks of the permission table in tests/test_permissions.py.

Areas add their own rows in tests/<area>/permission_rows.py using these.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.conftest import SchoolWorld


@dataclass
class Objects:
    world: SchoolWorld
    provider: Any
    pathway: Any
    phase: Any
    term: Any
    run: Any
    tokens: dict[str, Any]


def all_roles(code: int) -> dict[str, int]:
    return {"careers_leader": code, "class_teacher": code, "adviser": code, "leader": code}


def careers_leader_only(ok: int = 200) -> dict[str, int]:
    return {"careers_leader": ok, "class_teacher": 403, "adviser": 403, "leader": 403}


@dataclass
class Row:
    expected: dict[str, int]
    kwargs: Callable[[Objects, str], dict[str, Any]] = lambda o, role: {}
    method: str = "get"
    school: bool = True  # under /s/<school>/: anonymous → sign in, another school → 404


def pk(attr: str) -> Callable[[Objects, str], dict[str, Any]]:
    def build(objects: Objects, role: str) -> dict[str, Any]:
        value = objects
        for part in attr.split("."):
            value = getattr(value, part)
        return {"pk": value.pk}
    return build
