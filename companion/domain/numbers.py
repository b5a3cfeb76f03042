"""Reading the numbers people type: one rule for every number in the shell and the app.

The rule: a number is written in decimal digits, and any Unicode decimal
digit (category Nd) counts as the digit it is. Arabic-Indic three (U+0663),
Persian three (U+06F3), Devanagari three (U+0969) and fullwidth three
(U+FF13) all read as 3: a keyboard or input method set to another script
types them, and the person means the number. (Python's `int()` already read
them, so some arguments took them and others refused them: one rule ends
that.) Characters that merely look like numbers are not digits and are
refused, and the message names the character: superscripts (U+00B2),
fractions (U+00BD), circled numbers (U+2462), and a fullwidth full stop
(U+FF0E) or Arabic decimal separator (U+066B) in place of the point `.`.

Every date a person types follows the same rule (`dates.py` reads its digits
through `ascii_digits`), so 2026-03-02 in Arabic-Indic digits is 2 March 2026.
"""

from __future__ import annotations

import re
import unicodedata

from companion.domain.errors import Invalid
from companion.domain.user_text import quoted

# The largest whole number Companion keeps (SQLite's largest integer); a
# larger one cannot name anything stored, and would overflow on the way in.
MAX_WHOLE = 2**63 - 1

_WHOLE = re.compile(r"[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit written as its ASCII digit (`٢٠٢٦` gives `2026`)."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.decimal(char)) if unicodedata.category(char) == "Nd" else char
        for char in text
    )


def read_whole(text: str, *, what: str, hint: str, low: int = 0, high: int = MAX_WHOLE) -> int:
    """The whole number written in `text`, from `low` to `high`; Invalid if not.

    The message reads `'x' is not {what}; {hint}`, or says the number is out
    of range. Signs, points and spaces inside are refused: a whole number is
    only digits.
    """
    typed = ascii_digits(text.strip())
    if _WHOLE.fullmatch(typed) is None:
        raise Invalid(f"{describe(text)} is not {what}; {hint}")
    digits = typed.lstrip("0") or "0"
    too_large = len(digits) > len(str(high)) or int(digits) > high  # no int() of a huge string
    if too_large or int(digits) < low:
        shown = digits if len(digits) <= 40 else f"{digits[:20]}\u2026 ({len(digits):,} digits)"
        if too_large and high == MAX_WHOLE:
            raise Invalid(f"{shown} is larger than any number Companion keeps; {hint}")
        raise Invalid(f"{shown} is not between {low:,} and {high:,}; {hint}")
    return int(digits)


def read_decimal(text: str, *, what: str = "a number", hint: str) -> float:
    """The number written in `text` (`25`, `2.5`, `.5`, `-1`); Invalid if it is not one.

    No exponents (`1e3`), no `nan` or `inf`: the caller checks the range,
    with a message about what the number is for.
    """
    typed = ascii_digits(text.strip())
    if _DECIMAL.fullmatch(typed) is None:
        raise Invalid(f"{describe(text)} is not {what}; {hint}")
    return float(typed)


def describe(text: str) -> str:
    """`text` quoted for a message, naming a character that looks like a digit but is not one."""
    shown = quoted(text.strip())
    stray = next(
        (c for c in text.strip() if not c.isascii() and unicodedata.category(c) != "Nd"), None
    )
    if stray is None:
        return shown
    name = unicodedata.name(stray, "an unnamed character")
    return f"{shown} (U+{ord(stray):04X} {name} is not a digit)"
