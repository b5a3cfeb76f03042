"""Companion's speed, measured (never asserted in tests).

    .venv/bin/python benchmarks/run.py [--runs N]

Prints the median wall-clock time of whole processes, so interpreter start-up
and imports count, as they do for a person at the terminal:
- the app's first screen on the demo database, headless, beside a bare
  Textual app that imports the same stack and opens the same database;
- `companion today` beside `python -c pass` and a bare `import sqlite_utils`.
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
            ("bare Textual app, first screen", [python, first, "bare", str(db)]),
            ("Companion, first screen (Today)", [python, first, "companion", str(db)]),
        ]
        rows = [(name, timed(argv, runs, env)) for name, argv in commands]
    width = max(len(name) for name, _ in rows)
    print(f"median of {runs} runs, Python {sys.version.split()[0]}")
    for name, seconds in rows:
        print(f"  {name:<{width}}  {seconds * 1000:7.1f} ms")
    bare, app = rows[3][1], rows[4][1]
    print(f"  first screen: Companion / bare app = {app / bare:.2f} (goal: at most 1.10)")


if __name__ == "__main__":
    main()
