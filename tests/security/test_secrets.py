"""H50 (docs/security.md): no secrets in the repository. Every tracked text file is scanned for
private keys, API tokens in Road Ahead's own shape, cloud-style access keys and hard-coded keys."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----"),
    # roadahead.api.models.new_token: "ra_" and 43 URL-safe characters.
    "Road Ahead API token": re.compile(r"\bra_[A-Za-z0-9_-]{40,}"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "hard-coded SECRET_KEY": re.compile(r"""SECRET_KEY\s*=\s*["'][^"']{8,}["']"""),
    "Django placeholder key": re.compile(r"django-insecure-[A-Za-z0-9!@#$%^&*(\-_=+)]{20,}"),
    "password in a URL": re.compile(r"\b(?:postgres(?:ql)?|mysql|redis|amqp)://[^:/\s]+:(?!(?i:password|change-?me)@|[$<{])[^@\s]{6,}@"),
}

# A test that proves a weak key is refused has to write one down.
ALLOWED = {("tests/security/test_deploy.py", "Django placeholder key")}


def tracked_files() -> list[Path]:
    listing = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)  # noqa: S607
    return [ROOT / name for name in listing.stdout.decode().split("\0") if name]


def test_the_scanner_finds_what_it_looks_for():
    samples = {
        "private key": "-----BEGIN " + "RSA PRIVATE KEY-----",
        "Road Ahead API token": "Bearer ra_" + "Q" * 43,
        "AWS access key": "AKIA" + "ABCDEFGHIJKLMNOP",
        "hard-coded SECRET_KEY": "SECRET" + "_KEY = " + repr("x9" * 30),
        "Django placeholder key": "django-" + "insecure-" + "a" * 40,
        "password in a URL": "postgres://roadahead:" + "hunter22x@db/roadahead",
    }
    for name, sample in samples.items():
        assert PATTERNS[name].search(sample), name
    for placeholder in ["password", "PASSWORD", "CHANGE-ME", "${PASSWORD}", "<password>"]:
        assert not PATTERNS["password in a URL"].search(f"postgres://user:{placeholder}@localhost/roadahead")


def test_no_secrets_in_tracked_files():
    files = tracked_files()
    assert len(files) > 500
    found = []
    for path in files:
        if not path.is_file():
            continue  # deleted in the work tree, not yet committed
        raw = path.read_bytes()
        if b"\0" in raw[:8192]:
            continue  # binary (images, workbooks): no text secrets to find
        text = raw.decode("utf-8", errors="replace")
        relative = path.relative_to(ROOT).as_posix()
        for name, pattern in PATTERNS.items():
            if (relative, name) in ALLOWED:
                continue
            found += [f"{relative}: {name}: {match.group(0)[:24]}…" for match in pattern.finditer(text)]
    assert found == []
