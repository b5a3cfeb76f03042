"""The cohort summary's arithmetic against figures worked out by hand.

Four people's WEMWBS totals, baseline -> end: (40, 48), (44, 45), (50, 47), (38, 46).
- baseline mean 172 / 4 = 43, SD sqrt(84 / 3) = sqrt(28) = 5.2915;
- end mean 186 / 4 = 46.5, SD sqrt(5 / 3) = 1.2910;
- changes 8, 1, -3, 8: mean 3.5, SD sqrt(89 / 3) = 5.4467, SE 5.4467 / 2 = 2.7234;
- 95% CI 3.5 +- t(0.975, 3) x 2.7234 = 3.5 +- 3.182 x 2.7234 = -5.167 to 12.167
  (3.182 from a printed t table);
- reliable change (more than 7.4508 points, instruments.md 5.2): the two rises of 8;
- meaningful change (3 points or more, Warwick FAQ): rises 8 and 8, and the fall of 3.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from companion.content.instruments import instrument, instruments
from companion.domain.evaluation import cohort_report
from companion.domain.evaluation.cohort import mean_interval, sample_sd, summarise
from companion.domain.evaluation.pack import (
    Activities,
    Attendance,
    Pack,
    ScaleResult,
)
from companion.domain.scales.change import change

DAY = dt.date(2026, 3, 1)
T_TABLE_3DF = 3.182


def person(
    number: int,
    results: dict[tuple[str, str], float],
    attended: int = 8,
    done: int = 6,
    cohort: str = "Spring",
    raw: dict[tuple[str, str], int] | None = None,
) -> Pack:
    return Pack(
        format="companion-evaluation-pack",
        version=1,
        id=f"{number:032x}",
        cohort=cohort,
        made=DAY,
        weeks=8,
        attendance=Attendance(attended, 8 - attended, 8),
        completion=Activities(done, 6),
        scales=tuple(
            ScaleResult(key, occasion, DAY, total, (raw or {}).get((key, occasion)))  # type: ignore[arg-type]
            for (key, occasion), total in results.items()
        ),
        practice=(),
    )


FOUR = [
    person(1, {("wemwbs", "pre"): 40, ("wemwbs", "post"): 48}, attended=8, done=6),
    person(2, {("wemwbs", "pre"): 44, ("wemwbs", "post"): 45}, attended=8, done=5),
    person(3, {("wemwbs", "pre"): 50, ("wemwbs", "post"): 47}, attended=7, done=6),
    person(4, {("wemwbs", "pre"): 38, ("wemwbs", "post"): 46}, attended=8, done=6),
]


def test_means_sds_and_the_t_based_interval_match_the_hand_computation() -> None:
    summary = summarise(FOUR, instruments())
    (pair,) = summary.pairs
    assert (pair.instrument.id, pair.before, pair.after, pair.n) == ("wemwbs", "pre", "post", 4)
    assert pair.before_mean == 43
    assert pair.before_sd == pytest.approx(5.2915, abs=1e-4)
    assert pair.after_mean == 46.5
    assert pair.after_sd == pytest.approx(1.2910, abs=1e-4)
    assert pair.change_mean == 3.5
    assert pair.change_sd == pytest.approx(5.4467, abs=1e-4)
    assert pair.interval is not None
    assert pair.interval.t == pytest.approx(T_TABLE_3DF, abs=5e-4)
    assert pair.interval.low == pytest.approx(3.5 - T_TABLE_3DF * 2.7234, abs=3e-3)
    assert pair.interval.high == pytest.approx(3.5 + T_TABLE_3DF * 2.7234, abs=3e-3)
    assert round(pair.interval.low, 2) == -5.17
    assert round(pair.interval.high, 2) == 12.17


def test_reliable_and_meaningful_counts_match_the_hand_computation() -> None:
    (pair,) = summarise(FOUR, instruments()).pairs
    assert pair.reliable is not None
    assert pair.reliable.threshold == pytest.approx(7.4508, abs=1e-4)
    assert (pair.reliable.improved, pair.reliable.unchanged, pair.reliable.deteriorated) == (
        2,
        2,
        0,
    )
    assert pair.meaningful is not None
    assert (pair.meaningful.rise_reached, pair.meaningful.fall_reached) == (2, 1)
    assert (pair.meaningful.rise_lower_end, pair.meaningful.fall_lower_end) == (0, 0)


def test_attendance_and_completion_counts() -> None:
    attendance = summarise(FOUR, instruments()).attendance
    assert (attendance.every_session, attendance.every_activity, attendance.both) == (3, 3, 2)
    assert attendance.mean_attended == 7.75
    assert attendance.reference == 0.70


def test_only_people_with_both_occasions_are_paired() -> None:
    cohort = [*FOUR, person(5, {("wemwbs", "pre"): 30}), person(6, {("wemwbs", "post"): 70})]
    summary = summarise(cohort, instruments())
    assert summary.n == 6
    (pair,) = summary.pairs
    assert pair.n == 4
    assert pair.before_mean == 43


def test_follow_up_pairs_are_summarised_too() -> None:
    cohort = [
        person(1, {("wemwbs", "pre"): 40, ("wemwbs", "post"): 48, ("wemwbs", "followup"): 50}),
        person(2, {("wemwbs", "pre"): 44, ("wemwbs", "post"): 45, ("wemwbs", "followup"): 41}),
    ]
    pairs = {(p.before, p.after): p for p in summarise(cohort, instruments()).pairs}
    assert set(pairs) == {("pre", "post"), ("pre", "followup"), ("post", "followup")}
    # Changes 10 and -3: mean 3.5; SD sqrt(84.5) = 9.1924; t(0.975, 1) = 12.706.
    followup = pairs[("pre", "followup")]
    assert followup.change_mean == 3.5
    assert followup.interval is not None
    assert followup.interval.high == pytest.approx(3.5 + 12.706 * 9.1924 / math.sqrt(2), abs=0.01)


def test_one_person_has_no_sd_and_no_interval() -> None:
    (pair,) = summarise(FOUR[:1], instruments()).pairs
    assert (pair.before_sd, pair.change_sd, pair.interval) == (None, None, None)
    assert pair.change_mean == 8


def test_swemwbs_counts_the_upper_and_the_lower_end_of_the_published_range() -> None:
    # Changes +3.02 (upper end), +1.46 (lower end only), +0.55 (neither), -1.10 (fall, lower end).
    pairs = [(20.73, 23.75), (19.25, 20.71), (17.98, 18.53), (22.35, 21.25)]
    cohort = [
        person(n, {("swemwbs", "pre"): before, ("swemwbs", "post"): after})
        for n, (before, after) in enumerate(pairs, start=1)
    ]
    (pair,) = summarise(cohort, instruments()).pairs
    assert pair.reliable is None  # no cited SD for SWEMWBS: never invented
    assert pair.meaningful is not None
    counts = pair.meaningful
    assert (counts.lower, counts.upper) == (1.03, 2.87)  # Shah et al.'s 1 SEM and 2.77 SEM
    assert (counts.rise_reached, counts.rise_lower_end) == (1, 1)
    assert (counts.fall_reached, counts.fall_lower_end) == (0, 1)


def test_the_scs_has_neither_reliable_nor_meaningful_change() -> None:
    cohort = [
        person(1, {("scs", "pre"): 2.5, ("scs", "post"): 3.5}),
        person(2, {("scs", "pre"): 3.0, ("scs", "post"): 3.25}),
    ]
    (pair,) = summarise(cohort, instruments()).pairs
    assert (pair.reliable, pair.meaningful) == (None, None)
    text = cohort_report.as_text(summarise(cohort, instruments()))
    assert "Reliable change: not available for the SCS" in text


@pytest.mark.parametrize(
    "difference", [-12, -7.46, -7.45, -3, -2.999, -0.5, 0, 0.5, 2.9999999999, 3, 7.45, 7.46, 20]
)
def test_the_classification_agrees_with_what_the_participant_is_told(difference: float) -> None:
    """The facilitator's counts use the participant's rules (domain/scales/change.py)."""
    wemwbs = instrument("wemwbs")
    before = 40.0
    told = change(wemwbs, before, before + difference)
    (pair,) = summarise(
        [person(1, {("wemwbs", "pre"): before, ("wemwbs", "post"): before + difference})],
        instruments(),
    ).pairs
    assert pair.reliable is not None and pair.meaningful is not None
    reliable = told.reliable.status == "reliable"
    assert pair.reliable.improved == (reliable and told.direction == "up")
    assert pair.reliable.deteriorated == (reliable and told.direction == "down")
    reached = told.meaningful.status == "reached"
    assert pair.meaningful.rise_reached == (reached and told.direction == "up")
    assert pair.meaningful.fall_reached == (reached and told.direction == "down")


def test_sample_sd_and_interval_helpers() -> None:
    assert sample_sd([2, 4, 4, 4, 5, 5, 7, 9]) == pytest.approx(math.sqrt(32 / 7))
    assert sample_sd([5]) is None
    assert mean_interval([5]) is None
    same = mean_interval([3, 3, 3])
    assert same is not None and (same.low, same.high) == (3, 3)


def test_a_small_cohort_carries_a_caution_and_thirty_do_not() -> None:
    small = summarise(FOUR, instruments())
    assert small.small
    assert "fewer than 30" in cohort_report.as_text(small)
    thirty = [
        person(n, {("wemwbs", "pre"): 40 + n % 7, ("wemwbs", "post"): 44 + n % 5})
        for n in range(30)
    ]
    big = summarise(thirty, instruments())
    assert not big.small
    assert "fewer than 30" not in cohort_report.as_text(big)
    assert cohort_report.as_json(big)["caution"] is None


def test_the_text_report_shows_the_hand_computed_figures() -> None:
    text = cohort_report.as_text(summarise(FOUR, instruments()))
    assert "43.0 (SD 5.3)" in text
    assert "46.5 (SD 1.3)" in text
    assert "+3.5 (95% CI -5.2 to 12.2, t = 3.182 with 3 df)" in text
    assert "Reliable improvement    2 of 4 (50%)" in text
    assert "Attended every session    3 of 4 (75%)" in text
    assert "70% attending every\n  session" in text
    # The facilitator is told which reliability the threshold used.
    assert "the internal consistency (Cronbach's alpha .91) of Tennant" in " ".join(text.split())
