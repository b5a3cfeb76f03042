"""Opening Companion's SQLite file safely, and everything that reads or writes it.

The only module (with its siblings) that speaks SQL. Quick commands stay on
the standard `sqlite3` module; sqlite-utils is imported only to migrate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from companion.domain.habits import Habit, HabitSpec
from companion.domain.programme import Plan
from companion.store import backup as backups
from companion.store.files import (
    StoreError,
    fsync_dir,
    fsync_file,
    make_private,
    temporary_beside,
)
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION

BUSY_TIMEOUT_S = 5.0
_HEADER = b"SQLite format 3\x00"


def _utc_stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


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
            f"{hint} Move it aside to start a new database, or restore a backup."
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
    hint = backups.newest_backup_hint(path) or " There is no backup yet."
    return (
        f"{path} looks damaged ({detail}) and was left untouched.{hint} "
        "Copy a backup to a new path and open it with --db."
    )


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
        raise StoreError(_write_failure(error, path)) from None


def _write_failure(error: sqlite3.Error, path: Path) -> str:
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith("SQLITE_BUSY") or "locked" in str(error):
        return "the database is busy (another Companion is saving); nothing was saved, try again"
    if name == "SQLITE_FULL":
        return "the disk is full, so nothing was saved; free some space and try again"
    if name.startswith("SQLITE_READONLY") or "readonly" in str(error):
        return f"{path} is read-only, so nothing was saved; check the file's permissions"
    return f"could not save to {path} ({error}); nothing was saved"


class Store:
    """One open database. Every write is a single `BEGIN IMMEDIATE` transaction."""

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
            raise StoreError(_write_failure(error, self.path)) from None
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise StoreError(_write_failure(error, self.path)) from None
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
        """The daily automatic backup: at most one a day."""
        if not backups.backup_due(self.path, now):
            return None
        return self.backup("daily", now)

    # ------------------------------------------------------------ programme

    def plan(self) -> Plan | None:
        """The participant's programme, or None before setup."""
        row = self.conn.execute("SELECT start_day, name, tz FROM programme").fetchone()
        if row is None:
            return None
        start_day, name, tz = row
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        moves = {
            event_id: dt.datetime.fromisoformat(start_local)
            for event_id, start_local in self.conn.execute(
                "SELECT event_id, start_local FROM session_move"
            )
        }
        marks = {
            event_id: bool(attended)
            for event_id, attended in self.conn.execute(
                "SELECT event_id, attended FROM session_mark"
            )
        }
        return Plan(
            start=dt.date.fromisoformat(start_day),
            zone=zone,
            name=name,
            moves=moves,
            attendance=marks,
        )

    def setup(
        self,
        start: dt.date,
        name: str | None,
        zone_name: str,
        habits: Sequence[HabitSpec],
        now: dt.datetime,
    ) -> None:
        """Create or update the programme; add the given habits if there are none yet.

        Marks and moved sessions are kept when the start date changes.
        """
        stamp = _utc_stamp(now)
        with self._write() as conn:
            conn.execute(
                """
                INSERT INTO programme (id, start_day, name, tz, created_utc, updated_utc)
                VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    start_day = excluded.start_day, name = excluded.name,
                    tz = excluded.tz, updated_utc = excluded.updated_utc
                """,
                (start.isoformat(), name, zone_name, stamp, stamp),
            )
            import uuid

            conn.execute(
                "INSERT OR IGNORE INTO setting (key, value) VALUES ('calendar_uid', ?)",
                (uuid.uuid4().hex,),
            )
            if conn.execute("SELECT count(*) FROM habit").fetchone()[0] == 0:
                conn.executemany(
                    """
                    INSERT INTO habit
                        (key, name, kind, unit, target, per, direction, position, created_utc)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        (h.key, h.name, h.kind, h.unit, h.target, h.per, h.direction, i, stamp)
                        for i, h in enumerate(habits)
                    ],
                )

    def mark(self, event_id: str, attended: bool | None, now: dt.datetime) -> None:
        """Record attended (True), missed (False) or clear the mark (None)."""
        with self._write() as conn:
            if attended is None:
                conn.execute("DELETE FROM session_mark WHERE event_id = ?", (event_id,))
            else:
                conn.execute(
                    """
                    INSERT INTO session_mark (event_id, attended, updated_utc) VALUES (?, ?, ?)
                    ON CONFLICT (event_id) DO UPDATE SET
                        attended = excluded.attended, updated_utc = excluded.updated_utc
                    """,
                    (event_id, int(attended), _utc_stamp(now)),
                )

    def move(self, event_id: str, when: dt.datetime | None, now: dt.datetime) -> None:
        """Move a session to the naive local time `when`, or back to its planned time (None)."""
        with self._write() as conn:
            if when is None:
                conn.execute("DELETE FROM session_move WHERE event_id = ?", (event_id,))
            else:
                conn.execute(
                    """
                    INSERT INTO session_move (event_id, start_local, updated_utc) VALUES (?, ?, ?)
                    ON CONFLICT (event_id) DO UPDATE SET
                        start_local = excluded.start_local, updated_utc = excluded.updated_utc
                    """,
                    (event_id, when.strftime("%Y-%m-%dT%H:%M"), _utc_stamp(now)),
                )

    # ------------------------------------------------------------ habits

    def habits(self, *, include_archived: bool = False) -> list[Habit]:
        sql = """
            SELECT id, key, name, kind, unit, target, per, direction, position,
                   archived_utc IS NOT NULL
            FROM habit
        """
        if not include_archived:
            sql += " WHERE archived_utc IS NULL"
        return [
            Habit(
                id=row[0],
                key=row[1],
                name=row[2],
                kind=row[3],
                unit=row[4],
                target=row[5],
                per=row[6],
                direction=row[7],
                position=row[8],
                archived=bool(row[9]),
            )
            for row in self.conn.execute(sql + " ORDER BY position, id")
        ]

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
