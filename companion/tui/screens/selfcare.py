"""Self-care (key 4): today's habits at a glance; log, back-fill, edit, undo, pause, practise.

The table lists each habit with the day's total, the week so far, its habit
strength and the last two weeks as a sparkline. Highlight a habit and press
Enter (or `l`), type an amount (and a note if you like), Enter again: logged.
Left and right move between days, `[` and `]` between weeks; everything on
screen then reads as of that day. Below: the day's entries with their notes,
and a twelve-week calendar of the highlighted habit with its programme weeks.

Everything is redrawn from the store in `show`, which the app calls on
opening, after every write, when another process writes (a walk logged in
the shell) and when a new day begins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, OptionList, Static

from companion.domain.dates import ago, day_words, long_date
from companion.domain.errors import Problem
from companion.domain.selfcare.describe import (
    amount,
    logged_line,
)
from companion.domain.selfcare.entries import LoggedEntry, check_note, check_value, local_day
from companion.domain.selfcare.habits import Habit, HabitSpec
from companion.domain.selfcare.pauses import Pause
from companion.domain.selfcare.summary import HabitSummary
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.section import Section
from companion.tui.widgets.day_card import DayCard
from companion.tui.widgets.habit_heatmap import heatmap_text
from companion.tui.widgets.habit_table import HabitTable
from companion.tui.widgets.literal_input import LiteralInput

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView


@dataclass(frozen=True)
class _Undo:
    """How to take back one change: a description and the store call that does it."""

    what: str
    action: Callable[[], object]


class LogInput(LiteralInput):
    """The log box: opened with l or Enter, never reached by Tab.

    Tab from the habits went into it, so the next key meant for the list
    (`e` to edit) was typed as text instead. While it has the focus, the
    footer says how to finish.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Log"),
        Binding("escape", "screen.leave_input", "Back to the list"),
    ]

    def on_mount(self) -> None:
        self.can_focus = False

    def on_blur(self) -> None:
        self.can_focus = False


class SelfCareScreen(Section):
    CSS_PATH = styles.SELFCARE
    MODE = "selfcare"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log", "Log", tooltip="Log an amount for the highlighted habit (or Enter)"),
        Binding("e", "edit", "Edit", tooltip="Change the highlighted entry of the day"),
        Binding("x", "delete", "Delete", tooltip="Delete the highlighted entry (u undoes it)"),
        Binding("u", "undo", "Undo", tooltip="Undo the last change"),
        Binding("b", "pause", "Pause", tooltip="Pause days for illness or leave, or resume them"),
        Binding("p", "practice", "Practice", tooltip="Start a timed practice"),
        Binding("left", "shift_day(-1)", "A day back", show=False, key_display="\u2190"),
        Binding("right", "shift_day(1)", "A day forward", show=False, key_display="\u2192"),
        Binding("left_square_bracket", "shift_day(-7)", "Week back", show=False, key_display="["),
        Binding(
            "right_square_bracket", "shift_day(7)", "Week forward", show=False, key_display="]"
        ),
        Binding("full_stop", "to_today", "Back to today", show=False, key_display="."),
        Binding("n", "new_habit", "New habit", show=False, tooltip="Add a habit of your own"),
        Binding("r", "rename", "Rename habit", show=False, tooltip="Rename the highlighted habit"),
        Binding(
            "c",
            "target",
            "Change target",
            show=False,
            tooltip="Change the highlighted habit's target, unit or direction",
        ),
        Binding(
            "shift+up", "move_habit(-1)", "Move habit up", show=False, key_display="shift+\u2191"
        ),
        Binding(
            "shift+down",
            "move_habit(1)",
            "Move habit down",
            show=False,
            key_display="shift+\u2193",
        ),
        Binding(
            "a", "archive", "Archive habit", show=False, tooltip="Put the highlighted habit away"
        ),
        Binding("escape", "leave_input", "Back to the list", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._view: ProgrammeView | None = None
        self._today: dt.date | None = None
        self._day: dt.date | None = None
        self._habits: list[Habit] = []
        self._names: dict[int, Habit] = {}
        self._summaries: dict[int, HabitSummary] = {}
        self._entries: list[LoggedEntry] = []
        self._pauses: list[Pause] = []
        self._undo: list[_Undo] = []
        # What the screen last drew from: opening a section resumes it twice, and
        # redrawing twenty years' summaries for nothing would be wasted work.
        self._drawn: tuple[object, ...] | None = None
        self._wanted_habit: int | None = None  # to highlight at the next drawing (`go_to`)

    # ------------------------------------------------------------ layout

    def compose_body(self) -> ComposeResult:
        with Vertical(id="selfcare"):
            yield Static(id="selfcare-title")
            yield HabitTable(id="habit-table", cursor_type="row", zebra_stripes=False)
            with Horizontal(id="log-line"):
                yield Static(id="log-label")
                yield LogInput(id="log-input", compact=True)
            with Horizontal(id="selfcare-lower"):
                yield DayCard(id="day-card", classes="card")
                yield Static(id="heatmap", classes="card")

    def on_mount(self) -> None:
        self.query_one(HabitTable).focus()

    def on_descendant_focus(self) -> None:
        self._draw_log_label()  # its hint: how to start, or how to finish

    def on_descendant_blur(self) -> None:
        self._draw_log_label()

    # ------------------------------------------------------------ drawing

    def show(self, view: ProgrammeView | None) -> None:
        if view is None:
            return
        store = self.companion.store
        selected = self._selected_habit()
        today = local_day(view.now, view.setup.zone)
        # Left open past midnight: someone looking at "today" keeps looking at today.
        if self._day is None or self._day == self._today or self._day > today:
            self._day = today
        self._view, self._today = view, today
        day = self._day
        drawn = (store.change_stamp(), today, day)
        if drawn == self._drawn:
            return
        self._drawn = drawn
        everything = store.selfcare.habits(include_archived=True)
        self._names = {h.id: h for h in everything}
        self._habits = [h for h in everything if not h.archived]
        summaries = store.selfcare.summaries(
            day,
            today=today,
            programme_start=view.setup.start,
            programme_weeks=view.template.weeks,
            habits=self._habits,
        )
        self._summaries = {s.habit_id: s for s in summaries}
        self._entries = store.selfcare.entries_on(day)
        self._pauses = store.selfcare.pauses(day - dt.timedelta(weeks=13), day)
        wanted, self._wanted_habit = self._wanted_habit, None
        self._draw_title()
        self._draw_table(wanted if wanted is not None else selected.id if selected else None)
        self._draw_day()
        self._draw_heatmap()
        self._draw_log_label()

    def _draw_title(self) -> None:
        assert self._day is not None and self._today is not None
        day, today = self._day, self._today
        title = Text(long_date(day), style="bold")
        if day == today:
            title.append("  today", style="italic")
        else:
            title.append(f"  {ago(day, today)}", style="italic")
        if self._pause_on(day) is not None:
            title.append(" \u00b7 paused", style="italic")
        title.append("   \u2190\u2192 day  [ ] week", style="dim")
        if day != today:
            title.append("  . today", style="dim")
        self.query_one("#selfcare-title", Static).update(title)

    def _draw_table(self, selected_id: int | None) -> None:
        assert self._day is not None and self._today is not None
        table = self.query_one(HabitTable)
        table.draw(self._habits, self._summaries, self._day, self._today, selected_id)

    def _draw_day(self) -> None:
        assert self._day is not None and self._today is not None
        card = self.query_one(DayCard)
        card.draw(self._day, self._today, self._entries, self._names, self._pause_on(self._day))

    def _draw_heatmap(self) -> None:
        habit = self._selected_habit()
        card = self.query_one("#heatmap", Static)
        if habit is None or self._view is None or self._day is None:
            card.border_title = "Last 12 weeks"
            card.update(Text("Add a habit with n to see it here.", style="dim"))
            return
        summary = self._summaries[habit.id]
        # The name a participant chose goes in the box, where it can wrap; a
        # border title would cut it at 80 columns.
        card.border_title = "Last 12 weeks"
        text = literal(habit.name, "bold")
        text.append("\n")
        text.append_text(heatmap_text(habit, summary, self._day, self._view.setup.start))
        card.update(text)

    def _draw_log_label(self) -> None:
        habit = self._selected_habit()
        label = self.query_one("#log-label", Static)
        if habit is None or self._day is None or self._today is None:
            label.update("")
            return
        when = day_words(self._day, self._today)
        label.update(literal(f"Log {habit.name} for {when}: ", no_wrap=True))
        field = self.query_one("#log-input", LogInput)
        # Each hint fits beside the longest label (half the line) at 80 columns,
        # a long unit a participant chose aside: under 39 cells.
        if field.has_focus:
            if habit.kind == "yesno":
                field.placeholder = "note if you like; Enter logs, Esc back"
            else:
                field.placeholder = f"{habit.unit}, a note; Enter logs, Esc back"
        elif habit.kind == "yesno":
            field.placeholder = "press l to log, a note if you like"
        else:
            field.placeholder = f"press l, then {habit.unit} and a note"

    # ------------------------------------------------------------ what is selected

    def _selected_habit(self) -> Habit | None:
        if not self._habits:
            return None
        table = self.query_one(HabitTable)
        row = min(max(table.cursor_row, 0), len(self._habits) - 1)
        return self._habits[row]

    def _selected_entry(self) -> LoggedEntry | None:
        index = self.query_one("#day-entries", OptionList).highlighted
        if index is None or not self._entries:
            return None
        return self._entries[min(index, len(self._entries) - 1)]

    def _pause_on(self, day: dt.date) -> Pause | None:
        return next((p for p in self._pauses if p.covers(day)), None)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._draw_heatmap()
        self._draw_log_label()

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_log()

    # ------------------------------------------------------------ moving about

    def go_to(self, day: dt.date, habit_id: int | None = None) -> None:
        """Look at `day` with `habit_id` highlighted (a search found a note there)."""
        self._day, self._wanted_habit, self._drawn = day, habit_id, None
        if self.is_mounted:
            self.show(self.companion.view())

    def action_shift_day(self, days: int) -> None:
        if self._day is None or self._today is None:
            return
        wanted = self._day + dt.timedelta(days=days)
        if wanted > self._today:
            if self._day == self._today:
                self.notify("That day is still to come; this is today.", timeout=2)
                return
            wanted = self._today
        self._day = wanted
        self.show(self.companion.view())

    def action_to_today(self) -> None:
        self._day = self._today
        self.show(self.companion.view())

    def action_leave_input(self) -> None:
        self.query_one(HabitTable).focus()

    # ------------------------------------------------------------ logging

    def action_log(self) -> None:
        if self._selected_habit() is None:
            self.notify("Add a habit first (n).", timeout=3)
            return
        field = self.query_one("#log-input", LogInput)
        field.can_focus = True
        field.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "log-input":
            self._log_typed(event.input)

    def _log_typed(self, field: Input) -> None:
        app = self.companion
        habit, day, view = self._selected_habit(), self._day, self._view
        if habit is None or day is None or view is None or self._today is None:
            return
        typed = field.value.strip()
        amount_text, _, note_text = typed.partition(" ")
        try:
            value = check_value(habit, amount_text)
            note = check_note(note_text or None)
        except Problem as problem:
            app.notify(str(problem), severity="warning", markup=False)
            return
        done = []
        zone = view.setup.zone.key
        if app.write(
            lambda: done.append(app.store.selfcare.log(habit, day, value, note, app.now(), zone))
        ):
            logged = done[0]
            field.value = ""
            self.query_one(HabitTable).focus()
            self._undo.append(
                _Undo(
                    f"{habit.name} entry", lambda: app.store.selfcare.delete_entry(logged.entry.id)
                )
            )
            app.notify(logged_line(habit, logged, self._today), markup=False, timeout=4)

    # ------------------------------------------------------------ entries: edit, delete

    def action_edit(self) -> None:
        entry = self._selected_entry()
        habit = None if entry is None else self._names.get(entry.habit_id)
        if entry is None or habit is None:
            self.notify("No entry on this day to change.", timeout=3)
            return
        from companion.tui.dialogs.edit_entry import EntryDialog

        app = self.companion

        def save(value: float, note: str | None) -> bool:
            before: list[LoggedEntry] = []
            ok = app.write(
                lambda: before.append(app.store.selfcare.edit_entry(habit, entry.id, value, note))
            )
            if ok:
                self._undo.append(
                    _Undo("the change", lambda: app.store.selfcare.put_back_entry(before[0]))
                )
            return ok

        self.app.push_screen(EntryDialog(habit, entry, save))

    def action_delete(self) -> None:
        entry = self._selected_entry()
        habit = None if entry is None else self._names.get(entry.habit_id)
        if entry is None or habit is None:
            self.notify("No entry on this day to delete.", timeout=3)
            return
        app = self.companion
        gone: list[LoggedEntry] = []
        if app.write(lambda: gone.append(app.store.selfcare.delete_entry(entry.id))):
            self._undo.append(
                _Undo("the deletion", lambda: app.store.selfcare.put_back_entry(gone[0]))
            )
            what = "done" if habit.kind == "yesno" else amount(habit, entry.value)
            app.notify(f"Deleted {habit.name} {what}. Press u to undo.", markup=False)

    def action_undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo.", timeout=2)
            return
        undo = self._undo.pop()
        if self.companion.write(lambda: _discard(undo.action())):
            self.notify(f"Undone: {undo.what}.", markup=False, timeout=3)

    # ------------------------------------------------------------ pauses

    def action_pause(self) -> None:
        if self._day is None or self._today is None:
            return
        from companion.tui.dialogs.pause_days import PauseDialog, PauseResult

        app = self.companion
        today = self._today
        existing = self._pause_on(self._day)

        def save(result: PauseResult) -> bool:
            if result.remove is not None:
                removed = result.remove
                if not app.write(lambda: _discard(app.store.selfcare.remove_pause(removed.id))):
                    return False
                self._undo.append(_Undo("resuming", lambda: self._put_pause_back(removed)))
                app.notify(f"Resumed: {removed.span(today)} counts again.", markup=False)
                return True
            first, last, reason = result.first, result.last, result.reason
            added: list[Pause] = []
            if not app.write(
                lambda: added.append(
                    app.store.selfcare.add_pause(first, last, reason, today, app.now())
                )
            ):
                return False
            pause = added[0]
            self._undo.append(
                _Undo("the pause", lambda: app.store.selfcare.remove_pause(pause.id))
            )
            app.notify(
                f"Paused {pause.span(today)}. Take care; nothing is expected then.", markup=False
            )
            return True

        self.app.push_screen(PauseDialog(self._day, today, existing, save))

    def _put_pause_back(self, pause: Pause) -> None:
        app = self.companion
        today = self._today or pause.first
        app.store.selfcare.add_pause(pause.first, pause.last, pause.reason, today, app.now())

    # ------------------------------------------------------------ practice

    def action_practice(self) -> None:
        from companion.tui.dialogs.practice_timer import PracticeScreen

        habit = self._selected_habit()
        choices = [h for h in self._habits if h.kind == "minutes"]
        if not choices:
            self.notify("A practice logs minutes: add a minutes habit first (n).", timeout=4)
            return
        first = habit if habit is not None and habit.kind == "minutes" else choices[0]
        self.app.push_screen(PracticeScreen(choices, first), self._after_practice)

    def _after_practice(self, logged: object) -> None:
        from companion.domain.selfcare.entries import Logged

        if isinstance(logged, Logged):
            app = self.companion
            entry_id = logged.entry.id
            self._undo.append(
                _Undo("the practice", lambda: app.store.selfcare.delete_entry(entry_id))
            )

    # ------------------------------------------------------------ habits

    def action_new_habit(self) -> None:
        from companion.tui.dialogs.add_habit import HabitDialog

        app = self.companion

        def save(spec: HabitSpec) -> bool:
            added: list[Habit] = []
            if app.write(lambda: added.append(app.store.selfcare.add_habit(spec, app.now()))):
                habit = added[0]
                self._undo.append(
                    _Undo(
                        f"adding {habit.name}",
                        lambda: app.store.selfcare.archive_habit(habit.id, app.now()),
                    )
                )
                app.notify(f"Added {habit.name}.", markup=False)
                return True
            return False

        self.app.push_screen(HabitDialog(save))

    def action_rename(self) -> None:
        habit = self._selected_habit()
        if habit is None:
            return
        from companion.tui.dialogs.rename_habit import RenameDialog

        app = self.companion

        def save(name: str) -> bool:
            if app.write(lambda: _discard(app.store.selfcare.rename_habit(habit.id, name))):
                self._undo.append(
                    _Undo(
                        "the new name",
                        lambda: app.store.selfcare.rename_habit(habit.id, habit.name),
                    )
                )
                return True
            return False

        self.app.push_screen(RenameDialog(habit, save))

    def action_target(self) -> None:
        habit = self._selected_habit()
        if habit is None or self._today is None:
            return
        from companion.domain.selfcare.habits import HabitEdit, target_of
        from companion.tui.dialogs.habit_target import TargetDialog

        app = self.companion
        back = HabitEdit(target_of(habit), None)  # the history row left behind agrees with it

        def save(edit: HabitEdit) -> bool:
            if app.write(
                lambda: _discard(app.store.selfcare.edit_habit(habit.id, edit, app.now()))
            ):
                self._undo.append(
                    _Undo(
                        "the new target",
                        lambda: app.store.selfcare.edit_habit(habit.id, back, app.now()),
                    )
                )
                app.notify(f"{habit.name}: {edit.spec.target_line} from today.", markup=False)
                return True
            return False

        self.app.push_screen(TargetDialog(habit, self._today, save))

    def action_move_habit(self, step: int) -> None:
        habit = self._selected_habit()
        if habit is None:
            return
        index = self._habits.index(habit)
        target = index + step
        if not 0 <= target < len(self._habits):
            return
        app = self.companion
        if app.write(lambda: app.store.selfcare.move_habit(habit.id, target)):
            self.query_one(HabitTable).move_cursor(row=target)
            self._undo.append(
                _Undo("the move", lambda: app.store.selfcare.move_habit(habit.id, index))
            )
            self.show(app.view())

    def action_archive(self) -> None:
        habit = self._selected_habit()
        if habit is None:
            return
        app = self.companion
        index = self._habits.index(habit)
        if app.write(lambda: app.store.selfcare.archive_habit(habit.id, app.now())):
            self._undo.append(
                _Undo(f"archiving {habit.name}", lambda: self._unarchive(habit, index))
            )
            app.notify(
                f"{habit.name} is put away; its entries are kept. Press u to bring it back.",
                markup=False,
            )

    def _unarchive(self, habit: Habit, index: int) -> None:
        """Bring `habit` back to the place it had in the list."""
        store = self.companion.store
        store.selfcare.restore_habit(habit.id)
        store.selfcare.move_habit(habit.id, index)


def _discard(_result: object) -> None:
    """Store calls return what they changed; undo has no use for it."""
