"""SQLite's sidecar files, files that are not files, and our own leftovers.

- a `-wal` left where a new database would go is never replayed into it;
- a refused file (another program's, a newer Companion's) is never opened by
  SQLite: its bytes and its `-wal` and `-shm` are unchanged afterwards, even
  with unflushed writes in the `-wal`;
- restoring from a plain copy leaves nothing beside the copy;
- a named pipe, a folder or a device at `--db` is refused at once, and
  `restore` never moves one aside;
- the hidden temporary database of a `setup` killed half-way goes at the next
  start, and nothing that is not provably ours does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import StoreError, open_store
from companion.store.files import LEFTOVER_AGE_S, clear_leftovers
from companion.store.restore import restore
from companion.store.schema import SCHEMA_VERSION

NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def real_database(path: Path, *, habit_note: str | None = None) -> None:
    """A genuine Companion database with a programme and an entry, closed (checkpointed)."""
    store = open_store(path)
    try:
        store.programme.save_setup(
            dt.date(2026, 3, 2), "Alex", "Europe/London", DEFAULT_HABITS, NOW
        )
        habit = store.selfcare.habits()[0]
        store.selfcare.log(habit, dt.date(2026, 3, 3), 1, habit_note, NOW, "Europe/London")
    finally:
        store.close()


def crash_after(path: Path, sql: str) -> None:
    """Run `sql` in WAL mode in another process that dies before checkpointing.

    The main file is checkpointed first, so the changes live only in `-wal`
    (and `-shm` is left as a crashed writer leaves it).
    """
    script = textwrap.dedent(
        """
        import os, sqlite3, sys
        conn = sqlite3.connect(sys.argv[1], isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.executescript(sys.argv[2])
        os._exit(0)  # no close: no checkpoint, the -wal stays
        """
    )
    subprocess.run([sys.executable, "-c", script, str(path), sql], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


def hashes(path: Path) -> dict[str, str]:
    """sha256 of the database and of each sidecar beside it (whichever exist)."""
    found = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        file = Path(f"{path}{suffix}")
        if file.exists():
            found[file.name] = hashlib.sha256(file.read_bytes()).hexdigest()
    return found


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---------------------------------------------------------------- an orphan -wal


@pytest.mark.parametrize("suffix", ["-wal", "-journal"])
def test_a_leftover_journal_is_never_replayed_into_a_new_database(tmp_path, suffix, cli):
    other = tmp_path / "other.db"
    crash_after(other, "CREATE TABLE secret (x); INSERT INTO secret VALUES ('not yours');")
    path = tmp_path / "companion.db"
    leftover = Path(f"{path}{suffix}")
    Path(f"{other}-wal").rename(leftover)
    before = hashes(path)

    line = cli("setup", "--start", "2026-03-02", "--db", path).assert_user_error()
    assert f"{leftover} is left over from a database that is no longer at {path}" in line
    with pytest.raises(StoreError, match="left over"):
        open_store(path)
    assert not path.exists()
    assert hashes(path) == before  # the leftover itself is untouched: it is not ours


def test_without_the_check_the_leftover_wal_would_mix_in_another_database(tmp_path):
    """Why the refusal matters: SQLite replays a -wal into whatever file it finds beside it."""
    other = tmp_path / "other.db"
    crash_after(other, "CREATE TABLE secret (x); INSERT INTO secret VALUES ('not yours');")
    path = tmp_path / "companion.db"
    path.write_bytes(other.read_bytes())  # the main file without the secret table
    Path(f"{other}-wal").rename(f"{path}-wal")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT x FROM secret").fetchall() == [("not yours",)]
    conn.close()


# ---------------------------------------------------------------- refusing is not touching


def foreign_with_unflushed_wal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    crash_after(path, "INSERT INTO contacts VALUES ('Jo');")


def newer_in_the_wal_only(path: Path) -> None:
    """A newer Companion migrated and crashed: only the -wal knows the new version."""
    real_database(path)
    crash_after(path, "PRAGMA user_version = 99; CREATE TABLE from_the_future (x);")


def newer_in_the_main_file(path: Path) -> None:
    real_database(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    crash_after(path, "CREATE TABLE from_the_future (x);")


REFUSED = [
    ("foreign", foreign_with_unflushed_wal, "made by another program"),
    ("newer-in-wal", newer_in_the_wal_only, "schema version 99"),
    ("newer-in-main-file", newer_in_the_main_file, "schema version 99"),
]


@pytest.mark.parametrize(
    ("make", "words"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_a_refused_file_and_its_sidecars_are_left_exactly_as_they_were(
    tmp_path, cli, london_tz, make, words
):
    path = tmp_path / "companion.db"
    make(path)
    before = hashes(path)
    assert set(before) == {"companion.db", "companion.db-wal", "companion.db-shm"}
    for argv in (
        ["today"],
        ["log", "walking", "1"],
        ["setup", "--start", "2026-03-09"],
        ["doctor"],
        ["restore", "newest"],
    ):
        result = cli(*argv, "--db", path)
        line = result.assert_user_error()
        if argv[0] != "restore":  # restore: there are no backups of it
            assert words in line, argv
        assert hashes(path) == before, argv
    with pytest.raises(StoreError, match=words):
        open_store(path, check=True)
    assert hashes(path) == before
    assert listing(tmp_path) == ["companion.db", "companion.db-shm", "companion.db-wal"]


def test_a_companion_database_with_unflushed_writes_keeps_them(tmp_path, raw_rows, cli):
    """The -wal of our own database is SQLite's to replay: it is read, never set aside."""
    path = tmp_path / "companion.db"
    real_database(path)
    crash_after(path, "INSERT INTO setting (key, value) VALUES ('kept', 'yes');")
    cli("today", "--db", path)
    assert raw_rows(path, "SELECT value FROM setting WHERE key = 'kept'") == [("yes",)]


# ---------------------------------------------------------------- restoring from a copy


def test_restoring_from_a_plain_copy_leaves_nothing_beside_the_copy(tmp_path, raw_rows):
    path = tmp_path / "companion.db"
    real_database(path)
    assert path.read_bytes()[18:20] == b"\x02\x02"  # a WAL-mode file
    copies = tmp_path / "copies"
    copies.mkdir()
    copy = copies / "mine.db"
    copy.write_bytes(path.read_bytes())
    before = hashes(copy)
    target = tmp_path / "restored" / "companion.db"
    target.parent.mkdir()

    restore(target, copy, NOW)
    assert listing(copies) == ["mine.db"]
    assert hashes(copy) == before
    assert raw_rows(target, "SELECT count(*) FROM habit_entry") == [(1,)]
    assert listing(target.parent) == ["companion.db"]


def test_restoring_from_a_copy_with_its_wal_takes_the_wal_in_and_leaves_it(tmp_path, raw_rows):
    path = tmp_path / "live.db"
    real_database(path)
    crash_after(path, "INSERT INTO setting (key, value) VALUES ('only-in-wal', 'yes');")
    before = hashes(path)
    target = tmp_path / "companion.db"

    restore(target, path, NOW)
    assert hashes(path) == before
    assert raw_rows(target, "SELECT value FROM setting WHERE key = 'only-in-wal'") == [("yes",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "companion.db",
        "live.db",
        "live.db-shm",
        "live.db-wal",
    ]


def test_restore_refuses_to_put_a_backup_where_a_leftover_wal_would_replay(tmp_path):
    source = tmp_path / "backup.db"
    real_database(source)
    target = tmp_path / "companion.db"
    Path(f"{target}-wal").write_bytes(b"someone else's journal")
    with pytest.raises(StoreError, match="left over"):
        restore(target, source, NOW)
    assert not target.exists()


# ---------------------------------------------------------------- not a regular file


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "my-notes.txt").write_text("mine", encoding="utf-8")


def make_device(path: Path) -> None:
    if not AS_ROOT:
        pytest.skip("making a device file needs root (CI runs as root)")
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null


SPECIAL = [
    ("fifo", make_fifo, "is a named pipe"),
    ("folder", make_folder, "is a folder"),
    ("device", make_device, "is a device"),
]


@pytest.mark.parametrize(
    ("make", "words"), [case[1:] for case in SPECIAL], ids=[case[0] for case in SPECIAL]
)
def test_db_that_is_not_a_regular_file_is_refused_at_once_and_never_moved(
    tmp_path, cli, london_tz, no_hang, make, words
):
    backup = tmp_path / "backup.db"
    real_database(backup)
    path = tmp_path / "companion.db"
    make(path)
    kind = stat.S_IFMT(path.stat().st_mode)
    for argv in (
        ["today"],
        ["log", "walking", "1"],
        ["setup", "--start", "2026-03-02"],
        ["doctor"],
        ["backup"],
        ["restore", backup],
    ):
        line = cli(*argv, "--db", path).assert_user_error()
        assert f"{path} {words}" in line, argv
        assert stat.S_IFMT(path.stat().st_mode) == kind, argv
    assert listing(tmp_path) == ["backup.db", "companion.db"]
    if kind == stat.S_IFDIR:
        assert listing(path) == ["my-notes.txt"]


@pytest.mark.parametrize(
    ("make", "words"), [case[1:] for case in SPECIAL], ids=[case[0] for case in SPECIAL]
)
def test_restore_refuses_a_backup_that_is_not_a_regular_file(tmp_path, cli, no_hang, make, words):
    path = tmp_path / "companion.db"
    real_database(path)
    before = hashes(path)
    source = tmp_path / "backup.db"
    make(source)
    line = cli("restore", source, "--db", path).assert_user_error()
    assert f"{source} {words}, not a backup" in line
    assert hashes(path) == before


# ---------------------------------------------------------------- our own leftovers


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def killed_setup_leftovers(folder: Path) -> list[Path]:
    """What a `setup` killed during its migration leaves: a hidden database and its sidecars."""
    temp = folder / ".companion.db.k3j9x_2a.db"
    real_database(temp)
    sidecars = [Path(f"{temp}-wal"), Path(f"{temp}-shm")]
    for sidecar in sidecars:
        sidecar.write_bytes(b"partial")
    return [temp, *sidecars]


def test_a_killed_setup_leaves_nothing_after_the_next_start(tmp_path, cli, london_tz):
    left = killed_setup_leftovers(tmp_path)
    for path in left:
        age(path, LEFTOVER_AGE_S + 60)
    cli("setup", "--start", "2026-03-02", "--db", tmp_path / "companion.db")
    assert listing(tmp_path) == ["companion.db"]


def test_a_setup_really_killed_half_way_leaves_a_temporary_that_the_next_start_removes(
    tmp_path, london_tz
):
    """A real `companion setup` process stopped inside its migration, then started again."""
    path = tmp_path / "companion.db"
    script = textwrap.dedent(
        """
        import os, sys
        import companion.store.schema as schema
        real = schema.migrate
        def migrate_then_die(conn):
            real(conn)
            os._exit(9)  # as a kill would, after the temporary database was written
        schema.migrate = migrate_then_die
        from companion.cli import main
        main(["setup", "--start", "2026-03-02", "--db", sys.argv[1]])
        """
    )
    done = subprocess.run([sys.executable, "-c", script, str(path)], check=False)
    assert done.returncode == 9
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".companion.db.")]
    assert left, "the kill left no temporary database: the test proves nothing"
    assert not path.exists()
    for leftover in left:
        age(leftover, LEFTOVER_AGE_S + 1)
    store = open_store(path)
    store.close()
    assert listing(tmp_path) == ["companion.db"]


def test_only_what_is_provably_ours_and_old_is_removed(tmp_path):
    old = killed_setup_leftovers(tmp_path)
    fresh = tmp_path / ".companion.db.fresh123.db"  # another process may be writing it now
    fresh.write_bytes(b"x")
    theirs = [
        tmp_path / "companion.db-wal",  # SQLite's hot journal of the real database
        tmp_path / "companion.db-journal",
        tmp_path / ".companion.db.notes",  # not tempfile's eight characters
        tmp_path / ".companion.db.k3j9x_2a.txt",  # not one of our suffixes
        tmp_path / ".other.db.k3j9x_2a.db",  # beside another database
        tmp_path / "companion.db.k3j9x_2a.db",  # not hidden: not a name we make
    ]
    for path in theirs:
        path.write_bytes(b"not ours")
    a_folder = tmp_path / ".companion.db.abcdefgh.db"
    a_folder.mkdir()
    for path in [*old, *theirs, a_folder]:
        age(path, LEFTOVER_AGE_S * 10)

    clear_leftovers(tmp_path, "companion\\.db")
    assert not any(path.exists() for path in old)
    assert fresh.exists()
    assert all(path.exists() for path in theirs)
    assert a_folder.is_dir()


def test_a_temporary_still_locked_by_a_process_is_kept(tmp_path):
    """Old but in use (a process holds a lock on it, as SQLite does): left alone."""
    temp = tmp_path / ".companion.db.abcd1234.db"
    temp.write_bytes(b"x")
    age(temp, LEFTOVER_AGE_S * 2)
    script = textwrap.dedent(
        """
        import fcntl, os, sys, time
        fd = os.open(sys.argv[1], os.O_RDWR)
        fcntl.lockf(fd, fcntl.LOCK_SH)
        print("locked", flush=True)
        time.sleep(30)
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(temp)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "locked\n"
        clear_leftovers(tmp_path, "companion\\.db")
        assert temp.exists()
    finally:
        holder.kill()
        holder.wait()
    clear_leftovers(tmp_path, "companion\\.db")
    assert not temp.exists()


def test_a_backup_cut_short_is_cleared_by_the_next_backup(tmp_path):
    path = tmp_path / "companion.db"
    real_database(path)
    store = open_store(path)
    try:
        first = store.backups.take("manual", NOW)
        leftover = first.parent / f".{first.name}.zz9_abcd.tmp"
        leftover.write_bytes(b"half a backup")
        age(leftover, LEFTOVER_AGE_S + 1)
        store.backups.take("manual", NOW + dt.timedelta(hours=1))
    finally:
        store.close()
    assert not leftover.exists()
    assert all(not p.name.startswith(".") for p in first.parent.iterdir())


def test_schema_version_is_what_the_header_check_compares(tmp_path):
    """The header is read by hand; it must agree with SQLite's PRAGMA on a real file."""
    from companion.store.opening import _inspect_header
    from companion.store.schema import APPLICATION_ID

    path = tmp_path / "companion.db"
    real_database(path)
    assert _inspect_header(path) == (APPLICATION_ID, SCHEMA_VERSION)
    crash_after(path, "PRAGMA user_version = 77; PRAGMA application_id = 12345;")
    assert _inspect_header(path) == (12345, 77)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 12345
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 77
    conn.close()
