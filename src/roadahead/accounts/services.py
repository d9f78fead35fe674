"""Writes for sign-in security: ending sessions, setting up and resetting two-factor."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from roadahead.accounts.models import BackupCodeDevice, Session
from roadahead.audit.services import log_action
from roadahead.people.models import Membership

AUTHENTICATOR_NAME = "Authenticator app"
BACKUP_NAME = "Backup codes"


def end_sessions(*, user: Any, keep: str | None = None) -> int:
    """Delete every session of `user` (except the session key `keep`); returns how many ended."""
    sessions = Session.objects.filter(user_id=user.pk)
    if keep:
        sessions = sessions.exclude(session_key=keep)
    deleted, _ = sessions.delete()
    return deleted


def has_two_factor(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start_authenticator(*, user: Any) -> TOTPDevice:
    """The person's unconfirmed authenticator (made once, so a reload shows the same QR code)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_authenticator(*, device: TOTPDevice) -> list[str]:
    """Confirm the device after a right code; replace any older one. Returns ten new backup codes."""
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    backup, _ = BackupCodeDevice.objects.get_or_create(user_id=device.user_id,
                                                       defaults={"name": BACKUP_NAME, "confirmed": True})
    return backup.make_codes()


@transaction.atomic
def reset_two_factor(*, membership: Membership, by: Any) -> None:
    """A careers leader clears a member's two-factor: they set it up again at their next sign-in.

    Their sessions end too, so nobody stays signed in on the old phone.
    """
    user = membership.user
    TOTPDevice.objects.filter(user=user).delete()
    BackupCodeDevice.objects.filter(user=user).delete()
    end_sessions(user=user)
    log_action(school=membership.school, user=by, action="membership.two_factor_reset", obj=membership)
