"""Putting a backup back, so that nothing is lost either way.

The backup is copied first (with its `-wal`, if it is a plain copy of a
database that was open) to a private temporary file beside the database, so
SQLite never opens the source itself and leaves nothing beside it; the copy
is checked (ours, a schema this version knows, intact) and read into memory,
so pruning old backups cannot remove it half-way. Then:

- a database that opens is backed up as it stands ("before-restore") and the
  backup's pages are copied into it in one step of SQLite's backup API, under
  its write lock, so an open app sees the change like any other write;
- a database that will not open (damaged, empty, not ours) is moved aside,
  untouched, and the backup is written beside the path and renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from companion.files import kind_of, not_a_file
from companion.store import backup as backups
from companion.store.database import check_result, quoted
from companion.store.files import (
    StoreError,
    fsync_dir,
    fsync_file,
    make_private,
    shown,
    temporary_beside,
)
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION


@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path | None  # the database as it was: a backup, or the file moved aside
    set_aside: bool  # True when the old file would not open and was moved aside


def restore(db_path: Path, source: Path, now: dt.datetime) -> Restored:
    """Replace the database at `db_path` with the backup `source`; say where the old one went.

    Something at `db_path` that is not a regular file (a folder, a device) is
    refused before anything is read or moved.
    """
    from companion.store.opening import open_store, refuse_orphan_journals

    if not db_path.parent.is_dir():
        raise StoreError(f"the folder {shown(db_path.parent)} does not exist; nothing was changed")
    kind = not_a_file(db_path)
    if kind:
        raise StoreError(
            f"{shown(db_path)} is {kind}, not a Companion database; nothing was changed. "
            "Choose the database with --db PATH."
        )
    copy = _read_backup(source, db_path)
    try:
        if not db_path.exists():
            refuse_orphan_journals(db_path)
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
                    f"could not restore into {shown(db_path)} ({quoted(str(error))}); "
                    "it was not changed"
                ) from None
        finally:
            store.close()
        return Restored(source, before, False)
    finally:
        copy.close()


def _read_backup(source: Path, beside: Path) -> sqlite3.Connection:
    """The backup's contents in memory, once it has shown itself to be a good Companion backup.

    SQLite opens a copy made beside `beside`, never `source`: opening a plain
    copy of a database that was in WAL mode would leave a `-wal` and `-shm`
    beside it, and a `-wal` already there is taken in (on the copy) as SQLite
    would take it in.
    """
    where = shown(source)
    kind = not_a_file(source)
    if kind:
        raise StoreError(f"{where} is {kind}, not a backup; `companion restore` lists them")
    if not source.is_file():
        raise StoreError(f"there is no backup at {where}; `companion restore` lists them")
    try:
        with temporary_beside(beside, ".db") as temp:
            _copy_regular(source, temp)
            for suffix in ("-wal", "-journal"):  # what SQLite would recover from
                _copy_regular(Path(f"{source}{suffix}"), Path(f"{temp}{suffix}"), optional=True)
            return _checked_into_memory(temp, where)
    except OSError as error:
        raise StoreError(
            f"cannot read {where} ({error.strerror or error}); nothing was changed"
        ) from None


def _copy_regular(source: Path, target: Path, *, optional: bool = False) -> None:
    """Copy the regular file `source` to a new private `target` (nothing for a missing one)."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        if optional:
            return
        raise
    with os.fdopen(fd, "rb") as reading:
        if kind_of(os.fstat(fd).st_mode):
            if optional:
                return
            raise OSError(f"{shown(source)} is not a regular file")
        with target.open("xb") as writing:
            target.chmod(0o600)
            shutil.copyfileobj(reading, writing)


def _checked_into_memory(temp: Path, where: str) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(temp, isolation_level=None)
    except sqlite3.Error as error:
        raise StoreError(f"cannot read {where} ({quoted(str(error))})") from None
    try:
        problem = _problem_with(conn)
        if problem:
            raise StoreError(f"{where} cannot be restored: {problem}. Nothing was changed.")
        copy = sqlite3.connect(":memory:", isolation_level=None)
        conn.backup(copy)
    except sqlite3.DatabaseError as error:
        raise StoreError(
            f"{where} cannot be restored: it is not a readable SQLite file "
            f"({quoted(str(error))}). Nothing was changed."
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
                f"{where} is from an older Companion and could not be brought up to date "
                f"({quoted(str(error))}). Nothing was changed."
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
    result = check_result(conn.execute("PRAGMA integrity_check").fetchall())
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
            f"could not move {shown(db_path)} aside ({error.strerror or error}); "
            "nothing was restored"
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
        detail = getattr(error, "strerror", None) or quoted(str(error))
        where = f"; the old file is at {shown(moved)}" if moved else ""
        raise StoreError(
            f"could not write {shown(db_path)} ({detail}){where}; nothing was restored"
        ) from None
    return moved


def newest(db_path: Path) -> Path:
    """The newest backup of `db_path`, or a StoreError saying there is none."""
    found = backups.list_backups(db_path)
    if not found:
        raise StoreError(f"there are no backups of {shown(db_path)} yet; nothing was changed")
    return found[0]
