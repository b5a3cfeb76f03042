"""Support (key h, or F1 from inside a text box): who to contact when things are hard.

The page comes from `support.toml` (a facilitator may adapt it); it opens over
whatever is on screen, so nothing typed is lost, and closes back to it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from companion.domain.support import SupportContent


class SupportScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h", "dismiss", "Close"),
    ]

    def __init__(self, support: SupportContent) -> None:
        super().__init__()
        self.support = support

    def compose(self) -> ComposeResult:
        support = self.support
        with VerticalScroll(id="support"):
            yield Static(Text(support.introduction), id="support-introduction")
            # Name and how on one line, when it fits under it: all six fit at 80x24.
            for number, contact in enumerate(support.contacts, start=1):
                how = Text(contact.name, style="bold")
                how.append(f" \u00b7 {contact.how}")
                yield Static(how, id=f"support-{number}", classes="support-how")
                yield Static(Text(contact.when, style="italic"), classes="support-when")
            if support.closing:
                yield Static(Text(support.closing), id="support-closing")
            yield Static(sources(support), id="support-sources")

    def on_mount(self) -> None:
        scroll = self.query_one("#support", VerticalScroll)
        scroll.border_title = self.support.title
        scroll.focus()  # the arrows and page keys scroll it

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def sources(support: SupportContent) -> Text:
    """Where each number comes from, and how to close."""
    text = Text()
    sourced = [c for c in support.contacts if c.source]
    if sourced:
        text.append("Where these numbers come from\n", style="dim bold")
        for contact in sourced:
            text.append(f"{contact.name}: {contact.source}\n", style="dim")
        text.append("\n")
    text.append("Press Escape to close.", style="dim")
    return text
