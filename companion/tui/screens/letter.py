"""The letter to yourself: written in weeks 1 to 4, sealed, opened at the follow-up workshop.

While it is a draft it saves itself as you type, like every answer. Once
sealed, its text is not shown (the store does not even hand it over) until the
opening day; then it waits, unopened, until you choose to open it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from companion.content.worksheets import letter
from companion.domain.dates import long_date
from companion.domain.errors import Problem
from companion.domain.worksheets.answers import word_count, words
from companion.domain.worksheets.letter import (
    LetterDates,
    LetterStatus,
    check_letter_write,
    letter_dates,
    letter_status,
)
from companion.tui.literal import literal
from companion.tui.screens.writing import WritingScreen, support_link
from companion.tui.widgets.answer_area import AnswerArea
from companion.tui.widgets.autosave import Autosaver
from companion.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    pass


class LetterScreen(WritingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+l", "seal", "Seal", tooltip="Seal the letter until the follow-up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sheet = letter()
        self._dates: LetterDates | None = None

    def _state(self) -> tuple[LetterDates, LetterStatus, dt.date, str | None]:
        view = self.companion.view()
        assert view is not None  # sections open only after setup
        self._zone = view.setup.zone
        dates = letter_dates(self.sheet, view.setup.start, view.events)
        today = view.status.today
        record = self.companion.store.worksheets.letter(dates, today)
        return dates, letter_status(record, dates, today), today, record.text

    def compose(self) -> ComposeResult:
        yield Static(Text(self.sheet.title, style="bold"), id="letter-title")
        yield VerticalScroll(id="letter-body")
        yield Static(id="letter-status")
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.fill()

    async def fill(self) -> None:
        """Lay the screen out for where the letter is now."""
        dates, status, _today, text = self._state()
        body = self.query_one("#letter-body", VerticalScroll)
        await body.remove_children()
        self.autosave = None
        widgets: list[Static | AnswerArea | Horizontal] = []
        sentence = Static(Text(status.sentence, style="bold"), id="letter-sentence")
        if status.can_write:
            area = AnswerArea(text or "", self.sheet.prompt.id, id="letter-text")
            self.autosave = Autosaver(self.app, self._save, self._clock, what="The letter")
            self.autosave.watch(area, text or "")
            widgets.append(Static(Text(self.sheet.introduction), classes="sheet-intro"))
            if self.sheet.support:
                widgets.append(support_link())
            widgets += [
                sentence,
                Static(Text(self.sheet.prompt.label, style="bold"), classes="prompt-label"),
                Static(Text(self.sheet.prompt.guidance or ""), classes="prompt-guidance"),
                area,
                Horizontal(Button("Seal my letter", id="seal"), id="letter-actions"),
            ]
            await body.mount_all(widgets)
            area.focus()
        elif status.stage == "ready":
            widgets += [
                Static(Text("\u2709", style="bold"), id="letter-envelope"),
                sentence,
                Horizontal(
                    Button("Open my letter", variant="primary", id="open"), id="letter-actions"
                ),
            ]
            await body.mount_all(widgets)
            self.query_one("#open", Button).focus()
        elif status.stage == "opened" and text is not None:
            widgets += [sentence, Static(literal(text, multiline=True), id="letter-read")]
            await body.mount_all(widgets)
        else:
            shown = [sentence]
            if status.stage == "sealed":
                shown.insert(0, Static(Text("\u2709", style="bold"), id="letter-envelope"))
                shown.append(
                    Static(
                        Text(
                            "Until then it stays closed, here and in search. "
                            "It will be waiting for you.",
                            style="dim",
                        )
                    )
                )
            await body.mount_all(shown)
        self._dates = dates
        self.refresh_bindings()
        self._show_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Save and Seal only mean something while the letter is a draft.
        if action in ("save_now", "seal"):
            return self.autosave is not None
        return True

    # ------------------------------------------------------------ writing

    def _save(self, texts: Mapping[str, str]) -> None:
        dates, status, today, _text = self._state()
        check_letter_write(status)
        self.companion.store.worksheets.save_letter(
            texts[self.sheet.prompt.id], dates, self.companion.now(), today
        )

    def _show_status(self) -> None:
        line = Text()
        if self.autosave is not None:
            state = self.autosave.state_words()
            if state:
                line.append(literal(state))
                line.append("  \u00b7  ")
            area = self.autosave.areas.get(self.sheet.prompt.id)
            if area is not None:
                line.append(words(word_count(area.text)))
        self.query_one("#letter-status", Static).update(line)

    # ------------------------------------------------------------ sealing and opening

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "seal":
            self.action_seal()
        elif event.button.id == "open":
            self._open()

    def action_seal(self) -> None:
        from companion.tui.dialogs.confirm import AskDialog

        if self.autosave is None:
            return
        if not self.autosave.flush():
            return
        area = self.autosave.areas[self.sheet.prompt.id]
        if not area.text.strip():
            self.notify("Write a few lines first; then you can seal your letter.")
            return
        if self._dates is None:
            return
        opens = long_date(self._dates.opens_on)
        question = (
            f"Once sealed, your letter stays closed until {opens}, the follow-up workshop. "
            "You will not be able to read or change it before then."
        )

        def answer(seal: bool | None) -> None:
            if not seal:
                area.focus()
                return
            try:
                self.companion.store.worksheets.seal_letter(self.companion.now())
            except Problem as problem:
                self.notify(str(problem), severity="warning", markup=False)
                return
            self._leaving = True  # nothing left to save
            self.notify(f"Sealed. It will be waiting for you on {opens}.", markup=False)
            self.call_later(self.fill)

        self.app.push_screen(
            AskDialog("Seal your letter?", question, "Seal it", "Not yet"), answer
        )

    def _open(self) -> None:
        dates, _status, today, _text = self._state()
        try:
            self.companion.store.worksheets.open_letter(dates, today, self.companion.now())
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self.call_later(self.fill)
