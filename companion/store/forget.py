"""Forgetting everything: removing Companion's own files for one database, and nothing else.

What goes: the database (once it is shown to be Companion's and no other
process has it open), SQLite's `-wal`, `-shm` and `-journal` beside it,
databases `companion restore` set aside beside it, the backups in its
`<name>-backups/` folder and the files in its `<name>-exports/` folder; for
the default database also the crash reports. A folder is removed only once
it is empty: a file Companion did not name is never touched, and the folder
holding a database given with --db is never removed (it may be anyone's).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from companion.domain.plurals import counted
from companion.files import read_regular
from companion.store.backup import backups_dir
from companion.store.files import StoreError, exports_dir, shown
from companion.store.schema import APPLICATION_ID

SIDECARS = ("-wal", "-shm", "-journal")
_HEADER = b"SQLite format 3\x00"


@dataclass
class Forgotten:
    """What was removed and what was left (with why), one line each, paths as shown."""

    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """What `forget` would remove for one database: the places, and whether any exist."""

    db_path: Path
    crash_folder: Path | None  # None: crash reports are not this database's to remove
    folder_is_ours: bool = False  # the default data folder, removed once empty; never --db's

    def places(self) -> list[Path]:
        """The files and folders that exist and would go (folders only if emptied)."""
        found = [p for p in (self.db_path, *_sidecars(self.db_path)) if _is_file(p)]
        found += _set_aside(self.db_path)
        for folder in (backups_dir(self.db_path), exports_dir(self.db_path), self.crash_folder):
            if folder is not None and _is_folder(folder):
                found.append(folder)
        return found


def check_ours(db_path: Path) -> None:
    """Refuse (StoreError) unless `db_path` is absent or a regular file Companion made."""
    try:
        info = db_path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"cannot read {shown(db_path)} ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{shown(db_path)} is not a regular file, so it is not a Companion database; "
            "nothing was removed"
        )
    try:
        header = read_regular(db_path, 100)
    except OSError as error:
        raise StoreError(f"cannot read {shown(db_path)} ({error.strerror or error})") from None
    if not header.startswith(_HEADER) or int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise StoreError(
            f"{shown(db_path)} is not a Companion database, so it was left untouched; "
            "nothing was removed"
        )


def forget(plan: Plan) -> Forgotten:
    """Remove what `plan` names; say what went and what stayed. StoreError if in use.

    The database is checked to be Companion's first, and switched out of WAL
    under an exclusive lock: that fails while the app or a command has it
    open, so nothing is removed from under a running Companion.
    """
    db_path, done = plan.db_path, Forgotten()
    check_ours(db_path)
    lock = _lock(db_path) if _is_file(db_path) else None
    try:
        for path in (db_path, *_sidecars(db_path)):
            if _is_file(path):
                _remove(path)
                done.removed.append(
                    f"{'your database' if path == db_path else 'SQLite file'} {shown(path)}"
                )
        for path in _set_aside(db_path):
            _remove(path)
            done.removed.append(f"set aside by `companion restore`: {shown(path)}")
    finally:
        if lock is not None:
            lock.close()
    stem = re.escape(db_path.stem)
    # Backups, and the temporary files of a backup cut short (see `temporary_beside`).
    backup_names = rf"\.?{stem}-.+\.db(\.[a-z0-9_]{{8}}(\.db|\.tmp)?)?(-wal|-shm|-journal)?"
    _empty(backups_dir(db_path), backup_names, "backup", done)
    _empty(exports_dir(db_path), r"[^/]+", "export", done)
    if plan.crash_folder is not None:
        _empty(plan.crash_folder, r"crash-[0-9T]+\.txt", "crash report", done)
    if plan.folder_is_ours:
        with contextlib.suppress(OSError):  # not empty: the person's own files stay
            db_path.parent.rmdir()
            done.removed.append(f"the empty folder {shown(db_path.parent)}")
    return done


def _lock(db_path: Path) -> sqlite3.Connection:
    """A connection holding the database exclusively, or StoreError when it is in use."""
    conn = sqlite3.connect(db_path, timeout=0.2, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # refused while another connection is open
        conn.execute("BEGIN EXCLUSIVE")
    except sqlite3.Error:
        conn.close()
        raise StoreError(
            f"{shown(db_path)} is open in Companion (the app or a command); close it "
            "and try again; nothing was removed"
        ) from None
    return conn


def _empty(folder: Path, names: str, what: str, done: Forgotten) -> None:
    """Remove the regular files in `folder` named like `names`, then the folder if now empty.

    `what` names one such file (`backup`), for the line saying how many went.
    """
    if not _is_folder(folder):
        return
    pattern = re.compile(names)
    count = 0
    for entry in os.scandir(folder):
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            _remove(Path(entry.path))
            count += 1
    try:
        folder.rmdir()
    except OSError:
        done.kept.append(f"{shown(folder)}: it holds files Companion did not write")
        if count:
            done.removed.append(f"{counted(count, what)} from {shown(folder)}")
        return
    done.removed.append(f"{shown(folder)}, with {counted(count, what)}")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise StoreError(
            f"could not remove {shown(path)} ({error.strerror or error}); run "
            "`companion forget-everything` again once it can be removed"
        ) from None


def _sidecars(db_path: Path) -> list[Path]:
    return [Path(f"{db_path}{suffix}") for suffix in SIDECARS]


def _set_aside(db_path: Path) -> list[Path]:
    """Databases `companion restore` moved aside beside this one, with their sidecars."""
    pattern = re.compile(
        rf"{re.escape(db_path.stem)}-set-aside-[0-9T]+(-[0-9]+)?{re.escape(db_path.suffix)}"
        r"(-wal|-shm|-journal)?"
    )
    try:
        entries = list(os.scandir(db_path.parent))
    except OSError:
        return []
    return sorted(
        Path(e.path)
        for e in entries
        if pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False)
    )


def _is_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return stat.S_ISREG(path.lstat().st_mode)
    return False


def _is_folder(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return stat.S_ISDIR(path.lstat().st_mode)
    return False
