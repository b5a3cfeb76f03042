"""Start an app headless, draw its first screen, quit: one timed run for run.py.

    python benchmarks/first_screen.py companion|bare DB_PATH

Prints two moments on the system-wide monotonic clock (`time.perf_counter`,
CLOCK_MONOTONIC on Linux), so the parent can subtract the moment it launched
this process: `first-frame` (the app's Ready event: the first frame is on
screen) and `settled` (everything Ready set off is done: for Companion, the
Today cards are filled).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any


def _report(app: Any, first_frame: float) -> None:
    if app.return_code:  # a crash is not a fast start
        sys.exit(f"the app stopped: {getattr(app, 'crash_line', '')}")
    print(f"first-frame {first_frame:.6f}")
    print(f"settled {time.perf_counter():.6f}")


def companion(db: Path) -> None:
    import gc

    gc.disable()  # as `companion.tui.run` does; the app turns collection on when ready
    from companion.store import open_store
    from companion.tui.app import CompanionApp

    moments: dict[str, float] = {}

    class FirstScreen(CompanionApp):
        def on_ready(self) -> None:
            # Textual also runs CompanionApp.on_ready (it fills Today's cards)
            # after this; exit() lets that finish first.
            moments["first"] = time.perf_counter()
            self.call_after_refresh(self.exit)

    store = open_store(db, check=True)
    app = FirstScreen(store, prepare_sections=False)
    app.run(headless=True, size=(80, 24))
    store.close()
    _report(app, moments["first"])


def bare(db: Path) -> None:
    """The same stack with none of Companion: Textual and sqlite3, one line of text."""
    import sqlite3

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA quick_check").fetchone()
    start = conn.execute("SELECT start_day FROM programme").fetchone()[0]
    moments: dict[str, float] = {}

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(f"Programme starts {start}")
            yield Footer()

        def on_ready(self) -> None:
            moments["first"] = time.perf_counter()
            self.call_after_refresh(self.exit)

    app = Bare()
    app.run(headless=True, size=(80, 24))
    conn.close()
    _report(app, moments["first"])


if __name__ == "__main__":
    {"companion": companion, "bare": bare}[sys.argv[1]](Path(sys.argv[2]))
