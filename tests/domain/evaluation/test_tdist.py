"""Student's t quantile, checked against printed t tables (two-sided 95% and 99% points)."""

from __future__ import annotations

import math

import pytest

from companion.domain.evaluation.tdist import incomplete_beta, quantile, upper_tail

# df: (t at 0.975, t at 0.995), as every t table prints them (three decimals).
TABLE = {
    1: (12.706, 63.657),
    2: (4.303, 9.925),
    3: (3.182, 5.841),
    4: (2.776, 4.604),
    5: (2.571, 4.032),
    9: (2.262, 3.250),
    10: (2.228, 3.169),
    15: (2.131, 2.947),
    20: (2.086, 2.845),
    29: (2.045, 2.756),
    30: (2.042, 2.750),
    60: (2.000, 2.660),
    120: (1.980, 2.617),
}


@pytest.mark.parametrize(("df", "points"), TABLE.items())
def test_the_quantile_matches_the_printed_table(df: int, points: tuple[float, float]) -> None:
    at_975, at_995 = points
    assert round(quantile(0.975, df), 3) == at_975
    assert round(quantile(0.995, df), 3) == at_995


def test_with_many_degrees_of_freedom_it_approaches_the_normal_quantile() -> None:
    assert quantile(0.975, 1_000_000) == pytest.approx(1.959964, abs=1e-5)


def test_closed_forms_for_one_and_two_degrees_of_freedom() -> None:
    # df = 1 is the Cauchy distribution: t = tan(pi (p - 1/2)).
    for p in (0.6, 0.9, 0.975, 0.999):
        assert quantile(p, 1) == pytest.approx(math.tan(math.pi * (p - 0.5)), rel=1e-9)
    # df = 2: t = (2p - 1) / sqrt(2 p (1 - p)).
    for p in (0.6, 0.9, 0.975, 0.999):
        expected = (2 * p - 1) / math.sqrt(2 * p * (1 - p))
        assert quantile(p, 2) == pytest.approx(expected, rel=1e-9)


def test_the_quantile_is_symmetric_and_inverts_the_tail() -> None:
    assert quantile(0.5, 7) == 0.0
    assert quantile(0.025, 7) == -quantile(0.975, 7)
    for df in (1, 3, 12, 250):
        assert upper_tail(quantile(0.975, df), df) == pytest.approx(0.025, rel=1e-9)


def test_incomplete_beta_known_values() -> None:
    assert incomplete_beta(1, 1, 0.3) == pytest.approx(0.3)  # uniform
    assert incomplete_beta(2, 3, 0.4) == pytest.approx(0.5248)  # 1 - sum binomial
    assert incomplete_beta(0.5, 0.5, 0.5) == pytest.approx(0.5)


@pytest.mark.parametrize(("p", "df"), [(0.0, 3), (1.0, 3), (0.975, 0), (0.975, -1)])
def test_out_of_range_arguments_are_refused(p: float, df: float) -> None:
    with pytest.raises(ValueError):
        quantile(p, df)
