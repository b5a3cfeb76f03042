"""The story so far: counts, practice per week, scale changes with practice between, the plan."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from companion.content.instruments import instrument
from companion.domain.programme import Completion
from companion.domain.progress import (
    Story,
    action_counts,
    scale_story,
    week_chart,
)
from companion.domain.scales.administration import Administration
from companion.domain.scales.results import results
from companion.domain.selfcare.weekly import PracticeDay, minutes_per_week
from companion.domain.worksheets.action_plan import ActionItem

BASE = dt.date(2026, 3, 2)
END = dt.date(2026, 4, 27)
FOLLOW = dt.date(2026, 5, 25)
MOMENT = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def wemwbs(n: int, occasion: str, day: dt.date, answers: list[int]) -> Administration:
    return Administration(
        n,
        "wemwbs",
        occasion,  # type: ignore[arg-type]
        day,
        "complete",
        MappingProxyType(dict(enumerate(answers, start=1))),
    )


def item(n: int, state: str, due: dt.date | None = None) -> ActionItem:
    return ActionItem(n, f"step {n}", due, state, None, None, MOMENT, MOMENT)  # type: ignore[arg-type]


def test_each_later_result_is_compared_with_the_baseline_beside_the_practice_between() -> None:
    taken = [
        wemwbs(1, "pre", BASE, [2] * 14),  # 28
        wemwbs(2, "post", END, [3] * 14),  # 42: 14 points up, reliable and meaningful
        wemwbs(3, "followup", FOLLOW, [2] * 13 + [3]),  # 29: one point, neither
    ]
    practice = {
        END: {"Meditation": 300.0, "Walking": 150.0},
        FOLLOW: {"Meditation": 420.0, "Walking": 200.0},
    }
    story = scale_story(results(instrument("wemwbs"), taken), practice)
    assert [story.total(o) for o in ("pre", "post", "followup")] == ["28", "42", "29"]
    end, follow = story.steps
    assert (end.point.day, end.verdict, end.minutes) == (END, "reliable and meaningful", 450.0)
    assert end.practice.line == "300 minutes of meditation and 150 of walking"
    assert follow.point.day == FOLLOW
    assert follow.minutes == 620.0
    assert follow.verdict.startswith("neither reliable nor meaningful")


def test_a_scale_taken_once_has_a_total_and_no_change_yet() -> None:
    story = scale_story(results(instrument("wemwbs"), [wemwbs(1, "pre", BASE, [4] * 14)]), {})
    assert (story.total("pre"), story.total("post"), story.steps) == ("56", "", ())


def test_practice_is_added_up_per_habit_in_each_programme_week() -> None:
    start = dt.date(2026, 10, 5)

    def day(n: int, habit: str, minutes: float) -> PracticeDay:
        return PracticeDay(start + dt.timedelta(days=n), habit, minutes)

    logged = [day(-1, "meditation", 99), day(0, "meditation", 10), day(6, "walking", 5)]
    logged += [day(7, "walking", 20), day(14, "meditation", 30), day(21, "meditation", 99)]
    per_week = minutes_per_week(logged, start, weeks=3)
    assert per_week == {
        1: {"meditation": 10.0, "walking": 5.0},
        2: {"walking": 20.0},
        3: {"meditation": 30.0},
    }
    assert minutes_per_week([], start, weeks=2) == {1: {}, 2: {}}
    weeks = tuple(sum(minutes.values()) for minutes in per_week.values())
    assert weeks == (15.0, 20.0, 30.0)
    lines = week_chart(weeks, width=4)
    assert lines[2] == "Week 3  \u2588\u2588\u2588\u2588 30 min"
    assert lines[0].endswith(" 15 min")
    story = Story(Completion(5, 1, 8, 3, 10), weeks, (), action_counts([]))
    assert story.practice_line == (
        "65 minutes of practice so far, in 3 programme weeks: each one counts."
    )


def test_a_quiet_week_is_a_neutral_dot_not_a_judgement() -> None:
    assert week_chart((0.0, 12.0), width=2)[0] == "Week 1  \u2591\u2591 \u00b7"


def test_the_action_plan_is_counted_by_state_with_open_items_soonest_first() -> None:
    counts = action_counts(
        [
            item(1, "done"),
            item(2, "open"),
            item(3, "let-go"),
            item(4, "open", dt.date(2026, 3, 9)),
            item(5, "done"),
        ]
    )
    assert (counts.open, counts.done, counts.let_go) == (2, 2, 1)
    assert [i.id for i in counts.open_items] == [4, 2]
    assert counts.line == "2 open, 2 done, 1 let go"


def test_a_change_without_published_figures_is_not_judged_rather_than_called_neither() -> None:
    short = instrument("scs-sf")
    reversed_items = {1, 4, 8, 9, 11, 12}
    kinder = {n: 1 if n in reversed_items else 5 for n in range(1, 13)}
    taken = [
        Administration(
            1, "scs-sf", "pre", BASE, "complete", MappingProxyType(dict.fromkeys(range(1, 13), 3))
        ),
        Administration(2, "scs-sf", "post", END, "complete", MappingProxyType(kinder)),
    ]
    (step,) = scale_story(results(short, taken), {END: {}}).steps
    assert step.change.direction == "up"
    assert step.verdict == "not judged: no published figures for this scale"
    assert (step.minutes, step.practice.line) == (0, "")
