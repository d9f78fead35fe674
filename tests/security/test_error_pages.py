"""C23 (docs/security.md): error pages with DEBUG off show no stack trace, SQL, setting or file path."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.test import override_settings

from tests.security.error_urls import LEAK

pytestmark = pytest.mark.django_db

TELLTALES = ["Traceback", 'File "', "site-packages", ".py", "SELECT", "FROM ", "no_such_table", "people_pupil",
             "/srv/", "/work/", "RuntimeError", "SuspiciousOperation", "OperationalError", "DATABASES", "SECRET_KEY",
             "django.", "roadahead.", "A123", LEAK]


@pytest.fixture
def quiet_logs():
    """The server logs the failures (that is right); keep them out of the test output."""
    logger = logging.getLogger("django")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@override_settings(DEBUG=False, ROOT_URLCONF="tests.security.error_urls")
@pytest.mark.parametrize(("path", "status"), [("/fail/400/", 400), ("/fail/403/", 403), ("/fail/404/", 404),
                                              ("/fail/500/", 500), ("/fail/sql/", 500), ("/no/such/page/", 404)])
def test_error_pages_give_nothing_away(client, world, quiet_logs, path, status):
    client.raise_request_exception = False
    client.force_login(world.careers_leader.user)
    response = client.get(path)
    assert response.status_code == status
    body = response.content.decode()
    found = [word for word in [*TELLTALES, settings.SECRET_KEY, str(settings.DATA_DIR)] if word in body]
    assert found == []
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Security-Policy" in response


def test_settings_default_to_debug_off():
    from tests.security.test_csp_headers import production_settings

    assert production_settings()["DEBUG"] is False
    assert settings.DEBUG is False
