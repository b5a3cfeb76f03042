"""Guided practices: the words a timed practice shows in turn, and which shows when.

The Self-Compassion Break joins the programme's three components in a few
minutes: noticing that this is hard (mindfulness), remembering that others
feel this too (common humanity), and a kind word to yourself (self-kindness).
The words are written for this project, in its own voice.

Pure: the caller passes the seconds practised and the practice's length, so
the app's timer and `companion practice` show the same step at the same time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    """One step of a guided practice: a short heading and a few kind sentences."""

    heading: str
    words: str


@dataclass(frozen=True)
class Guide:
    """A guided practice: its steps shown in turn, in equal shares of the time."""

    key: str  # how the shell names it: `companion practice self-compassion-break 3`
    title: str
    habit: str  # the key of the habit its minutes are logged under
    minutes: int  # the length suggested
    steps: tuple[Step, ...]
    touch: str = ""  # an optional note shown with every step

    def step_at(self, elapsed: float, total: float) -> int:
        """The index of the step to show after `elapsed` of `total` seconds.

        Each step has an equal share of the time; the last one stays to the end
        (and after it, should the clock run on).
        """
        last = len(self.steps) - 1
        if total <= 0:
            return last
        share = max(0.0, elapsed) / total
        return min(last, math.floor(share * len(self.steps)))

    def step_line(self, index: int) -> str:
        """`Step 2 of 3 · Others feel this too`: the heading as the timer shows it."""
        return f"Step {index + 1} of {len(self.steps)} \u00b7 {self.steps[index].heading}"


SELF_COMPASSION_BREAK = Guide(
    key="self-compassion-break",
    title="A self-compassion break",
    habit="meditation",
    minutes=3,
    steps=(
        Step(
            "This is hard",
            "Bring to mind what is weighing on you, and notice how it feels in "
            "your body. No need to fix it or argue with it: simply say to "
            "yourself that this is a hard moment.",
        ),
        Step(
            "Others feel this too",
            "Difficulty is part of every working life, not a sign that you are "
            "failing. Somewhere, many people feel something much like this right "
            "now. You are in good company.",
        ),
        Step(
            "A kind word to yourself",
            "Ask what you need to hear, and say it as you would to a colleague "
            "you value: perhaps 'I'm doing what I can, and that is enough for "
            "today.' Let the words be warm and plain.",
        ),
    ),
    touch="If it helps, rest a hand on your chest or arm while you do this. "
    "Leave it out if it doesn't suit you.",
)

GUIDES: dict[str, Guide] = {guide.key: guide for guide in (SELF_COMPASSION_BREAK,)}


def find_guide(key: str) -> Guide | None:
    """The guided practice called `key` (`self-compassion-break`), or None."""
    return GUIDES.get(key.strip().lower())
