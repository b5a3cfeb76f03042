"""A realistic example programme in a throwaway database (never the user's).

One generator that each feature extends: `build` fills a new database as a
participant about five weeks into the programme would have it, calling each
feature's filler in turn (one module per feature in this package).
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

from companion.demo import programme, scales, selfcare, worksheets
from companion.store import open_store

DEMO_NAME = programme.DEMO_NAME
DEMO_ZONE = programme.DEMO_ZONE

# Each feature's filler: (store, programme start, today, now) -> None, in order.
FILLERS = (programme.fill, selfcare.fill, worksheets.fill, scales.fill)


demo_start = programme.demo_start


def build(path: Path, now: dt.datetime) -> None:
    """Create the demo database at `path` as it would look at `now`."""
    store = open_store(path)
    try:
        today = now.astimezone(ZoneInfo(DEMO_ZONE)).date()
        start = demo_start(today)
        for fill in FILLERS:
            fill(store, start, today, now)
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
