"""How self-care reads: amounts in words and progress against targets.

Shared by the command line and the app so both say the same thing the same
way. Pure functions; habit names and notes are passed through untouched (the
caller shows them literally and makes them printable).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from companion.domain.charts import NOTHING
from companion.domain.dates import day_words
from companion.domain.plurals import agree, counted, singular
from companion.domain.selfcare.entries import Logged
from companion.domain.selfcare.habits import EPSILON, HabitSpec

if TYPE_CHECKING:  # `companion log walking 10` needs no summary, nor its classes
    from companion.domain.selfcare.summary import WeekSummary


def number(value: float) -> str:
    """`25`, `2.5`, `0.25`, `10,000`: whole numbers without `.0`, others to two places."""
    if abs(value - round(value)) < EPSILON:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def unit_of(habit: HabitSpec, amount: float) -> str:
    """The habit's unit, made singular for exactly 1 (`1 glass`, `2 glasses`)."""
    unit = habit.unit or "times"
    return singular(unit) if abs(amount - 1) < EPSILON else unit


def short_unit(habit: HabitSpec) -> str:
    """`min` for minutes, the habit's own unit otherwise (for tables and strips)."""
    return "min" if habit.kind == "minutes" else habit.unit


def amount(habit: HabitSpec, value: float) -> str:
    """`25 minutes`, `1 glass`, `2 days`."""
    return f"{number(value)} {unit_of(habit, value)}"


def progress(habit: HabitSpec, total: float) -> str:
    """A day's total in words against a daily target: `55 of 30 minutes`, `3 cups (limit 2)`."""
    if habit.kind == "yesno":
        return "yes" if total > EPSILON else "not yet"
    target = habit.target if habit.per == "day" else None
    if target is None:
        return amount(habit, total)
    if habit.direction == "at_most":
        return f"{amount(habit, total)} (limit {number(target)})"
    return f"{number(total)} of {amount(habit, target)}"


def compact_day(habit: HabitSpec, total: float) -> str:
    """A day's total for a table cell: `25/30 min`, `6/8 glasses`, `done`, `1/≤2 cups`."""
    if habit.kind == "yesno":
        return "done" if total > EPSILON else NOTHING
    target = habit.target if habit.per == "day" else None
    unit = short_unit(habit)
    if target is None:
        return f"{number(total)} {unit}" if total > EPSILON else NOTHING
    bound = "\u2264" if habit.direction == "at_most" else ""
    return f"{number(total)}/{bound}{number(target)} {unit}"


def compact_week(habit: HabitSpec, week: WeekSummary) -> str:
    """The week so far for a table cell: `95/120 min`, `3/4 days`, `2/≤14 cups`."""
    unit = habit.unit if habit.kind != "minutes" else "min"
    if habit.kind == "yesno" and habit.per == "day":
        unit = agree(round(week.target or 0), "day")
    if week.target is None:
        return f"{number(week.total)} {unit}"
    bound = "\u2264" if habit.direction == "at_most" else ""
    return f"{number(week.total)}/{bound}{number(week.target)} {unit}"


def week_progress(habit: HabitSpec, week: WeekSummary) -> str:
    """The week so far in words: `32 of 40 minutes`, `3 of 4 days`, `5 cups (limit 14)`."""
    if habit.kind == "yesno" and habit.per == "day":
        return f"{number(week.total)} of {counted(week.days_so_far, 'day')}"
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
            return f"{number(week_total)} of {counted(round(target), 'day')} this week"
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
    reached = logged.before < target - EPSILON and total >= target - EPSILON
    line = f"{number(total)} of {amount(habit, target)}"
    return f"{line}: target reached" if reached else line


def percent(strength: float) -> str:
    """`72%` (0..1 in, rounded down so 99.6% never reads as a full 100%)."""
    return f"{math.floor(max(0.0, min(1.0, strength)) * 100 + EPSILON)}%"
