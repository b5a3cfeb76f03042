"""A dialog to move one session to another day or time, or back to its planned time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from companion.domain.dates import long_date, parse_moment
from companion.domain.errors import Problem
from companion.domain.programme import (
    Event,
    check_move,
    move_reorders,
    planned_day,
)
from companion.domain.programme_setup import ProgrammeSetup
from companion.domain.programme_template import ProgrammeTemplate
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput


@dataclass(frozen=True)
class MoveResult:
    """The new local start, or None for "back to the planned time"."""

    when: dt.datetime | None


class MoveDialog(FormDialog[MoveResult | None]):
    HEADING = "Move a session"

    def __init__(
        self, template: ProgrammeTemplate, setup: ProgrammeSetup, event: Event, today: dt.date
    ) -> None:
        super().__init__()
        self.template = template
        self.setup = setup
        self.event = event
        self.today = today

    def compose(self) -> ComposeResult:
        session = self.template.session(self.event.id)
        planned = dt.datetime.combine(
            planned_day(self.template, self.setup.start, session, self.setup.days_off),
            session.time,
        )
        with Vertical(id="dialog"):
            yield Static(Text(f"Move {self.event.title}", style="bold"))
            yield Static(
                Text(f"Planned for {long_date(planned.date())} at {planned:%H:%M}.", style="dim")
            )
            yield LiteralInput(
                f"{self.event.start:%Y-%m-%d %H:%M}",
                placeholder="e.g. 2026-03-02 10:00, friday 12:00, next monday",
                id="when",
            )
            yield Static(id="when-help")
            with Horizontal(classes="buttons"):
                yield Button("Move", variant="primary", id="save")
                yield Button("Planned time", id="planned")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._explain(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._explain(event.value)

    def _explain(self, value: str) -> None:
        """Say in words what the typed date means, or what is not right yet."""
        try:
            when = self._check(value)
        except Problem as problem:
            self.query_one("#when-help", Static).update(literal(str(problem), "italic"))
            return
        words = literal(f"{long_date(when.date())} at {when:%H:%M}", "dim")
        note = move_reorders(self.template, self.setup, self.event.id, when)
        if note:
            words.append(literal(f"\n{note}.", "italic"))
        self.query_one("#when-help", Static).update(words)

    def _check(self, value: str) -> dt.datetime:
        moment = parse_moment(value, self.today, default_time=self.event.start.time())
        return check_move(self.template, self.setup, self.event.id, moment)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "planned":
            self.dismiss(MoveResult(None))

    def submit(self) -> None:
        value = self.query_one(Input).value
        try:
            when = self._check(value)
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.dismiss(MoveResult(when))
