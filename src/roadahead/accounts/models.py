"""Sign-in security: sessions that know their user, and hashed backup codes for two-factor.

Authenticator apps use django-otp's TOTPDevice. django-otp's own backup codes (StaticToken) are
stored in plain text, so Road Ahead keeps its own: only a salted hash of each code is stored.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models, transaction
from django.utils.crypto import constant_time_compare
from django_otp.models import Device, ThrottlingMixin

# Backup codes: 12 characters from 32 that cannot be mistaken for each other (no 0/o, 1/l/i),
# 60 bits each, shown in groups of four.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 12
BACKUP_CODE_COUNT = 10


class Session(AbstractBaseSession):
    """Django's database session, with the signed-in user beside it so their sessions can be ended."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", db_index=True)

    class Meta:
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls) -> Any:
        from roadahead.accounts.sessions import SessionStore

        return SessionStore


def normalise_code(token: str) -> str:
    return "".join(ch for ch in str(token).lower() if ch.isalnum())


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


class BackupCodeDevice(ThrottlingMixin, Device):
    """A person's ten single-use backup codes, for when their phone is not to hand."""

    def get_throttle_factor(self) -> int:
        return getattr(settings, "OTP_TOTP_THROTTLE_FACTOR", 1)

    def make_codes(self) -> list[str]:
        """Replace any codes with ten new ones; returns them, the only time they exist in the clear."""
        codes = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(BACKUP_CODE_COUNT)]
        with transaction.atomic():
            self.codes.all().delete()  # type: ignore[attr-defined]
            rows = []
            for code in codes:
                salt = secrets.token_hex(8)
                rows.append(BackupCode(device=self, salt=salt, digest=_digest(salt, code)))
            BackupCode.objects.bulk_create(rows)
        return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in codes]

    def verify_token(self, token: Any) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        code = normalise_code(token)
        match = None
        if len(code) == CODE_LENGTH:
            for row in self.codes.all():  # type: ignore[attr-defined]
                if constant_time_compare(row.digest, _digest(row.salt, code)):
                    match = row
        if match is None:
            self.throttle_increment(commit=True)
            return False
        # Single use: the code is gone once it has worked; a second use finds nothing.
        deleted, _ = BackupCode.objects.filter(pk=match.pk).delete()
        if not deleted:
            self.throttle_increment(commit=True)
            return False
        self.throttle_reset(commit=True)
        return True


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    salt = models.CharField(max_length=32)
    digest = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"Backup code {self.pk}"
