"""Student's t distribution: its tail and its quantile, in pure Python.

A confidence interval for a mean change needs the t quantile (2.262 for 9
degrees of freedom at 95%). scipy would bring a large dependency for one
number, so it is computed here: the tail from the regularised incomplete beta
function (a continued fraction evaluated by the modified Lentz method), the
quantile by bisection on the tail, which needs no derivative and cannot
diverge. Checked against printed t tables in tests/domain/evaluation.
"""

from __future__ import annotations

import functools
import math

_TINY = 1e-300
_CONVERGED = 1e-15
_STEPS = 500


def _continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    both, above, below = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - both * x / above
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    result = d
    for m in range(1, _STEPS + 1):
        step = 2 * m
        for term in (
            m * (b - m) * x / ((below + step) * (a + step)),
            -(a + m) * (both + m) * x / ((a + step) * (above + step)),
        ):
            d = 1.0 + term * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + term / c
            c = c if abs(c) > _TINY else _TINY
            factor = d * c
            result *= factor
        if abs(factor - 1.0) < _CONVERGED:
            return result
    return result  # pragma: no cover - converges in far fewer steps for t's arguments


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 <= x <= 1."""
    if not (a > 0 and b > 0 and 0.0 <= x <= 1.0):
        raise ValueError("incomplete_beta needs a, b > 0 and x from 0 to 1")
    if x in (0.0, 1.0):
        return x
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    # The fraction converges quickly only on one side of the mean; use the symmetry otherwise.
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _continued_fraction(a, b, x) / a
    return 1.0 - front * _continued_fraction(b, a, 1.0 - x) / b


def upper_tail(t: float, df: float) -> float:
    """P(T > t) for Student's t with `df` degrees of freedom."""
    if not df > 0:
        raise ValueError("degrees of freedom must be above 0")
    half = 0.5 * incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return half if t >= 0 else 1.0 - half


@functools.lru_cache(maxsize=256)
def quantile(p: float, df: float) -> float:
    """The t with P(T <= t) = p, for Student's t with `df` degrees of freedom.

    `quantile(0.975, 9)` is 2.2622 (the two-sided 95% point for ten people).
    """
    if not 0.0 < p < 1.0:
        raise ValueError("p must be between 0 and 1")
    if not df > 0:
        raise ValueError("degrees of freedom must be above 0")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -quantile(1.0 - p, df)
    wanted = 1.0 - p
    low, high = 0.0, 1.0
    while upper_tail(high, df) > wanted:  # widen until the quantile is inside
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break  # as close as floats go
        if upper_tail(middle, df) > wanted:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0
