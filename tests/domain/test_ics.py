"""The schedule as an iCalendar file: parses back, stable UIDs, reminders, UTC times."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from companion.domain.ics import to_ics
from companion.domain.programme import build_schedule
from companion.domain.programme_setup import ProgrammeSetup

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 2, 20, 12, 0, tzinfo=dt.UTC)
START = dt.date(2026, 3, 2)


def export(template, prefix: str = "abc123", **setup) -> tuple[list, icalendar.Calendar]:
    events = build_schedule(template, ProgrammeSetup(start=START, zone=LONDON, **setup))
    data = to_ics(events, template.title, prefix, NOW)
    return events, icalendar.Calendar.from_ical(data)


def vevents(calendar: icalendar.Calendar) -> list:
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def uid_of(component) -> str:
    return str(component["UID"])


def test_output_parses_with_one_vevent_per_session(template):
    events, calendar = export(template)
    assert calendar["VERSION"] == "2.0"
    assert "PRODID" in calendar
    entries = vevents(calendar)
    assert len(entries) == len(events) == 11
    assert [str(e["SUMMARY"]) for e in entries] == [e.title for e in events]
    for entry in entries:
        assert entry.decoded("DTSTAMP") == NOW


def test_lines_end_with_crlf_as_rfc_5545_requires(template):
    events = build_schedule(template, ProgrammeSetup(start=START, zone=LONDON))
    data = to_ics(events, template.title, "abc123", NOW)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_uids_are_unique_and_stable_across_a_move(template):
    events, first = export(template)
    uids = [uid_of(e) for e in vevents(first)]
    assert len(set(uids)) == 11
    assert uids == [f"{e.id}.abc123@companion" for e in events]
    moved_to = dt.datetime(2026, 3, 10, 15, 0)
    _, second = export(template, moves={"coaching-1": moved_to})
    second_by_uid = {uid_of(e): e for e in vevents(second)}
    assert set(second_by_uid) == set(uids)
    # Same UID, new time: a calendar app updates the event instead of adding one.
    coaching = second_by_uid["coaching-1.abc123@companion"]
    assert coaching.decoded("DTSTART") == dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)


def test_a_different_prefix_gives_different_uids(template):
    _, one = export(template, prefix="abc123")
    _, other = export(template, prefix="def456")
    assert not {uid_of(e) for e in vevents(one)} & {uid_of(e) for e in vevents(other)}


def test_live_sessions_have_a_reminder_before_they_start(template):
    events, calendar = export(template)
    live = {e.id for e in events if e.live}
    assert live == {
        "webinar-1",
        "coaching-1",
        "webinar-2",
        "coaching-2",
        "webinar-3",
        "coaching-3",
        "webinar-4",
        "coaching-4",
        "followup",
    }
    for event, entry in zip(events, vevents(calendar), strict=True):
        alarms = [c for c in entry.subcomponents if c.name == "VALARM"]
        if event.id in live:
            assert len(alarms) == 1, event.id
            trigger = alarms[0].decoded("TRIGGER")
            assert trigger < dt.timedelta(0)
            assert trigger == -dt.timedelta(minutes=15)
            assert str(alarms[0]["ACTION"]) == "DISPLAY"
        else:
            assert alarms == [], event.id


@pytest.mark.parametrize(
    ("event_id", "utc_start", "utc_end"),
    [
        # 10:00 GMT in winter is 10:00Z ...
        ("webinar-1", dt.datetime(2026, 3, 2, 10, 0), dt.datetime(2026, 3, 2, 11, 30)),
        # ... and 10:00 BST after the clocks go forward is 09:00Z.
        ("webinar-3", dt.datetime(2026, 3, 30, 9, 0), dt.datetime(2026, 3, 30, 10, 30)),
        ("followup", dt.datetime(2026, 5, 25, 9, 0), dt.datetime(2026, 5, 25, 11, 0)),
    ],
)
def test_times_are_written_in_utc(template, event_id, utc_start, utc_end):
    events = build_schedule(template, ProgrammeSetup(start=START, zone=LONDON))
    data = to_ics(events, template.title, "abc123", NOW).decode()
    calendar = icalendar.Calendar.from_ical(data)
    entry = next(e for e in vevents(calendar) if uid_of(e).startswith(f"{event_id}."))
    assert entry.decoded("DTSTART") == utc_start.replace(tzinfo=dt.UTC)
    assert entry.decoded("DTEND") == utc_end.replace(tzinfo=dt.UTC)
    assert f"DTSTART:{utc_start:%Y%m%dT%H%M%S}Z" in data


def test_every_dtstart_matches_its_event(template):
    events, calendar = export(template)
    for event, entry in zip(events, vevents(calendar), strict=True):
        start = entry.decoded("DTSTART")
        assert start.utcoffset() == dt.timedelta(0)
        assert start == event.start.astimezone(dt.UTC)
        assert entry.decoded("DTEND") == event.end.astimezone(dt.UTC)
