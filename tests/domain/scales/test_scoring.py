"""Scoring, validation and change for the self-report scales (companion.domain.scales).

Golden vectors come from shared/instruments.md (sections 1.4, 1.5, 4.2, 5 and 7).
The instrument keys are the shipped ones, loaded through the content loader;
validation tests start from a shipped key file and break one thing at a time.
"""

from __future__ import annotations

import copy
import math
import re
import tomllib
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.content.instruments import instrument
from companion.domain.declared import ContentError, build
from companion.domain.errors import Invalid
from companion.domain.scales.change import change
from companion.domain.scales.instruments import Instrument, reliable_change_threshold
from companion.domain.scales.key_rules import check_derived
from companion.domain.scales.scoring import (
    ItemAnswerError,
    Score,
    check_item_answers,
    derived_answers,
    is_very_low,
    score,
)

SCS_SUBSCALE_IDS = [
    "self_kindness",
    "self_judgment",
    "common_humanity",
    "isolation",
    "mindfulness",
    "over_identification",
]
SK_ITEMS = (5, 12, 19, 23, 26)


def raw_key(instrument_id: str) -> dict[str, Any]:
    """A fresh, mutable copy of a shipped key file, parsed but not validated."""
    text = files("companion.content").joinpath("instruments", f"{instrument_id}.toml")
    return tomllib.loads(text.read_text(encoding="utf-8"))


def parse_instrument(raw: dict[str, Any]) -> Instrument:
    return build(Instrument, raw, f"instruments/{raw.get('id')}.toml")


def answers_for(instrument_id: str) -> st.SearchStrategy[list[int]]:
    count = instrument(instrument_id).item_count
    return st.lists(st.integers(1, 5), min_size=count, max_size=count)


# ---------------------------------------------------------------- golden vectors


def test_scs_all_threes() -> None:
    result = score(instrument("scs"), [3] * 26)
    assert result.total == 3.0
    assert result.item_mean == 3.0
    assert result.subscales == dict.fromkeys(SCS_SUBSCALE_IDS, 3.0)
    assert result.band == "moderate"


def test_scs_all_ones_reverses_only_the_negative_subscales() -> None:
    result = score(instrument("scs"), [1] * 26)
    # Subscales are reported unreversed: self-judgment 1 means little self-judgment.
    assert result.subscales == dict.fromkeys(SCS_SUBSCALE_IDS, 1.0)
    assert result.total == 3.0
    assert result.item_mean == 3.0
    assert result.compassionate == 1.0
    assert result.uncompassionate_reversed == 5.0


def test_scs_total_is_the_grand_mean_of_subscale_means_not_the_item_mean() -> None:
    answers = [3] * 26
    for item in SK_ITEMS:
        answers[item - 1] = 5
    result = score(instrument("scs"), answers)
    assert result.total == pytest.approx(20 / 6)  # method C: 3.333
    assert result.item_mean == pytest.approx(88 / 26)  # method B: 3.385
    assert round(result.total, 3) == 3.333
    assert round(result.item_mean or 0, 3) == 3.385
    assert result.subscales is not None
    assert result.subscales["self_kindness"] == 5.0
    assert result.compassionate == pytest.approx(11 / 3)
    assert result.uncompassionate_reversed == 3.0


def test_scs_values_are_correctly_rounded_floats_of_the_exact_means() -> None:
    answers = [3] * 26
    for item in SK_ITEMS:
        answers[item - 1] = 5
    result = score(instrument("scs"), answers)
    assert result.total == 10 / 3
    assert result.item_mean == 44 / 13


@pytest.mark.parametrize(("answer", "expected"), [(1, 3.0), (5, 3.0), (3, 3.0)])
def test_scs_sf_uniform_answers_score_three(answer: int, expected: float) -> None:
    result = score(instrument("scs-sf"), [answer] * 12)
    assert result.total == expected
    assert result.band is None
    assert result.subscales is None  # the authors advise against SF subscale scores


def test_scs_sf_reverses_items_1_4_8_9_11_12() -> None:
    answers = [5] * 12
    for item in (1, 4, 8, 9, 11, 12):
        answers[item - 1] = 1
    assert score(instrument("scs-sf"), answers).total == 5.0


@pytest.mark.parametrize(("answer", "expected"), [(3, 42), (1, 14), (5, 70)])
def test_wemwbs_is_the_sum(answer: int, expected: int) -> None:
    result = score(instrument("wemwbs"), [answer] * 14)
    assert result.total == expected
    assert result.band is None
    assert result.raw is None


@pytest.mark.parametrize(
    ("answer", "raw", "metric"), [(1, 7, 7.00), (5, 35, 35.00), (3, 21, 19.25)]
)
def test_swemwbs_converts_raw_to_metric(answer: int, raw: int, metric: float) -> None:
    result = score(instrument("swemwbs"), [answer] * 7)
    assert result.raw == raw
    assert result.total == metric


def test_swemwbs_from_the_seven_items_of_a_wemwbs_form() -> None:
    wemwbs_form: list[object] = [5] * 14
    for item in (1, 2, 3, 6, 7, 9, 11):
        wemwbs_form[item - 1] = 3
    swemwbs = instrument("swemwbs")
    result = score(swemwbs, derived_answers(swemwbs, wemwbs_form))
    assert (result.raw, result.total) == (21, 19.25)


def test_derived_answers_needs_enough_parent_answers() -> None:
    with pytest.raises(ItemAnswerError, match="needs items 1, 2, 3, 6, 7, 9, 11 of wemwbs"):
        derived_answers(instrument("swemwbs"), [3] * 10)
    with pytest.raises(ValueError, match="not derived"):
        derived_answers(instrument("scs"), [3] * 26)


def test_reliable_change_threshold_matches_suddengains() -> None:
    assert reliable_change_threshold(10.5, 0.961) == pytest.approx(5.747681, abs=5e-7)


def test_reliable_change_threshold_wemwbs_worked_examples() -> None:
    assert reliable_change_threshold(8.96, 0.91) == pytest.approx(7.4508, abs=5e-5)
    assert reliable_change_threshold(8.96, 0.83) == pytest.approx(10.24, abs=5e-3)
    assert reliable_change_threshold(8.86, 0.91) == pytest.approx(7.37, abs=5e-3)
    assert reliable_change_threshold(9.06, 0.91) == pytest.approx(7.53, abs=5e-3)
    assert instrument("wemwbs").change.reliable_threshold == pytest.approx(7.4508, abs=5e-5)


@pytest.mark.parametrize(("sd", "reliability"), [(0, 0.9), (-1, 0.9), (5, 1.0), (5, -0.1)])
def test_reliable_change_threshold_refuses_impossible_inputs(
    sd: float, reliability: float
) -> None:
    with pytest.raises(ValueError):  # a broken key file, not something a person typed
        reliable_change_threshold(sd, reliability)


# ---------------------------------------------------------------- bands and very low


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (1.0, "low"),
        (2.49, "low"),
        (2.5, "moderate"),
        (3.49, "moderate"),
        (3.5, "high"),
        (5, "high"),
    ],
)
def test_scs_band_boundaries_belong_to_the_band_above(total: float, band: str) -> None:
    bands = instrument("scs").bands
    assert bands is not None
    assert bands.band(total) == band


def test_scs_total_of_exactly_2_5_is_moderate() -> None:
    # Positive subscales all 2, negative subscales all 3 (reversed: 3): total 2.5.
    scs = instrument("scs")
    answers = [3] * 26
    for subscale in scs.subscales:
        if not subscale.negative:
            for item in subscale.items:
                answers[item - 1] = 2
    result = score(scs, answers)
    assert result.total == 2.5
    assert result.band == "moderate"


def test_wemwbs_very_low_is_more_than_one_sd_below_the_mean() -> None:
    wemwbs = instrument("wemwbs")
    assert wemwbs.very_low is not None
    assert wemwbs.very_low.threshold == pytest.approx(49.4 - 8.96)
    assert is_very_low(wemwbs, 40) is True
    assert is_very_low(wemwbs, 41) is False
    assert is_very_low(wemwbs, score(wemwbs, [1] * 14)) is True


def test_swemwbs_very_low_is_more_than_one_sd_below_the_german_mean() -> None:
    # Peitz et al. 2024: metric mean 24.79, SD 3.73 -> below 21.06.
    swemwbs = instrument("swemwbs")
    assert swemwbs.very_low is not None
    assert swemwbs.very_low.threshold == pytest.approx(24.79 - 3.73)
    assert is_very_low(swemwbs, score(swemwbs, [1] * 7)) is True  # all lowest: 7.00
    assert is_very_low(swemwbs, score(swemwbs, [4, 4, 3, 3, 3, 3, 3])) is True  # raw 23: 20.73
    assert is_very_low(swemwbs, score(swemwbs, [4, 4, 4, 3, 3, 3, 3])) is False  # raw 24: 21.54


def test_no_very_low_marker_without_a_source() -> None:
    assert is_very_low(instrument("scs"), 1.0) is None
    assert is_very_low(instrument("scs-sf"), 1.0) is None


# ---------------------------------------------------------------- JSON


def test_scs_json_shape() -> None:
    data = score(instrument("scs"), [3] * 26).as_json()
    assert list(data) == [
        "instrument",
        "total",
        "band",
        "item_mean",
        "subscales",
        "compassionate",
        "uncompassionate_reversed",
    ]
    assert data["instrument"] == "scs"
    assert list(data["subscales"]) == SCS_SUBSCALE_IDS


def test_json_keeps_full_precision() -> None:
    answers = [3] * 26
    for item in SK_ITEMS:
        answers[item - 1] = 5
    data = score(instrument("scs"), answers).as_json()
    assert data["total"] == 10 / 3
    assert data["item_mean"] == 44 / 13


@pytest.mark.parametrize(
    ("instrument_id", "answers", "expected"),
    [
        ("scs-sf", [3] * 12, {"instrument": "scs-sf", "total": 3.0, "band": None}),
        ("wemwbs", [3] * 14, {"instrument": "wemwbs", "total": 42, "band": None}),
        ("swemwbs", [3] * 7, {"instrument": "swemwbs", "total": 19.25, "band": None, "raw": 21}),
    ],
)
def test_other_json_shapes(
    instrument_id: str, answers: list[int], expected: dict[str, Any]
) -> None:
    assert score(instrument(instrument_id), answers).as_json() == expected


# ---------------------------------------------------------------- bad answers


@pytest.mark.parametrize(
    ("answers", "item", "message"),
    [
        ([3] * 13, 14, "needs 14 answers, got 13: item 14 has no answer"),
        ([3] * 15, 15, "has 14 items but got 15 answers: there is no item 15"),
        ([], 1, "needs 14 answers, got 0"),
        ([3, 3, None] + [3] * 11, 3, "item 3 has no answer"),
        ([3, True] + [3] * 12, 2, "item 2: True is not a whole number from 1 to 5"),
        ([3.0] + [3] * 13, 1, "item 1: 3.0 is not a whole number"),
        ([3] * 6 + [math.nan] + [3] * 7, 7, "item 7: nan is not a whole number"),
        ([3] * 4 + ["3"] + [3] * 9, 5, "item 5: '3' is not a whole number"),
        ([3] * 8 + [0] + [3] * 5, 9, "item 9: 0 is outside 1 to 5"),
        ([3] * 13 + [6], 14, "item 14: 6 is outside 1 to 5"),
    ],
)
def test_bad_answers_name_the_item(answers: list[object], item: int, message: str) -> None:
    with pytest.raises(ItemAnswerError) as caught:
        score(instrument("wemwbs"), answers)
    assert message in str(caught.value)
    assert str(caught.value).startswith("WEMWBS")
    assert caught.value.item == item


def test_answers_must_be_a_sequence_not_a_string() -> None:
    with pytest.raises(ItemAnswerError, match="one number per item"):
        check_item_answers(instrument("swemwbs"), "3333333")


def test_answer_error_is_something_a_person_can_act_on() -> None:
    assert issubclass(ItemAnswerError, Invalid)


def test_check_answers_returns_plain_ints() -> None:
    assert check_item_answers(instrument("swemwbs"), (1, 2, 3, 4, 5, 4, 3)) == (
        1,
        2,
        3,
        4,
        5,
        4,
        3,
    )


# ---------------------------------------------------------------- change


def wemwbs_score(total: int) -> Score:
    answers = [1] * 14
    remaining = total - 14
    for index in range(14):
        step = min(4, remaining)
        answers[index] += step
        remaining -= step
    result = score(instrument("wemwbs"), answers)
    assert result.total == total
    return result


def test_wemwbs_change_of_eight_is_reliable_and_meaningful() -> None:
    result = change(instrument("wemwbs"), wemwbs_score(42), wemwbs_score(50))
    assert result.difference == 8
    assert result.direction == "up"
    assert result.reliable.status == "reliable"
    assert result.reliable.threshold == pytest.approx(7.4508, abs=5e-5)
    assert result.reliable.index == pytest.approx(8 / (7.450755869 / 1.96))
    assert result.meaningful.status == "reached"
    assert result.summary == "Your WEMWBS score went from 42 to 50, a rise of 8 points."
    assert "reliable change" in result.reliable.words
    assert "7.45 points" in result.reliable.words
    # It names the reliability behind the threshold (alpha, not the one-week retest).
    reliability = instrument("wemwbs").change.reliability
    assert reliability is not None and reliability.kind == "alpha"
    alpha = f"{reliability.value:g}".removeprefix("0")
    assert f"uses the internal consistency (Cronbach's alpha {alpha})" in result.reliable.words
    assert "Warwick WEMWBS FAQ" in result.meaningful.words


def test_wemwbs_change_of_seven_is_meaningful_but_not_yet_reliable() -> None:
    result = change(instrument("wemwbs"), 42, 49)
    assert result.reliable.status == "not_reliable"
    assert "not yet a reliable change" in result.reliable.words
    assert result.meaningful.status == "reached"


@pytest.mark.parametrize(
    ("after", "status"), [(45, "reached"), (44, "not_reached"), (39, "reached")]
)
def test_wemwbs_meaningful_change_is_about_three_points_either_way(
    after: int, status: str
) -> None:
    assert change(instrument("wemwbs"), 42, after).meaningful.status == status


def test_a_fall_is_described_gently() -> None:
    result = change(instrument("wemwbs"), 56, 42)
    assert result.direction == "down"
    assert result.difference == -14
    assert result.reliable.status == "reliable"
    assert result.summary.startswith("Your WEMWBS score went from 56 to 42, a fall of 14 points.")
    assert "coach" in result.summary


def test_no_change() -> None:
    result = change(instrument("wemwbs"), 50, 50)
    assert result.direction == "same"
    assert result.difference == 0.0
    assert math.copysign(1, result.as_json()["difference"]) == 1  # never -0.0
    assert result.reliable.status == "not_reliable"
    assert result.meaningful.status == "not_reached"
    assert result.summary == "Your WEMWBS score is the same on both occasions (50)."
    # Nothing changed, so nothing is said about whether a change is reliable.
    assert result.words == (result.summary, result.meaningful.words)
    assert len(change(instrument("wemwbs"), 50, 51).words) == 3


@pytest.mark.parametrize(
    ("before", "after", "status"),
    [
        ([3] * 7, [3] * 7, "not_reached"),  # 19.25 -> 19.25
        ([3] * 7, [4, 3, 3, 3, 3, 3, 3], "not_reached"),  # 19.25 -> 19.98: 0.73 < 1.03
        ([3] * 7, [4, 3, 3, 4, 3, 3, 3], "reached_lower_end"),  # -> 20.73: 1.48
        ([3] * 7, [4, 4, 4, 3, 3, 3, 3], "reached_lower_end"),  # -> 21.54: 2.29
        ([3] * 7, [4, 4, 4, 4, 3, 3, 3], "reached"),  # -> 22.35: 3.10
        ([4, 4, 4, 4, 3, 3, 3], [3] * 7, "reached"),  # a fall of 3.10
    ],
)
def test_swemwbs_meaningful_change_range(before: list[int], after: list[int], status: str) -> None:
    swemwbs = instrument("swemwbs")
    result = change(swemwbs, score(swemwbs, before), score(swemwbs, after))
    assert result.meaningful.status == status
    # Shah et al.'s computed figures, not their rounded 1 and 3.
    assert result.meaningful.lower is not None and result.meaningful.lower.value == 1.03
    assert result.meaningful.upper is not None and result.meaningful.upper.value == 2.87
    assert result.reliable.status == "unavailable"
    assert result.reliable.threshold is None
    assert "Shah et al. 2018" in result.meaningful.words


def test_swemwbs_differences_are_free_of_float_noise() -> None:
    result = change(instrument("swemwbs"), 20.73, 23.21)
    assert result.difference == 2.48
    assert result.summary == "Your SWEMWBS score went from 20.73 to 23.21, a rise of 2.48 points."


def test_exact_boundary_of_a_range_counts_as_reached() -> None:
    # 1.03 exactly reaches the lower end, 2.87 exactly the upper, whatever the float noise.
    swemwbs = instrument("swemwbs")
    assert change(swemwbs, 19.25, 20.25).meaningful.status == "not_reached"
    assert change(swemwbs, 19.25, 20.28).meaningful.status == "reached_lower_end"
    assert change(swemwbs, 19.98, 22.84).meaningful.status == "reached_lower_end"
    assert change(swemwbs, 19.98, 22.85).meaningful.status == "reached"


@pytest.mark.parametrize("instrument_id", ["scs", "scs-sf"])
def test_self_compassion_change_says_why_reliable_change_is_unavailable(
    instrument_id: str,
) -> None:
    key = instrument(instrument_id)
    result = change(key, 2.8, 3.4)
    assert result.difference == 0.6
    assert result.reliable.status == "unavailable"
    assert result.reliable.index is None
    assert "standard deviation" in result.reliable.words
    assert "will not invent" in result.reliable.words
    assert result.meaningful.status == "unavailable"
    assert result.meaningful.words == key.change.meaningful_unavailable
    assert (
        result.summary
        == f"Your {key.short_name} score went from 2.80 to 3.40, a rise of 0.60 points."
    )


def test_change_refuses_scores_of_another_instrument() -> None:
    # Programming mistakes, never the person's: a plain ValueError (the crash path).
    with pytest.raises(ValueError, match="a wemwbs score cannot be compared on scs"):
        change(instrument("scs"), score(instrument("wemwbs"), [3] * 14), 3.0)
    with pytest.raises(ValueError, match="not a total"):
        change(instrument("scs"), math.nan, 3.0)


def test_change_json() -> None:
    data = change(instrument("wemwbs"), 42, 50).as_json()
    assert data["instrument"] == "wemwbs"
    assert (data["before"], data["after"], data["difference"]) == (42, 50, 8)
    assert data["reliable"]["status"] == "reliable"
    assert data["reliable"]["sd"]["value"] == 8.96
    assert data["reliable"]["sd"]["source"] == "S36"
    assert data["reliable"]["reliability"]["value"] == 0.91
    assert data["meaningful"]["lower"]["value"] == 3.0
    assert data["meaningful"]["upper"] is None


UNKIND = re.compile(r"fail|depress|disorder|diagnos|illness|abnormal|worse|poor|bad\b", re.I)


@given(
    st.sampled_from(["scs", "scs-sf", "wemwbs", "swemwbs"]),
    st.data(),
)
def test_change_words_are_kind(instrument_id: str, data: st.DataObject) -> None:
    key = instrument(instrument_id)
    before = score(key, data.draw(answers_for(instrument_id)))
    after = score(key, data.draw(answers_for(instrument_id)))
    result = change(key, before, after)
    for sentence in result.words:
        assert sentence.strip()
        assert not UNKIND.search(sentence), sentence


@given(st.integers(14, 70), st.integers(14, 70))
def test_wemwbs_reliable_change_is_eight_points_or_more(before: int, after: int) -> None:
    result = change(instrument("wemwbs"), before, after)
    assert result.difference == after - before
    assert (result.reliable.status == "reliable") == (abs(after - before) >= 8)
    assert (result.meaningful.status == "reached") == (abs(after - before) >= 3)


# ---------------------------------------------------------------- properties


@pytest.mark.parametrize("instrument_id", ["scs", "scs-sf", "wemwbs", "swemwbs"])
@given(data=st.data())
def test_every_valid_answer_set_scores_within_range(
    instrument_id: str, data: st.DataObject
) -> None:
    key = instrument(instrument_id)
    result = score(key, data.draw(answers_for(instrument_id)))
    low, high = key.total_range
    assert low <= result.total <= high


@given(answers_for("scs"))
def test_scs_scores_stay_on_the_one_to_five_scale(answers: list[int]) -> None:
    result = score(instrument("scs"), answers)
    assert result.subscales is not None
    values = [
        result.total,
        result.item_mean,
        result.compassionate,
        result.uncompassionate_reversed,
        *result.subscales.values(),
    ]
    assert all(v is not None and 1 <= v <= 5 for v in values)


@given(answers_for("scs"))
def test_scs_total_is_the_mean_of_the_oriented_subscale_means(answers: list[int]) -> None:
    scs = instrument("scs")
    result = score(scs, answers)
    assert result.subscales is not None
    oriented = [
        6 - result.subscales[s.id] if s.negative else result.subscales[s.id] for s in scs.subscales
    ]
    assert result.total == pytest.approx(sum(oriented) / 6, abs=1e-12)
    assert result.total == pytest.approx(
        ((result.compassionate or 0) + (result.uncompassionate_reversed or 0)) / 2, abs=1e-12
    )


@pytest.mark.parametrize("instrument_id", ["scs", "scs-sf"])
@given(data=st.data())
def test_reversing_every_answer_mirrors_the_total(instrument_id: str, data: st.DataObject) -> None:
    key = instrument(instrument_id)
    answers = data.draw(answers_for(instrument_id))
    forward = score(key, answers)
    mirrored = score(key, [6 - a for a in answers])
    assert mirrored.total == pytest.approx(6 - forward.total, abs=1e-12)
    if forward.item_mean is not None:
        assert mirrored.item_mean == pytest.approx(6 - forward.item_mean, abs=1e-12)


@given(answers_for("swemwbs"), answers_for("swemwbs"))
def test_swemwbs_metric_is_monotonic_in_raw(first: list[int], second: list[int]) -> None:
    swemwbs = instrument("swemwbs")
    a, b = score(swemwbs, first), score(swemwbs, second)
    assert a.raw is not None and b.raw is not None
    assert a.raw == sum(first)
    if a.raw < b.raw:
        assert a.total < b.total
    elif a.raw == b.raw:
        assert a.total == b.total


def test_swemwbs_table_rises_with_every_raw_total() -> None:
    table = instrument("swemwbs").conversion
    assert table is not None
    metrics = [table[raw] for raw in range(7, 36)]
    assert metrics == sorted(set(metrics))


@given(answers_for("wemwbs"))
def test_wemwbs_total_is_the_plain_sum(answers: list[int]) -> None:
    assert score(instrument("wemwbs"), answers).total == sum(answers)


@given(st.lists(st.one_of(st.integers(), st.floats(), st.none(), st.text(), st.booleans())))
def test_anything_that_is_not_a_complete_valid_set_is_refused(answers: list[object]) -> None:
    valid = len(answers) == 7 and all(type(a) is int and 1 <= a <= 5 for a in answers)
    if valid:
        assert score(instrument("swemwbs"), answers).raw == sum(answers)  # type: ignore[arg-type]
    else:
        with pytest.raises(ItemAnswerError):
            score(instrument("swemwbs"), answers)


# ---------------------------------------------------------------- validating keys


def test_shipped_keys_parse() -> None:
    for instrument_id in ("scs", "scs-sf", "wemwbs", "swemwbs"):
        assert isinstance(parse_instrument(raw_key(instrument_id)), Instrument)


def _drop_item_26(raw: dict[str, Any]) -> None:
    raw["subscale"][0]["items"].remove(26)


def _item_in_two_subscales(raw: dict[str, Any]) -> None:
    raw["subscale"][0]["items"].append(1)


def _item_out_of_range(raw: dict[str, Any]) -> None:
    raw["subscale"][0]["items"].append(27)


def _reversed_misses_25(raw: dict[str, Any]) -> None:
    raw["reversed"].remove(25)


def _reversed_adds_positive_5(raw: dict[str, Any]) -> None:
    raw["reversed"].append(5)


def _responses_from_zero(raw: dict[str, Any]) -> None:
    for option in raw["response"]:
        option["value"] -= 1


def _four_responses(raw: dict[str, Any]) -> None:
    raw["response"].pop()


def _unlabelled_end_point(raw: dict[str, Any]) -> None:
    del raw["response"][0]["label"]


def _figure_unknown_source(raw: dict[str, Any]) -> None:
    raw["figure"][0]["source"] = "S999"


def _figure_empty_source(raw: dict[str, Any]) -> None:
    raw["figure"][0]["source"] = "  "


def _figure_without_source(raw: dict[str, Any]) -> None:
    del raw["figure"][0]["source"]


def _figure_without_text(raw: dict[str, Any]) -> None:
    raw["figure"][0]["text"] = ""


def _unverified_figure_used(raw: dict[str, Any]) -> None:
    raw["change"]["reliability"] = "alpha_neff_2003"


def _sd_without_figure(raw: dict[str, Any]) -> None:
    raw["change"]["sd"] = "sd_nowhere"


def _no_reason_for_missing_sd(raw: dict[str, Any]) -> None:
    del raw["change"]["reliable_unavailable"]


def _reliability_of_wrong_kind(raw: dict[str, Any]) -> None:
    raw["change"]["reliability"] = "mean_typical"


def _stray_top_level_key(raw: dict[str, Any]) -> None:
    raw["wording"] = ["Placeholder statement 1"]


def _stray_subscale_key(raw: dict[str, Any]) -> None:
    raw["subscale"][-1]["scoring"] = "mean_of_subscale_means"


def _unknown_scoring(raw: dict[str, Any]) -> None:
    raw["scoring"] = "median"


def _no_citation(raw: dict[str, Any]) -> None:
    del raw["citation"]


def _items_as_text(raw: dict[str, Any]) -> None:
    raw["items"] = "26"


def _band_cut_outside_range(raw: dict[str, Any]) -> None:
    raw["bands"]["cuts"] = [2.5, 5.5]


def _band_cuts_falling(raw: dict[str, Any]) -> None:
    raw["bands"]["cuts"] = [3.5, 2.5]


def _band_label_missing(raw: dict[str, Any]) -> None:
    raw["bands"]["labels"] = ["low", "high"]


def _conversion_on_a_mean_scale(raw: dict[str, Any]) -> None:
    raw["conversion"] = {str(n): float(n) for n in range(26, 131)}


def _not_a_table(raw: dict[str, Any]) -> None:
    raw["change"] = 3


def _opposite_unknown(raw: dict[str, Any]) -> None:
    raw["subscale"][0]["opposite"] = "self_doubt"


def _opposite_on_a_negative(raw: dict[str, Any]) -> None:
    raw["subscale"][1]["opposite"] = "self_kindness"


def _opposite_twice(raw: dict[str, Any]) -> None:
    raw["subscale"][2]["opposite"] = "self_judgment"


def _no_higher_means(raw: dict[str, Any]) -> None:
    del raw["higher_means"]


SCS_NEGATIVE = "1, 2, 4, 6, 8, 11, 13, 16, 18, 20, 21, 24, 25"


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (_drop_item_26, "subscale: no subscale holds 26 (together they cover items 1 to 26)"),
        (_item_in_two_subscales, 'subscale "self_judgment": items: 1 is in "self_kindness" too'),
        (
            _item_out_of_range,
            'subscale "self_kindness": items: expected items 1 to 26, got 5, 12, 19, 23, 26, 27',
        ),
        (
            _reversed_misses_25,
            f"reversed: expected the negative subscales' items {SCS_NEGATIVE}, "
            "got 1, 2, 4, 6, 8, 11, 13, 16, 18, 20, 21, 24",
        ),
        (
            _reversed_adds_positive_5,
            f"reversed: expected the negative subscales' items {SCS_NEGATIVE}, "
            "got 1, 2, 4, 5, 6, 8, 11, 13, 16, 18, 20, 21, 24, 25",
        ),
        (_responses_from_zero, "response: expected values 1, 2, 3, 4, 5 in order"),
        (_four_responses, "response: expected values 1, 2, 3, 4, 5 in order"),
        (_unlabelled_end_point, "response: the lowest and highest responses need labels"),
        (
            _figure_unknown_source,
            'figure "mean_typical": source: "S999" is not in the sources '
            '("S1", "S2", "S3", "S4", "S6", "S18", "Neff2003")',
        ),
        (
            _figure_empty_source,
            'figure "mean_typical": source: expected a key such as S27, got "  "',
        ),
        (
            _figure_without_source,
            'figure "mean_typical": source: missing, expected a key such as S27',
        ),
        (
            _figure_without_text,
            'figure "mean_typical": text: expected some text, without control characters, got ""',
        ),
        (
            _unverified_figure_used,
            'change: "alpha_neff_2003" is unverified (U) and cannot be used',
        ),
        (_sd_without_figure, 'change: sd: no figure is called "sd_nowhere"'),
        (
            _no_reason_for_missing_sd,
            "change: give sd and reliability, or reliable_unavailable to say why not",
        ),
        (
            _reliability_of_wrong_kind,
            'change: reliability: expected a figure of kind alpha or retest, got "mean_typical" '
            "(a mean)",
        ),
        (
            _stray_top_level_key,
            "wording: unknown key (the keys here are bands, change, citation, conversion, "
            "copyright, derived_from, figure, higher_means, id, items, licence, name, recall, "
            "response, reversed, scoring, scoring_note, short_name, sources, subscale, "
            "very_low, very_low_unavailable)",
        ),
        (
            _stray_subscale_key,
            'subscale "over_identification": scoring: unknown key '
            "(the keys here are component, direction, id, items, name, opposite)",
        ),
        (
            _unknown_scoring,
            "scoring: expected one of mean_of_subscale_means, mean_of_items, sum, "
            'sum_then_metric, got "median"',
        ),
        (_no_citation, "citation: missing, expected some text, without control characters"),
        (_items_as_text, 'items: expected a whole number from 1 to 200, got "26"'),
        (_band_cut_outside_range, "bands: cuts: expected numbers between 1 and 5"),
        (_band_cuts_falling, "bands: cuts: expected numbers that rise"),
        (_band_label_missing, "bands: labels: expected 3 (one more than the cuts), got 2"),
        (
            _conversion_on_a_mean_scale,
            "conversion: only scoring sum_then_metric uses a conversion table, "
            "not mean_of_subscale_means",
        ),
        (_not_a_table, "change: expected a table ([change]), got 3"),
        (
            _opposite_unknown,
            'subscale "self_kindness": opposite: expected one of the negative subscales '
            '"isolation", "over_identification", "self_judgment", got "self_doubt"',
        ),
        (
            _opposite_on_a_negative,
            'subscale "self_judgment": opposite: only a positive subscale names its opposite',
        ),
        (_opposite_twice, 'subscale: opposite: named twice: "self_judgment"'),
        (
            _no_higher_means,
            "higher_means: missing, expected some text on one line, without control characters",
        ),
    ],
)
def test_broken_scs_key_is_refused(
    breakage: Callable[[dict[str, Any]], None], message: str
) -> None:
    raw = raw_key("scs")
    breakage(raw)
    with pytest.raises(ContentError) as caught:
        parse_instrument(raw)
    assert str(caught.value) == f"instruments/scs.toml: {message}"


def _table_misses_29(raw: dict[str, Any]) -> None:
    del raw["conversion"]["29"]


def _table_adds_36(raw: dict[str, Any]) -> None:
    raw["conversion"]["36"] = 36.5


def _table_dips(raw: dict[str, Any]) -> None:
    raw["conversion"]["20"] = 17.0


def _table_missing(raw: dict[str, Any]) -> None:
    del raw["conversion"]


def _table_value_text(raw: dict[str, Any]) -> None:
    raw["conversion"]["20"] = "18.59"


def _derived_wrong_count(raw: dict[str, Any]) -> None:
    raw["derived_from"]["items"] = [1, 2, 3]


def _meaningful_upper_below_lower(raw: dict[str, Any]) -> None:
    raw["change"]["meaningful_lower"], raw["change"]["meaningful_upper"] = (
        raw["change"]["meaningful_upper"],
        raw["change"]["meaningful_lower"],
    )


def _meaningful_and_reason(raw: dict[str, Any]) -> None:
    raw["change"]["meaningful_unavailable"] = "Both given."


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (_table_misses_29, "conversion: expected every raw total 7 to 35 exactly; missing 29"),
        (_table_adds_36, "conversion: expected every raw total 7 to 35 exactly; unexpected 36"),
        (_table_dips, "conversion: expected metric scores that rise with every raw total"),
        (
            _table_missing,
            "conversion: missing; scoring sum_then_metric needs a conversion table",
        ),
        (_table_value_text, 'conversion "20": expected a number, got "18.59"'),
        (
            _derived_wrong_count,
            "derived_from: items: expected 7 (the instrument's items), got 3",
        ),
        (
            _meaningful_upper_below_lower,
            "change: meaningful_upper needs a smaller meaningful_lower",
        ),
        (
            _meaningful_and_reason,
            "change: give either meaningful_lower or meaningful_unavailable (one of them)",
        ),
    ],
)
def test_broken_swemwbs_key_is_refused(
    breakage: Callable[[dict[str, Any]], None], message: str
) -> None:
    raw = raw_key("swemwbs")
    breakage(raw)
    with pytest.raises(ContentError) as caught:
        parse_instrument(raw)
    assert str(caught.value) == f"instruments/swemwbs.toml: {message}"


def test_wemwbs_very_low_needs_figures_of_the_right_kind() -> None:
    raw = raw_key("wemwbs")
    raw["very_low"]["sd"] = "mean_shes_2018"
    with pytest.raises(ContentError, match='very_low: sd: expected a figure of kind sd, got "mea'):
        parse_instrument(raw)
    raw = raw_key("wemwbs")
    raw["very_low_unavailable"] = "Both given."
    with pytest.raises(ContentError, match="give very_low or very_low_unavailable, not both"):
        parse_instrument(raw)


def test_wemwbs_other_reliability_must_be_a_different_reliability() -> None:
    raw = raw_key("wemwbs")
    raw["change"]["other_reliability"] = "sd_shes_2018"
    with pytest.raises(ContentError, match="other_reliability: expected a figure of kind alpha"):
        parse_instrument(raw)
    raw = raw_key("wemwbs")
    raw["change"]["other_reliability"] = raw["change"]["reliability"]
    with pytest.raises(ContentError, match="needs sd and a reliability it differs from"):
        parse_instrument(raw)


def test_duplicate_figure_ids_are_refused() -> None:
    raw = raw_key("wemwbs")
    raw["figure"].append(copy.deepcopy(raw["figure"][0]))
    with pytest.raises(ContentError, match='figure: ids used twice: "mean_shes_2018"'):
        parse_instrument(raw)


def test_a_derived_key_must_match_its_parent() -> None:
    swemwbs = parse_instrument(raw_key("swemwbs"))
    with pytest.raises(ContentError) as caught:
        check_derived(swemwbs, instrument("scs"), "instruments/swemwbs.toml")
    assert str(caught.value) == (
        'instruments/swemwbs.toml: derived_from: instrument: expected "scs", got "wemwbs"'
    )
    raw = raw_key("swemwbs")
    raw["derived_from"]["items"] = [1, 2, 3, 6, 7, 9, 15]
    with pytest.raises(ContentError) as caught:
        check_derived(parse_instrument(raw), instrument("wemwbs"), "instruments/swemwbs.toml")
    assert str(caught.value) == (
        "instruments/swemwbs.toml: derived_from: items: expected items 1 to 14 of wemwbs, got 15"
    )
    raw = raw_key("swemwbs")
    raw["response"][1]["label"] = "Seldom"
    with pytest.raises(ContentError, match="response: expected the same options as wemwbs"):
        check_derived(parse_instrument(raw), instrument("wemwbs"), "instruments/swemwbs.toml")
    # the shipped pair agrees
    check_derived(instrument("swemwbs"), instrument("wemwbs"), "instruments/swemwbs.toml")


# ---------------------------------------------------------------- numbers as shown


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        (3.925, 2, "3.93"),
        (0.925, 2, "0.93"),
        (2.5583333, 2, "2.56"),
        (42, 0, "42"),
        (3, 2, "3.00"),
    ],
)
def test_format_number_rounds_halves_up(value: float, places: int, shown: str) -> None:
    from companion.domain.scales.change import format_number

    assert format_number(value, places) == shown


def test_the_change_sentence_adds_up_with_the_numbers_shown() -> None:
    key = instrument("scs")
    before = score(key, [2] * 26)  # 3.00
    answers = [3, 2, 4, 2, 4, 2, 4, 2, 4, 4, 2, 4, 2, 4, 3, 2, 4, 2, 4, 2, 2, 4, 4, 2, 2, 4]
    after = score(key, answers)
    # SK 4, SJ 2.2 -> 3.8, CH 3.75, IS 2 -> 4, MI 4, OI 2 -> 4: 23.55 / 6 = 3.925.
    assert math.isclose(after.total, 3.925)
    result = change(key, before, after)
    assert result.summary == "Your SCS score went from 3.00 to 3.93, a rise of 0.93 points."


def test_a_change_too_small_to_show() -> None:
    result = change(instrument("scs"), 3.001, 3.004)
    assert result.summary == (
        "Your SCS score went from 3.00 to 3.00, a rise of less than 0.01 points."
    )


def test_the_profile_pairs_and_short_forms_come_from_the_keys() -> None:
    """The Scales screen reads these facts from the TOML, never from its own tables."""
    scs = instrument("scs")
    assert [(p.id, n.id) for p, n in scs.profile_pairs] == [
        ("self_kindness", "self_judgment"),
        ("common_humanity", "isolation"),
        ("mindfulness", "over_identification"),
    ]
    assert instrument("scs-sf").profile_pairs == ()
    everything = [instrument(i) for i in ("scs", "scs-sf", "wemwbs", "swemwbs")]
    assert instrument("wemwbs").short_form(everything) == instrument("swemwbs")
    assert instrument("scs").short_form(everything) is None
    assert instrument("wemwbs").higher_means == "greater wellbeing"
