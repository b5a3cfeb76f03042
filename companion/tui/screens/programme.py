"""Programme: the whole schedule; mark sessions attended or missed, move one, undo; a calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from companion.domain.dates import clock, short_date
from companion.domain.errors import Problem
from companion.domain.programme import (
    Event,
    check_mark,
    move_reorders,
    planned_day,
    state_word,
)
from companion.tui.dialogs.move_session import MoveDialog, MoveResult
from companion.tui.section import Section
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView


@dataclass(frozen=True)
class _Undo:
    """What a change replaced, so `u` can put it back."""

    event_id: str
    attended: bool | None
    moved_to: dt.datetime | None
    what: str


class ProgrammeScreen(Section):
    MODE = "programme"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "mark(True)", "Attended", tooltip="Mark the session attended (or done)"),
        Binding("m", "mark(False)", "Missed", tooltip="Mark the session missed"),
        Binding("c", "mark(None)", "Clear", tooltip="Clear the session's mark"),
        Binding("v", "move", "Move", tooltip="Move the session to another day or time"),
        Binding("u", "undo", "Undo", tooltip="Undo the last change"),
        Binding(
            "i",
            "calendar",
            "Calendar",
            tooltip="The whole programme as a calendar file (.ics)",
            # Off the footer: at 80 columns it would push out `^p palette`; `?` lists it.
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._events: list[Event] = []
        self._undo: list[_Undo] = []

    def compose_body(self) -> ComposeResult:
        yield Static(id="programme-title")
        yield FittingTable(
            [
                Col("Week", "week"),
                Col("When", "when"),
                Col("Session", "title", REST),
                Col("", "state"),
            ],
            id="schedule",
            cursor_type="row",
            zebra_stripes=True,
        )
        yield Static(id="completion", classes="card")

    def on_mount(self) -> None:
        self.query_one("#completion").border_title = "So far"

    def show(self, view: ProgrammeView | None) -> None:
        if view is None:
            return
        self._events = view.events
        title = Text(view.template.title, style="bold")
        title.append(
            f"  \u00b7  starts {short_date(view.setup.start, view.status.today)}", style="dim"
        )
        self.query_one("#programme-title", Static).update(title)

        rows: list[Row] = []
        for event in view.events:
            week = "" if event.week is None else ("before" if event.week == 0 else str(event.week))
            style = "bold" if event.day == view.status.today else ""
            title = Text(event.title, style=style)
            notes = []
            if event.moved:
                session = view.template.session(event.id)
                planned = planned_day(
                    view.template, view.setup.start, session, view.setup.days_off
                )
                notes.append(f"moved by you from {short_date(planned, view.status.today)}")
            if event.holiday_note:
                notes.append(event.holiday_note)
            if notes:
                title.append("\n" + "; ".join(notes), style="dim italic")
            cells = (
                Text(week),
                Text(
                    f"{short_date(event.day, view.status.today)} {clock(event.start)}", style=style
                ),
                title,
                Text(state_word(event), style="italic"),
            )
            rows.append(Row(cells, key=event.id))
        self.query_one(FittingTable).fill(rows)

        done = view.completion
        summary = Text(f"{done.sessions_line} \u00b7 {done.activities_line}\n", style="bold")
        summary.append(done.noticed_line, style="dim")
        self.query_one("#completion", Static).update(summary)

    # ------------------------------------------------------------ actions

    def _selected(self) -> Event | None:
        table = self.query_one(DataTable)
        if not self._events or table.cursor_row < 0:
            return None
        return self._events[min(table.cursor_row, len(self._events) - 1)]

    def action_mark(self, attended: bool | None) -> None:
        event = self._selected()
        if event is None:
            return
        app = self.companion
        try:
            check_mark(event, attended, app.now())
        except Problem as problem:
            app.notify(str(problem), markup=False)
            return
        undo = _Undo(event.id, event.attended, None, "mark")
        if app.write(lambda: app.store.programme.mark(event.id, attended, app.now())):
            self._undo.append(undo)

    def action_move(self) -> None:
        event = self._selected()
        view = self.companion.view()
        if event is None or view is None:
            return

        def moved(result: MoveResult | None) -> None:
            if result is None:
                return
            app = self.companion
            previous = view.setup.moves.get(event.id)
            undo = _Undo(event.id, event.attended, previous, "move")
            note = move_reorders(view.template, view.setup, event.id, result.when)
            if app.write(lambda: app.store.programme.move(event.id, result.when, app.now())):
                self._undo.append(undo)
                where = "back to its planned time" if result.when is None else "moved"
                # Saved, so not a warning: the dialog showed the note before the move.
                app.notify(f"{event.title}: {where}." + (f" {note}." if note else ""))

        dialog = MoveDialog(view.template, view.setup, event, view.status.today)
        self.app.push_screen(dialog, moved)

    def action_calendar(self) -> None:
        """The programme as an iCalendar file: saved beside the data, or a browser download."""
        from companion.domain.ics import to_ics
        from companion.tui.delivery import deliver

        app = self.companion
        view = app.view()
        if view is None:
            return
        data = to_ics(
            view.events, view.template.title, app.store.programme.calendar_uid(), app.now()
        )
        deliver(app, "programme.ics", data, what="calendar", mime_type="text/calendar")

    def action_undo(self) -> None:
        if not self._undo:
            self.companion.notify("Nothing to undo.")
            return
        undo = self._undo.pop()
        app = self.companion
        if undo.what == "mark":
            app.write(lambda: app.store.programme.mark(undo.event_id, undo.attended, app.now()))
        else:
            app.write(lambda: app.store.programme.move(undo.event_id, undo.moved_to, app.now()))
        app.notify("Undone.")
