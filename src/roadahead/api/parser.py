"""The API's request parser: JSON and query strings as django-ninja reads them, refusing text with a
NUL character anywhere in them.

PostgreSQL cannot store or compare text holding NUL (the driver refuses it, so the request would
end in a server error), and the web forms already refuse it with the same message.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.types import DictStrAny


def _nul_at(value: Any, where: list[str | int]) -> list[str | int] | None:
    """Where in a parsed value the first text with a NUL character is, or None."""
    if isinstance(value, str):
        return where if "\x00" in value else None
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and "\x00" in key:
            return [*where, key]
        found = _nul_at(item, [*where, key])
        if found is not None:
            return found
    return None


def _refuse_nul(value: Any, where: str) -> None:
    found = _nul_at(value, [where])
    if found is not None:
        raise ValidationError([{"type": "value_error", "loc": found, "msg": _("Null characters are not allowed.")}])


def body_refusal(error: Exception) -> ValidationError | None:
    """django-ninja turns any error while parsing a body into "400 Cannot parse request body"; the
    API's handler for that error asks here whether the cause was ours, to answer 422 with its message."""
    cause = error.__cause__
    return cause if isinstance(cause, ValidationError) else None


class TextParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = super().parse_body(request)
        _refuse_nul(data, "body")
        return data

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> DictStrAny:
        result = super().parse_querydict(data, list_fields, request)
        _refuse_nul(result, "query")
        return result
