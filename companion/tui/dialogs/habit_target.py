"""A dialog to change a habit's target, unit or direction; days before today keep theirs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from companion.domain.errors import Problem
from companion.domain.selfcare.describe import number
from companion.domain.selfcare.habits import UNIT_LIMIT, Habit, HabitEdit, plan_edit, read_target
from companion.tui import styles
from companion.tui.dialogs.add_habit import DIRECTIONS, PERS
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput


class TargetDialog(FormDialog[None]):
    """Change `habit`'s target from `today`; `save(edit)` writes it and says whether it worked."""

    CSS_PATH = styles.SELFCARE

    HEADING = "Change a habit's target"

    def __init__(self, habit: Habit, today: dt.date, save: Callable[[HabitEdit], bool]) -> None:
        super().__init__()
        self.habit = habit
        self.today = today
        self.save = save

    def compose(self) -> ComposeResult:
        habit = self.habit
        target = "" if habit.target is None else number(habit.target)
        with Vertical(id="dialog", classes="selfcare-dialog habit-dialog"):
            yield Static(literal(f"{habit.name}: {habit.target_line}", "bold"))
            with Horizontal(classes="field"):
                yield Label("Target")
                yield LiteralInput(target, placeholder="none", id="target", compact=True)
            with Horizontal(classes="field"):
                yield Label("Per")
                yield Select(PERS, value=habit.per, allow_blank=False, id="per", compact=True)
            with Horizontal(classes="field"):
                yield Label("Aim for")
                yield Select(
                    DIRECTIONS,
                    value=habit.direction,
                    allow_blank=False,
                    id="direction",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Unit")
                unit = LiteralInput(habit.unit, id="unit", max_length=UNIT_LIMIT, compact=True)
                unit.disabled = habit.kind == "minutes"  # minutes stay minutes
                yield unit
            yield Static(id="habit-help")
            with Horizontal(classes="buttons"):
                yield Button("Change", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._explain()

    def on_input_changed(self) -> None:
        self._explain()

    def on_select_changed(self) -> None:
        self._explain()

    def _edit(self) -> HabitEdit:
        return plan_edit(
            self.habit,
            self.today,
            target=read_target(self.query_one("#target", Input).value),
            per=str(self.query_one("#per", Select).value),
            direction=str(self.query_one("#direction", Select).value),
            unit=self.query_one("#unit", Input).value,
        )

    def _unchanged(self) -> bool:
        habit, field = self.habit, self.query_one
        shown = "" if habit.target is None else number(habit.target)
        return (
            field("#target", Input).value.strip() == shown
            and field("#per", Select).value == habit.per
            and field("#direction", Select).value == habit.direction
            and field("#unit", Input).value.strip() == habit.unit
        )

    def _explain(self) -> None:
        """Say what the habit will aim for, from when, or what is not right yet."""
        help_line = self.query_one("#habit-help", Static)
        try:
            edit = self._edit()
        except Problem as problem:
            if self._unchanged():
                help_line.update(
                    literal("From today; days before keep the target they had.", "dim")
                )
            else:
                help_line.update(literal(str(problem), "italic"))
            return
        help_line.update(
            literal(
                f"From today: {edit.spec.target_line}. Days before keep the target they had.",
                "dim",
            )
        )

    def submit(self) -> None:
        try:
            edit = self._edit()
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        if self.save(edit):
            self.dismiss(None)
