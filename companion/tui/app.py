"""The Companion app: sections switched with number keys, Today first."""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from companion import STARTED, clock, content
from companion.domain.errors import Problem
from companion.domain.user_text import one_line
from companion.store import Store, StoreError
from companion.story import ProgrammeView as ProgrammeView
from companion.story import programme_now
from companion.tui import styles
from companion.tui._textual_compat import (
    AppWithOwnCrashReport,
    build_mode_screen,
    render_out_of_sight,
)
from companion.tui.sections import SECTIONS, screen_class

DARK, LIGHT = "textual-dark", "textual-light"
PREPARE_AFTER_S = 0.5  # after the first frame, before building the other sections
PREPARE_EVERY_S = 0.1
NOTIFICATION_LIMIT = 240  # characters: a few lines of a toast at most
# Textual's own palette commands that serve nobody here. "Screenshot" writes
# the screen, reflections and all, to ~/Downloads with the default file mode;
# "Theme" picks a theme that is not remembered and that the styles were not
# made for (t switches light and dark, and remembers). Kept: Quit, Keys (the
# focused field's keys) and Maximize/Minimize (a larger editor for writing).
LEFT_OUT_COMMANDS = frozenset({"Screenshot", "Theme"})


@runtime_checkable
class ShowsProgramme(Protocol):
    """A section screen as the app sees it: it redraws itself from the programme's view."""

    def show(self, view: ProgrammeView | None) -> None:
        """Redraw from `view` (None only before setup)."""


class CompanionApp(AppWithOwnCrashReport[int]):
    """The terminal app. `now` is injectable so tests and snapshots see a fixed day."""

    TITLE = "Companion"
    # Absolute, so subclasses elsewhere (benchmarks, tests) find it too.
    CSS_PATH = styles.APP
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        s.mode: s.make_screen for s in SECTIONS
    }
    DEFAULT_MODE = "today"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(s.key, f"section('{s.mode}')", s.title, show=False, id=s.mode)
            for s in SECTIONS
        ),
        Binding("question_mark", "help", "Help"),
        # Support is one key away from everywhere: h in the sections, and F1
        # anywhere at all: inside a text box (which takes the h as typing) and
        # over any dialog (a priority binding; no widget types F1).
        Binding("h", "support", "Support", tooltip="Who to contact when things are hard"),
        Binding(
            "f1",
            "support",
            "Support",
            key_display="F1",
            show=False,
            priority=True,
            tooltip="Support, from anywhere (even while typing)",
        ),
        Binding("t", "toggle_theme", "Light/dark", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        now: Callable[[], dt.datetime] = clock.now,
        prepare_sections: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.demo = demo
        self.now = now
        self.prepare_sections = prepare_sections
        self._seen_version = -1
        self._seen_day: dt.date | None = None
        self._zone: dt.tzinfo = dt.UTC
        self._unprepared: list[str] = []
        self.ready = False  # True once the first frame is on screen
        self.crash_line = ""  # printed by `companion.tui.run` once the terminal is restored

    # ------------------------------------------------------------ start and refresh

    def on_mount(self) -> None:
        self.theme = LIGHT if self.store.settings.get("theme") == LIGHT else DARK
        if self.store.programme.setup() is None:
            onboarding = screen_class("onboarding:OnboardingScreen")
            self.push_screen(onboarding(), callback=self._after_onboarding)
        self._seen_version = self.store.data_version()
        self.set_interval(1.0, self._notice_changes)

    def on_ready(self) -> None:
        self.log.info(f"started in {(time.perf_counter() - STARTED) * 1000:.0f} ms")
        self.ready = True
        self.refresh_sections()  # now with everything the first frame left out
        if not self.demo:  # after the first frame, so it never delays it
            self._daily_backup()
        # Today is on screen. Build the other sections in quiet moments, one at
        # a time, so that the first press of 2-5 shows its section at once
        # (building one costs a few hundred ms of styling and mounting).
        if self.prepare_sections:
            self._unprepared = [s.mode for s in SECTIONS if s.mode != self.current_mode]
            self.set_timer(PREPARE_AFTER_S, self._prepare_a_section)
        if not gc.isenabled():  # turned off for the start by `companion.tui.run`
            gc.freeze()  # what start-up built lives on: leave it out of collections
            gc.enable()

    def _prepare_a_section(self) -> None:
        while self._unprepared:
            mode = self._unprepared.pop(0)
            if not _is_built(self, mode):  # not opened by the user meanwhile
                build_mode_screen(self, mode)
                # Once it has drawn its data (its own messages come first), render
                # it too: its first opening is then as quick as any later one.
                (built,) = self.get_screen_stack(mode)
                built.call_after_refresh(render_out_of_sight, built)
                break
        if self._unprepared:
            self.set_timer(PREPARE_EVERY_S, self._prepare_a_section)
        else:
            # Everything built so far lives as long as the app too. Leaving it
            # out of the collector's full passes spares a pause of about 100 ms
            # that would otherwise land on some later key press (measured on a
            # section's first open: benchmarks/run.py).
            gc.freeze()

    def _after_onboarding(self, _result: object) -> None:
        self.refresh_sections()

    def view(self) -> ProgrammeView | None:
        """The programme as of now, or None before setup."""
        view = programme_now(self.store, self.now())
        if view is not None:
            self._zone = view.setup.zone
            self._seen_day = view.now.astimezone(view.setup.zone).date()
        return view

    def today(self) -> dt.date:
        """Today in the programme's time zone: the day shown dates take their year from."""
        return self.now().astimezone(self._zone).date()

    def refresh_sections(self) -> None:
        """Redraw the current section from the database (other sections redraw on return)."""
        if isinstance(self.screen, ShowsProgramme):
            self.screen.show(self.view())

    def _notice_changes(self) -> None:
        """Pick up writes from other processes, and a new day when left open past midnight."""
        version = self.store.data_version()
        today = self.now().astimezone(self._zone).date()
        new_day = self._seen_day is not None and today != self._seen_day
        if version != self._seen_version or new_day:
            self._seen_version = version
            self.refresh_sections()

    @work(thread=True, exclusive=True, group="backup")
    def _daily_backup(self) -> None:
        try:
            self.store.backups.take_if_due(self.now())
        except StoreError as problem:
            self.call_from_thread(self.notify, str(problem), title="Backup", severity="warning")

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification, always as literal text on one short line.

        Messages here echo what people typed (a habit's name, a refused date)
        and paths, so none is read as markup, whatever `markup` says (Textual's
        own callers pass True), control and direction characters show as
        escapes (`one_line`), and a message quoting a huge paste is cut short
        rather than filling the screen. Every widget's and screen's `notify`
        comes here.
        """
        shown = one_line(message)
        if len(shown) > NOTIFICATION_LIMIT:
            shown = shown[: NOTIFICATION_LIMIT - 1] + "\u2026"
        super().notify(
            shown,
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def write(self, action: Callable[[], None]) -> bool:
        """Run one store write; on failure tell the user and keep everything on screen."""
        try:
            action()
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return False
        self._seen_version = self.store.data_version()
        self.refresh_sections()
        return True

    # ------------------------------------------------------------ actions

    def action_section(self, mode: str) -> None:
        if self.store.programme.setup() is None:
            self.notify("Choose your start date first; the sections open after that.")
            return
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        from companion.tui.dialogs.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_help()))

    def action_support(self) -> None:
        """Who to contact when things are hard, over whatever is on screen."""
        from companion.tui.dialogs.support import SupportScreen

        if not isinstance(self.screen, SupportScreen):
            self.push_screen(SupportScreen(content.support()))

    def action_search(self) -> None:
        """Search everything you wrote (from Today, Worksheets, a sheet...)."""
        self.push_screen(screen_class("search:SearchScreen")())

    def action_help_quit(self) -> None:
        # ctrl+c outside a field. Textual's own hint is written in markup,
        # which notifications here never read.
        keys = [
            key
            for key, active in self.active_bindings.items()
            if active.binding.action in ("quit", "app.quit")
        ]
        if keys:
            shortest = min(keys, key=len)
            self.notify(f"Press {shortest} to quit Companion.", title="Do you want to quit?")

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK
        self.write(lambda: self.store.settings.set("theme", self.theme))

    def key_help(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Every key, grouped: the sections, then each section's own keys, then the app's."""
        groups: list[tuple[str, list[tuple[str, str]]]] = [
            ("Sections", [(s.key, s.title) for s in SECTIONS])
        ]
        for section in SECTIONS:
            keys = [_key_line(b) for b in _bindings(section.screen.BINDINGS)]
            if keys:
                groups.append((section.title, keys))
        general = [
            _key_line(b) for b in _bindings(self.BINDINGS) if b.action.split("(")[0] != "section"
        ]
        general += [("ctrl+p", "Command palette: every action by name"), ("tab", "Next field")]
        groups.append(("Everywhere", general))
        return groups

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for section in SECTIONS:
            yield SystemCommand(
                f"Go to {section.title}",
                f"Open the {section.title} section (key {section.key})",
                lambda mode=section.mode: self.action_section(mode),
            )
        for binding in _bindings(getattr(screen, "BINDINGS", [])):
            yield SystemCommand(
                binding.description,
                binding.tooltip or f"Key {binding.key}",
                lambda action=binding.action: self.run_action(action, screen),
            )
        yield SystemCommand(
            "Support", "Who to contact when things are hard (key h or F1)", self.action_support
        )
        # Every section's actions, from anywhere: "log" from Today opens
        # Self-care and logs there.
        for section in SECTIONS:
            if isinstance(screen, section.screen):
                continue  # offered just above, as they are
            for binding in _bindings(section.screen.BINDINGS):
                key, meaning = _key_line(binding)
                yield SystemCommand(
                    f"{binding.description} ({section.title})",
                    f"{meaning} · in {section.title} (key {section.key}, then {key})",
                    lambda mode=section.mode, action=binding.action: self._run_in_section(
                        mode, action
                    ),
                )
        yield SystemCommand("Help", "Every key, on one page (key ?)", self.action_help)
        yield SystemCommand(
            "Light or dark", "Switch between light and dark (key t)", self.action_toggle_theme
        )
        for command in super().get_system_commands(screen):
            if command.title not in LEFT_OUT_COMMANDS:
                yield command

    def _run_in_section(self, mode: str, action: str) -> None:
        """Open section `mode`, then run `action` there once it is on screen."""
        self.action_section(mode)
        if self.current_mode == mode:
            self.call_after_refresh(lambda: self.run_action(action, self.screen))

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Take no screenshot: a picture of the screen would carry private words out of the
        data folder. Textual's `screenshot` action comes here; no key or command runs it."""
        self.notify(
            "Companion takes no screenshots: what you wrote stays in its private folder.",
            severity="warning",
        )
        return None

    # ------------------------------------------------------------ crashes without your text

    def report_crash(self, error: Exception) -> None:
        # Textual's default report shows local variables, which can hold what
        # someone typed. Write a report without them and show one line instead.
        from companion import crash

        self.crash_line = crash.one_line(error)


def _is_built(app: App[Any], mode: str) -> bool:
    try:
        return bool(app.get_screen_stack(mode))
    except KeyError:  # no stack yet for this mode
        return False


def _bindings(bindings: Iterable[BindingType]) -> list[Binding]:
    return [b for b in bindings if isinstance(b, Binding)]


def _key_line(binding: Binding) -> tuple[str, str]:
    key = binding.key_display or binding.key.replace("question_mark", "?")
    return key, binding.tooltip or binding.description
