"""The Self-care table: each habit with the day's total, the week so far, its strength
and the last two weeks as a sparkline, all as of the day being looked at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.data_table import ColumnKey

from companion.domain.charts import bar, spark_top, sparkline
from companion.domain.dates import short_date
from companion.domain.selfcare.describe import compact_day, compact_week, percent
from companion.domain.selfcare.habits import Habit
from companion.domain.selfcare.summary import HabitSummary
from companion.tui.literal import literal
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row

SPARK_DAYS = 14
COLUMNS = (
    Col("Habit", "habit", REST),  # the name as typed, whole: it wraps when narrow
    Col("Today", "day"),
    Col("Week", "week"),
    Col("Habit strength", "strength", 14),
    Col("Last 2 weeks", "spark", SPARK_DAYS),
)


class HabitTable(FittingTable):
    """The habits, one a row; left and right move the day instead of the (unused) column."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "screen.shift_day(-1)", "Day", key_display="\u2190\u2192"),
        Binding("right", "screen.shift_day(1)", "A day forward", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(COLUMNS, **kwargs)

    def draw(
        self,
        habits: Sequence[Habit],
        summaries: Mapping[int, HabitSummary],
        day: dt.date,
        today: dt.date,
        selected_id: int | None,
    ) -> None:
        """One row per habit, as of `day`; the cursor stays on the habit it was on."""
        self.columns[ColumnKey("day")].label = Text(
            "Today" if day == today else short_date(day, today)
        )
        rows: list[Row] = []
        for habit in (each.on(day) for each in habits):  # with the target it had that day
            summary = summaries[habit.id]
            total = summary.day_total
            spark = sparkline(summary.recent[-SPARK_DAYS:], spark_top(habit))
            strength = Text(bar(summary.strength, 9), style="green")
            strength.append(f" {percent(summary.strength):>4}", style="")
            cells = (
                literal(habit.name),
                literal(compact_day(habit, total), "bold" if total > 0 else "dim"),
                literal(compact_week(habit, summary.week)),
                strength,
                Text(spark, style="green"),
            )
            rows.append(Row(cells, key=str(habit.id)))
        ids = [h.id for h in habits]
        self.fill(rows, ids.index(selected_id) if selected_id in ids else 0)
