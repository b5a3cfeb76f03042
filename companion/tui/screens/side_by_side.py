"""The reflective questionnaire side by side: where you started, and where you are now."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from companion.content.worksheets import questionnaire
from companion.domain.dates import short_date
from companion.domain.worksheets.sheets import Prompt
from companion.tui import styles
from companion.tui.literal import literal
from companion.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from companion.tui.app import CompanionApp


class SideBySideScreen(Screen[None]):
    CSS_PATH = styles.WORKSHEETS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("b", "edit('baseline')", "Edit start", tooltip="Open the baseline answers"),
        Binding("e", "edit('end')", "Edit end", tooltip="Open the end answers"),
        Binding("ctrl+f,slash", "search", "Search", show=False),
    ]

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        parts = questionnaire()
        yield Static(Text(parts.title, style="bold"), id="pairs-title")
        with Horizontal(id="pairs-heading"):
            yield Static(id="pairs-start", classes="pair-cell")
            yield Static(id="pairs-end", classes="pair-cell")
        yield VerticalScroll(id="pairs", can_focus=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#pairs").focus()

    async def on_screen_resume(self) -> None:
        # On first showing, and again after editing either side.
        await self.fill()

    async def fill(self) -> None:
        """Build the rows from the stored answers (again after editing either side)."""
        parts = questionnaire()
        store = self.companion.store
        start = {p: a.text for p, a in store.worksheets.answers(parts.baseline.id).items()}
        end = {p: a.text for p, a in store.worksheets.answers(parts.end.id).items()}
        view = self.companion.view()
        dates: dict[str, str] = {}
        if view is not None:
            dates = {
                e.id: short_date(e.day, view.status.today)
                for e in view.events
                if e.kind in ("baseline", "end")
            }
        self.query_one("#pairs-start", Static).update(
            _heading("At the start", dates.get(parts.baseline.session))
        )
        self.query_one("#pairs-end", Static).update(
            _heading("At the end", dates.get(parts.end.session))
        )
        body = self.query_one("#pairs", VerticalScroll)
        await body.remove_children()
        rows = []
        for row in parts.rows():
            rows.append(
                Horizontal(
                    Static(_cell(row.baseline, start), classes="pair-cell"),
                    Static(_cell(row.end, end), classes="pair-cell"),
                    classes="pair",
                )
            )
        await body.mount_all(rows)

    def action_edit(self, side: str) -> None:
        from companion.tui.screens.sheet import SheetScreen

        parts = questionnaire()
        self.app.push_screen(SheetScreen(parts.baseline if side == "baseline" else parts.end))

    def action_search(self) -> None:
        self.companion.action_search()

    def action_back(self) -> None:
        self.app.pop_screen()


def _heading(words: str, day: str | None) -> Text:
    text = Text(words, style="bold")
    if day:
        text.append(f" \u00b7 {day}", style="dim")
    return text


def _cell(prompt: Prompt | None, answers: dict[str, str]) -> Text:
    if prompt is None:
        return Text()
    text = Text(prompt.label, style="bold underline")
    answer = answers.get(prompt.id, "").strip()
    if answer:
        text.append("\n")
        text.append(literal(answer, multiline=True))
    else:
        text.append("\nNot answered yet.", style="dim italic")
    return text
