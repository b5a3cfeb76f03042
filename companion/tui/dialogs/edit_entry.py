"""A dialog to change one logged entry: its amount and its note."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from companion.domain.dates import long_date
from companion.domain.errors import Problem
from companion.domain.selfcare.describe import number
from companion.domain.selfcare.entries import NOTE_LIMIT, LoggedEntry, check_note, check_value
from companion.domain.selfcare.habits import Habit
from companion.tui import styles
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput


class EntryDialog(FormDialog[None]):
    """Change an entry. `save(value, note)` writes it and says whether that worked.

    The dialog closes only when it did, so a refused amount keeps the typing.
    """

    CSS_PATH = styles.SELFCARE

    HEADING = "Change an entry"

    def __init__(
        self, habit: Habit, entry: LoggedEntry, save: Callable[[float, str | None], bool]
    ) -> None:
        super().__init__()
        self.habit = habit
        self.entry = entry
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="selfcare-dialog"):
            yield Static(literal(f"{self.habit.name} on {long_date(self.entry.day)}", "bold"))
            if self.habit.kind != "yesno":
                yield Label(literal(f"How many {self.habit.unit}"))
                yield LiteralInput(number(self.entry.value), id="amount", compact=True)
            yield Label("Note (optional)")
            yield LiteralInput(
                self.entry.note or "", id="note", max_length=NOTE_LIMIT, compact=True
            )
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def submit(self) -> None:
        try:
            if self.habit.kind == "yesno":
                value = 1.0
            else:
                value = check_value(self.habit, self.query_one("#amount", Input).value)
            note = check_note(self.query_one("#note", Input).value)
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        if self.save(value, note):
            self.dismiss(None)
