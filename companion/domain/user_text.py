"""Checking text people type, and making stored text safe to print."""

from __future__ import annotations

import unicodedata

from companion.domain.errors import Invalid

NAME_LIMIT = 40


def check_text(text: str, *, what: str, limit: int, multiline: bool = False) -> str:
    """Return `text` in NFC form, or raise Invalid saying what is wrong with it.

    Refuses NUL, lone surrogates (they cannot be stored) and, unless
    `multiline`, any control character. Escape sequences in multi-line text
    are stored as typed and shown literally (see `printable`).
    """
    for char in text:
        if char == "\x00":
            raise Invalid(f"{what} contains a NUL character; remove it and try again")
        if "\ud800" <= char <= "\udfff":
            raise Invalid(f"{what} contains a broken character (a lone surrogate)")
        if not multiline and unicodedata.category(char) == "Cc":
            raise Invalid(f"{what} must be on one line, without control characters")
    text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        raise Invalid(f"{what} is {len(text):,} characters; the limit is {limit:,}")
    return text


def check_name(text: str | None) -> str | None:
    """A first name: optional, one line, up to NAME_LIMIT characters."""
    if text is None:
        return None
    text = check_text(text, what="The name", limit=NAME_LIMIT).strip()
    return text or None


def printable(text: str) -> str:
    """`text` with control characters made visible, so printing it cannot move the cursor.

    Newlines and tabs are kept; everything else in Unicode category Cc (ESC,
    BEL, CR...) becomes its escaped form, e.g. `\\x1b`.
    """
    return "".join(
        char
        if char in "\n\t" or unicodedata.category(char) != "Cc"
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )
