"""Kill real `companion log` processes at random moments, many times; report what survived.

    .venv/bin/python benchmarks/crash_safety.py [--trials 500] [--pairs 250] [--seed N]

The long form of tests/test_crash_safety.py (which runs about twenty trials
on every test run), with the same killer and checks (tests/crash_trials.py):
`--trials` processes alone, then `--pairs` trials of two processes logging at
once with one of them killed, each kill at a random moment of start-up,
writing or after the commit. Prints the kills by where they landed, the
acknowledged writes and whether every one is in the database once, and the
database's integrity check; exits 1 if any promise was broken. Everything is
written in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from crash_trials import PHASES, Run, check, set_up, tally, trials


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=500, help="trials of one process")
    parser.add_argument("--pairs", type=int, help="trials of two at once (default: trials / 2)")
    parser.add_argument("--seed", type=int, default=random.randrange(1_000_000))
    args = parser.parse_args()
    pairs = args.trials // 2 if args.pairs is None else args.pairs

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
        for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
            env[name] = str(home / name.lower())
        db = home / "companion.db"
        set_up(db, env)
        run = Run(db, env, seed=args.seed)
        started = time.monotonic()
        trials(run, args.trials, together=1)
        alone = tally(run, args.trials)
        trials(run, pairs, together=2, first=args.trials)
        both = tally(run, args.trials + pairs)
        problems = check(run)
        seconds = time.monotonic() - started

    print(f"seed {args.seed}, {seconds:.0f} s")
    print(f"trials: {args.trials} of one process, {pairs} of two at once")
    print(f"processes launched: {both.launches} (3 of them unkilled calibration runs)")
    kills = both.kills
    landed = ", ".join(f"{phase} {kills[phase]}" for phase in PHASES)
    others = sum(kills.values()) - sum(kills[phase] for phase in PHASES)
    print(f"killed: {sum(kills.values())} ({landed}; elsewhere {others})")
    print(f"  of them in trials of one: {sum(alone.kills.values())}")
    print(f"acknowledged writes (confirmation printed): {both.acknowledged}")
    print(f"  in the database exactly once: {both.kept_once}")
    print(
        f"entries in the database: {both.present} "
        f"({both.unconfirmed} from processes killed after the commit, before confirming)"
    )
    print(f"integrity_check: {both.integrity}")
    print(f"problems found by the checks: {len(problems)}")
    for problem in problems[:20]:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
