"""Counts and lists in words: `1 day`, `2 days`, `3 entries`; `walking, tea and rest`.

Every count Companion prints goes through `counted` (or `agree`), so that no
message says "1 days" or "Stopped after 1 minute. Log them?", and every list
in a sentence through `listed`. Habit units (`glasses`, `cups`, typed by the
person) have their own rule in `selfcare.describe`.
"""

from __future__ import annotations

from collections.abc import Sequence

# Nouns whose plural is not the singular plus "s".
_IRREGULAR = {
    "entry": "entries",
    "activity": "activities",
    "day off": "days off",
    "match": "matches",
    "was": "were",
    "is": "are",
    "it": "them",
}


def plural(noun: str) -> str:
    """`day` -> `days`, `entry` -> `entries`, `match` -> `matches`."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def counted(count: int, noun: str, many: str | None = None) -> str:
    """`count` and the noun, plural unless the count is one: `1 day`, `0 days`, `2,140 words`.

    `many` gives the plural where `plural()` would guess wrong.
    """
    return f"{count:,} {noun if count == 1 else (many or plural(noun))}"


def agree(count: int, one: str, many: str | None = None) -> str:
    """The word that agrees with `count`, without the number: `minute`/`minutes`, `it`/`them`."""
    return one if count == 1 else (many or plural(one))


def listed(words: Sequence[str]) -> str:
    """`a`, `a and b`, `a, b and c`: a list as a sentence says it ("" for none)."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def singular(unit: str) -> str:
    """A unit for exactly one: `glasses` -> `glass`, `minutes` -> `minute`; others unchanged.

    For units a person typed (`cups`, `times`), where only the plural is known.
    """
    if unit.endswith(("sses", "shes", "ches", "xes")):
        return unit[:-2]
    if unit.endswith("s") and not unit.endswith("ss") and len(unit) > 1:
        return unit[:-1]
    return unit
