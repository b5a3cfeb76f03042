"""Crash reports that hold no personal text.

A traceback with local variables (Textual's default) or even an exception
message can carry what someone typed. The report keeps only the exception's
type and the code locations (file, line, function), written 0600.
"""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from companion import __version__


def crash_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir("companion", appauthor=False))


def describe(error: BaseException) -> str:
    """The report's text: version, exception type and frames; no values, no message."""
    lines = [f"Companion {__version__} stopped on {type(error).__module__}.{type(error).__name__}"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_report(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write the report; return its path, or None if even that failed."""
    from companion.store.files import StoreError, private_dir, write_private

    try:
        folder = private_dir(folder or crash_dir())
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        path = folder / f"crash-{stamp}.txt"
        write_private(path, describe(error).encode("utf-8"))
    except (StoreError, OSError):
        return None
    return path


def one_line(error: BaseException, folder: Path | None = None) -> str:
    """What to tell the person, on one line."""
    path = write_report(error, folder)
    where = f"; a report without your text is in {path}" if path else ""
    return (
        f"companion: something unexpected went wrong ({type(error).__name__}); "
        f"what you saved before is safe{where}"
    )
