"""Written answers: checking what is typed, when to keep an earlier version, when to autosave.

Pure: no I/O, no SQL, no clock (callers pass `now` in).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from companion.domain.errors import Invalid
from companion.domain.plurals import counted

# Documented limits (README, `companion worksheets --help`). An answer holds
# about 15,000 words: far more than anyone writes by hand, small enough that a
# stray 100 MB paste cannot freeze the editor or bloat the database.
ANSWER_LIMIT = 100_000

# Versions: one a minute while someone writes, plus one before any large cut
# (select-all and type is the moment people regret), the newest 50 per answer.
VERSION_EVERY = dt.timedelta(seconds=60)

VERSIONS_KEPT = 50

LARGE_CUT_CHARS = 100

# Autosave: 1 s after the last keystroke, and at least every 1.25 s while typing
# continues, so a killed terminal loses at most 2 s of typing: the screen checks
# four times a second (tui/screens/writing.py), and the rest of the 2 s is for the
# save itself on a busy machine. Every 2 s lost up to 2.4 s (measured through a
# real terminal, tests/tui/test_killed_while_typing.py).
SAVE_QUIET_S = 1.0

SAVE_MAX_WAIT_S = 1.25

SAVE_RETRY_S = 5.0


def writing_problem(text: str, *, what: str = "This answer") -> str | None:
    """Why `text` cannot be saved as an answer (a sentence saying what to change), or None.

    NUL and lone surrogates cannot be stored; the message says on which line
    and column they are, so the writer can find and remove them.
    """
    line, column = 1, 1
    for char in text:
        if char == "\x00":
            return (
                f"{what} has a NUL character (shown as \u2400) on line {line}, column {column}; "
                "remove it to save"
            )
        if "\ud800" <= char <= "\udfff":
            return (
                f"{what} has a broken character (shown as \ufffd) on line {line}, "
                f"column {column}; remove it to save"
            )
        if char == "\n":
            line, column = line + 1, 1
        else:
            column += 1
    size = len(unicodedata.normalize("NFC", text))
    if size > ANSWER_LIMIT:
        return (
            f"{what} is {size:,} characters; the limit is {ANSWER_LIMIT:,}. "
            f"Shorten it by {size - ANSWER_LIMIT:,} to save"
        )
    return None


def check_written_answer(text: str, *, what: str = "This answer") -> str:
    """`text` in NFC form, ready to store; Invalid with `writing_problem`'s sentence if not.

    Escape sequences and markup are kept exactly as typed: they are shown
    literally, never interpreted.
    """
    problem = writing_problem(text, what=what)
    if problem is not None:
        raise Invalid(problem)
    return unicodedata.normalize("NFC", text)


def fit(text: str, room: int) -> str:
    """The longest start of `text` that is at most `room` characters.

    The cut never separates a letter from the accents that follow it.
    """
    if len(text) <= room:
        return text
    end = max(room, 0)
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    return text[:end]


def word_count(text: str) -> int:
    """Words as a person would count them: runs of non-space characters."""
    return len(text.split())


def words(count: int) -> str:
    """`1 word`, `12 words`, `1,204 words`."""
    return counted(count, "word")


@dataclass(frozen=True)
class WrittenAnswer:
    """What the participant wrote for one prompt of one sheet."""

    sheet_id: str
    prompt_id: str
    text: str
    updated: dt.datetime  # aware, UTC


@dataclass(frozen=True)
class AnswerVersion:
    """An earlier text of an answer, kept so it can be looked at and restored."""

    id: int
    sheet_id: str
    prompt_id: str
    text: str
    saved: dt.datetime  # when this text was the saved answer (aware, UTC)

    @property
    def preview(self) -> str:
        """The first line, shortened: enough to recognise the version in a list."""
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), "")
        return first if len(first) <= 60 else first[:59].rstrip() + "\u2026"


def replaced_chars(old: str, new: str) -> int:
    """How many characters of `old` are gone or changed in `new` (beyond a shared start/end)."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return len(old) - start - end


def keep_version(
    current: str, new: str, last_version: dt.datetime | None, now: dt.datetime
) -> bool:
    """Whether saving `new` over `current` should first keep `current` as a version.

    Nothing is kept for an empty answer. Otherwise: when no version was kept in
    the last minute (one a minute while writing), or when the change removes a
    large part of the text (at least 100 characters, or at least half of a text
    of 20 or more), so an accidental select-all-and-type can always be undone.
    """
    if not current.strip() or current == new:
        return False
    if last_version is None or now - last_version >= VERSION_EVERY:
        return True
    lost = replaced_chars(current, new)
    return lost >= LARGE_CUT_CHARS or (lost >= 20 and lost * 2 >= len(current))


@dataclass
class SaveTimer:
    """When to autosave, given the times (monotonic seconds) of edits, saves and failures.

    Due `SAVE_QUIET_S` after the last change, or `SAVE_MAX_WAIT_S` after the
    first unsaved one while typing goes on. After a failed save (database
    busy, disk full) the next try waits `SAVE_RETRY_S`, so a long lock does
    not make every keystroke wait for it.
    """

    first: float | None = None
    last: float | None = None
    retry_at: float | None = None

    @property
    def pending(self) -> bool:
        """Something changed since the last save (or since `hold`)."""
        return self.first is not None

    def changed(self, moment: float) -> None:
        if self.first is None:
            self.first = moment
        self.last = moment

    def due(self, moment: float) -> bool:
        if self.first is None or self.last is None:
            return False
        if self.retry_at is not None and moment < self.retry_at:
            return False
        return moment - self.last >= SAVE_QUIET_S or moment - self.first >= SAVE_MAX_WAIT_S

    def saved(self) -> None:
        self.first = self.last = self.retry_at = None

    def failed(self, moment: float) -> None:
        self.retry_at = moment + SAVE_RETRY_S

    def hold(self) -> None:
        """Wait for the next change before trying again (the text itself needs changing)."""
        self.first = self.last = self.retry_at = None
