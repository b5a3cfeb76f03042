"""What every section screen shares: the section bar on top, key hints below."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from companion.tui.sections import SECTIONS
from companion.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp, ProgrammeView


class SectionBar(Static):
    """`1 Today  2 Programme`, the current one highlighted; click to switch."""

    def __init__(self, current: str) -> None:
        super().__init__(id="section-bar")
        self.current = current

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        app: CompanionApp = self.app  # type: ignore[assignment]
        parts = []
        for section in SECTIONS:
            label = f" {section.key} {section.title} "
            style = "reverse bold" if section.mode == self.current else ""
            parts.append(f"[{style} @click=app.section('{section.mode}')]{label}[/]")
        width = len(" Companion  ") + sum(len(f" {s.key} {s.title}  ") for s in SECTIONS)
        # Every section's number and name matter more than the app's own name at 80 columns.
        brand = " Companion  " if width <= self.size.width else ""
        banner = "   [dim italic]demo: throwaway, gone when Companion stops[/]" if app.demo else ""
        self.update(brand + " ".join(parts) + banner)


class Section(Screen[None]):
    """A main section. Subclasses compose their body and implement `show`."""

    MODE = ""

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield SectionBar(self.MODE)
        yield from self.compose_body()
        yield KeyFooter()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def on_screen_resume(self) -> None:
        self.show(self.companion.view())

    def show(self, view: ProgrammeView | None) -> None:
        """Redraw from `view` (None only before setup)."""
        raise NotImplementedError
