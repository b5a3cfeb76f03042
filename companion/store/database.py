"""The open database every part of the store shares: one connection, one way to write.

Each part (programme, self-care, worksheets, scales, backups, settings) is a
small class in its own module holding a `Database`; `companion.store.Store`
puts them together, in the spirit of sqlite-utils' `db["table"]`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from companion.store.files import StoreError

BUSY_TIMEOUT_S = 5.0


def utc_stamp(now: dt.datetime) -> str:
    """`2026-11-26T09:30:00Z`: when something was written."""
    return now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def write_failure(error: sqlite3.Error, path: Path) -> str:
    """A sentence for a failed write: busy, disk full, read-only or other."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_BUSY") or "locked" in str(error):
        return "the database is busy (another Companion is saving); nothing was saved, try again"
    if name == "SQLITE_FULL":
        return "the disk is full, so nothing was saved; free some space and try again"
    if name.startswith("SQLITE_READONLY") or "readonly" in str(error):
        return f"{path} is read-only, so nothing was saved; check the file's permissions"
    return f"could not save to {path} ({error}); nothing was saved"


class Database:
    """One open SQLite file. Every write is a single `BEGIN IMMEDIATE` transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction; on any failure it is rolled back and StoreError explains why.

        `BEGIN IMMEDIATE` takes the write lock at once, so a read-then-write
        never fails half-way under another writer (it waits, then says busy).
        """
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise StoreError(write_failure(error, self.path)) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise StoreError(write_failure(error, self.path)) from None
            raise

    def forget_deleted_text(self) -> None:
        """Move the WAL into the main file, so deleted text does not linger in it.

        With `secure_delete` on, the main file is then overwritten too. Best
        effort: another reader may keep part of the WAL for now.
        """
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


class Part:
    """A part of the store: a few specific verbs over the shared `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        """The shared connection, for reads (writes go through `self.db.transaction()`)."""
        return self.db.conn
