from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from roadahead.people.models import Membership

pytestmark = pytest.mark.django_db


def test_member_add_gives_a_role_with_a_password_from_stdin(world, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    out = io.StringIO()
    call_command("member", "add", "--school", "oakfield", "--email", "sam@oakfield.example", "--name", "Sam Ng",
                 "--role", "careers_leader", "--password-stdin", stdout=out)
    member = Membership.objects.get(user__email="sam@oakfield.example")
    assert member.role == "careers_leader"
    assert member.user.check_password("a long enough passphrase")
    assert out.getvalue().strip() == "sam@oakfield.example is now careers leader at Oakfield School."


def test_member_add_refuses_an_unknown_school_and_a_weak_password(world, monkeypatch):
    with pytest.raises(CommandError, match="no school with the short name 'nowhere'"):
        call_command("member", "add", "--school", "nowhere", "--email", "a@b.example", "--name", "A", "--role", "staff")
    monkeypatch.setattr("sys.stdin", io.StringIO("password\n"))
    with pytest.raises(CommandError, match="too short"):
        call_command("member", "add", "--school", "oakfield", "--email", "a@b.example", "--name", "A",
                     "--role", "staff", "--password-stdin")
    assert not Membership.objects.filter(user__email="a@b.example").exists()
