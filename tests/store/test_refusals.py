"""Files Companion must refuse and never write: empty, foreign, truncated, smashed, newer.

For each: open_store raises StoreError with one line naming the problem, the
file's bytes are unchanged, and nothing is created beside it. The CLI turns
each into exit code 2 and one line on stderr.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import StoreError, open_store
from companion.store.schema import SCHEMA_VERSION

NOW = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)


def real_database(path: Path) -> None:
    """A genuine Companion database with a programme in it, closed (WAL checkpointed)."""
    store = open_store(path)
    try:
        store.programme.save_setup(
            dt.date(2026, 3, 2), "Alex", "Europe/London", DEFAULT_HABITS, NOW
        )
        store.programme.mark("webinar-1", True, NOW)
    finally:
        store.close()


def zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def csv_file(path: Path) -> None:
    path.write_text("day,habit,minutes\n2026-03-02,walking,25\n", encoding="utf-8")


def truncated(path: Path) -> None:
    real_database(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def cut_to_50_bytes(path: Path) -> None:
    real_database(path)
    path.write_bytes(path.read_bytes()[:50])


def header_smashed(path: Path) -> None:
    real_database(path)
    data = bytearray(path.read_bytes())
    data[:100] = b"\xa5" * 100
    path.write_bytes(bytes(data))


def page_size_smashed(path: Path) -> None:
    """The magic string survives but the header's page size is impossible."""
    real_database(path)
    data = bytearray(path.read_bytes())
    data[16:18] = (3).to_bytes(2, "big")
    path.write_bytes(bytes(data))


def other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Jo', '01234 567890')")
    conn.commit()
    conn.close()


def other_program_wal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.commit()
    conn.close()


def newer_schema(path: Path) -> None:
    real_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()


CASES: list[tuple[str, Callable[[Path], None], tuple[str, ...]]] = [
    ("zero-bytes", zero_bytes, ("is empty (0 bytes)",)),
    ("csv", csv_file, ("not a Companion database", "not an SQLite file")),
    ("truncated-half", truncated, ("looks damaged", "cut short")),
    ("truncated-50-bytes", cut_to_50_bytes, ("looks damaged", "cut short")),
    ("header-smashed", header_smashed, ("not a Companion database",)),
    ("page-size-smashed", page_size_smashed, ("looks damaged",)),
    ("other-program", other_program, ("made by another program",)),
    ("other-program-wal", other_program_wal, ("made by another program",)),
    (
        "newer-schema",
        newer_schema,
        ("newer Companion", "schema version 99", f"knows up to {SCHEMA_VERSION}"),
    ),
]


@pytest.fixture(params=CASES, ids=[case[0] for case in CASES])
def refused(request, tmp_path) -> tuple[Path, tuple[str, ...]]:
    _, make, words = request.param
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "companion.db"
    make(path)
    return path, words


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("create", [True, False], ids=["create", "no-create"])
@pytest.mark.parametrize("check", [False, True], ids=["quick", "checked"])
def test_open_store_refuses_and_leaves_the_file_alone(refused, digest, create, check):
    path, words = refused
    before = digest(path)
    mode = path.stat().st_mode
    with pytest.raises(StoreError) as error:
        open_store(path, create=create, check=check)
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message
    for word in words:
        assert word in message
    assert digest(path) == before
    assert path.stat().st_mode == mode
    # No -wal, -shm, -journal, backup folder or temporary file appeared.
    assert listing(path.parent) == ["companion.db"]


def test_the_cli_refuses_each_with_one_line_and_exit_2(refused, cli, digest, london_tz):
    path, words = refused
    before = digest(path)
    for argv in (
        ["today", "--db", path],
        ["schedule", "--json", "--db", path],
        ["schedule", "mark", "webinar-2", "attended", "--db", path],
        ["setup", "--start", "2026-03-09", "--db", path],
    ):
        result = cli(*argv)
        line = result.assert_user_error()
        assert words[0] in line
        assert result.out == ""
        assert digest(path) == before
        assert listing(path.parent) == ["companion.db"]


def test_a_damaged_file_points_to_the_newest_backup(tmp_path, digest):
    path = tmp_path / "companion.db"
    real_database(path)
    store = open_store(path)
    older = store.backups.take("manual", NOW)
    newest = store.backups.take("manual", NOW + dt.timedelta(days=1))
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(StoreError) as error:
        open_store(path)
    message = str(error.value)
    assert f"The newest backup is {newest}." in message
    assert str(older) not in message
    assert digest(path) == before


def test_a_damaged_page_is_caught_by_the_startup_check(tmp_path, digest):
    """quick_check (the TUI opens with check=True) finds a smashed b-tree page."""
    path = tmp_path / "companion.db"
    real_database(path)
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'habit'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size] = 0xFF  # an impossible b-tree page type
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreError, match="looks damaged") as error:
        open_store(path, check=True)
    assert "\n" not in str(error.value)
    assert digest(path) == before
    assert listing(tmp_path) == ["companion.db"]


def test_cli_missing_directory_for_db_is_one_line_and_creates_nothing(cli, tmp_path, london_tz):
    target = tmp_path / "no" / "such" / "folder" / "companion.db"
    for argv in (
        ["setup", "--start", "2026-03-02", "--db", target],
        ["today", "--db", target],
    ):
        result = cli(*argv)
        result.assert_user_error()
        assert not (tmp_path / "no").exists()


def test_cli_setup_in_a_missing_directory_names_it(cli, tmp_path, london_tz):
    target = tmp_path / "missing" / "companion.db"
    line = cli("setup", "--start", "2026-03-02", "--db", target).assert_user_error()
    assert str(target.parent) in line
    assert "does not exist" in line


def test_cli_db_pointing_at_a_folder_is_refused(cli, tmp_path, london_tz):
    folder = tmp_path / "afolder"
    folder.mkdir()
    cli("today", "--db", folder).assert_user_error()
    cli("setup", "--start", "2026-03-02", "--db", folder).assert_user_error()
    assert list(folder.iterdir()) == []


@pytest.mark.nonroot  # root ignores permission bits; .ci/run runs these as another user
def test_cli_read_only_folder_is_one_line_and_creates_nothing(cli, tmp_path, london_tz):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = cli("setup", "--start", "2026-03-02", "--db", folder / "companion.db")
        result.assert_user_error()
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.nonroot
def test_cli_read_only_database_is_one_line_and_unchanged(cli, tmp_path, digest, london_tz):
    path = tmp_path / "companion.db"
    real_database(path)
    path.chmod(0o400)
    before = digest(path)
    try:
        result = cli("schedule", "mark", "webinar-2", "attended", "--db", path)
        line = result.assert_user_error()
        assert "read-only" in line or "permission" in line
        assert digest(path) == before
    finally:
        path.chmod(0o600)
