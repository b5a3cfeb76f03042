"""`companion log`, `companion habits` and `companion practice`, run in-process.

The programme starts on Monday 2 March 2026 in Europe/London (set up on 20
February, so every habit began that day). Unless a test says otherwise it is
Wednesday 18 March 2026 at noon: programme week 3, its third day. UK clocks go
forward at 01:00 UTC on Sunday 29 March 2026. Every expected line and number
below was worked out by hand; strengths from s = s * m + credit * (1 - m),
m = 0.5 ** (1 / 13) = 0.94808, starting at 0 on 20 February.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import companion.commands.practice as commands
from companion.domain.selfcare.practice import ENDING

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
WEDNESDAY = dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def set_up(cli, db, london_tz, time_machine) -> Path:
    time_machine.move_to(SETUP_TIME, tick=False)
    result = cli("setup", "--start", "2026-03-02", "--name", "Alex", "--db", db)
    assert result.code == 0, result.err
    time_machine.move_to(WEDNESDAY, tick=False)
    return db


def entries(raw_rows, db: Path) -> list[tuple]:
    return raw_rows(
        db,
        "SELECT h.key, e.day, e.value, e.note, e.created_utc, e.tz "
        "FROM habit_entry e JOIN habit h ON h.id = e.habit_id ORDER BY e.id",
    )


# ---------------------------------------------------------------- logging


def test_log_a_walk_by_prefix_then_another(cli, set_up, raw_rows):
    first = cli("log", "walk", "25", "--db", set_up)
    assert (first.code, first.err) == (0, "")
    assert first.out == "Walking: 25 minutes logged for today (25 of 30 minutes).\n"
    second = cli("log", "walking", "30", "--note", "round the [b]park[/b]", "--db", set_up)
    assert second.out == (
        "Walking: 30 minutes logged for today (55 of 30 minutes: target reached).\n"
    )
    third = cli("log", "w", "5", "--db", set_up)
    assert third.out == "Walking: 5 minutes logged for today (60 of 30 minutes).\n"
    assert entries(raw_rows, set_up) == [
        ("walking", "2026-03-18", 25.0, None, "2026-03-18T12:00:00Z", "Europe/London"),
        (
            "walking",
            "2026-03-18",
            30.0,
            "round the [b]park[/b]",
            "2026-03-18T12:00:00Z",
            "Europe/London",
        ),
        ("walking", "2026-03-18", 5.0, None, "2026-03-18T12:00:00Z", "Europe/London"),
    ]


def test_count_and_yes_no_habits_default_to_one(cli, set_up, raw_rows):
    assert cli("log", "hyd", "--db", set_up).out == (
        "Hydration: 1 glass logged for today (1 of 8 glasses).\n"
    )
    assert cli("habits", "add", "kind-moment", "Kind moment", "--db", set_up).code == 0
    assert cli("log", "kind", "--db", set_up).out == "Kind moment: logged for today.\n"
    again = cli("log", "kind", "--db", set_up)
    assert (again.code, again.out) == (
        0,
        "Kind moment is already logged for today; that's done.\n",
    )
    assert [(r[0], r[2]) for r in entries(raw_rows, set_up)] == [
        ("hydration", 1.0),
        ("kind-moment", 1.0),
    ]


@pytest.mark.parametrize(
    ("phrase", "day", "words"),
    [
        ("yesterday", "2026-03-17", "yesterday"),
        ("monday", "2026-03-16", "Monday 16 March"),
        ("wed", "2026-03-18", "today"),
        ("3 days ago", "2026-03-15", "Sunday 15 March"),
        ("2026-03-10", "2026-03-10", "Tuesday 10 March"),
        ("2025-12-31", "2025-12-31", "Wednesday 31 December 2025"),
    ],
)
def test_back_fill_a_past_day(cli, set_up, raw_rows, phrase, day, words):
    result = cli("log", "meditation", "10", "--date", phrase, "--db", set_up)
    assert (
        result.out
        == f"Meditation: 10 minutes logged for {words} (10 of 10 minutes: target reached).\n"
    )
    assert entries(raw_rows, set_up)[0][1] == day


@pytest.mark.parametrize(
    "argv",
    [
        ["hydration", "--date", "yesterday", "--note", "hot day", "6"],
        ["--note", "hot day", "hydration", "--date", "yesterday", "6"],
        ["hydration", "6", "--date", "yesterday", "--note", "hot day"],
    ],
)
def test_the_amount_can_come_anywhere_among_the_options(cli, set_up, raw_rows, argv):
    result = cli("log", *argv, "--db", set_up)
    assert (result.code, result.err) == (0, "")
    assert result.out == "Hydration: 6 glasses logged for yesterday (6 of 8 glasses).\n"
    assert [row[:4] for row in entries(raw_rows, set_up)] == [
        ("hydration", "2026-03-17", 6.0, "hot day")
    ]


def test_a_second_amount_is_still_refused(cli, set_up, digest):
    before = digest(set_up)
    line = cli("log", "hydration", "6", "--date", "yesterday", "7", "--db", set_up)
    assert "unrecognized arguments: 7" in line.assert_user_error()
    assert digest(set_up) == before


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        (dt.datetime(2026, 3, 28, 23, 59, 59, tzinfo=LONDON), "2026-03-28"),
        (dt.datetime(2026, 3, 29, 0, 0, 0, tzinfo=LONDON), "2026-03-29"),
        # The clocks have gone forward: 23:30 UTC is already 00:30 on Monday in London.
        (dt.datetime(2026, 3, 29, 23, 30, tzinfo=dt.UTC), "2026-03-30"),
        (dt.datetime(2026, 3, 29, 22, 59, 59, tzinfo=dt.UTC), "2026-03-29"),
    ],
)
def test_the_day_is_the_programmes_local_date_around_midnight(
    cli, set_up, raw_rows, time_machine, moment, day
):
    time_machine.move_to(moment, tick=False)
    assert cli("log", "walk", "20", "--db", set_up).code == 0
    assert entries(raw_rows, set_up)[0][1] == day


def test_the_day_follows_the_programme_zone_not_the_machines(
    cli, set_up, raw_rows, time_machine, monkeypatch
):
    # 02:00 UTC on the 18th is 22:00 on the 17th in New York, but the programme is in London.
    time_machine.move_to(dt.datetime(2026, 3, 18, 2, 0, tzinfo=dt.UTC), tick=False)
    monkeypatch.setenv("TZ", "America/New_York")
    assert cli("log", "walk", "20", "--db", set_up).code == 0
    assert entries(raw_rows, set_up)[0][1:] == (
        "2026-03-18",
        20.0,
        None,
        "2026-03-18T02:00:00Z",
        "Europe/London",
    )


# ---------------------------------------------------------------- the day's totals


@pytest.fixture
def logged_week(cli, set_up) -> Path:
    """Walking 30 on Monday and 25 today; meditation 10 on Tuesday and 10 today."""
    for argv in (
        ("walk", "30", "--date", "monday"),
        ("med", "10", "--date", "tuesday"),
        ("walk", "25"),
        ("med", "10"),
    ):
        assert cli("log", *argv, "--db", set_up).code == 0
    return set_up


def test_log_alone_prints_the_days_totals_and_strength(cli, logged_week):
    # Walking: 20 Feb to 15 Mar earn 0; Mon 16 credit 1; Tue 17 credit 0; today 25/30.
    #   s = (1-m) = 0.05192; s = 0.05192 * m = 0.04923; s = 0.04923 m + 0.8333 (1-m) = 0.08994
    # Meditation: Tue 17 credit 1 -> 0.05192; today credit 1 -> 0.05192 m + 0.05192 = 0.10115
    result = cli("log", "--db", logged_week)
    assert result.out.splitlines() == [
        "Wednesday 18 March 2026 (today)",
        "  Meditation  10 of 10 minutes  habit strength 10%",
        "  Walking     25 of 30 minutes  habit strength 8%",
        "  Hydration   0 of 8 glasses    habit strength 0%",
    ]


def test_log_json_for_today_and_for_another_day(cli, logged_week):
    result = cli("log", "--json", "--db", logged_week)
    data = json.loads(result.out)
    assert data == {
        "day": "2026-03-18",
        "habits": [
            {
                "key": "meditation",
                "name": "Meditation",
                "unit": "minutes",
                "total": 10.0,
                "target": 10.0,
                "strength": 0.101,
            },
            {
                "key": "walking",
                "name": "Walking",
                "unit": "minutes",
                "total": 25.0,
                "target": 30.0,
                "strength": 0.09,
            },
            {
                "key": "hydration",
                "name": "Hydration",
                "unit": "glasses",
                "total": 0.0,
                "target": 8.0,
                "strength": 0.0,
            },
        ],
    }
    monday = json.loads(cli("log", "--json", "--date", "monday", "--db", logged_week).out)
    assert monday["day"] == "2026-03-16"
    assert [(h["key"], h["total"], h["strength"]) for h in monday["habits"]] == [
        ("meditation", 0.0, 0.0),
        ("walking", 30.0, 0.052),
        ("hydration", 0.0, 0.0),
    ]


def test_log_week_is_a_compact_table_with_a_sparkline(cli, logged_week):
    # Walking against 30 a day: 30 -> █, nothing -> ·, 25 -> ceil(25/30 * 8) = 7 -> ▇.
    result = cli("log", "--week", "--db", logged_week)
    # A day counts when it met the target: walking's 25 today does not.
    assert result.out.splitlines() == [
        "Programme week 3: Mon 16 Mar to Sun 22 Mar",
        "              MTWTFSS  this week         days target met",
        "  Meditation  \u00b7\u2588\u2588      20 of 30 minutes  2 of 3 days",
        "  Walking     \u2588\u00b7\u2587      55 of 90 minutes  1 of 3 days",
        "  Hydration   \u00b7\u00b7\u00b7      0 of 24 glasses   0 of 3 days",
        "  \u00b7 nothing logged",
    ]


def test_log_week_counts_days_from_the_habits_start_and_says_what_it_counts(cli, logged_week):
    """One definition of "N of M days": met the target (at least) or within the limit
    (at most), from the day the habit was added; the header says which."""
    added = cli(
        "habits", "add", "coffee", "Coffee", "--kind", "count", "--unit", "cups",
        "--target", "2", "--direction", "at_most", "--db", logged_week,
    )  # fmt: skip
    assert added.code == 0, added.err
    lines = cli("log", "--week", "--db", logged_week).out.splitlines()
    assert lines[1].endswith("this week         days target met or within the limit")
    # Added today (Wednesday): Monday and Tuesday were before it (blank), so only today counts.
    assert lines[5] == "  Coffee        \u00b7      0 cups (limit 2)  1 of 1 day"
    assert lines[2].endswith("2 of 3 days")  # the older habits still count all three
    # Looking back at Tuesday: the week stops there, and coffee did not exist yet.
    tuesday = cli("log", "--week", "--date", "tuesday", "--db", logged_week).out.splitlines()
    assert tuesday[3] == "  Walking     \u2588\u00b7       30 of 60 minutes  1 of 2 days"
    assert tuesday[5] == "  Coffee               0 cups (limit 0)  0 of 0 days"


def test_log_week_marks_paused_days(cli, logged_week):
    from companion.store import open_store

    store = open_store(logged_week)
    try:
        store.selfcare.add_pause(
            dt.date(2026, 3, 17), dt.date(2026, 3, 17), "cold", dt.date(2026, 3, 18), WEDNESDAY
        )
    finally:
        store.close()
    lines = cli("log", "--week", "--db", logged_week).out.splitlines()
    # Tuesday is paused: it shows ~, and leaves the week's target (2 days so far).
    assert lines[3] == "  Walking     \u2588~\u2587      55 of 60 minutes  1 of 2 days"
    assert lines[-1] == "  \u00b7 nothing logged   ~ paused"
    text = cli("log", "--date", "yesterday", "--db", logged_week).out
    assert "A paused day (cold): nothing is expected of it." in text


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["walkign", "5"],
            "No habit called 'walkign'; did you mean walking? the habits are "
            "meditation, walking, hydration",
        ),
        (["xyz", "5"], "No habit called 'xyz'; the habits are meditation, walking, hydration"),
        (["walk", "-5"], "An amount cannot be below 0"),
        (["walk", "abc"], "'abc' is not a number; type how many minutes, e.g. 25"),
        (["walk", "nan"], "'nan' is not a number"),
        (["walk", "inf"], "'inf' is not a number"),
        (["walk", "1441"], "1,441 minutes in one day is more than the 1,440 a day has"),
        (["walk", "0"], "There is nothing to log for 0"),
        (["hydration", "2.5"], "counts whole glasses"),
        (
            ["walk"],
            "Walking is measured in minutes; say how many, e.g. 25",
        ),
        (["walk", "5", "--date", "tomorrow"], "Thursday 19 March 2026 has not happened yet"),
        (["walk", "5", "--date", "2026-03-19"], "Thursday 19 March 2026 has not happened yet"),
        (["walk", "5", "--date", "2026-02-30"], "2026-02-30 is not a date: February 2026 has 28"),
        (["walk", "5", "--date", "2026-2-3"], "write it as YYYY-MM-DD"),
        (["walk", "5", "--date", "next tuesday"], "Tuesday 24 March 2026 has not happened yet"),
        (["walk", "5", "--date", "someday"], "not a day I know"),
        (["walk", "5", "--date", "4000 days ago"], "more than ten years back"),
        (["walk", "5", "--note", "x" * 501], "The note is 501 characters; the limit is 500"),
        (["walk", "5", "--note", "a\x00b"], "The note contains a NUL character"),
        (["walk", "5", "--note", "\x1b[31mred"], "The note must be on one line"),
        (["walk", "5", "--json"], "--json and --week show totals"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, set_up, digest, argv, words):
    before = digest(set_up)
    line = cli("log", *argv, "--db", set_up).assert_user_error()
    assert words in line
    assert digest(set_up) == before


def test_an_ambiguous_prefix_lists_what_it_could_be(cli, set_up, digest):
    assert cli("habits", "add", "water-plants", "Water the plants", "--db", set_up).code == 0
    before = digest(set_up)
    line = cli("log", "wa", "5", "--db", set_up).assert_user_error()
    assert line == "companion: 'wa' could be walking or water-plants; type a few more letters"
    assert digest(set_up) == before


def test_a_typed_escape_sequence_is_never_echoed_raw(cli, set_up):
    line = cli("log", "\x1b[2Jwalk", "5", "--db", set_up).assert_user_error()
    assert line == "companion: The habit key must be on one line, without control characters"


def test_logging_before_setup_is_one_line(cli, db, london_tz):
    cli("locate", "--db", db)
    assert "no Companion database" in cli("log", "walk", "5", "--db", db).assert_user_error()


def test_an_archived_habit_says_how_to_bring_it_back(cli, set_up):
    assert cli("habits", "archive", "walking", "--db", set_up).code == 0
    line = cli("log", "walking", "5", "--db", set_up).assert_user_error()
    assert "walking is archived; `companion habits restore walking` brings it back" in line


# ---------------------------------------------------------------- habits


def test_habits_list_add_rename_move_archive_restore(cli, set_up):
    added = cli(
        "habits",
        "add",
        "delegated",
        "Delegated a task",
        "--target",
        "3",
        "--per",
        "week",
        "--db",
        set_up,
    )
    assert added.out.splitlines() == [
        "Added Delegated a task (delegated): at least 3 times a week.",
        "Log it with `companion log delegated`.",
    ]
    assert cli("habits", "rename", "deleg", "Handed something on", "--db", set_up).out == (
        "Delegated a task is now called Handed something on (key delegated).\n"
    )
    assert cli("habits", "move", "delegated", "1", "--db", set_up).out == (
        "Your habits, in order: Handed something on, Meditation, Walking, Hydration.\n"
    )
    assert cli("habits", "archive", "hyd", "--db", set_up).out == (
        "Archived Hydration; its entries are kept. "
        "`companion habits restore hydration` brings it back.\n"
    )
    assert cli("habits", "--db", set_up).out.splitlines() == [
        "delegated   Handed something on  yesno    at least 3 times a week",
        "meditation  Meditation           minutes  at least 10 minutes a day",
        "walking     Walking              minutes  at least 30 minutes a day",
        "Archived (entries kept):",
        "hydration   Hydration",
    ]
    listed = json.loads(cli("habits", "list", "--json", "--db", set_up).out)
    assert listed[0] == {
        "key": "delegated",
        "name": "Handed something on",
        "kind": "yesno",
        "unit": "times",
        "target": 3.0,
        "per": "week",
        "direction": "at_least",
        "archived": False,
    }
    assert [(h["key"], h["archived"]) for h in listed] == [
        ("delegated", False),
        ("meditation", False),
        ("walking", False),
        ("hydration", True),
    ]
    assert cli("habits", "restore", "hydration", "--db", set_up).out == (
        "Hydration is back, with all its entries.\n"
    )
    assert json.loads(cli("habits", "--json", "--db", set_up).out)[-1]["archived"] is False


def test_a_minutes_habit_with_a_limit(cli, set_up):
    result = cli(
        "habits",
        "add",
        "screens",
        "Screens after 9pm",
        "--kind",
        "minutes",
        "--target",
        "30",
        "--direction",
        "at_most",
        "--db",
        set_up,
    )
    assert (
        result.out.splitlines()[0]
        == "Added Screens after 9pm (screens): at most 30 minutes a day."
    )
    assert cli("log", "scr", "45", "--db", set_up).out == (
        "Screens after 9pm: 45 minutes logged for today (45 minutes today; your limit is 30).\n"
    )


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["add", "walking", "Walk"], "already a habit with the key walking"),
        (["add", "kind", "Kind", "--kind", "hours"], "--kind is one of yesno, count, minutes"),
        (["add", "kind moment", "Kind"], "a-z, 0-9 and hyphens"),
        (
            ["add", "tea", "Tea", "--kind", "count", "--target", "lots"],
            "'lots' is not a number; give the target as a number, e.g. 10",
        ),
        (["add", "tea", "Tea", "--per", "month", "--target", "2"], "per day or per week"),
        (["archive", "nothing"], "No habit called 'nothing'"),
        (["restore", "walking"], "no habits are archived"),
        (["rename", "walking", ""], "needs a name"),
        (["move", "walking", "0"], "POSITION is a place in the list"),
    ],
)
def test_habit_commands_refuse_bad_input(cli, set_up, digest, argv, words):
    before = digest(set_up)
    assert words in cli("habits", *argv, "--db", set_up).assert_user_error()
    assert digest(set_up) == before


# ---------------------------------------------------------------- practice


class FakeClock:
    """Stands in for time.monotonic and time.sleep; `stop_at` plays Ctrl+C at that second."""

    def __init__(self, stop_at: float | None = None) -> None:
        self.now = 1000.0
        self.stop_at = stop_at

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        if self.stop_at is not None and self.now >= 1000.0 + self.stop_at:
            raise KeyboardInterrupt


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(commands, "monotonic", fake.monotonic)
    monkeypatch.setattr(commands, "sleep", fake.sleep)
    return fake


def test_practice_counts_down_then_logs_the_minutes(cli, set_up, clock, raw_rows, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = cli("practice", "med", "2", "--db", set_up)
    assert result.code == 0
    assert result.out.startswith("Meditation for 2 minutes. Settle in; Ctrl+C stops early.\n")
    assert "\r  " + "\u2591" * 30 + "  2:00 left " in result.out  # the first calm line
    assert "\r  " + "\u2588" * 15 + "\u2591" * 15 + "  1:00 left " in result.out
    assert result.out.endswith(
        f"\n{ENDING}\nMeditation: 2 minutes logged for today (2 of 10 minutes).\n"
    )
    assert "\a" not in result.out
    assert clock.now == 1120.0
    assert entries(raw_rows, set_up)[0][:3] == ("meditation", "2026-03-18", 2.0)


def test_the_self_compassion_break_prints_its_steps_in_turn_and_logs_meditation(
    cli, set_up, clock, raw_rows, monkeypatch
):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = cli("practice", "self-compassion-break", "3", "--db", set_up)
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith(
        "A self-compassion break for 3 minutes, logged as meditation. Settle in; "
        "Ctrl+C stops early.\nIf it helps, rest a hand on your chest"
    )
    headings = [
        "Step 1 of 3 \u00b7 This is hard",
        "Step 2 of 3 \u00b7 Others feel this too",
        "Step 3 of 3 \u00b7 A kind word to yourself",
    ]
    places = [out.index(heading) for heading in headings]
    assert places == sorted(places)
    assert all(out.count(heading) == 1 for heading in headings)
    assert places[-1] < out.index(ENDING)
    # On a terminal the calm line is wiped before the next step, not left half-drawn.
    assert "\r" + " " * 50 + "\r\nStep 2 of 3" in out
    assert out.endswith("Meditation: 3 minutes logged for today (3 of 10 minutes).\n")
    assert entries(raw_rows, set_up)[0][:3] == ("meditation", "2026-03-18", 3.0)


def test_a_break_stopped_in_its_second_step_has_shown_only_two(cli, set_up, monkeypatch):
    fake = FakeClock(stop_at=70)  # a minute and ten seconds of three
    monkeypatch.setattr(commands, "monotonic", fake.monotonic)
    monkeypatch.setattr(commands, "sleep", fake.sleep)
    monkeypatch.setattr(commands, "ask", lambda q: "n")
    out = cli("practice", "self-compassion-break", "3", "--db", set_up).out
    assert "Step 2 of 3" in out
    assert "Step 3 of 3" not in out
    assert out.endswith("Nothing logged. Thank you for the time you took.\n")


def test_practice_rings_the_bell_only_when_asked(cli, set_up, clock):
    assert f"{ENDING}\a\n" in cli("practice", "walking", "1", "--bell", "--db", set_up).out


def test_stopping_early_asks_and_logs_the_minutes_done(cli, set_up, monkeypatch, raw_rows):
    fake = FakeClock(stop_at=185)  # 3 minutes 5 seconds: 3 minutes
    asked = []
    monkeypatch.setattr(commands, "monotonic", fake.monotonic)
    monkeypatch.setattr(commands, "sleep", fake.sleep)
    monkeypatch.setattr(commands, "ask", lambda q: asked.append(q) or "")
    result = cli("practice", "meditation", "10", "--db", set_up)
    assert asked == ["Stopped after 3 minutes. Log them? [Y/n] "]
    assert result.out.endswith("Meditation: 3 minutes logged for today (3 of 10 minutes).\n")
    assert entries(raw_rows, set_up)[0][2] == 3.0


def test_stopping_early_and_declining_logs_nothing(cli, set_up, monkeypatch, digest):
    fake = FakeClock(stop_at=125)
    monkeypatch.setattr(commands, "monotonic", fake.monotonic)
    monkeypatch.setattr(commands, "sleep", fake.sleep)
    monkeypatch.setattr(commands, "ask", lambda q: "n")
    before = digest(set_up)
    result = cli("practice", "meditation", "10", "--db", set_up)
    assert result.code == 0
    assert result.out.endswith("Nothing logged. Thank you for the time you took.\n")
    assert digest(set_up) == before


def test_stopping_within_the_first_half_minute_logs_nothing(cli, set_up, monkeypatch, digest):
    fake = FakeClock(stop_at=20)
    monkeypatch.setattr(commands, "monotonic", fake.monotonic)
    monkeypatch.setattr(commands, "sleep", fake.sleep)
    before = digest(set_up)
    result = cli("practice", "meditation", "10", "--db", set_up)
    assert "Stopped before a minute had passed; nothing logged." in result.out
    assert digest(set_up) == before


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ["hydration", "10"],
            "Hydration is not counted in minutes; a practice logs minutes, "
            "so choose one of: meditation, walking",
        ),
        (["meditation", "0"], "at least 1 minute"),
        (["meditation", "500"], "more than 180"),
        (["meditation", "ten"], "not a number of minutes"),
    ],
)
def test_practice_refuses_bad_input_before_starting(cli, set_up, clock, argv, words):
    assert words in cli("practice", *argv, "--db", set_up).assert_user_error()
    assert clock.now == 1000.0  # no time was spent
