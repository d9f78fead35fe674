"""Small server-side SVG charts: horizontal bars and lines over time.

They are drawn on the server so they look the same in pages and PDFs and need no script. Each
chart names itself (`role="img"`, `aria-labelledby` pointing at its <title> and <desc>), and pages
always put the same numbers in a table beside it, which is what screen readers use. Colour is never
the only signal: bars carry their value as text, and lines differ by marker shape and dash too.
Only presentation attributes are used (no style attributes), as the content security policy asks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TEXT = "#0b0c0c"
GRID = "#b1b4b6"
# GOV.UK palette colours with at least 3:1 contrast against white.
COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#f47738", "#d53880", "#28a197")
DASHES = ("", "6 3", "2 3", "8 3 2 3")
FONT = 'font-family="Arial, sans-serif"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # a share from 0 to 1
    text: str  # what is written at the end of the bar, such as "12 of 30 (40%)"
    group: int = 0  # bars of the same group share a colour


@dataclass(frozen=True)
class Series:
    name: str
    points: Sequence[float | None]  # shares from 0 to 1, one per category; None leaves a gap


def num(value: float) -> str:
    """A coordinate as SVG text: one decimal at most, no trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def frame(*, id_prefix: str, title: str, desc: str, width: int, height: int, body: list[str]) -> SafeString:
    """The <svg> around a chart's `body`, named by its title and description for screen readers."""
    ids = f"{id_prefix}-title {id_prefix}-desc"
    # Every piece of text in `body` and here is escaped.
    return mark_safe(  # nosec B308, B703  # every text in the SVG is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ra-chart" role="img" aria-labelledby="{ids}" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{id_prefix}-title">{escape(title)}</title><desc id="{id_prefix}-desc">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")


def bar_chart(*, bars: Sequence[Bar], title: str, desc: str, id_prefix: str, label_width: int = 240,
              width: int = 720) -> SafeString:
    """Horizontal bars from 0% to 100%, one per row, with the label on the left and the value after."""
    bar_height, gap, top, bottom = 22, 10, 10, 28
    value_width = 150
    plot = width - label_width - value_width
    height = top + len(bars) * (bar_height + gap) + bottom
    body: list[str] = []
    axis_y = top + len(bars) * (bar_height + gap)
    for tick in (0, 25, 50, 75, 100):
        x = label_width + plot * tick / 100
        body.append(f'<line x1="{num(x)}" y1="{top - 4}" x2="{num(x)}" y2="{axis_y}" stroke="{GRID}" '
                    f'stroke-width="1"/>')
        body.append(f'<text x="{num(x)}" y="{axis_y + 18}" {FONT} font-size="12" fill="{TEXT}" '
                    f'text-anchor="middle">{tick}%</text>')
    for i, bar in enumerate(bars):
        y = top + i * (bar_height + gap)
        share = min(max(bar.value, 0.0), 1.0)
        length = plot * share
        colour = COLOURS[bar.group % len(COLOURS)]
        body.append(f'<text x="{label_width - 8}" y="{num(y + bar_height * 0.7)}" {FONT} font-size="14" '
                    f'fill="{TEXT}" text-anchor="end">{escape(bar.label)}</text>')
        body.append(f'<rect x="{label_width}" y="{y}" width="{num(length)}" height="{bar_height}" fill="{colour}"/>')
        body.append(f'<text x="{num(label_width + length + 6)}" y="{num(y + bar_height * 0.7)}" {FONT} '
                    f'font-size="14" fill="{TEXT}">{escape(bar.text)}</text>')
    body.append(f'<line x1="{label_width}" y1="{top - 4}" x2="{label_width}" y2="{axis_y}" stroke="{TEXT}" '
                f'stroke-width="1"/>')
    return frame(id_prefix=id_prefix, title=title, desc=desc, width=width, height=height, body=body)


def marker(kind: int, x: float, y: float, colour: str) -> str:
    """A point's marker: circle, square, triangle or diamond by series, so colour is not the only signal."""
    shape = kind % 4
    if shape == 0:
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="4" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{num(x - 4)}" y="{num(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if shape == 2:
        return (f'<polygon points="{num(x)},{num(y - 5)} {num(x + 5)},{num(y + 4)} {num(x - 5)},{num(y + 4)}" '
                f'fill="{colour}"/>')
    return (f'<polygon points="{num(x)},{num(y - 5)} {num(x + 5)},{num(y)} {num(x)},{num(y + 5)} '
            f'{num(x - 5)},{num(y)}" fill="{colour}"/>')


def line_chart(*, categories: Sequence[str], series: Sequence[Series], title: str, desc: str, id_prefix: str,
               width: int = 360, height: int = 200) -> SafeString:
    """Lines over categories (terms, left to right) on a 0% to 100% scale; a legend when there are several."""
    left, right, top = 40, 12, 12
    legend_rows = len(series) if len(series) > 1 else 0
    bottom = 34 + 18 * legend_rows
    plot_w, plot_h = width - left - right, height - top - bottom
    body: list[str] = []
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        body.append(f'<line x1="{left}" y1="{num(y)}" x2="{width - right}" y2="{num(y)}" stroke="{GRID}" '
                    f'stroke-width="1"/>')
        body.append(f'<text x="{left - 6}" y="{num(y + 4)}" {FONT} font-size="11" fill="{TEXT}" '
                    f'text-anchor="end">{tick}%</text>')
    count = len(categories)

    def x_of(i: int) -> float:
        return left + (plot_w * (i + 0.5) / count if count else 0)

    for i, name in enumerate(categories):
        body.append(f'<text x="{num(x_of(i))}" y="{top + plot_h + 16}" {FONT} font-size="10" fill="{TEXT}" '
                    f'text-anchor="middle">{escape(name)}</text>')
    for s_index, one in enumerate(series):
        colour = COLOURS[s_index % len(COLOURS)]
        dash = DASHES[s_index % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        # A missing point (no pupils in the cohort that term) breaks the line rather than dropping to 0.
        runs: list[list[tuple[float, float]]] = [[]]
        for i, value in enumerate(one.points):
            if value is None:
                runs.append([])
                continue
            runs[-1].append((x_of(i), top + plot_h * (1 - min(max(value, 0.0), 1.0))))
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{num(x)},{num(y)}" for x, y in run)
                body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>')
            body.extend(marker(s_index, x, y, colour) for x, y in run)
        if legend_rows:
            ly = top + plot_h + 34 + 18 * s_index
            body.append(f'<line x1="{left}" y1="{ly - 4}" x2="{left + 24}" y2="{ly - 4}" stroke="{colour}" '
                        f'stroke-width="2"{dash_attr}/>')
            body.append(marker(s_index, left + 12, ly - 4, colour))
            body.append(f'<text x="{left + 32}" y="{ly}" {FONT} font-size="12" fill="{TEXT}">{escape(one.name)}</text>')
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{TEXT}" '
                f'stroke-width="1"/>')
    return frame(id_prefix=id_prefix, title=title, desc=desc, width=width, height=height, body=body)
