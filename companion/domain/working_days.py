"""Bank holidays and working days: where the measures and the follow-up may fall.

The baseline, the end measures and the follow-up workshop are planned on
working days: never at a weekend or on a bank holiday of the participant's
region (England and Wales unless they choose another). The holidays come
from the `holidays` package, imported only here and only when a programme
is set up or its region changes: its import and first lookup cost about
0.15 s, so the dates are kept with the programme and quick commands such as
`companion today` never import it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container

from companion.domain.errors import Invalid
from companion.domain.user_text import quoted

# England and Wales share their bank holidays; the programme runs in the NHS there.
DEFAULT_REGION = "GB-ENG"
# No bank holidays at all: only weekends are avoided.
NO_REGION = "none"

REGION_HELP = (
    "give a country code, with a region after a hyphen where it has its own holidays "
    "(GB-ENG for England and Wales, GB-SCT, GB-NIR, IE, US-NY), or none"
)


def check_region(text: str) -> str:
    """The region `text` names, spelled as stored (`GB-ENG`, `IE`, `none`); Invalid if unknown."""
    typed = text.strip()
    if typed.casefold() == NO_REGION:
        return NO_REGION
    import holidays  # only when a region is chosen: see the module's note on cost

    country, _, subdivision = typed.upper().partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise Invalid(
            f"{quoted(typed)} is not a country the holiday calendar knows; {REGION_HELP}"
        )
    if subdivision and subdivision not in supported[country]:
        known = ", ".join(f"{country}-{s}" for s in supported[country][:12])
        raise Invalid(f"{quoted(typed)} is not a region of {country}; try {known}")
    return f"{country}-{subdivision}" if subdivision else country


def bank_holidays(region: str, years: range) -> dict[dt.date, str]:
    """The bank holidays of `region` (as `check_region` spells it) in `years`, by date."""
    if region == NO_REGION:
        return {}
    import holidays

    country, _, subdivision = region.partition("-")
    found = holidays.country_holidays(country, subdiv=subdivision or None, years=years)
    return {day: str(name) for day, name in sorted(found.items())}


def programme_years(start: dt.date) -> range:
    """The years whose holidays a programme starting on `start` may meet.

    From the year before (the baseline falls in the week before the start) to
    two years after (the follow-up may be moved up to a year past its plan).
    """
    return range(start.year - 1, start.year + 3)


def is_working_day(day: dt.date, days_off: Container[dt.date]) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in days_off


def working_day(day: dt.date, days_off: Container[dt.date], *, later: bool) -> dt.date:
    """`day` if it is a working day, else the nearest one after it (`later`) or before it."""
    step = dt.timedelta(days=1 if later else -1)
    while not is_working_day(day, days_off):
        day += step
    return day


def bank_holiday_note(day: dt.date, days_off: Container[dt.date]) -> str | None:
    """The gentle line for a live session on a bank holiday, or None on any other day."""
    if day not in days_off:
        return None
    return "bank holiday: check with your coach"
