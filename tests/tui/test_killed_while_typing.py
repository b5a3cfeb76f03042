"""The real app, killed with SIGKILL while someone types an answer, loses at most 2 s of it.

`companion --db DB` runs in a pseudo-terminal at 80x24 (the standard `pty`
module, so nothing beyond Python is needed). The test opens Worksheets (3) and
a sheet (enter), types a letter every 50 ms, noting when each was sent, and
sends SIGKILL at a random moment it records. The answer in the database must
then hold, exactly, everything typed up to at least 2 s before the kill.

While it types it also reads the answer from the database every few keys:
each reading is what a kill at that moment would leave, so the promise is
checked at dozens of moments, the worst ones (just before a save) included.
Keys are sent only once the sheet is on screen and the app has gone quiet
(its CPU time stops growing), so a loaded machine delays the start, not the
assertion.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import random
import re
import signal
import sqlite3
import string
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

COMMAND = (sys.executable, "-m", "companion")
PROMISE_S = 2.0  # companion/domain/worksheets/answers.py: at most this much typing is lost
KEY_EVERY_S = 0.05
TYPING_S = (3.5, 5.0)  # the kill comes at a random moment this long after the first key
WAIT_S = 40.0  # for each screen, on a loaded machine
QUIET_S = 10.0  # at most, for the app to finish what it does after drawing the sheet
# Escape sequences (CSI, OSC, DCS and two-byte ones), removed to read the screen's words.
ESCAPES = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="waits for the app to go quiet via /proc"
)


class Terminal:
    """The app in a pseudo-terminal: keys in, everything it draws kept."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.master = master
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.drawn = bytearray()
        self.lock = threading.Lock()
        # Read all the time: a terminal nobody reads fills up and stalls the app.
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the app has gone
                return
            if not chunk:
                return
            with self.lock:
                self.drawn.extend(chunk)

    def mark(self) -> int:
        with self.lock:
            return len(self.drawn)

    def words_since(self, mark: int) -> str:
        with self.lock:
            raw = bytes(self.drawn[mark:])
        return ESCAPES.sub(b"", raw).decode("utf-8", "replace")

    def wait_for(self, words: str, since: int) -> int:
        """Wait until `words` are drawn after `since`; return the new mark."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if words in self.words_since(since):
                return self.mark()
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        pytest.fail(f"{words!r} never appeared; last drawn: {self.words_since(since)[-600:]!r}")

    def wait_until_quiet(self) -> None:
        """Until the app's CPU time grows by at most 30 ms in half a second (or QUIET_S)."""
        deadline = time.monotonic() + QUIET_S
        before = self.cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(0.5)
            now = self.cpu_ticks()
            if now - before <= 0.03 * os.sysconf("SC_CLK_TCK"):
                return
            before = now

    def cpu_ticks(self) -> int:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def press(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        # The reader ends on EIO once the app is gone; only then is the descriptor
        # closed, so its number cannot be reused under a read still in progress.
        self.reader.join(timeout=5)
        os.close(self.master)


def saved_answers(db: Path) -> list[str]:
    """Every answer with text, read as a new reader would find it."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT body FROM answer WHERE body != ''")]
    finally:
        conn.close()


def typed_by(sent: list[float], moment: float) -> int:
    """How many keys had been sent at `moment`."""
    return sum(1 for at in sent if at <= moment)


def test_the_app_killed_while_typing_loses_at_most_two_seconds(tmp_path: Path) -> None:
    db = tmp_path / "companion.db"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    start = dt.date.today() - dt.timedelta(days=7)
    setup = subprocess.run(
        [*COMMAND, "setup", "--db", str(db), "--start", start.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert setup.returncode == 0, setup.stderr

    rng = random.Random()
    text = "".join(string.ascii_lowercase[i % 26] for i in range(400))
    sent: list[float] = []  # when each letter of `text` was sent
    readings: list[tuple[float, str]] = []  # (moment, the saved answer then)
    app = Terminal([*COMMAND, "--db", str(db)], env)
    try:
        mark = app.wait_for("3 Worksheets", 0)
        app.press("3")
        mark = app.wait_for("Component", mark)  # the list's heading
        app.press("\r")
        app.wait_for("answered", mark)  # the sheet's status line: "0 of 12 answered"
        app.wait_until_quiet()

        typing_for = rng.uniform(*TYPING_S)
        first = time.monotonic()
        kill_at = first + typing_for
        while (now := time.monotonic()) < kill_at:
            if now >= first + len(sent) * KEY_EVERY_S:
                # Noted before it is sent, and readings and the kill after they
                # happen: any error in the timing makes the 2 s stricter, never looser.
                sent.append(time.monotonic())
                app.press(text[len(sent) - 1])
            elif not readings or readings[-1][0] < sent[-1]:  # once between two keys
                answers = saved_answers(db)
                moment = time.monotonic()
                readings.append((moment, answers[0] if answers else ""))
            else:
                time.sleep(0.002)
        os.kill(app.process.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        assert app.process.wait(timeout=30) == -signal.SIGKILL
    finally:
        app.close()

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    answers = saved_answers(db)
    assert len(answers) <= 1, answers  # everything went into the one answer
    kept = answers[0] if answers else ""
    saves = [
        f"{at - first:.2f} s: {len(body)}"
        for (at, body), (_, before) in zip(readings, [(0.0, ""), *readings], strict=False)
        if body != before
    ]
    story = (
        f"killed {killed_at - first:.2f} s after the first key, with {len(sent)} keys sent "
        f"and {len(kept)} saved; saves seen (s after the first key: keys) {saves}"
    )
    assert text.startswith(kept), story  # exactly what was typed, in order
    assert len(kept) >= typed_by(sent, killed_at - PROMISE_S), story
    assert readings, story
    for moment, body in readings:  # what a kill at each of these moments would have left
        assert text.startswith(body), story
        if len(body) < typed_by(sent, moment - PROMISE_S):
            oldest = moment - sent[len(body)]
            at = moment - first
            pytest.fail(f"at {at:.2f} s, keys typed {oldest:.2f} s before were unsaved; {story}")
