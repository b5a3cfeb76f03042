"""Opening Companion's SQLite file safely: refuse what is not ours, create, migrate.

Quick commands stay on the standard `sqlite3` module; sqlite-utils is
imported only to migrate.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from companion.store import backup as backups
from companion.store.database import BUSY_TIMEOUT_S, write_failure
from companion.store.files import (
    StoreError,
    fsync_dir,
    fsync_file,
    make_private,
    temporary_beside,
)
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from companion.store import Store

_HEADER = b"SQLite format 3\x00"


def open_store(path: Path, *, create: bool = True, check: bool = False) -> Store:
    """Open (or create) the database at `path`, refusing anything that is not safely ours.

    Refusals raise StoreError with one line that says what is wrong and what
    to do; the file is never written in that case. `check` runs
    `PRAGMA quick_check` (the TUI does; quick commands skip it).
    """
    if not path.parent.is_dir():
        raise StoreError(
            f"the folder {path.parent} does not exist; create it or choose another --db PATH"
        )
    if not path.exists():
        if not create:
            raise StoreError(f"there is no Companion database at {path}")
        _create(path)
    _inspect_header(path)
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise StoreError(f"cannot open {path} ({error}); check its permissions") from None
    try:
        _check_identity(conn, path)
        _configure(conn)
        if check:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise StoreError(_damaged(path, result))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            backups.backup(conn, path, f"before-v{SCHEMA_VERSION}", dt.datetime.now(dt.UTC))
            _migrate(conn, path)
    except StoreError:
        conn.close()
        raise
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(_damaged(path, str(error))) from None
    make_private(path)
    from companion.store import Store

    return Store(path, conn)


def _create(path: Path) -> None:
    """Build a new database beside `path` and move it into place only when complete.

    A crash part-way leaves no file at `path`, so a half-made database is never
    mistaken for a damaged one.
    """
    try:
        with temporary_beside(path, ".db") as temp:
            conn = sqlite3.connect(temp, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                _configure(conn)
                _migrate(conn, temp)
            finally:
                conn.close()
            make_private(temp)
            fsync_file(temp)
            try:
                os.link(temp, path)  # never replaces a file another process just made
            except FileExistsError:
                pass
            except OSError:
                temp.replace(path)
            fsync_dir(path.parent)
    except OSError as error:
        raise StoreError(
            f"cannot create a database in {path.parent} ({error.strerror or error}); "
            "choose another place with --db PATH"
        ) from None
    except sqlite3.Error as error:
        raise StoreError(f"cannot create a database at {path} ({error})") from None


def _inspect_header(path: Path) -> None:
    """Refuse empty, foreign or truncated files before SQLite touches them."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise StoreError(f"cannot read {path} ({error.strerror or error})") from None
    hint = backups.newest_backup_hint(path)
    if size == 0:
        raise StoreError(
            f"{path} is empty (0 bytes), so it was left alone rather than started afresh."
            f"{hint} Move it aside to start a new database"
            f"{', or put the backup back with `companion restore newest`' if hint else ''}."
        )
    if not header.startswith(_HEADER):
        raise StoreError(
            f"{path} is not a Companion database (it is not an SQLite file); it was left "
            f"untouched. Choose another --db PATH.{hint}"
        )
    if len(header) < 100:
        raise StoreError(_damaged(path, "the file is cut short"))
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", header[28:32])[0]
    valid_for, changes = header[92:96], header[24:28]
    if valid_for == changes and pages and size < page_size * pages:
        raise StoreError(_damaged(path, f"the file is cut short ({size:,} bytes)"))


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise StoreError(
            f"{path} is an SQLite database made by another program, not by Companion; "
            "it was left untouched. Choose another --db PATH."
        )
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer Companion (schema version {version}; this "
            f"version knows up to {SCHEMA_VERSION}). Update Companion; the file was not changed."
        )


def _damaged(path: Path, detail: str) -> str:
    hint = backups.newest_backup_hint(path)
    advice = (
        " `companion restore newest` puts it back and keeps this file aside."
        if hint
        else " There is no backup yet; move the file aside to start a new database."
    )
    return f"{path} looks damaged ({detail}) and was left untouched.{hint}{advice}"


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a saved entry survives a power cut
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    conn.execute("PRAGMA secure_delete = ON")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    from companion.store.schema import migrate

    try:
        migrate(conn)
    except sqlite3.OperationalError as error:
        raise StoreError(write_failure(error, path)) from None
