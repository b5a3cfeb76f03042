"""A demo programme at a fixed moment, and helpers to read what the user sees."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Static

from companion import demo
from companion.store import Store, open_store
from companion.tui.app import CompanionApp

# Thursday 26 November 2026, 09:30 in London: the demo is in week 5 of 8.
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Crash logs and the time zone never depend on the machine running the tests."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("companion.clock.local_zone_name", lambda: "Europe/London")


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "demo.db"
    demo.build(path, NOW)
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "new.db")
    yield store
    store.close()


@pytest.fixture
def make_app() -> Callable[[Store], CompanionApp]:
    def make(store: Store, now: dt.datetime = NOW, *, prepare: bool = False) -> CompanionApp:
        # Preparing the other sections in the background is tested on its own;
        # elsewhere it would only slow the tests down.
        return CompanionApp(store, now=lambda: now, prepare_sections=prepare)

    return make


def _shown(app: App[object], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.fixture
def shown() -> Callable[[App[object], str], str]:
    """Read the plain text a Static shows on the current screen: shown(app, "#headline")."""
    return _shown


# ---------------------------------------------------------------- waiting without sleeping


async def _wait_until(
    pilot: Pilot[object], condition: Callable[[], object], timeout: float = 5.0
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"still not so after {timeout} s")
        await pilot.pause(0.02)
    await pilot.pause()  # let what followed the change settle


@pytest.fixture
def wait_until() -> Callable[..., Awaitable[None]]:
    """`await wait_until(pilot, condition, timeout=5.0)`: let the app run until
    `condition()` is true, and fail the test after `timeout` seconds.

    For what the app does on its own timers (a search that waits for typing to
    stop, a poll for changes made elsewhere). A test of a promise such as
    "within a second" passes that promise, plus a little, as the timeout.
    """
    return _wait_until


class SaveClock:
    """Stands in for time.monotonic in the autosave: a test moves the time on
    (`save_clock.now += 1.0`) instead of waiting for it.
    """

    def __init__(self) -> None:
        self.now = 1000.0
        self.reads = 0

    def monotonic(self) -> float:
        self.reads += 1
        return self.now

    async def next_tick(self, pilot: Pilot[object]) -> None:
        """Wait for the writing screen's next quarter-second tick to check the autosave.

        While anything is unsaved, each tick reads this clock and saves if a
        save is due, all in one go: once the clock has been read again, the
        autosave has decided with the time as it now is. With nothing unsaved
        there is nothing to decide, and no waiting.
        """
        await pilot.pause()  # edits still on their way would read the clock too
        reads = self.reads
        autosave = pilot.app.screen.autosave  # type: ignore[attr-defined]
        await _wait_until(pilot, lambda: self.reads > reads or not autosave.unsaved, timeout=2.0)


@pytest.fixture
def save_clock(monkeypatch: pytest.MonkeyPatch) -> SaveClock:
    """The autosave's clock, moved on by hand.

    Only the autosave module's `time` is replaced (it reads nothing else from
    it), so Textual's own timers keep the real clock and still tick.
    """
    clock = SaveClock()
    monkeypatch.setattr("companion.tui.widgets.autosave.time", clock)
    return clock


class PracticeClock:
    """Stands in for time.monotonic in the practice timer: `clock.now += 60`, then
    `screen.tick()`, steps a practice on a minute without waiting."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> PracticeClock:
    """The practice timer's clock, moved on by hand (Textual's own timers keep the real one)."""
    fake = PracticeClock()
    monkeypatch.setattr("companion.tui.dialogs.practice_timer.monotonic", fake)
    return fake
