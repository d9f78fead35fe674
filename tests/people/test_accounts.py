from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_takes_a_one_school_member_to_their_school(client, world):
    response = client.post("/accounts/login/", {"username": world.class_teacher.user.email, "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/s/oakfield/"
    assert "Oakfield School" in response.content.decode()


def test_sign_in_with_a_wrong_password_says_so_without_saying_which_part(client, world):
    response = client.post("/accounts/login/", {"username": world.class_teacher.user.email, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct email address and password." in response.content.decode()


def test_member_of_two_schools_chooses_between_them(client, world, other_world):
    other_world.school.memberships.create(user=world.careers_leader.user, role="leader")
    client.force_login(world.careers_leader.user)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/schools/"
    body = response.content.decode()
    assert "Oakfield School" in body
    assert "Elmbrook School" in body


def test_password_reset_sends_a_link_that_sets_a_new_password(client, world):
    email = world.class_teacher.user.email
    response = client.post("/accounts/password-reset/", {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    new = "a fresh long passphrase"
    done = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert client.login(email=email, password="a fresh long passphrase")


def test_password_reset_for_an_unknown_address_sends_nothing_and_looks_the_same(client, world):
    response = client.post("/accounts/password-reset/", {"email": "nobody@nowhere.example"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_sign_out_needs_a_post_and_ends_the_session(client, world):
    client.force_login(world.class_teacher.user)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/s/oakfield/pupils/").status_code == 302


def test_idle_session_is_signed_out(client, world, settings):
    client.force_login(world.class_teacher.user)
    assert client.get("/s/oakfield/pupils/").status_code == 200
    later = dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=settings.SESSION_IDLE_SECONDS + 120)
    with time_machine.travel(later):
        response = client.get("/s/oakfield/pupils/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
