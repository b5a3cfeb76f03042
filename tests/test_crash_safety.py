"""Real `companion log` processes killed with SIGKILL at random moments lose nothing acknowledged.

The installed command (`python -m companion`, this venv) runs in a loop while
a killer sends SIGKILL during start-up, mid-write and after the commit (see
tests/crash_trials.py); then `integrity_check` is ok, every write whose
confirmation was printed is in the database exactly once, every entry is whole,
nothing was written twice, and every process not killed succeeded. Each test
names its seed when it fails. `benchmarks/crash_safety.py --trials 500` runs
the same for longer.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from crash_trials import PHASES, Run, check, set_up, trials_until_landed

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="the killer watches /proc/PID/fd (Linux)"
)


def a_run(tmp_path: Path) -> Run:
    db = tmp_path / "companion.db"
    env = dict(os.environ)
    set_up(db, env)
    return Run(db, env, seed=random.randrange(1_000_000))


def test_companion_log_killed_at_random_moments_keeps_every_acknowledged_write(
    tmp_path: Path,
) -> None:
    run = a_run(tmp_path)
    result = trials_until_landed(run, 20, together=1, most=40)
    where = f"seed {run.seed}: {result}"
    assert check(run) == [], where
    assert all(result.kills[phase] for phase in PHASES), f"a phase was never hit; {where}"
    assert result.acknowledged >= 3, where  # the calibration runs at least


def test_two_processes_logging_at_once_while_one_is_killed(tmp_path: Path) -> None:
    run = a_run(tmp_path)
    result = trials_until_landed(run, 10, together=2, most=25)
    where = f"seed {run.seed}: {result}"
    # check() also requires every process that was not killed (the other of each
    # pair) to have succeeded: a kill beside it must not make it fail.
    assert check(run) == [], where
    assert all(result.kills[phase] for phase in PHASES), f"a phase was never hit; {where}"
    assert result.acknowledged >= result.trials, where
