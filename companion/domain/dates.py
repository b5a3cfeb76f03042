"""Reading and writing dates the way people do, with messages that say what went wrong.

One home for every date a person types (`2026-03-02`, `yesterday`, `mon`,
`3 days ago`) and every date Companion prints. Digits follow the one rule for
numbers (`numbers.ascii_digits`): any decimal digit reads as the digit it is,
so 2026-03-02 in Arabic-Indic or fullwidth digits is 2 March 2026. Standard library only
(no dateutil.parser): this runs on the quick CLI path whenever `--date` is given.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

from companion.domain.errors import Invalid
from companion.domain.numbers import ascii_digits
from companion.domain.user_text import quoted

ONE_DAY = dt.timedelta(days=1)

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_ISO_MINUTE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})", re.ASCII)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)


def parse_day(text: str) -> dt.date:
    """Parse `YYYY-MM-DD`; raise Invalid with a sentence a person can act on."""
    typed = text.strip()
    text = ascii_digits(typed)
    match = _ISO_DAY.fullmatch(text)
    if match is None:
        raise Invalid(f"{quoted(typed)} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise Invalid(f"{text} is not a date: there is no month {month}")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise Invalid(
            f"{text} is not a date: {calendar.month_name[month]} {year} has {days_in_month} days"
        )
    return dt.date(year, month, day)


def parse_minute(text: str) -> dt.datetime:
    """Parse `YYYY-MM-DDTHH:MM` (a space instead of T is fine) into a naive local time."""
    typed = text.strip()
    match = _ISO_MINUTE.fullmatch(ascii_digits(typed))
    if match is None:
        raise Invalid(f"{quoted(typed)} is not a date and time; write it as YYYY-MM-DDTHH:MM")
    day = parse_day(match.group(1))
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise Invalid(f"{hour:02}:{minute:02} is not a time of day; use 00:00 to 23:59")
    return dt.datetime.combine(day, dt.time(hour, minute))


def parse_clock(text: str) -> dt.time:
    """Parse `HH:MM`."""
    typed = text.strip()
    match = _CLOCK.fullmatch(ascii_digits(typed))
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise Invalid(f"{quoted(typed)} is not a time of day; write it as HH:MM, e.g. 09:30")
    return dt.time(int(match.group(1)), int(match.group(2)))


def next_monday(today: dt.date) -> dt.date:
    """The Monday after `today` (a week on when today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


def short_date(day: dt.date, today: dt.date) -> str:
    """`Mon 2 Mar`; `Mon 18 Jan 2027` when the day is not in `today`'s year.

    The one rule for a short date: a participant reading "Mon 18 Jan" in
    December takes it for the January just gone, so a day outside the current
    year always carries its year.
    """
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def long_date(day: dt.date) -> str:
    """`Monday 2 March 2026`."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: dt.datetime | dt.time) -> str:
    """`09:30`."""
    return f"{moment:%H:%M}"


def ago(day: dt.date, today: dt.date) -> str:
    """`yesterday`, `5 days ago`, `3 weeks ago`: how long ago a past day was."""
    days = (today - day).days
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    return f"{days // 7:,} weeks ago"


def in_days(days: int) -> str:
    """`today`, `tomorrow`, `in 3 days`, `yesterday`, `4 days ago`."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


def day_words(day: dt.date, today: dt.date) -> str:
    """`today`, `yesterday`, or `Monday 23 November` (with the year when it is not this one)."""
    if day == today:
        return "today"
    if day == today - dt.timedelta(days=1):
        return "yesterday"
    text = long_date(day)
    return text.rsplit(" ", 1)[0] if day.year == today.year else text


# ---------------------------------------------------------------- day phrases

# How far a phrase may reach. Ten years is well beyond any real back-fill or
# plan, and stops a mistyped year (0206 for 2026) being taken quietly.
MAX_DAYS_AGO = 3650

# Which way a field looks. A "past" field (a day something was done) reads a
# bare weekday as the most recent one and refuses days after today; a
# "future" field (a date to aim for, a session's new day) reads it as the
# next one; an "either" field (a pause: illness past or leave ahead) reads a
# bare weekday back, like "past", and takes days ahead too.
Facing = Literal["past", "future", "either"]

_WEEKDAYS: dict[str, int] = {}
_MONTHS: dict[str, int] = {}

for _number, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    _WEEKDAYS[_name] = _number
    _WEEKDAYS[_name[:3]] = _number
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

for _number, _name in enumerate(calendar.month_name[1:], start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

_DAYS_AGO = re.compile(r"(\d{1,9}) days? ago", re.ASCII)
_IN_DAYS = re.compile(r"in (\d{1,9}) days?", re.ASCII)
_NEXT_LAST = re.compile(r"(next|last) ([a-z]+)", re.ASCII)
# What Companion prints: `2 Mar`, `Mon 2 Mar`, `Monday 2 March 2026` (commas welcome).
_DAY_MONTH = re.compile(r"(?:([a-z]+),? )?(\d{1,2}) ([a-z]+)\.?(?:,? (\d{4}))?", re.ASCII)

_LOOKS_ISO = re.compile(r"\d+-.*", re.ASCII)

_YEAR = re.compile(r"(\d{4})-", re.ASCII)

HELP = "write YYYY-MM-DD, today, yesterday, a weekday such as monday, or N days ago"
HELP_AHEAD = "write YYYY-MM-DD, today, tomorrow, friday, next monday, or in N days"


def parse_day_phrase(text: str, today: dt.date, *, facing: Facing = "past") -> dt.date:
    """The day `text` names, seen from `today`; Invalid with a sentence to act on.

    The one reader of every date a person types. Accepts (any case, extra spaces ignored):
    - an ISO date `YYYY-MM-DD`, or a date as Companion prints it (`2 Mar`,
      `Mon 2 Mar`, `Monday 2 March 2026`; without a year, the nearest such day
      in the direction the field faces);
    - `today`, `yesterday`, `tomorrow`;
    - a weekday in full or as three letters (`monday`, `mon`): in a past or
      either field the most recent one, which is today when today is that
      weekday (someone back-filling "monday" on a Monday means the day they are
      in); in a future field the next one, again today included;
    - `next monday` (that weekday in next week, weeks starting on Monday) and
      `last monday` (the one before today);
    - `N days ago` and `in N days`, N up to 3650.

    A past field refuses days after `today`; any field refuses days more than
    ten years from it.
    """
    phrase = ascii_digits(" ".join(text.split()).lower())
    help_words = HELP_AHEAD if facing == "future" else HELP
    if not phrase:
        raise Invalid(f"No day given; {help_words}")
    if _LOOKS_ISO.fullmatch(phrase):
        year = _YEAR.match(phrase)
        if year is not None and abs(int(year.group(1)) - today.year) > MAX_DAYS_AGO // 365:
            raise Invalid(f"{quoted(phrase)} is more than ten years away; check the year")
        day = parse_day(phrase)
    else:
        found = _day_from_words(phrase, today, facing)
        if found is None:
            raise Invalid(f"{quoted(text.strip())} is not a day I know; {help_words}")
        day = found
    if facing == "past":
        return check_not_future(day, today)
    if abs((day - today).days) > MAX_DAYS_AGO:
        raise Invalid(f"{long_date(day)} is more than ten years away; check the year")
    return day


def _day_from_words(phrase: str, today: dt.date, facing: Facing) -> dt.date | None:
    """The day a phrase in words names, or None when it is not one this module knows."""
    days = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(phrase)
    if days is not None:
        return today + dt.timedelta(days=days)
    if phrase in _WEEKDAYS:
        if facing == "future":
            return today + dt.timedelta(days=(_WEEKDAYS[phrase] - today.weekday()) % 7)
        return today - dt.timedelta(days=(today.weekday() - _WEEKDAYS[phrase]) % 7)
    relative = _NEXT_LAST.fullmatch(phrase)
    if relative is not None and relative.group(2) in _WEEKDAYS:
        weekday = _WEEKDAYS[relative.group(2)]
        if relative.group(1) == "next":
            next_week = today + dt.timedelta(days=7 - today.weekday())
            return next_week + dt.timedelta(days=weekday)
        return today - dt.timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    for pattern, sign in ((_DAYS_AGO, -1), (_IN_DAYS, 1)):
        count = pattern.fullmatch(phrase)
        if count is not None:
            number = int(count.group(1))
            if number > MAX_DAYS_AGO:
                way = "back" if sign < 0 else "ahead"
                raise Invalid(
                    f"{quoted(phrase)} is more than ten years {way}; give the date as YYYY-MM-DD"
                )
            return today + dt.timedelta(days=sign * number)
    written = _DAY_MONTH.fullmatch(phrase)
    if written is not None and written.group(3) in _MONTHS:
        return _written_date(written, today, facing)
    return None


def _written_date(written: re.Match[str], today: dt.date, facing: Facing) -> dt.date:
    """`Mon 2 Mar` or `2 March 2026`: a printed date read back, its weekday checked."""
    weekday, day_text, month_text, year_text = written.groups()
    month = _MONTHS[month_text]
    if year_text is not None:
        day = parse_day(f"{year_text}-{month:02}-{int(day_text):02}")
    else:
        candidates = []
        for year in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(dt.date(year, month, int(day_text)))
            except ValueError:  # 29 February in a year that has none
                continue
        if facing == "past":
            candidates = [c for c in candidates if c <= today]
        elif facing == "future":
            candidates = [c for c in candidates if c >= today]
        if not candidates:
            name = calendar.month_name[month]
            raise Invalid(f"{name} has no day {int(day_text)}; check the date")
        day = min(candidates, key=lambda c: abs((c - today).days))
    if weekday is not None:
        if weekday not in _WEEKDAYS:
            raise Invalid(f"{quoted(weekday)} is not a weekday; check the date")
        if _WEEKDAYS[weekday] != day.weekday():
            typed_name = calendar.day_name[_WEEKDAYS[weekday]]
            raise Invalid(f"{day.day} {day:%B %Y} is a {day:%A}, not a {typed_name}")
    return day


# A time at the end: `2026-03-02T10:00`, `friday 12:00`, `next monday at 9:30`.
_AT_CLOCK = re.compile(r"(.*?)(?:(?:(?<=\d)t| (?:at )?)(\d{1,2}:\d{2}))?", re.ASCII)


def parse_moment(text: str, today: dt.date, *, default_time: dt.time | None = None) -> dt.datetime:
    """A day and a time as typed: `2026-03-02 10:00`, `friday 12:00`, `next monday at 9:30`.

    The day is read facing forward (`parse_day_phrase`); without a time,
    `default_time` is used when given. Returns a naive local time.
    """
    typed = " ".join(text.split())
    match = _AT_CLOCK.fullmatch(ascii_digits(typed).lower())
    assert match is not None  # the pattern matches any text
    day_text, clock_text = match.groups()
    if clock_text is None and default_time is None:
        raise Invalid(f"{quoted(typed)} needs a time too, e.g. 2026-03-02 10:00 or friday 12:00")
    day = parse_day_phrase(day_text, today, facing="future")
    time = default_time if clock_text is None else parse_clock(clock_text)
    assert time is not None
    return dt.datetime.combine(day, time)


def check_not_future(day: dt.date, today: dt.date) -> dt.date:
    """Return `day` if it is `today` or earlier (and within ten years); raise Invalid if not."""
    if day > today:
        raise Invalid(
            f"{long_date(day)} has not happened yet; give today ({long_date(today)}) "
            "or an earlier day"
        )
    if (today - day).days > MAX_DAYS_AGO:
        raise Invalid(f"{long_date(day)} is more than ten years ago; check the year")
    return day
