"""`companion forget-everything`: the right to erase, and nothing but Companion's own files.

It asks for the word `forget` (or `--yes`), refuses in one line without a
terminal to ask in, removes the database with its sidecars, backups,
exports and (for the default database) crash reports, says what went, and
leaves everything it did not write: the folder of a `--db` database, a
stranger's file in the backups folder, a database that is not Companion's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
NOON = dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)


@pytest.fixture
def db(tmp_path: Path, cli, london_tz, time_machine) -> Path:
    """A --db database in a folder that holds someone's other files too."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    (folder / "tax return.pdf").write_text("not Companion's", encoding="utf-8")
    path = folder / "companion.db"
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--db", path).code == 0
    time_machine.move_to(NOON, tick=False)
    assert cli("log", "walk", "20", "--db", path).code == 0
    assert cli("backup", "--db", path).code == 0
    exports = folder / "companion-exports"
    exports.mkdir()
    (exports / "report.md").write_text("# my progress\n", encoding="utf-8")
    return path


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A terminal on stdin; returns the list the typed answers are taken from."""
    answers: list[str] = []

    class Keyboard:
        def isatty(self) -> bool:
            return True

        def readline(self) -> str:
            return answers.pop(0) + "\n" if answers else ""  # nothing typed: end of input

    monkeypatch.setattr("sys.stdin", Keyboard())
    return answers


def files_under(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_typing_forget_removes_the_database_backups_and_exports_and_says_so(
    cli, db, terminal
) -> None:
    terminal.append("forget")
    result = cli("forget-everything", "--db", db)
    assert result.code == 0, result.err
    assert "This removes, for good:" in result.out
    assert f"your database {db}" in result.out
    assert f"{db.parent / 'companion-backups'}, with 1 backup" in result.out
    assert f"{db.parent / 'companion-exports'}, with 1 export" in result.out
    # The folder the database was in is the person's: it and their file stay.
    assert files_under(db.parent) == {"tax return.pdf"}


def test_any_other_answer_removes_nothing(cli, db, terminal, digest) -> None:
    before = files_under(db.parent), digest(db)
    terminal.append("yes")
    result = cli("forget-everything", "--db", db)
    assert result.code == 0
    assert "Nothing was removed" in result.out
    assert (files_under(db.parent), digest(db)) == before


def test_without_a_terminal_and_without_yes_it_refuses_in_one_line(cli, db, digest) -> None:
    before = files_under(db.parent), digest(db)
    line = cli("forget-everything", "--db", db).assert_user_error()
    assert "add --yes" in line
    assert (files_under(db.parent), digest(db)) == before


def test_yes_removes_without_asking_and_a_second_run_finds_nothing(cli, db) -> None:
    result = cli("forget-everything", "--yes", "--db", db)
    assert result.code == 0, result.err
    assert not db.exists() and not Path(f"{db}-wal").exists()
    again = cli("forget-everything", "--yes", "--db", db)
    assert again.code == 0
    assert again.out.startswith("There is nothing to forget")


def test_a_strangers_file_in_the_backups_folder_keeps_it_and_the_folder(cli, db) -> None:
    stranger = db.parent / "companion-backups" / "holiday.jpg"
    stranger.write_bytes(b"\xff\xd8")
    result = cli("forget-everything", "--yes", "--db", db)
    assert result.code == 0, result.err
    assert files_under(db.parent) == {
        "tax return.pdf",
        "companion-backups",
        "companion-backups/holiday.jpg",
    }
    assert "Left in place" in result.out
    assert "1 backup from" in result.out


def test_a_file_that_is_not_companions_is_never_removed(cli, tmp_path, digest) -> None:
    other = tmp_path / "notes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(other)
    line = cli("forget-everything", "--yes", "--db", other).assert_user_error()
    assert "not a Companion database" in line
    assert digest(other) == before


def test_a_database_open_elsewhere_is_refused(cli, db, digest) -> None:
    from companion.store import open_store

    store = open_store(db)
    try:
        line = cli("forget-everything", "--yes", "--db", db).assert_user_error()
    finally:
        store.close()
    assert "is open in Companion" in line
    assert db.exists()


def test_the_default_database_takes_its_crash_reports_and_folder_with_it(
    cli, london_tz, time_machine, data_home, state_home
) -> None:
    from companion import crash

    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02").code == 0
    report = crash.write_report(RuntimeError("boom"))
    assert report is not None and report.is_file()
    result = cli("forget-everything", "--yes")
    assert result.code == 0, result.err
    assert "1 crash report" in result.out
    assert not (data_home / "companion").exists()
    assert not report.parent.exists()


def test_a_db_elsewhere_leaves_the_crash_reports(cli, db) -> None:
    from companion import crash

    report = crash.write_report(RuntimeError("boom"))
    assert report is not None
    assert cli("forget-everything", "--yes", "--db", db).code == 0
    assert report.is_file()


def test_the_folder_of_a_db_elsewhere_stays_even_when_emptied(cli, tmp_path, time_machine) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--db", folder / "mine.db").code == 0
    assert cli("forget-everything", "--yes", "--db", folder / "mine.db").code == 0
    assert folder.is_dir() and files_under(folder) == set()


def test_the_store_itself_refuses_a_file_that_is_not_companions(tmp_path, digest) -> None:
    from companion.store import StoreError
    from companion.store.forget import Plan, forget

    other = tmp_path / "notes.db"
    other.write_bytes(b"SQLite format 3\x00" + bytes(200))
    before = digest(other)
    with pytest.raises(StoreError, match="not a Companion database"):
        forget(Plan(other, None))
    assert digest(other) == before
