from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

UPN_PATTERN = re.compile(r"^[A-Z][0-9]{12}$")


def normalise_upn(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def upn_problem(value: str) -> str | None:
    """Why `value` is not a UPN, in plain English, or None when it is one."""
    if not value:
        return _("The UPN is missing.")
    if len(value) != 13:
        return _("A UPN has 13 characters; this one has %(n)d.") % {"n": len(value)}
    if not UPN_PATTERN.match(value):
        return _("A UPN is a letter followed by 12 digits.")
    return None


def validate_upn(value: str) -> None:
    problem = upn_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_upn")
