"""Earlier versions of one answer: look through them and restore one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.dates import short_date
from companion.domain.worksheets.answers import AnswerVersion, word_count, words
from companion.tui import styles
from companion.tui.literal import literal


class VersionsDialog(ModalScreen[AnswerVersion | None]):
    """Dismisses with the version to restore, or None."""

    CSS_PATH = styles.WORKSHEETS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, label: str, versions: Sequence[AnswerVersion], zone: dt.tzinfo, today: dt.date
    ) -> None:
        super().__init__()
        self.today = today
        self.label = label
        self.versions = list(versions)
        self.zone = zone

    def compose(self) -> ComposeResult:
        with Vertical(id="versions"):
            yield Static(Text(self.label, style="bold"), id="versions-label")
            yield OptionList(
                *(Option(self._line(v), id=str(v.id)) for v in self.versions),
                id="versions-list",
            )
            with VerticalScroll(id="versions-preview"):
                yield Static(id="versions-text")
            with Horizontal(classes="buttons"):
                yield Button("Restore this version", variant="primary", id="restore")
                yield Button("Cancel", id="cancel")

    def _line(self, version: AnswerVersion) -> Text:
        local = version.saved.astimezone(self.zone)
        line = Text(f"{short_date(local.date(), self.today)} {local:%H:%M}  ", style="bold")
        line.append(f"{words(word_count(version.text)):<10} ", style="dim")
        line.append(literal(version.preview))
        return line

    def on_mount(self) -> None:
        self.query_one("#versions").border_title = "Earlier versions"
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()
        self._preview(0)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._preview(event.option_index)

    def _preview(self, index: int) -> None:
        text = self.versions[index].text if self.versions else ""
        self.query_one("#versions-text", Static).update(literal(text, multiline=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.versions[event.option_index])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "restore":
            index = self.query_one(OptionList).highlighted
            self.dismiss(self.versions[index or 0])
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
