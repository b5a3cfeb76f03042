"""Worksheets (key 3): every sheet with its week, component and status; open one to write.

Also the way to the action plan (p), the letter (l), the questionnaire side
by side (b) and search (/ or ctrl+f).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from companion.content.worksheets import sheet_content
from companion.domain.worksheets.sheets import Letter, Sheet
from companion.domain.worksheets.status import (
    SHEET_KIND_WORDS,
    SheetRow,
    asks_before_complete,
    complete_question,
    current_sheet,
    sheet_rows,
    sheet_status,
    status_sentence,
)
from companion.tui import styles
from companion.tui.section import Section
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row
from companion.tui.widgets.worksheets_card import letter_now

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView

COMPONENT_WIDTH = 15
STATUS_STYLES = {"not started": "dim", "in progress": "italic", "complete": ""}


class WorksheetsScreen(Section):
    CSS_PATH = styles.WORKSHEETS
    MODE = "worksheets"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "toggle_complete", "Complete", tooltip="Mark the sheet complete, or not"),
        Binding("p", "action_plan", "Plan", tooltip="Your action plan"),
        Binding("l", "letter", "Letter", tooltip="Your letter to yourself"),
        Binding(
            "b",
            "side_by_side",
            "Start/end",
            tooltip="The questionnaire: start and end side by side",
        ),
        Binding(
            "slash,ctrl+f", "search", "Search", key_display="/", tooltip="Search your writing"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[SheetRow] = []
        self._current: str | None = None
        self._placed = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="worksheets-title")
        yield FittingTable(
            [
                Col("Week", "week", 6),
                Col("Sheet", "title", REST),
                Col("Component", "component", COMPONENT_WIDTH),
                Col("Status", "status", 11),
            ],
            id="sheets",
            cursor_type="row",
            zebra_stripes=True,
        )
        yield Static(id="worksheets-more", classes="card")

    def on_mount(self) -> None:
        self.query_one("#worksheets-more").border_title = "Also here"

    def show(self, view: ProgrammeView | None) -> None:
        if view is None:
            return
        content = sheet_content()
        store = self.companion.store
        letter = letter_now(self.companion, view)
        self.rows = sheet_rows(
            content, store.worksheets.all_answers(), store.worksheets.completed(), letter
        )
        current = current_sheet(content, view.status.week, view.status.weeks)
        self._current = current.id
        components = view.template.components

        title = Text("Worksheets, coaching notes and questionnaires", style="bold")
        title.append(f"  \u00b7  this week: {current.title.split(':')[0]}", style="dim")
        self.query_one("#worksheets-title", Static).update(title)

        table = self.query_one(FittingTable)
        shown: list[Row] = []
        for row in self.rows:
            sheet = row.sheet
            style = "bold" if sheet.id == current.id else ""
            component = components.get(sheet.component or "", SHEET_KIND_WORDS[sheet.sheet_kind])
            if len(component) > COMPONENT_WIDTH:  # "Barriers, action planning and ..."
                component = component.split(",")[0][:COMPONENT_WIDTH]
            cells = (
                Text("before" if sheet.week == 0 else str(sheet.week)),
                # Whole, wrapping onto a second line where the width runs out.
                Text(sheet.title, style=style),
                Text(component),
                Text(row.status_words, style=STATUS_STYLES[row.status]),
            )
            shown.append(Row(cells, key=sheet.id))
        ids = [row.sheet.id for row in self.rows]
        cursor = None
        if not self._placed:  # first time: this week's sheet
            cursor = ids.index(current.id)
            self._placed = True
        table.fill(shown, cursor)

        items = store.worksheets.actions()
        open_items = sum(i.state == "open" for i in items)
        more = Text()
        more.append("p", style="bold")
        if items:
            more.append(f" Action plan: {open_items} open of {len(items)}\n")
        else:
            more.append(" Action plan: nothing in it yet\n")
        more.append("l", style="bold")
        more.append(f" Letter: {letter.sentence}\n")
        more.append("b", style="bold")
        more.append(" Questionnaire, start and end side by side  ")
        more.append("/", style="bold")
        more.append(" Search")
        self.query_one("#worksheets-more", Static).update(more)

    # ------------------------------------------------------------ actions

    def _selected(self) -> SheetRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        row = self._selected()
        if row is not None:
            self.open_sheet(row.sheet)

    def open_sheet(self, sheet: Sheet) -> None:
        from companion.tui.screens.sheet import screen_for

        self.app.push_screen(screen_for(sheet))

    def action_toggle_complete(self) -> None:
        row = self._selected()
        view = self.companion.view()
        if row is None or view is None:
            return
        if isinstance(row.sheet, Letter):
            self.notify(letter_now(self.companion, view).complete_words, markup=False)
            return
        sheet = row.sheet
        complete = row.status != "complete"
        answers = self.companion.store.worksheets.all_answers().get(sheet.id, {})
        if complete and asks_before_complete(sheet, answers):
            from companion.tui.dialogs.confirm import AskDialog

            self.app.push_screen(
                AskDialog("Mark complete", complete_question(sheet), "Mark complete", "Cancel"),
                lambda anyway: self._mark(sheet, True) if anyway else None,
            )
            return
        self._mark(sheet, complete)

    def _mark(self, sheet: Sheet, complete: bool) -> None:
        app = self.companion
        if not app.write(
            lambda: app.store.worksheets.mark_complete(sheet.id, complete, app.now())
        ):
            return
        answers = app.store.worksheets.all_answers().get(sheet.id, {})
        self.notify(status_sentence(sheet, sheet_status(sheet, answers, complete)), markup=False)

    def action_action_plan(self) -> None:
        from companion.tui.screens.action_plan import ActionPlanScreen

        self.app.push_screen(ActionPlanScreen())

    def action_letter(self) -> None:
        from companion.tui.screens.letter import LetterScreen

        self.app.push_screen(LetterScreen())

    def action_side_by_side(self) -> None:
        from companion.tui.screens.side_by_side import SideBySideScreen

        self.app.push_screen(SideBySideScreen())

    def action_search(self) -> None:
        self.companion.action_search()
