"""Where Companion keeps its files, and writing them privately and atomically."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from companion.domain.errors import Refused

APP_NAME = "companion"
DB_ENV = "COMPANION_DB"


class StoreError(Refused):
    """Something about the database the user can act on; the message says what to do.

    `str(error)` is one line, fit for stderr or a notification.
    """


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


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it readable by the owner only."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)
    except OSError as error:
        raise StoreError(
            f"cannot create the folder {path} ({error.strerror or error}); "
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


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens `path` read-only, even when it holds `?`, `#` or `%`."""
    return f"{path.resolve().as_uri()}?mode=ro"


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


@contextlib.contextmanager
def temporary_beside(target: Path, suffix: str = ".tmp") -> Iterator[Path]:
    """A not-yet-existing private path next to `target`, removed afterwards if still there."""
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
            f"cannot write in {target.parent} ({error.strerror or error}); choose another place"
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
            f"cannot write {target} ({error.strerror or error}); nothing was written"
        ) from None
