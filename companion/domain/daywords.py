"""Days and names as people type them: `yesterday`, `mon`, `3 days ago`, `walk` for walking.

Standard library only (no dateutil.parser): this runs on the quick CLI path
whenever `--date` is given. Pure functions; callers pass `today` in.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence

from companion.domain.dates import long_date, parse_day

# How far back a phrase may reach. Ten years is well beyond any real back-fill,
# and stops a mistyped year (0206 for 2026) being logged quietly.
MAX_DAYS_AGO = 3650

_WEEKDAYS: dict[str, int] = {}
for _number, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    _WEEKDAYS[_name] = _number
    _WEEKDAYS[_name[:3]] = _number
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_DAYS_AGO = re.compile(r"(\d{1,9}) days? ago", re.ASCII)
_LOOKS_ISO = re.compile(r"\d+-.*", re.ASCII)
_YEAR = re.compile(r"(\d{4})-", re.ASCII)

HELP = "write YYYY-MM-DD, today, yesterday, a weekday such as monday, or N days ago"


def parse_day_phrase(text: str, today: dt.date) -> dt.date:
    """The day `text` names, counting back from `today`; ValueError with a sentence to act on.

    Accepts (any case, extra spaces ignored):
    - an ISO date `YYYY-MM-DD`;
    - `today`, `yesterday`;
    - a weekday, in full or as three letters (`monday`, `mon`): the most recent
      one, which is today when today is that weekday (someone back-filling
      "monday" on a Monday means the day they are in, not a week ago);
    - `N days ago` (or `1 day ago`), N from 0 to 3650.

    Days after `today` and days more than ten years back are refused.
    """
    phrase = " ".join(text.split()).lower()
    if not phrase:
        raise ValueError(f"No day given; {HELP}")
    if phrase == "today":
        return today
    if phrase == "yesterday":
        return today - dt.timedelta(days=1)
    if phrase == "tomorrow":
        raise ValueError("Tomorrow has not happened yet; log today or an earlier day")
    if phrase in _WEEKDAYS:
        return today - dt.timedelta(days=(today.weekday() - _WEEKDAYS[phrase]) % 7)
    ago = _DAYS_AGO.fullmatch(phrase)
    if ago is not None:
        days = int(ago.group(1))
        if days > MAX_DAYS_AGO:
            raise ValueError(
                f"{days:,} days ago is more than ten years back; give the date as YYYY-MM-DD"
            )
        return today - dt.timedelta(days=days)
    if _LOOKS_ISO.fullmatch(phrase):
        year = _YEAR.match(phrase)
        if year is not None and int(year.group(1)) < today.year - MAX_DAYS_AGO // 365:
            raise ValueError(f"{phrase} is more than ten years ago; check the year")
        return check_not_future(parse_day(phrase), today)
    raise ValueError(f"{text.strip()!r} is not a day I know; {HELP}")


def check_not_future(day: dt.date, today: dt.date) -> dt.date:
    """Return `day` if it is `today` or earlier (and within ten years); raise ValueError if not."""
    if day > today:
        raise ValueError(
            f"{long_date(day)} has not happened yet; log today ({long_date(today)}) "
            "or an earlier day"
        )
    if (today - day).days > MAX_DAYS_AGO:
        raise ValueError(f"{long_date(day)} is more than ten years ago; check the year")
    return day


# ---------------------------------------------------------------- names and prefixes


class UnknownNameError(ValueError):
    """No key matches what was typed; `suggestion` is the closest key, if any is close."""

    def __init__(self, message: str, suggestion: str | None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


class AmbiguousNameError(ValueError):
    """What was typed starts more than one key; `matches` lists them in the order given."""

    def __init__(self, message: str, matches: Sequence[str]) -> None:
        super().__init__(message)
        self.matches = tuple(matches)


def close_matches(name: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    """Up to `n` candidates that look like `name` (typos, case), best first."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    found = difflib.get_close_matches(name.strip().casefold(), list(by_folded), n=n, cutoff=0.6)
    return [by_folded[match] for match in found]


def resolve_prefix(text: str, keys: Sequence[str], *, what: str = "habit") -> str:
    """The key `text` names: an exact key, or else a prefix that starts only one key.

    Matching ignores case and surrounding spaces. Raises UnknownNameError
    (listing the keys and the closest one) or AmbiguousNameError (listing the
    keys it could mean).
    """
    typed = text.strip().casefold()
    folded = {key.casefold(): key for key in keys}
    if typed in folded:
        return folded[typed]
    matches = [key for key in keys if typed and key.casefold().startswith(typed)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise AmbiguousNameError(
            f"{text.strip()!r} could be {_or_list(matches)}; type a few more letters",
            matches,
        )
    if not keys:
        raise UnknownNameError(f"There are no {what}s yet; add one first", None)
    if not typed:
        raise UnknownNameError(f"Which {what}? Choose one of: {', '.join(keys)}", None)
    close = close_matches(typed, keys)
    suggestion = close[0] if close else None
    hint = f"did you mean {suggestion}? " if suggestion else ""
    raise UnknownNameError(
        f"No {what} called {text.strip()!r}; {hint}the {what}s are {', '.join(keys)}",
        suggestion,
    )


def _or_list(words: Sequence[str]) -> str:
    if len(words) <= 2:
        return " or ".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"
