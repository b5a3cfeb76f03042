"""What every screen with self-saving editors shares: a sheet and the letter.

Typing is saved by an `Autosaver` a second after it stops and often enough
while it goes on that a kill loses at most 2 s of it; ctrl+s saves at once;
leaving (escape, or the app closing) saves what is typed, or asks when it cannot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from companion.tui import styles
from companion.tui.widgets.answer_area import AnswerArea, offer_to_fit
from companion.tui.widgets.autosave import Autosaver, leave_or_stay

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

SUPPORT_LINE = "If this stirs up something difficult, you don't have to hold it alone:"


def support_link() -> Horizontal:
    """A line and a button to the Support page, for a sheet that may stir up hard feelings.

    F1 opens it too, even while typing (h would be typed).
    """
    return Horizontal(
        Static(SUPPORT_LINE, classes="support-line"),
        Button("Support (F1)", id="open-support", compact=True),
        id="sheet-support",
    )


class WritingScreen(Screen[None]):
    """Subclasses create `self.autosave` once their editors exist, set `self._zone`
    for "Saved at 09:31", and implement `_save` and `_show_status`."""

    CSS_PATH = styles.WORKSHEETS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the list (your answers are saved)"),
        Binding("ctrl+s", "save_now", "Save", tooltip="Save now (it also saves as you type)"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.autosave: Autosaver | None = None
        self._zone: dt.tzinfo = dt.UTC
        self._leaving = False

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    @on(events.Mount)
    def _start_ticking(self) -> None:
        self.set_interval(0.25, self._tick)

    def _clock(self) -> str:
        return f"{self.companion.now().astimezone(self._zone):%H:%M}"

    def _save(self, texts: Mapping[str, str]) -> None:
        """Store `texts` ({editor key: text}) in one transaction, or raise."""
        raise NotImplementedError

    def _show_status(self) -> None:
        """Redraw the line that says what is saved."""
        raise NotImplementedError

    # ------------------------------------------------------------ saving

    def _tick(self) -> None:
        if self.autosave is not None and self.autosave.tick():
            self._show_status()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        if self.autosave is not None and isinstance(event.text_area, AnswerArea):
            self.autosave.changed(event.text_area)
            self._show_status()

    @on(Button.Pressed, "#open-support")
    def _open_support(self) -> None:
        self.companion.action_support()

    def action_save_now(self) -> None:
        if self.autosave is not None and self.autosave.flush():
            self.notify("Saved.", timeout=2)
        self._show_status()

    def on_answer_area_too_long(self, message: AnswerArea.TooLong) -> None:
        offer_to_fit(self.app, message)

    # ------------------------------------------------------------ leaving

    def action_back(self) -> None:
        leave_or_stay(self.app, self.autosave, self._leave)

    def _leave(self) -> None:
        self._leaving = True
        self.app.pop_screen()

    def on_unmount(self) -> None:
        # Leaving the app (ctrl+q) closes this screen too: save what is typed.
        if self.autosave is not None and not self._leaving:
            self.autosave.flush()
