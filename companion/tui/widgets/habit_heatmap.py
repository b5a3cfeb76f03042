"""The highlighted habit's calendar: twelve weeks of days, and its programme weeks below.

Drawn from the domain's summary (`HabitSummary.heatmap`, `.programme_weeks`)
as Rich Text, so the Self-care section shows it in one Static.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text

from companion.domain.charts import HEAT_GLYPHS, NOTHING, PAUSED, sparkline, week_spark_top
from companion.domain.programme import week_of
from companion.domain.selfcare.habits import Habit
from companion.domain.selfcare.summary import HabitSummary, HeatCell


def heatmap_text(
    habit: Habit, summary: HabitSummary, selected: dt.date, programme_start: dt.date
) -> Text:
    """Twelve weeks as columns of seven days (rows start on the programme's weekday).

    `·` nothing logged, `░▒▓█` more (█: the day's target met, or the biggest
    day), `~` paused; the selected day is shown reversed. Below, the
    programme's weeks as bars.
    """
    grid = summary.heatmap
    text = Text(no_wrap=True)
    text.append("  ")
    text.append(_month_labels([row[0].day for row in grid]), style="dim")
    text.append("\n")
    for weekday in range(7):
        label = f"{grid[0][weekday].day:%a}"[0]
        text.append(f"{label} ", style="dim")
        for row in grid:
            cell = row[weekday]
            glyph, style = _cell(cell)
            if cell.day == selected:
                style = f"{style} reverse".strip()
            text.append(glyph, style=style)
            text.append(" ")
        text.append("\n")
    text.append(f"{NOTHING} none  ", style="dim")
    text.append("".join(HEAT_GLYPHS[1:]), style="green")
    text.append(" more  ", style="dim")
    text.append(f"{PAUSED} paused\n", style="dim")
    text.append_text(_programme_weeks(habit, summary, programme_start))
    return text


def _cell(cell: HeatCell) -> tuple[str, str]:
    if cell.state == "future":
        return " ", ""
    if cell.state == "paused":
        return PAUSED, "dim"
    if cell.state == "before":
        return " ", ""
    if cell.level == 0:
        return NOTHING, "dim"
    return HEAT_GLYPHS[cell.level], "green"


def _month_labels(week_starts: Sequence[dt.date]) -> str:
    """Month names above the weeks they begin in, where they fit (two characters a week).

    A name is whole or left out, never cut: the last week's month runs a cell
    past the grid ("Dec", not "De").
    """
    line: list[str] = []
    previous = None
    for index, first in enumerate(week_starts):
        month = (first + dt.timedelta(days=6)).month
        if month != previous and index * 2 >= len(line) + (1 if line else 0):
            name = f"{first + dt.timedelta(days=6):%b}"
            line += [" "] * (index * 2 - len(line)) + list(name)
        previous = month
    return "".join(line)


def _programme_weeks(habit: Habit, summary: HabitSummary, start: dt.date) -> Text:
    """`Programme weeks` over `1▇ 2█ 3▄ 4█ 5▃ 6  7  8`: this week's number in bold."""
    weeks = summary.programme_weeks
    text = Text(no_wrap=True)
    if not weeks:
        return text
    top = week_spark_top(habit)
    current = week_of(start, summary.day)
    text.append("Programme weeks\n", style="dim")
    for week, spark in enumerate(sparkline(weeks, top), start=1):
        text.append(f"{week}", style="bold" if week == current else "dim")
        text.append(spark if week <= current else " ", style="green")
        text.append(" ")
    return text
