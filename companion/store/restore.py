"""Putting a backup back, so that nothing is lost either way.

The backup is checked first (ours, a schema this version knows, intact) and
read into memory, so pruning old backups cannot remove it half-way. Then:

- a database that opens is backed up as it stands ("before-restore") and the
  backup's pages are copied into it in one step of SQLite's backup API, under
  its write lock, so an open app sees the change like any other write;
- a database that will not open (damaged, empty, not ours) is moved aside,
  untouched, and the backup is written beside the path and renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from companion.store import backup as backups
from companion.store.files import (
    StoreError,
    fsync_dir,
    fsync_file,
    make_private,
    read_only_uri,
    temporary_beside,
)
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION


@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path | None  # the database as it was: a backup, or the file moved aside
    set_aside: bool  # True when the old file would not open and was moved aside


def restore(db_path: Path, source: Path, now: dt.datetime) -> Restored:
    """Replace the database at `db_path` with the backup `source`; say where the old one went."""
    from companion.store.opening import open_store

    copy = _read_backup(source)
    try:
        if not db_path.exists():
            _write_in_place(copy, db_path, None)
            return Restored(source, None, False)
        try:
            store = open_store(db_path, create=False, check=True)
        except StoreError:
            aside = _write_in_place(copy, db_path, now)
            return Restored(source, aside, True)
        try:
            before = store.backups.take("before-restore", now)
            try:
                copy.backup(store.conn)
            except sqlite3.Error as error:
                raise StoreError(
                    f"could not restore into {db_path} ({error}); it was not changed"
                ) from None
        finally:
            store.close()
        return Restored(source, before, False)
    finally:
        copy.close()


def _read_backup(source: Path) -> sqlite3.Connection:
    """The backup's contents in memory, once it has shown itself to be a good Companion backup."""
    if not source.is_file():
        raise StoreError(f"there is no backup at {source}; `companion restore` lists them")
    try:
        conn = sqlite3.connect(read_only_uri(source), uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"cannot read {source} ({error})") from None
    try:
        problem = _problem_with(conn)
        if problem:
            raise StoreError(f"{source} cannot be restored: {problem}. Nothing was changed.")
        copy = sqlite3.connect(":memory:", isolation_level=None)
        conn.backup(copy)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{source} cannot be restored: it is not a readable SQLite file ({error}). "
            "Nothing was changed."
        ) from None
    finally:
        conn.close()
    # A backup from an older Companion is brought up to date before it goes
    # anywhere, so an app open on the database never meets an old schema.
    if copy.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        from companion.store.schema import migrate

        try:
            migrate(copy)
        except sqlite3.Error as error:
            copy.close()
            raise StoreError(
                f"{source} is from an older Companion and could not be brought up to date "
                f"({error}). Nothing was changed."
            ) from None
    return copy


def _problem_with(conn: sqlite3.Connection) -> str:
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        return "it is not a Companion database"
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        return (
            f"it was written by a newer Companion (schema version {version}; this version "
            f"knows up to {SCHEMA_VERSION}); update Companion first"
        )
    result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        return f"it did not pass SQLite's integrity check ({result})"
    return ""


def _move_aside(db_path: Path, now: dt.datetime) -> Path:
    """Rename the database (and its -wal and -shm) out of the way; nothing is deleted."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}-set-aside-{stamp}{db_path.suffix}")
    number = 1
    while aside.exists():  # a rename would replace it: never lose an earlier one
        number += 1
        aside = db_path.with_name(f"{db_path.stem}-set-aside-{stamp}-{number}{db_path.suffix}")
    try:
        for suffix in ("", "-wal", "-shm"):
            old = Path(f"{db_path}{suffix}")
            with contextlib.suppress(FileNotFoundError):
                old.rename(Path(f"{aside}{suffix}"))
        fsync_dir(db_path.parent)
    except OSError as error:
        raise StoreError(
            f"could not move {db_path} aside ({error.strerror or error}); nothing was restored"
        ) from None
    return aside


def _write_in_place(
    copy: sqlite3.Connection, db_path: Path, aside: dt.datetime | None
) -> Path | None:
    """Write `copy` beside `db_path` and rename it into place; return where the old file went.

    With `aside` (the time), the file at `db_path` is first moved aside, and
    only once the new one is written in full.
    """
    moved = None
    try:
        with temporary_beside(db_path, ".db") as temp:
            copy.execute("VACUUM INTO ?", (str(temp),))
            make_private(temp)
            fsync_file(temp)
            if aside is not None:
                moved = _move_aside(db_path, aside)
            temp.replace(db_path)
            fsync_dir(db_path.parent)
    except (OSError, sqlite3.Error) as error:
        detail = getattr(error, "strerror", None) or error
        where = f"; the old file is at {moved}" if moved else ""
        raise StoreError(
            f"could not write {db_path} ({detail}){where}; nothing was restored"
        ) from None
    return moved


def newest(db_path: Path) -> Path:
    """The newest backup of `db_path`, or a StoreError saying there is none."""
    found = backups.list_backups(db_path)
    if not found:
        raise StoreError(f"there are no backups of {db_path} yet; nothing was changed")
    return found[0]
