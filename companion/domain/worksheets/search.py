"""Searching what the participant wrote: the query, and excerpts to show."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from companion.domain.dates import long_date
from companion.domain.errors import Invalid
from companion.domain.user_text import check_line
from companion.domain.worksheets.sheets import SheetContent

SEARCH_TEXT_LIMIT = 200

SEARCH_RESULTS = 50

SearchKind = Literal["answer", "plan", "note"]

_WORD = re.compile(r"[^\W_]+")  # letters and digits: what the index counts as a word


@dataclass(frozen=True)
class SearchMatch:
    """A row the full-text index found: an answer, an action-plan item or a self-care note."""

    kind: SearchKind
    text: str
    sheet_id: str | None = None
    prompt_id: str | None = None
    item_id: int | None = None  # a plan item's id, or a note's entry id
    habit_id: int | None = None  # a note's habit
    habit: str | None = None  # a note's habit name, as it is now
    day: dt.date | None = None  # a note's day


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
    """A search of up to 200 characters with at least one word, as one line; Invalid otherwise.

    Line breaks become spaces (a pasted phrase is still a search); otherwise
    the one-line policy of `user_text.check_line` applies: no control or
    direction characters, nothing made only of invisible ones.
    """
    line = check_line(" ".join(text.split()), what="The search", limit=len(text) + 1)
    if len(line) > SEARCH_TEXT_LIMIT:
        raise Invalid(f"The search is {len(line):,} characters; keep it to {SEARCH_TEXT_LIMIT}")
    if not search_terms(line):
        raise Invalid("Type a word or two to search for")
    return line


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


def where_found(match: SearchMatch, content: SheetContent) -> str:
    """`Mindfulness: noticing... · What happened, in a sentence or two?`, `Action plan`,
    or for a self-care note `Self-care · Walking · Sunday 22 November 2026`."""
    if match.kind == "plan":
        return "Action plan"
    if match.kind == "note":
        day = long_date(match.day) if match.day is not None else ""
        return f"Self-care \u00b7 {match.habit} \u00b7 {day}"
    try:
        sheet = content.sheet(match.sheet_id or "")
    except KeyError:
        return f"{match.sheet_id} \u00b7 {match.prompt_id}"  # content changed since it was written
    label = next((p.label for p in sheet.prompts if p.id == match.prompt_id), match.prompt_id)
    return f"{sheet.title} \u00b7 {label}"


def search_hits(
    matches: Iterable[SearchMatch], content: SheetContent, text: str
) -> list[SearchHit]:
    """Shape what the index found for display, in the order found (best first)."""
    terms = search_terms(text)
    return [SearchHit(m, where_found(m, content), excerpt(m.text, terms)) for m in matches]
