"""Summarising a cohort: `companion cohort` over a synthetic cohort of evaluation packs.

    .venv/bin/python benchmarks/cohort.py [--packs 10000] [--runs 5] [--keep DIR]

Writes `--packs` synthetic packs (seeded, so every run makes the same ones:
WEMWBS and SCS at baseline and end, most with a follow-up, SWEMWBS for some,
attendance, completion and eight weeks of practice) into a temporary folder,
or into DIR with `--keep`, then times the installed `companion cohort` over
all of them, as a facilitator would type it, in each format. The goal is
under two seconds for 10,000 packs. Prints the median wall-clock and CPU
time (the command's user + system time) of `--runs` runs after one warm-up
run, and the load average: on a busy machine the wall clock includes
waiting for a core, the CPU time does not. `--keep DIR` reuses the packs
already in DIR. Never asserted in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from companion.content.instruments import instrument
from companion.domain.evaluation import pack as packs
from companion.domain.programme import Completion
from companion.domain.scales.results import Point
from companion.domain.scales.scoring import score
from companion.domain.selfcare.weekly import PracticeDay

GOAL_S = 2.0
START = dt.date(2026, 3, 2)


def _answers(rng: random.Random, count: int, lean: float) -> list[int | None]:
    """One set of answers, leaning up (lean > 0) or down from the middle."""
    return [min(5, max(1, round(rng.gauss(3 + lean, 0.9)))) for _ in range(count)]


def synthetic_pack(rng: random.Random, number: int) -> packs.Pack:
    """One participant's pack: plausible totals that tend to rise a little after the programme."""
    wemwbs, scs, swemwbs = instrument("wemwbs"), instrument("scs"), instrument("swemwbs")
    chosen = [wemwbs, scs] if number % 5 else [swemwbs, scs]
    occasions = [("pre", START - dt.timedelta(days=2)), ("post", START + dt.timedelta(days=55))]
    if rng.random() < 0.8:
        occasions.append(("followup", START + dt.timedelta(days=90)))
    base = rng.gauss(-0.2, 0.4)
    results = []
    for key in chosen:
        for step, (occasion, day) in enumerate(occasions):
            lean = base + (0.25 if step else 0.0) + rng.gauss(0, 0.15)
            found = score(key, _answers(rng, key.item_count, lean))
            results.append((key, Point(0, occasion, day, found)))  # type: ignore[arg-type]
    attended = min(8, max(0, round(rng.gauss(7.2, 1.0))))
    done = min(6, max(0, round(rng.gauss(5.2, 1.0))))
    practice = [
        PracticeDay(START + dt.timedelta(days=day), habit, float(rng.randint(0, 40)))
        for day in range(56)
        for habit in ("meditation", "walking", "tea-break")
        if rng.random() < 0.5
    ]
    return packs.build(
        pack_id=f"{rng.getrandbits(128):032x}",
        cohort="Synthetic cohort",
        made=START + dt.timedelta(days=92),
        start=START,
        weeks=8,
        completion=Completion(attended, 8 - attended, 8, done, 6),
        results=results,
        practice=practice,
        writing=None,
    )


def write_cohort(folder: Path, count: int, seed: int = 12) -> list[Path]:
    """`count` synthetic packs as files in `folder`, the same ones for the same seed."""
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        path = folder / f"pack-{number:05d}.json"
        path.write_text(packs.encode(synthetic_pack(rng, number)), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the packs here and keep them")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="companion-cohort-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        started = time.perf_counter()
        paths = sorted(folder.glob("pack-*.json"))
        if len(paths) != options.packs:  # --keep DIR with the packs already there: reuse them
            paths = write_cohort(folder, options.packs)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"{len(paths):,} packs, {size / 1_000_000:.1f} MB, ready in "
            f"{time.perf_counter() - started:.1f} s in {folder}; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        companion = str(Path(sys.executable).with_name("companion"))
        # The baseline, in the same run: the least any summary must do, a bare
        # Python reading every file and parsing its JSON with the standard library.
        bare = "import json, sys\nfor p in sys.argv[1:]:\n    json.loads(open(p, 'rb').read())"
        commands = {"baseline: read + json.loads": [sys.executable, "-c", bare, *map(str, paths)]}
        for form in ("text", "json", "html"):
            commands[f"companion cohort --format {form}"] = [
                companion,
                "cohort",
                "--format",
                form,
                *map(str, paths),
            ]
        for name, argv in commands.items():
            walls, cpus = [], []
            for run in range(options.runs + 1):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                began = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True)
                wall = time.perf_counter() - began
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if run:  # the first run warms the file cache
                    walls.append(wall)
                    cpus.append(
                        after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
                    )
            median = statistics.median(walls)
            verdict = "met" if median < GOAL_S else "NOT met"
            goal = "" if name.startswith("baseline") else f"; goal under {GOAL_S:.0f} s: {verdict}"
            print(
                f"{name:<34} wall {median:.3f} s, CPU {statistics.median(cpus):.3f} s "
                f"(medians of {options.runs}{goal})"
            )
    finally:
        if options.keep is None:
            shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
