"""The reports' charts, drawn from the report dataclasses with `standing.charts` (server-side SVG).

Each chart's numbers are also in the table the template puts beside it; a withheld share is drawn
as an empty bar whose text says "fewer than 5 pupils".
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from roadahead.evaluation.selectors import EvaluationScores
from roadahead.reports.common import PalLine, RuleLine
from roadahead.reports.shares import Share
from roadahead.standing import charts


def shares_chart(*, id_prefix: str, title: str, desc: str, items: Sequence[tuple[str, Share]],
                 label_width: int = 240) -> SafeString | None:
    if not items:
        return None
    return charts.bar_chart(id_prefix=id_prefix, title=title, desc=desc, label_width=label_width,
                            bars=[charts.Bar(label=label, value=s.value, text=s.text) for label, s in items])


def trend_chart(*, id_prefix: str, trend: list[EvaluationScores], numbers: list[int]) -> SafeString | None:
    if not trend:
        return None
    return charts.line_chart(
        id_prefix=id_prefix, width=720, height=300, categories=[r.short_label for r in trend],
        series=[charts.Series(name=_("Benchmark %(n)s") % {"n": n},
                              points=[r.scores[n].percent / 100 if n in r.scores else None for r in trend])
                for n in numbers],
        title=_("Self-evaluation: percentage per benchmark in each term"),
        desc=_("From %(first)s to %(last)s. The table gives the same numbers.") % {
            "first": trend[0].label, "last": trend[-1].label})


def standing_chart(*, id_prefix: str, rules: list[RuleLine]) -> SafeString | None:
    return shares_chart(
        id_prefix=id_prefix, title=_("Share of pupils who have met each target"),
        desc=_("One bar per target, for the pupils it applies to. The table gives every status."),
        items=[(_short(r.name), r.met) for r in rules], label_width=300)


def pal_chart(*, id_prefix: str, pal: list[PalLine]) -> SafeString | None:
    return shares_chart(
        id_prefix=id_prefix, title=_("Share of pupils with both provider encounters, by key phase"),
        desc=_("Pupils in each key phase's window. The table gives the same numbers."),
        items=[(_("Key phase %(n)s") % {"n": p.phase}, p.both) for p in pal])


def _short(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def percent_chart(*, id_prefix: str, title: str, desc: str,
                  items: Sequence[tuple[str, int | None]]) -> SafeString | None:
    """Bars for percentages that are not shares of pupils (a benchmark's self-evaluation score)."""
    if not items:
        return None
    return charts.bar_chart(id_prefix=id_prefix, title=title, desc=desc,
                            bars=[charts.Bar(label=label, value=(pc or 0) / 100,
                                             text=_("not judged") if pc is None else f"{pc}%")
                                  for label, pc in items])
