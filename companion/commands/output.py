"""Everything the shell prints goes through here: shown safely, and never failing after a save.

`companion` puts a guard on stdout and stderr for the whole run (`guarded`):
- control and direction characters are escaped on the way out (`printable`),
  so a name stored before the text policy, a path or an argument cannot move
  the cursor, retitle the terminal or reverse the rest of a line;
- what the terminal's encoding cannot show (`Café ☕` on an ASCII or Latin-1
  terminal) is written as escapes (`Caf\\xe9 \\u2615`) instead of failing:
  a command that saved an entry must not then fail to say so, or a person
  retrying would save it twice;
- a failed write (a full disk, a closed pipe) stops the output quietly;
  `Guard.settle` then says so in one line and picks the exit code.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import TextIO, cast

from companion.domain.user_text import one_line, printable

# A message longer than this is cut in the middle: it echoes something huge. Typed
# values are already cut short where they are quoted (`user_text.quoted`); this
# leaves room for two long paths (a database and its newest backup) in full.
MESSAGE_LIMIT = 2000


class GuardedStream:
    """A text stream that escapes what is unsafe to print and survives failed writes.

    Not an `io` class on purpose: those close themselves when collected, and
    anything that kept a reference to sys.stdout would then find it closed.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.failure: OSError | None = None

    def write(self, text: str) -> int:
        self.send(printable(text))
        return len(text)

    def send(self, text: str) -> None:
        """Write `text` as it is: only for control characters Companion itself sends."""
        if self.failure is not None:
            return  # the output is gone; the rest of the command still runs
        try:
            try:
                self.stream.write(text)
            except UnicodeEncodeError:  # the encoder refuses before writing anything
                encoding = self.stream.encoding or "ascii"
                self.stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except OSError as error:
            self.failure = error

    def flush(self) -> None:
        if self.failure is not None:
            return
        try:
            self.stream.flush()
        except OSError as error:
            self.failure = error

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return self.stream.encoding

    def __getattr__(self, name: str) -> object:  # anything else a stream has (errors, buffer...)
        return getattr(self.stream, name)


class Guard:
    """The guarded stdout and stderr of one run of `companion`."""

    def __init__(self, out: GuardedStream, err: GuardedStream) -> None:
        self.out = out
        self.err = err

    def settle(self, code: int, *, saved: bool) -> int:
        """The exit code, once the output is flushed; one line on stderr if it could not be.

        A command that saved something exits 0 even when its report could not
        be written: the change is made, and a non-zero code invites a retry
        that would make it twice. A command that only shows something exits 1
        when it could not show it. A reader that went away (`| head`) is not
        an error at all.
        """
        self.out.flush()
        self.err.flush()
        failure = self.out.failure
        if failure is None:
            return code
        _quieten(self.out.stream)
        if isinstance(failure, BrokenPipeError) or code != 0:
            return code  # a closed pipe is the reader's choice; a failure already said its line
        reason = failure.strerror or type(failure).__name__
        if saved:
            self.err.write(
                f"companion: saved, but the report of it could not be written ({reason})\n"
            )
            return 0
        self.err.write(f"companion: could not write the output ({reason})\n")
        return 1


@contextlib.contextmanager
def guarded() -> Iterator[Guard]:
    """Guard sys.stdout and sys.stderr for the `with` block, then put the originals back."""
    original_out, original_err = sys.stdout, sys.stderr
    guard = Guard(GuardedStream(original_out), GuardedStream(original_err))
    sys.stdout, sys.stderr = cast(TextIO, guard.out), cast(TextIO, guard.err)
    try:
        yield guard
    finally:
        sys.stdout, sys.stderr = original_out, original_err


def send_control(text: str) -> None:
    """Write Companion's own control characters (the practice timer's `\\r`, the bell) as they are.

    Never for anything typed or stored: that goes through `print`, and is escaped.
    """
    stream = sys.stdout
    if isinstance(stream, GuardedStream):
        stream.send(text)
    else:
        stream.write(text)


def message_line(text: str) -> str:
    """A message as one short line: controls escaped, anything huge cut in the middle."""
    line = one_line(text)
    if len(line) <= MESSAGE_LIMIT:
        return line
    half = MESSAGE_LIMIT // 2
    return f"{line[:half]}\u2026{line[-half:]}"


def _quieten(stream: TextIO) -> None:
    """Point a failed stream's file at /dev/null, so Python's last flush at exit is quiet.

    Without this, what is still buffered fails again at exit and Python prints
    "Exception ignored ... BrokenPipeError" on stderr.
    """
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
