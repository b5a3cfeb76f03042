"""The practice countdown, stepped through with clock readings instead of waiting."""

from __future__ import annotations

import pytest

from companion.domain.errors import Invalid
from companion.domain.selfcare.practice import Countdown, check_minutes, clock_text


def test_counts_down_and_finishes() -> None:
    countdown = Countdown(10, started=100.0)
    assert countdown.remaining(100.0) == 600
    assert countdown.share(400.0) == pytest.approx(0.5)
    assert not countdown.finished(699.0)
    assert countdown.finished(700.0)
    assert countdown.elapsed(10_000.0) == 600  # never more than the practice


def test_time_spent_paused_does_not_count() -> None:
    countdown = Countdown(10, started=0.0)
    countdown.pause(60.0)
    assert countdown.elapsed(500.0) == 60  # frozen while paused
    countdown.resume(500.0)
    assert countdown.elapsed(560.0) == 120
    countdown.toggle(560.0)
    assert countdown.paused
    countdown.toggle(600.0)
    assert not countdown.paused
    assert countdown.remaining(600.0) == 480


@pytest.mark.parametrize(
    ("seconds", "minutes"), [(0, 0), (29, 0), (30, 1), (149, 2), (150, 3), (600, 10)]
)
def test_minutes_done_round_to_the_nearest_minute(seconds: float, minutes: int) -> None:
    assert Countdown(10, started=0.0).minutes_done(seconds) == minutes


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (600, "10:00"),
        (599.2, "10:00"),
        (545, "9:05"),
        (0.4, "0:01"),
        (0, "0:00"),
        (3723, "1:02:03"),
    ],
)
def test_clock_text_rounds_up(seconds: float, text: str) -> None:
    assert clock_text(seconds) == text


@pytest.mark.parametrize(("typed", "minutes"), [("10", 10), (" 5 ", 5), (180, 180), ("1", 1)])
def test_minutes_accepted(typed: str | int, minutes: int) -> None:
    assert check_minutes(typed) == minutes


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "at least 1 minute"),
        ("181", "more than 180"),
        ("ten", "not a number of minutes"),
        ("2.5", "not a number of minutes"),
        ("-5", "not a number of minutes"),
        ("", "not a number of minutes"),
        (True, "whole number"),
    ],
)
def test_minutes_refused(typed: str | int, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        check_minutes(typed)
