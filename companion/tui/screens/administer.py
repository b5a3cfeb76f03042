"""Answering a scale, one item at a time, from the paper form or on screen.

Paper form (always available): "Item 7 of 26" and the five answers with the
form's labels, for someone holding their official form. On screen: the same,
with the item's wording when the participant imported it from their licensed
copy. Digits 1 to 5 answer and move on; each answer is saved at once (one
transaction), so closing the terminal loses nothing and the scale can be
carried on later. Review lists every answer before saving.

While answering, nothing says which subscale an item belongs to or whether it
is reversed: that could change how people answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from companion.domain.dates import short_date
from companion.domain.errors import Problem
from companion.domain.scales.administration import OCCASION_NAMES, Administration
from companion.domain.scales.instruments import Instrument, ResponseOption
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.widgets.fitting_table import REST, Col, FittingTable, Row
from companion.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


CHOSEN = "\u25cf"  # marks the answer already given to this item


class AdministerScreen(Screen[bool]):
    """Dismissed with True once saved as complete, False when closed part-way."""

    CSS_PATH = styles.SCALES

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "answer(1)", "Answer", key_display="1-5", tooltip="Answer 1 to 5"),
        *(Binding(str(n), f"answer({n})", str(n), show=False) for n in range(2, 6)),
        # 6 opens Progress elsewhere; here it is a slip on a 1-to-5 form, not a wish to leave.
        Binding("6", "app.bell", show=False),
        Binding("left,b", "back", "Back", key_display="\u2190", tooltip="The item before"),
        Binding("right,n", "forward", "Next", key_display="\u2192", tooltip="The next item"),
        Binding("r", "review", "Review", tooltip="See every answer before saving"),
        Binding("s", "save", "Save", tooltip="Save the completed scale"),
        Binding("m", "mode", "Mode", tooltip="Switch between paper form and on screen"),
        Binding("escape", "close", "Close", tooltip="Close; your answers so far are kept"),
    ]

    def __init__(
        self,
        instrument: Instrument,
        administration: Administration,
        wording: tuple[str, ...] | None = None,
    ) -> None:
        super().__init__()
        self.instrument = instrument
        self.administration = administration
        self.answers: dict[int, int] = dict(administration.answers)
        self.wording = wording
        self.on_screen = wording is not None
        self.reviewing = False
        first = administration.first_unanswered(instrument.item_count)
        self.item = first or 1
        if first is None:  # every item answered: straight to review
            self.reviewing = True

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="admin-title")
        with Vertical(id="admin-form"):
            yield Static(id="admin-item")
            yield Static(id="admin-wording")
            yield OptionList(id="admin-options")
            yield Static(id="admin-progress")
        with Vertical(id="admin-review"):
            yield Static(id="review-help")
            yield FittingTable(
                [Col("Item", "item"), Col("Answer", "answer", REST)],
                id="review-table",
                cursor_type="row",
            )
        yield Static(id="admin-copyright")
        yield KeyFooter()

    @property
    def _options(self) -> tuple[ResponseOption, ...]:
        return self.instrument.responses

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        notice = self.instrument.copyright or ""
        self.query_one("#admin-copyright", Static).update(Text(notice, style="dim"))
        self.query_one("#admin-copyright").display = bool(notice)
        self._draw()

    # ------------------------------------------------------------ drawing

    def _draw(self) -> None:
        instrument = self.instrument
        mode = "on screen" if self.on_screen else "paper form"
        title = Text(f"{instrument.short_name}", style="bold")
        title.append(
            f" \u00b7 {OCCASION_NAMES[self.administration.occasion]}"
            f" \u00b7 {short_date(self.administration.day, self.companion.today())} \u00b7 {mode}"
        )
        self.query_one("#admin-title", Static).update(title)
        self.query_one("#admin-form").display = not self.reviewing
        self.query_one("#admin-review").display = self.reviewing
        if self.reviewing:
            self._draw_review()
        else:
            self._draw_item()
        self.refresh_bindings()

    def _draw_item(self) -> None:
        instrument = self.instrument
        self.query_one("#admin-item", Static).update(
            Text(f"Item {self.item} of {instrument.item_count}", style="bold")
        )
        if self.on_screen and self.wording is not None:
            wording = literal(self.wording[self.item - 1])  # the participant's own import
        else:
            wording = Text(
                f"Read item {self.item} on your form, then choose your answer.", style="italic"
            )
        self.query_one("#admin-wording", Static).update(wording)
        options = self.query_one("#admin-options", OptionList)
        answer = self.answers.get(self.item)
        options.clear_options()
        options.add_options(
            Option(
                Text(f"{CHOSEN if option.value == answer else ' '} {option.display}"),
                id=str(option.value),
            )
            for option in self._options
        )
        options.highlighted = None if answer is None else answer - instrument.lowest_answer
        options.focus()
        done = len(self.answers)
        progress = Text()
        for item in range(1, instrument.item_count + 1):
            mark = "\u25cf" if item in self.answers else "\u25cb"
            progress.append(mark, style="reverse" if item == self.item else "")
        progress.append(
            f"  {done} of {instrument.item_count} answered, each saved as you go", "dim"
        )
        self.query_one("#admin-progress", Static).update(progress)

    def _draw_review(self) -> None:
        instrument = self.instrument
        table = self.query_one("#review-table", FittingTable)
        row = table.cursor_row
        rows: list[Row] = []
        for item in range(1, instrument.item_count + 1):
            answer = self.answers.get(item)
            if answer is None:
                shown = Text("not answered yet", style="italic")
            else:
                shown = Text(instrument.responses[answer - instrument.lowest_answer].display)
            rows.append(Row((Text(f"Item {item}"), shown), key=str(item)))
        table.fill(rows)
        missing = self._missing()
        if missing:
            help_text = Text(
                f"{len(missing)} to answer: item {', '.join(map(str, missing))}. "
                "Highlight an item and press enter, or a number 1 to 5.",
            )
        else:
            help_text = Text(
                f"All {instrument.item_count} answered. Press s to save, or change an answer: "
                "highlight it and press a number 1 to 5.",
                style="bold",
            )
        self.query_one("#review-help", Static).update(help_text)
        target = row if row >= 0 else 0
        if missing and row < 0:
            target = missing[0] - 1
        table.move_cursor(row=min(target, instrument.item_count - 1))
        table.focus()

    def _missing(self) -> list[int]:
        return [i for i in range(1, self.instrument.item_count + 1) if i not in self.answers]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mode":
            return self.wording is not None
        if action == "save":
            return self.reviewing
        if action in ("review", "forward"):
            return not self.reviewing
        return True

    # ------------------------------------------------------------ actions

    def action_answer(self, value: int) -> None:
        item = self.item
        if self.reviewing:
            table = self.query_one("#review-table", DataTable)
            item = table.cursor_row + 1
        if not self._save(item, value):
            return
        if self.reviewing:
            self._draw()
            return
        if item < self.instrument.item_count:
            self.item = item + 1
        else:
            self.reviewing = True  # the last item: look over the answers before saving
        self._draw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # Enter or a click on an answer: the same as pressing its number.
        event.stop()
        if event.option.id is not None:
            self.action_answer(int(event.option.id))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # Enter on an item in the review: back to the form at that item.
        event.stop()
        if event.row_key.value:
            self.item = int(event.row_key.value)
            self.reviewing = False
            self._draw()

    def _save(self, item: int, value: int) -> bool:
        app = self.companion
        try:
            app.store.scales.save_answer(
                self.instrument, self.administration.id, item, value, app.now()
            )
        except Problem as problem:  # busy, disk full...: keep the screen
            self.notify(str(problem), severity="warning", markup=False)
            return False
        self.answers[item] = value
        return True

    def action_back(self) -> None:
        if self.reviewing:
            self.reviewing = False
            self.item = self.instrument.item_count
        else:
            self.item = max(1, self.item - 1)
        self._draw()

    def action_forward(self) -> None:
        if self.reviewing:
            return
        if self.item < self.instrument.item_count:
            self.item += 1
        else:
            self.reviewing = True
        self._draw()

    def action_review(self) -> None:
        self.reviewing = True
        self._draw()

    def action_mode(self) -> None:
        if self.wording is None:
            return
        self.on_screen = not self.on_screen
        self._draw()

    def action_save(self) -> None:
        if not self.reviewing:
            return
        missing = self._missing()
        if missing:
            self.notify(
                f"Item {missing[0]} has no answer yet; every item needs one before saving.",
                severity="warning",
            )
            return
        app = self.companion
        try:
            app.store.scales.finish(self.instrument, self.administration.id, app.now())
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
