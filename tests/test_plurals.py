"""Counts read right everywhere: `1 day`, `2 days`, never "1 days" or "1 minute. Log them?".

One helper (`companion/domain/plurals.py`) words every count; this file
checks it, then scans what the shell commands print, over the demo and over
a programme set up so that counts of one turn up (a first day of a week, one
backup, a one-day weekly target, a practice stopped after one minute).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import companion.commands.practice as practice
from companion.domain.plurals import agree, counted, plural

LONDON = ZoneInfo("Europe/London")
SETUP_TIME = dt.datetime(2026, 2, 20, 12, 0, tzinfo=LONDON)
MONDAY = dt.datetime(2026, 3, 16, 12, 0, tzinfo=LONDON)  # the first day of programme week 3

# "1" as a whole count (not 0.1, 21 or 1,000) before a plural noun.
ONE_PLURAL = re.compile(
    r"(?<![\d.,])1 (days|minutes|entries|weeks|sessions|words|answers|times|items|habits"
    r"|backups|reports|characters|glasses|cups|points|activities|exports|hours)\b"
    r"|after 1 minute\. Log them"
)

DEMO_COMMANDS = [
    ["today"],
    ["schedule"],
    ["log"],
    ["log", "--week"],
    ["log", "--date", "yesterday"],
    ["log", "--week", "--date", "2026-11-16"],
    ["habits"],
    ["worksheets"],
    ["plan"],
    ["search", "walk"],
    ["scales", "list"],
    ["scales", "results"],
]


def test_counted_words_a_count_of_one_in_the_singular() -> None:
    assert [counted(n, "day") for n in (0, 1, 2, 1000)] == [
        "0 days",
        "1 day",
        "2 days",
        "1,000 days",
    ]
    assert counted(1, "entry") == "1 entry" and counted(3, "entry") == "3 entries"
    assert (
        plural("match") == "matches"
        and plural("key") == "keys"
        and plural("activity") == "activities"
    )
    assert agree(1, "it", "them") == "it" and agree(4, "it", "them") == "them"


@pytest.mark.parametrize("argv", DEMO_COMMANDS, ids=[" ".join(a) for a in DEMO_COMMANDS])
def test_no_command_over_the_demo_says_one_of_a_plural(cli, argv, london_tz) -> None:
    result = cli(*argv, "--demo")
    assert result.code == 0, result.err
    assert ONE_PLURAL.search(result.out + result.err) is None, result.out


@pytest.fixture
def db(cli, tmp_path: Path, london_tz, time_machine) -> Path:
    path = tmp_path / "companion.db"
    time_machine.move_to(SETUP_TIME, tick=False)
    assert cli("setup", "--start", "2026-03-02", "--db", path).code == 0
    time_machine.move_to(MONDAY, tick=False)
    return path


def test_single_counts_in_the_shell_read_in_the_singular(cli, db) -> None:
    said = []
    for argv in (
        ["habits", "add", "kind", "Kind moment", "--target", "1", "--per", "week"],
        ["habits", "add", "call", "Called a friend", "--target", "1"],
        ["log", "kind"],
        ["log", "call"],
        ["log", "walking", "1"],
        ["log", "--week"],  # Monday: one day of the week so far
        ["log"],
        ["backup"],
    ):
        result = cli(*argv, "--db", db)
        assert result.code == 0, (argv, result.err)
        said.append(result.out)
    text = "".join(said)
    assert "1 of 1 day this week" in text  # the weekly yes/no target, when logged
    assert "of 1 day" in text and "0 of 1 day\n" in text  # log --week on a Monday
    assert "1 minute logged" in text
    assert ONE_PLURAL.search(text) is None, text
    forgot = cli("forget-everything", "--yes", "--db", db)
    assert "with 1 backup" in forgot.out
    assert ONE_PLURAL.search(forgot.out) is None, forgot.out


def test_a_practice_stopped_after_one_minute_asks_to_log_it(cli, db, monkeypatch) -> None:
    clock = [1000.0]

    def sleep(seconds: float) -> None:
        clock[0] += seconds
        if clock[0] >= 1065:  # a minute and five seconds
            raise KeyboardInterrupt

    asked: list[str] = []
    monkeypatch.setattr(practice, "monotonic", lambda: clock[0])
    monkeypatch.setattr(practice, "sleep", sleep)
    monkeypatch.setattr(practice, "ask", lambda q: asked.append(q) or "")
    result = cli("practice", "meditation", "1", "--db", db)
    assert result.out.startswith("Meditation for 1 minute. Settle in")
    assert asked == []  # a one-minute practice ends on its own
    clock[0] = 1000.0
    result = cli("practice", "meditation", "5", "--db", db)
    assert asked == ["Stopped after 1 minute. Log it? [Y/n] "]


def test_a_list_reads_as_a_sentence_says_it() -> None:
    from companion.domain.plurals import listed

    assert [listed(w) for w in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]


def test_a_check_with_two_problems_names_one_more_problem_not_problems() -> None:
    from companion.store.database import check_result

    assert check_result([("page 3 is damaged",), ("page 9",)]).endswith("(and 1 more problem)")
    assert check_result([("x",), ("y",), ("z",)]).endswith("(and 2 more problems)")
