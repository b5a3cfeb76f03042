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
from companion.domain.programme_template import ProgrammeTemplate
from companion.domain.scales.administration import OCCASION_NAMES, Occasion
from companion.domain.scales.change import Change
from companion.domain.scales.instruments import Instrument, Subscale
from companion.domain.scales.results import InstrumentResults, Point, Practice, format_total
from companion.domain.worksheets.action_plan import ActionItem, action_plan_order
from companion.domain.worksheets.status import SheetRow

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
    def span(self) -> str:
        """`baseline to end of programme`: what the step compares, in words."""
        later = self.point.occasion
        words = "an extra check-in" if later == "adhoc" else OCCASION_NAMES[later].lower()
        return f"{OCCASION_NAMES[self.reference.occasion].lower()} to {words}"

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
    """The action plan by state, and each state's items in the plan's own order."""

    open_items: tuple[ActionItem, ...]
    done_items: tuple[ActionItem, ...] = ()
    let_go_items: tuple[ActionItem, ...] = ()

    @property
    def open(self) -> int:
        return len(self.open_items)

    @property
    def done(self) -> int:
        return len(self.done_items)

    @property
    def let_go(self) -> int:
        return len(self.let_go_items)

    @property
    def line(self) -> str:
        """`2 open, 3 done, 1 let go`; a kind word when the plan is empty."""
        if not (self.open or self.done or self.let_go):
            return "Your action plan is empty for now: add a step when one comes to mind."
        return f"{self.open} open, {self.done} done, {self.let_go} let go"


@dataclass(frozen=True)
class SubscaleSteps:
    """One subscale's value at the baseline and at the latest result since, as shown."""

    name: str
    negative: bool  # higher means more of it: self-judgment, isolation, over-identification
    values: tuple[tuple[str, str], ...]  # (occasion, value), baseline first

    @property
    def line(self) -> str:
        """`Self-kindness: 2.20 (baseline) → 2.80 (end)`; a word on direction for the opposite."""
        shown = " \u2192 ".join(f"{value} ({occasion.lower()})" for occasion, value in self.values)
        where = ", where lower means less of it" if self.negative else ""
        return f"{self.name}{where}: {shown}"


@dataclass(frozen=True)
class ComponentStory:
    """One component (mindfulness, common humanity, self-kindness): its sheet, practice, scale."""

    id: str
    title: str
    first_week: int
    last_week: int
    sheet: SheetRow | None
    guide: str  # the guided practice its worksheet offers, by title, or ""
    minutes: float | None  # timed practice logged in its weeks; None before they begin
    pair: tuple[SubscaleSteps, SubscaleSteps] | None  # None until a full SCS is taken

    @property
    def weeks_words(self) -> str:
        """`weeks 1-2`, or `week 7` for a component of one week."""
        if self.first_week == self.last_week:
            return f"week {self.first_week}"
        return f"weeks {self.first_week}\u2013{self.last_week}"

    @property
    def sheet_line(self) -> str:
        """`Worksheet: in progress (3 of 9 answered)`."""
        if self.sheet is None:
            return "Worksheet: none in this programme's content."
        if self.sheet.status == "complete":
            return "Worksheet: complete."
        return f"Worksheet: {self.sheet.status_words} ({self.sheet.detail})."

    @property
    def practice_line(self) -> str:
        """The practice logged in the component's weeks; kind words before they begin."""
        if self.minutes is None:
            return f"Practice: its weeks begin in week {self.first_week}."
        offered = f"; its worksheet offers {self.guide.lower()}" if self.guide else ""
        if self.minutes <= 0:
            return f"Practice in these weeks gathers here as you log it{offered}."
        return f"Practice in these weeks: {_minutes(self.minutes)} minutes{offered}."

    @property
    def scale_lines(self) -> tuple[str, ...]:
        """The SCS pair: the positive subscale, then its opposite, with a word on direction."""
        if self.pair is None:
            return ("SCS: the full Self-Compassion Scale shows this pair once you take it.",)
        return tuple(f"SCS {steps.line}" for steps in self.pair)


@dataclass(frozen=True)
class Story:
    """Everything the Progress section shows."""

    completion: Completion
    weeks: tuple[float, ...]  # practice minutes per programme week, so far
    scales: tuple[ScaleStory, ...]
    actions: ActionCounts
    components: tuple[ComponentStory, ...] = ()

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
            f"{counted(practised, 'programme week')}."
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
    """A scale's story: each later result compared with the baseline, with the practice between.

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
        if results.reference is not None
    )
    return ScaleStory(results, steps)


def component_weeks(template: ProgrammeTemplate) -> dict[str, tuple[int, int]]:
    """Each component's programme weeks: from its session's week to the week before the next.

    The last component runs to the end of the programme.
    """
    starts = sorted(
        (session.week, session.component)
        for session in template.sessions
        if session.component is not None and session.week is not None
    )
    spans: dict[str, tuple[int, int]] = {}
    for index, (week, component) in enumerate(starts):
        following = starts[index + 1][0] if index + 1 < len(starts) else template.weeks + 1
        spans.setdefault(component, (max(week, 1), max(week, following - 1)))
    return spans


def component_stories(
    template: ProgrammeTemplate,
    sheets: Sequence[SheetRow],
    weeks: Sequence[float],
    outcomes: Sequence[InstrumentResults],
) -> tuple[ComponentStory, ...]:
    """The components the SCS measures, in programme order, each with its sheet and practice.

    `sheets` are the worksheets' rows (`sheet_row`), `weeks` the practice per
    programme week so far (the story's `weeks`), `outcomes` every scale's
    results; the first scale whose subscale pairs name components (the SCS)
    gives each component its pair.
    """
    from companion.domain.selfcare.guides import GUIDES

    spans = component_weeks(template)
    scs = next((o for o in outcomes if any(s.component for s in o.instrument.subscales)), None)
    if scs is None:
        return ()
    pairs = {
        kind.component: (kind, opposite)
        for kind, opposite in scs.instrument.profile_pairs
        if kind.component is not None
    }
    reference, latest = scs.reference, scs.latest
    stories = []
    for component, title in template.components.items():
        if component not in pairs or component not in spans:
            continue
        first, last = spans[component]
        sheet = next((row for row in sheets if row.sheet.component == component), None)
        practice = getattr(sheet.sheet, "practice", "") if sheet is not None else ""
        guide = GUIDES[practice].title if practice in GUIDES else ""
        pair = None
        if reference is not None and reference.score.subscales is not None:
            shown = [reference] + ([latest] if latest is not None and latest != reference else [])
            kind, opposite = pairs[component]
            pair = (
                _subscale_steps(scs.instrument, kind, shown),
                _subscale_steps(scs.instrument, opposite, shown),
            )
        stories.append(
            ComponentStory(
                id=component,
                title=title,
                first_week=first,
                last_week=last,
                sheet=sheet,
                guide=guide,
                minutes=sum(weeks[first - 1 : last]) if first <= len(weeks) else None,
                pair=pair,
            )
        )
    return tuple(stories)


def _subscale_steps(
    instrument: Instrument, subscale: Subscale, points: list[Point]
) -> SubscaleSteps:
    return SubscaleSteps(
        subscale.name,
        subscale.negative,
        tuple(
            (point.label, format_total(instrument, (point.score.subscales or {})[subscale.id]))
            for point in points
        ),
    )


def action_counts(items: Iterable[ActionItem]) -> ActionCounts:
    """The action plan by state, each in the plan's own order."""
    ordered = action_plan_order(items)

    def in_state(state: str) -> tuple[ActionItem, ...]:
        return tuple(item for item in ordered if item.state == state)

    return ActionCounts(in_state("open"), in_state("done"), in_state("let-go"))


def _minutes(total: float) -> str:
    return f"{total:,.0f}"
