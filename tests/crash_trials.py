"""Kill real `companion log` processes at chosen random moments; check what they leave.

Shared by tests/test_crash_safety.py (a few dozen trials on every run) and
benchmarks/crash_safety.py (as many as asked for). This is reliability F1 at
the level of the installed command: each trial launches `python -m companion
log walking 1 --date DAY --note "crash N a"` (the same interpreter and venv as
the tests), and a killer sends SIGKILL at a moment drawn at random from one
phase of the command's life, the phases taking turns:

- start-up: before the database is open (a random moment in the time a
  calibration run took to open it);
- writing: once the database is open (seen in /proc/PID/fd), a random moment
  in the time a calibration run kept it open, which holds the read, the
  `BEGIN IMMEDIATE ... COMMIT` and the checkpoint on close;
- after the commit: once the database is closed again, a random moment in the
  time left before a calibration run exited (printing the confirmation).

A process may end before the killer fires; it then counts as a normal run.
Trials of two processes launch both at once and kill one.

Afterwards `check` reads the database: `integrity_check` is ok, every write
that was acknowledged is there exactly once, every row is whole (each column
what its process was asked to write), nothing is there twice or unasked for,
and every process that was not killed printed its confirmation and exited 0.
Acknowledged means the confirmation line was printed: output is unbuffered,
as a terminal's is line-buffered, so a process killed after printing it counts
too (that is what a person would have seen). Which phase a kill really landed
in is read from the outcome: a kill whose entry is in the database landed after
its commit.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

COMMAND = (sys.executable, "-m", "companion")
CONFIRMATION = "Walking: 1 minute logged for"
PHASES = ("start-up", "writing", "after the commit")
# What /proc showed the instant before the kill.
NOT_OPEN, OPEN, CLOSED = "not yet open", "open", "closed again"
POLL_S = 0.0002
TIMEOUT_S = 60.0


@dataclass
class Launch:
    """One `companion log` process and what became of it."""

    note: str
    day: dt.date
    process: subprocess.Popen[str]
    aimed_at: str | None = None  # the phase the killer aimed at, if this one was a victim
    seen: str | None = None  # NOT_OPEN, OPEN or CLOSED when the kill was sent
    killed: bool = False
    code: int | None = None
    out: str = ""
    err: str = ""

    @property
    def acknowledged(self) -> bool:
        """The person was told it was saved: the confirmation line reached the terminal.

        Output is unbuffered (PYTHONUNBUFFERED), as a terminal's is line-buffered,
        so a line printed before a kill counts even though the process never exited.
        """
        return CONFIRMATION in self.out

    def finish(self) -> None:
        self.out, self.err = self.process.communicate(timeout=TIMEOUT_S)
        self.code = self.process.returncode
        self.killed = self.code == -signal.SIGKILL


@dataclass
class Timeline:
    """Seconds from launch: database opened, closed, process ended (medians)."""

    opened: float
    closed: float
    ended: float


@dataclass
class Run:
    """Every launch of a series of trials, and the database they wrote to."""

    db: Path
    env: dict[str, str]
    seed: int
    launches: list[Launch] = field(default_factory=list)
    timeline: Timeline | None = None

    def killed(self) -> list[Launch]:
        return [launch for launch in self.launches if launch.killed]


def set_up(db: Path, env: dict[str, str]) -> None:
    """A programme (and so the habit `walking`) in a new database, by the shell command."""
    start = dt.date.today() - dt.timedelta(days=7)
    done = subprocess.run(
        [*COMMAND, "setup", "--db", str(db), "--start", start.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, done.stderr


def _holds(pid: int, target: str) -> bool:
    """Whether process `pid` has `target` open (False once it has gone)."""
    try:
        entries = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for entry in entries:
        try:
            if str(entry.readlink()) == target:
                return True
        except OSError:  # closed meanwhile
            continue
    return False


def _launch(run: Run, number: int, which: str) -> Launch:
    # Days spread over the last 300, so no day's total nears the 1,440 minutes a day
    # holds however many trials run.
    day = dt.date.today() - dt.timedelta(days=1 + number % 300)
    note = f"crash {number} {which}"
    argv = [*COMMAND, "log", "walking", "1", "--db", str(run.db)]
    argv += ["--date", day.isoformat(), "--note", note]
    process = subprocess.Popen(
        argv,
        env={**run.env, "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    launch = Launch(note, day, process)
    run.launches.append(launch)
    return launch


def calibrate(run: Run, times: int = 3) -> Timeline:
    """Launch `times` processes unkilled and time their phases (they count as launches)."""
    target = os.path.realpath(run.db)
    samples: list[tuple[float, float, float]] = []
    for number in range(times):
        started = time.monotonic()
        launch = _launch(run, -1 - number, "calibration")
        opened = closed = None
        while launch.process.poll() is None:
            holds = _holds(launch.process.pid, target)
            moment = time.monotonic() - started
            if holds and opened is None:
                opened = moment
            elif not holds and opened is not None and closed is None:
                closed = moment
            time.sleep(POLL_S)
        ended = time.monotonic() - started
        launch.finish()
        assert launch.acknowledged, (launch.code, launch.out, launch.err)
        opened = ended * 0.8 if opened is None else opened
        closed = opened if closed is None else closed
        samples.append((opened, closed, ended))
    timeline = Timeline(*(statistics.median(column) for column in zip(*samples, strict=True)))
    run.timeline = timeline
    return timeline


def _kill_in(run: Run, launch: Launch, phase: str, rng: random.Random) -> None:
    """Send SIGKILL to `launch` at a random moment of `phase` (unless it ends first)."""
    assert run.timeline is not None
    timeline = run.timeline
    target = os.path.realpath(run.db)
    started = time.monotonic()
    pid = launch.process.pid
    launch.aimed_at = phase

    def alive() -> bool:
        return launch.process.poll() is None

    if phase == "start-up":
        fire_at = started + rng.uniform(0, timeline.opened)
    else:
        while alive() and not _holds(pid, target):
            time.sleep(POLL_S)
        if phase == "after the commit":
            while alive() and _holds(pid, target):
                time.sleep(POLL_S)
            fire_at = time.monotonic() + rng.uniform(0, max(timeline.ended - timeline.closed, 0))
        else:
            fire_at = time.monotonic() + rng.uniform(0, max(timeline.closed - timeline.opened, 0))
    while alive() and time.monotonic() < fire_at:
        time.sleep(POLL_S)
    if not alive():
        return
    holds = _holds(pid, target)
    # poll() above did not reap it, so the pid is still this process's even if it has
    # just ended: the signal cannot reach another process.
    launch.process.send_signal(signal.SIGKILL)
    if holds:
        launch.seen = OPEN
    else:
        launch.seen = NOT_OPEN if phase == "start-up" else CLOSED


def trials(run: Run, count: int, *, together: int, first: int = 0) -> None:
    """Run `count` trials of `together` (1 or 2) processes at once, one of them killed."""
    rng = random.Random(run.seed + first)
    if run.timeline is None:
        calibrate(run)
    phases = [PHASES[number % len(PHASES)] for number in range(count)]
    rng.shuffle(phases)
    for number, phase in enumerate(phases, start=first):
        launches = [_launch(run, number, which) for which in "ab"[:together]]
        victim = rng.choice(launches)
        try:
            _kill_in(run, victim, phase, rng)
        finally:
            for launch in launches:
                launch.finish()


@dataclass
class Row:
    note: str | None
    habit_id: int
    day: str
    value: float
    created_utc: str
    tz: str


def check(run: Run) -> list[str]:
    """Every way the database or the processes broke a promise (none: all kept)."""
    problems: list[str] = []
    conn = sqlite3.connect(run.db)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"integrity_check: {integrity[:5]}")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found entries without their habit")
        walking, zone = conn.execute(
            "SELECT (SELECT id FROM habit WHERE key = 'walking'), "
            "(SELECT tz FROM programme WHERE id = 1)"
        ).fetchone()
        rows = [
            Row(*row)
            for row in conn.execute(
                "SELECT note, habit_id, day, value, created_utc, tz FROM habit_entry"
            )
        ]
    finally:
        conn.close()

    asked = {launch.note: launch for launch in run.launches}
    counts = Counter(row.note for row in rows)
    for note, count in counts.items():
        if note is not None and count > 1:  # rows without a note are reported below
            problems.append(f"{note!r} is in the database {count} times")
    for row in rows:
        launch = asked.get(row.note or "")
        if launch is None:
            problems.append(f"an entry no process was asked to write: {row}")
            continue
        whole = (
            row.habit_id == walking
            and row.day == launch.day.isoformat()
            and row.value == 1.0
            and row.tz == zone
            and _is_stamp(row.created_utc)
        )
        if not whole:
            problems.append(f"an entry not as written: {row}")
    for launch in run.launches:
        if launch.acknowledged and counts[launch.note] == 0:
            problems.append(f"{launch.note!r} was acknowledged but is not in the database")
        if not launch.killed and not (launch.acknowledged and launch.code == 0):
            problems.append(
                f"{launch.note!r} was not killed but did not succeed "
                f"(exit {launch.code}): {launch.err.strip()[-300:]}"
            )
    return problems


def _is_stamp(text: str) -> bool:
    try:
        dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


@dataclass
class Tally:
    """What a run did, for a report."""

    trials: int
    launches: int
    kills: Counter[str]  # where each kill landed
    acknowledged: int
    kept_once: int  # acknowledged writes in the database exactly once
    present: int  # entries of these launches in the database
    unconfirmed: int  # of them, kept from a process killed before its confirmation
    integrity: str  # integrity_check's first line


def tally(run: Run, trial_count: int) -> Tally:
    """Count the launches, the kills by where they landed, and the writes kept."""
    conn = sqlite3.connect(f"file:{run.db}?mode=ro", uri=True)
    try:
        notes = Counter(row[0] for row in conn.execute("SELECT note FROM habit_entry"))
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    present = set(notes)
    kills: Counter[str] = Counter()
    for launch in run.killed():
        kills[landed(launch, present)] += 1
    return Tally(
        trials=trial_count,
        launches=len(run.launches),
        kills=kills,
        acknowledged=sum(launch.acknowledged for launch in run.launches),
        kept_once=sum(launch.acknowledged and notes[launch.note] == 1 for launch in run.launches),
        present=len(present & {launch.note for launch in run.launches}),
        unconfirmed=sum(
            launch.note in present and not launch.acknowledged for launch in run.launches
        ),
        integrity=integrity,
    )


def landed(launch: Launch, present: set[str]) -> str:
    """Where a kill landed: its entry kept means after its commit; else what /proc showed."""
    if launch.note in present:
        return "after the commit"
    if launch.seen == NOT_OPEN:
        return "start-up"
    if launch.seen == OPEN:
        return "writing"
    return "after closing, nothing kept"


def trials_until_landed(
    run: Run, count: int, *, together: int, most: int, batch: int = 5
) -> Tally:
    """`count` trials, then batches more (to `most`) until kills have landed in every phase.

    Random moments can miss a phase a few milliseconds long on a busy machine;
    a run that never killed a process mid-write would prove nothing about it.
    """
    done = 0
    size = count
    while True:
        trials(run, size, together=together, first=done)
        done += size
        result = tally(run, done)
        if all(result.kills[phase] for phase in PHASES) or done >= most:
            return result
        size = min(batch, most - done)
