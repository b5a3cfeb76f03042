"""Opening Companion's SQLite file safely: refuse what is not ours, create, migrate.

Everything is inspected before SQLite opens the file: what kind of file it is
(reading a named pipe hangs; a folder or a device is no database), then its
header bytes, and, when a `-wal` sits beside it, page 1 as the last
transaction committed there left it. So a refused file is never opened by
SQLite, which would replay its `-wal` into the main file and delete it when
it closed: refused means unchanged, sidecars and all.

A database in a place this user cannot write is opened for reading only, so
the commands that only read still work there, and a write says why it cannot
be saved. Quick commands stay on the standard `sqlite3` module; sqlite-utils
is imported only to migrate.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import struct
from pathlib import Path
from typing import TYPE_CHECKING

from companion.files import NotARegularFile, kind_of, read_regular
from companion.store import backup as backups
from companion.store.database import (
    BUSY_TIMEOUT_S,
    check_result,
    damaged,
    is_damage,
    quoted,
    write_failure,
)
from companion.store.files import (
    StoreError,
    clear_leftovers,
    fsync_dir,
    fsync_file,
    make_private,
    read_only_uri,
    shown,
    temporary_beside,
    why_read_only,
)
from companion.store.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    from companion.store import Store

_HEADER = b"SQLite format 3\x00"
# The two magic numbers a -wal file starts with (the checksums' byte order differs).
_WAL_MAGIC = (0x377F0682, 0x377F0683)
# Left beside a path with no database, SQLite would replay these into a new one.
_JOURNALS = ("-wal", "-journal")


def open_store(path: Path, *, create: bool = True, check: bool = False) -> Store:
    """Open (or create) the database at `path`, refusing anything that is not safely ours.

    Refusals raise StoreError with one line that says what is wrong and what
    to do; the file is never written in that case. `check` runs
    `PRAGMA quick_check` (the TUI does); otherwise every table and index is
    walked once (`_walk`), which finds a scrambled page for a fraction of the cost.
    """
    where = shown(path)
    if not path.parent.is_dir():
        raise StoreError(
            f"the folder {shown(path.parent)} does not exist; "
            "create it or choose another --db PATH"
        )
    read_only = why_read_only(path)
    if not read_only:
        clear_leftovers(path.parent, re.escape(path.name))
    if not path.exists():
        if not create:
            raise StoreError(f"there is no Companion database at {where}")
        _create(path)
    app_id, version = _inspect_header(path)
    _check_identity(app_id, version, path)
    conn, writes = _reader(path, read_only)
    try:
        if check:
            result = check_result(conn.execute("PRAGMA quick_check").fetchall())
            if result != "ok":
                raise StoreError(damaged(path, result))
        else:
            _walk(conn)
        # SQLite's own reading too, should a torn -wal frame have misled the header's.
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        _check_identity(app_id, version, path)
        if read_only and version < SCHEMA_VERSION:
            raise StoreError(
                f"{where} needs updating for this version of Companion, which means "
                f"writing to it, but {read_only}; open it once where it can be written"
            )
        if not read_only:
            if not writes:
                conn.close()
                conn = _connect(path)
            _prepare_to_write(conn)  # only now: switching to WAL writes the header
            if version < SCHEMA_VERSION:
                backups.backup(conn, path, f"before-v{SCHEMA_VERSION}", dt.datetime.now(dt.UTC))
                _migrate(conn, path)
    except StoreError:
        conn.close()
        raise
    except sqlite3.DatabaseError as error:
        conn.close()
        raise StoreError(_cannot_open(path, error, read_only)) from None
    if not read_only:
        make_private(path)
    from companion.store import Store

    return Store(path, conn, read_only)


def _reader(path: Path, read_only: str) -> tuple[sqlite3.Connection, bool]:
    """The connection the checks read through, and whether it can also write.

    It must change nothing when it closes: a read-write connection closing last
    would checkpoint a `-wal` into the file and delete it, changing a file that
    is then refused as damaged. Read-only, with no `-wal` or `-journal` beside
    it the file holds everything, and
    `immutable` reads it without making a `-shm` (which SQLite could not create
    in a folder this user cannot write). A hot `-journal` must be rolled back
    before anything can be read, which needs writing: then, where this user can
    write, the checks read through the read-write connection.
    """
    wal, journal = (os.path.lexists(f"{path}{suffix}") for suffix in _JOURNALS)
    if journal and not read_only:
        return _connect(path), True
    return _connect(path, read_only_uri(path, immutable=not (wal or journal))), False


def _connect(path: Path, uri: str | None = None) -> sqlite3.Connection:
    """A configured connection to `path` (or to `uri`, which names it)."""
    try:
        conn = sqlite3.connect(
            uri or path,
            uri=uri is not None,
            timeout=BUSY_TIMEOUT_S,
            isolation_level=None,
            check_same_thread=False,
        )
        _configure(conn)
    except sqlite3.Error as error:
        raise StoreError(
            f"cannot open {shown(path)} ({quoted(str(error))}); check its permissions"
        ) from None
    return conn


def _cannot_open(path: Path, error: sqlite3.DatabaseError, read_only: str) -> str:
    """Why SQLite would not open it: damage, a place it cannot write, or SQLite's own words."""
    if is_damage(error):
        return damaged(path, str(error))
    name = getattr(error, "sqlite_errorname", "")
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
        why = read_only or "SQLite could not open the files beside it"
        return (
            f"{shown(path)} cannot be read here ({why}); it is not damaged and was left "
            "untouched. Open it once where it can be written, or copy the folder "
            "somewhere you can write and use --db"
        )
    return f"cannot open {shown(path)} ({quoted(str(error))}); it was left untouched"


def _create(path: Path) -> None:
    """Build a new database beside `path` and move it into place only when complete.

    A crash part-way leaves no file at `path`, so a half-made database is never
    mistaken for a damaged one (and `clear_leftovers` removes the half-made one
    later). A `-wal` or `-journal` left where the database was is refused.
    """
    refuse_orphan_journals(path)
    try:
        with temporary_beside(path, ".db") as temp:
            conn = sqlite3.connect(temp, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            try:
                _configure(conn)
                _prepare_to_write(conn)
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
            f"cannot create a database in {shown(path.parent)} ({error.strerror or error}); "
            "choose another place with --db PATH"
        ) from None
    except sqlite3.Error as error:
        raise StoreError(
            f"cannot create a database at {shown(path)} ({quoted(str(error))})"
        ) from None


def refuse_orphan_journals(path: Path) -> None:
    """Refuse to put a new database at `path` while a `-wal` or `-journal` is left there.

    SQLite would replay it into the new file, mixing in another database's pages.
    """
    for suffix in _JOURNALS:
        leftover = Path(f"{path}{suffix}")
        if os.path.lexists(leftover):
            raise StoreError(
                f"{shown(leftover)} is left over from a database that is no longer at "
                f"{shown(path)}, and SQLite would replay it into a new one; it was left "
                "untouched. Move it somewhere safe (it may hold recent changes to a "
                "database that was moved), or choose another --db PATH."
            )


def _inspect_header(path: Path) -> tuple[int, int]:
    """The file's application id and schema version, read from its bytes, not through SQLite.

    Refuses empty, foreign or truncated files first. When a `-wal` beside it
    holds a committed copy of page 1, the newest such copy is the header
    SQLite would read, so that one counts.
    """
    where = shown(path)
    try:
        size = path.stat().st_size
        header = read_regular(path, 100)
    except NotARegularFile as error:
        raise StoreError(
            f"{where} is {error.kind}, not a Companion database; it was left untouched. "
            "Choose another --db PATH."
        ) from None
    except OSError as error:
        raise StoreError(f"cannot read {where} ({error.strerror or error})") from None
    hint = backups.newest_backup_hint(path)
    if size == 0:
        raise StoreError(
            f"{where} is empty (0 bytes), so it was left alone rather than started afresh."
            f"{hint} Move it aside to start a new database"
            f"{', or put the backup back with `companion restore newest`' if hint else ''}."
        )
    if not header.startswith(_HEADER):
        raise StoreError(
            f"{where} is not a Companion database (it is not an SQLite file); it was left "
            f"untouched. Choose another --db PATH.{hint}"
        )
    if len(header) < 100:
        raise StoreError(damaged(path, "the file is cut short"))
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages = struct.unpack(">I", header[28:32])[0]
    valid_for, changes = header[92:96], header[24:28]
    if valid_for == changes and pages and size < page_size * pages:
        raise StoreError(damaged(path, f"the file is cut short ({size:,} bytes)"))
    header = _newest_page_one(Path(f"{path}-wal"), page_size) or header
    version, app_id = struct.unpack(">i4xi", header[60:72])  # as the PRAGMAs read them
    return app_id, version


def _newest_page_one(wal: Path, page_size: int) -> bytes | None:
    """The first 100 bytes of page 1 as last committed in `wal`, or None if it holds none.

    Frames count while their salts match the file's header (a frame from
    before the -wal was last restarted does not); a page counts once a commit
    frame follows it. The frames' checksums are not recomputed (in Python that
    costs about 80 ms a megabyte): a torn frame could at worst mislead this
    early look, and SQLite's own reading is checked again once the file is open.
    """
    try:
        fd = os.open(wal, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return None
    try:
        if kind_of(os.fstat(fd).st_mode):  # not a regular file
            return None
        head = os.pread(fd, 32, 0)
        if len(head) < 32:
            return None
        magic, _, frame_page_size, _, *salts = struct.unpack(">6I", head[:24])
        if magic not in _WAL_MAGIC or frame_page_size != page_size:
            return None
        newest = pending = None
        offset = 32
        while True:
            frame = os.pread(fd, 24, offset)
            if len(frame) < 24:
                break
            page, commit, *frame_salts = struct.unpack(">4I", frame[:16])
            if frame_salts != salts:
                break
            if page == 1:
                pending = os.pread(fd, 100, offset + 24)
            if commit and pending is not None:
                newest, pending = pending, None
            offset += 24 + page_size
    finally:
        os.close(fd)
    return newest if newest is not None and newest.startswith(_HEADER) else None


def _check_identity(app_id: int, version: int, path: Path) -> None:
    if app_id != APPLICATION_ID:
        raise StoreError(
            f"{shown(path)} is an SQLite database made by another program, not by Companion; "
            "it was left untouched. Choose another --db PATH."
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{shown(path)} was written by a newer Companion (schema version {version}; this "
            f"version knows up to {SCHEMA_VERSION}). Update Companion; the file was not changed."
        )


def _walk(conn: sqlite3.Connection) -> None:
    """Visit every page of every table and index once, by counting their rows.

    SQLite checks each b-tree page's header as it loads it, so a scrambled
    page is found here, before a command reads or writes anything else. It
    costs a fraction of `PRAGMA quick_check`, which also reads every record
    and runs when the app starts (`doctor` and every backup run the full
    integrity check): on the twenty-year database of benchmarks/, in a fresh
    process, 10 to 20 ms against 45 to 75 ms, on a database of a few months
    well under a millisecond. Overflow and free pages are not visited.
    """
    objects = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE rootpage > 0"
    ).fetchall()
    for kind, name, table, sql in objects:
        if kind == "table":
            # NOT INDEXED: count through the table's own b-tree, not its smallest index.
            conn.execute(f"SELECT count(*) FROM {_quote(name)} NOT INDEXED").fetchone()
        elif kind == "index":
            # A WHERE clause makes SQLite step through this index rather than count the
            # smallest one; a partial index can only be used under its own condition.
            partial = re.split(r"\sWHERE\s", sql or "", flags=re.IGNORECASE)
            where = partial[-1] if len(partial) > 1 else "1"
            conn.execute(
                f"SELECT count(*) FROM {_quote(table)} INDEXED BY {_quote(name)} WHERE {where}"
            ).fetchone()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _configure(conn: sqlite3.Connection) -> None:
    """This connection's settings; nothing is written to the file."""
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")


def _prepare_to_write(conn: sqlite3.Connection) -> None:
    """WAL (which, from rollback mode, rewrites the header), full syncs, secure deletes."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a saved entry survives a power cut
    conn.execute("PRAGMA secure_delete = ON")


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    from companion.store.schema import migrate

    try:
        migrate(conn)
    except sqlite3.OperationalError as error:
        raise StoreError(write_failure(error, path)) from None
