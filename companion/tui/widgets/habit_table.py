"""The Self-care table: each habit with the day's total, the week so far, its strength
and the last two weeks as a sparkline, all as of the day being looked at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from companion.domain.charts import bar, spark_top, sparkline
from companion.domain.dates import short_date
from companion.domain.selfcare.describe import compact_day, compact_week, percent
from companion.domain.selfcare.habits import Habit
from companion.domain.selfcare.summary import HabitSummary
from companion.tui.literal import literal

SPARK_DAYS = 14
NAME_WIDTH = 13


class HabitTable(DataTable[Text]):
    """The habits, one a row; left and right move the day instead of the (unused) column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "screen.shift_day(-1)", "Day", key_display="\u2190\u2192"),
        Binding("right", "screen.shift_day(1)", "A day forward", show=False),
    ]

    def on_mount(self) -> None:
        self.add_column("Habit", key="habit", width=NAME_WIDTH)
        self.add_column("Day", key="day", width=12)
        self.add_column("Week", key="week", width=13)
        self.add_column("Habit strength", key="strength", width=14)
        self.add_column("Last 2 weeks", key="spark", width=SPARK_DAYS)

    def draw(
        self,
        habits: Sequence[Habit],
        summaries: Mapping[int, HabitSummary],
        day: dt.date,
        today: dt.date,
        selected_id: int | None,
    ) -> None:
        """One row per habit, as of `day`; the cursor stays on the habit it was on."""
        self.columns[ColumnKey("day")].label = Text("Today" if day == today else short_date(day))
        self.clear()
        for habit in (each.on(day) for each in habits):  # with the target it had that day
            summary = summaries[habit.id]
            total = summary.day_total
            spark = sparkline(summary.recent[-SPARK_DAYS:], spark_top(habit))
            strength = Text(bar(summary.strength, 9), style="green")
            strength.append(f" {percent(summary.strength):>4}", style="")
            self.add_row(
                literal(habit.name, no_wrap=True, overflow="ellipsis"),
                literal(compact_day(habit, total), "bold" if total > 0 else "dim"),
                literal(compact_week(habit, summary.week)),
                strength,
                Text(spark, style="green"),
                key=str(habit.id),
            )
        if habits:
            ids = [h.id for h in habits]
            self.move_cursor(row=ids.index(selected_id) if selected_id in ids else 0)
