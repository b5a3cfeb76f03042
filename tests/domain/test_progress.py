"""The story so far: counts, practice per week, scale changes with practice between, the plan."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest

from companion import content
from companion.content.instruments import instrument
from companion.content.worksheets import sheet_content
from companion.domain.programme import Completion
from companion.domain.progress import (
    Story,
    action_counts,
    component_stories,
    component_weeks,
    scale_story,
    week_chart,
)
from companion.domain.scales.administration import Administration
from companion.domain.scales.results import results
from companion.domain.selfcare.weekly import PracticeDay, minutes_per_week
from companion.domain.worksheets.action_plan import ActionItem
from companion.domain.worksheets.status import sheet_row

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
    assert story.practice_line == ("65 minutes of practice so far, in 3 programme weeks.")


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


# ---------------------------------------------------------------- the three components


def administered(n: int, scale: str, occasion: str, day: dt.date, answers) -> Administration:
    return Administration(
        n,
        scale,
        occasion,  # type: ignore[arg-type]
        day,
        "complete",
        MappingProxyType(dict(enumerate(answers, start=1))),
    )


def component_rows(completed: set[str], written: dict[str, dict[str, str]]) -> list:
    sheets = sheet_content().worksheets
    return [sheet_row(s, written.get(s.id, {}), s.id in completed) for s in sheets]


def test_each_component_runs_from_its_webinar_to_the_week_before_the_next() -> None:
    weeks = component_weeks(content.programme())
    assert weeks == {
        "mindfulness": (1, 2),
        "common-humanity": (3, 4),
        "self-kindness": (5, 6),
        "barriers-and-keeping-going": (7, 8),
    }


def test_a_ten_week_programme_gives_its_components_their_own_weeks() -> None:
    import msgspec

    ten = msgspec.structs.replace(content.programme(), weeks=10)
    assert component_weeks(ten)["barriers-and-keeping-going"] == (7, 10)


def test_components_put_the_sheet_the_practice_and_the_scs_pair_side_by_side() -> None:
    scs = instrument("scs")
    # Item order: every item 3 at baseline; at the end the mindfulness items
    # (9, 14, 17, 22) are 4 and the over-identification ones (2, 6, 20, 24) are 2.
    end = [3] * 26
    for n in (9, 14, 17, 22):
        end[n - 1] = 4
    for n in (2, 6, 20, 24):
        end[n - 1] = 2
    outcomes = [
        results(scs, [administered(1, "scs", "pre", BASE, [3] * 26)]),
        results(
            scs,
            [
                administered(1, "scs", "pre", BASE, [3] * 26),
                administered(2, "scs", "post", END, end),
            ],
        ),
    ]
    first_sheet = sheet_content().worksheets[0]
    prompt = first_sheet.prompts[0].id
    rows = component_rows({"common-humanity"}, {first_sheet.id: {prompt: "some words"}})
    weeks = (100.0, 20.0, 0.0, 0.0, 7.0)  # five programme weeks so far
    stories = component_stories(content.programme(), rows, weeks, outcomes[1:])
    assert [s.id for s in stories] == ["mindfulness", "common-humanity", "self-kindness"]
    mindful, common, kind = stories

    assert mindful.weeks_words == "weeks 1\u20132"
    assert (
        mindful.sheet_line == f"Worksheet: in progress (1 of {len(first_sheet.prompts)} answered)."
    )
    assert mindful.practice_line == "Practice in these weeks: 120 minutes."
    assert mindful.scale_lines == (
        "SCS Mindfulness: 3.00 (baseline) \u2192 4.00 (end)",
        "SCS Over-identification, where lower means less of it: 3.00 (baseline) \u2192 2.00 (end)",
    )
    assert common.sheet_line == "Worksheet: complete."
    assert common.practice_line == "Practice in these weeks gathers here as you log it."
    assert common.scale_lines[0] == "SCS Common humanity: 3.00 (baseline) \u2192 3.00 (end)"
    # Week 5 has begun: its practice so far, and the guided practice its sheet offers.
    assert kind.practice_line == (
        "Practice in these weeks: 7 minutes; its worksheet offers a self-compassion break."
    )
    assert kind.sheet_line.startswith("Worksheet: not started (0 of ")

    # With the baseline only, the pair shows the baseline; before any SCS, a kind pointer.
    baseline_only = component_stories(content.programme(), rows, weeks[:2], outcomes[:1])
    assert baseline_only[0].scale_lines[0] == "SCS Mindfulness: 3.00 (baseline)"
    assert baseline_only[1].practice_line == "Practice: its weeks begin in week 3."
    none_yet = component_stories(content.programme(), rows, weeks, [results(scs, [])])
    assert none_yet[0].scale_lines == (
        "SCS: the full Self-Compassion Scale shows this pair once you take it.",
    )


def test_the_short_form_alone_gives_no_pair() -> None:
    """The SCS-SF reports no subscales (its authors advise against them)."""
    short = results(instrument("scs-sf"), [administered(1, "scs-sf", "pre", BASE, [3] * 12)])
    rows = component_rows(set(), {})
    full = results(instrument("scs"), [])
    stories = component_stories(content.programme(), rows, (1.0,), [short, full])
    assert all(s.pair is None for s in stories)


def test_a_pair_names_a_component_only_beside_its_opposite() -> None:
    import msgspec

    from companion.domain.scales.instruments import Instrument

    raw = msgspec.to_builtins(instrument("scs"))
    for subscale in raw["subscale"] if "subscale" in raw else raw["subscales"]:
        if subscale["id"] == "self_judgment":
            subscale["component"] = "self-kindness"
    with pytest.raises((msgspec.ValidationError, ValueError), match="only a subscale that names"):
        msgspec.convert(raw, Instrument)
