"""Progress: the story so far on one screen.

Sessions attended and activities completed, practice per programme week as
bars, each scale's baseline, end and follow-up with the change in words beside
the practice logged in between, and the action plan by state. Progress is
noticed; quiet weeks are a neutral dot; nothing is compared with anyone else.
`b` opens the questionnaire's start and end answers side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.domain.dates import short_date
from companion.domain.progress import Story, week_chart
from companion.domain.scales.administration import OCCASION_SHORT, PLANNED
from companion.story import read_story
from companion.tui import styles
from companion.tui.delivery import deliver
from companion.tui.literal import literal
from companion.tui.section import Section
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row

if TYPE_CHECKING:
    from companion.domain.evaluation.pack import Pack
    from companion.tui.app import ProgrammeView


class ProgressScreen(Section):
    CSS_PATH = styles.PROGRESS
    MODE = "progress"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "b",
            "side_by_side",
            "Start and end",
            tooltip="Your questionnaire's start and end answers side by side",
        ),
        Binding(
            "r",
            "report",
            "Report",
            tooltip="This story as a page to print or bring to the workshop (without your "
            "writing; `companion report --include-writing` adds it)",
        ),
        Binding(
            "p",
            "pack",
            "Pack",
            tooltip="An evaluation pack for your facilitator: you see all of it first",
        ),
        Binding("e", "export", "Export", tooltip="All your data as one JSON file, to move it"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._drawn: tuple[object, ...] | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="progress-body"):
            yield Static(id="progress-done")
            yield Static(id="progress-practice")
            yield Static(Text("Scales", style="bold"), id="progress-scales-heading")
            yield FittingTable(
                [
                    Col("Scale", "scale"),
                    *(Col(OCCASION_SHORT[o], o) for o in PLANNED),
                    Col("", "spare", REST),
                ],
                id="progress-scales",
                cursor_type="none",
                show_cursor=False,
            )
            yield Static(id="progress-changes")
            yield Static(id="progress-components")
            yield Static(id="progress-plan")

    def show(self, view: ProgrammeView | None) -> None:
        if view is None:
            return
        store = self.companion.store
        drawn = (store.change_stamp(), view.status.today)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        story = read_story(store, view)
        self._draw_done(story)
        self._draw_practice(story, view.status.weeks)
        self._draw_scales(story)
        self._draw_components(story)
        self._draw_plan(story)

    def _draw_done(self, story: Story) -> None:
        done = story.completion
        text = Text("Your story so far\n", style="bold")
        text.append(f"{done.sessions_line} \u00b7 {done.activities_line}\n")
        text.append(done.noticed_line, style="italic")
        self.query_one("#progress-done", Static).update(text)

    def _draw_practice(self, story: Story, weeks: int) -> None:
        text = Text(f"Practice per programme week (of {weeks})\n", style="bold")
        for line in week_chart(story.weeks):
            text.append(f"{line}\n")
        text.append(story.practice_line, style="italic")
        self.query_one("#progress-practice", Static).update(text)

    def _draw_scales(self, story: Story) -> None:
        table = self.query_one("#progress-scales", FittingTable)
        table.display = bool(story.scales)
        table.fill(
            [
                Row(
                    (
                        Text(s.results.instrument.short_name, style="bold"),
                        *(
                            Text(s.total(o)) if s.total(o) else Text("\u2013", "dim")
                            for o in PLANNED
                        ),
                        Text(),
                    ),
                    key=s.results.instrument.id,
                )
                for s in story.scales
            ]
        )
        today = self.companion.today()
        text = Text()
        if not story.scales:
            text.append("Your scale results gather here once you take one (key 5).", style="dim")
        for scale in story.scales:
            for step in scale.steps:
                if text:
                    text.append("\n")
                text.append(
                    f"{scale.results.instrument.short_name}, {step.span} "
                    f"({short_date(step.point.day, today)}): ",
                    style="bold",
                )
                text.append(f"{step.change.summary} Change: {step.verdict}.")
                logged = step.practice.line
                if logged:
                    # Habit names are the participant's words.
                    text.append("\n")
                    text.append_text(literal(f"In between you logged {logged}.", "italic"))
        if story.scales and not text:
            text.append(
                "Each scale's change since baseline shows here once you take it again "
                "at the end of the programme.",
                style="dim",
            )
        self.query_one("#progress-changes", Static).update(text)

    def _draw_components(self, story: Story) -> None:
        text = Text()
        if story.components:
            text.append("The three components", style="bold")
        for component in story.components:
            text.append("\n\n")
            text.append_text(literal(component.title, "bold"))
            text.append(f" \u00b7 {component.weeks_words}\n", style="bold")
            text.append(f"  {component.sheet_line}\n  {component.practice_line}")
            for line in component.scale_lines:
                text.append(f"\n  {line}")
        self.query_one("#progress-components", Static).update(text)

    def _draw_plan(self, story: Story) -> None:
        actions = story.actions
        text = Text("Action plan\n", style="bold")
        text.append(actions.line)
        for item in actions.open_items:
            text.append("\n\u2022 ")
            text.append_text(literal(item.text))
        text.append(
            "\n\nPress b to see your questionnaire's start and end answers side by side.",
            style="dim",
        )
        self.query_one("#progress-plan", Static).update(text)

    def action_side_by_side(self) -> None:
        from companion.tui.screens.side_by_side import SideBySideScreen

        self.app.push_screen(SideBySideScreen())

    def action_pack(self) -> None:
        """Show the evaluation pack, and hand it over only when the participant agrees."""
        from companion.store.evaluation import new_pseudonym
        from companion.story import read_pack
        from companion.tui.dialogs.pack import GivenPack, PackDialog

        app = self.companion
        view = app.view()
        if view is None:
            return
        pseudonym = app.store.evaluation.pseudonym() or new_pseudonym()

        def make(cohort: str, include_writing: bool) -> Pack:
            return read_pack(app.store, view, cohort, pseudonym, include_writing=include_writing)

        def given(result: GivenPack | None) -> None:
            if result is None:
                return
            kept: list[str] = []
            if not app.write(lambda: kept.append(app.store.evaluation.keep_pseudonym(pseudonym))):
                return
            if kept != [pseudonym]:
                app.notify(
                    "Another Companion made a pack at the same moment; make it again "
                    "to see it as it will be.",
                    severity="warning",
                )
                return
            deliver(
                app,
                "evaluation-pack.json",
                result.text.encode("utf-8"),
                what="evaluation pack",
                mime_type="application/json",
            )

        app.push_screen(PackDialog(make), given)

    def action_export(self) -> None:
        """All the participant's data as the JSON export, to move to another computer."""
        from companion.store.transfer import json_export

        app = self.companion
        now = app.now()
        tables = app.store.transfer.tables(include_wording=False)
        deliver(
            app,
            f"companion-export-{app.today().isoformat()}.json",
            json_export(tables, now, include_wording=False),
            what="export",
            mime_type="application/json",
        )

    def action_report(self) -> None:
        """Hand over this story as the HTML report `companion report` makes now."""
        from companion.report.gather import gather
        from companion.report.render import render

        view = self.companion.view()
        if view is None:
            return
        report = gather(self.companion.store, view, include_writing=False)
        deliver(
            self.companion,
            f"companion-report-{view.status.today.isoformat()}.html",
            render(report, "html").encode("utf-8"),
            what="report (without your writing)",
            mime_type="text/html",
        )
