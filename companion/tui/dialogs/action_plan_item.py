"""A dialog to add or change one action-plan item: what, and by when (optional)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from companion.domain.dates import long_date, parse_day_phrase
from companion.domain.errors import Problem
from companion.domain.plurals import counted
from companion.domain.worksheets.action_plan import ACTION_TEXT_LIMIT, check_action_text, check_due
from companion.tui import styles
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput


@dataclass(frozen=True)
class PlanItemResult:
    text: str
    due: dt.date | None


class PlanItemDialog(FormDialog[PlanItemResult | None]):
    """Dismisses with the checked text and date, or None. Typing is kept after a mistake."""

    CSS_PATH = styles.WORKSHEETS

    FRAME = "plan-dialog"

    def __init__(self, title: str, text: str, due: dt.date | None, today: dt.date) -> None:
        super().__init__()
        self.title_words = title
        self.text = text
        self.due = due
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-dialog"):
            yield Label(Text("What will you do?"))
            yield LiteralInput(self.text, placeholder="One sentence", id="plan-text")
            yield Static(id="plan-text-help", classes="help")
            yield Label(Text("By when? (optional)"))
            yield LiteralInput(
                self.due.isoformat() if self.due else "",
                placeholder="e.g. friday, next monday, 2026-03-02; or leave empty",
                id="plan-due",
            )
            yield Static(id="plan-due-help", classes="help")
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def heading(self) -> str:
        return self.title_words

    def on_mount(self) -> None:
        self._explain()

    def on_input_changed(self) -> None:
        self._explain()

    def _explain(self) -> None:
        """Say what is not right yet, or what the date means, as the user types."""
        text = self.query_one("#plan-text", Input).value
        left = ACTION_TEXT_LIMIT - len(" ".join(text.split()))
        note = (
            f"{counted(left, 'character')} left"
            if left >= 0
            else f"{counted(-left, 'character')} too many"
        )
        self.query_one("#plan-text-help", Static).update(Text(note, style="dim"))
        try:
            due = self._due()
            words = long_date(due) if due else "No date: that is fine too."
        except Problem as problem:
            words = str(problem)
        self.query_one("#plan-due-help", Static).update(literal(words, "dim"))

    def _due(self) -> dt.date | None:
        value = self.query_one("#plan-due", Input).value.strip()
        return (
            check_due(parse_day_phrase(value, self.today, facing="future"), self.today)
            if value
            else None
        )

    def submit(self) -> None:
        try:
            text = check_action_text(self.query_one("#plan-text", Input).value)
            due = self._due()
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.dismiss(PlanItemResult(text, due))
