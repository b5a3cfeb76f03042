"""A card a feature adds to Today (self-care strip, action plan, scales due...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType
from textual.widgets import Static

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp, ProgrammeView


class TodayPanel(Static):
    """A card on Today. Subclasses set `ID`, `TITLE` and implement `show`.

    `KEYS` are bindings Today offers for this card; their actions run on the
    card (so `Binding("l", "log", ...)` calls this card's `action_log`).
    """

    ID: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    KEYS: ClassVar[list[BindingType]] = []

    def __init__(self) -> None:
        super().__init__(id=self.ID, classes="card")

    def on_mount(self) -> None:
        self.border_title = self.TITLE

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def show(self, view: ProgrammeView) -> None:
        """Redraw from the database and `view`; hide the card when it has nothing to say."""
        raise NotImplementedError
