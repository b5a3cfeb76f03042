"""Counts in words: `1 day`, `2 days`, `1 entry`, `3 entries`.

Every count Companion prints goes through `counted`, so that no message says
"1 days" or "Stopped after 1 minute. Log them?". Habit units (`glasses`,
`cups`, typed by the person) have their own rule in `selfcare.describe`.
"""

from __future__ import annotations

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


def singular(unit: str) -> str:
    """A unit for exactly one: `glasses` -> `glass`, `minutes` -> `minute`; others unchanged.

    For units a person typed (`cups`, `times`), where only the plural is known.
    """
    if unit.endswith(("sses", "shes", "ches", "xes")):
        return unit[:-2]
    if unit.endswith("s") and not unit.endswith("ss") and len(unit) > 1:
        return unit[:-1]
    return unit
