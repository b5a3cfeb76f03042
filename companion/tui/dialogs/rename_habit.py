"""A dialog to give a habit a new name (its key, id and entries stay as they are)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from companion.domain.selfcare.habits import HABIT_NAME_LIMIT, Habit
from companion.tui import styles
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput


class RenameDialog(FormDialog[None]):
    """Rename `habit`; `save(name)` writes it and says whether that worked."""

    CSS_PATH = styles.SELFCARE

    HEADING = "Rename a habit"

    def __init__(self, habit: Habit, save: Callable[[str], bool]) -> None:
        super().__init__()
        self.habit = habit
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="selfcare-dialog"):
            yield Static(literal(f"A new name for {self.habit.name}", "bold"))
            yield Static(
                literal(f"Its key in the shell stays {self.habit.key}.", "dim"),
            )
            yield LiteralInput(
                self.habit.name, id="name", max_length=HABIT_NAME_LIMIT, compact=True
            )
            with Horizontal(classes="buttons"):
                yield Button("Rename", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def submit(self) -> None:
        if self.save(self.query_one(Input).value):
            self.dismiss(None)
