"""`?`: every key on one page."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
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
        parts: list[RenderableType] = []
        support = Text()
        support.append("Finding things hard? ", style="bold")
        support.append("Press h (or F1) for Support: who to contact, and when.\n")
        parts.append(support)
        for title, keys in self.groups:
            parts.append(Text(title, style="bold"))
            # A grid, so that a meaning too long for its line wraps under
            # itself, clear of the keys.
            grid = Table.grid(padding=(0, 2, 0, 0), pad_edge=False)
            grid.add_column(style="bold", no_wrap=True, min_width=6)
            grid.add_column(ratio=1)
            for key, meaning in keys:
                grid.add_row(key, meaning)
            parts.append(Padding(grid, (0, 0, 1, 2)))
        parts.append(Text("Press ? or Escape to close.", style="dim"))
        with VerticalScroll(id="help"):
            yield Static(Group(*parts))

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Keys"

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
