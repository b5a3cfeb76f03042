"""Companion's speed, measured (never asserted in tests).

    .venv/bin/python benchmarks/run.py [--runs N]

Prints medians of wall-clock times from launching a process, so interpreter
start-up and imports count, as they do for a person at the terminal:
- the app's first frame on the demo database, headless at 80x24, beside a
  bare Textual app that imports the same stack, opens the same database and
  draws one line; and when Companion's Today has its cards filled in;
- `companion today` beside `python -c pass` and a bare `import sqlite_utils`.
Bare and Companion runs take turns, so a busy moment on the machine hits both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from companion import demo

HERE = Path(__file__).parent


def timed(argv: list[str], runs: int, env: dict[str, str]) -> float:
    """Median seconds of `runs` runs of `argv` (after one warm-up run)."""
    subprocess.run(argv, check=True, capture_output=True, env=env)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def moments(argv: list[str], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median seconds from launch to each moment the child prints (`name seconds`)."""
    subprocess.run(argv, check=True, capture_output=True, env=env)
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        launched = time.perf_counter()  # CLOCK_MONOTONIC: the child's clock too
        out = subprocess.run(argv, check=True, capture_output=True, env=env, text=True).stdout
        for line in out.splitlines():
            name, moment = line.split()
            samples.setdefault(name, []).append(float(moment) - launched)
    return {name: statistics.median(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        demo.build(db, dt.datetime.now(dt.UTC))
        env = {**os.environ, "COMPANION_DB": str(db), "XDG_STATE_HOME": folder}
        # Installed packages run from .pyc files; let ours be cached too.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        first = str(HERE / "first_screen.py")
        commands = [
            ("python -c pass", [python, "-c", "pass"]),
            ("python -c 'import sqlite_utils'", [python, "-c", "import sqlite_utils"]),
            ("companion today", [python, "-m", "companion", "today"]),
        ]
        rows = [(name, timed(argv, runs, env)) for name, argv in commands]
        bare, app = {}, {}
        for _ in range(runs):  # alternate, one run each, so load changes hit both alike
            for found, which in ((bare, "bare"), (app, "companion")):
                for name, value in moments([python, first, which, str(db)], 1, env).items():
                    found.setdefault(name, []).append(value)
    median = {key: statistics.median(values) for key, values in (*bare.items(),)}
    ours = {key: statistics.median(values) for key, values in app.items()}
    rows += [
        ("bare Textual app, first frame", median["first-frame"]),
        ("Companion, first frame (Today)", ours["first-frame"]),
        ("Companion, Today with its cards filled", ours["settled"]),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"median of {runs} runs, Python {sys.version.split()[0]}")
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds * 1000:7.1f} ms")
    ratio = ours["first-frame"] / median["first-frame"]
    print(f"  first frame: Companion / bare app = {ratio:.2f} (goal: at most 1.10)")


if __name__ == "__main__":
    main()
