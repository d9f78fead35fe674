"""The app dependency order in docs/developer/architecture.md, checked on every run.

An app may import from itself and from apps listed before it in settings.ROADAHEAD_APPS, never from
an app after it. One exception: the interface modules of an app (views, forms, urls, management
commands) may also use `people`, whose rules, decorators and selectors say who is asking and what
they may see; every page needs that. A new upward import fails here with the file and line to fix.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

SRC = Path(__file__).resolve().parent.parent / "src" / "roadahead"
ORDER = [name.rsplit(".", 1)[1] for name in settings.ROADAHEAD_APPS]


def imported_apps(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "roadahead" and parts[1] in ORDER:
                found.append((node.lineno, parts[1]))
    return found


INTERFACE_MODULES = {"views.py", "forms.py", "urls.py", "decorators.py"}


def is_interface(path: Path) -> bool:
    return path.name in INTERFACE_MODULES or "management" in path.parts


def test_apps_import_only_downwards():
    problems = []
    for app in ORDER:
        for path in sorted((SRC / app).rglob("*.py")):
            for line, other in imported_apps(path):
                if other == "people" and is_interface(path):
                    continue
                if ORDER.index(other) > ORDER.index(app):
                    problems.append(f"{path.relative_to(SRC)}:{line} imports roadahead.{other}, which sits above {app}")
    assert problems == []


def test_every_app_is_in_the_documented_order():
    apps_on_disk = sorted(p.parent.name for p in SRC.glob("*/apps.py"))
    assert apps_on_disk == sorted(ORDER)
