"""H47 (docs/security.md): Django's deployment checks pass with production settings, and a weak
secret key stops the server from starting at all."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ROADAHEAD_", "DJANGO_"))}
    env.update({"ROADAHEAD_HTTPS": "true", "ROADAHEAD_SECRET_KEY": secrets.token_urlsafe(50),
                "ROADAHEAD_ALLOWED_HOSTS": "careers.example.sch.uk", "ROADAHEAD_DATA_DIR": str(tmp_path),
                "DJANGO_SETTINGS_MODULE": "roadahead.settings", **extra})
    return env


def roadahead(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadahead", *args], env=env, cwd=ROOT,  # noqa: S603
                          capture_output=True, text=True, timeout=120, check=False)


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = roadahead(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_only_justified_checks_are_silenced():
    from django.conf import settings

    # security.W021 (HSTS preload): a decision for the owner of the whole domain, see settings.py.
    assert settings.SILENCED_SYSTEM_CHECKS == ["security.W021"]


@pytest.mark.parametrize("key", ["django-insecure-" + "a1b2c3d4e5" * 6, "short-but-random-Zx9q", ""])
def test_a_weak_secret_key_stops_start_up(tmp_path, key):
    env = production_env(tmp_path, ROADAHEAD_SECRET_KEY=key)
    if not key:  # an empty file named by ROADAHEAD_SECRET_KEY_FILE
        (tmp_path / "key").write_text("short\n", encoding="utf-8")
        env.pop("ROADAHEAD_SECRET_KEY")
        env["ROADAHEAD_SECRET_KEY_FILE"] = str(tmp_path / "key")
    result = roadahead(env, "check")
    assert result.returncode != 0
    assert "ROADAHEAD_SECRET_KEY must be at least 50 random characters" in result.stderr
