"""What every part of the store shares: the connection, one-transaction writes, settings."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from companion.store import backup as backups
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


class StoreBase:
    """One open database. Every write is a single `BEGIN IMMEDIATE` transaction.

    Each part of the store (programme, self-care, ...) is a subclass in its own
    module; `companion.store.database.Store` puts them together.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; on any failure it is rolled back and StoreError explains why."""
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

    # ------------------------------------------------------------ facts

    def schema_version(self) -> int:
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    def integrity(self) -> str:
        result: str = self.conn.execute("PRAGMA integrity_check").fetchone()[0]
        return result

    def backup(self, label: str, now: dt.datetime) -> Path:
        return backups.backup(self.conn, self.path, label, now)

    def backup_if_due(self, now: dt.datetime) -> Path | None:
        """The daily automatic backup, at most one a day.

        Uses a connection of its own, so it is safe from a worker thread while
        the app keeps using `conn`.
        """
        if not backups.backup_due(self.path, now):
            return None
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            return backups.backup(conn, self.path, "daily", now)
        finally:
            conn.close()

    def other_activities(self) -> list[bool]:
        """Done-flags of activities beyond the schedule's (worksheets, ...).

        Each part that has some extends this: `[*super().other_activities(), *mine]`.
        """
        return []

    # ------------------------------------------------------------ settings

    def setting(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO setting (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
