"""Verified, private backups with `VACUUM INTO` (never the incremental backup API).

VACUUM INTO a temporary name, fsync it, check it, rename it into place,
fsync the folder, keep the newest few. A kill at any moment leaves either
no backup or a complete one at the final name.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from companion.store.database import (
    BUSY_TIMEOUT_S,
    Part,
    check_result,
    damaged,
    is_damage,
    quoted,
)
from companion.store.files import (
    StoreError,
    clear_leftovers,
    fsync_dir,
    fsync_file,
    make_private,
    private_dir,
    read_only_uri,
    shown,
    temporary_beside,
)

KEEP = 7
DAILY = dt.timedelta(hours=24)


def backups_dir(db_path: Path) -> Path:
    """Where backups of `db_path` go: a private folder beside it."""
    return db_path.parent / f"{db_path.stem}-backups"


def list_backups(db_path: Path) -> list[Path]:
    """Backups of `db_path`, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    # By the time written, then by name: names share a stamp within one second.
    return sorted(folder.glob(f"{db_path.stem}-*.db"), key=_written, reverse=True)


def _written(path: Path) -> tuple[int, str]:
    try:
        return path.stat().st_mtime_ns, path.name
    except OSError:  # removed meanwhile (pruned by another process)
        return 0, path.name


def newest_backup_hint(db_path: Path) -> str:
    """A sentence pointing at the newest backup, or an empty string when there is none."""
    backups = list_backups(db_path)
    if not backups:
        return ""
    return f" The newest backup is {shown(backups[0])}."


def backup(conn: sqlite3.Connection, db_path: Path, label: str, now: dt.datetime) -> Path:
    """Write a checked backup of the open database; return its path."""
    folder = private_dir(backups_dir(db_path))
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{label}.db"
    clear_leftovers(folder, re.escape(db_path.stem) + r"-.+\.db")  # from a backup cut short
    try:
        with temporary_beside(target) as temp:
            conn.execute("VACUUM INTO ?", (str(temp),))
            make_private(temp)
            fsync_file(temp)
            check = sqlite3.connect(read_only_uri(temp), uri=True)
            try:
                result = check_result(check.execute("PRAGMA integrity_check").fetchall())
            finally:
                check.close()
            if result != "ok":
                raise StoreError(
                    f"the backup did not pass its check ({quoted(result)}); nothing was kept"
                )
            temp.replace(target)
            fsync_dir(folder)
    except sqlite3.Error as error:
        if is_damage(error):  # VACUUM INTO reads every page of the database
            raise StoreError(damaged(db_path, str(error))) from None
        raise StoreError(
            f"could not write a backup in {shown(folder)} ({quoted(str(error))})"
        ) from None
    except OSError as error:
        raise StoreError(
            f"could not write a backup in {shown(folder)} ({error.strerror or error})"
        ) from None
    for old in list_backups(db_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def backup_due(db_path: Path, now: dt.datetime) -> bool:
    """True when the newest backup is more than a day old (or there is none)."""
    backups = list_backups(db_path)
    if not backups:
        return True
    modified = dt.datetime.fromtimestamp(backups[0].stat().st_mtime, dt.UTC)
    return now - modified > DAILY


class Backups(Part):
    """Backups of this database, beside it in `<name>-backups/`."""

    def take(self, label: str, now: dt.datetime) -> Path:
        """Write a checked backup now; return its path."""
        return backup(self.conn, self.db.path, label, now)

    def take_if_due(self, now: dt.datetime) -> Path | None:
        """The daily automatic backup, at most one a day.

        Uses a connection of its own, so it is safe from a worker thread while
        the app keeps using the shared one.
        """
        if not backup_due(self.db.path, now):
            return None
        conn = sqlite3.connect(self.db.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            return backup(conn, self.db.path, "daily", now)
        finally:
            conn.close()

    def newest_first(self) -> list[Path]:
        """The backups, newest first."""
        return list_backups(self.db.path)
