"""A realistic example programme in a throwaway database (never the user's).

One generator that each feature extends: `build` fills a new database as a
participant about five weeks into the programme would have it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from companion.domain.habits import DEFAULT_HABITS
from companion.store import open_store

DEMO_NAME = "Sam"
DEMO_ZONE = "Europe/London"


def demo_start(today: dt.date) -> dt.date:
    """The Monday four weeks before this week's Monday: today falls in week 5."""
    this_monday = today - dt.timedelta(days=today.weekday())
    return this_monday - dt.timedelta(weeks=4)


def build(path: Path, now: dt.datetime) -> None:
    """Create the demo database at `path` as it would look at `now`."""
    store = open_store(path)
    try:
        today = now.astimezone(ZoneInfo(DEMO_ZONE)).date()
        start = demo_start(today)
        store.setup(start, DEMO_NAME, DEMO_ZONE, DEFAULT_HABITS, now)
        # Real life: most sessions attended, one missed, one rearranged.
        for event_id, attended in (
            ("baseline", True),
            ("webinar-1", True),
            ("coaching-1", True),
            ("webinar-2", False),
            ("coaching-2", True),
        ):
            store.mark(event_id, attended, now)
        coaching_2 = start + dt.timedelta(weeks=3, days=1)
        store.move("coaching-2", dt.datetime.combine(coaching_2, dt.time(13, 0)), now)
        if today.weekday() > 0:  # this week's webinar has already happened
            store.mark("webinar-3", True, now)
    finally:
        store.close()


PREFIX = "companion-demo-"


@contextlib.contextmanager
def throwaway(now: dt.datetime) -> Iterator[Path]:
    """A demo database in a private temporary folder, removed afterwards."""
    _remove_abandoned()
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    try:
        path = folder / "demo.db"
        build(path, now)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_abandoned() -> None:
    """Remove demo folders whose process has gone (a closed terminal skips clean-up)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*-*"):
        pid = folder.name.removeprefix(PREFIX).split("-", 1)[0]
        if pid.isdigit() and folder.is_dir() and folder.stat().st_uid == os.getuid():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(folder, ignore_errors=True)
            except PermissionError:
                pass
