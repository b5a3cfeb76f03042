"""Start an app headless, draw its first screen, quit: one timed run for run.py.

python benchmarks/first_screen.py companion|bare DB_PATH
"""

from __future__ import annotations

import sys
from pathlib import Path


def companion(db: Path) -> None:
    from companion.store import open_store
    from companion.tui.app import CompanionApp

    class FirstScreen(CompanionApp):
        def on_ready(self) -> None:
            self.exit()

    store = open_store(db, check=True)
    app = FirstScreen(store)
    app.run(headless=True, size=(80, 24))
    store.close()
    if app.return_code:  # a crash is not a fast start
        sys.exit(f"the app stopped: {app.crash_line}")


def bare(db: Path) -> None:
    """The same stack with none of Companion: Textual, sqlite3 and sqlite-utils' absence."""
    import sqlite3

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA quick_check").fetchone()
    start = conn.execute("SELECT start_day FROM programme").fetchone()[0]

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(f"Programme starts {start}")
            yield Footer()

        def on_ready(self) -> None:
            self.exit()

    app = Bare()
    app.run(headless=True, size=(80, 24))
    conn.close()
    if app.return_code:
        sys.exit("the bare app stopped")


if __name__ == "__main__":
    {"companion": companion, "bare": bare}[sys.argv[1]](Path(sys.argv[2]))
