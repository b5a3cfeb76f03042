"""A habit's earlier targets: each past day is judged by the target it had."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from companion.domain.errors import Invalid
from companion.domain.selfcare.habits import Habit, plan_edit, target_of
from companion.domain.selfcare.strength import strength, strength_multiplier
from companion.domain.selfcare.summary import summarise

BEGAN = dt.date(2026, 3, 1)
CHANGED = dt.date(2026, 3, 11)  # the new target applies from this day
TODAY = dt.date(2026, 3, 15)

WALKING = Habit("walking", "Walking", "minutes", "minutes", 15, id=1, since=BEGAN)
# Aimed for 30 a day until 10 March, 15 a day since.
WALKING_THEN = replace(WALKING, target=30)
CHANGED_WALKING = replace(WALKING, earlier=((CHANGED - dt.timedelta(days=1), WALKING_THEN),))
TOTALS = {BEGAN + dt.timedelta(days=n): 15.0 for n in range(15)}


def by_hand(credits: list[float]) -> float:
    m = strength_multiplier(WALKING)
    score = 0.0
    for credit in credits:
        score = score * m + credit * (1 - m)
    return score


def test_on_gives_the_target_in_force_that_day() -> None:
    assert CHANGED_WALKING.on(CHANGED - dt.timedelta(days=1)).target == 30
    assert CHANGED_WALKING.on(CHANGED).target == 15
    assert CHANGED_WALKING.on(TODAY) is CHANGED_WALKING


def test_strength_judges_each_day_by_its_own_target() -> None:
    # 15 minutes a day: half of 30 for the ten days before the change, all of 15 after.
    expected = by_hand([0.5] * 10 + [1.0] * 5)
    got = strength(CHANGED_WALKING, TOTALS, today=TODAY, since=BEGAN, ongoing=False)
    assert got == pytest.approx(expected)
    assert got != pytest.approx(strength(WALKING, TOTALS, today=TODAY, since=BEGAN))


def test_a_summary_of_a_past_day_uses_the_target_it_had() -> None:
    past = summarise(CHANGED_WALKING, TOTALS, day=dt.date(2026, 3, 5), today=TODAY, since=BEGAN)
    assert past.day_target == 30
    assert past.week.target == 30 * 4  # Monday 2 to Thursday 5 March, at 30 a day
    cells = {cell.day: cell for row in past.heatmap for cell in row}
    assert cells[dt.date(2026, 3, 5)].level == 2  # half of 30, not all of 15
    now = summarise(CHANGED_WALKING, TOTALS, day=TODAY, today=TODAY, since=BEGAN)
    assert now.day_target == 15
    cells = {cell.day: cell for row in now.heatmap for cell in row}
    assert cells[dt.date(2026, 3, 5)].level == 2 and cells[CHANGED].level == 4


def test_an_edit_remembers_yesterdays_target_once() -> None:
    first = plan_edit(WALKING_THEN, CHANGED, target=15)
    assert first.ended == (CHANGED - dt.timedelta(days=1), target_of(WALKING_THEN))
    assert first.spec.target == 15
    again = plan_edit(CHANGED_WALKING, CHANGED, target=20)  # a second change that day
    assert again.ended is None
    renamed = plan_edit(WALKING, TODAY, name="Walk")
    assert renamed.ended is None and renamed.spec.name == "Walk"


def test_an_edit_that_changes_nothing_or_breaks_a_rule_is_invalid() -> None:
    with pytest.raises(Invalid, match="already reads that way"):
        plan_edit(WALKING, TODAY, target=15)
    with pytest.raises(Invalid, match="needs its limit"):
        plan_edit(WALKING, TODAY, direction="at_most", target=None)
