"""Occasions, what is due, results over time, practice in between (domain.administration).

Dates are worked out by hand from programme.toml for a programme starting on
Monday 26 October 2026 (the demo's start when "now" is 26 November 2026):
baseline Friday 23 October (week 0, day 4); final week from Monday 14
December; end session Thursday 17 December; follow-up one month after the end
is Sunday 17 January 2027, so Monday 18 January.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from zoneinfo import ZoneInfo

import pytest

from companion import content
from companion.content.instruments import instrument
from companion.domain.errors import Invalid
from companion.domain.programme import build_schedule
from companion.domain.programme_setup import ProgrammeSetup
from companion.domain.scales.administration import (
    Administration,
    battery,
    check_day,
    check_item,
    check_item_answer,
    check_occasion,
    due,
    suggest_occasion,
    window_occasion,
    windows,
)
from companion.domain.scales.results import (
    Practice,
    derived_score,
    results,
    score_lines,
)
from companion.domain.scales.scoring import ItemAnswerError

START = dt.date(2026, 10, 26)
D = dt.date


@pytest.fixture(scope="module")
def events():
    setup = ProgrammeSetup(start=START, zone=ZoneInfo("Europe/London"))
    return build_schedule(content.programme(), setup)


def admin(
    admin_id: int,
    instrument_id: str,
    occasion: str,
    day: dt.date,
    answers: list[int] | None = None,
    complete: bool = True,
) -> Administration:
    count = instrument(instrument_id).item_count
    values = answers if answers is not None else [3] * count
    return Administration(
        id=admin_id,
        instrument=instrument_id,
        occasion=occasion,  # type: ignore[arg-type]
        day=day,
        status="complete" if complete else "in-progress",
        answers=MappingProxyType(dict(enumerate(values, start=1))),
    )


# ---------------------------------------------------------------- occasions and days


@pytest.mark.parametrize(
    ("typed", "occasion"),
    [
        ("pre", "pre"),
        ("Baseline", "pre"),
        (" post ", "post"),
        ("end", "post"),
        ("follow-up", "followup"),
        ("followup", "followup"),
        ("adhoc", "adhoc"),
        ("extra", "adhoc"),
    ],
)
def test_occasions_and_their_everyday_names(typed: str, occasion: str) -> None:
    assert check_occasion(typed) == occasion


def test_an_unknown_occasion_lists_the_choices() -> None:
    with pytest.raises(Invalid, match="no occasion 'later'; choose pre"):
        check_occasion("later")


def test_a_form_cannot_be_dated_in_the_future_or_years_back() -> None:
    today = D(2026, 11, 26)
    assert check_day(today, today) == today
    assert check_day(D(2025, 1, 1), today) == D(2025, 1, 1)
    with pytest.raises(Invalid, match="Friday 27 November 2026 is in the future"):
        check_day(D(2026, 11, 27), today)
    with pytest.raises(Invalid, match="more than two years ago"):
        check_day(D(2024, 11, 1), today)


@pytest.mark.parametrize("value", [True, False, 3.0, "3", None, 0, 6, -1])
def test_one_answer_must_be_a_whole_number_one_to_five(value: object) -> None:
    with pytest.raises(ItemAnswerError, match="SCS-SF item 4") as caught:
        check_item_answer(instrument("scs-sf"), 4, value)
    assert caught.value.item == 4


def test_item_numbers_run_one_to_n() -> None:
    assert check_item(instrument("swemwbs"), 7) == 7
    for item in (0, 8, True, 1.0):
        with pytest.raises(Invalid, match="SWEMWBS has items 1 to 7"):
            check_item(instrument("swemwbs"), item)


# ---------------------------------------------------------------- which occasion is due


def test_the_schedule_the_windows_come_from(events) -> None:
    days = {e.kind: e.day for e in events if e.kind in ("baseline", "end", "followup")}
    assert days == {
        "baseline": D(2026, 10, 23),
        "end": D(2026, 12, 17),
        "followup": D(2027, 1, 18),
    }


def test_windows(events) -> None:
    found = {w.occasion: (w.first, w.last) for w in windows(START, 8, events)}
    assert found["pre"][1] == D(2026, 11, 1)  # through week 1
    assert found["post"] == (D(2026, 12, 14), D(2027, 1, 10))  # final week to follow-up window
    assert found["followup"] == (D(2027, 1, 11), D(2027, 2, 15))  # a week before, four after


@pytest.mark.parametrize(
    ("today", "occasion"),
    [
        (D(2026, 10, 1), "pre"),
        (D(2026, 10, 23), "pre"),  # the baseline day
        (D(2026, 11, 1), "pre"),  # last day of week 1: a late baseline is still a baseline
        (D(2026, 11, 2), None),
        (D(2026, 11, 26), None),  # the demo's week 5
        (D(2026, 12, 13), None),
        (D(2026, 12, 14), "post"),  # first day of week 8
        (D(2027, 1, 10), "post"),
        (D(2027, 1, 11), "followup"),
        (D(2027, 2, 15), "followup"),
        (D(2027, 2, 16), None),
    ],
)
def test_window_occasion(events, today: dt.date, occasion: str | None) -> None:
    window = window_occasion(START, 8, events, today)
    assert (window.occasion if window else None) == occasion


def test_a_retake_in_the_same_window_is_suggested_as_extra(events) -> None:
    assert suggest_occasion(START, 8, events, D(2026, 10, 23)) == "pre"
    assert suggest_occasion(START, 8, events, D(2026, 10, 23), done=["pre"]) == "adhoc"
    assert suggest_occasion(START, 8, events, D(2026, 12, 17), done=["pre"]) == "post"
    assert suggest_occasion(START, 8, events, D(2026, 11, 26)) == "adhoc"


def test_baseline_measures_are_due_before_week_one(events) -> None:
    found = due(START, 8, events, D(2026, 10, 20), [])
    assert found is not None
    assert (found.occasion, found.instruments, found.last_day) == (
        "pre",
        ("scs", "wemwbs"),
        D(2026, 11, 1),
    )
    assert found.name == "Baseline measures"
    # One done: only the other is still due; both done: nothing is.
    taken = [admin(1, "scs", "pre", D(2026, 10, 21))]
    assert due(START, 8, events, D(2026, 10, 22), taken).instruments == ("wemwbs",)
    taken.append(admin(2, "wemwbs", "pre", D(2026, 10, 22)))
    assert due(START, 8, events, D(2026, 10, 23), taken) is None


def test_an_unfinished_scale_is_still_due(events) -> None:
    taken = [admin(1, "scs", "pre", D(2026, 10, 21), [3] * 5, complete=False)]
    assert due(START, 8, events, D(2026, 10, 22), taken).instruments == ("scs", "wemwbs")


def test_nothing_is_due_in_the_middle_of_the_programme(events) -> None:
    assert due(START, 8, events, D(2026, 11, 26), []) is None


def test_end_measures_follow_the_forms_taken_at_baseline(events) -> None:
    taken = [
        admin(1, "scs-sf", "pre", D(2026, 10, 21)),
        admin(2, "wemwbs", "pre", D(2026, 10, 21)),
    ]
    assert battery(taken) == ("scs-sf", "wemwbs")
    found = due(START, 8, events, D(2026, 12, 17), taken)
    assert found is not None
    assert (found.occasion, found.instruments) == ("post", ("scs-sf", "wemwbs"))
    assert found.name == "End-of-programme measures"


def test_follow_up_measures_at_the_workshop(events) -> None:
    found = due(START, 8, events, D(2027, 1, 18), [])
    assert found is not None
    assert (found.occasion, found.name) == ("followup", "Follow-up measures")


# ---------------------------------------------------------------- results over time


def test_results_compare_each_later_result_with_the_baseline() -> None:
    key = instrument("wemwbs")
    history = [
        admin(1, "wemwbs", "pre", D(2026, 10, 23), [3] * 14),  # 42
        admin(2, "wemwbs", "adhoc", D(2026, 11, 20), [3] * 13 + [4]),  # 43
        admin(3, "wemwbs", "post", D(2026, 12, 17), [4] * 7 + [3] * 7),  # 49
        admin(4, "wemwbs", "followup", D(2027, 1, 18), [2] * 14, complete=False),
    ]
    found = results(key, history)
    assert [(p.occasion, p.score.total) for p in found.points] == [
        ("pre", 42),
        ("adhoc", 43),
        ("post", 49),
    ]
    assert found.reference is found.points[0]
    assert [(p.occasion, c.difference) for p, c in found.changes] == [("adhoc", 1), ("post", 7)]
    assert found.changes[1][1].meaningful.status == "reached"  # 7 >= about 3
    assert found.changes[1][1].reliable.status == "not_reliable"  # 7 < 7.45
    assert found.unfinished is not None and found.unfinished.id == 4
    assert found.point("post") is found.points[2]
    assert found.point("followup") is None
    assert found.latest is found.points[2]


def test_a_retaken_baseline_replaces_the_first_and_extras_are_all_kept() -> None:
    key = instrument("swemwbs")
    history = [
        admin(1, "swemwbs", "pre", D(2026, 10, 20), [1] * 7),
        admin(2, "swemwbs", "pre", D(2026, 10, 22), [3] * 7),  # raw 21: 19.25
        admin(3, "swemwbs", "adhoc", D(2026, 11, 2), [3] * 6 + [4]),  # raw 22: 19.98
        admin(4, "swemwbs", "adhoc", D(2026, 11, 9), [4] * 7),  # raw 28: 25.03
    ]
    found = results(key, history)
    assert [p.administration for p in found.points] == [2, 3, 4]
    assert found.reference is not None and found.reference.administration == 2
    assert [c.difference for _, c in found.changes] == [0.73, 5.78]


def test_without_a_baseline_the_earliest_result_is_the_reference() -> None:
    key = instrument("scs-sf")
    history = [
        admin(1, "scs-sf", "adhoc", D(2026, 11, 2), [3] * 12),
        admin(2, "scs-sf", "post", D(2026, 12, 17), [3] * 12),
    ]
    found = results(key, history)
    assert found.reference is not None and found.reference.administration == 1
    assert [p.administration for p, _ in found.changes] == [2]


def test_no_results_no_changes() -> None:
    found = results(instrument("scs"), [admin(1, "wemwbs", "pre", D(2026, 10, 23))])
    assert (found.points, found.reference, found.changes, found.unfinished) == ((), None, (), None)


def test_swemwbs_read_off_a_wemwbs_form() -> None:
    # Items 1, 2, 3, 6, 7, 9 and 11 of the WEMWBS form, all 3 here: raw 21 -> 19.25.
    answers = [3, 3, 3, 5, 5, 3, 3, 5, 3, 5, 3, 5, 5, 5]
    form = admin(1, "wemwbs", "pre", D(2026, 10, 23), answers)
    derived = derived_score(instrument("swemwbs"), instrument("wemwbs"), form)
    assert derived is not None
    assert (derived.raw, derived.total) == (21, 19.25)
    unfinished = admin(2, "wemwbs", "pre", D(2026, 10, 23), answers, complete=False)
    assert derived_score(instrument("swemwbs"), instrument("wemwbs"), unfinished) is None
    assert derived_score(instrument("scs-sf"), instrument("scs"), form) is None


# ---------------------------------------------------------------- practice in between


def test_practice_line_skips_habits_with_nothing_logged() -> None:
    days = (D(2026, 1, 1), D(2026, 2, 1))
    assert Practice(*days, {"Meditation": 0.0, "Walking": 1250.0}).line == (
        "1,250 minutes of walking"
    )
    assert Practice(*days, {"Meditation": 0.0}).line == ""
    three = Practice(*days, {"Meditation": 5.0, "Walking": 10.0, "Yoga": 15.0}).line
    assert three == "5 minutes of meditation, 10 of walking and 15 of yoga"


# ---------------------------------------------------------------- words for a score


def test_score_lines_say_what_each_number_is() -> None:
    from companion.domain.scales.scoring import score

    scs = instrument("scs")
    # The worked example (instruments.md 1.4): all 3, self-kindness items 5.
    answers = [5 if n in (5, 12, 19, 23, 26) else 3 for n in range(1, 27)]
    lines = score_lines(scs, score(scs, answers))
    assert lines[0] == "SCS total 3.33 (moderate, as a rough guide; 1.00 to 5.00)"
    assert "  Self-kindness" in lines[1] and lines[1].endswith("5.00")
    assert lines[-3].startswith("  Older all-item mean") and lines[-3].endswith("3.38")
    wemwbs = instrument("wemwbs")
    assert score_lines(wemwbs, score(wemwbs, [3] * 14)) == ["WEMWBS total 42 (14 to 70)"]
    swemwbs = instrument("swemwbs")
    assert score_lines(swemwbs, score(swemwbs, [3] * 7)) == [
        "SWEMWBS total 19.25 (metric score, 7.00 to 35.00; raw score 21 of 7 to 35)"
    ]
