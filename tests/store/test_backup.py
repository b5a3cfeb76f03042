"""Backups: checked, private, rotated, and automatic at most once a day."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import StoreError, open_store
from companion.store.backup import KEEP, backup_due, backups_dir, list_backups
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION

NOW = dt.datetime(2026, 3, 4, 9, 15, 30, tzinfo=dt.UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def store(db_path: Path):
    opened = open_store(db_path)
    opened.programme.save_setup(dt.date(2026, 3, 2), "Alex", "Europe/London", DEFAULT_HABITS, NOW)
    opened.programme.mark("webinar-1", True, NOW)
    yield opened
    opened.close()


def test_backup_is_a_checked_copy_named_by_utc_time(store, db_path):
    path = store.backups.take("manual", NOW)
    assert path.parent == backups_dir(db_path) == db_path.parent / "companion-backups"
    assert path.name == "companion-20260304T091530-manual.db"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT start_day, name FROM programme").fetchall() == [
            ("2026-03-02", "Alex")
        ]
        assert conn.execute("SELECT event_id, attended FROM session_mark").fetchall() == [
            ("webinar-1", 1)
        ]
    finally:
        conn.close()
    # Only the finished backup is there: no temporary name left behind.
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_the_check_reads_the_backup_it_wrote_even_in_a_folder_named_like_a_uri(
    tmp_path, monkeypatch
):
    """`?` and `#` in a path must not send the check to another (empty, 'ok') file."""
    from companion.store import backup as backups

    folder = tmp_path / "team #1? notes"
    folder.mkdir()
    store = open_store(folder / "companion.db")
    try:

        def damage(path: Path) -> None:  # what a failing disk might have written
            with path.open("r+b") as handle:
                handle.seek(4096)
                handle.write(b"\xff" * 4096)

        monkeypatch.setattr(backups, "fsync_file", damage)
        with pytest.raises(StoreError, match="backup"):  # malformed: refused, not kept
            store.backups.take("manual", NOW)
        assert list_backups(store.path) == []
    finally:
        store.close()


def test_a_backup_opens_as_a_companion_database(store, tmp_path):
    path = store.backups.take("manual", NOW)
    restored = tmp_path / "restored.db"
    restored.write_bytes(path.read_bytes())
    again = open_store(restored)
    try:
        assert again.programme.setup() == store.programme.setup()
    finally:
        again.close()


def test_backup_is_private_even_under_umask_022(store):
    old = os.umask(0o022)
    try:
        path = store.backups.take("manual", NOW)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


def test_backup_repairs_a_loose_backup_folder(store, db_path):
    folder = backups_dir(db_path)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    store.backups.take("manual", NOW)
    assert folder.stat().st_mode & 0o777 == 0o700


def test_only_the_newest_backups_are_kept(store, db_path):
    made = [store.backups.take("manual", NOW + dt.timedelta(hours=i)) for i in range(KEEP + 3)]
    kept = list_backups(db_path)
    assert len(kept) == KEEP
    assert kept == sorted(made[-KEEP:], reverse=True)  # newest first
    for old in made[:3]:
        assert not old.exists()


def test_backup_if_due_makes_at_most_one_a_day(store, db_path):
    assert backup_due(db_path, NOW)  # none yet
    first = store.backups.take_if_due(NOW)
    assert first is not None and first.exists()
    assert first.name.endswith("-daily.db")
    # The age is read from the file's time: pin it to NOW so the real clock does not matter.
    os.utime(first, (NOW.timestamp(), NOW.timestamp()))
    assert store.backups.take_if_due(NOW + dt.timedelta(hours=1)) is None
    assert store.backups.take_if_due(NOW + dt.timedelta(hours=23, minutes=59)) is None
    assert list_backups(db_path) == [first]
    second = store.backups.take_if_due(NOW + dt.timedelta(hours=24, minutes=1))
    assert second is not None and second != first
    assert list_backups(db_path) == [second, first]


def test_a_backup_that_cannot_be_written_is_one_clear_error(store, db_path):
    # A plain file where the backups folder should be.
    backups_dir(db_path).write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError) as error:
        store.backups.take("manual", NOW)
    assert "\n" not in str(error.value)
    assert str(backups_dir(db_path)) in str(error.value)
    # The database itself is fine and still writable.
    store.programme.mark("coaching-1", False, NOW)
    assert store.programme.setup().attendance == {"webinar-1": True, "coaching-1": False}
