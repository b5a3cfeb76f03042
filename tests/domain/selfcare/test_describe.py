"""How self-care reads in words and small charts; every expected string worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from companion.domain.charts import bar, sparkline
from companion.domain.dates import day_words
from companion.domain.selfcare.describe import (
    amount,
    compact_day,
    compact_week,
    logged_line,
    number,
    percent,
    progress,
    singular,
    week_progress,
)
from companion.domain.selfcare.entries import Logged, LoggedEntry
from companion.domain.selfcare.habits import Habit
from companion.domain.selfcare.summary import WeekSummary

WALKING = Habit("walking", "Walking", "minutes", "minutes", 30, id=1)
HYDRATION = Habit("hydration", "Hydration", "count", "glasses", 8, id=3)
KIND = Habit("kind-moment", "Kind moment", "yesno", "times", None, id=4)
KIND_3_A_WEEK = Habit("kind-week", "Kind moment", "yesno", "days", 3, per="week", id=5)
COFFEE = Habit("coffee", "Coffee", "count", "cups", 2, direction="at_most", id=7)
YOGA = Habit("yoga", "Yoga", "minutes", "minutes", 150, per="week", id=8)
JOURNAL = Habit("journal", "Journal", "minutes", "minutes", None, id=9)

TODAY = dt.date(2026, 11, 26)  # a Thursday


def logged(habit: Habit, value: float, before: float, day: dt.date = TODAY) -> Logged:
    entry = LoggedEntry(habit.id, day, value, None, 1, "2026-11-26T09:30:00Z", "Europe/London")
    return Logged(entry=entry, day_total=before + value, before=before)


@pytest.mark.parametrize(
    ("value", "text"),
    [(25, "25"), (25.0, "25"), (2.5, "2.5"), (0.25, "0.25"), (10_000, "10,000"), (1 / 3, "0.33")],
)
def test_numbers_read_plainly(value: float, text: str) -> None:
    assert number(value) == text


@pytest.mark.parametrize(
    ("unit", "one"),
    [
        ("glasses", "glass"),
        ("minutes", "minute"),
        ("cups", "cup"),
        ("days", "day"),
        ("dishes", "dish"),
        ("boxes", "box"),
        ("steps", "step"),
        ("grass", "grass"),
    ],
)
def test_units_are_singular_for_one(unit: str, one: str) -> None:
    assert singular(unit) == one


def test_amounts() -> None:
    assert amount(HYDRATION, 1) == "1 glass"
    assert amount(HYDRATION, 2) == "2 glasses"
    assert amount(WALKING, 25) == "25 minutes"


def test_day_words() -> None:
    assert day_words(TODAY, TODAY) == "today"
    assert day_words(dt.date(2026, 11, 25), TODAY) == "yesterday"
    assert day_words(dt.date(2026, 11, 23), TODAY) == "Monday 23 November"
    assert day_words(dt.date(2025, 12, 31), TODAY) == "Wednesday 31 December 2025"


def test_the_logged_line_from_the_issue() -> None:
    assert (
        logged_line(WALKING, logged(WALKING, 25, before=30), TODAY)
        == "Walking: 25 minutes logged for today (55 of 30 minutes)."
    )


def test_the_logged_line_notices_the_target_being_reached_once() -> None:
    assert (
        logged_line(WALKING, logged(WALKING, 10, before=25), TODAY)
        == "Walking: 10 minutes logged for today (35 of 30 minutes: target reached)."
    )
    assert (
        logged_line(WALKING, logged(WALKING, 5, before=5), TODAY)
        == "Walking: 5 minutes logged for today (10 of 30 minutes)."
    )


def test_logged_lines_for_other_kinds_and_days() -> None:
    yesterday = dt.date(2026, 11, 25)
    assert (
        logged_line(HYDRATION, logged(HYDRATION, 1, before=5, day=yesterday), TODAY)
        == "Hydration: 1 glass logged for yesterday (6 of 8 glasses)."
    )
    assert logged_line(KIND, logged(KIND, 1, before=0), TODAY) == "Kind moment: logged for today."
    assert (
        logged_line(COFFEE, logged(COFFEE, 1, before=2), TODAY)
        == "Coffee: 1 cup logged for today (3 cups today; your limit is 2)."
    )
    assert (
        logged_line(JOURNAL, logged(JOURNAL, 20, before=0, day=dt.date(2026, 11, 20)), TODAY)
        == "Journal: 20 minutes logged for Friday 20 November (20 minutes that day)."
    )
    assert (
        logged_line(YOGA, logged(YOGA, 40, before=0), TODAY, week_total=100)
        == "Yoga: 40 minutes logged for today (this week: 100 of 150 minutes)."
    )
    assert (
        logged_line(KIND_3_A_WEEK, logged(KIND_3_A_WEEK, 1, before=0), TODAY, week_total=2)
        == "Kind moment: logged for today (2 of 3 days this week)."
    )


def test_progress_in_words_and_in_cells() -> None:
    assert progress(WALKING, 55) == "55 of 30 minutes"
    assert progress(COFFEE, 3) == "3 cups (limit 2)"
    assert progress(KIND, 0) == "not yet"
    assert progress(JOURNAL, 1) == "1 minute"
    assert compact_day(WALKING, 25) == "25/30 min"
    assert compact_day(HYDRATION, 6) == "6/8 glasses"
    assert compact_day(COFFEE, 1) == "1/\u22642 cups"
    assert compact_day(KIND, 1) == "done"
    assert compact_day(KIND, 0) == "\u00b7"
    assert compact_day(JOURNAL, 0) == "\u00b7"


def test_the_week_in_words_and_in_cells() -> None:
    days = tuple(dt.date(2026, 11, 23) + dt.timedelta(days=n) for n in range(7))
    week = WeekSummary(
        days=days,
        daily=(30, 25, 0, 40, 0, 0, 0),
        total=95,
        target=120,
        days_on_target=3,
        days_so_far=4,
        paused_days=0,
    )
    assert week_progress(WALKING, week) == "95 of 120 minutes"
    assert compact_week(WALKING, week) == "95/120 min"
    yes_days = WeekSummary(
        days=days,
        daily=(1, 1, 0, 1, 0, 0, 0),
        total=3,
        target=4,
        days_on_target=3,
        days_so_far=4,
        paused_days=0,
    )
    assert week_progress(KIND, yes_days) == "3 of 4 days"
    assert compact_week(KIND, yes_days) == "3/4 days"


def test_percent_never_rounds_up_to_a_full_hundred() -> None:
    assert percent(0.996) == "99%"
    assert percent(1.0) == "100%"
    assert percent(0.0) == "0%"
    assert percent(0.57) == "57%"


def test_bars_fill_in_eighths() -> None:
    assert bar(0.0, 4) == "\u2591" * 4
    assert bar(1.0, 4) == "\u2588" * 4
    assert bar(0.5, 4) == "\u2588\u2588\u2591\u2591"
    # 0.3 of 4 cells is 1.2 cells: one full, then 2 eighths (1.6 rounds to 2 of 8... by hand:
    # 0.3 * 4 * 8 = 9.6 eighths -> 10 = 1 full cell and 2 eighths).
    assert bar(0.3, 4) == "\u2588\u258e\u2591\u2591"
    assert len(bar(0.37, 9)) == 9


def test_sparklines_show_nothing_neutrally_and_any_practice() -> None:
    # Against a top of 8: 0 -> ·, 1 -> ▁ (1/8), 4 -> ▄ (4/8), 8 -> █, 12 -> █ (capped).
    assert sparkline([0, 1, 4, 8, 12], top=8) == "\u00b7\u2581\u2584\u2588\u2588"
    # Without a top, the biggest value is full; a tiny amount still shows as ▁.
    assert sparkline([0.1, 10]) == "\u2581\u2588"
    assert sparkline([0, 0]) == "\u00b7\u00b7"
