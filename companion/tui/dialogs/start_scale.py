"""Before a scale: carry on with an unfinished one, or choose the occasion and begin.

Shows the licence note and, where the instrument requires one (WEMWBS,
SWEMWBS), its copyright line. Never shows subscales or reversed items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Select, Static

from companion.domain.dates import long_date, parse_day_phrase
from companion.domain.errors import Problem
from companion.domain.scales.administration import (
    OCCASION_NAMES,
    OCCASIONS,
    Administration,
    Occasion,
    check_day,
)
from companion.domain.scales.instruments import Instrument
from companion.tui import styles
from companion.tui.widgets.literal_input import LiteralInput


@dataclass(frozen=True)
class StartChoice:
    """What to do: carry on (`occasion` unused), or begin anew on `occasion`.

    `discard` is the id of an unfinished administration to delete first
    ("start again"); `day` the day the form was answered (a paper form filled
    in earlier), None for today.
    """

    occasion: Occasion
    on_screen: bool
    discard: int | None = None
    day: dt.date | None = None


class StartDialog(ModalScreen[StartChoice | None]):
    CSS_PATH = styles.SCALES
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        instrument: Instrument,
        suggested: Occasion,
        unfinished: Administration | None,
        has_wording: bool,
        today: dt.date,
    ) -> None:
        super().__init__()
        self.today = today
        self.instrument = instrument
        self.suggested = suggested
        self.unfinished = unfinished
        self.has_wording = has_wording

    def compose(self) -> ComposeResult:
        instrument = self.instrument
        with Vertical(id="dialog", classes="scale-start"):
            yield Static(Text(f"{instrument.name} ({instrument.short_name})", style="bold"))
            if self.has_wording:
                how = (
                    f"{instrument.item_count} items. The items are shown on screen from the "
                    "wording you imported; you can switch to the paper form at any time."
                )
            else:
                how = (
                    f"{instrument.item_count} items. Have the official form beside you: Companion "
                    "shows the item number and you give your answer, 1 to 5."
                )
            yield Static(Text(how))
            with VerticalScroll(id="start-licence"):
                yield Static(Text(instrument.licence, style="dim"))
            if instrument.copyright:
                yield Static(Text(instrument.copyright, style="italic"), id="start-copyright")
            if self.unfinished is not None:
                done = len(self.unfinished.answers)
                yield Static(
                    Text(
                        f"You started this on {long_date(self.unfinished.day)} "
                        f"({OCCASION_NAMES[self.unfinished.occasion]}) and answered {done} of "
                        f"{instrument.item_count}. Your answers are saved.",
                        style="bold",
                    ),
                    id="start-unfinished",
                )
            else:
                options = [
                    (
                        OCCASION_NAMES[o] + (" (suggested)" if o == self.suggested else ""),
                        o,
                    )
                    for o in OCCASIONS
                ]
                yield Static(Text("Which occasion is this?"), id="start-occasion-label")
                yield Select(
                    options,
                    value=self.suggested,
                    allow_blank=False,
                    compact=True,
                    id="start-occasion",
                )
                with Horizontal(id="start-day-line"):
                    yield Static(Text("Day answered: "), id="start-day-label")
                    yield LiteralInput(
                        placeholder="today (or yesterday, monday, 2026-03-02)",
                        id="start-day",
                        compact=True,
                    )
            if self.has_wording:
                yield Checkbox(
                    "Show the items on screen", value=True, compact=True, id="start-on-screen"
                )
            with Horizontal(classes="buttons"):
                if self.unfinished is not None:
                    yield Button("Carry on", variant="primary", id="carry-on")
                    yield Button("Start again, clearing them", id="start-again")
                else:
                    yield Button("Begin", variant="primary", id="begin")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#dialog").border_title = "Take a scale"
        # Enter begins (or carries on) at once: the suggested occasion is already chosen.
        self.query_one("#carry-on" if self.unfinished else "#begin", Button).focus()

    def _on_screen(self) -> bool:
        if not self.has_wording:
            return False
        return self.query_one("#start-on-screen", Checkbox).value

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.dismiss(None)
        elif event.button.id == "carry-on" and self.unfinished is not None:
            self.dismiss(StartChoice(self.unfinished.occasion, self._on_screen()))
        elif event.button.id == "start-again" and self.unfinished is not None:
            # The button says it clears the answers: that is the confirmation.
            self.dismiss(StartChoice(self.suggested, self._on_screen(), self.unfinished.id))
        elif event.button.id == "begin":
            self._begin()

    def on_input_submitted(self, event: LiteralInput.Submitted) -> None:
        event.stop()
        self._begin()

    def _begin(self) -> None:
        value = self.query_one("#start-occasion", Select).value
        occasion = value if value in OCCASIONS else self.suggested
        typed = self.query_one("#start-day", LiteralInput).value.strip()
        try:
            day = check_day(parse_day_phrase(typed, self.today), self.today) if typed else None
        except Problem as problem:  # the typing stays, to be corrected
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.dismiss(StartChoice(occasion, self._on_screen(), day=day))

    def action_cancel(self) -> None:
        self.dismiss(None)
