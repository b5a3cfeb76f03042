"""Self-care habits: what a habit is and the three every programme starts with."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal, get_args

from companion.domain.errors import Invalid
from companion.domain.numbers import read_decimal
from companion.domain.plurals import singular
from companion.domain.user_text import check_line

HabitKind = Literal["yesno", "count", "minutes"]
Per = Literal["day", "week"]
Direction = Literal["at_least", "at_most"]

# Totals are sums of floats: compare with a little slack so 0.1 + 0.2 meets 0.3.
EPSILON = 1e-9


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
        """`at least 10 minutes a day`, `at most 2 cups a day`, `no target`."""
        if self.target is None:
            return "no target"
        amount = f"{self.target:g} {singular(self.unit) if self.target == 1 else self.unit}"
        bound = "at least" if self.direction == "at_least" else "at most"
        return f"{bound} {amount} a {self.per}"

    def on(self, day: dt.date) -> HabitSpec:
        """The habit as it stood on `day`: its target, unit and direction then (see `Habit`)."""
        return self

    def targets(self) -> tuple[HabitSpec, ...]:
        """Every target the habit has had, the one in force first."""
        return (self,)


@dataclass(frozen=True)
class Habit(HabitSpec):
    """A stored habit, referred to by its id, never by its name.

    Its target, per, direction and unit are the ones in force from its last
    change on; `earlier` holds the ones before, each with the last day it
    applied (oldest first), so a past day is judged by the target it had.
    """

    id: int = 0
    position: int = 0
    archived: bool = False
    since: dt.date | None = None  # the local day it was added: strength counts from then
    earlier: tuple[tuple[dt.date, Habit], ...] = ()

    def on(self, day: dt.date) -> Habit:
        """The habit as it stood on `day`: an earlier target if one applied then, else itself."""
        for until, spec in self.earlier:
            if day <= until:
                return spec
        return self

    def targets(self) -> tuple[HabitSpec, ...]:
        """Every target the habit has had, the one in force first."""
        return (self, *(spec for _, spec in self.earlier))


TARGET_FIELDS = ("unit", "target", "per", "direction")


def target_of(spec: HabitSpec) -> HabitSpec:
    """Just what a day is judged by (no id, no earlier targets): for `Habit.earlier`."""
    return HabitSpec(
        spec.key, spec.name, spec.kind, spec.unit, spec.target, spec.per, spec.direction
    )


@dataclass(frozen=True)
class HabitEdit:
    """What an edit does: the habit's new definition, and the target to keep as history.

    `ended` is the target in force until yesterday, to be remembered with
    that day as its last; None when the target did not change, or when
    yesterday's target is remembered already (a second change on the same
    day). Kept even for a habit added today: entries may be logged for days
    before it was added, and those days are judged by it too.
    """

    spec: HabitSpec
    ended: tuple[dt.date, HabitSpec] | None


def plan_edit(
    habit: Habit,
    today: dt.date,
    *,
    name: str | None = None,
    target: float | Literal["keep"] | None = "keep",
    per: str | None = None,
    direction: str | None = None,
    unit: str | None = None,
) -> HabitEdit:
    """The habit with the given parts changed (None or "keep": unchanged), checked by `check_spec`.

    A changed target, per, direction or unit applies from `today`; days
    before keep the target they had. Invalid when nothing would change.
    """
    spec = check_spec(
        replace(
            target_of(habit),
            name=habit.name if name is None else name,
            target=habit.target if target == "keep" else target,
            per=habit.per if per is None else per,  # type: ignore[arg-type]  # checked
            direction=habit.direction if direction is None else direction,  # type: ignore[arg-type]
            unit=habit.unit if unit is None else unit,
        )
    )
    before = target_of(habit)
    if spec == before:
        raise Invalid(f"{habit.name} already reads that way; nothing was changed")
    yesterday = today - dt.timedelta(days=1)
    target_changed = any(getattr(spec, f) != getattr(before, f) for f in TARGET_FIELDS)
    remembered = any(until >= yesterday for until, _ in habit.earlier)
    keep = target_changed and not remembered
    return HabitEdit(spec, (yesterday, before) if keep else None)


DEFAULT_HABITS: tuple[HabitSpec, ...] = (
    HabitSpec("meditation", "Meditation", "minutes", "minutes", 10),
    HabitSpec("walking", "Walking", "minutes", "minutes", 30),
    HabitSpec("hydration", "Hydration", "count", "glasses", 8),
)


# ---------------------------------------------------------------- checking a new habit

HABIT_KINDS: tuple[str, ...] = get_args(HabitKind)
PERS: tuple[str, ...] = get_args(Per)
DIRECTIONS: tuple[str, ...] = get_args(Direction)

KEY_LIMIT = 24
HABIT_NAME_LIMIT = 40
UNIT_LIMIT = 20
_KEY = re.compile(r"[a-z][a-z0-9-]*", re.ASCII)

# The most one day can hold, per kind: typing 2500 for 25 minutes should not slip through.
# A count is generous (step counts), minutes are the minutes in a day, yes/no is once.
DAY_LIMITS: Mapping[str, float] = {"yesno": 1, "count": 100_000, "minutes": 24 * 60}


def check_key(text: str) -> str:
    """A habit's short key for the command line, lower-cased; Invalid says how to fix it."""
    key = text.strip().lower()
    if not key:
        raise Invalid("A habit needs a short key for the command line, e.g. kind-moment")
    if len(key) > KEY_LIMIT:
        raise Invalid(f"The key {key!r} is {len(key)} characters; keep it to {KEY_LIMIT}")
    if _KEY.fullmatch(key) is None:
        raise Invalid(
            f"The key {key!r} can use only a-z, 0-9 and hyphens, starting with a letter, "
            "e.g. kind-moment"
        )
    return key


def read_target(text: str) -> float | None:
    """A target as typed (`10`, `2.5`, in any digits); blank or `none` is no target."""
    if text.strip().lower() in ("", "none"):
        return None
    return read_decimal(text, hint="give the target as a number, e.g. 10")


def check_spec(spec: HabitSpec) -> HabitSpec:
    """Return `spec` tidied (key lower-cased, name and unit in NFC, stripped) or raise Invalid.

    Rules: a key as `check_key`; a name and a unit on one line (up to 40 and 20
    characters); minutes habits measure "minutes"; a target is a finite
    number, whole for yes/no and count habits, more than 0 unless it is an
    "at most" limit (where 0 means "none at all"), and no more than a day or
    a week can hold; yes/no habits aim for 1 a day (or no target), or N days
    a week (1-7); "N a week" and "at most" need a target.
    """
    key = check_key(spec.key)
    name = check_line(spec.name, what="The habit name", limit=HABIT_NAME_LIMIT)
    if not name:
        raise Invalid("A habit needs a name, e.g. Kind moment")
    unit = check_line(spec.unit, what="The unit", limit=UNIT_LIMIT)
    if spec.kind not in HABIT_KINDS:
        raise Invalid(f"A habit's kind is one of {', '.join(HABIT_KINDS)}, not {spec.kind!r}")
    if spec.per not in PERS:
        raise Invalid(f"A target is per day or per week, not per {spec.per!r}")
    if spec.direction not in DIRECTIONS:
        raise Invalid(f"A target is at_least or at_most, not {spec.direction!r}")
    if spec.kind == "minutes" and unit != "minutes":
        raise Invalid("A minutes habit is measured in minutes; choose count for other units")
    if not unit:
        raise Invalid("A habit needs a unit, e.g. glasses or times")
    _check_target(spec)
    return replace(spec, key=key, name=name, unit=unit)


def _check_target(spec: HabitSpec) -> None:
    target = spec.target
    if target is None:
        if spec.per == "week":
            raise Invalid("A weekly habit needs a target: how many a week?")
        if spec.direction == "at_most":
            raise Invalid("An 'at most' habit needs its limit as the target, e.g. 2")
        return
    if isinstance(target, bool) or not isinstance(target, int | float):
        raise Invalid(f"The target must be a number, not {target!r}")
    if not math.isfinite(target):
        raise Invalid("The target must be an ordinary number, e.g. 10")
    if spec.kind in ("yesno", "count") and target != int(target):
        raise Invalid(f"A {spec.kind} habit counts whole times; use a whole-number target")
    if spec.direction == "at_least" and target <= 0:
        raise Invalid("The target must be more than 0, e.g. 10")
    if target < 0:
        raise Invalid("A limit cannot be below 0; use 0 for 'none at all'")
    if spec.kind == "yesno":
        if spec.per == "day" and spec.direction == "at_most":
            raise Invalid("A yes/no habit can be 'at most N days a week', not per day")
        if spec.per == "day" and target != 1:
            raise Invalid("A yes/no habit happens once a day: use target 1, or N days a week")
        if spec.per == "week" and target > 7:
            raise Invalid("A week has 7 days: a yes/no target is 1 to 7 days a week")
        return
    most = DAY_LIMITS[spec.kind] * (7 if spec.per == "week" else 1)
    if target > most:
        raise Invalid(
            f"A target of {target:g} a {spec.per} is more than a {spec.per} can hold "
            f"({most:,g}); check the number"
        )
