"""Reading and writing dates the way people do, with messages that say what went wrong."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MINUTE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})")


def parse_day(text: str) -> dt.date:
    """Parse `YYYY-MM-DD`; raise ValueError with a sentence a person can act on."""
    text = text.strip()
    match = _ISO_DAY.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02")
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text} is not a date: there is no month {month}")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise ValueError(
            f"{text} is not a date: {calendar.month_name[month]} {year} has {days_in_month} days"
        )
    return dt.date(year, month, day)


def parse_minute(text: str) -> dt.datetime:
    """Parse `YYYY-MM-DDTHH:MM` (a space instead of T is fine) into a naive local time."""
    text = text.strip()
    match = _ISO_MINUTE.fullmatch(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date and time; write it as YYYY-MM-DDTHH:MM")
    day = parse_day(match.group(1))
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        raise ValueError(f"{hour:02}:{minute:02} is not a time of day; use 00:00 to 23:59")
    return dt.datetime.combine(day, dt.time(hour, minute))


def parse_clock(text: str) -> dt.time:
    """Parse `HH:MM`."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 09:30")
    return dt.time(int(match.group(1)), int(match.group(2)))


def next_monday(today: dt.date) -> dt.date:
    """The Monday after `today` (a week on when today is a Monday)."""
    return today + dt.timedelta(days=7 - today.weekday())


def short_date(day: dt.date) -> str:
    """`Mon 2 Mar`."""
    return f"{day:%a} {day.day} {day:%b}"


def long_date(day: dt.date) -> str:
    """`Monday 2 March 2026`."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def clock(moment: dt.datetime | dt.time) -> str:
    """`09:30`."""
    return f"{moment:%H:%M}"


def in_days(days: int) -> str:
    """`today`, `tomorrow`, `in 3 days`, `yesterday`, `4 days ago`."""
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
