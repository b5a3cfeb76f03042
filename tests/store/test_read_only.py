"""A healthy database this user cannot write: read-only commands work, writes say why.

SQLite in WAL mode writes beside the database (its `-shm`), so a healthy
file in a folder the user cannot write used to be called "damaged". These
tests need a user whose permission bits are enforced: root ignores them, so
they are marked `nonroot` (skipped as root; .ci/run runs them as an
unprivileged user and fails if they do not all run and pass).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion import demo
from companion.store import StoreError, open_store

pytestmark = pytest.mark.nonroot

NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "companion.db"
    demo.build(path, NOW)
    return path


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@pytest.fixture
def read_only_folder(demo_database, tmp_path) -> Iterator[Path]:
    """The demo database, closed and healthy, in a folder this user can read but not write."""
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "companion.db"
    shutil.copyfile(demo_database, path)
    path.chmod(0o600)
    folder.chmod(0o500)
    try:
        yield path
    finally:
        folder.chmod(0o700)


READS = [
    ["today"],
    ["schedule"],
    ["log"],
    ["habits"],
    ["worksheets"],
    ["worksheets", "show", "mindfulness"],  # (showing the letter opens it: a write)
    ["plan"],
    ["search", "kind"],
    ["scales", "results"],
    ["doctor"],
    ["locate"],
]


@pytest.mark.parametrize("argv", READS, ids=[" ".join(argv) for argv in READS])
def test_read_only_commands_work_in_a_folder_this_user_cannot_write(
    read_only_folder, cli, london_tz, argv
):
    before = hashes(read_only_folder.parent)
    result = cli(*argv, "--db", read_only_folder)
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out
    assert hashes(read_only_folder.parent) == before  # nothing written, nothing made beside it


def test_doctor_says_the_database_is_read_only_here_and_why(read_only_folder, cli):
    result = cli("doctor", "--db", read_only_folder)
    assert result.code == 0, result.err
    assert (
        f"database      {read_only_folder} (mode 600; read-only here: you cannot write to "
        f"its folder {read_only_folder.parent})" in result.out.splitlines()
    )
    assert "integrity     ok" in result.out.splitlines()


WRITES = [
    ["log", "walking", "1"],
    ["schedule", "mark", "webinar-2", "attended"],
    ["setup", "--start", "2026-03-09", "--yes"],
    ["plan", "add", "Phone a friend"],
    ["backup"],
]


@pytest.mark.parametrize("argv", WRITES, ids=[" ".join(argv) for argv in WRITES])
def test_a_write_says_the_folder_is_read_only_not_that_the_file_is_damaged(
    read_only_folder, cli, london_tz, argv
):
    before = hashes(read_only_folder.parent)
    line = cli(*argv, "--db", read_only_folder).assert_user_error()
    assert "damaged" not in line
    assert str(read_only_folder.parent) in line
    assert "write" in line
    assert hashes(read_only_folder.parent) == before


def test_the_store_opens_for_reading_and_refuses_writes_with_the_reason(read_only_folder):
    store = open_store(read_only_folder, create=False, check=True)
    try:
        assert store.read_only.startswith("you cannot write to its folder")
        assert store.programme.setup() is not None
        with pytest.raises(StoreError, match=r"nothing was saved: .* can only be read here"):
            store.programme.mark("webinar-2", True, NOW)
    finally:
        store.close()


def test_a_read_only_file_in_a_writable_folder_reads_and_refuses_writes(
    demo_database, tmp_path, cli, london_tz
):
    path = tmp_path / "companion.db"
    shutil.copyfile(demo_database, path)
    path.chmod(0o400)
    before = hashes(tmp_path)
    assert cli("today", "--db", path).code == 0
    line = cli("log", "walking", "1", "--db", path).assert_user_error()
    assert "is read-only (the file is read-only for you)" in line
    assert hashes(tmp_path) == before


def crash_after(path: Path, sql: str) -> None:
    script = textwrap.dedent(
        """
        import os, sqlite3, sys
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.executescript(sys.argv[2])
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script, str(path), sql], check=True)


def test_unflushed_writes_are_read_when_their_shm_is_there(demo_database, tmp_path, cli):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "companion.db"
    shutil.copyfile(demo_database, path)
    crash_after(path, "UPDATE habit SET name = 'Walking with Robin' WHERE key = 'walking';")
    folder.chmod(0o500)
    try:
        before = hashes(folder)
        result = cli("habits", "--db", path)
        assert result.code == 0, result.err
        assert "Walking with Robin" in result.out
        after = hashes(folder)
        # SQLite keeps its index of the -wal in the -shm as it reads (it is ours to read):
        # the database and the -wal themselves are unchanged, and nothing new appeared.
        assert after.keys() == before.keys()
        for name in ("companion.db", "companion.db-wal"):
            assert after[name] == before[name]
    finally:
        folder.chmod(0o700)


def test_a_wal_without_its_shm_in_a_read_only_folder_is_not_called_damaged(
    demo_database, tmp_path, cli
):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "companion.db"
    shutil.copyfile(demo_database, path)
    crash_after(path, "UPDATE programme SET name = 'Robin';")
    Path(f"{path}-shm").unlink()
    folder.chmod(0o500)
    try:
        before = hashes(folder)
        line = cli("today", "--db", path).assert_user_error()
        assert "cannot be read here (you cannot write to its folder" in line
        assert "it is not damaged" in line
        assert hashes(folder) == before
    finally:
        folder.chmod(0o700)


def test_an_older_schema_in_a_read_only_folder_asks_to_be_opened_where_it_can_be_written(
    demo_database, tmp_path, cli
):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "companion.db"
    shutil.copyfile(demo_database, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    folder.chmod(0o500)
    try:
        line = cli("today", "--db", path).assert_user_error()
        assert "needs updating for this version of Companion" in line
        assert "you cannot write to its folder" in line
    finally:
        folder.chmod(0o700)


def test_running_as_an_unprivileged_user():
    """The guard: these tests prove nothing as root (it ignores permission bits)."""
    assert os.geteuid() != 0
