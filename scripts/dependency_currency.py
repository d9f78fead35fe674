#!/usr/bin/env python3
"""Is every pinned dependency on the latest patch release of its series? (docs/security.md H51)

An offline-friendly stand-in for pip-audit: for each dependency pinned in pyproject.toml (runtime
and dev group), the version locked in uv.lock is compared with the newest release of the same
major.minor series that the package index offers (`pip index versions NAME`, an ordinary registry
query through pip's configured index). Prints a table and exits 1 if any is behind, 2 if the index
could not be asked. Needs the network, so it is not part of CI: run it before a release and monthly.

    python3 scripts/dependency_currency.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def release(version: str) -> tuple[int, ...] | None:
    """A final release's numbers; None for pre-releases, dev and post releases."""
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        return None
    return tuple(int(part) for part in version.split("."))


def pinned() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = list(project["project"]["dependencies"])
    for group in project.get("dependency-groups", {}).values():
        requirements += [item for item in group if isinstance(item, str)]
    names = []
    for requirement in requirements:
        match = NAME.match(requirement)
        if match and canonical(match.group(1)) not in names:
            names.append(canonical(match.group(1)))
    return names


def locked() -> dict[str, str]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    return {canonical(package["name"]): package["version"] for package in lock.get("package", [])
            if "version" in package}


def available(name: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pip", "index", "versions", name],  # noqa: S603
                            capture_output=True, text=True, timeout=120, check=False)
    for line in result.stdout.splitlines():
        if line.startswith("Available versions:"):
            return [v.strip() for v in line.split(":", 1)[1].split(",") if v.strip()]
    raise RuntimeError(f"the index gave no versions for {name}: {result.stderr.strip()[-200:]}")


def main() -> int:
    versions = locked()
    behind = unknown = 0
    print(f"{'package':28} {'locked':12} {'latest in series':16} status")
    for name in pinned():
        current = versions.get(name)
        mine = release(current or "")
        if mine is None:
            print(f"{name:28} {current or '?':12} {'':16} not locked as a final release")
            unknown += 1
            continue
        try:
            offered = [release(v) for v in available(name)]
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            print(f"{name:28} {current:12} {'':16} could not ask the index ({error})")
            unknown += 1
            continue
        series = [v for v in offered if v is not None and v[:2] == mine[:2]]
        latest = max(series, default=mine)
        status = "current" if mine >= latest else "BEHIND"
        behind += status == "BEHIND"
        print(f"{name:28} {current:12} {'.'.join(map(str, latest)):16} {status}")
    print(f"\n{behind} behind, {unknown} unknown, of {len(pinned())} pinned dependencies.")
    if behind:
        return 1
    return 2 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
