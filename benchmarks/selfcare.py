"""The self-care log on twenty years of data, measured (never asserted in tests).

    .venv/bin/python benchmarks/selfcare.py [--runs N] [--keep PATH]

1. Builds a 20-year database: 7,300 days, ten habits (the three defaults and
   seven of a participant's own, daily and weekly, targets and limits), about
   80,000 entries (often several a day), notes, and a pause or two a year.
2. Times whole processes (interpreter start-up and imports count, as for a
   person at the terminal): `companion log walking 1` beside `python -c pass`
   and `python -c 'import sqlite3'`, and `companion log` / `log --week`.
3. Times the Self-care section opening on that database with the Pilot, from
   the app being ready to the section drawn: the first open in a fresh
   process (which imports the section's module) and re-opens (1 then 4).

Prints the figures; nothing is written outside a temporary folder unless
--keep is given.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from companion.domain.selfcare.entries import AlreadyLoggedError
from companion.domain.selfcare.habits import DEFAULT_HABITS, HabitSpec
from companion.store import open_store

ZONE = "Europe/London"
YEARS_DAYS = 7300
OWN_HABITS = (
    HabitSpec("kind-moment", "Kind moment", "yesno", "times", None),
    HabitSpec("delegated", "Delegated a task", "yesno", "days", 3, per="week"),
    HabitSpec("yoga", "Yoga", "minutes", "minutes", 150, per="week"),
    HabitSpec("coffee", "Coffee", "count", "cups", 2, direction="at_most"),
    HabitSpec("steps", "Steps", "count", "steps", 10_000),
    HabitSpec("journal", "Journal", "minutes", "minutes", None),
    HabitSpec("screens", "Screens after 9pm", "minutes", "minutes", 60, direction="at_most"),
)
# (chance of any entry on a day, how many entries at most, a day's amounts to choose from)
PATTERNS: dict[str, tuple[float, int, tuple[float, ...]]] = {
    "meditation": (0.8, 2, (5, 10, 10, 15)),
    "walking": (0.7, 3, (10, 15, 20, 30, 40)),
    "hydration": (0.95, 4, (1, 2, 2, 3)),
    "kind-moment": (0.5, 1, (1,)),
    "delegated": (0.4, 1, (1,)),
    "yoga": (0.3, 1, (20, 30, 45)),
    "coffee": (0.9, 3, (1,)),
    "steps": (0.9, 2, (2000, 4000, 6000)),
    "journal": (0.4, 1, (5, 10, 15)),
    "screens": (0.6, 2, (15, 30, 45)),
}


def build(path: Path, now: dt.datetime) -> int:
    """Fill a new database at `path` with twenty years up to `now`; return the entry count."""
    rng = random.Random(20)
    today = now.astimezone(ZoneInfo(ZONE)).date()
    first = today - dt.timedelta(days=YEARS_DAYS - 1)
    began = dt.datetime.combine(first, dt.time(9), ZoneInfo(ZONE))
    store = open_store(path)
    try:
        store.conn.execute("PRAGMA synchronous = OFF")  # test data: no need to wait for the disk
        store.programme.save_setup(first, "Sam", ZONE, DEFAULT_HABITS, began)
        for spec in OWN_HABITS:
            store.selfcare.add_habit(spec, began)
        habits = {h.key: h for h in store.selfcare.habits()}
        count = 0
        day = first
        while day <= today:
            moment = dt.datetime.combine(day, dt.time(20), ZoneInfo(ZONE))
            for key, (chance, most, amounts) in PATTERNS.items():
                if rng.random() > chance:
                    continue
                for _ in range(rng.randint(1, most)):
                    note = "Felt calmer afterwards" if rng.random() < 0.03 else None
                    try:
                        amount = rng.choice(amounts)
                        store.selfcare.log(habits[key], day, amount, note, moment, ZONE)
                    except AlreadyLoggedError:
                        continue  # a second yes on the same day
                    count += 1
            day += dt.timedelta(days=1)
        year_start = first
        while year_start < today - dt.timedelta(days=30):
            for _ in range(2):
                start = year_start + dt.timedelta(days=rng.randrange(340))
                length = rng.randint(2, 7)
                # (refused when it overlaps the other one, or begins more than ten years ago)
                with contextlib.suppress(ValueError):
                    store.selfcare.add_pause(
                        start, start + dt.timedelta(days=length - 1), "leave", today, began
                    )
            year_start += dt.timedelta(days=365)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return count


def timed(argv: list[str], runs: int, env: dict[str, str]) -> float:
    """Median seconds of `runs` runs of `argv` (after one warm-up run)."""
    subprocess.run(argv, check=True, capture_output=True, env=env)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


async def _open_section(db: Path, reopens: int, settle: float) -> dict[str, float]:
    """Seconds from asking for the Self-care section to its first frame, first and again.

    Timed inside the app (not through the Pilot's key presses, which add their
    own waiting): from `action_section` to the first refresh after `show` has
    filled the table.
    """
    from textual.widgets import DataTable

    from companion.tui.app import CompanionApp

    store = open_store(db)
    app = CompanionApp(store, demo=True)  # demo: no daily backup thread during the timing
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            # A person reads Today for a moment; the app prepares the other sections.
            await asyncio.sleep(settle)

            async def open_section(mode: str) -> float:
                started = time.perf_counter()
                app.action_section(mode)
                if mode == "selfcare":
                    while not app.screen.query("#habit-table") or (
                        app.screen.query_one("#habit-table", DataTable).row_count == 0
                    ):
                        await asyncio.sleep(0)
                drawn = asyncio.Event()
                app.screen.call_after_refresh(drawn.set)
                await drawn.wait()
                return time.perf_counter() - started

            first = await open_section("selfcare")
            again = []
            for _ in range(reopens):
                await open_section("today")
                await pilot.pause()
                again.append(await open_section("selfcare"))
                await pilot.pause()
            screen = app.screen
            shows = []
            for _ in range(reopens):
                screen._drawn = None  # type: ignore[attr-defined]  # force a full redraw
                started = time.perf_counter()
                screen.show(app.view())  # type: ignore[attr-defined]
                shows.append(time.perf_counter() - started)
    finally:
        store.close()
    return {
        "first": first,
        "again": statistics.median(again),
        "show": statistics.median(shows),
    }


def open_once(db: Path, settle: float) -> None:
    """Child mode: one fresh process, one first open; prints JSON."""
    print(json.dumps(asyncio.run(_open_section(db, reopens=9, settle=settle))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--keep", metavar="PATH", help="keep the 20-year database here")
    parser.add_argument("--open-once", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--settle", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.open_once:
        open_once(Path(args.open_once), args.settle)
        return
    python, runs = sys.executable, args.runs
    with tempfile.TemporaryDirectory() as folder:
        db = Path(args.keep) if args.keep else Path(folder) / "twenty-years.db"
        started = time.perf_counter()
        entries = build(db, dt.datetime.now(dt.UTC))
        built = time.perf_counter() - started
        size = db.stat().st_size / 1e6
        print(f"20-year database: {entries:,} entries, {size:.1f} MB, built in {built:.0f} s")
        env = {**os.environ, "COMPANION_DB": str(db), "XDG_STATE_HOME": folder, "TZ": ZONE}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # installed packages run from .pyc files
        commands = [
            ("python -c pass", [python, "-c", "pass"]),
            ("python -c 'import sqlite3'", [python, "-c", "import sqlite3"]),
            ("companion --version (the CLI's floor)", [python, "-m", "companion", "--version"]),
            ("companion today (for comparison)", [python, "-m", "companion", "today"]),
            ("companion log walking 1", [python, "-m", "companion", "log", "walking", "1"]),
            ("companion log (totals, strength)", [python, "-m", "companion", "log"]),
            ("companion log --week", [python, "-m", "companion", "log", "--week"]),
        ]
        rows = [(name, timed(argv, runs, env)) for name, argv in commands]
        width = max(len(name) for name, _ in rows)
        print(f"median of {runs} runs, Python {sys.version.split()[0]}")
        for name, seconds in rows:
            print(f"  {name:<{width}}  {seconds * 1000:7.1f} ms")
        here = str(Path(__file__).resolve())

        def opens(settle: float) -> list[dict[str, float]]:
            found = []
            for _ in range(max(3, runs // 2)):
                child = subprocess.run(
                    [python, here, "--open-once", str(db), "--settle", str(settle)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                )
                found.append(json.loads(child.stdout.strip().splitlines()[-1]))
            return found

        straight, settled = opens(0.0), opens(2.0)
        print("Self-care section on the 20-year database, asked for -> first frame (Pilot run):")
        for label, samples, key in (
            ("first open, the moment Today appears", straight, "first"),
            ("first open, 2 s after start", settled, "first"),
            ("open again (Today, then Self-care)", settled, "again"),
            ("redraw from the store (show)", settled, "show"),
        ):
            median = statistics.median(o[key] for o in samples) * 1000
            print(f"  {label:<38}  {median:7.1f} ms   (goal: within 50 ms)")


if __name__ == "__main__":
    main()
