"""C19, C20 and C21 (docs/security.md), over every page of the permission table a careers leader
may open: a strict content security policy, no markup that policy would have to allow, the security
headers, no caching of signed-in pages, and no pupil's name or UPN in any link.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.public.helpers import make_page
from tests.security.support import csp_directives, get_pages, is_html, parse, signed_in
from tests.test_permissions import objects  # noqa: F401  (the permission table's fixture)

pytestmark = pytest.mark.django_db

HEADERS = {
    "X-Content-Type-Options": {"nosniff"},
    # Pages opened through a secret link (feedback, surveys) send no referrer at all: stricter still.
    "Referrer-Policy": {"same-origin", "no-referrer"},
    "Cross-Origin-Opener-Policy": {"same-origin"},
    "X-Frame-Options": {"DENY"},
}


def check_csp(url: str, response) -> list[str]:
    header = response.get("Content-Security-Policy")
    if not header:
        return [f"{url}: no Content-Security-Policy header"]
    problems = []
    policy = csp_directives(header)
    expected = {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'none'"],
                "frame-ancestors": ["'none'"]}
    for name, value in expected.items():
        if policy.get(name) != value:
            problems.append(f"{url}: {name} is {policy.get(name)}")
    for name in ("script-src", "style-src"):
        sources = policy.get(name, policy.get("default-src", []))
        unsafe = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "https:", "http:"} & set(sources)
        if unsafe:
            problems.append(f"{url}: {name} allows {sorted(unsafe)}")
    return problems


def check_markup(url: str, html: str) -> list[str]:
    markup = parse(html)
    problems = [f"{url}: inline script {text!r}" for text in markup.inline_scripts]
    problems += [f"{url}: event handler attribute {text}" for text in markup.handlers]
    problems += [f"{url}: inline style {text}" for text in markup.styles]
    problems += [f"{url}: script from elsewhere {src}" for src in markup.scripts if src and "://" in src]
    return problems


def check_headers(name: str, url: str, response) -> list[str]:
    problems = [f"{url}: {header} is {response.get(header)!r}" for header, allowed in HEADERS.items()
                if response.get(header) not in allowed]
    cache = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    # The published careers page is for anyone and holds nothing private: it may be cached.
    if "no-store" not in cache and not name.startswith("careers:"):
        problems.append(f"{url}: Cache-Control is {response.get('Cache-Control')!r}")
    return problems


def canaries(objects) -> list[str]:  # noqa: F811
    """Give the school's pupils names no page could contain by chance; their UPNs are unique already."""
    words = []
    for index, pupil in enumerate(objects.world.pupils):
        pupil.legal_forename, pupil.legal_surname = f"Qzforename{index}x", f"Qzsurname{index}x"
        pupil.preferred_forename, pupil.preferred_surname = f"Qzknownas{index}x", f"Qzpreferred{index}x"
        pupil.save()
        words += [pupil.upn, pupil.legal_forename, pupil.legal_surname, pupil.preferred_forename,
                  pupil.preferred_surname]
    return [word.lower() for word in words]


def test_every_page_is_safe_to_serve(client, objects):  # noqa: F811
    """One walk over ~200 pages: CSP (C19), headers and no-store (C20), no personal data in links (C21)."""
    secrets = canaries(objects)
    signed_in(client, objects)
    problems: list[str] = []
    html_pages = named_pupils = 0
    for name, url, response in get_pages(client, objects):
        assert response.status_code == 200, url
        problems += check_headers(name, url, response)
        if not is_html(response):
            continue
        html_pages += 1
        body = response.content.decode()
        named_pupils += any(secret in body.lower() for secret in secrets)
        problems += check_csp(url, response)
        problems += check_markup(url, body)
        problems += [f"{url}: link {href} holds a pupil's name or UPN" for href in parse(body).hrefs
                     if any(secret in href.lower() for secret in secrets)]
    assert html_pages > 150, "the walk should cover the whole application"
    assert named_pupils > 20, "the canaries should appear on the pages that show pupils"
    assert problems == []


def test_pages_anyone_may_open_have_the_policy_too(client, world):
    make_page(world)
    problems: list[str] = []
    for url in [reverse("login"), reverse("password_reset"), "/no-such-page/",
                reverse("careers:page", kwargs={"slug": world.school.slug})]:
        response = client.get(url)
        problems += check_csp(url, response) + check_markup(url, response.content.decode())
    assert problems == []


def test_the_public_careers_page_may_be_cached(client, world):
    make_page(world)
    response = client.get(reverse("careers:page", kwargs={"slug": world.school.slug}))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def production_settings(**extra: str) -> dict:
    """Settings as a production server loads them, read in a fresh interpreter."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("ROADAHEAD_", "DJANGO_"))}
    env.update({"ROADAHEAD_HTTPS": "true", "ROADAHEAD_SECRET_KEY": "k" * 20 + "Zx9-q_Lr3tWv7yBn2mP4sD6fG8hJ0kA",
                "ROADAHEAD_ALLOWED_HOSTS": "careers.example.sch.uk", "DJANGO_SETTINGS_MODULE": "roadahead.settings",
                **extra})
    if os.environ.get("ROADAHEAD_DATA_DIR"):
        env["ROADAHEAD_DATA_DIR"] = os.environ["ROADAHEAD_DATA_DIR"]
    names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
             "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER", "DEBUG"]
    code = ("import json, django; django.setup(); from django.conf import settings; "
            f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,  # noqa: S603
                            text=True, timeout=60, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_turns_on_https_and_hsts(client, world):
    values = production_settings()
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["DEBUG"] is False
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    with override_settings(**values):
        client.force_login(world.careers_leader.user)
        url = reverse("people:pupil_list", kwargs={"school_slug": world.school.slug})
        plain = client.get(url)
        assert plain.status_code == 301
        assert plain["Location"].startswith("https://")
        response = client.get(url, headers={"X-Forwarded-Proto": "https"})
        assert response.status_code == 200
        hsts = response["Strict-Transport-Security"]
        assert "max-age=31536000" in hsts
        assert "includeSubDomains" in hsts
        assert "no-store" in response["Cache-Control"]
