"""A dialog to add a habit of your own ("kind moment", "delegated a task", "no coffee after 2")."""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from companion.domain.errors import Problem
from companion.domain.selfcare.habits import (
    HABIT_NAME_LIMIT,
    KEY_LIMIT,
    UNIT_LIMIT,
    Direction,
    HabitKind,
    HabitSpec,
    Per,
    check_spec,
    read_target,
)
from companion.tui import styles
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput

KINDS: list[tuple[str, HabitKind]] = [
    ("yes / no (done or not)", "yesno"),
    ("a count (glasses, cups...)", "count"),
    ("minutes", "minutes"),
]
PERS: list[tuple[str, Per]] = [("a day", "day"), ("a week", "week")]
DIRECTIONS: list[tuple[str, Direction]] = [
    ("at least", "at_least"),
    ("at most (a limit)", "at_most"),
]


def key_from(name: str) -> str:
    """A suggested shell key from a name: `Kind moment` -> `kind-moment`."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    key = "-".join(words)[:KEY_LIMIT].strip("-")
    return key if key[:1].isalpha() else f"h-{key}"[:KEY_LIMIT].strip("-")


class HabitDialog(FormDialog[None]):
    """Add a habit; `save(spec)` writes it and says whether that worked (else the typing stays)."""

    CSS_PATH = styles.SELFCARE

    HEADING = "A habit of your own"

    def __init__(self, save: Callable[[HabitSpec], bool]) -> None:
        super().__init__()
        self.save = save
        self._key_typed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="selfcare-dialog habit-dialog"):
            with Horizontal(classes="field"):
                yield Label("Name")
                yield LiteralInput(
                    placeholder="e.g. Kind moment",
                    id="name",
                    max_length=HABIT_NAME_LIMIT,
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Shell key")
                yield LiteralInput(
                    placeholder="e.g. kind-moment", id="key", max_length=KEY_LIMIT, compact=True
                )
            with Horizontal(classes="field"):
                yield Label("Kind")
                yield Select(KINDS, value="yesno", allow_blank=False, id="kind", compact=True)
            with Horizontal(classes="field"):
                yield Label("Unit")
                yield LiteralInput("times", id="unit", max_length=UNIT_LIMIT, compact=True)
            with Horizontal(classes="field"):
                yield Label("Target")
                yield LiteralInput(placeholder="optional, e.g. 3", id="target", compact=True)
            with Horizontal(classes="field"):
                yield Label("Per")
                yield Select(PERS, value="day", allow_blank=False, id="per", compact=True)
            with Horizontal(classes="field"):
                yield Label("Aim for")
                yield Select(
                    DIRECTIONS, value="at_least", allow_blank=False, id="direction", compact=True
                )
            yield Static(id="habit-help")
            with Horizontal(classes="buttons"):
                yield Button("Add habit", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._explain()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name" and not self._key_typed:
            self.query_one("#key", Input).value = key_from(event.value)
        elif event.input.id == "key" and event.input.has_focus:
            self._key_typed = True
        self._explain()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind":
            unit = self.query_one("#unit", Input)
            if event.value == "minutes":
                unit.value = "minutes"
            elif unit.value == "minutes":
                unit.value = "times"
        self._explain()

    def _spec(self) -> HabitSpec:
        target = read_target(self.query_one("#target", Input).value)
        return check_spec(
            HabitSpec(
                key=self.query_one("#key", Input).value,
                name=self.query_one("#name", Input).value,
                kind=self.query_one("#kind", Select).value,  # type: ignore[arg-type]
                unit=self.query_one("#unit", Input).value,
                target=target,
                per=self.query_one("#per", Select).value,  # type: ignore[arg-type]
                direction=self.query_one("#direction", Select).value,  # type: ignore[arg-type]
            )
        )

    def _explain(self) -> None:
        """Say what the habit will be, or what is not right yet."""
        help_line = self.query_one("#habit-help", Static)
        try:
            spec = self._spec()
        except Problem as problem:
            help_line.update(literal(str(problem), "italic"))
            return
        help_line.update(literal(f"{spec.name}: {spec.target_line}", "dim"))

    def submit(self) -> None:
        try:
            spec = self._spec()
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        if self.save(spec):
            self.dismiss(None)
