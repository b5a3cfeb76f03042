"""Search everything you wrote: answers, coaching notes, the action plan and self-care notes.

Results update as you type; enter (or a click) opens the answer at its prompt,
the action plan at the item, or Self-care on the note's day with its habit
highlighted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from companion.content.worksheets import sheet_content
from companion.domain.errors import Problem
from companion.domain.plurals import counted
from companion.domain.worksheets.search import SearchHit, check_search, search_hits, search_terms
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.widgets.key_footer import KeyFooter
from companion.tui.widgets.literal_input import LiteralInput

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp

HINT = (
    "Type a word or two. Every word must appear, and a word also finds longer ones "
    "(kind finds kindness). Your sealed letter is not searched."
)


class SearchScreen(Screen[None]):
    CSS_PATH = styles.WORKSHEETS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("down", "to_results", "Results", show=False),
        Binding("ctrl+f", "to_input", "Search", show=False),
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.initial = text
        self.hits: list[SearchHit] = []
        self._debounce: Timer | None = None

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(Text("Search everything you wrote", style="bold"), id="search-title")
        yield LiteralInput(self.initial, placeholder="Words to look for", id="search-input")
        yield Static(Text(HINT, style="dim"), id="search-summary")
        yield OptionList(id="search-results")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self.run_search()

    def on_input_changed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.25, self.run_search)

    def on_input_submitted(self) -> None:
        self.run_search()
        if self.hits:
            self.action_to_results()

    def run_search(self) -> None:
        text = self.query_one(Input).value
        summary = self.query_one("#search-summary", Static)
        results = self.query_one(OptionList)
        results.clear_options()
        results.display = False
        self.hits = []
        if not search_terms(text):
            summary.update(Text(HINT, style="dim"))
            return
        try:
            check_search(text)
            matches = self.companion.store.worksheets.search(text)
        except Problem as problem:
            summary.update(literal(str(problem), "italic"))
            return
        self.hits = search_hits(matches, sheet_content(), text)
        if not self.hits:
            summary.update(literal(f"Nothing you wrote matches \u201c{text}\u201d."))
            return
        count = len(self.hits)
        summary.update(Text(f"{counted(count, 'match')}: enter opens one.", style="dim"))
        results.add_options(
            [Option(_hit_text(hit), id=str(index)) for index, hit in enumerate(self.hits)]
        )
        results.display = True

    def action_to_results(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    def action_to_input(self) -> None:
        self.query_one(Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[event.option_index]
        if hit.match.kind == "note" and hit.match.day is not None:
            # A note lives on its day in Self-care: leave the search and go there.
            from companion.tui.screens.selfcare import SelfCareScreen

            self.app.pop_screen()
            self.companion.action_section("selfcare")
            if isinstance(self.app.screen, SelfCareScreen):
                self.app.screen.go_to(hit.match.day, hit.match.habit_id)
            return
        if hit.match.kind == "plan":
            from companion.tui.screens.action_plan import ActionPlanScreen

            self.app.push_screen(ActionPlanScreen(select=hit.match.item_id))
            return
        from companion.tui.screens.sheet import SheetScreen

        try:
            sheet = sheet_content().sheet(hit.match.sheet_id or "")
        except KeyError:
            self.notify("That sheet is no longer in the programme's content.", markup=False)
            return
        self.app.push_screen(SheetScreen(sheet, focus_prompt=hit.match.prompt_id))

    def on_screen_resume(self) -> None:
        # What you changed in the sheet you opened may change what matches.
        if self.hits:
            self.run_search()

    def action_back(self) -> None:
        self.app.pop_screen()


def _hit_text(hit: SearchHit) -> Text:
    text = literal(hit.where, "bold", overflow="ellipsis", no_wrap=True)
    text.append("\n")
    for part, matched in hit.parts:
        text.append(literal(part, "reverse" if matched else ""))
    return text
