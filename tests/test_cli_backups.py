"""`companion backup` and `companion restore`, run in-process.

Restoring must lose nothing either way: what was there before is kept (as a
backup when it opens, moved aside untouched when it does not), and a backup
that is not good is refused before anything is changed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import companion.store.opening as opening
import companion.store.schema as schema
from companion.domain.selfcare.habits import DEFAULT_HABITS
from companion.store import open_store
from companion.store.schema import SCHEMA_VERSION

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
NOON = dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)


@pytest.fixture
def db(tmp_path: Path, cli, london_tz, time_machine) -> Path:
    path = tmp_path / "companion.db"
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--db", path).code == 0
    time_machine.move_to(NOON, tick=False)
    return path


def walked(cli, db: Path) -> float:
    result = cli("log", "--json", "--db", db)
    assert result.code == 0, result.err
    return next(h["total"] for h in json.loads(result.out)["habits"] if h["key"] == "walking")


def backup_of(cli, db: Path) -> Path:
    result = cli("backup", "--db", db)
    assert result.code == 0, result.err
    path = Path(result.out.strip().removeprefix("Backed up to "))
    assert path.is_file() and path.parent == db.parent / "companion-backups"
    return path


def test_backup_is_private_and_restore_puts_it_back_keeping_what_was_there(cli, db, time_machine):
    assert cli("log", "walk", "20", "--db", db).code == 0
    saved = backup_of(cli, db)
    assert saved.stat().st_mode & 0o777 == 0o600
    time_machine.move_to(NOON + dt.timedelta(minutes=5), tick=False)
    assert cli("log", "walk", "30", "--db", db).code == 0
    assert walked(cli, db) == 50

    listed = cli("restore", "--db", db)
    assert listed.code == 0 and str(saved) in listed.out
    assert walked(cli, db) == 50  # listing changes nothing

    result = cli("restore", "newest", "--db", db)
    assert result.code == 0, result.err
    assert f"from {saved}" in result.out
    assert walked(cli, db) == 20
    kept = Path(result.out.splitlines()[-1].split(": ", 1)[1])
    assert "before-restore" in kept.name
    # The walk logged after the backup is in the kept copy: undo by restoring it.
    assert cli("restore", kept, "--db", db).code == 0
    assert walked(cli, db) == 50
    assert db.stat().st_mode & 0o777 == 0o600


def test_an_open_store_sees_the_restore_like_any_other_write(cli, db, time_machine):
    saved = backup_of(cli, db)
    assert cli("log", "walk", "30", "--db", db).code == 0
    store = open_store(db, create=False)  # as the open app holds it
    try:
        before = store.data_version()
        assert cli("restore", saved, "--db", db).code == 0
        assert store.data_version() != before
        assert store.conn.execute("SELECT count(*) FROM habit_entry").fetchone()[0] == 0
    finally:
        store.close()


def test_a_damaged_database_is_moved_aside_untouched_and_the_backup_put_in_place(cli, db, digest):
    assert cli("log", "walk", "20", "--db", db).code == 0
    backup_of(cli, db)
    db.write_bytes(db.read_bytes()[:5000])  # cut short
    damaged = digest(db)
    assert "companion restore newest" in cli("log", "--db", db).assert_user_error()

    result = cli("restore", "newest", "--db", db)
    assert result.code == 0, result.err
    aside = next(db.parent.glob("companion-set-aside-*.db"))
    assert str(aside) in result.out
    assert digest(aside) == damaged
    assert walked(cli, db) == 20
    assert db.stat().st_mode & 0o777 == 0o600


def test_two_damaged_files_set_aside_in_the_same_second_are_both_kept(cli, db, digest):
    backup_of(cli, db)
    kept = []
    for filler in (b"first", b"second"):
        db.write_bytes(filler * 100)
        kept.append(digest(db))
        assert cli("restore", "newest", "--db", db).code == 0
    aside = sorted(db.parent.glob("companion-set-aside-*.db"))
    assert sorted(digest(p) for p in aside) == sorted(kept)


def test_a_backup_in_a_folder_with_uri_characters(cli, db, tmp_path):
    odd = tmp_path / "my #1 backups?"
    odd.mkdir()
    saved = backup_of(cli, db)
    copied = odd / saved.name
    copied.write_bytes(saved.read_bytes())
    assert cli("restore", copied, "--db", db).code == 0


def test_restoring_where_there_is_no_database_yet(cli, db, tmp_path):
    saved = backup_of(cli, db)
    elsewhere = tmp_path / "new.db"
    result = cli("restore", saved, "--db", elsewhere)
    assert result.code == 0, result.err
    assert "kept" not in result.out
    assert walked(cli, elsewhere) == 0
    assert elsewhere.stat().st_mode & 0o777 == 0o600


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _newer(path: Path, source: Path) -> None:
    path.write_bytes(source.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, _: p.write_text("not a database\n" * 100), "not a readable SQLite file"),
        (lambda p, _: _foreign(p), "not a Companion database"),
        (_newer, "written by a newer Companion"),
        (lambda p, s: p.write_bytes(s.read_bytes()[:4096]), "cannot be restored"),
    ],
    ids=["text", "foreign", "newer", "cut-short"],
)
def test_a_backup_that_is_not_good_is_refused_and_nothing_changes(
    cli, db, tmp_path, digest, make, words
):
    saved = backup_of(cli, db)
    bad = tmp_path / "bad.db"
    make(bad, saved)
    before, backups = digest(db), sorted(saved.parent.iterdir())
    line = cli("restore", bad, "--db", db).assert_user_error()
    assert words in line and "Nothing was changed" in line
    assert digest(db) == before
    assert sorted(saved.parent.iterdir()) == backups  # not even a before-restore copy


def test_restore_mistakes_are_one_line(cli, db, tmp_path):
    assert "no backup at" in cli("restore", tmp_path / "nope.db", "--db", db).assert_user_error()
    assert "no backups of" in cli("restore", "newest", "--db", db).assert_user_error()
    assert "There are no backups" in cli("restore", "--db", db).out
    assert "leave out --demo" in cli("--demo", "restore", "newest").assert_user_error()
    assert "leave out --demo" in cli("--demo", "backup").assert_user_error()


def test_a_backup_from_an_older_companion_arrives_up_to_date(cli, db, tmp_path, monkeypatch):
    """An app open on the database must never meet the old schema, not even for a moment."""
    monkeypatch.setattr(schema, "STEPS", schema.STEPS[:1])  # the foundation only
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    monkeypatch.setattr(opening, "SCHEMA_VERSION", 1)
    old = open_store(tmp_path / "old.db")
    old.programme.save_setup(dt.date(2026, 3, 2), "Sam", "Europe/London", DEFAULT_HABITS, NOON)
    saved = old.backups.take("daily", NOON)
    old.close()
    monkeypatch.undo()

    store = open_store(db, create=False)  # as the open app holds it
    try:
        assert cli("restore", saved, "--db", db).code == 0
        assert store.schema_version() == SCHEMA_VERSION
        assert [h.key for h in store.selfcare.habits()] == ["meditation", "walking", "hydration"]
    finally:
        store.close()
    assert walked(cli, db) == 0
