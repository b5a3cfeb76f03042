"""Which step of a guided practice shows when: equal shares of the time, in order."""

from __future__ import annotations

from companion.domain.selfcare.guides import SELF_COMPASSION_BREAK, find_guide
from companion.domain.selfcare.practice import Countdown

BREAK = SELF_COMPASSION_BREAK


def test_the_break_has_its_three_steps_in_order() -> None:
    assert [s.heading for s in BREAK.steps] == [
        "This is hard",
        "Others feel this too",
        "A kind word to yourself",
    ]
    assert BREAK.habit == "meditation"  # its minutes are meditation minutes
    assert BREAK.touch  # the supportive-touch note, offered as optional
    assert "Leave it out" in BREAK.touch


def test_each_step_has_an_equal_share_of_the_time() -> None:
    total = 180.0
    assert BREAK.step_at(0, total) == 0
    assert BREAK.step_at(59.9, total) == 0
    assert BREAK.step_at(60, total) == 1
    assert BREAK.step_at(119.9, total) == 1
    assert BREAK.step_at(120, total) == 2
    assert BREAK.step_at(180, total) == 2  # the last step stays to the end
    assert BREAK.step_at(500, total) == 2


def test_odd_readings_stay_within_the_steps() -> None:
    assert BREAK.step_at(-5, 180) == 0
    assert BREAK.step_at(10, 0) == 2


def test_the_countdown_drives_the_step_and_pausing_holds_it() -> None:
    countdown = Countdown(6, started=0.0)  # two minutes a step
    assert BREAK.step_at(countdown.elapsed(100.0), countdown.seconds) == 0
    countdown.pause(100.0)
    assert BREAK.step_at(countdown.elapsed(1000.0), countdown.seconds) == 0  # paused
    countdown.resume(1000.0)
    assert BREAK.step_at(countdown.elapsed(1020.0), countdown.seconds) == 1


def test_step_line_and_finding_a_guide() -> None:
    assert BREAK.step_line(1) == "Step 2 of 3 \u00b7 Others feel this too"
    assert find_guide(" Self-Compassion-Break ") is BREAK
    assert find_guide("meditation") is None
