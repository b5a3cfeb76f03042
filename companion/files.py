"""What kind of file a path names, checked before anything is read, opened or renamed.

A named pipe (FIFO) blocks whoever opens it until a writer appears, so
reading one hangs; a folder or a device file must never be read as data or
moved aside as if it were a database. The store and the content loader both
ask here first. Only the standard library: quick commands import this.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotARegularFile(OSError):
    """The path names something other than a regular file; `kind` says what ("a folder")."""

    def __init__(self, kind: str, path: Path) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}, not a file", str(path))
        self.kind = kind


def kind_of(mode: int) -> str:
    """What a file with `st_mode` `mode` is, in words ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_a_file(path: Path) -> str:
    """What `path` is when it is there but not a regular file ("a folder"...); else "".

    Follows symbolic links (a link to a regular file is fine) and never opens
    the path, so a named pipe cannot block. A missing path gives "".
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return ""
    return kind_of(mode)


def read_regular(path: Path, limit: int) -> bytes:
    """Up to `limit` bytes of the regular file `path`; NotARegularFile for anything else.

    Checked before opening and again on the open file (O_NONBLOCK: opening a
    named pipe that appeared meanwhile returns at once instead of waiting).
    Other failures are the usual OSError (FileNotFoundError...).
    """
    refused = not_a_file(path)
    if refused:
        raise NotARegularFile(refused, path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        refused = kind_of(os.fstat(fd).st_mode)
        if refused:
            raise NotARegularFile(refused, path)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(fd)
