"""Where Companion keeps its files, and writing them privately and atomically.

Every message that names a path shows it through `shown()`: on one line, with
control and direction characters escaped, so a path cannot split a one-line
message or send the terminal an escape sequence.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from companion.domain.errors import Refused
from companion.domain.user_text import one_line

APP_NAME = "companion"
DB_ENV = "COMPANION_DB"


class StoreError(Refused):
    """Something about the database the user can act on; the message says what to do.

    `str(error)` is one line, fit for stderr or a notification.
    """


def shown(path: Path | str) -> str:
    """`path` as a message shows it: one line, control and direction characters escaped."""
    return one_line(str(path))


def default_data_dir() -> Path:
    """The per-user data directory (e.g. ~/.local/share/companion on Linux)."""
    import platformdirs  # only when no --db or COMPANION_DB is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_db_path(option: str | None) -> tuple[Path, bool]:
    """The database path to use and whether it is the default one.

    `--db PATH` wins over `COMPANION_DB`, which wins over the default location.
    """
    chosen = option or os.environ.get(DB_ENV)
    if chosen:
        return Path(chosen).expanduser().absolute(), False
    return default_data_dir() / f"{APP_NAME}.db", True


def exports_dir(db_path: Path) -> Path:
    """Where files exported from `db_path` for the person go: a private folder beside it.

    Named after the database, like its backups, so that `forget-everything`
    knows it as this database's own and never mistakes someone's folder for it.
    """
    return db_path.parent / f"{db_path.stem}-exports"


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it readable by the owner only."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder {shown(path)} ({error.strerror or error}); "
            "choose another place with --db PATH"
        ) from None
    return path


def make_private(path: Path) -> None:
    """Take away group and other access (SQLite and VACUUM INTO follow the umask).

    The owner's bits are left alone, so a file someone made read-only stays so.
    """
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """An SQLite URI that opens `path` read-only, even when it holds `?`, `#` or `%`.

    `immutable`: SQLite reads the main file only, takes no locks and creates no
    `-shm`; right only when no `-wal` is beside it and nothing writes it meanwhile.
    """
    return f"{path.resolve().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}"


def why_read_only(path: Path) -> str:
    """Why SQLite could only read the database at `path` here, or "" when it can write.

    SQLite writes beside the database (its `-wal` and `-shm`), so the folder
    must be writable as well as the file.
    """
    if not os.access(path.parent, os.W_OK):
        return f"you cannot write to its folder {shown(path.parent)}"
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only for you"
    return ""


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


# A temporary file of ours: `.NAME.` + tempfile's eight random characters, one of
# our suffixes, and perhaps SQLite's sidecars of that temporary database.
_TEMPORARY = r"\.(?P<target>.+)\.[a-z0-9_]{8}(?:\.db|\.tmp)?(?:-wal|-shm|-journal)?"
# Long enough for any write still under way (the file's time moves as it is
# written); short enough that a leftover goes the next day.
LEFTOVER_AGE_S = 600


def clear_leftovers(folder: Path, target: str) -> None:
    """Remove our own temporary files in `folder` left by a process stopped part-way.

    Only files named as `temporary_beside` and `write_private` name them, for a
    target whose name matches the pattern `target`, regular files untouched for
    LEFTOVER_AGE_S and not locked by a process: a `setup` killed half-way leaves
    a hidden database beside the real one, and nothing else would remove it.
    Never a database, nor SQLite's `-wal` or `-journal` of one.
    """
    import stat

    pattern = re.compile(_TEMPORARY)
    old = time.time() - LEFTOVER_AGE_S
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if not found or not re.fullmatch(target, found["target"]):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and info.st_mtime < old and not _locked(entry.path):
                Path(entry.path).unlink()


def _locked(path: str) -> bool:
    """True when a process holds a lock on `path` (as SQLite does on a database in use)."""
    try:
        import fcntl
    except ImportError:  # Windows: the age alone decides
        return False
    try:
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return True  # cannot tell: leave it
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops the probe's lock
    return False


@contextlib.contextmanager
def temporary_beside(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A not-yet-existing private path next to `target`, removed afterwards if still there.

    Its name marks it as ours for `clear_leftovers`, should a kill leave it behind.
    """
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    temp = Path(name)
    temp.unlink()  # VACUUM INTO and sqlite3.connect want to create the file themselves
    try:
        yield temp
    finally:
        for leftover in (temp, *(Path(f"{temp}{s}") for s in ("-wal", "-shm", "-journal"))):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def write_private(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically with mode 0600 (temp file, fsync, rename)."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as error:
        raise StoreError(
            f"cannot write in {shown(target.parent)} ({error.strerror or error}); "
            "choose another place"
        ) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(0o600)
        temp.replace(target)
        fsync_dir(target.parent)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise StoreError(
            f"cannot write {shown(target)} ({error.strerror or error}); nothing was written"
        ) from None


def save_new(folder: Path, filename: str, data: bytes) -> Path:
    """Write `data` privately into `folder` under `filename`, never over an existing file.

    A name already taken gets ` (2)`, ` (3)`... before its suffix, as a
    browser's downloads do. Returns the path written.
    """
    private_dir(folder)
    name = Path(filename)
    target = folder / name.name
    number = 2
    while target.exists() or target.is_symlink():
        target = folder / f"{name.stem} ({number}){name.suffix}"
        number += 1
    write_private(target, data)
    return target
