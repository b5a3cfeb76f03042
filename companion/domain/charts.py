"""Small charts in text: bars and sparklines, the one home for both.

Block characters read in any terminal and either theme: a day with nothing
logged is a neutral `·`, never a mark of failure; a paused day is `~`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from companion.domain.selfcare.habits import EPSILON, HabitSpec

NOTHING = "\u00b7"  # a middle dot: nothing logged (neutral)

PAUSED = "~"

BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"  # ▁ to █

EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589\u2588"  # partial cells, left to right

EMPTY_CELL = "\u2591"  # ░: the unfilled part of a bar
HEAT_GLYPHS = (NOTHING, "\u2591", "\u2592", "\u2593", "\u2588")  # heatmap levels 0..4: · ░ ▒ ▓ █


def bar(share: float, width: int = 10, *, empty: str = EMPTY_CELL) -> str:
    """A bar `width` cells wide filled to `share` (0..1), in eighths of a cell.

    The rest is `empty` cells: `░` by default, or `·` where a bar sits on a
    scale (a score between its lowest and highest).
    """
    share = max(0.0, min(1.0, share))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    cells = "\u2588" * full
    if part and full < width:
        cells += EIGHTHS[part]
    return cells + empty * (width - len(cells))


def scale_bar(value: float, low: float, high: float, width: int) -> str:
    """A bar for `value` on the scale `low..high`, padded with `·`."""
    share = 0.0 if high <= low else (value - low) / (high - low)
    return bar(share, width, empty=NOTHING)


def sparkline(values: Sequence[float], top: float | None = None) -> str:
    """One character per value: `·` for nothing, then ▁ to █ against `top` (default: the max).

    Anything above `top` is drawn full; a small amount is at least ▁, so any
    practice shows.
    """
    peak = top if top is not None and top > 0 else max(values, default=0.0)
    chars = []
    for value in values:
        if value <= EPSILON or peak <= 0:
            chars.append(NOTHING)
            continue
        level = math.ceil(min(1.0, value / peak) * len(BARS) - EPSILON)
        chars.append(BARS[max(1, min(len(BARS), level)) - 1])
    return "".join(chars)


def spark_top(habit: HabitSpec) -> float | None:
    """The value a sparkline of daily totals treats as full: the daily target, if any."""
    if habit.target is not None and habit.per == "day" and habit.direction == "at_least":
        return habit.target
    return None


def week_spark_top(habit: HabitSpec) -> float | None:
    """The value a sparkline of weekly totals treats as full: a week's worth of the target."""
    if habit.target is None or habit.direction != "at_least":
        return None
    return habit.target * (7 if habit.per == "day" else 1)
