"""Scales: take or carry on with a scale, and read your results by occasion.

The table lists the four scales with their result at baseline, end and
follow-up. Below it, the highlighted scale's results: totals as bars, the
change since baseline in plain words (reliable and meaningful change), the SCS
profile as its three pairs of components, and the practice logged in between.
`s` opens where every figure comes from. Nothing here is a diagnosis.
"""

from __future__ import annotations

import datetime as dt
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
    early_end,
    early_end_question,
    suggest_occasion,
)
from companion.domain.scales.instruments import Instrument
from companion.domain.scales.results import (
    SUPPORT_KEY,
    SUPPORT_POINTER,
    InstrumentResults,
    Point,
    Practice,
    derived_score,
    format_total,
    needs_support_pointer,
    results,
)
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.section import Section
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row

if TYPE_CHECKING:
    from companion.store.scales import DeletedAdministration
    from companion.tui.app import ProgrammeView
    from companion.tui.dialogs.start_scale import StartChoice

BAR_WIDTH = 24
PROFILE_BAR = 10


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
        Binding(
            "x", "remove", "Remove", tooltip="Remove a result of this scale recorded by mistake"
        ),
        Binding("u", "undo", "Undo", show=False, tooltip="Put back the result last removed"),
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
        self._removed: list[DeletedAdministration] = []  # for undo, the latest last

    def compose_body(self) -> ComposeResult:
        yield Static(id="scales-intro")
        yield FittingTable(
            [
                Col("Scale", "scale"),
                *(Col(OCCASION_SHORT[o], o) for o in OCCASIONS),
                Col("", "state", REST),
            ],
            id="scales-table",
            cursor_type="row",
            zebra_stripes=True,
        )
        with VerticalScroll(id="scales-detail"):
            yield Static(id="scales-support", classes="card")
            yield Static(id="scales-heading")
            yield Static(id="scales-totals")
            yield Static(id="scales-change")
            yield Static(id="scales-profile")

    def on_mount(self) -> None:
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
            view.setup.start,
            view.template.weeks,
            view.events,
            today,
            self._administrations,
            view.setup.joined,
        )
        due_ids = now_due.instruments if now_due else ()
        self._draw_intro(now_due.name if now_due else None, due_ids)
        rows: list[Row] = []
        self._results = {
            scale.id: results(scale, self._administrations) for scale in instruments()
        }
        for scale in instruments():
            outcome = self._results[scale.id]
            cells = [Text(scale.short_name, style="bold")]
            for occasion in OCCASIONS:
                point = outcome.point(occasion)
                cells.append(
                    Text(format_total(scale, point.score.total))
                    if point
                    else Text("\u2013", "dim")
                )
            cells.append(self._state(scale, outcome, imported, due_ids))
            rows.append(Row(tuple(cells), key=scale.id))
        self.query_one(FittingTable).fill(rows, INSTRUMENT_IDS.index(self._selected))
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
        scale: Instrument,
        outcome: InstrumentResults,
        imported: frozenset[str],
        due_ids: Sequence[str],
    ) -> Text:
        if outcome.unfinished is not None:
            done = len(outcome.unfinished.answers)
            return Text(f"unfinished, {done} of {scale.item_count}", style="italic")
        if scale.id in due_ids:
            return Text("due now", style="bold")
        return Text("wording imported" if scale.id in imported else "", style="dim")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value and event.row_key.value != self._selected:
            self._selected = event.row_key.value
            self._draw_detail()

    def _draw_detail(self) -> None:
        scale = instrument(self._selected)
        outcome = self._results[scale.id]
        imported = self.companion.store.scales.wording_imported()
        form = "wording imported" if scale.id in imported else "paper form"
        heading = Text(f"{scale.short_name} \u00b7 {scale.name}", style="bold")
        heading.append(f"\n{scale.item_count} items \u00b7 {form}", style="dim")
        self.query_one("#scales-heading", Static).update(heading)
        self.query_one("#scales-totals", Static).update(self._totals(scale, outcome))
        self.query_one("#scales-change", Static).update(self._change(scale, outcome))
        profile = self.query_one("#scales-profile", Static)
        profile.update(self._profile(scale, outcome))
        self._draw_support()

    def _totals(self, scale: Instrument, outcome: InstrumentResults) -> Text:
        text = Text()
        if not outcome.points:
            text.append("No results yet. ", style="bold")
            text.append("Press enter to take it with the official form beside you.")
            if outcome.unfinished is not None:
                text = Text(
                    f"Unfinished: {len(outcome.unfinished.answers)} of {scale.item_count} "
                    "answered. Press enter to carry on where you left off.",
                    style="bold",
                )
            return text
        low, high = scale.total_range
        text.append(
            f"Total ({format_total(scale, low)} to {format_total(scale, high)}; "
            f"higher means {scale.higher_means})\n",
            style="bold",
        )
        for point in outcome.points:
            text.append(f"{point.label:<10}{short_date(point.day, self.companion.today()):<11}")
            text.append(scale_bar(point.score.total, low, high, BAR_WIDTH), style="bold")
            text.append(f" {format_total(scale, point.score.total):>5}")
            if point.score.band:
                text.append(f"  {point.score.band}", style="italic")
            text.append("\n")
        latest = outcome.points[-1]
        extra = self._extra_line(scale, latest)
        if extra:
            text.append(extra, style="dim")
        if outcome.unfinished is not None:
            text.append(
                f"\nUnfinished: {len(outcome.unfinished.answers)} of {scale.item_count} answered; "
                "press enter to carry on.",
                style="italic",
            )
        return text

    def _extra_line(self, scale: Instrument, latest: Point) -> str:
        score = latest.score
        if score.item_mean is not None and score.compassionate is not None:
            assert score.uncompassionate_reversed is not None
            return (
                f"All-item mean {format_total(scale, score.item_mean)} \u00b7 compassionate "
                f"{format_total(scale, score.compassionate)} \u00b7 reduced uncompassionate "
                f"{format_total(scale, score.uncompassionate_reversed)}"
            )
        if score.raw is not None:
            return f"Latest raw score {score.raw}, converted to the metric score above."
        short_form = scale.short_form(instruments())
        if short_form is not None:
            admin = next(a for a in self._administrations if a.id == latest.administration)
            derived = derived_score(short_form, scale, admin)
            if derived is not None:
                return (
                    f"The short form ({short_form.short_name}) from the same answers: "
                    f"{format_total(short_form, derived.total)}"
                )
        return ""

    def _change(self, scale: Instrument, outcome: InstrumentResults) -> Text:
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
                f" ({short_date(point.day, self.companion.today())})\n",
                style="bold",
            )
            for sentence in moved.words:
                text.append(f"{sentence}\n")
            logged = Practice(reference.day, point.day, practice[point.day]).line
            if logged:
                # Habit names are the participant's words.
                text.append_text(literal(f"In between you logged {logged}.", "italic"))
                text.append("\n")
        text.append("Press s to see where each figure comes from.", style="dim")
        return text

    def _profile(self, scale: Instrument, outcome: InstrumentResults) -> Text:
        latest = outcome.latest
        if not scale.reports_subscales:
            if scale.subscales and latest is not None:
                return Text(
                    "The short form gives a total only: its authors advise the full SCS "
                    "where component scores are wanted.",
                    style="dim",
                )
            return Text()
        if latest is None or latest.score.subscales is None:
            return Text()
        means = latest.score.subscales
        text = Text(
            f"Profile, {OCCASION_NAMES[latest.occasion].lower()} (means 1 to 5)\n", style="bold"
        )
        for pair in scale.profile_pairs:
            for index, subscale in enumerate(pair):
                value = means[subscale.id]
                text.append(f"{subscale.name:<20}")
                text.append(
                    scale_bar(value, 1, 5, PROFILE_BAR), style="bold" if index == 0 else ""
                )
                text.append(f" {format_total(scale, value)}" + ("   " if index == 0 else "\n"))
        text.append(
            "Left: kindness, common humanity, mindfulness (more is kinder). Right: their "
            "opposites, unreversed (less is kinder).",
            style="dim",
        )
        return text

    def _draw_support(self) -> None:
        """The gentle pointer to support, when the latest wellbeing result is very low."""
        support = self.query_one("#scales-support", Static)
        very_low = needs_support_pointer(self._results.values())
        support.display = very_low
        if very_low:
            support.update(Text(f"{SUPPORT_POINTER} {SUPPORT_KEY}"))

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
        scale = instrument(instrument_id)
        store = self.companion.store
        done = [
            a.occasion
            for a in store.scales.administrations(scale.id)
            if a.complete and a.occasion != "adhoc"
        ]
        suggested = suggest_occasion(
            view.setup.start,
            view.template.weeks,
            view.events,
            view.status.today,
            done,
            view.setup.joined,
        )
        dialog = StartDialog(
            scale,
            suggested,
            store.scales.unfinished(scale.id),
            store.scales.wording(scale) is not None,
            view.status.today,
        )
        self.app.push_screen(dialog, lambda choice: self._started(scale, choice))

    def _started(self, scale: Instrument, choice: StartChoice | None) -> None:
        if choice is None:
            return
        app = self.companion
        store = app.store
        view = app.view()
        if view is None:
            return
        discard = choice.discard
        if discard is not None and not app.write(lambda: store.scales.discard(scale, discard)):
            return
        administration = store.scales.unfinished(scale.id)
        if administration is not None:
            self._administer(scale, administration, choice.on_screen)
            return
        day = choice.day or view.status.today
        planned = None
        if choice.occasion == "post":
            planned = early_end(view.setup.start, view.template.weeks, view.events, day)
        if planned is None:
            self._begin(scale, choice, day)
            return
        from companion.tui.dialogs.confirm import AskDialog

        self.app.push_screen(
            AskDialog("End of programme", early_end_question(planned), "Record as end", "Cancel"),
            lambda anyway: self._begin(scale, choice, day) if anyway else None,
        )

    def _begin(self, scale: Instrument, choice: StartChoice, day: dt.date) -> None:
        app = self.companion
        try:
            administration = app.store.scales.begin(scale, choice.occasion, day, app.now())
        except Problem as problem:
            app.notify(str(problem), severity="warning", markup=False)
            return
        self._administer(scale, administration, choice.on_screen)

    def _administer(
        self, scale: Instrument, administration: Administration, on_screen: bool
    ) -> None:
        from companion.tui.screens.administer import AdministerScreen

        wording = self.companion.store.scales.wording(scale) if on_screen else None
        self.app.push_screen(
            AdministerScreen(scale, administration, wording),
            lambda saved: self._after(scale, saved),
        )

    def _after(self, scale: Instrument, saved: bool | None) -> None:
        self._selected = scale.id
        if saved:
            self.companion.notify(f"Saved your {scale.short_name}. Thank you.", markup=False)
        self.show(self.companion.view())

    def action_remove(self) -> None:
        """Choose a result of the highlighted scale to remove; u puts it back."""
        from companion.tui.dialogs.remove_result import RemoveResultDialog

        scale = instrument(self._selected)
        mine = [a for a in self._administrations if a.instrument == scale.id and a.complete]
        if not mine:
            self.companion.notify(f"{scale.short_name} has no results to remove.", markup=False)
            return
        counted = {point.administration for point in self._results[scale.id].points}
        today = self.companion.today()
        choices = [(a.id, _result_line(scale, a, a.id in counted, today)) for a in reversed(mine)]
        self.app.push_screen(
            RemoveResultDialog(scale.short_name, choices),
            lambda chosen: self._remove(scale, chosen),
        )

    def _remove(self, scale: Instrument, chosen: int | None) -> None:
        if chosen is None:
            return
        app = self.companion
        gone: list[DeletedAdministration] = []
        if app.write(lambda: gone.append(app.store.scales.delete(chosen))):
            self._removed.append(gone[0])
            app.notify(
                f"Removed your {scale.short_name} result ({gone[0].administration.where}). "
                "Press u to undo.",
                markup=False,
            )

    def action_undo(self) -> None:
        if not self._removed:
            self.companion.notify("Nothing to undo.", timeout=2)
            return
        deleted = self._removed.pop()
        app = self.companion
        if app.write(lambda: app.store.scales.put_back(deleted)):
            self._selected = deleted.administration.instrument
            app.notify(f"Put back: {deleted.administration.where}.", markup=False)
        else:
            self._removed.append(deleted)

    def action_sources(self) -> None:
        from companion.tui.dialogs.scale_sources import SourcesScreen

        self.app.push_screen(SourcesScreen(instrument(self._selected)))


def _result_line(
    scale: Instrument, administration: Administration, counted: bool, today: dt.date
) -> Text:
    """`Baseline  Fri 23 Oct  2.56`, and whether a retake has replaced it."""
    from companion.domain.scales.scoring import score

    total = score(scale, administration.answer_list(scale.item_count)).total
    line = Text(
        f"{OCCASION_SHORT[administration.occasion]:<10}{short_date(administration.day, today):<11}"
    )
    line.append(format_total(scale, total), style="bold")
    if not counted:
        line.append("  replaced by a later one", style="dim")
    return line
