"""What a participant writes: answers, their versions, the action plan, the letter, search.

Pure functions and dataclasses: no I/O, no SQL, no clock (callers pass `today`
and `now` in). The store keeps the data; these rules decide what is valid, what
a sheet's status is, when a version is worth keeping, when the letter may be
read, and how a search result is shown.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from companion.domain.dates import long_date, short_date
from companion.domain.programme import Event, week_start
from companion.domain.worksheets import Letter, Prompt, ReflectiveContent, Sheet, Worksheet

# ---------------------------------------------------------------- limits

# Documented limits (README, `companion worksheets --help`). An answer holds
# about 15,000 words: far more than anyone writes by hand, small enough that a
# stray 100 MB paste cannot freeze the editor or bloat the database.
ANSWER_LIMIT = 100_000
PLAN_TEXT_LIMIT = 300
SEARCH_TEXT_LIMIT = 200
SEARCH_RESULTS = 50

# Versions: one a minute while someone writes, plus one before any large cut
# (select-all and type is the moment people regret), the newest 50 per answer.
VERSION_EVERY = dt.timedelta(seconds=60)
VERSIONS_KEPT = 50
LARGE_CUT_CHARS = 100

# Autosave: 1 s after the last keystroke, and at least every 2 s while typing
# continues, so a killed terminal loses at most about 2 s of typing.
SAVE_QUIET_S = 1.0
SAVE_MAX_WAIT_S = 2.0
SAVE_RETRY_S = 5.0


# ---------------------------------------------------------------- checking text


def answer_problem(text: str, *, what: str = "This answer") -> str | None:
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


def check_answer(text: str, *, what: str = "This answer") -> str:
    """`text` in NFC form, ready to store; ValueError with `answer_problem`'s sentence if not.

    Escape sequences and markup are kept exactly as typed: they are shown
    literally, never interpreted.
    """
    problem = answer_problem(text, what=what)
    if problem is not None:
        raise ValueError(problem)
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
    return f"{count:,} word" + ("" if count == 1 else "s")


# ---------------------------------------------------------------- answers and versions


@dataclass(frozen=True)
class Answer:
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


# ---------------------------------------------------------------- sheet status

SheetStatus = Literal["not started", "in progress", "complete"]
SHEET_STATUSES: tuple[str, ...] = get_args(SheetStatus)


def answered(sheet: Sheet, answers: Mapping[str, str]) -> int:
    """How many of the sheet's prompts have an answer with some words in it."""
    return sum(1 for p in sheet.prompts if answers.get(p.id, "").strip())


def sheet_status(sheet: Sheet, answers: Mapping[str, str], complete: bool) -> SheetStatus:
    """`complete` once the participant marks it so; `in progress` once anything is written."""
    if complete:
        return "complete"
    return "in progress" if answered(sheet, answers) else "not started"


def counts_toward_completion(sheet: Sheet) -> bool:
    """The webinar worksheets count as programme activities (one each).

    The questionnaire is part of the baseline and end activities, which are
    marked on the schedule; coaching notes and the letter are optional extras.
    """
    return isinstance(sheet, Worksheet)


def current_sheet(content: ReflectiveContent, week: int, weeks: int) -> Sheet:
    """The sheet to offer this week: the latest webinar's worksheet, the questionnaire outside.

    Before the programme (week 0) that is the baseline questionnaire; after
    it (week > weeks) the end questionnaire.
    """
    if week < 1:
        return content.questionnaire.baseline
    if week > weeks:
        return content.questionnaire.end
    started = [w for w in content.worksheets if w.week <= week]
    return started[-1] if started else content.worksheets[0]


SHEET_KIND_WORDS: Mapping[str, str] = {
    "worksheet": "Worksheet",
    "coaching": "Coaching notes",
    "questionnaire": "Questionnaire",
    "letter": "Letter",
}


@dataclass(frozen=True)
class SheetRow:
    """One line of the list of sheets: the sheet, its status and a few words of detail."""

    sheet: Sheet
    status: SheetStatus
    detail: str

    @property
    def kind_words(self) -> str:
        return SHEET_KIND_WORDS[self.sheet.sheet_kind]

    def as_json(self) -> dict[str, object]:
        """The row as `companion worksheets --json` prints it."""
        return {
            "id": self.sheet.id,
            "title": self.sheet.title,
            "component": self.sheet.component,
            "week": self.sheet.week,
            "status": self.status,
        }


def sheet_rows(
    content: ReflectiveContent,
    answers: Mapping[str, Mapping[str, str]],
    completed: Collection[str],
    letter: LetterStatus,
) -> list[SheetRow]:
    """Every sheet in programme order with its status (the letter's comes from its stage)."""
    rows = []
    for sheet in content.sheets:
        if isinstance(sheet, Letter):
            rows.append(SheetRow(sheet, letter.sheet_status, letter.sentence))
            continue
        written = answers.get(sheet.id, {})
        total = len(sheet.prompts)
        detail = f"{answered(sheet, written)} of {total} answered"
        rows.append(SheetRow(sheet, sheet_status(sheet, written, sheet.id in completed), detail))
    return rows


# ---------------------------------------------------------------- the action plan

PlanState = Literal["open", "done", "let-go"]
PLAN_STATES: tuple[str, ...] = get_args(PlanState)
PLAN_STATE_WORDS: Mapping[str, str] = {"open": "open", "done": "done", "let-go": "let go"}


@dataclass(frozen=True)
class PlanItem:
    """One commitment of the action plan."""

    id: int
    text: str
    due: dt.date | None
    state: PlanState
    source_sheet: str | None  # the sheet (and prompt) it came from, if any
    source_prompt: str | None
    created: dt.datetime
    updated: dt.datetime

    @property
    def state_words(self) -> str:
        return PLAN_STATE_WORDS[self.state]


def check_plan_text(text: str) -> str:
    """One line of up to 300 characters: line breaks become spaces, ends are trimmed."""
    problem = answer_problem(text, what="The commitment")
    if problem is not None:
        raise ValueError(problem)
    line = " ".join(unicodedata.normalize("NFC", text).split())
    if not line:
        raise ValueError("The commitment is empty; write a few words about what you will do")
    if len(line) > PLAN_TEXT_LIMIT:
        raise ValueError(
            f"The commitment is {len(line):,} characters; keep it to {PLAN_TEXT_LIMIT} "
            "(a sentence or two)"
        )
    return line


def check_due(due: dt.date | None, today: dt.date) -> dt.date | None:
    """An optional date within a year back and two years ahead (otherwise a typo, probably)."""
    if due is None:
        return None
    if (today - due).days > 366:
        raise ValueError(f"{long_date(due)} is more than a year ago; check the year")
    if (due - today).days > 2 * 366:
        raise ValueError(f"{long_date(due)} is more than two years away; check the year")
    return due


_STATE_BY_WORD: Mapping[str, PlanState] = {
    "open": "open",
    "reopen": "open",
    "done": "done",
    "let-go": "let-go",
    "letgo": "let-go",
}


def parse_plan_state(word: str) -> PlanState:
    """`open`, `done`, `let go` (or `let-go`, `letgo`); ValueError naming the choices."""
    key = "-".join(word.strip().lower().replace("_", " ").replace("-", " ").split())
    try:
        return _STATE_BY_WORD[key]
    except KeyError:
        raise ValueError(f"{word!r} is not a state; use open, done or let go") from None


def plan_order(items: Iterable[PlanItem]) -> list[PlanItem]:
    """Open items first (soonest date first, undated after), then done, then let go."""
    rank = {"open": 0, "done": 1, "let-go": 2}
    return sorted(
        items,
        key=lambda i: (rank[i.state], i.due is None, i.due or dt.date.min, i.created, i.id),
    )


def due_words(item: PlanItem, today: dt.date) -> str:
    """`by Fri 4 Dec`, `by today`; a date gone by is said plainly (`planned for Mon 30 Nov`)."""
    if item.due is None:
        return ""
    if item.state == "open" and item.due == today:
        return "by today"
    if item.state == "open" and item.due < today:
        return f"planned for {short_date(item.due)}"
    return f"by {short_date(item.due)}"


PLAN_STATE_MESSAGES: Mapping[str, str] = {
    "open": "Back in your plan",
    "done": "Done. Well done for following it through",
    "let-go": "Let go. Plans change, and noticing that is part of the practice",
}


# ---------------------------------------------------------------- the letter to self

LetterStage = Literal["not-yet", "writing", "sealed", "ready", "opened", "closed"]


@dataclass(frozen=True)
class LetterDates:
    """When the letter may be written (first..last day) and when it opens."""

    first_day: dt.date
    last_day: dt.date
    opens_on: dt.date


def letter_dates(letter: Letter, start: dt.date, events: Sequence[Event]) -> LetterDates:
    """The writing window (weeks `week`..`until_week`) and the opening day.

    It opens on the day of the session named by `opens_at` (the follow-up
    workshop), as scheduled, so moving that session moves the opening too.
    """
    opening = next((e for e in events if e.id == letter.opens_at), None)
    last = week_start(start, letter.until_week) + dt.timedelta(days=6)
    return LetterDates(
        first_day=week_start(start, letter.week),
        last_day=last,
        opens_on=opening.day if opening is not None else last + dt.timedelta(weeks=8),
    )


def letter_sealed(sealed: bool, has_text: bool, dates: LetterDates, today: dt.date) -> bool:
    """Sealed by the writer, or by the end of the writing window.

    A draft left unsealed after the last day is sealed all the same, so the
    letter still arrives at the follow-up workshop.
    """
    return sealed or (has_text and today > dates.last_day)


def letter_readable(sealed: bool, has_text: bool, dates: LetterDates, today: dt.date) -> bool:
    """Whether the letter's text may be shown: while it is an unsealed draft, or once it opens."""
    return not letter_sealed(sealed, has_text, dates, today) or today >= dates.opens_on


@dataclass(frozen=True)
class LetterRecord:
    """The stored letter as the store hands it out: `text` is None while it is sealed."""

    has_text: bool
    text: str | None
    sealed: dt.datetime | None
    opened: dt.datetime | None
    updated: dt.datetime | None


@dataclass(frozen=True)
class LetterStatus:
    """Where the letter is, what can be done with it, and one sentence saying so."""

    stage: LetterStage
    sentence: str
    has_text: bool = False

    @property
    def can_write(self) -> bool:
        return self.stage == "writing"

    @property
    def can_open(self) -> bool:
        return self.stage in ("ready", "opened")

    @property
    def sheet_status(self) -> SheetStatus:
        """The letter in the list of sheets: sealed counts as complete."""
        if self.stage in ("sealed", "ready", "opened"):
            return "complete"
        return "in progress" if self.has_text else "not started"


def letter_status(record: LetterRecord, dates: LetterDates, today: dt.date) -> LetterStatus:
    """The letter's stage on `today`, in kind words."""
    has_text = record.has_text
    if letter_sealed(record.sealed is not None, has_text, dates, today):
        if today < dates.opens_on:
            opens = long_date(dates.opens_on)
            return LetterStatus(
                "sealed", f"Sealed. It opens on {opens}, at the follow-up workshop.", has_text
            )
        if record.opened is None:
            return LetterStatus("ready", "Your letter is ready to open.", has_text)
        return LetterStatus("opened", "Your letter, opened at the follow-up.", has_text)
    if today < dates.first_day:
        first = long_date(dates.first_day)
        return LetterStatus("not-yet", f"You can write your letter from {first}.", has_text)
    if today > dates.last_day:
        return LetterStatus(
            "closed",
            "The letter is written in the first four weeks; there is no letter this time, "
            "and that is fine.",
            has_text,
        )
    until = long_date(dates.last_day)
    if has_text:
        return LetterStatus(
            "writing", f"A draft, not sealed yet. Seal it when it feels right, by {until}.", True
        )
    return LetterStatus("writing", f"Write it any time until {until}, then seal it.", False)


def check_letter_write(status: LetterStatus) -> None:
    """ValueError unless the letter can be written now (its stage says why not)."""
    if not status.can_write:
        raise ValueError(f"The letter cannot be changed now. {status.sentence}")


# ---------------------------------------------------------------- search

SearchKind = Literal["answer", "plan"]
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what the index counts as a word


@dataclass(frozen=True)
class SearchMatch:
    """A row the full-text index found: an answer or an action-plan item."""

    kind: SearchKind
    text: str
    sheet_id: str | None = None
    prompt_id: str | None = None
    item_id: int | None = None


@dataclass(frozen=True)
class SearchHit:
    """A match ready to show: where it is, and a one-line excerpt in plain and matched parts."""

    match: SearchMatch
    where: str
    parts: tuple[tuple[str, bool], ...]

    @property
    def excerpt(self) -> str:
        return "".join(text for text, _ in self.parts)


def search_terms(text: str) -> list[str]:
    """The words of a search, as the index sees them (letters and digits only)."""
    return [word for word in _WORD.findall(unicodedata.normalize("NFC", text)) if word]


def check_search(text: str) -> str:
    """A search of up to 200 characters with at least one word; ValueError otherwise."""
    problem = answer_problem(text, what="The search")
    if problem is not None:
        raise ValueError(problem)
    if len(text) > SEARCH_TEXT_LIMIT:
        raise ValueError(f"The search is {len(text):,} characters; keep it to {SEARCH_TEXT_LIMIT}")
    if not search_terms(text):
        raise ValueError("Type a word or two to search for")
    return text


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for what the user typed, or None if there is nothing to find.

    Each word is quoted (so `AND`, `NEAR`, `*`, `"` or `:` in the text are
    words, never query syntax) and matches as a prefix: `kind` finds
    `kindness`. All words must appear.
    """
    terms = search_terms(text)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def _fold(word: str) -> str:
    """Case and accents removed, as the index's `unicode61 remove_diacritics 2` does."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def excerpt(text: str, terms: Sequence[str], width: int = 70) -> tuple[tuple[str, bool], ...]:
    """A one-line excerpt of `text` around the first matching word, as (part, matched) pairs.

    Words that start with a search term are marked as matched. Line breaks
    become spaces; cut ends are marked with an ellipsis.
    """
    folded = [_fold(term) for term in terms]
    spans = [
        (m.start(), m.end())
        for m in _WORD.finditer(text)
        if any(_fold(m.group()).startswith(term) for term in folded if term)
    ]
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    if begin > 0:  # start at a word boundary, never after the match
        space = text.find(" ", begin, first)
        begin = space + 1 if space >= 0 else first
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first + 10 else end
    parts: list[tuple[str, bool]] = []
    if begin > 0:
        parts.append(("\u2026", False))
    position = begin
    for start, stop in spans:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        if start > position:
            parts.append((_one_line(text[position:start]), False))
        parts.append((_one_line(text[start:stop]), True))
        position = stop
    if position < end:
        parts.append((_one_line(text[position:end]), False))
    if end < len(text):
        parts.append(("\u2026", False))
    return tuple(parts)


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def where_found(match: SearchMatch, content: ReflectiveContent) -> str:
    """`Mindfulness: noticing... · What happened, in a sentence or two?` or `Action plan`."""
    if match.kind == "plan":
        return "Action plan"
    try:
        sheet = content.sheet(match.sheet_id or "")
    except KeyError:
        return f"{match.sheet_id} \u00b7 {match.prompt_id}"  # content changed since it was written
    label = next((p.label for p in sheet.prompts if p.id == match.prompt_id), match.prompt_id)
    return f"{sheet.title} \u00b7 {label}"


def search_hits(
    matches: Iterable[SearchMatch], content: ReflectiveContent, text: str
) -> list[SearchHit]:
    """Shape what the index found for display, in the order found (best first)."""
    terms = search_terms(text)
    return [SearchHit(m, where_found(m, content), excerpt(m.text, terms)) for m in matches]


def prompt_of(sheet: Sheet, prompt_id: str) -> Prompt | None:
    """The sheet's prompt with this id, or None if the content no longer has it."""
    return next((p for p in sheet.prompts if p.id == prompt_id), None)
