"""The practice timer: choose minutes, a calm countdown, pause and resume, a gentle end.

Opened from the Self-care section and from Today (key p). The minutes are
logged at the end automatically, or when stopped early after asking. The
day is the one the practice began on. The countdown itself is
`companion.domain.selfcare.practice.Countdown`, which `companion practice` uses too.

With a `Guide` (the Self-Compassion Break, offered from the self-kindness
worksheet and Today's self-compassion pause) the countdown shows the guide's
steps in turn, as `Guide.step_at` decides from the time practised.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static

from companion.domain.errors import Problem
from companion.domain.selfcare.describe import amount, logged_line
from companion.domain.selfcare.entries import Logged, local_day
from companion.domain.selfcare.guides import Guide
from companion.domain.selfcare.habits import Habit
from companion.domain.selfcare.practice import (
    ENDING,
    Countdown,
    check_minutes,
    clock_text,
    stopped_after,
)
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.widgets.literal_input import LiteralInput

if TYPE_CHECKING:
    import datetime as dt

    from companion.tui.app import CompanionApp

# The timer's clock; tests replace it to step through a practice without waiting.
monotonic: Callable[[], float] = time.monotonic

TICK_SECONDS = 0.25


class PracticeScreen(ModalScreen[Logged | None]):
    """A timed practice of one of `habits` (minutes habits); dismisses with what was logged.

    With `guide`, the practice is guided: its steps show in turn while it runs.
    """

    CSS_PATH = styles.SELFCARE

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause_resume", "Pause/resume", show=False),
        Binding("escape", "stop", "Stop"),
    ]

    def __init__(self, habits: Sequence[Habit], first: Habit, guide: Guide | None = None) -> None:
        super().__init__()
        self.habits = list(habits)
        self.habit = first
        self.guide = guide
        self.countdown: Countdown | None = None
        self.bell = False
        self.logged: Logged | None = None
        self._timer: Timer | None = None
        self._day: dt.date | None = None  # the day the practice began on: its minutes go there
        self._state = "choose"  # choose -> running (<-> asking) -> ended

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="practice"):
            with Vertical(id="practice-choose"):
                yield Static(Text(self._heading(), style="bold"), id="practice-heading")
                if len(self.habits) > 1:
                    with Horizontal(classes="field"):
                        yield Label("Practice")
                        yield Select(
                            [(literal(h.name), h.id) for h in self.habits],
                            value=self.habit.id,
                            allow_blank=False,
                            id="practice-habit",
                            compact=True,
                        )
                with Horizontal(classes="field"):
                    yield Label("Minutes")
                    yield LiteralInput(str(self._suggested()), id="minutes", compact=True)
                yield Checkbox("A gentle bell at the end", id="bell", compact=True)
                with Horizontal(classes="buttons"):
                    yield Button("Begin", variant="primary", id="begin")
                    yield Button("Cancel", id="cancel")
            with Vertical(id="practice-run"):
                yield Static(id="practice-name")
                yield Static(id="practice-clock")
                yield ProgressBar(id="practice-bar", show_eta=False, show_percentage=False)
                yield Static(id="practice-step")
                yield Static(id="practice-hint")
                with Horizontal(classes="buttons", id="practice-ask"):
                    yield Button("Log them", variant="primary", id="log-done")
                    yield Button("Don't log", id="no-log")
                    yield Button("Keep going", id="resume")
                with Horizontal(classes="buttons", id="practice-end"):
                    yield Button("Close", variant="primary", id="close")

    def on_mount(self) -> None:
        self.query_one("#practice").border_title = "Practice"
        self.query_one("#practice-run").display = False
        self.query_one("#practice-step").display = self.guide is not None
        self.query_one("#minutes", Input).focus()

    def _heading(self) -> str:
        if self.guide is None:
            return "A few minutes for yourself"
        return f"{self.guide.title}: {len(self.guide.steps)} short steps, shown in turn"

    def _suggested(self) -> int:
        if self.guide is not None:
            return self.guide.minutes
        target = self.habit.target if self.habit.per == "day" else None
        return int(target) if target and 1 <= target <= 180 else 10

    # ------------------------------------------------------------ choosing

    def on_select_changed(self, event: Select.Changed) -> None:
        chosen = next((h for h in self.habits if h.id == event.value), None)
        if chosen is not None:
            self.habit = chosen
            self.query_one("#minutes", Input).value = str(self._suggested())

    def on_input_submitted(self) -> None:
        self._begin()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id
        if button == "begin":
            self._begin()
        elif button == "cancel":
            self.dismiss(None)
        elif button == "log-done":
            self._finish(log=True)
        elif button == "no-log":
            self._finish(log=False)
        elif button == "resume":
            self._keep_going()
        elif button == "close":
            self.dismiss(self.logged)

    def _begin(self) -> None:
        if self._state != "choose":
            return
        try:
            minutes = check_minutes(self.query_one("#minutes", Input).value)
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.bell = self.query_one("#bell", Checkbox).value
        setup = self.companion.store.programme.setup()
        self._day = None if setup is None else local_day(self.companion.now(), setup.zone)
        self.countdown = Countdown(minutes, monotonic())
        self._state = "running"
        self.query_one("#practice-choose").display = False
        self.query_one("#practice-run").display = True
        self.query_one("#practice-ask").display = False
        self.query_one("#practice-end").display = False
        self.query_one("#practice-bar", ProgressBar).update(total=minutes * 60, progress=0)
        # A guided practice goes by its own title; the minutes still count as the habit's.
        title = self.habit.name if self.guide is None else self.guide.title
        name = literal(f"{title} \u00b7 {amount(self.habit, minutes)}", "bold")
        self.query_one("#practice-name", Static).update(name)
        self._timer = self.set_interval(TICK_SECONDS, self.tick)
        self.tick()

    # ------------------------------------------------------------ running

    def tick(self) -> None:
        """Redraw the countdown; at the end, log and finish gently."""
        countdown = self.countdown
        if countdown is None or self._state != "running":
            return
        now = monotonic()
        self.query_one("#practice-bar", ProgressBar).update(progress=countdown.elapsed(now))
        if self.guide is not None:
            self._show_step(self.guide, countdown.elapsed(now), countdown.seconds)
        clock = Text(clock_text(countdown.remaining(now)), style="bold")
        clock.append(" left")
        if countdown.paused:
            clock.append("  \u00b7 paused", style="italic")
        self.query_one("#practice-clock", Static).update(clock)
        hint = (
            "space resumes \u00b7 escape stops"
            if countdown.paused
            else ("space pauses \u00b7 escape stops early")
        )
        self.query_one("#practice-hint", Static).update(Text(hint, style="dim"))
        if countdown.finished(now):
            if self.bell:
                self.app.bell()
            self._finish(log=True, ending=True)

    def _show_step(self, guide: Guide, elapsed: float, total: float) -> None:
        index = guide.step_at(elapsed, total)
        step = Text(guide.step_line(index), style="bold")
        step.append("\n")
        step.append(guide.steps[index].words)
        if guide.touch:
            step.append("\n")
            step.append(guide.touch, style="dim")
        self.query_one("#practice-step", Static).update(step)

    def action_pause_resume(self) -> None:
        if self.countdown is not None and self._state == "running":
            self.countdown.toggle(monotonic())
            self.tick()

    def action_stop(self) -> None:
        if self._state == "choose":
            self.dismiss(None)
            return
        if self._state == "ended":
            self.dismiss(self.logged)
            return
        if self._state != "running" or self.countdown is None:
            return
        self.countdown.pause(monotonic())
        done = self.countdown.minutes_done(monotonic())
        if done < 1:
            self._state = "ended"
            self._show_end(
                Text("Stopped before a minute had passed; nothing to log. That's fine.")
            )
            return
        self._state = "asking"
        self.query_one("#practice-clock", Static).update(Text(stopped_after(done), style="bold"))
        self.query_one("#practice-hint", Static).update("")
        self.query_one("#practice-ask").display = True
        self.query_one("#log-done", Button).focus()

    def _keep_going(self) -> None:
        if self.countdown is None:
            return
        self._state = "running"
        self.query_one("#practice-ask").display = False
        self.countdown.resume(monotonic())
        self.tick()

    # ------------------------------------------------------------ ending

    def _finish(self, *, log: bool, ending: bool = False) -> None:
        countdown = self.countdown
        if countdown is None:
            return
        self._state = "ended"
        if self._timer is not None:
            self._timer.stop()
        minutes = countdown.minutes if ending else countdown.minutes_done(monotonic())
        message = Text(ENDING if ending else "Thank you for the time you took.", style="bold")
        if log and minutes >= 1:
            logged = self._log(minutes)
            if logged is not None:
                message.append("\n")
                message.append(
                    literal(f"{amount(self.habit, minutes)} of {self.habit.name.lower()} logged.")
                )
        self._show_end(message)

    def _log(self, minutes: int) -> Logged | None:
        app = self.companion
        setup = app.store.programme.setup()
        if setup is None:
            return None
        day = self._day or local_day(app.now(), setup.zone)
        done: list[Logged] = []
        zone = setup.zone.key
        habit = self.habit

        def write() -> None:
            done.append(app.store.selfcare.log(habit, day, float(minutes), None, app.now(), zone))

        if app.write(write):
            self.logged = done[0]
            app.notify(
                logged_line(habit, done[0], local_day(app.now(), setup.zone)),
                markup=False,
                timeout=4,
            )
        return self.logged

    def _show_end(self, message: Text) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#practice-clock", Static).update(message)
        self.query_one("#practice-step").display = False
        self.query_one("#practice-hint", Static).update(
            Text("escape or Enter closes", style="dim")
        )
        self.query_one("#practice-ask").display = False
        self.query_one("#practice-end").display = True
        self.query_one("#close", Button).focus()


def start_guided(app: CompanionApp, guide: Guide) -> None:
    """Open `guide` as a timed practice, logged under its habit (meditation).

    Without that habit (put away, say), any minutes habit can hold the minutes:
    the dialog offers the choice rather than refusing the practice.
    """
    minutes_habits = [h for h in app.store.selfcare.habits() if h.kind == "minutes"]
    if not minutes_habits:
        app.notify("A practice logs minutes: add a minutes habit in Self-care (4).", timeout=4)
        return
    own = [h for h in minutes_habits if h.key == guide.habit]
    choices = own or minutes_habits
    app.push_screen(PracticeScreen(choices, choices[0], guide))
