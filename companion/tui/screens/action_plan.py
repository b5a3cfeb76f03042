"""The action plan: commitments from worksheets, coaching or typed here; done, or let go."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Static

from companion.content.worksheets import sheet_content
from companion.domain.dates import short_date
from companion.domain.errors import Problem
from companion.domain.worksheets.action_plan import (
    ACTION_STATE_MESSAGES,
    ActionItem,
    action_plan_order,
    due_words,
    parse_action_state,
)
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row
from companion.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

STATE_STYLES = {"open": "bold", "done": "", "let-go": "dim"}


class ActionPlanScreen(Screen[None]):
    CSS_PATH = styles.WORKSHEETS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("a", "add", "Add", tooltip="Add a commitment"),
        Binding("d", "state('done')", "Done", tooltip="Mark the item done"),
        Binding("g", "state('let-go')", "Let go", tooltip="Let the item go: plans change"),
        Binding("o", "state('open')", "Reopen", tooltip="Put the item back in your plan"),
        Binding("e", "edit", "Edit", tooltip="Change the item's words or date"),
    ]

    def __init__(self, *, select: int | None = None) -> None:
        super().__init__()
        self.select = select
        self.items: list[ActionItem] = []
        self._zone: dt.tzinfo = dt.UTC

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="plan-title")
        yield FittingTable(
            [Col("", "state", 7), Col("Commitment", "text", REST), Col("", "due")],
            id="plan-table",
            cursor_type="row",
            zebra_stripes=True,
        )
        yield Static(id="plan-detail", classes="card")
        yield KeyFooter()

    def on_mount(self) -> None:
        setup = self.companion.store.programme.setup()
        self._zone = setup.zone if setup is not None else dt.UTC
        self.query_one("#plan-detail").border_title = "Selected"
        self.refresh_items(self.select)

    def _today(self) -> dt.date:
        return self.companion.now().astimezone(self._zone).date()

    def refresh_items(self, select: int | None = None) -> None:
        table = self.query_one(FittingTable)
        if select is None and self.items and table.cursor_row >= 0:
            select = self.items[min(table.cursor_row, len(self.items) - 1)].id
        self.items = action_plan_order(self.companion.store.worksheets.actions())
        today = self._today()
        rows: list[Row] = []
        for item in self.items:
            cells = (
                Text(item.state_words, style="italic"),
                # Whole, as written: wrapped where the width runs out.
                literal(item.text, STATE_STYLES[item.state]),
                Text(due_words(item, today), style="dim"),
            )
            rows.append(Row(cells, key=str(item.id)))
        table.fill(rows)
        counts = {s: sum(i.state == s for i in self.items) for s in ("open", "done", "let-go")}
        title = Text("Your action plan", style="bold")
        title.append(
            f"  \u00b7  {counts['open']} open, {counts['done']} done, {counts['let-go']} let go",
            style="dim",
        )
        self.query_one("#plan-title", Static).update(title)
        if self.items:
            ids = [i.id for i in self.items]
            row = ids.index(select) if select in ids else 0
            table.move_cursor(row=row)
            table.focus()
        self._show_detail()

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _selected(self) -> ActionItem | None:
        table = self.query_one(DataTable)
        if not self.items or table.cursor_row < 0:
            return None
        return self.items[min(table.cursor_row, len(self.items) - 1)]

    def _show_detail(self) -> None:
        item = self._selected()
        detail = self.query_one("#plan-detail", Static)
        if item is None:
            detail.update(
                Text(
                    "Nothing here yet. Press a to add a commitment, or add one from a "
                    "worksheet's \u201cwhat I'll try\u201d answer.",
                    style="dim",
                )
            )
            return
        text = literal(item.text)
        source = ""
        if item.source_sheet:
            try:
                source = f"From {sheet_content().sheet(item.source_sheet).title}. "
            except KeyError:
                source = f"From {item.source_sheet}. "
        added = item.created.astimezone(self._zone).date()
        text.append("\n")
        text.append(literal(f"{source}Added {short_date(added, self._today())}.", "dim"))
        detail.update(text)

    # ------------------------------------------------------------ actions

    def action_state(self, word: str) -> None:
        item = self._selected()
        if item is None:
            return
        state = parse_action_state(word)
        if item.state == state:
            self.notify(f"It is already {item.state_words}.", markup=False)
            return
        app = self.companion
        try:
            changed = app.store.worksheets.set_action_state(item.id, state, app.now())
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.notify(f"{ACTION_STATE_MESSAGES[changed.state]}.", markup=False)
        self.refresh_items(item.id)

    def action_add(self) -> None:
        from companion.tui.dialogs.action_plan_item import PlanItemDialog, PlanItemResult

        app = self.companion

        def add(result: PlanItemResult | None) -> None:
            if result is None:
                return
            try:
                item = app.store.worksheets.add_action(result.text, result.due, app.now())
            except Problem as problem:
                self.notify(str(problem), severity="warning", markup=False)
                return
            self.notify("Added to your action plan.", markup=False)
            self.refresh_items(item.id)

        self.app.push_screen(PlanItemDialog("Add a commitment", "", None, self._today()), add)

    def action_edit(self) -> None:
        from companion.tui.dialogs.action_plan_item import PlanItemDialog, PlanItemResult

        item = self._selected()
        if item is None:
            return
        app = self.companion

        def edit(result: PlanItemResult | None) -> None:
            if result is None:
                return
            try:
                app.store.worksheets.edit_action(item.id, result.text, result.due, app.now())
            except Problem as problem:
                self.notify(str(problem), severity="warning", markup=False)
                return
            self.refresh_items(item.id)

        self.app.push_screen(
            PlanItemDialog("Change a commitment", item.text, item.due, self._today()), edit
        )

    def action_back(self) -> None:
        self.app.pop_screen()
