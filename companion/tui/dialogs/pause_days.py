"""A dialog to pause days (illness, leave) or to resume the days of an existing pause.

Paused days neither count against a habit nor change its strength. Days are
read by `dates.parse_day_phrase` facing either way: YYYY-MM-DD, `next friday`,
`tomorrow` or `in N days` for a planned pause; `today`, `yesterday`, a weekday
or `N days ago` for one that has begun.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from companion.domain.dates import long_date, parse_day_phrase
from companion.domain.errors import Problem
from companion.domain.plurals import counted
from companion.domain.selfcare.pauses import (
    PAUSE_REASON_LIMIT,
    Pause,
    check_pause,
    check_pause_reason,
)
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput


@dataclass(frozen=True)
class PauseResult:
    """Either new days to pause (first, last, reason) or a pause to `remove`."""

    first: dt.date
    last: dt.date
    reason: str | None = None
    remove: Pause | None = None


class PauseDialog(ModalScreen[None]):
    """Pause days, or resume `existing`. `save(result)` writes it and says whether that worked.

    The dialog closes only when it did, so refused days keep the typing.
    """

    CSS_PATH = styles.SELFCARE

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        day: dt.date,
        today: dt.date,
        existing: Pause | None,
        save: Callable[[PauseResult], bool],
    ) -> None:
        super().__init__()
        self.day = day
        self.today = today
        self.existing = existing
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="selfcare-dialog"):
            if self.existing is not None:
                yield from self._compose_resume(self.existing)
            else:
                yield from self._compose_pause()

    def _compose_resume(self, pause: Pause) -> ComposeResult:
        line = Text(f"{pause.span(self.today)} is paused", style="bold")
        if pause.reason:
            line.append(literal(f" ({pause.reason})"))
        line.append(".")
        yield Static(line)
        yield Static(Text("Resuming lets these days count again; your entries stay.", style="dim"))
        with Horizontal(classes="buttons"):
            yield Button("Resume these days", variant="primary", id="resume")
            yield Button("Cancel", id="cancel")

    def _compose_pause(self) -> ComposeResult:
        yield Static(Text("Pause days for illness, leave or a hard week", style="bold"))
        yield Static(
            Text("Paused days ask nothing of you and leave habit strength as it was.", style="dim")
        )
        with Horizontal(classes="field"):
            yield Label("First day")
            yield LiteralInput(self.day.isoformat(), id="first", compact=True)
        with Horizontal(classes="field"):
            yield Label("Last day")
            yield LiteralInput(self.day.isoformat(), id="last", compact=True)
        with Horizontal(classes="field"):
            yield Label("Reason")
            yield LiteralInput(
                placeholder="optional, e.g. illness",
                id="reason",
                max_length=PAUSE_REASON_LIMIT,
                compact=True,
            )
        yield Static(id="pause-help")
        with Horizontal(classes="buttons"):
            yield Button("Pause", variant="primary", id="pause")
            yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        title = "Resume paused days" if self.existing else "Pause days"
        self.query_one("#dialog").border_title = title
        if self.existing is None:
            self.query_one("#first", Input).focus()  # the first field, as it reads
            self._explain()
        else:
            self.query_one("#resume", Button).focus()

    def on_input_changed(self) -> None:
        self._explain()

    def _read(self) -> PauseResult:
        first = parse_day_phrase(
            self.query_one("#first", Input).value, self.today, facing="either"
        )
        last = parse_day_phrase(self.query_one("#last", Input).value, self.today, facing="either")
        first, last = check_pause(first, last, self.today)
        reason = check_pause_reason(self.query_one("#reason", Input).value)
        return PauseResult(first, last, reason)

    def _explain(self) -> None:
        """Say in words which days will be paused, or what is not right yet."""
        if self.existing is not None:
            return
        help_line = self.query_one("#pause-help", Static)
        try:
            result = self._read()
        except Problem as problem:
            help_line.update(literal(str(problem), "italic"))
            return
        days = (result.last - result.first).days + 1
        if days == 1:
            words = long_date(result.first)
        else:
            words = (
                f"{counted(days, 'day')}: {long_date(result.first)} to {long_date(result.last)}"
            )
        help_line.update(Text(words, style="dim"))

    def on_input_submitted(self) -> None:
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "pause":
            self._submit()
        elif event.button.id == "resume" and self.existing is not None:
            pause = self.existing
            if self.save(PauseResult(pause.first, pause.last, pause.reason, remove=pause)):
                self.dismiss(None)
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        if self.existing is not None:
            return
        try:
            result = self._read()
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        if self.save(result):
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
