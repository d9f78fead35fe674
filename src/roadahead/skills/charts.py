"""A pupil's steps over time as a small server-side SVG, in the style of standing.charts.

One chart per framework: each skill is a line of its own colour, marker shape and dash, so colour is
never the only signal, and the page puts the same numbers in a table beside it for screen readers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString

from roadahead.skills.selectors import SkillProgress
from roadahead.standing.charts import COLOURS, DASHES, FONT, GRID, TEXT, frame, marker, num

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ticks(top: int) -> list[int]:
    step = 1 if top <= 5 else 3 if top <= 15 else max(1, top // 5)
    ticks = list(range(0, top + 1, step))
    if ticks[-1] != top:
        ticks.append(top)
    return ticks


def progress_chart(*, progress: Sequence[SkillProgress], top_step: int, title: str, desc: str, id_prefix: str,
                   width: int = 480, plot_h: int = 260) -> SafeString:
    """Steps (0 to `top_step`) against dates, a line per skill, with a legend below.

    The plot keeps its height however many skills there are; the legend adds rows beneath it.
    """
    left, right, top = 36, 16, 12
    legend_rows = (len(progress) + 1) // 2
    bottom = 34 + 18 * legend_rows
    height = top + plot_h + bottom
    plot_w = width - left - right
    days = [d for p in progress for d, _s in p.history]
    if not days:
        return SafeString("")
    first, last = min(days), max(days)
    span = max((last - first).days, 1)

    def x_of(day: dt.date) -> float:
        if last == first:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / span

    def y_of(step: int) -> float:
        return top + plot_h * (1 - min(max(step, 0), top_step) / max(top_step, 1))

    body: list[str] = []
    for tick in _ticks(top_step):
        y = y_of(tick)
        body.append(f'<line x1="{left}" y1="{num(y)}" x2="{width - right}" y2="{num(y)}" stroke="{GRID}" '
                    f'stroke-width="1"/>')
        body.append(f'<text x="{left - 6}" y="{num(y + 4)}" {FONT} font-size="11" fill="{TEXT}" '
                    f'text-anchor="end">{tick}</text>')
    # Month labels along the bottom: the first of each month in the span, at most eight.
    months: list[dt.date] = []
    cursor = dt.date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = dt.date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
    if not months:
        months = [first]
    stride = max(1, (len(months) + 7) // 8)
    for month in months[::stride]:
        label = f"{_MONTHS[month.month - 1]} {month.year % 100:02d}"
        body.append(f'<text x="{num(x_of(month))}" y="{top + plot_h + 16}" {FONT} font-size="10" fill="{TEXT}" '
                    f'text-anchor="middle">{escape(label)}</text>')
    for index, one in enumerate(progress):
        colour = COLOURS[index % len(COLOURS)]
        dash = DASHES[index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        points = [(x_of(d), y_of(s)) for d, s in one.history]
        if len(points) > 1:
            line = " ".join(f"{num(x)},{num(y)}" for x, y in points)
            body.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        body.extend(marker(index, x, y, colour) for x, y in points)
        column, row = index % 2, index // 2
        lx = left + column * (plot_w // 2)
        ly = top + plot_h + 36 + 18 * row
        body.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 24}" y2="{ly - 4}" stroke="{colour}" '
                    f'stroke-width="2"{dash_attr}/>')
        body.append(marker(index, lx + 12, ly - 4, colour))
        body.append(f'<text x="{lx + 32}" y="{ly}" {FONT} font-size="12" fill="{TEXT}">{escape(one.skill.name)}</text>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{TEXT}" '
                f'stroke-width="1"/>')
    # Every piece of text above is escaped.
    return frame(id_prefix=id_prefix, title=title, desc=desc, width=width, height=height, body=body)
