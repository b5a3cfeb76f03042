"""`?`: every key on one page."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close"),
        Binding("h", "app.support", "Support", show=False),  # as the first line offers
    ]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Finding things hard? ", style="bold")
        text.append("Press h (or F1) for Support: who to contact, and when.\n\n")
        for title, keys in self.groups:
            text.append(f"{title}\n", style="bold")
            for key, meaning in keys:
                text.append(f"  {key:<8}", style="bold")
                text.append(f"{meaning}\n")
            text.append("\n")
        text.append("Press ? or Escape to close.", style="dim")
        with VerticalScroll(id="help"):
            yield Static(text)

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Keys"

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
