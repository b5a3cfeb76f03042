"""How self-care reads: amounts in words, progress against targets, and small charts in text.

Shared by the command line and the app so both say the same thing the same
way. Pure functions; habit names and notes are passed through untouched (the
caller shows them literally and makes them printable).

Charts use block characters, so they read in any terminal and either theme:
- a day with nothing logged is a neutral `·`, never a mark of failure;
- a paused day is `~`; a day still to come is a space.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from companion.domain.dates import long_date
from companion.domain.habits import HabitSpec
from companion.domain.selfcare import Logged, WeekSummary

NOTHING = "\u00b7"  # a middle dot: nothing logged (neutral)
PAUSED = "~"
BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"  # ▁ to █
EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589\u2588"  # partial cells, left to right
EMPTY_CELL = "\u2591"  # ░: the unfilled part of a bar
_EPSILON = 1e-9


def number(value: float) -> str:
    """`25`, `2.5`, `0.25`, `10,000`: whole numbers without `.0`, others to two places."""
    if abs(value - round(value)) < _EPSILON:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def singular(unit: str) -> str:
    """`glasses` -> `glass`, `minutes` -> `minute`, `cups` -> `cup`; others unchanged."""
    if unit.endswith(("sses", "shes", "ches", "xes")):
        return unit[:-2]
    if unit.endswith("s") and not unit.endswith("ss") and len(unit) > 1:
        return unit[:-1]
    return unit


def unit_of(habit: HabitSpec, amount: float) -> str:
    """The habit's unit, made singular for exactly 1 (`1 glass`, `2 glasses`)."""
    unit = habit.unit or "times"
    return singular(unit) if abs(amount - 1) < _EPSILON else unit


def short_unit(habit: HabitSpec) -> str:
    """`min` for minutes, the habit's own unit otherwise (for tables and strips)."""
    return "min" if habit.kind == "minutes" else habit.unit


def amount(habit: HabitSpec, value: float) -> str:
    """`25 minutes`, `1 glass`, `2 days`."""
    return f"{number(value)} {unit_of(habit, value)}"


def day_words(day: dt.date, today: dt.date) -> str:
    """`today`, `yesterday`, or `Monday 23 November` (with the year when it is not this one)."""
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    text = long_date(day)
    return text.rsplit(" ", 1)[0] if day.year == today.year else text


# ---------------------------------------------------------------- progress


def progress(habit: HabitSpec, total: float) -> str:
    """A day's total in words against a daily target: `55 of 30 minutes`, `3 cups (limit 2)`."""
    if habit.kind == "yesno":
        return "yes" if total > _EPSILON else "not yet"
    target = habit.target if habit.per == "day" else None
    if target is None:
        return amount(habit, total)
    if habit.direction == "at_most":
        return f"{amount(habit, total)} (limit {number(target)})"
    return f"{number(total)} of {amount(habit, target)}"


def compact_day(habit: HabitSpec, total: float) -> str:
    """A day's total for a table cell: `25/30 min`, `6/8 glasses`, `done`, `1/≤2 cups`."""
    if habit.kind == "yesno":
        return "done" if total > _EPSILON else NOTHING
    target = habit.target if habit.per == "day" else None
    unit = short_unit(habit)
    if target is None:
        return f"{number(total)} {unit}" if total > _EPSILON else NOTHING
    bound = "\u2264" if habit.direction == "at_most" else ""
    return f"{number(total)}/{bound}{number(target)} {unit}"


def compact_week(habit: HabitSpec, week: WeekSummary) -> str:
    """The week so far for a table cell: `95/120 min`, `3/4 days`, `2/≤14 cups`."""
    unit = habit.unit if habit.kind != "minutes" else "min"
    if habit.kind == "yesno" and habit.per == "day":
        unit = "days"
    if week.target is None:
        return f"{number(week.total)} {unit}"
    bound = "\u2264" if habit.direction == "at_most" else ""
    return f"{number(week.total)}/{bound}{number(week.target)} {unit}"


def week_progress(habit: HabitSpec, week: WeekSummary) -> str:
    """The week so far in words: `32 of 40 minutes`, `3 of 4 days`, `5 cups (limit 14)`."""
    if habit.kind == "yesno" and habit.per == "day":
        return f"{number(week.total)} of {week.days_so_far} days"
    if week.target is None:
        return amount(habit, week.total)
    if habit.direction == "at_most":
        return f"{amount(habit, week.total)} (limit {number(week.target)})"
    return f"{number(week.total)} of {amount(habit, week.target)}"


def logged_line(
    habit: HabitSpec,
    logged: Logged,
    today: dt.date,
    *,
    week_total: float | None = None,
) -> str:
    """What the shell says after logging, kind and short.

    `Walking: 25 minutes logged for today (55 of 30 minutes).` A day's target
    reached by this entry is noticed; a limit is stated, never judged.
    `week_total` (with this entry) is used for weekly targets.
    """
    entry = logged.entry
    when = day_words(entry.day, today)
    if habit.kind == "yesno":
        head = f"{habit.name}: logged for {when}"
    else:
        head = f"{habit.name}: {amount(habit, entry.value)} logged for {when}"
    detail = _logged_detail(habit, logged, when, week_total)
    return f"{head} ({detail})." if detail else f"{head}."


def _logged_detail(habit: HabitSpec, logged: Logged, when: str, week_total: float | None) -> str:
    target, total = habit.target, logged.day_total
    if habit.per == "week" and target is not None and week_total is not None:
        if habit.kind == "yesno":
            return f"{number(week_total)} of {number(target)} days this week"
        if habit.direction == "at_most":
            return f"{amount(habit, week_total)} this week; your limit is {number(target)}"
        return f"this week: {number(week_total)} of {amount(habit, target)}"
    if habit.kind == "yesno":
        return ""
    if target is None:
        day = when if when in ("today", "yesterday") else "that day"
        return f"{amount(habit, total)} {day}"
    if habit.direction == "at_most":
        day = when if when in ("today", "yesterday") else "that day"
        return f"{amount(habit, total)} {day}; your limit is {number(target)}"
    reached = logged.before < target - _EPSILON and total >= target - _EPSILON
    line = f"{number(total)} of {amount(habit, target)}"
    return f"{line}: target reached" if reached else line


# ---------------------------------------------------------------- charts


def percent(strength: float) -> str:
    """`72%` (0..1 in, rounded down so 99.6% never reads as a full 100%)."""
    return f"{math.floor(max(0.0, min(1.0, strength)) * 100 + _EPSILON)}%"


def bar(share: float, width: int = 10) -> str:
    """A bar `width` cells wide filled to `share` (0..1), in eighths of a cell."""
    share = max(0.0, min(1.0, share))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    cells = "\u2588" * full
    if part and full < width:
        cells += EIGHTHS[part]
    return cells + EMPTY_CELL * (width - len(cells))


def sparkline(values: Sequence[float], top: float | None = None) -> str:
    """One character per value: `·` for nothing, then ▁ to █ against `top` (default: the max).

    Anything above `top` is drawn full; a small amount is at least ▁, so any
    practice shows.
    """
    peak = top if top is not None and top > 0 else max(values, default=0.0)
    chars = []
    for value in values:
        if value <= _EPSILON or peak <= 0:
            chars.append(NOTHING)
            continue
        level = math.ceil(min(1.0, value / peak) * len(BARS) - _EPSILON)
        chars.append(BARS[max(1, min(len(BARS), level)) - 1])
    return "".join(chars)


def spark_top(habit: HabitSpec) -> float | None:
    """The value a sparkline of daily totals treats as full: the daily target, if any."""
    if habit.target is not None and habit.per == "day" and habit.direction == "at_least":
        return habit.target
    return None
