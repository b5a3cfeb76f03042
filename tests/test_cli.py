"""The `companion` command, run in-process: outputs, exit codes and one-line errors.

Time is frozen with time-machine and the machine's zone is Europe/London, so
every expected line below was worked out by hand from the programme rules
(start Monday 2 March 2026; UK clocks go forward on Sunday 29 March 2026).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

import companion
from companion.domain.errors import Invalid, NotFound, Refused
from companion.store import open_store
from companion.store.schema import SCHEMA_VERSION

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
IDS = [
    "baseline",
    "webinar-1",
    "coaching-1",
    "webinar-2",
    "coaching-2",
    "webinar-3",
    "coaching-3",
    "webinar-4",
    "coaching-4",
    "end",
    "followup",
]
STARTS = [
    "2026-02-27T09:00:00+00:00",
    "2026-03-02T10:00:00+00:00",
    "2026-03-09T12:00:00+00:00",
    "2026-03-16T10:00:00+00:00",
    "2026-03-23T12:00:00+00:00",
    "2026-03-30T10:00:00+01:00",  # the first Monday of British Summer Time
    "2026-04-06T12:00:00+01:00",
    "2026-04-13T10:00:00+01:00",
    "2026-04-20T12:00:00+01:00",
    "2026-04-23T09:00:00+01:00",
    "2026-05-26T10:00:00+01:00",  # 23 May is a Saturday, Monday 25 May a bank holiday
]


# After every session: marks are refused until a session has started.
AFTER_ALL = dt.datetime(2026, 6, 1, 12, 0, tzinfo=LONDON)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def set_up(cli, db, london_tz, time_machine) -> Path:
    """A programme starting Monday 2 March 2026 for Alex, set up on 20 February."""
    time_machine.move_to(SETUP_TIME, tick=False)
    result = cli("setup", "--start", "2026-03-02", "--name", "Alex", "--db", db)
    assert result.code == 0, result.err
    return db


def schedule_json(cli, db: Path) -> list[dict]:
    result = cli("schedule", "--json", "--db", db)
    assert result.code == 0, result.err
    return json.loads(result.out)


def by_id(events: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in events}


# ---------------------------------------------------------------- setup


def test_setup_creates_the_programme_and_says_so(cli, db, london_tz, time_machine, raw_rows):
    time_machine.move_to(SETUP_TIME, tick=False)
    result = cli("setup", "--start", "2026-03-02", "--name", "Alex", "--db", db)
    assert result.code == 0
    assert result.err == ""
    assert result.out.splitlines() == [
        "Welcome, Alex. Your programme starts on Monday 2 March 2026 (Europe/London).",
        "First session: Webinar 1: Mindfulness, Mon 2 Mar 10:00\u201311:30.",
        "Self-care habits: meditation, walking, hydration.",
    ]
    assert raw_rows(db, "SELECT start_day, name, tz FROM programme") == [
        ("2026-03-02", "Alex", "Europe/London")
    ]
    assert raw_rows(db, "SELECT key FROM habit ORDER BY position") == [
        ("meditation",),
        ("walking",),
        ("hydration",),
    ]


def test_setup_without_a_name_is_fine(cli, db, london_tz, time_machine, raw_rows):
    time_machine.move_to(SETUP_TIME, tick=False)
    result = cli("setup", "--start", "2026-03-05", "--db", db)
    assert result.code == 0
    assert result.out.startswith("Your programme starts on Thursday 5 March 2026")
    assert raw_rows(db, "SELECT name FROM programme") == [(None,)]


def test_setup_again_moves_the_start_and_keeps_marks_still_in_the_past(cli, set_up, time_machine):
    time_machine.move_to(AFTER_ALL, tick=False)
    assert cli("schedule", "mark", "webinar-1", "attended", "--db", set_up).code == 0
    moved = cli("setup", "--start", "2026-03-09", "--name", "Alex", "--yes", "--db", set_up)
    assert moved.code == 0
    events = by_id(schedule_json(cli, set_up))
    assert events["webinar-1"]["start"] == "2026-03-09T10:00:00+00:00"
    assert events["webinar-1"]["attended"] is True


def test_setup_again_without_name_keeps_the_name(cli, set_up, raw_rows):
    """Changing only the start date must not forget who the participant is.

    (Ambiguous in the issue; chosen because a participant correcting a date
    would not expect their name to vanish. `--name ""` is the way to clear it.)
    """
    assert cli("setup", "--start", "2026-03-09", "--db", set_up).code == 0
    assert raw_rows(set_up, "SELECT start_day, name FROM programme") == [("2026-03-09", "Alex")]


def test_setup_records_the_machines_time_zone(cli, db, time_machine, monkeypatch, raw_rows):
    # time-machine sets TZ to the zone of an aware destination, so travel in UTC first.
    time_machine.move_to(SETUP_TIME.astimezone(dt.UTC), tick=False)
    monkeypatch.setenv("TZ", ":America/New_York")  # the POSIX form with a colon
    result = cli("setup", "--start", "2026-03-02", "--db", db)
    assert result.code == 0
    assert "(America/New_York)" in result.out
    assert raw_rows(db, "SELECT tz FROM programme") == [("America/New_York",)]
    events = schedule_json(cli, db)
    assert by_id(events)["webinar-1"]["start"] == "2026-03-02T10:00:00-05:00"


@pytest.mark.parametrize(
    ("start", "words"),
    [
        ("2026-02-30", "2026-02-30 is not a date: February 2026 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-2-3", "write it as YYYY-MM-DD"),
        ("someday", "not a day I know"),
        ("2028-03-01", "more than two years away"),
        ("2025-02-01", "more than a year ago"),
    ],
)
def test_setup_refuses_bad_start_dates_and_writes_nothing(
    cli, db, london_tz, time_machine, start, words
):
    time_machine.move_to(SETUP_TIME, tick=False)
    line = cli("setup", "--start", start, "--db", db).assert_user_error()
    assert words in line
    assert not db.exists()
    assert list(db.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Al\x1b[31mex", "must be on one line"),
        ("Al\nex", "must be on one line"),
        ("Al\x00ex", "NUL"),
        ("x" * 41, "limit is 40"),
    ],
    ids=["escape", "newline", "nul", "too-long"],
)
def test_setup_refuses_bad_names_and_writes_nothing(cli, db, london_tz, time_machine, name, words):
    time_machine.move_to(SETUP_TIME, tick=False)
    line = cli("setup", "--start", "2026-03-02", "--name", name, "--db", db).assert_user_error()
    assert words in line
    assert "Al" not in line  # the typed text is not echoed back
    assert not db.exists()


def test_a_refused_setup_leaves_an_existing_programme_alone(cli, set_up, digest):
    before = digest(set_up)
    cli("setup", "--start", "2026-02-30", "--db", set_up).assert_user_error()
    cli("setup", "--start", "2026-03-09", "--name", "A\tB", "--db", set_up).assert_user_error()
    assert digest(set_up) == before


def test_setup_uses_companion_db_and_db_wins_over_it(
    cli, tmp_path, london_tz, time_machine, monkeypatch
):
    time_machine.move_to(SETUP_TIME, tick=False)
    from_env = tmp_path / "env.db"
    monkeypatch.setenv("COMPANION_DB", str(from_env))
    assert cli("setup", "--start", "2026-03-02").code == 0
    assert from_env.exists()
    chosen = tmp_path / "chosen.db"
    assert cli("setup", "--start", "2026-03-02", "--db", chosen).code == 0
    assert chosen.exists()


def test_setup_in_the_default_place_makes_a_private_folder(
    cli, data_home, london_tz, time_machine
):
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02").code == 0
    folder = data_home / "companion"
    assert (folder / "companion.db").exists()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / "companion.db").stat().st_mode & 0o777 == 0o600


# ---------------------------------------------------------------- today


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["scales", "record", "wemwbs", "--occasion", "pre", "--occasion", "post"], "--occasion"),
        (["scales", "record", "wemwbs", "--occ", "pre", "--occasion", "post"], "--occasion"),
        (["log", "walking", "5", "--date", "today", "--date", "yesterday"], "--date"),
        (["--db", "elsewhere.db", "log", "walking", "5"], "--db"),
        (["setup", "--start", "2026-03-02", "--start=2026-03-09"], "--start"),
    ],
)
def test_an_option_given_twice_is_refused_not_the_last_kept(cli, set_up, digest, argv, option):
    """Which of the two was meant? Keeping the last would hide a mistake in one of them."""
    before = digest(set_up)
    line = cli(*argv, "--db", set_up).assert_user_error()
    assert line.startswith(f"companion: {option} was given twice; give it once; see `companion ")
    assert digest(set_up) == before


def test_today_before_any_database_is_one_line_and_creates_nothing(cli, db, london_tz):
    line = cli("today", "--db", db).assert_user_error()
    assert "companion setup --start YYYY-MM-DD" in line
    assert not db.exists()
    assert list(db.parent.iterdir()) == []


def test_today_with_the_default_path_creates_no_folder(cli, data_home, london_tz):
    cli("today").assert_user_error()
    assert not (data_home / "companion").exists()


def test_today_before_setup_is_one_line(cli, db, london_tz, digest):
    open_store(db).close()  # a database with no programme in it yet
    before = digest(db)
    line = cli("today", "--db", db).assert_user_error()
    assert "no programme is set up yet" in line
    assert digest(db) == before


def test_today_text_in_week_three(cli, set_up, time_machine):
    time_machine.move_to(AFTER_ALL, tick=False)
    assert cli("schedule", "mark", "webinar-1", "attended", "--db", set_up).code == 0
    assert cli("schedule", "mark", "coaching-1", "missed", "--db", set_up).code == 0
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON), tick=False)
    result = cli("today", "--db", set_up)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Week 3 of 8"
    assert "Next up: Group coaching 2, Mon 23 Mar 12:00\u201313:00 (in 5 days)" in lines
    assert "This week:" in lines
    week = lines[lines.index("This week:") + 1 :]
    assert re.fullmatch(r"\s+Mon 16 Mar 10:00\u201311:30\s+Webinar 2: Common humanity", week[0])
    assert lines[-1] == "So far: 1 of 8 sessions attended; 0 of 6 activities completed."
    assert not any(line.startswith("Today:") for line in lines)


def test_today_text_on_a_session_day_shows_it_and_its_state(cli, set_up, time_machine):
    time_machine.move_to(AFTER_ALL, tick=False)
    assert cli("schedule", "mark", "webinar-2", "attended", "--db", set_up).code == 0
    time_machine.move_to(dt.datetime(2026, 3, 16, 9, 0, tzinfo=LONDON), tick=False)
    result = cli("today", "--db", set_up)
    lines = result.out.splitlines()
    assert "Today: Webinar 2: Common humanity, Mon 16 Mar 10:00\u201311:30" in lines
    assert not any(line.startswith("Next up:") for line in lines)  # it is today's
    assert any(line.endswith("Webinar 2: Common humanity  (attended)") for line in lines)


def test_today_text_before_the_start(cli, set_up, time_machine):
    time_machine.move_to(dt.datetime(2026, 2, 25, 8, 0, tzinfo=LONDON), tick=False)
    lines = cli("today", "--db", set_up).out.splitlines()
    assert lines[0] == "The programme starts in 5 days"
    assert (
        "Next up: Baseline: your starting point, Fri 27 Feb 09:00\u201309:30 (in 2 days)" in lines
    )


def test_today_text_after_the_end(cli, set_up, time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 1, 8, 0, tzinfo=LONDON), tick=False)
    lines = cli("today", "--db", set_up).out.splitlines()
    assert lines[0] == "Programme complete, follow-up on Tue 26 May"


def test_today_json_structure_and_values(cli, set_up, time_machine):
    time_machine.move_to(AFTER_ALL, tick=False)
    assert cli("schedule", "mark", "webinar-1", "attended", "--db", set_up).code == 0
    assert cli("schedule", "mark", "baseline", "done", "--db", set_up).code == 0
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON), tick=False)
    result = cli("today", "--json", "--db", set_up)
    assert result.code == 0
    data = json.loads(result.out)
    assert set(data) == {
        "day",
        "phase",
        "week",
        "weeks",
        "headline",
        "name",
        "today",
        "next",
        "this_week",
        "completion",
    }
    assert data["day"] == "2026-03-18"
    assert data["phase"] == "during"
    assert data["week"] == 3
    assert data["weeks"] == 8
    assert data["headline"] == "Week 3 of 8"
    assert data["name"] == "Alex"
    assert data["today"] == []
    assert isinstance(data["next"], dict)
    assert data["next"]["id"] == "coaching-2"
    assert data["next"]["start"] == "2026-03-23T12:00:00+00:00"
    assert [e["id"] for e in data["this_week"]] == ["webinar-2"]
    assert data["completion"] == {
        "sessions_attended": 1,
        "sessions_total": 8,
        "activities_done": 1,
        "activities_total": 6,  # baseline, end and the four webinar worksheets
    }


def test_today_json_on_the_first_summer_time_monday(cli, set_up, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 30, 8, 0, tzinfo=LONDON), tick=False)
    data = json.loads(cli("today", "--json", "--db", set_up).out)
    assert data["week"] == 5
    assert [e["id"] for e in data["today"]] == ["webinar-3"]
    assert data["today"][0]["start"] == "2026-03-30T10:00:00+01:00"
    assert data["today"][0]["end"] == "2026-03-30T11:30:00+01:00"
    assert data["next"]["id"] == "webinar-3"


def test_today_json_after_the_end_has_no_next_event(cli, set_up, time_machine):
    time_machine.move_to(dt.datetime(2026, 6, 1, 8, 0, tzinfo=LONDON), tick=False)
    data = json.loads(cli("today", "--json", "--db", set_up).out)
    assert data["phase"] == "after"
    assert data["next"] is None
    assert data["headline"] == "Programme complete, follow-up was on Tue 26 May"


# ---------------------------------------------------------------- schedule


def test_schedule_json_fields(cli, set_up):
    events = schedule_json(cli, set_up)
    assert [e["id"] for e in events] == IDS
    for event in events:
        assert set(event) == {
            "id",
            "kind",
            "title",
            "component",
            "week",
            "start",
            "end",
            "attended",
        }
        assert isinstance(event["title"], str) and event["title"]
        start = dt.datetime.fromisoformat(event["start"])
        end = dt.datetime.fromisoformat(event["end"])
        assert start.utcoffset() is not None and end.utcoffset() is not None
        assert end > start
        assert event["attended"] is None
    assert [e["start"] for e in events] == STARTS
    assert [e["kind"] for e in events] == [
        "baseline",
        *["webinar", "coaching"] * 4,
        "end",
        "followup",
    ]
    assert [e["week"] for e in events] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 8, None]
    components = {e["id"]: e["component"] for e in events}
    assert components["webinar-1"] == "mindfulness"
    assert components["webinar-4"] == "barriers-and-keeping-going"
    assert components["coaching-1"] is None
    assert components["baseline"] is None
    followup = events[-1]
    assert followup["end"] == "2026-05-26T12:00:00+01:00"


def test_schedule_text_lists_every_session_with_its_state(cli, set_up, time_machine):
    time_machine.move_to(AFTER_ALL, tick=False)
    cli("schedule", "mark", "webinar-1", "attended", "--db", set_up)
    cli("schedule", "mark", "coaching-1", "missed", "--db", set_up)
    cli("schedule", "mark", "baseline", "done", "--db", set_up)
    result = cli("schedule", "--db", set_up)
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines] == IDS
    rows = dict(zip(IDS, lines, strict=True))
    assert rows["webinar-1"].endswith("Webinar 1: Mindfulness  [attended]")
    assert rows["coaching-1"].endswith("Group coaching 1  [missed]")
    assert rows["baseline"].endswith("[done]")
    assert "[" not in rows["webinar-2"]
    assert "Tue 26 May 10:00\u201312:00" in rows["followup"]


def test_mark_attended_missed_clear_round_trip(cli, set_up, digest, time_machine):
    time_machine.move_to(AFTER_ALL, tick=False)
    result = cli("schedule", "mark", "webinar-2", "attended", "--db", set_up)
    assert (result.code, result.out) == (0, "Webinar 2: Common humanity: attended\n")
    assert by_id(schedule_json(cli, set_up))["webinar-2"]["attended"] is True
    result = cli("schedule", "mark", "webinar-2", "missed", "--db", set_up)
    assert result.out == "Webinar 2: Common humanity: missed\n"
    assert by_id(schedule_json(cli, set_up))["webinar-2"]["attended"] is False
    result = cli("schedule", "mark", "webinar-2", "clear", "--db", set_up)
    assert result.out == "Webinar 2: Common humanity: not marked\n"
    assert by_id(schedule_json(cli, set_up))["webinar-2"]["attended"] is None
    result = cli("schedule", "mark", "end", "done", "--db", set_up)
    assert result.out == "End of programme: looking back: done\n"


def test_move_and_back_to_planned_round_trip(cli, set_up):
    result = cli("schedule", "move", "coaching-1", "2026-03-10T15:00", "--db", set_up)
    assert result.code == 0, result.err
    assert result.out == "Group coaching 1: Tue 10 Mar 15:00\u201316:00 (moved)\n"
    events = schedule_json(cli, set_up)
    coaching = by_id(events)["coaching-1"]
    assert coaching["start"] == "2026-03-10T15:00:00+00:00"
    assert coaching["end"] == "2026-03-10T16:00:00+00:00"
    assert coaching["week"] == 2
    result = cli("schedule", "move", "coaching-1", "planned", "--db", set_up)
    assert result.out == "Group coaching 1: Mon 9 Mar 12:00\u201313:00 (as planned)\n"
    assert by_id(schedule_json(cli, set_up))["coaching-1"]["start"] == STARTS[2]


def test_a_move_into_summer_time_gets_the_summer_offset_and_resorts(cli, set_up):
    # webinar-2 moved from 16 March (GMT) to 31 March (BST), after webinar-3.
    assert cli("schedule", "move", "webinar-2", "2026-03-31 10:00", "--db", set_up).code == 0
    events = schedule_json(cli, set_up)
    order = [e["id"] for e in events]
    assert order.index("webinar-3") < order.index("webinar-2") < order.index("coaching-3")
    assert by_id(events)["webinar-2"]["start"] == "2026-03-31T10:00:00+01:00"


def test_a_live_session_on_a_bank_holiday_is_marked_gently(cli, set_up):
    rows = {line.split()[0]: line for line in cli("schedule", "--db", set_up).out.splitlines()}
    # Group coaching 3 falls on Easter Monday, 6 April 2026.
    assert rows["coaching-3"].endswith("Group coaching 3  (bank holiday: check with your coach)")
    assert [key for key, line in rows.items() if "bank holiday" in line] == ["coaching-3"]


def test_holidays_shows_the_region_and_a_new_region_moves_the_measures(cli, set_up, digest):
    out = cli("holidays", "--db", set_up).out.splitlines()
    assert out[0] == "Bank holidays: GB-ENG."
    assert out[1] == (
        "During your programme: Friday 3 April 2026, Monday 6 April 2026, Monday 4 May 2026, "
        "Monday 25 May 2026."
    )
    assert out[2] == (
        "Group coaching 3, Mon 6 Apr 12:00\u201313:00: bank holiday: check with your coach."
    )
    result = cli("holidays", "--region", "none", "--db", set_up)
    assert result.out.splitlines()[:2] == [
        "Bank holidays: no bank holidays, weekends only.",
        "Follow-up workshop: now Monday 25 May 2026.",
    ]
    assert by_id(schedule_json(cli, set_up))["followup"]["start"] == "2026-05-25T10:00:00+01:00"
    assert cli("holidays", "--region", "gb-eng", "--db", set_up).code == 0
    assert by_id(schedule_json(cli, set_up))["followup"]["start"] == STARTS[-1]
    before = digest(set_up)
    line = cli("holidays", "--region", "GB-XYZ", "--db", set_up).assert_user_error()
    assert line.startswith("companion: 'GB-XYZ' is not a region of GB; try GB-ENG")
    assert digest(set_up) == before


def test_move_takes_words_and_keeps_the_session_time(cli, set_up, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 4, 9, 0, tzinfo=LONDON), tick=False)  # Wednesday
    result = cli("schedule", "move", "coaching-1", "next", "tuesday", "--db", set_up)
    assert result.out == "Group coaching 1: Tue 10 Mar 12:00\u201313:00 (moved)\n"
    result = cli("schedule", "move", "coaching-1", "friday 15:00", "--db", set_up)
    assert result.out == "Group coaching 1: Fri 6 Mar 15:00\u201316:00 (moved)\n"
    result = cli("schedule", "move", "coaching-1", "Tue 10 Mar at 9:30", "--db", set_up)
    assert result.out == "Group coaching 1: Tue 10 Mar 09:30\u201310:30 (moved)\n"


@pytest.mark.parametrize(
    ("event", "when", "words"),
    [
        ("coaching-4", "2026-03-01 12:00", "before the programme begins on Monday 2 March 2026"),
        ("coaching-1", "2026-05-27 12:00", "after the follow-up workshop on Tuesday 26 May"),
        ("baseline", "2026-02-22 09:00", "before the programme begins on Monday 23 February"),
    ],
)
def test_move_refuses_days_outside_the_programme(cli, set_up, digest, event, when, words):
    before = digest(set_up)
    line = cli("schedule", "move", event, when, "--db", set_up).assert_user_error()
    assert words in line
    assert digest(set_up) == before


def test_a_move_that_changes_the_order_is_saved_with_a_note(cli, set_up):
    result = cli("schedule", "move", "coaching-4", "2026-03-03 12:00", "--db", set_up)
    assert result.code == 0, result.err
    assert result.out == (
        "Group coaching 4: Tue 3 Mar 12:00\u201313:00 (moved)\n"
        "Note: Group coaching 4 now comes before Group coaching 1, which is planned earlier; "
        "its week and worksheet stay as they were.\n"
    )
    assert by_id(schedule_json(cli, set_up))["coaching-4"]["start"] == "2026-03-03T12:00:00+00:00"
    # Within its place in the order: no note.
    result = cli("schedule", "move", "coaching-4", "2026-04-21 12:00", "--db", set_up)
    assert "Note" not in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["schedule", "mark", "webinar-9", "attended"],
        ["schedule", "move", "webinar-9", "2026-03-10T15:00"],
    ],
)
def test_unknown_event_id_names_the_valid_ids_and_writes_nothing(cli, set_up, digest, argv):
    before = digest(set_up)
    line = cli(*argv, "--db", set_up).assert_user_error()
    assert "'webinar-9'" in line
    assert ", ".join(IDS) in line
    assert digest(set_up) == before


def test_an_unknown_event_id_with_escapes_is_not_echoed_raw(cli, set_up):
    result = cli("schedule", "mark", "\x1b[2Jx", "attended", "--db", set_up)
    result.assert_user_error()  # which also checks no ESC reached stderr


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("2026-02-30T10:00", "February 2026 has 28 days"),
        ("2026-03-10T25:00", "not a time of day"),
        ("someday 10:00", "not a day I know"),
        ("2027-06-01T10:00", "more than a year"),
    ],
)
def test_move_refuses_impossible_times_and_writes_nothing(cli, set_up, digest, when, words):
    before = digest(set_up)
    line = cli("schedule", "move", "coaching-1", when, "--db", set_up).assert_user_error()
    assert words in line
    assert digest(set_up) == before


def test_move_into_the_spring_forward_gap_is_refused(cli, db, london_tz, time_machine, digest):
    time_machine.move_to(dt.datetime(2027, 2, 15, 12, 0, tzinfo=LONDON), tick=False)
    assert cli("setup", "--start", "2027-03-01", "--db", db).code == 0
    before = digest(db)
    line = cli(
        "schedule", "move", "coaching-2", "2027-03-28T01:30", "--db", db
    ).assert_user_error()
    assert line == (
        "companion: 01:30 does not happen on Sunday 28 March 2027: the clocks go forward"
    )
    assert digest(db) == before
    # An hour later is a real time and is accepted.
    assert cli("schedule", "move", "coaching-2", "2027-03-28T02:30", "--db", db).code == 0
    coaching = by_id(schedule_json(cli, db))["coaching-2"]
    assert coaching["start"] == "2027-03-28T02:30:00+01:00"


def test_schedule_ics_writes_a_private_calendar_with_stable_uids(cli, set_up, tmp_path, raw_rows):
    target = tmp_path / "programme.ics"
    result = cli("schedule", "--ics", target, "--db", set_up)
    assert result.code == 0, result.err
    assert result.out == f"Wrote 11 sessions to {target}; import it into your calendar.\n"
    assert target.stat().st_mode & 0o777 == 0o600
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    entries = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(entries) == 11
    (uid,) = raw_rows(set_up, "SELECT value FROM setting WHERE key = 'calendar_uid'")[0]
    uids = [str(e["UID"]) for e in entries]
    assert uids == [f"{event_id}.{uid}@companion" for event_id in IDS]
    first_start = entries[0].decoded("DTSTART")
    assert first_start == dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC)

    assert cli("schedule", "move", "coaching-1", "2026-03-10T15:00", "--db", set_up).code == 0
    assert cli("schedule", "--ics", target, "--db", set_up).code == 0
    again = icalendar.Calendar.from_ical(target.read_bytes())
    by_uid = {str(e["UID"]): e for e in again.walk() if e.name == "VEVENT"}
    assert set(by_uid) == set(uids)
    moved = by_uid[f"coaching-1.{uid}@companion"].decoded("DTSTART")
    assert moved == dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companion.db", "programme.ics"]


def test_schedule_ics_into_a_missing_folder_is_one_line(cli, set_up, tmp_path):
    target = tmp_path / "nowhere" / "programme.ics"
    line = cli("schedule", "--ics", target, "--db", set_up).assert_user_error()
    assert "does not exist" in line
    assert not target.parent.exists()


def test_schedule_before_setup_is_one_line(cli, db, london_tz):
    cli("schedule", "--json", "--db", db).assert_user_error()
    cli("schedule", "mark", "webinar-1", "attended", "--db", db).assert_user_error()
    assert not db.exists()


def test_db_may_come_before_or_after_the_command(cli, set_up):
    before = cli("--db", set_up, "schedule", "--json")
    after = cli("schedule", "--json", "--db", set_up)
    assert before.code == after.code == 0
    assert json.loads(before.out) == json.loads(after.out)


# ---------------------------------------------------------------- locate, doctor, version


def test_locate_prints_paths_and_creates_nothing(cli, tmp_path, state_home):
    target = tmp_path / "sub" / "mine.db"
    result = cli("locate", "--db", target)
    assert result.code == 0
    assert result.out.splitlines() == [
        f"database:   {target}",
        f"backups:    {tmp_path / 'sub' / 'mine-backups'}",
        f"crash logs: {state_home / 'companion' / 'log'}",
    ]
    assert not (tmp_path / "sub").exists()
    assert not state_home.exists() or list(state_home.iterdir()) == []


def test_locate_default_path_follows_the_data_folder(cli, data_home):
    result = cli("locate")
    assert result.code == 0
    assert result.out.splitlines()[0] == f"database:   {data_home / 'companion' / 'companion.db'}"
    assert not (data_home / "companion").exists()


def test_doctor_reports_integrity_and_schema(cli, set_up):
    result = cli("doctor", "--db", set_up)
    assert result.code == 0, result.out
    lines = result.out.splitlines()
    assert lines[0] == f"companion     {companion.__version__}"
    assert "integrity     ok" in lines
    # Every package Companion depends on, from its own metadata (not a list kept by hand).
    for package in ("textual", "msgspec", "platformdirs", "tzlocal", "python-dateutil"):
        assert any(line.startswith(f"{package} ") for line in lines), package
    assert (
        f"schema        version {SCHEMA_VERSION} (this Companion knows up to {SCHEMA_VERSION})"
        in lines
    )
    assert f"database      {set_up} (mode 600)" in lines
    assert "programme     set up" in lines


def test_doctor_without_a_database_says_so_and_creates_nothing(cli, db):
    result = cli("doctor", "--db", db)
    assert "there is no Companion database" in result.assert_user_error()
    assert "database      not usable: see the message below" in result.out.splitlines()
    assert not db.exists()


def test_version(cli):
    result = cli("--version")
    assert result.code == 0
    assert result.out == f"companion {companion.__version__}\n"
    assert companion.__version__ == version("companion")  # one version, not two


@pytest.mark.parametrize(
    "argv",
    [
        ["--bogus"],
        ["today", "--bogus"],
        ["frobnicate"],
        ["setup"],
        ["schedule", "mark", "webinar-1", "maybe"],
        ["schedule", "move", "webinar-1"],
        ["today", "--db"],
    ],
)
def test_usage_errors_are_one_line_with_exit_2(cli, argv, tmp_path):
    result = cli(*argv)
    line = result.assert_user_error()
    assert "--help" in line
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- demo


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """Point tempfile (and so the demo's throwaway folder) at an empty folder."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_demo_today_works_and_leaves_nothing_behind(
    cli, private_tmp, data_home, time_machine, monkeypatch, tmp_path
):
    real = tmp_path / "real.db"
    monkeypatch.setenv("COMPANION_DB", str(real))
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON), tick=False)
    result = cli("--demo", "today")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    # The demo started on Monday 16 February: Wednesday 18 March is in week 5.
    assert lines[0] == "Week 5 of 8"
    # baseline done; webinar-1, coaching-1, coaching-2, webinar-3 attended; webinar-2 missed.
    assert lines[-1] == "So far: 4 of 8 sessions attended; 3 of 6 activities completed."
    assert list(private_tmp.iterdir()) == []
    assert not real.exists()  # never the user's database
    assert not (data_home / "companion").exists()


def test_demo_json_has_the_demo_participant(cli, private_tmp, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON), tick=False)
    result = cli("today", "--json", "--demo")
    assert result.code == 0
    data = json.loads(result.out)
    assert data["name"] == "Sam"
    assert data["week"] == 5
    assert list(private_tmp.iterdir()) == []


def test_demo_with_db_is_a_usage_error(cli, tmp_path, private_tmp):
    line = cli("--demo", "--db", tmp_path / "x.db", "today").assert_user_error()
    assert "--demo" in line
    assert not (tmp_path / "x.db").exists()
    assert list(private_tmp.iterdir()) == []


def test_errors_never_print_a_traceback_even_for_a_broken_database(cli, db, london_tz):
    """A database with a table dropped from outside: still one line, no traceback."""
    store = open_store(db)
    store.programme.save_setup(dt.date(2026, 3, 2), None, "Europe/London", (), SETUP_TIME)
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE session_mark")
    conn.commit()
    conn.close()
    result = cli("today", "--db", db)
    assert "Traceback" not in result.err
    assert result.code != 0
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("companion: ")


def test_demo_removes_folders_left_by_a_demo_whose_process_has_gone(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    abandoned = tmp_path / f"companion-demo-{gone}-abcd1234"
    abandoned.mkdir()
    (abandoned / "demo.db").write_bytes(b"old")
    alive = tmp_path / f"companion-demo-{os.getpid()}-efgh5678"
    alive.mkdir()

    result = cli("--demo", "today")

    assert result.code == 0, result.err
    assert not abandoned.exists()
    assert alive.exists()  # another demo, still running, keeps its folder
    assert sorted(p.name for p in tmp_path.glob("companion-demo-*")) == [alive.name]


def test_a_session_still_to_come_cannot_be_marked(cli, tmp_path, london_tz, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 5, 12, 0, tzinfo=ZoneInfo("Europe/London")))
    db = tmp_path / "c.db"
    assert cli("setup", "--start", "2026-03-02", "--db", db).code == 0
    before = sqlite3.connect(db).execute("SELECT count(*) FROM session_mark").fetchone()

    line = cli("schedule", "mark", "coaching-1", "attended", "--db", db).assert_user_error()

    assert "can be marked once it has started" in line
    assert sqlite3.connect(db).execute("SELECT count(*) FROM session_mark").fetchone() == before
    assert cli("schedule", "mark", "webinar-1", "attended", "--db", db).code == 0
    assert cli("schedule", "mark", "coaching-1", "clear", "--db", db).code == 0


@pytest.mark.parametrize("bug", [ValueError("x is not a date"), KeyError("week"), TypeError()])
def test_a_programming_error_takes_the_crash_path_not_the_refusal(
    cli, set_up, monkeypatch, state_home, bug
):
    """Only the domain's own kinds (Invalid, NotFound, Refused) are the person's mistake.

    A plain ValueError from a bug must not be dressed up as one: it exits 1 with
    the crash line and writes a report without any message text.
    """
    from companion.commands import programme

    def broken(args):
        raise bug

    monkeypatch.setattr(programme, "cmd_today", broken)
    result = cli("today", "--db", set_up)
    assert result.code == 1
    assert "something unexpected went wrong" in result.err
    assert "x is not a date" not in result.err
    reports = list((state_home / "companion" / "log").glob("crash-*.txt"))
    assert len(reports) == 1
    assert "x is not a date" not in reports[0].read_text()


@pytest.mark.parametrize("kind", [Invalid, NotFound, Refused])
def test_every_kind_of_problem_is_one_line_and_exit_2(cli, set_up, monkeypatch, kind):
    from companion.commands import programme

    def refuses(args):
        raise kind("that will not do; try this instead")

    monkeypatch.setattr(programme, "cmd_today", refuses)
    line = cli("today", "--db", set_up).assert_user_error()
    assert line == "companion: that will not do; try this instead"


def test_a_date_in_another_year_is_printed_with_its_year(cli, db, time_machine):
    # Starting 2 November 2026, the end measures fall on Christmas Eve and the
    # follow-up a month later, in January 2027.
    time_machine.move_to(dt.datetime(2026, 10, 20, 12, 0, tzinfo=LONDON), tick=False)
    assert cli("setup", "--start", "2026-11-02", "--db", db).code == 0
    rows = {line.split()[0]: line for line in cli("schedule", "--db", db).out.splitlines()}
    assert " Mon 25 Jan 2027 10:00\u201312:00 " in rows["followup"]
    assert " Thu 24 Dec 09:00\u201309:30 " in rows["end"]
    assert [key for key, line in rows.items() if "2026" in line or "2027" in line] == ["followup"]
    # Just after the end measures, the follow-up is next up: still with its year.
    time_machine.move_to(dt.datetime(2026, 12, 28, 12, 0, tzinfo=LONDON), tick=False)
    out = cli("today", "--db", db).out
    assert "Next up: Follow-up workshop, Mon 25 Jan 2027 10:00\u201312:00 (in 28 days)" in out
