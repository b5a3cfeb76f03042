"""A path in a message is shown on one line, with control and direction characters escaped.

A newline in `--db` used to split the one-line refusal, and an escape sequence
in it reached the terminal (an OSC sequence retitles the window). Each store
refusal that names the path is tried with such a path.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import open_store

HOSTILE = "new\nline \x1b]0;retitled\x07 \u202egnp.db"
SHOWN = "new\\nline \\x1b]0;retitled\\x07 \\u202egnp.db"
NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)


def real_database(path: Path) -> None:
    store = open_store(path)
    try:
        store.programme.save_setup(
            dt.date(2026, 3, 2), "Alex", "Europe/London", DEFAULT_HABITS, NOW
        )
    finally:
        store.close()


def missing(path: Path) -> None:
    pass


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder(path: Path) -> None:
    path.mkdir()


def foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()


def truncated(path: Path) -> None:
    real_database(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def leftover_wal(path: Path) -> None:
    Path(f"{path}-wal").write_bytes(b"someone's journal")


CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    ("missing", missing, ["today"]),
    ("fifo", fifo, ["today"]),
    ("folder", folder, ["restore", "newest"]),
    ("foreign", foreign, ["today"]),
    ("damaged", truncated, ["log", "walking", "1"]),
    ("leftover-wal", leftover_wal, ["setup", "--start", "2026-03-02"]),
]


@pytest.mark.parametrize(
    ("make", "argv"), [case[1:] for case in CASES], ids=[case[0] for case in CASES]
)
def test_a_path_with_controls_is_escaped_in_the_one_line_refusal(
    tmp_path, cli, london_tz, no_hang, make, argv
):
    path = tmp_path / HOSTILE
    make(path)
    line = cli(*argv, "--db", path).assert_user_error()  # one line, no ESC
    assert SHOWN in line
    assert "\x07" not in line and "\u202e" not in line


def test_a_folder_with_controls_is_escaped_too(tmp_path, cli):
    line = cli("today", "--db", tmp_path / HOSTILE / "companion.db").assert_user_error()
    assert SHOWN in line
