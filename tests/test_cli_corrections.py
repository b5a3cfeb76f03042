"""Correcting mistakes from the shell: removing a scale result, an early end result, a new start.

Each change that removes or rewrites something asks first in a terminal; in
a script it refuses in one line naming `--yes`, and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 12, 17, 10, 0, tzinfo=LONDON)  # the end session's day
SWEMWBS = ["3"] * 7


class Terminal(io.StringIO):
    """A stdin that is a terminal, holding what the person types."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "companion.db"


@pytest.fixture
def frozen(london_tz, time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def typing(monkeypatch):
    """`typing("y\\n")`: the next question is answered in a terminal with these keys."""

    def answer(keys: str) -> None:
        monkeypatch.setattr("sys.stdin", Terminal(keys))

    return answer


def record(cli, db: Path, occasion: str, day: str, *extra: str):
    return cli(
        "scales", "record", "swemwbs", "--occasion", occasion, "--date", day, "--db", db,
        *SWEMWBS, *extra,
    )  # fmt: skip


def administrations(raw_rows, db: Path) -> list[tuple]:
    return raw_rows(db, "SELECT id, occasion, day FROM scale_administration ORDER BY id")


# ---------------------------------------------------------------- scales delete


def test_results_give_every_result_an_id_and_delete_removes_that_one(
    cli, db: Path, frozen, raw_rows
) -> None:
    assert record(cli, db, "pre", "2026-10-23").code == 0
    assert record(cli, db, "adhoc", "2026-11-20").code == 0
    data = json.loads(cli("scales", "results", "--json", "--db", db).out)
    swemwbs = next(i for i in data["instruments"] if i["instrument"] == "swemwbs")
    ids = {r["occasion"]: r["id"] for r in swemwbs["results"]}
    assert "(id 2)" in cli("scales", "results", "--db", db).out  # people find the id there too

    removed = cli("scales", "delete", str(ids["adhoc"]), "--yes", "--db", db)
    assert (removed.code, removed.err) == (0, "")
    assert removed.out == "Removed your SWEMWBS result (Extra, Friday 20 November 2026).\n"
    assert administrations(raw_rows, db) == [(ids["pre"], "pre", "2026-10-23")]
    assert raw_rows(db, "SELECT count(*) FROM scale_answer") == [(7,)]  # the baseline's only


def test_delete_without_a_terminal_or_yes_refuses_in_one_line(
    cli, db: Path, frozen, raw_rows, digest
) -> None:
    assert record(cli, db, "pre", "2026-10-23").code == 0
    before = digest(db)
    line = cli("scales", "delete", "1", "--db", db).assert_user_error()
    assert line == (
        "companion: removing a result asks first, and there is no terminal here to ask in; "
        "add --yes to go ahead"
    )
    assert digest(db) == before


def test_delete_asks_in_a_terminal_and_no_keeps_it(cli, db: Path, frozen, raw_rows, typing):
    assert record(cli, db, "pre", "2026-10-23").code == 0
    typing("n\n")
    kept = cli("scales", "delete", "1", "--db", db)
    assert kept.code == 0
    assert kept.out == (
        "Remove your SWEMWBS result (Baseline, Friday 23 October 2026)? [y/N] Nothing changed.\n"
    )
    assert administrations(raw_rows, db) == [(1, "pre", "2026-10-23")]
    typing("y\n")
    removed = cli("scales", "delete", "1", "--db", db).out
    assert removed.endswith("Removed your SWEMWBS result (Baseline, Friday 23 October 2026).\n")
    assert administrations(raw_rows, db) == []


def test_removing_a_retake_brings_back_the_earlier_result(cli, db: Path, frozen, raw_rows):
    assert record(cli, db, "pre", "2026-10-23").code == 0
    assert record(cli, db, "pre", "2026-10-24").code == 0
    out = cli("scales", "delete", "2", "--yes", "--db", db).out
    assert out.splitlines()[1] == (
        "Your earlier result of Friday 23 October 2026 counts for that occasion again."
    )
    assert "Friday 23 October 2026" in cli("scales", "results", "--db", db).out


def test_delete_of_an_id_that_is_not_there_says_where_ids_are(cli, db: Path, frozen) -> None:
    assert record(cli, db, "pre", "2026-10-23").code == 0
    line = cli("scales", "delete", "7", "--yes", "--db", db).assert_user_error()
    assert line == (
        "companion: there is no scale result 7; `companion scales results` shows each result's id"
    )


# ---------------------------------------------------------------- an early end result


@pytest.fixture
def programme(cli, db: Path, frozen) -> Path:
    """A programme that started on Monday 26 October 2026: the end measures are on 17 December."""
    assert cli("setup", "--start", "2026-10-26", "--db", db).code == 0
    return db


def test_an_end_result_weeks_early_asks_first(cli, programme: Path, raw_rows, typing) -> None:
    line = record(cli, programme, "post", "2026-11-20").assert_user_error()
    assert line == (
        "companion: the end measures are planned for Thursday 17 December 2026, so recording "
        "this as the end asks first, and there is no terminal here to ask in; add --yes to go "
        "ahead"
    )
    assert administrations(raw_rows, programme) == []
    typing("\n")  # just enter: no
    declined = record(cli, programme, "post", "2026-11-20")
    assert declined.out == (
        "The end measures are planned for Thursday 17 December 2026; record as end anyway? "
        "[y/N] Nothing changed.\n"
    )
    assert administrations(raw_rows, programme) == []
    assert record(cli, programme, "post", "2026-11-20", "--yes").code == 0
    assert administrations(raw_rows, programme) == [(1, "post", "2026-11-20")]


def test_an_end_result_in_the_final_week_does_not_ask(cli, programme: Path, raw_rows) -> None:
    on_time = record(cli, programme, "post", "2026-12-14")  # Monday of week 8
    assert on_time.code == 0, on_time.err
    assert on_time.out.startswith("Saved your SWEMWBS: End of programme, Monday 14 December 2026.")


# ---------------------------------------------------------------- setup --start on a programme


SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
WEEK_3 = dt.datetime(2026, 3, 18, 9, 0, tzinfo=LONDON)  # Wednesday of week 3


@pytest.fixture
def marked(cli, db: Path, london_tz, time_machine) -> Path:
    """Alex's programme from Monday 2 March 2026; in week 3 the first three sessions are marked."""
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--name", "Alex", "--db", db).code == 0
    time_machine.move_to(WEEK_3, tick=False)
    for event, state in (
        ("webinar-1", "attended"),
        ("coaching-1", "missed"),
        ("webinar-2", "attended"),
    ):
        assert cli("schedule", "mark", event, state, "--db", db).code == 0
    return db


def marks(cli, db: Path) -> dict[str, bool | None]:
    events = json.loads(cli("schedule", "--json", "--db", db).out)
    return {e["id"]: e["attended"] for e in events if e["attended"] is not None}


def test_moving_a_marked_programme_without_a_terminal_refuses(cli, marked, digest) -> None:
    before = digest(marked)
    line = cli("setup", "--start", "2026-03-09", "--db", marked).assert_user_error()
    assert line == (
        "companion: moving the start of a programme with marked sessions asks first, and there "
        "is no terminal here to ask in; add --yes to go ahead"
    )
    assert digest(marked) == before


def test_moving_the_start_shows_what_changes_and_clears_marks_in_the_future(
    cli, marked, typing, raw_rows
) -> None:
    typing("y\n")
    moved = cli("setup", "--start", "2026-03-09", "--db", marked)
    assert (moved.code, moved.err) == (0, "")
    assert moved.out.splitlines() == [
        "Your programme starts on Monday 2 March 2026; moving it to Monday 9 March 2026:",
        "  the sessions move with it: Webinar 1: Mindfulness is now Mon 9 Mar 10:00\u201311:30",
        "  marks cleared, as these sessions would not have happened yet:",
        "    Webinar 2: Common humanity (attended)",
        "  marks kept: Webinar 1: Mindfulness (attended), Group coaching 1 (missed)",
        "Move the programme? [y/N] Programme moved to start on Monday 9 March 2026.",
        "First session: Webinar 1: Mindfulness, Mon 9 Mar 10:00\u201311:30.",
        "Cleared the marks of sessions that have not happened yet: Webinar 2: Common humanity.",
    ]
    assert "Welcome" not in moved.out
    assert marks(cli, marked) == {"webinar-1": True, "coaching-1": False}
    assert raw_rows(marked, "SELECT start_day, name FROM programme") == [("2026-03-09", "Alex")]
    today = cli("today", "--db", marked).out
    assert "Next up: Webinar 2: Common humanity, Mon 23 Mar" in today


def test_saying_no_keeps_the_programme_as_it_was(cli, marked, typing, digest) -> None:
    before = digest(marked)
    typing("n\n")
    kept = cli("setup", "--start", "2026-03-09", "--db", marked)
    assert kept.out.splitlines()[-1] == "Move the programme? [y/N] Nothing changed."
    assert digest(marked) == before


def test_yes_moves_it_from_a_script(cli, marked) -> None:
    moved = cli("setup", "--start", "2026-02-23", "--yes", "--db", marked)  # a week earlier
    assert moved.out.splitlines()[0] == "Programme moved to start on Monday 23 February 2026."
    assert marks(cli, marked) == {"webinar-1": True, "coaching-1": False, "webinar-2": True}


def test_a_programme_without_marks_moves_without_a_question(cli, db, london_tz, time_machine):
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--name", "Alex", "--db", db).code == 0
    moved = cli("setup", "--start", "2026-03-09", "--db", db)
    assert moved.out.splitlines() == [
        "Programme moved to start on Monday 9 March 2026.",
        "First session: Webinar 1: Mindfulness, Mon 9 Mar 10:00\u201311:30.",
    ]
    again = cli("setup", "--start", "2026-03-09", "--db", db)
    assert again.out == "Your programme starts on Monday 9 March 2026, as before.\n"


# ---------------------------------------------------------------- sheet states


def test_the_shell_lists_the_letter_as_the_app_does(cli, london_tz, time_machine) -> None:
    time_machine.move_to(dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC), tick=False)
    listed = cli("worksheets", "--demo")
    assert listed.code == 0, listed.err
    letter = next(line for line in listed.out.splitlines() if " letter " in line)
    assert letter.split()[2] == "sealed"  # the app's table says "sealed" too, not "complete"
    shown = cli("worksheets", "show", "letter", "--demo").out
    assert shown.splitlines()[2].endswith("\u00b7 sealed")
