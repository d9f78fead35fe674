"""Receivers: note when a person signed in, and end every session of a deactivated person."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from roadahead.accounts.services import end_sessions
from roadahead.core.middleware import LAST_SEEN, SIGNED_IN_AT
from roadahead.people.models import Membership


@receiver(user_logged_in)
def note_sign_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def user_deactivated(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not instance.is_active:
        end_sessions(user=instance)


@receiver(pre_save, sender=Membership)
def note_membership_was_active(sender: Any, instance: Membership, **kwargs: Any) -> None:
    instance._was_active = (  # type: ignore[attr-defined]
        instance.pk is not None and Membership.objects.filter(pk=instance.pk, is_active=True).exists())


@receiver(post_save, sender=Membership)
def membership_deactivated(sender: Any, instance: Membership, created: bool, **kwargs: Any) -> None:
    # A member switched off in any school is signed out everywhere at once: their open pages
    # would otherwise keep working until the session ran out. Only the switching off counts: saving
    # a membership that was already off must not sign the person out of their other schools.
    if not instance.is_active and getattr(instance, "_was_active", False):
        end_sessions(user=instance.user)
