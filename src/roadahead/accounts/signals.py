"""Receivers: note when a person signed in, and end every session of a deactivated person."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
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


@receiver(post_save, sender=Membership)
def membership_deactivated(sender: Any, instance: Membership, **kwargs: Any) -> None:
    # A member switched off in any school is signed out everywhere at once: their open pages
    # would otherwise keep working until the session ran out.
    if not instance.is_active:
        end_sessions(user=instance.user)
