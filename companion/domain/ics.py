"""The schedule as an RFC 5545 calendar, for any calendar app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from companion.domain.programme import Event

REMINDER = dt.timedelta(minutes=15)


def to_ics(events: Sequence[Event], title: str, uid_prefix: str, now: dt.datetime) -> bytes:
    """One VEVENT per session with a UID that never changes, so re-importing updates it.

    Times are written in UTC, which every calendar app shows in local time.
    Live sessions carry a display alarm REMINDER before they start.
    """
    import icalendar  # only the calendar export pays for it

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Companion//Self-compassion programme//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", title)
    stamp = now.astimezone(dt.UTC)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"{event.id}.{uid_prefix}@companion")
        entry.add("dtstamp", stamp)
        entry.add("dtstart", event.start.astimezone(dt.UTC))
        entry.add("dtend", event.end.astimezone(dt.UTC))
        entry.add("summary", event.title)
        entry.add("description", event.summary)
        entry.add("categories", [event.kind])
        entry.add("transp", "OPAQUE" if event.live else "TRANSPARENT")
        if event.live:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{event.title} starts in 15 minutes")
            alarm.add("trigger", -REMINDER)
            entry.add_component(alarm)
        calendar.add_component(entry)
    ics: bytes = calendar.to_ical()
    return ics
