"""A count out of a number of pupils, withheld when the group is too small to show.

Every figure in the reports is a `Share`, so the rule "fewer than five pupils: withheld" is kept in
one place and pages, PDFs and tests all read the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from roadahead.standing.coverage import SUPPRESS_BELOW


def withheld_text() -> str:
    return _("fewer than %(n)s pupils") % {"n": SUPPRESS_BELOW}


@dataclass(frozen=True)
class Share:
    count: int
    total: int
    suppressed: bool = False

    @property
    def percent(self) -> int | None:
        if self.suppressed or not self.total:
            return None
        return round(100 * self.count / self.total)

    @property
    def value(self) -> float:
        """0 to 1, for a chart; 0 when withheld or empty (the text beside the bar says which)."""
        return 0.0 if self.percent is None else self.count / self.total

    @property
    def text(self) -> str:
        if self.suppressed:
            return withheld_text()
        if not self.total:
            return _("no pupils")
        return _("%(pc)s%% (%(n)s of %(total)s)") % {"pc": self.percent, "n": self.count, "total": self.total}


def share(count: int, total: int, *, suppress: bool) -> Share:
    """`count` of `total`; with `suppress`, a group of one to four pupils shows no figures at all."""
    if suppress and 0 < total < SUPPRESS_BELOW:
        return Share(0, 0, suppressed=True)
    return Share(count, total)


def size_text(total: int, *, suppress: bool) -> str:
    """A group's size as it may be printed: withheld under five when suppressing."""
    if suppress and 0 < total < SUPPRESS_BELOW:
        return withheld_text()
    return str(total)
