"""The evaluation pack, from the app: the cohort label, whether to add writing, and the pack.

The dialog shows exactly the file that will be given, rebuilt as the label or
the choice changes, and hands it over only when the participant says so: the
same consent `companion pack` asks for in the shell.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from companion.domain.errors import Problem
from companion.domain.evaluation.pack import check_label, encode, what_it_holds
from companion.tui import styles
from companion.tui.dialogs.form import FormDialog
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput

if TYPE_CHECKING:
    from companion.domain.evaluation.pack import Pack

# Builds the pack for a checked label, with or without the writing.
MakePack = Callable[[str, bool], "Pack"]


@dataclass(frozen=True)
class GivenPack:
    """The pack the participant saw and agreed to give, as its file's text."""

    pack: Pack
    text: str


class PackDialog(FormDialog[GivenPack | None]):
    """Dismisses with the pack shown, or None. The label typed is kept after a mistake."""

    CSS_PATH = styles.PROGRESS
    FRAME = "pack-dialog"
    HEADING = "An evaluation pack for your facilitator"

    def __init__(self, make: MakePack) -> None:
        super().__init__()
        self.make = make
        self.shown: GivenPack | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="pack-dialog"):
            yield Label(Text("Your cohort's label, as your facilitator gave it"))
            yield LiteralInput(placeholder="e.g. Spring 2026", id="pack-cohort")
            yield Checkbox(
                "Include what I wrote in the worksheets and the questionnaire",
                value=False,
                id="pack-writing",
            )
            with VerticalScroll(id="pack-preview-frame"):
                yield Static(id="pack-preview")
            yield Static(id="pack-holds")
            with Horizontal(classes="buttons"):
                yield Button("Give me the file", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        super().on_mount()
        self._rebuild()

    def on_input_changed(self) -> None:
        self._rebuild()

    def on_checkbox_changed(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        """Show the pack as it stands; before a label is given, what is missing."""
        preview = self.query_one("#pack-preview", Static)
        holds = self.query_one("#pack-holds", Static)
        typed = self.query_one("#pack-cohort", Input).value
        try:
            label = check_label(typed)
        except Problem as problem:
            self.shown = None
            preview.update(Text("The pack shows here once the label is given.", style="dim"))
            holds.update(Text() if not typed else literal(str(problem), "italic"))
            return
        pack = self.make(label, self.query_one("#pack-writing", Checkbox).value)
        self.shown = GivenPack(pack, encode(pack))
        preview.update(literal(self.shown.text, multiline=True))
        holds.update(Text(what_it_holds(pack), style="italic"))

    def submit(self) -> None:
        if self.shown is None:
            try:
                check_label(self.query_one("#pack-cohort", Input).value)
            except Problem as problem:
                self.notify(str(problem), severity="warning", markup=False)
            return
        self.dismiss(self.shown)
