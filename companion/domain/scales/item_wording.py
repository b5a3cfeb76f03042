"""Reading the wording of a scale from the participant's own licensed copy.

Companion never ships item wording. Someone who holds a licensed copy of a form
can import its items, as a plain text file, into their own database so the
app can show each item on screen. This module checks such a file against the
instrument's key; it never sees the wording of any form itself.

The file: UTF-8 text (a byte-order mark is fine), one item per line, in item
order. Lines may be numbered `1.` or `1)`; then every line is numbered and the
numbers run 1, 2, 3 ... in order. Blank lines and Windows line endings are
fine. Refused: another encoding, control characters, markup (HTML or
formatting codes), an empty item, an item longer than ITEM_LIMIT characters,
and a number of items that differs from the key.
"""

from __future__ import annotations

import re
import unicodedata

from companion.domain.errors import Invalid
from companion.domain.scales.instruments import Instrument

# A whole form fits in a few kilobytes; anything bigger is the wrong file.
FILE_LIMIT = 64 * 1024
# The longest item of these forms is well under 200 characters.
ITEM_LIMIT = 300

_NUMBERED = re.compile(r"(\d{1,3})\s*[.)]\s*(.*)", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_FORMAT_CODE = re.compile(r"\[/?[a-z@#$][^\[\]]*\]|\[/\]|\{\\rtf|\\par\b")
# Characters that reorder or hide text on screen (bidirectional controls).
_HIDDEN = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class WordingError(Invalid):
    """A wording file does not fit the key; the message names the line or item."""


def parse_wording(instrument: Instrument, data: bytes) -> tuple[str, ...]:
    """The items of a wording file, checked against `instrument`; WordingError says why not."""
    name = instrument.short_name
    if len(data) > FILE_LIMIT:
        raise WordingError(
            f"the file is {len(data):,} bytes; a {name} wording file is a few kilobytes "
            f"(the limit is {FILE_LIMIT:,}): is it the right file?"
        )
    text = _decode(data)
    lines = [(number, line) for number, line in enumerate(re.split(r"\r\n|\r|\n", text), 1)]
    items: list[tuple[int, str]] = []
    for line_number, line in lines:
        line = line.replace("\t", " ").strip()
        if line:
            _check_characters(line, line_number)
            items.append((line_number, unicodedata.normalize("NFC", line)))
    if not items:
        raise WordingError(
            f"the file has no items; put the {instrument.item_count} items of {name} one per line"
        )
    texts = _unnumber(items, name)
    if len(texts) != instrument.item_count:
        raise WordingError(
            f"{name} has {instrument.item_count} items but the file has {len(texts)}; "
            "check for a missing, split or merged line"
        )
    for item, item_text in enumerate(texts, start=1):
        if not item_text:
            raise WordingError(f"item {item} is empty; every item needs its text")
        if len(item_text) > ITEM_LIMIT:
            raise WordingError(
                f"item {item} is {len(item_text):,} characters (the limit is {ITEM_LIMIT}); "
                "are several items on one line?"
            )
    return tuple(texts)


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WordingError("the file is UTF-16 text; save it as UTF-8 and import it again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise WordingError(
            f"the file is not UTF-8 text (byte {error.start + 1} cannot be read); "
            "save it as UTF-8 and import it again"
        ) from None


def _check_characters(line: str, line_number: int) -> None:
    for char in line:
        if char == "\x00":
            raise WordingError(f"line {line_number} contains a NUL character; is it a text file?")
        if unicodedata.category(char) == "Cc" or char in _HIDDEN:
            raise WordingError(
                f"line {line_number} contains a control character ({char!r}); "
                "save the items as plain text"
            )
    if _HTML_TAG.search(line) or _FORMAT_CODE.search(line):
        raise WordingError(
            f"line {line_number} looks like markup (HTML or formatting codes); "
            "save the items as plain text"
        )


def _unnumber(items: list[tuple[int, str]], name: str) -> list[str]:
    """Drop `1.` / `1)` numbering, checking it runs 1..n in order; unnumbered lines pass."""
    matches = [(line, _NUMBERED.fullmatch(text), text) for line, text in items]
    numbered = [m is not None for _, m, _ in matches]
    if not any(numbered):
        return [text for _, _, text in matches]
    if not all(numbered):
        line = next(line for (line, _, _), has in zip(matches, numbered, strict=True) if not has)
        raise WordingError(
            f"line {line} has no item number but other lines do; number every item "
            "(1. or 1)) or none"
        )
    texts = []
    for expected, (line, match, _) in enumerate(matches, start=1):
        assert match is not None
        found = int(match.group(1))
        if found != expected:
            raise WordingError(
                f"line {line} is numbered {found} where item {expected} was expected; "
                f"the {name} items must run 1, 2, 3 ... in order"
            )
        texts.append(match.group(2).strip())
    return texts
