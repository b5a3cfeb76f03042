"""A yes-or-no question in a dialog: keep what fits of a paste, seal the letter, leave unsaved."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from companion.tui import styles
from companion.tui.literal import literal


class AskDialog(ModalScreen[bool]):
    """Dismisses with True for `yes`, False for `no` or escape. `no` has the focus."""

    CSS_PATH = styles.WORKSHEETS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "no", "Cancel")]

    def __init__(self, title: str, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.title_words = title
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="ask"):
            yield Static(literal(self.question, multiline=True), id="ask-question")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="yes")
                yield Button(self.no, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#ask").border_title = literal(self.title_words)
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)
