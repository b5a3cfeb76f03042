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
