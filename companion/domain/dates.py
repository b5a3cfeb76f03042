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


def short_date(day: dt.date) -> str:
    """`Mon 2 Mar`."""
    return f"{day:%a} {day.day} {day:%b}"


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
    """The day `text` names, counting back from `today`; Invalid with a sentence to act on.

    Accepts (any case, extra spaces ignored):
    - an ISO date `YYYY-MM-DD`;
    - `today`, `yesterday`;
    - a weekday, in full or as three letters (`monday`, `mon`): the most recent
      one, which is today when today is that weekday (someone back-filling
      "monday" on a Monday means the day they are in, not a week ago);
    - `N days ago` (or `1 day ago`), N from 0 to 3650.

    Days after `today` and days more than ten years back are refused.
    """
    phrase = ascii_digits(" ".join(text.split()).lower())
    if not phrase:
        raise Invalid(f"No day given; {HELP}")
    if phrase == "today":
        return today
    if phrase == "yesterday":
        return today - dt.timedelta(days=1)
    if phrase == "tomorrow":
        raise Invalid("Tomorrow has not happened yet; log today or an earlier day")
    if phrase in _WEEKDAYS:
        return today - dt.timedelta(days=(today.weekday() - _WEEKDAYS[phrase]) % 7)
    ago = _DAYS_AGO.fullmatch(phrase)
    if ago is not None:
        days = int(ago.group(1))
        if days > MAX_DAYS_AGO:
            raise Invalid(
                f"{days:,} days ago is more than ten years back; give the date as YYYY-MM-DD"
            )
        return today - dt.timedelta(days=days)
    if _LOOKS_ISO.fullmatch(phrase):
        year = _YEAR.match(phrase)
        if year is not None and int(year.group(1)) < today.year - MAX_DAYS_AGO // 365:
            raise Invalid(f"{quoted(phrase)} is more than ten years ago; check the year")
        return check_not_future(parse_day(phrase), today)
    raise Invalid(f"{quoted(text.strip())} is not a day I know; {HELP}")


def check_not_future(day: dt.date, today: dt.date) -> dt.date:
    """Return `day` if it is `today` or earlier (and within ten years); raise Invalid if not."""
    if day > today:
        raise Invalid(
            f"{long_date(day)} has not happened yet; log today ({long_date(today)}) "
            "or an earlier day"
        )
    if (today - day).days > MAX_DAYS_AGO:
        raise Invalid(f"{long_date(day)} is more than ten years ago; check the year")
    return day
