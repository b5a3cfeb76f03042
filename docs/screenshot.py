"""Regenerate the README's screenshots from the demo programme.

    .venv/bin/python docs/screenshot.py

Writes docs/today.svg and docs/programme.svg (80x24), as a participant five
weeks into the programme sees them on Thursday 26 November 2026.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import tempfile
from pathlib import Path

from companion import demo
from companion.store import open_store
from companion.tui.app import CompanionApp

NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
HERE = Path(__file__).parent


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        demo.build(path, NOW)
        store = open_store(path)
        app = CompanionApp(store, demo=True, now=lambda: NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.save_screenshot("today.svg", str(HERE))
            await pilot.press("2")
            await pilot.pause()
            app.save_screenshot("programme.svg", str(HERE))
        store.close()
    print(f"wrote {HERE / 'today.svg'} and {HERE / 'programme.svg'}")


if __name__ == "__main__":
    asyncio.run(main())
