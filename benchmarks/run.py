"""Companion's speed goals, measured in one run (never asserted in tests).

    .venv/bin/python benchmarks/run.py [--runs N]

Prints each figure beside its baseline, measured in the same run, and the
ratio against its goal:
1. the app's first frame (demo database, headless at 80x24) beside a bare
   Textual app that imports the same stack, opens the same database and draws
   one line (`first_screen.py`): at most 1.10 times;
2. `companion today` and `companion log walking 1` (the installed command, as
   a person types it) beside `python -c 'import sqlite_utils'`: at most 0.65
   times;
3. each section's first open (keys 2 to 5) on a twenty-year database
   (`twenty_years.py`), once the app has settled: within 50 ms.

Times are medians of wall-clock times from launching a process, so interpreter
start-up and imports count, as they do for a person at the terminal. Whatever
is compared takes turns, run by run, so a busy moment on the machine hits both.
Bytecode is cached as after `pip install`. Nothing is written outside a
temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SECTION_MODES = ("programme", "worksheets", "selfcare", "scales", "progress")
SETTLE_S = 0.5  # after the app has prepared every section


def once(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Seconds from launching `argv` to its end, and what it printed."""
    started = time.perf_counter()  # CLOCK_MONOTONIC: the child's clock too
    done = subprocess.run(argv, check=True, capture_output=True, env=env, text=True)
    return time.perf_counter() - started, done.stdout


def in_turns(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds of each command, the commands taking turns run by run."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for turn in range(runs + 1):
        for name, argv in commands.items():
            seconds, _ = once(argv, env)
            if turn:  # the first turn warms the caches
                samples[name].append(seconds)
    return {name: statistics.median(values) for name, values in samples.items()}


def first_frames(db: Path, runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds from launch to the first frame, bare and Companion taking turns."""
    samples: dict[str, list[float]] = {"bare": [], "companion": [], "settled": []}
    for turn in range(runs + 1):
        for which in ("bare", "companion"):
            launched = time.perf_counter()
            _, out = once([sys.executable, str(HERE / "first_screen.py"), which, str(db)], env)
            moments = dict(line.split() for line in out.splitlines())
            if turn:
                samples[which].append(float(moments["first-frame"]) - launched)
                if which == "companion":
                    samples["settled"].append(float(moments["settled"]) - launched)
    return {name: statistics.median(values) for name, values in samples.items()}


def section_opens(db: Path, runs: int, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Per section: median seconds of its first open, and of opening it again."""
    samples: dict[str, dict[str, list[float]]] = {
        m: {"first": [], "again": []} for m in SECTION_MODES
    }
    for _ in range(runs):
        for mode in SECTION_MODES:  # a fresh process for each first open
            _, out = once([sys.executable, __file__, "--open-section", mode, str(db)], env)
            found = json.loads(out.strip().splitlines()[-1])
            for key in ("first", "again"):
                samples[mode][key].append(found[key])
    return {
        mode: {key: statistics.median(values) for key, values in kinds.items()}
        for mode, kinds in samples.items()
    }


# ---------------------------------------------------------------- inside the app


def open_section(db: Path, mode: str) -> None:
    """Child mode: start the app on `db`, let it settle, open `mode` once; print JSON.

    Timed inside the app (not through the Pilot's key presses, which add their
    own waiting): from `action_section` to the first refresh after the
    section's `show` has run.
    """
    gc.disable()  # as `companion.tui.run` does; the app turns collection on when ready
    print(json.dumps(asyncio.run(_open_section(db, mode))))


async def _open_section(db: Path, mode: str) -> dict[str, float]:
    from companion.store import open_store
    from companion.tui.app import CompanionApp
    from companion.tui.section import Section
    from companion.tui.sections import SECTIONS

    shown = asyncio.Event()
    on_screen_resume = Section.on_screen_resume

    def resumed(screen: Section) -> None:
        on_screen_resume(screen)
        shown.set()

    Section.on_screen_resume = resumed  # type: ignore[method-assign]
    store = open_store(db)
    app = CompanionApp(store, demo=True)  # demo: no daily backup thread during the timing
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            # A person reads Today for a moment; the app prepares the other sections.
            while not all(_built(app, s.mode) for s in SECTIONS):
                await asyncio.sleep(0.05)
            await asyncio.sleep(SETTLE_S)

            async def opened(section: str) -> float:
                shown.clear()
                started = time.perf_counter()
                app.action_section(section)
                await shown.wait()
                drawn = asyncio.Event()
                app.screen.call_after_refresh(drawn.set)
                await drawn.wait()
                return time.perf_counter() - started

            first = await opened(mode)
            await pilot.pause()
            await opened("today")
            await pilot.pause()
            again = await opened(mode)
    finally:
        store.close()
    return {"first": first, "again": again}


def _built(app: Any, mode: str) -> bool:
    try:
        return bool(app.get_screen_stack(mode))
    except KeyError:  # not built yet
        return False


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each quick command")
    parser.add_argument("--open-section", nargs=2, metavar=("MODE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.open_section:
        open_section(Path(args.open_section[1]), args.open_section[0])
        return
    from companion import demo

    sys.path.insert(0, str(HERE))
    import twenty_years

    runs = args.runs
    python = sys.executable
    installed = shutil.which("companion", path=str(Path(python).parent))
    companion = [installed] if installed else [python, "-m", "companion"]
    with tempfile.TemporaryDirectory() as folder:
        demo_db = Path(folder) / "demo.db"
        demo.build(demo_db, dt.datetime.now(dt.UTC))
        big_db = Path(folder) / "twenty-years.db"
        held = twenty_years.build(big_db, dt.datetime.now(dt.UTC))
        env = {
            **os.environ,
            "COMPANION_DB": str(big_db),
            "XDG_STATE_HOME": folder,
            "XDG_CACHE_HOME": folder,
            "TZ": twenty_years.ZONE,
        }
        # Installed packages run from .pyc files; let ours be cached too.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        quick = in_turns(
            {
                "python -c pass": [python, "-c", "pass"],
                "import sqlite_utils": [python, "-c", "import sqlite_utils"],
                "companion today": [*companion, "today"],
                "companion log walking 1": [*companion, "log", "walking", "1"],
            },
            runs,
            env,
        )
        frames = first_frames(demo_db, max(5, runs * 2 // 3), env)
        opens = section_opens(big_db, max(3, runs // 4), env)
    report(runs, held, quick, frames, opens)


def report(
    runs: int,
    held: dict[str, int],
    quick: dict[str, float],
    frames: dict[str, float],
    opens: dict[str, dict[str, float]],
) -> None:
    import textual

    rows: list[tuple[str, float, str]] = []  # figure, seconds, against its goal

    def row(name: str, seconds: float, goal: str = "") -> None:
        rows.append((name, seconds, goal))

    def against(ratio: float, goal: float, words: str) -> str:
        return f"{ratio:.2f} {words} (goal: at most {goal:.2f}: {_met(ratio <= goal)})"

    sqlite_utils = quick["import sqlite_utils"]
    row("python -c pass", quick["python -c pass"])
    row("import sqlite_utils", sqlite_utils)
    for command in ("companion today", "companion log walking 1"):
        ratio = quick[command] / sqlite_utils
        row(command, quick[command], against(ratio, 0.65, "x import sqlite_utils"))
    row("bare app, first frame", frames["bare"])
    ratio = frames["companion"] / frames["bare"]
    row("Companion, first frame", frames["companion"], against(ratio, 1.10, "x the bare app"))
    row("Companion, Today's cards filled", frames["settled"])
    for mode, found in opens.items():
        first = found["first"]
        row(f"{mode}: first open", first, against(first / 0.050, 1.0, "x 50 ms"))
        row(f"{mode}: open again", found["again"])

    load = os.getloadavg()[0]
    print(
        f"Python {sys.version.split()[0]}, Textual {textual.__version__}, "
        f"{os.cpu_count()} cores, load {load:.1f}; {runs} runs of each quick command; "
        "twenty years: " + ", ".join(f"{n:,} {what}" for what, n in held.items())
    )
    width = max(len(name) for name, _, _ in rows)
    for name, seconds, goal in rows:
        print(f"  {name:<{width}}  {seconds * 1000:6.1f} ms  {goal}".rstrip())


def _met(met: bool) -> str:
    return "met" if met else "NOT met"


if __name__ == "__main__":
    main()
