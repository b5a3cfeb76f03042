"""The Today card for worksheets: this week's sheet one key away (w), open action-plan
items, and the letter once it is ready to open. Search is / from Today."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from companion.tui.literal import literal
from companion.tui.widgets.panel import TodayPanel

if TYPE_CHECKING:
    from companion.domain.worksheets.letter import LetterStatus
    from companion.tui.app import CompanionApp, ProgrammeView

SHOWN_ITEMS = 3


class ReflectionsCard(TodayPanel):
    ID: ClassVar[str] = "worksheets-card"
    TITLE: ClassVar[str] = "Reflections"
    KEYS: ClassVar[list[BindingType]] = [
        Binding("w", "open_sheet", "Worksheet", tooltip="Open this week's worksheet"),
        Binding(
            "slash,ctrl+f", "search", "Search", key_display="/", tooltip="Search your writing"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._sheet_id: str | None = None

    def show(self, view: ProgrammeView) -> None:
        from companion.content.worksheets import sheet_content
        from companion.domain.worksheets.action_plan import action_plan_order, due_words
        from companion.domain.worksheets.status import answered, current_sheet, sheet_status

        content = sheet_content()
        store = self.companion.store
        sheet = current_sheet(content, view.status.week, view.status.weeks)
        self._sheet_id = sheet.id
        answers = {p: a.text for p, a in store.worksheets.answers(sheet.id).items()}
        status = sheet_status(sheet, answers, sheet.id in store.worksheets.completed())

        text = Text()
        letter = letter_now(self.companion, view)
        if letter.stage == "ready":
            text.append("\u2709 Your letter to yourself is ready to open", style="bold")
            text.append(" (3, then l).\n")
        text.append("w", style="bold reverse")
        text.append(f" {sheet.title}\n", style="bold")
        text.append(f"  {status}", style="italic")
        if status == "in progress":
            text.append(f", {answered(sheet, answers)} of {len(sheet.prompts)} answered")
        items = [i for i in action_plan_order(store.worksheets.actions()) if i.state == "open"]
        if items:
            text.append("\nYour plan", style="bold")
            for item in items[:SHOWN_ITEMS]:
                text.append("\n  \u2022 ")
                text.append(literal(item.text))
                due = due_words(item, view.status.today)
                if due:
                    text.append(f"  {due}", style="dim")
            if len(items) > SHOWN_ITEMS:
                text.append(f"\n  and {len(items) - SHOWN_ITEMS} more in Worksheets (3, p)")
        self.update(text)

    def action_open_sheet(self) -> None:
        """Open this week's sheet over Today (escape comes back here)."""
        from companion.content.worksheets import sheet_content
        from companion.tui.screens.sheet import screen_for

        if self._sheet_id is not None:
            self.app.push_screen(screen_for(sheet_content().sheet(self._sheet_id)))

    def action_search(self) -> None:
        self.companion.action_search()


def letter_now(app: CompanionApp, view: ProgrammeView) -> LetterStatus:
    """The letter's status as of `view` (no text: only where it stands)."""
    from companion.content.worksheets import sheet_content
    from companion.domain.worksheets.letter import letter_dates, letter_status

    dates = letter_dates(sheet_content().letter, view.setup.start, view.events)
    return letter_status(
        app.store.worksheets.letter(dates, view.status.today), dates, view.status.today
    )
