"""Self-care habits: what a habit is and the three every programme starts with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

HabitKind = Literal["yesno", "count", "minutes"]
Per = Literal["day", "week"]
Direction = Literal["at_least", "at_most"]


@dataclass(frozen=True)
class HabitSpec:
    """A habit as the participant defines it (no id: not stored yet)."""

    key: str
    name: str
    kind: HabitKind
    unit: str
    target: float | None
    per: Per = "day"
    direction: Direction = "at_least"

    @property
    def target_line(self) -> str:
        if self.target is None:
            return "no target"
        amount = f"{self.target:g} {self.unit}"
        bound = "at least" if self.direction == "at_least" else "at most"
        return f"{bound} {amount} a {self.per}"


@dataclass(frozen=True)
class Habit(HabitSpec):
    """A stored habit, referred to by its id, never by its name."""

    id: int = 0
    position: int = 0
    archived: bool = False


DEFAULT_HABITS: tuple[HabitSpec, ...] = (
    HabitSpec("meditation", "Meditation", "minutes", "minutes", 10),
    HabitSpec("walking", "Walking", "minutes", "minutes", 30),
    HabitSpec("hydration", "Hydration", "count", "glasses", 8),
)
