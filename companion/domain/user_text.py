"""One policy for text people type, and making stored text safe to show.

Two kinds of field:
- a **line** (a name, a habit's unit, a note, a reason, a commitment): one line,
  in NFC, with no control characters, no line or paragraph separators, no
  bidirectional controls (an override reverses whatever follows it on the
  printed line), and, if anything is typed at all, something visible: a name
  made only of zero-width spaces or Hangul fillers shows as a blank row;
- **writing** (answers, the letter): any text, line breaks and all, except NUL
  and lone surrogates, which cannot be stored (`worksheets.answers`).

Brackets and markup-like text (`Walk [30 min]`, `[b]`) are ordinary text in
both: they are shown literally, never interpreted. Everything that prints
what someone typed, or a path, goes through `printable` first.
"""

from __future__ import annotations

import unicodedata

from companion.domain.errors import Invalid

NAME_LIMIT = 40

# Bidirectional embeddings, overrides and isolates (Unicode's UAX #9). Plain
# right-to-left text needs none of them; the marks LRM, RLM and ALM are kept.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Line and paragraph separators: they break a "one-line" field in most terminals.
LINE_SEPARATORS = frozenset("\u2028\u2029")
# Drawn as nothing although they are letters or symbols: the Hangul fillers and
# the blank braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc"})


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing by itself (a space, a joiner, a BOM...)."""
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _BLANK_LETTERS


def check_line(text: str, *, what: str, limit: int) -> str:
    """`text` as one line in NFC, trimmed; Invalid (saying what to change) if it will not do.

    Empty (or only spaces) gives "": the caller decides whether that is fine.
    """
    for char in text:
        if char == "\x00":
            raise Invalid(f"{what} contains a NUL character; remove it and try again")
        if "\ud800" <= char <= "\udfff":
            raise Invalid(f"{what} contains a broken character (a lone surrogate)")
        if unicodedata.category(char) == "Cc" or char in LINE_SEPARATORS:
            raise Invalid(f"{what} must be on one line, without control characters")
        if char in BIDI_CONTROLS:
            raise Invalid(
                f"{what} contains a direction control (U+{ord(char):04X}), which would "
                "reorder the text after it; remove it (right-to-left letters need none)"
            )
    line = unicodedata.normalize("NFC", text).strip()
    if line and all(is_invisible(char) for char in line):
        raise Invalid(f"{what} shows nothing: it holds only invisible characters; type a word")
    if len(line) > limit:
        raise Invalid(f"{what} is {len(line):,} characters; the limit is {limit:,}")
    return line


def check_name(text: str | None) -> str | None:
    """A first name: optional, one line, up to NAME_LIMIT characters."""
    if text is None:
        return None
    return check_line(text, what="The name", limit=NAME_LIMIT) or None


def printable(text: str) -> str:
    """`text` made safe to print: control and direction characters shown as escapes.

    Newlines and tabs are kept; every other control character (ESC, BEL, CR...),
    the line and paragraph separators and the bidirectional controls become
    their escaped form (`\\x1b`, `\\u202e`), so printing a name cannot move the
    cursor, retitle the terminal or reverse the rest of the line.
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii") if _unsafe(char) else char for char in text
    )


def _unsafe(char: str) -> bool:
    if char in "\n\t":
        return False
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS or char in LINE_SEPARATORS


def one_line(text: str) -> str:
    """`printable(text)` on one line: how a message echoes typed text or a path.

    Line breaks and tabs become escapes too, so a one-line message stays one line.
    """
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


def quoted(text: str, limit: int = 40) -> str:
    """`text` as a message quotes it: in quotes, escaped like `one_line`, cut after `limit`.

    So a message that echoes what was typed stays one short line, however long
    or strange the typing.
    """
    shown = one_line(text[:limit]) + ("\u2026" if len(text) > limit else "")
    return f"'{shown}'"
