"""The story so far, for the Progress section: what was done, practised and noticed.

Assembled from what the store reads, with the domain's own pieces: the
programme's completion counts, each timed habit's minutes per programme week
(from the self-care summaries), each scale's results and change in words
(`scales.results`), and the action plan's states. Progress is noticed; gaps are
neutral and left unsaid; nothing is compared with anyone else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from companion.domain.charts import bar
from companion.domain.plurals import counted
from companion.domain.programme import Completion
from companion.domain.scales.administration import PLANNED, Occasion
from companion.domain.scales.change import Change
from companion.domain.scales.results import InstrumentResults, Point, Practice, format_total
from companion.domain.worksheets.action_plan import ActionItem, action_plan_order

WEEK_BAR = 20


@dataclass(frozen=True)
class ChangeStep:
    """A later result compared with the baseline, and the practice logged in between."""

    reference: Point
    point: Point
    change: Change
    practice: Practice

    @property
    def verdict(self) -> str:
        """The change in a few words: reliable, meaningful, both, or neither."""
        if self.change.direction == "same":
            return "no change in the total"
        reliable = self.change.reliable.status == "reliable"
        meaningful = self.change.meaningful.status in ("reached", "reached_lower_end")
        if reliable and meaningful:
            return "reliable and meaningful"
        if reliable:
            return "reliable"
        if meaningful:
            return "meaningful"
        # Where no figure was published the change is not judged, never called "neither".
        unjudged = [
            what
            for what, status in (
                ("reliable", self.change.reliable.status),
                ("meaningful", self.change.meaningful.status),
            )
            if status == "unavailable"
        ]
        if len(unjudged) == 2:
            return "not judged: no published figures for this scale"
        if unjudged:
            judged = "meaningful" if unjudged == ["reliable"] else "reliable"
            return f"not a {judged} change ({unjudged[0]} change not judged)"
        return "neither reliable nor meaningful: within everyday ups and downs"

    @property
    def minutes(self) -> float:
        """All the timed practice logged from the baseline to this result, both days included."""
        return sum(self.practice.minutes.values())


@dataclass(frozen=True)
class ScaleStory:
    """One scale's planned results (baseline, end, follow-up) and the change since baseline."""

    results: InstrumentResults
    steps: tuple[ChangeStep, ...]

    def total(self, occasion: Occasion) -> str:
        """The total on a planned occasion as shown, or '' when there is none yet."""
        point = self.results.point(occasion)
        return "" if point is None else format_total(self.results.instrument, point.score.total)


@dataclass(frozen=True)
class ActionCounts:
    """The action plan by state, and the open items in the plan's own order."""

    open: int
    done: int
    let_go: int
    open_items: tuple[ActionItem, ...]

    @property
    def line(self) -> str:
        """`2 open, 3 done, 1 let go`; a kind word when the plan is empty."""
        if not (self.open or self.done or self.let_go):
            return "Your action plan is empty for now: add a step when one comes to mind."
        return f"{self.open} open, {self.done} done, {self.let_go} let go"


@dataclass(frozen=True)
class Story:
    """Everything the Progress section shows."""

    completion: Completion
    weeks: tuple[float, ...]  # practice minutes per programme week, so far
    scales: tuple[ScaleStory, ...]
    actions: ActionCounts

    @property
    def practice_line(self) -> str:
        """A kind line about the weeks with practice in them; quiet weeks go unmentioned."""
        if not self.weeks:
            return "Your practice per programme week gathers here once the programme starts."
        practised = sum(1 for minutes in self.weeks if minutes > 0)
        total = sum(self.weeks)
        if not practised:
            return "Each minute of practice you log gathers here, week by week."
        return (
            f"{_minutes(total)} minutes of practice so far, in "
            f"{counted(practised, 'programme week')}: each one counts."
        )


def week_chart(weeks: Sequence[float], width: int = WEEK_BAR) -> list[str]:
    """One line per programme week: `Week 3  ████▌░░░  95 min`; a quiet week is a neutral `·`."""
    peak = max(weeks, default=0.0)
    lines = []
    for number, minutes in enumerate(weeks, start=1):
        drawn = bar(minutes / peak, width) if peak > 0 else bar(0.0, width)
        figure = f"{_minutes(minutes)} min" if minutes > 0 else "\u00b7"
        lines.append(f"Week {number:<2} {drawn} {figure}")
    return lines


def scale_story(
    results: InstrumentResults, practice: Mapping[dt.date, Mapping[str, float]]
) -> ScaleStory:
    """A scale's story: each planned result compared with the baseline, with the practice between.

    `practice` is the store's `practice_minutes(baseline day, later days)`:
    minutes per timed habit from the baseline to each later result's day.
    """
    steps = tuple(
        ChangeStep(
            results.reference,
            point,
            moved,
            Practice(results.reference.day, point.day, practice.get(point.day, {})),
        )
        for point, moved in results.changes
        if results.reference is not None and point.occasion in PLANNED
    )
    return ScaleStory(results, steps)


def action_counts(items: Iterable[ActionItem]) -> ActionCounts:
    """The action plan counted by state, with its open items."""
    ordered = action_plan_order(items)
    return ActionCounts(
        open=sum(item.state == "open" for item in ordered),
        done=sum(item.state == "done" for item in ordered),
        let_go=sum(item.state == "let-go" for item in ordered),
        open_items=tuple(item for item in ordered if item.state == "open"),
    )


def _minutes(total: float) -> str:
    return f"{total:,.0f}"
