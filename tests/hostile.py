"""Hostile input for the shell's tests: what a careless or malicious person might type.

Shared by tests/test_cli_output.py and tests/test_cli_bad_input.py.
"""

from __future__ import annotations

import re

# Characters that must never reach a terminal raw: C0 and C1 controls (but
# newline and tab), DEL, the bidirectional controls, line and paragraph separators.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

ESC_CLEAR = "\x1b[2J"  # clears the screen
OSC_TITLE = "\x1b]0;owned\x07"  # retitles the terminal
RLO = "\u202e"  # right-to-left override: reverses what follows on the line
LINE_SEPARATOR = "\u2028"
ZERO_WIDTH_ONLY = "\u200b\u200d\ufeff"
HANGUL_FILLER = "\u3164"
HUGE = "x" * 100_000
HUGE_INTEGER = "1" + "0" * 30
ARABIC_INDIC = "\u0660"  # zero; the digits follow it
FULLWIDTH = "\uff10"


def raw_unsafe(text: str) -> list[str]:
    """Every character in `text` that a terminal would act on instead of showing."""
    return RAW_UNSAFE.findall(text)


def digits_in(zero: str, text: str) -> str:
    """`text` with its ASCII digits written in the run of digits starting at `zero`."""
    return "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in text)
