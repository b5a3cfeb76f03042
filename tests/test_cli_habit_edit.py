"""`companion habits edit`: a habit's target, unit and direction change from today on.

Days before the change keep the target they had: `log --date` shows them
against it and their habit strength is what it was. The programme starts on
Monday 2 March 2026 (set up on 20 February); it is Wednesday 18 March.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
WEDNESDAY = dt.datetime(2026, 3, 18, 12, 0, tzinfo=LONDON)


@pytest.fixture
def db(cli, tmp_path: Path, london_tz, time_machine) -> Path:
    path = tmp_path / "companion.db"
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--db", path).code == 0
    time_machine.move_to(WEDNESDAY, tick=False)
    for back in range(1, 8):
        assert cli("log", "walking", "20", "--date", f"{back} days ago", "--db", path).code == 0
    return path


def day_line(cli, db: Path, when: str) -> str:
    result = cli("log", "--date", when, "--db", db)
    assert result.code == 0, result.err
    return next(line for line in result.out.splitlines() if "Walk" in line)


def test_a_new_target_applies_from_today_and_past_days_keep_theirs(cli, db, raw_rows) -> None:
    before = day_line(cli, db, "yesterday")
    assert "20 of 30 minutes" in before
    result = cli("habits", "edit", "walk", "--target", "15", "--db", db)
    assert result.code == 0, result.err
    assert result.out == (
        "Walking (walking): at least 15 minutes a day.\n"
        "Days before today keep the target they had (at least 30 minutes a day).\n"
    )
    assert day_line(cli, db, "yesterday") == before  # the same words and the same strength
    assert "0 of 15 minutes" in day_line(cli, db, "today")
    assert raw_rows(db, "SELECT until_day, unit, target, per, direction FROM habit_target") == [
        ("2026-03-17", "minutes", 30.0, "day", "at_least")
    ]


def test_a_second_change_the_same_day_keeps_yesterdays_target(cli, db, raw_rows) -> None:
    assert cli("habits", "edit", "walking", "--target", "15", "--db", db).code == 0
    second = cli("habits", "edit", "walking", "--target", "40", "--name", "Walk", "--db", db)
    assert second.code == 0, second.err
    assert "20 of 30 minutes" in day_line(cli, db, "yesterday")
    assert "0 of 40 minutes" in day_line(cli, db, "today")
    assert len(raw_rows(db, "SELECT * FROM habit_target")) == 1


def test_unit_direction_and_per_change_together(cli, db) -> None:
    assert cli("habits", "add", "tea", "Tea", "--kind", "count", "--db", db).code == 0
    result = cli(
        "habits", "edit", "tea", "--target", "3", "--per", "week",
        "--direction", "at_most", "--unit", "cups", "--db", db,
    )  # fmt: skip
    assert result.code == 0, result.err
    listed = json.loads(cli("habits", "--json", "--db", db).out)
    tea = next(h for h in listed if h["key"] == "tea")
    assert (tea["unit"], tea["target"], tea["per"], tea["direction"]) == (
        "cups", 3, "week", "at_most",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        ([], "say what to change"),
        (["--target", "30"], "already reads that way"),
        (["--per", "fortnight"], "per day or per week"),
        (["--direction", "at_most", "--target", "none"], "needs its limit"),
        (["--unit", "cups"], "measured in minutes"),
        (["--target", "2000"], "more than a day can hold"),
    ],
)
def test_an_edit_that_will_not_do_is_refused_and_nothing_changes(
    cli, db, digest, argv, words
) -> None:
    before = digest(db)
    line = cli("habits", "edit", "walking", *argv, "--db", db).assert_user_error()
    assert words in line
    assert digest(db) == before
