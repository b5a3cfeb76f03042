"""The Self-care section's day card: the day's entries with their notes, and any pause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.dates import short_date
from companion.domain.selfcare.describe import amount
from companion.domain.selfcare.entries import LoggedEntry
from companion.domain.selfcare.habits import Habit
from companion.domain.selfcare.pauses import Pause
from companion.tui.literal import literal


class DayCard(Vertical):
    """Every entry of one day (name, amount, note), highlighted for edit or delete."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="day-entries", compact=True, markup=False)
        yield Static(id="day-pause")

    def draw(
        self,
        day: dt.date,
        today: dt.date,
        entries: Sequence[LoggedEntry],
        habits: Mapping[int, Habit],
        pause: Pause | None,
    ) -> None:
        """Show `entries` (in the order logged) and, if the day is paused, say so kindly."""
        self.border_title = f"{short_date(day, today)}: entries and notes"
        shown = self.query_one("#day-entries", OptionList)
        highlighted = shown.highlighted
        shown.clear_options()
        for entry in entries:
            habit = habits.get(entry.habit_id)
            if habit is None:
                continue
            line = literal(habit.name, "bold")
            how_much = amount(habit, entry.value) if habit.kind != "yesno" else "done"
            line.append(literal(f"  {how_much}"))
            if entry.note:
                line.append("\n")
                line.append(literal(entry.note, "italic"))
            shown.add_option(Option(line, id=str(entry.id)))
        if entries:
            shown.highlighted = min(highlighted or 0, len(entries) - 1)
        note = Text()
        if not entries:
            note.append("Nothing logged on this day.", style="dim")
        if pause is not None:
            note.append("\n" if note else "")
            note.append(f"Paused: {pause.span(today)}", style="italic")
            if pause.reason:
                note.append(literal(f" ({pause.reason})", "italic"))
            note.append(". Nothing is expected on these days.", style="dim")
        self.query_one("#day-pause", Static).update(note)
