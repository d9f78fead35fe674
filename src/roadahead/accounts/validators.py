"""Password rules (security.md B10): long enough, not too long to store, not common, not guessable
from the school or the person. No composition rules and no expiry: length and a deny list do the work.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DENY_LIST = Path(__file__).resolve().parent / "passwords" / "common-passwords.txt"
# Words anyone at the school could guess, whatever the school: the product, the programme, SEND.
FIXED_CONTEXT = ("roadahead", "road", "ahead", "careers", "career", "send", "sen", "school", "password", "welcome")
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
                      "@": "a", "$": "s", "!": "i", "+": "t", "|": "l", "€": "e", "£": "l"})
LEET_L = str.maketrans({"1": "l", "!": "l"})
SHORTEST_WORD = 3
TRAILING = re.compile(r"^(.*?)([\d\W_]*)$", re.DOTALL)


@functools.cache
def deny_list() -> frozenset[str]:
    with DENY_LIST.open(encoding="utf-8") as handle:
        return frozenset(line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#"))


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def variants(password: str) -> set[str]:
    """The password as someone guessing would try it: lower-cased, without spaces, leet undone."""
    lowered = password.lower()
    squeezed = re.sub(r"\s+", "", lowered)
    found = {lowered, squeezed}
    for text in (lowered, squeezed):
        # Leetspeak is undone in the word, and separately in the whole: "P@ssw0rd1234" is
        # "password" + "1234", while "l0v3ly" is all word.
        core, tail = TRAILING.match(text).groups()  # type: ignore[union-attr]
        for table in (LEET, LEET_L):
            found.add(core.translate(table).translate(LEET) + tail)
            found.add(text.translate(table).translate(LEET))
    return found


def _made_of(text: str, words: frozenset[str]) -> bool:
    """Whether `text` is nothing but the words, one after another (repeats allowed)."""
    if not text:
        return False
    reachable = [True] + [False] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(end):
            if reachable[start] and text[start:end] in words:
                reachable[end] = True
                break
    return reachable[-1]


class MaximumLengthValidator:
    """Long passphrases are welcome; only a size that could slow the server down is refused."""

    def __init__(self, max_length: int = 256) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext("Use a password of %(max)d character or fewer.",
                         "Use a password of %(max)d characters or fewer.", self.max_length),
                code="password_too_long", params={"max": self.max_length})

    def get_help_text(self) -> str:
        return _("It can be as long as %(max)d characters, and spaces are fine.") % {"max": self.max_length}


class DenyListValidator:
    """Refuse passwords found in breaches (the bundled list), also with capitals, spaces or leetspeak."""

    def validate(self, password: str, user: Any = None) -> None:
        words = deny_list()
        if any(variant in words for variant in variants(password)):
            raise ValidationError(
                _("This password is one of the most common ones, so it is easy to guess. "
                  "Try three or four unrelated words."), code="password_too_common")

    def get_help_text(self) -> str:
        return _("It must not be a common password.")


class ContextWordsValidator:
    """Refuse passwords made only of words tied to the school or the person, with trivial changes.

    "Careers2026!", "0akfield-School", "jane.smith123" and "R0adAhead R0adAhead" are all refused:
    once capitals, digits, symbols, spaces and leetspeak are set aside, nothing else is left.
    """

    def context_words(self, user: Any = None) -> frozenset[str]:
        from roadahead.schools.models import School

        texts: list[str] = list(FIXED_CONTEXT)
        # Every school's name on this installation: a trust's schools are all guessable.
        texts += list(School.objects.values_list("name", flat=True)[:200])
        if user is not None:
            texts.append(getattr(user, "full_name", "") or "")
            email = getattr(user, "email", "") or ""
            texts += re.split(r"[@.]", email)
        words: set[str] = set()
        for text in texts:
            parts = [_letters(part) for part in re.split(r"[^\w]+|_", text.lower())]
            words.update(part for part in parts if len(part) >= SHORTEST_WORD)
            joined = _letters(text.lower())
            if len(joined) >= SHORTEST_WORD:
                words.add(joined)
        return frozenset(words)

    def validate(self, password: str, user: Any = None) -> None:
        words = self.context_words(user)
        for variant in variants(password):
            if _made_of(_letters(variant), words):
                raise ValidationError(
                    _("This password is made from words linked to the school or to you, so it is easy to guess. "
                      "Try three or four unrelated words."), code="password_context")

    def get_help_text(self) -> str:
        return _("It must not be made from the school's name, your name or email address.")
