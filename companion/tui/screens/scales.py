"""Scales: take or carry on with a scale, and read your results by occasion.

The table lists the four scales with their result at baseline, end and
follow-up. Below it, the highlighted scale's results: totals as bars, the
change since baseline in plain words (reliable and meaningful change), the SCS
profile as its three pairs of components, and the practice logged in between.
`s` opens where every figure comes from. Nothing here is a diagnosis.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from companion.content.instruments import INSTRUMENT_IDS, instrument, instruments
from companion.domain.charts import scale_bar
from companion.domain.dates import short_date
from companion.domain.errors import Problem
from companion.domain.scales.administration import (
    OCCASION_NAMES,
    OCCASION_SHORT,
    OCCASIONS,
    Administration,
    due,
    suggest_occasion,
)
from companion.domain.scales.instruments import Instrument
from companion.domain.scales.results import (
    SUPPORT_POINTER,
    InstrumentResults,
    Point,
    Practice,
    derived_score,
    format_total,
    results,
)
from companion.domain.scales.scoring import is_very_low
from companion.tui import styles
from companion.tui.section import Section

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView
    from companion.tui.dialogs.start_scale import StartChoice

BAR_WIDTH = 24
PROFILE_BAR = 10

# What a higher total means, said once above the bars.
HIGHER_MEANS = {
    "scs": "higher means more self-compassion",
    "scs-sf": "higher means more self-compassion",
    "wemwbs": "higher means greater wellbeing",
    "swemwbs": "higher means greater wellbeing",
}

# The SCS profile: each component beside its opposite (positive, negative).
PAIRS = (
    ("self_kindness", "self_judgment"),
    ("common_humanity", "isolation"),
    ("mindfulness", "over_identification"),
)


class ScalesScreen(Section):
    CSS_PATH = styles.SCALES
    MODE = "scales"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so the footer shows it although the table also uses enter.
        Binding(
            "enter",
            "take",
            "Take / carry on",
            priority=True,
            tooltip="Take the scale, or carry on",
        ),
        Binding("s", "sources", "Sources", tooltip="Where each figure comes from"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._selected: str = INSTRUMENT_IDS[0]
        self._view: ProgrammeView | None = None
        self._administrations: list[Administration] = []
        self._results: dict[str, InstrumentResults] = {}  # each scale's, scored once per show
        # What the screen last drew from: scoring every result again for nothing
        # (twenty years of them) would slow each opening of the section.
        self._drawn: tuple[object, ...] | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="scales-intro")
        yield DataTable(id="scales-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="scales-detail"):
            yield Static(id="scales-support", classes="card")
            yield Static(id="scales-heading")
            yield Static(id="scales-totals")
            yield Static(id="scales-change")
            yield Static(id="scales-profile")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Scale", key="scale")
        for occasion in OCCASIONS:  # the last column: the latest extra check-in
            table.add_column(OCCASION_SHORT[occasion], key=occasion)
        table.add_column("", key="state")
        self.query_one("#scales-support").border_title = "Support"

    # ------------------------------------------------------------ drawing

    def show(self, view: ProgrammeView | None) -> None:
        if view is None:
            return
        self._view = view
        store = self.companion.store
        today = view.status.today
        drawn = (store.change_stamp(), today)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        self._administrations = store.scales.administrations()
        imported = store.scales.wording_imported()
        now_due = due(
            view.setup.start, view.template.weeks, view.events, today, self._administrations
        )
        due_ids = now_due.instruments if now_due else ()
        self._draw_intro(now_due.name if now_due else None, due_ids)
        table = self.query_one(DataTable)
        table.clear()
        self._results = {key.id: results(key, self._administrations) for key in instruments()}
        for key in instruments():
            outcome = self._results[key.id]
            cells = [Text(key.short_name, style="bold")]
            for occasion in OCCASIONS:
                point = outcome.point(occasion)
                cells.append(
                    Text(format_total(key, point.score.total)) if point else Text("\u2013", "dim")
                )
            cells.append(self._state(key, outcome, imported, due_ids))
            table.add_row(*cells, key=key.id)
        table.move_cursor(row=INSTRUMENT_IDS.index(self._selected))
        self._draw_detail()

    def _draw_intro(self, due_name: str | None, due_ids: Sequence[str]) -> None:
        intro = Text("Scales", style="bold")
        if due_name:
            names = ", ".join(instrument(i).short_name for i in due_ids)
            intro.append(f" \u00b7 {due_name} are due: {names}")
        else:
            intro.append(" \u00b7 answer from the official form by item number", style="dim")
        self.query_one("#scales-intro", Static).update(intro)

    def _state(
        self,
        key: Instrument,
        outcome: InstrumentResults,
        imported: frozenset[str],
        due_ids: Sequence[str],
    ) -> Text:
        if outcome.unfinished is not None:
            done = len(outcome.unfinished.answers)
            return Text(f"unfinished, {done} of {key.item_count}", style="italic")
        if key.id in due_ids:
            return Text("due now", style="bold")
        return Text("wording imported" if key.id in imported else "", style="dim")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value and event.row_key.value != self._selected:
            self._selected = event.row_key.value
            self._draw_detail()

    def _draw_detail(self) -> None:
        key = instrument(self._selected)
        outcome = self._results[key.id]
        imported = self.companion.store.scales.wording_imported()
        form = "wording imported" if key.id in imported else "paper form"
        heading = Text(f"{key.short_name} \u00b7 {key.name}", style="bold")
        heading.append(f"\n{key.item_count} items \u00b7 {form}", style="dim")
        self.query_one("#scales-heading", Static).update(heading)
        self.query_one("#scales-totals", Static).update(self._totals(key, outcome))
        self.query_one("#scales-change", Static).update(self._change(key, outcome))
        profile = self.query_one("#scales-profile", Static)
        profile.update(self._profile(key, outcome))
        self._draw_support()

    def _totals(self, key: Instrument, outcome: InstrumentResults) -> Text:
        text = Text()
        if not outcome.points:
            text.append("No results yet. ", style="bold")
            text.append("Press enter to take it with the official form beside you.")
            if outcome.unfinished is not None:
                text = Text(
                    f"Unfinished: {len(outcome.unfinished.answers)} of {key.item_count} "
                    "answered. Press enter to carry on where you left off.",
                    style="bold",
                )
            return text
        low, high = key.total_range
        meaning = HIGHER_MEANS.get(key.id, "higher is more")
        text.append(
            f"Total ({format_total(key, low)} to {format_total(key, high)}; {meaning})\n",
            style="bold",
        )
        for point in outcome.points:
            text.append(f"{point.label:<10}{short_date(point.day):<11}")
            text.append(scale_bar(point.score.total, low, high, BAR_WIDTH), style="bold")
            text.append(f" {format_total(key, point.score.total):>5}")
            if point.score.band:
                text.append(f"  {point.score.band}", style="italic")
            text.append("\n")
        latest = outcome.points[-1]
        extra = self._extra_line(key, latest)
        if extra:
            text.append(extra, style="dim")
        if outcome.unfinished is not None:
            text.append(
                f"\nUnfinished: {len(outcome.unfinished.answers)} of {key.item_count} answered; "
                "press enter to carry on.",
                style="italic",
            )
        return text

    def _extra_line(self, key: Instrument, latest: Point) -> str:
        score = latest.score
        if score.item_mean is not None and score.compassionate is not None:
            assert score.uncompassionate_reversed is not None
            return (
                f"All-item mean {format_total(key, score.item_mean)} \u00b7 compassionate "
                f"{format_total(key, score.compassionate)} \u00b7 reduced uncompassionate "
                f"{format_total(key, score.uncompassionate_reversed)}"
            )
        if score.raw is not None:
            return f"Latest raw score {score.raw}, converted to the metric score above."
        if key.id == "wemwbs":
            short_form = instrument("swemwbs")
            admin = next(a for a in self._administrations if a.id == latest.administration)
            derived = derived_score(short_form, key, admin)
            if derived is not None:
                return (
                    f"The short form (SWEMWBS) from the same answers: "
                    f"{format_total(short_form, derived.total)}"
                )
        return ""

    def _change(self, key: Instrument, outcome: InstrumentResults) -> Text:
        text = Text()
        if outcome.reference is None or not outcome.changes:
            if outcome.points:
                text.append(
                    "Take it again at the end of the programme to see what has changed.",
                    style="dim",
                )
            return text
        reference = outcome.reference
        practice = self.companion.store.selfcare.practice_minutes(
            reference.day, (point.day for point, _ in outcome.changes)
        )
        for index, (point, moved) in enumerate(outcome.changes):
            if index:
                text.append("\n")
            text.append(
                f"{OCCASION_NAMES[reference.occasion]} to {OCCASION_NAMES[point.occasion].lower()}"
                f" ({short_date(point.day)})\n",
                style="bold",
            )
            for sentence in moved.words:
                text.append(f"{sentence}\n")
            logged = Practice(reference.day, point.day, practice[point.day]).line
            if logged:
                text.append(f"In between you logged {logged}.\n", style="italic")
        text.append("Press s to see where each figure comes from.", style="dim")
        return text

    def _profile(self, key: Instrument, outcome: InstrumentResults) -> Text:
        latest = outcome.latest
        if not key.reports_subscales:
            if key.subscales and latest is not None:
                return Text(
                    "The short form gives a total only: its authors advise the full SCS "
                    "where component scores are wanted.",
                    style="dim",
                )
            return Text()
        if latest is None or latest.score.subscales is None:
            return Text()
        names = {s.id: s.name for s in key.subscales}
        means = latest.score.subscales
        text = Text(
            f"Profile, {OCCASION_NAMES[latest.occasion].lower()} (means 1 to 5)\n", style="bold"
        )
        for positive, negative in PAIRS:
            for index, subscale in enumerate((positive, negative)):
                value = means[subscale]
                text.append(f"{names[subscale]:<20}")
                text.append(
                    scale_bar(value, 1, 5, PROFILE_BAR), style="bold" if index == 0 else ""
                )
                text.append(f" {format_total(key, value)}" + ("   " if index == 0 else "\n"))
        text.append(
            "Left: kindness, common humanity, mindfulness (more is kinder). Right: their "
            "opposites, unreversed (less is kinder).",
            style="dim",
        )
        return text

    def _draw_support(self) -> None:
        """The gentle pointer to support, when the latest wellbeing result is very low."""
        support = self.query_one("#scales-support", Static)
        very_low = False
        for key in instruments():
            if key.very_low is None:
                continue
            latest = self._results[key.id].latest
            if latest is not None and is_very_low(key, latest.score):
                very_low = True
        support.display = very_low
        if very_low:
            support.update(Text(SUPPORT_POINTER))

    # ------------------------------------------------------------ actions

    def action_take(self) -> None:
        self.take(self._selected)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # A click on a row of the table.
        event.stop()
        if event.row_key.value:
            self._selected = event.row_key.value
            self.take(self._selected)

    def take(self, instrument_id: str) -> None:
        """Open the start dialog for a scale (carry on, start again, or begin)."""
        from companion.tui.dialogs.start_scale import StartDialog

        view = self.companion.view()
        if view is None:
            return
        key = instrument(instrument_id)
        store = self.companion.store
        done = [
            a.occasion
            for a in store.scales.administrations(key.id)
            if a.complete and a.occasion != "adhoc"
        ]
        suggested = suggest_occasion(
            view.setup.start, view.template.weeks, view.events, view.status.today, done
        )
        dialog = StartDialog(
            key, suggested, store.scales.unfinished(key.id), store.scales.wording(key) is not None
        )
        self.app.push_screen(dialog, lambda choice: self._started(key, choice))

    def _started(self, key: Instrument, choice: StartChoice | None) -> None:
        from companion.tui.screens.administer import AdministerScreen

        if choice is None:
            return
        app = self.companion
        store = app.store
        view = app.view()
        if view is None:
            return
        discard = choice.discard
        if discard is not None and not app.write(lambda: store.scales.discard(key, discard)):
            return
        administration = store.scales.unfinished(key.id)
        if administration is None:
            today = view.status.today
            try:
                administration = store.scales.begin(key, choice.occasion, today, app.now())
            except Problem as problem:
                app.notify(str(problem), severity="warning", markup=False)
                return
        wording = store.scales.wording(key) if choice.on_screen else None
        self.app.push_screen(
            AdministerScreen(key, administration, wording), lambda saved: self._after(key, saved)
        )

    def _after(self, key: Instrument, saved: bool | None) -> None:
        self._selected = key.id
        if saved:
            self.companion.notify(f"Saved your {key.short_name}. Thank you.", markup=False)
        self.show(self.companion.view())

    def action_sources(self) -> None:
        from companion.tui.dialogs.scale_sources import SourcesScreen

        self.app.push_screen(SourcesScreen(instrument(self._selected)))
