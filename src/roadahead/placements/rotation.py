"""A pupil's rotation plan: which work area they are in each week of the placement.

Week n is the pupil's n-th session. A rotation step for that week says where they go; after the
steps run out they settle in their assignment's area (or stay in the last area they rotated to).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def rotate_through(areas: Sequence[T], *, weeks: int, start: int = 0) -> list[T]:
    """`weeks` areas taken in turn from `areas`, beginning at index `start`: pupils who start in
    different areas rotate without everyone being in the same area in the same week."""
    if not areas or weeks <= 0:
        return []
    return [areas[(start + week) % len(areas)] for week in range(weeks)]


def plan(*, steps: dict[int, T], settled: T | None, weeks: int) -> list[T | None]:
    """The area for each of weeks 1..`weeks`."""
    result: list[T | None] = []
    last = None
    for week in range(1, weeks + 1):
        if week in steps:
            last = steps[week]
            result.append(last)
        else:
            result.append(settled if settled is not None else last)
    return result
