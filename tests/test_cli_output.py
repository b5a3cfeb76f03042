"""What the shell prints: shown safely, whatever is stored, and never failing after a save.

- Text stored before the text policy (a name holding a right-to-left override
  or an escape sequence) is escaped in every command's output.
- A terminal whose encoding cannot show a name gets escapes, and a command
  that saved says so with exit 0 (a retry would save twice): the real
  `companion` command under a non-UTF-8 locale.
- Output that cannot be written (a full disk, a closed pipe) ends in one
  honest line, never Python's "Exception ignored" noise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hostile import OSC_TITLE, RLO, raw_unsafe

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
WEDNESDAY = dt.datetime(2026, 3, 18, 9, 0, tzinfo=LONDON)

# Stored behind the policy's back, as a database from before it could hold them.
OLD_NAME = f"Walk{RLO}kool{OSC_TITLE}"
OLD_NOTE = f"fine\x1b[31m red{RLO}"
OLD_PLAN = f"Call {RLO}mum\x9b2J"
OLD_FIRST_NAME = f"Al{RLO}ex"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def old_text(cli, db, london_tz, time_machine) -> Path:
    """A programme whose habit, note, plan item and first name hold what the policy refuses."""
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--name", "Alex", "--db", db).code == 0
    time_machine.move_to(WEDNESDAY, tick=False)
    assert cli("log", "walking", "20", "--note", "fine", "--db", db).code == 0
    assert cli("plan", "add", "Call mum", "--db", db).code == 0
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE habit SET name = ? WHERE key = 'walking'", (OLD_NAME,))
        conn.execute("UPDATE habit_entry SET note = ?", (OLD_NOTE,))
        conn.execute("UPDATE plan_item SET body = ?", (OLD_PLAN,))
        conn.execute("UPDATE programme SET name = ?", (OLD_FIRST_NAME,))
    conn.close()
    return db


SHOWING = [
    ["log"],
    ["log", "--week"],
    ["log", "walking", "5"],
    ["log", "--date", "monday"],
    ["habits"],
    ["habits", "list"],
    ["habits", "move", "walking", "1"],
    ["habits", "archive", "walking"],
    ["today"],
    ["plan"],
    ["plan", "done", "1"],
    ["search", "mum"],
    ["setup", "--start", "2026-03-02"],  # keeps the stored first name (no second welcome)
]


@pytest.mark.parametrize("argv", SHOWING, ids=" ".join)
def test_text_stored_before_the_policy_is_escaped_in_every_output(cli, old_text, argv):
    result = cli(*argv, "--db", old_text)
    assert result.code == 0, result.err
    assert raw_unsafe(result.out + result.err) == []
    assert result.out.strip()


def test_what_the_escapes_look_like(cli, old_text):
    out = cli("log", "walking", "5", "--db", old_text).out
    assert out.startswith("Walk\\u202ekool\\x1b]0;owned\\x07: 5 minutes logged for today")
    assert "Call \\u202emum\\x9b2J" in cli("plan", "--db", old_text).out


@pytest.mark.parametrize(
    ("argv", "read"),
    [
        (["habits", "--json"], lambda data: data[1]["name"]),
        (["log", "--json"], lambda data: data["habits"][1]["name"]),
        (["plan", "list", "--json"], lambda data: data[0]["text"]),
        (["today", "--json"], lambda data: data["name"]),
    ],
    ids=["habits", "log", "plan", "today"],
)
def test_json_escapes_them_and_still_holds_the_exact_text(cli, old_text, argv, read):
    result = cli(*argv, "--db", old_text)
    assert result.code == 0, result.err
    assert raw_unsafe(result.out) == []
    value = read(json.loads(result.out))
    assert value in (OLD_NAME, OLD_PLAN, OLD_FIRST_NAME)


# ---------------------------------------------------------------- the real command


# The `companion` script pip installed beside this Python: the real command.
COMPANION = str(Path(sys.executable).parent / "companion")


def companion(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `companion` command in a clean environment (bytes in, bytes out)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
    clean.update(
        TZ="Europe/London",
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    clean.update(env)
    return subprocess.run(
        [COMPANION, *argv], env=clean, capture_output=True, timeout=60, check=False
    )


def entry_count(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM habit_entry").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def cafe(tmp_path: Path) -> Path:
    """A programme with a habit whose name neither ASCII nor Latin-1 can show."""
    db = tmp_path / "companion.db"
    start = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    done = companion(tmp_path, "setup", "--start", start, "--db", str(db), LC_ALL="C.UTF-8")
    assert done.returncode == 0, done.stderr
    done = companion(
        tmp_path, "habits", "add", "cafe", "Caf\u00e9 \u2615", "--kind", "count", "--db", str(db)
    )
    assert done.returncode == 0, done.stderr
    return db


LOCALES = {
    "ascii": ({"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}, b"Caf\\xe9 \\u2615"),
    "latin-1": ({"LC_ALL": "C", "PYTHONIOENCODING": "latin-1"}, b"Caf\xe9 \\u2615"),
    # The C locale without Python's UTF-8 mode: stdout is ASCII.
    "C": (
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
        b"Caf\\xe9 \\u2615",
    ),
}


@pytest.mark.parametrize("locale", list(LOCALES))
def test_a_name_the_terminal_cannot_show_is_saved_once_and_shown_escaped(
    tmp_path, cafe, locale
) -> None:
    env, shown = LOCALES[locale]
    done = companion(tmp_path, "log", "cafe", "--db", str(cafe), **env)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(shown + b": 1 time logged for today")
    assert entry_count(cafe) == 1
    week = companion(tmp_path, "log", "--week", "--db", str(cafe), **env)
    assert (week.returncode, week.stderr) == (0, b"")
    assert shown in week.stdout


def test_setup_greets_a_name_the_terminal_cannot_show(tmp_path) -> None:
    db = tmp_path / "companion.db"
    start = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    done = companion(
        tmp_path, "setup", "--start", start, "--name", "Zo\u00eb \u2615", "--db", str(db),
        LC_ALL="C", PYTHONIOENCODING="ascii",
    )  # fmt: skip
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.startswith(b"Welcome, Zo\\xeb \\u2615. Your programme starts on")


FULL = Path("/dev/full")


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
def test_output_to_a_full_disk_is_one_line_and_exit_1(tmp_path, cafe) -> None:
    with FULL.open("wb") as full:
        done = subprocess.run(
            [COMPANION, "today", "--db", str(cafe)],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "TZ": "Europe/London"},
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == b"companion: could not write the output (No space left on device)\n"


@pytest.mark.skipif(not FULL.exists(), reason="needs /dev/full (Linux)")
def test_a_save_whose_report_cannot_be_written_exits_0_and_says_it_saved(tmp_path, cafe):
    with FULL.open("wb") as full:
        done = subprocess.run(
            [COMPANION, "log", "cafe", "--db", str(cafe)],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "TZ": "Europe/London"},
            timeout=60,
            check=False,
        )
    assert done.returncode == 0
    assert done.stderr == (
        b"companion: saved, but the report of it could not be written (No space left on device)\n"
    )
    assert entry_count(cafe) == 1


def test_a_reader_that_went_away_is_not_an_error(tmp_path, cafe) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read: the first write fails with EPIPE
    try:
        done = subprocess.run(
            [COMPANION, "schedule", "--db", str(cafe)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "TZ": "Europe/London"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, b"")


# ---------------------------------------------------------------- no terminal

NO_TERMINAL = "companion: the app opens in a terminal, but its "
QUICK = "use the quick commands, e.g. `companion today` or `companion log walk 25`"


def test_the_app_in_a_pipe_says_it_needs_a_terminal_and_writes_nothing(tmp_path) -> None:
    db = tmp_path / "new.db"
    done = subprocess.run(
        [COMPANION, "--db", str(db)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,  # it used to wait for keys forever
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(NO_TERMINAL + "input, output and error output are not one here")
    assert QUICK in lines[0]
    assert list(tmp_path.iterdir()) == []  # no database, no folder, nothing


def test_only_the_stream_that_is_not_a_terminal_is_named(tmp_path, cafe) -> None:
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [COMPANION, "--db", str(cafe)],
            stdin=follower,
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=30,
            check=False,
        )
        os.set_blocking(leader, False)
        said = os.read(leader, 4096).decode()
    finally:
        os.close(follower)
        os.close(leader)
    assert (done.returncode, done.stdout) == (2, b"")
    assert said.startswith(NO_TERMINAL + "output is not one here;")


def test_the_refusal_comes_before_textual_is_imported(tmp_path) -> None:
    child = (
        "import sys\n"
        "from companion.cli import main\n"
        f"code = main(['--db', {str(tmp_path / 'x.db')!r}])\n"
        "print(code, 'textual' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert done.stdout == b"2 False\n"
