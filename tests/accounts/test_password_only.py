"""The password-only actor of security.md B13: signed in with a password but no code yet, on every
page in the permission table (tests/test_permissions.py), gets 0 pages: each answer is a redirect
to the code page, except the pages for signing in and out, choosing a password and two-factor."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tests.accounts.conftest import authenticator_for
from tests.conftest import PASSWORD
from tests.test_permissions import WEB, objects  # noqa: F401 (objects is the fixture the table's rows use)

pytestmark = pytest.mark.django_db

OPEN = {"login", "logout", "password_reset", "password_reset_done", "password_reset_confirm",
        "password_reset_complete", "accounts:two_factor_setup", "accounts:two_factor_verify"}


def test_a_password_only_session_gets_no_page_anywhere_in_the_permission_table(client, objects, two_factor):  # noqa: F811
    user = objects.world.careers_leader.user
    authenticator_for(user)
    assert client.post("/accounts/login/", {"username": user.email, "password": PASSWORD}).status_code == 302
    reached = []
    for name, row in sorted(WEB.items()):
        if name in OPEN:
            continue
        # Each row in a savepoint undone afterwards: the rows' builders each expect a fresh school.
        with transaction.atomic():
            kwargs = row.kwargs(objects, "careers_leader")
            if row.school:
                kwargs["school_slug"] = objects.world.school.slug
            url = reverse(name, kwargs=kwargs)
            response = getattr(client, row.method)(url)
            transaction.set_rollback(True)
        if response.status_code != 302 or not response["Location"].startswith("/accounts/two-factor/code/"):
            reached.append(f"{row.method.upper()} {url} {response.status_code}")
    assert len(WEB) - len(OPEN) > 100
    assert reached == []
