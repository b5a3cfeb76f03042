"""Choose a scale result to remove (one recorded by mistake); Scales' `u` puts it back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from companion.tui import styles


class RemoveResultDialog(ModalScreen[int | None]):
    """Dismisses with the id of the result to remove, or None (escape, Cancel)."""

    CSS_PATH = styles.SCALES

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, scale_name: str, choices: Sequence[tuple[int, Text]]) -> None:
        super().__init__()
        self.scale_name = scale_name
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="remove-result"):
            yield Static(
                Text(
                    f"Which {self.scale_name} result was recorded by mistake? It is removed "
                    "with its answers; press u in Scales to put it back.",
                )
            )
            yield OptionList(
                *(Option(line, id=str(result_id)) for result_id, line in self.choices),
                id="remove-list",
            )
            with Horizontal(classes="buttons"):
                yield Button("Remove this result", id="remove")
                yield Button("Cancel", variant="primary", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#remove-result").border_title = "Remove a result"
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][0])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "remove":
            index = self.query_one(OptionList).highlighted
            self.dismiss(self.choices[index or 0][0])
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
