"""The open database every part of the store shares: one connection, one way to write.

Each part (programme, self-care, worksheets, scales, backups, settings) is a
small class in its own module holding a `Database`; `companion.store.Store`
puts them together, in the spirit of sqlite-utils' `db["table"]`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import inspect
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from companion.domain.plurals import counted
from companion.store.files import StoreError, shown, why_read_only

BUSY_TIMEOUT_S = 5.0
# How much of SQLite's own words a one-line refusal quotes (a check can report pages of them).
DETAIL_LIMIT = 160

F = TypeVar("F", bound=Callable[..., Any])


def utc_stamp(now: dt.datetime) -> str:
    """`2026-11-26T09:30:00Z`: when something was written."""
    return now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def write_failure(error: sqlite3.Error, path: Path) -> str:
    """A sentence for a failed write: busy, disk full, read-only, damaged or other."""
    name = getattr(error, "sqlite_errorname", "")
    if is_damage(error):
        return damaged(path, str(error), written=False)
    if name.startswith("SQLITE_BUSY") or "locked" in str(error):
        return "the database is busy (another Companion is saving); nothing was saved, try again"
    if name == "SQLITE_FULL":
        return "the disk is full, so nothing was saved; free some space and try again"
    if name.startswith("SQLITE_READONLY") or "readonly" in str(error):
        return read_only_refusal(path)
    return f"could not save to {shown(path)} ({quoted(str(error))}); nothing was saved"


def read_only_refusal(path: Path) -> str:
    """Nothing was saved because the database cannot be written here: say why."""
    why = why_read_only(path) or "the file is read-only"
    if why.startswith("you cannot write to its folder"):
        return (
            f"nothing was saved: {shown(path)} can only be read here ({why}, and SQLite "
            "writes its journal beside the database); ask for write access to the folder, "
            "or copy the folder somewhere you can write and use --db"
        )
    return f"{shown(path)} is read-only ({why}), so nothing was saved; check its permissions"


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite's error means the file is damaged (corrupt pages, not a database)."""
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return True
    text = str(error)
    return "malformed" in text or "not a database" in text


def quoted(detail: str) -> str:
    """SQLite's words for a one-line message: one line, escaped, and not too long."""
    from companion.domain.user_text import one_line

    text = one_line(" ".join(detail.split()))
    return text if len(text) <= DETAIL_LIMIT else text[: DETAIL_LIMIT - 3] + "..."


def damaged(path: Path, detail: str, *, written: bool = False) -> str:
    """The refusal for a damaged database: what SQLite found, the newest backup, how to restore.

    `written` is False when the file was only read (or a write was rolled back).
    """
    from companion.store.backup import newest_backup_hint

    hint = newest_backup_hint(path)
    advice = (
        " `companion restore newest` puts it back and keeps this file aside."
        if hint
        else " There is no backup yet; move the file aside to start a new database."
    )
    untouched = "" if written else " and was left untouched"
    return f"{shown(path)} looks damaged ({quoted(detail)}){untouched}.{hint}{advice}"


def check_result(rows: list[Any]) -> str:
    """`ok`, or the first of the problems an integrity or quick check found, and how many more."""
    found = [str(row[0]) for row in rows]
    if found == ["ok"]:
        return "ok"
    more = f" (and {counted(len(found) - 1, 'more problem')})" if len(found) > 1 else ""
    return quoted(found[0] if found else "no answer") + more


def translating_damage(method: F) -> F:
    """`method` of a store part, with SQLite's damage errors turned into the one-line refusal.

    Damage can surface in any statement or in any row fetched, anywhere a
    store verb runs; each becomes StoreError naming the newest backup.
    """

    @functools.wraps(method)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            raise StoreError(damaged(self.db.path, str(error))) from None

    return guarded  # type: ignore[return-value]


class Database:
    """One open SQLite file. Every write is a single `BEGIN IMMEDIATE` transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection, read_only: str = "") -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only  # why it could only be opened for reading, or ""

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
    """A part of the store: a few specific verbs over the shared `Database`.

    Every public method of a part has SQLite's damage errors turned into the
    one-line refusal (`translating_damage`), so no verb can crash on a damaged page.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if not name.startswith("_") and inspect.isfunction(value):
                setattr(cls, name, translating_damage(value))

    @property
    def conn(self) -> sqlite3.Connection:
        """The shared connection, for reads (writes go through `self.db.transaction()`)."""
        return self.db.conn
