"""First run: the programme start date, an optional first name, the default self-care habits."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from companion import clock
from companion.domain.dates import long_date, next_monday, parse_day_phrase
from companion.domain.errors import Problem
from companion.domain.programme import check_start
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.domain.user_text import check_name
from companion.tui.literal import literal
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.literal_input import LiteralInput

if TYPE_CHECKING:
    import datetime as dt

    from companion.tui.app import CompanionApp


class OnboardingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.quit", "Quit", tooltip="Leave without saving"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.zone_name = clock.local_zone_name()

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        today = self.companion.now().astimezone(self._zone()).date()
        with VerticalScroll(id="onboarding"):
            yield Static(Text("Welcome to Companion", style="bold"), id="welcome")
            yield Static(
                "Your private companion for the eight-week Compassionate Leadership "
                "Coaching Programme. Everything stays on this computer.",
                classes="dim",
                markup=False,
            )
            yield Label("When does your programme start? (the day of the first webinar)")
            yield LiteralInput(
                next_monday(today).isoformat(),
                placeholder="YYYY-MM-DD, or e.g. next monday",
                id="start",
                compact=True,
            )
            yield Static(id="start-help")
            yield Label("Your first name (optional, for greetings)")
            yield LiteralInput(placeholder="e.g. Sam", id="name", max_length=40, compact=True)
            yield Label("Daily self-care to keep track of")
            yield Static(
                Text(
                    "\n".join(f"\u2713 {h.name}: {h.target_line}" for h in DEFAULT_HABITS)
                    + "\nYou can change these later.",
                ),
                id="habits",
            )
            yield Button("Start my programme", variant="primary", id="begin")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._explain(self.query_one("#start", Input).value)
        self.query_one("#start", Input).focus()

    def _zone(self) -> dt.tzinfo:
        return ZoneInfo(self.zone_name)

    def _start(self, value: str) -> dt.date:
        today = self.companion.now().astimezone(self._zone()).date()
        return check_start(parse_day_phrase(value, today, facing="future"), today)

    def _explain(self, value: str) -> None:
        try:
            start = self._start(value)
        except Problem as problem:
            self.query_one("#start-help", Static).update(literal(str(problem), "italic"))
            return
        self.query_one("#start-help", Static).update(Text(long_date(start), style="dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "start":
            self._explain(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "start":
            self.query_one("#name", Input).focus()
        else:
            self.action_start()

    def on_button_pressed(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        app = self.companion
        try:
            start = self._start(self.query_one("#start", Input).value)
            name = check_name(self.query_one("#name", Input).value)
        except Problem as problem:
            app.notify(str(problem), severity="warning", markup=False)
            return
        zone = self.zone_name
        if app.write(
            lambda: app.store.programme.save_setup(start, name, zone, DEFAULT_HABITS, app.now())
        ):
            self.dismiss(None)
