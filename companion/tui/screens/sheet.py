"""One sheet (worksheet, coaching notes or questionnaire): its text, and an editor per prompt.

Answers save themselves while you type (see `Autosaver`). Keys: tab and
shift+tab move between fields, ctrl+down / ctrl+up jump to the next or
previous prompt, escape goes back to the list; everything is clickable too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from companion import content as programme_content
from companion.domain.errors import Problem
from companion.domain.worksheets.answers import AnswerVersion, word_count, words
from companion.domain.worksheets.sheets import CoachingSheet, Letter, Prompt, Sheet, Worksheet
from companion.domain.worksheets.status import (
    SHEET_KIND_WORDS,
    answered,
    asks_before_complete,
    complete_question,
    sheet_status,
    status_sentence,
)
from companion.tui.literal import literal
from companion.tui.screens.writing import WritingScreen, support_link
from companion.tui.widgets.answer_area import AnswerArea
from companion.tui.widgets.autosave import Autosaver
from companion.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from textual.screen import Screen

    from companion.domain.selfcare.guides import Guide


def screen_for(sheet: Sheet) -> Screen[None]:
    """The screen that opens `sheet`: the letter has its own, every other sheet the editor."""
    if isinstance(sheet, Letter):
        from companion.tui.screens.letter import LetterScreen

        return LetterScreen()
    return SheetScreen(sheet)


class SheetScreen(WritingScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+down,alt+down",
            "next_prompt",
            "Next",
            key_display="^\u2193",
            tooltip="Jump to the next prompt",
        ),
        Binding(
            "ctrl+up,alt+up",
            "previous_prompt",
            "Previous",
            key_display="^\u2191",
            tooltip="Jump to the previous prompt",
        ),
        Binding("ctrl+r", "versions", "Versions", tooltip="Earlier versions of this answer"),
        Binding("ctrl+t", "toggle_complete", "Complete", tooltip="Mark the sheet complete"),
        Binding(
            "ctrl+n",
            "to_plan",
            "To plan",
            show=False,
            tooltip="Add this commitment to your action plan",
        ),
        Binding("ctrl+f", "search", "Search", show=False, tooltip="Search everything you wrote"),
        Binding(
            "ctrl+b",
            "guided_practice",
            "Break",
            tooltip="A short guided practice this sheet offers (the Self-Compassion Break)",
        ),
    ]

    def __init__(self, sheet: Sheet, *, focus_prompt: str | None = None) -> None:
        super().__init__()
        self.sheet = sheet
        self.focus_prompt = focus_prompt
        self._complete = False

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        store = self.companion.store
        answers = {p: a.text for p, a in store.worksheets.answers(self.sheet.id).items()}
        self._complete = self.sheet.id in store.worksheets.completed()
        yield Static(id="sheet-title")
        with VerticalScroll(id="sheet-body"):
            yield Static(Text(self.sheet.introduction), classes="sheet-intro")
            if getattr(self.sheet, "support", False):
                yield support_link()
            if (guide := self._guide()) is not None:
                yield Horizontal(
                    Static(
                        Text(f"When it feels heavy, try {guide.title.lower()}:"),
                        classes="support-line",
                    ),
                    Button(f"{guide.title} (^b)", id="open-guide", compact=True),
                    id="sheet-guide",
                )
            for heading, description, prompts in _sections(self.sheet):
                if heading:
                    yield Static(Text(heading, style="bold"), classes="sheet-heading")
                if description:
                    yield Static(Text(description), classes="sheet-description")
                for prompt in prompts:
                    yield from self._prompt(prompt, answers.get(prompt.id, ""))
            with Horizontal(id="sheet-actions"):
                yield Button(self._complete_label(), id="complete")
        yield Static(id="sheet-status")
        yield KeyFooter()

    def _prompt(self, prompt: Prompt, text: str) -> ComposeResult:
        with Vertical(classes="prompt", id=f"prompt-{prompt.id}"):
            yield Static(Text(prompt.label, style="bold"), classes="prompt-label")
            if prompt.guidance:
                yield Static(Text(prompt.guidance), classes="prompt-guidance")
            yield AnswerArea(text, prompt.id, id=f"answer-{prompt.id}")
            if prompt.kind == "commitment":
                yield Button(
                    "Add to action plan", id=f"plan-{prompt.id}", classes="to-plan", compact=True
                )

    def on_mount(self) -> None:
        setup = self.companion.store.programme.setup()
        self._zone = setup.zone if setup is not None else dt.UTC
        self.autosave = Autosaver(self.app, self._save, self._clock)
        for area in self.query(AnswerArea):
            self.autosave.watch(area, area.text)
        areas = self._areas()
        target = next((a for a in areas if a.key == self.focus_prompt), None)
        if target is None:  # the first unanswered prompt: where the writer left off
            target = next((a for a in areas if not a.text.strip()), areas[0] if areas else None)
        if target is not None:
            target.focus()
            self.call_after_refresh(self._reveal, target)
        self._show_status()

    def on_screen_resume(self) -> None:
        """Back on this sheet (from a dialog, search or another section): pick up answers
        saved elsewhere meanwhile, leaving alone any editor with unsaved typing."""
        if self.autosave is None:
            return
        stored = self.companion.store.worksheets.answers(self.sheet.id)
        for key, area in self.autosave.areas.items():
            text = stored[key].text if key in stored else ""
            if key not in self.autosave.dirty and text != self.autosave.saved.get(key):
                area.load_text(text)
                self.autosave.reset(key, text)
        self._show_status()

    def _reveal(self, area: AnswerArea) -> None:
        container = self.query_one(f"#prompt-{area.key}")
        self.query_one("#sheet-body", VerticalScroll).scroll_to_widget(
            container, top=True, animate=False
        )

    def _areas(self) -> list[AnswerArea]:
        return list(self.query(AnswerArea))

    def _complete_label(self) -> str:
        return "Mark as not complete" if self._complete else "Mark this sheet complete"

    # ------------------------------------------------------------ saving

    def _save(self, texts: Mapping[str, str]) -> None:
        self.companion.store.worksheets.save_answers(self.sheet.id, texts, self.companion.now())

    def on_descendant_focus(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        if self.autosave is None:
            return
        texts = {key: area.text for key, area in self.autosave.areas.items()}
        status = sheet_status(self.sheet, texts, self._complete)
        title = Text(self.sheet.title, style="bold")
        title.append(f"  \u00b7  {self._where()} \u00b7 {status}", style="dim")
        self.query_one("#sheet-title", Static).update(title)
        line = Text()
        state = self.autosave.state_words()
        if state:
            style = "bold" if self.autosave.problem and self.autosave.unsaved else ""
            line.append(literal(state, style))
            line.append("  \u00b7  ")
        focused = self.focused
        if isinstance(focused, AnswerArea):
            line.append(f"{words(word_count(focused.text))} here  \u00b7  ")
        line.append(f"{answered(self.sheet, texts)} of {len(self.sheet.prompts)} answered")
        self.query_one("#sheet-status", Static).update(line)

    def _where(self) -> str:
        kind = SHEET_KIND_WORDS[self.sheet.sheet_kind]
        if self.sheet.component:
            components = programme_content.programme().components
            kind = components.get(self.sheet.component, self.sheet.component)
        return f"Week {self.sheet.week} \u00b7 {kind}"

    # ------------------------------------------------------------ moving around

    def _step(self, offset: int) -> None:
        areas = self._areas()
        if not areas:
            return
        focused = self.focused
        if isinstance(focused, AnswerArea) and focused in areas:
            index = (areas.index(focused) + offset) % len(areas)
        else:
            index = 0 if offset > 0 else len(areas) - 1
        areas[index].focus()
        self._reveal(areas[index])

    def action_next_prompt(self) -> None:
        self._step(1)

    def action_previous_prompt(self) -> None:
        self._step(-1)

    def action_search(self) -> None:
        if self.autosave is not None:
            self.autosave.flush()
        self.companion.action_search()

    # ------------------------------------------------------------ versions

    def _focused_area(self) -> AnswerArea | None:
        focused = self.focused
        return focused if isinstance(focused, AnswerArea) else None

    def action_versions(self) -> None:
        from companion.tui.dialogs.answer_versions import VersionsDialog

        area = self._focused_area()
        if area is None:
            self.notify("Move to an answer first (tab), then ctrl+r for its earlier versions.")
            return
        if self.autosave is not None:
            self.autosave.flush()
            if area.key in self.autosave.dirty:
                # Restoring would replace typing that could not be saved: never lose it.
                self.notify(
                    f"{self.autosave.problem} Earlier versions can be restored once it is saved.",
                    severity="warning",
                    markup=False,
                )
                return
        store = self.companion.store
        versions = store.worksheets.versions(self.sheet.id, area.key)
        if not versions:
            self.notify(
                "No earlier versions of this answer yet. Companion keeps one a minute "
                "while you write, and one before any large cut.",
                markup=False,
            )
            return
        label = next((p.label for p in self.sheet.prompts if p.id == area.key), area.key)

        def restore(version: AnswerVersion | None) -> None:
            if version is None:
                area.focus()
                return
            try:
                answer = store.worksheets.restore_version(version.id, self.companion.now())
            except Problem as problem:
                self.notify(str(problem), severity="warning", markup=False)
                return
            area.load_text(answer.text)
            if self.autosave is not None:
                self.autosave.reset(area.key, answer.text)
            area.focus()
            self.notify("Restored. The text it replaced is kept as a version too.", markup=False)
            self._show_status()

        today = self.companion.now().astimezone(self._zone).date()
        self.app.push_screen(VersionsDialog(label, versions, self._zone, today), restore)

    # ------------------------------------------------------------ complete, plan

    def _guide(self) -> Guide | None:
        from companion.domain.selfcare.guides import find_guide

        key = getattr(self.sheet, "practice", "")
        return find_guide(key) if key else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Ctrl+B only on a sheet that offers a guided practice (the footer hides it elsewhere)."""
        if action == "guided_practice":
            return self._guide() is not None
        return True

    def action_guided_practice(self) -> None:
        """Open the guided practice the sheet offers; the answers are saved first."""
        from companion.tui.dialogs.practice_timer import start_guided

        guide = self._guide()
        if guide is None:
            return
        if self.autosave is not None:
            self.autosave.flush()
        start_guided(self.companion, guide)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "open-guide":
            self.action_guided_practice()
        elif button == "complete":
            self.action_toggle_complete()
        elif button.startswith("plan-"):
            self._to_plan(button.removeprefix("plan-"))

    def action_toggle_complete(self) -> None:
        if self.autosave is not None:
            self.autosave.flush()
        complete = not self._complete
        if complete and asks_before_complete(self.sheet, self._texts()):
            from companion.tui.dialogs.confirm import AskDialog

            self.app.push_screen(
                AskDialog(
                    "Mark complete", complete_question(self.sheet), "Mark complete", "Cancel"
                ),
                lambda anyway: self._mark(True) if anyway else None,
            )
            return
        self._mark(complete)

    def _texts(self) -> dict[str, str]:
        if self.autosave is None:
            return {}
        return {key: area.text for key, area in self.autosave.areas.items()}

    def _mark(self, complete: bool) -> None:
        app = self.companion
        try:
            app.store.worksheets.mark_complete(self.sheet.id, complete, app.now())
        except Problem as problem:
            self.notify(str(problem), severity="warning", markup=False)
            return
        self._complete = complete
        self.query_one("#complete", Button).label = self._complete_label()
        status = sheet_status(self.sheet, self._texts(), complete)
        thanks = " Thank you for taking the time." if complete else ""
        self.notify(status_sentence(self.sheet, status) + thanks, markup=False)
        self._show_status()

    def action_to_plan(self) -> None:
        area = self._focused_area()
        commitments = [p for p in self.sheet.prompts if p.kind == "commitment"]
        if area is not None and any(p.id == area.key for p in commitments):
            self._to_plan(area.key)
        elif commitments:
            self._to_plan(commitments[-1].id)
        else:
            self.notify("This sheet has no commitment to add; use the action plan (p) instead.")

    def _to_plan(self, prompt_id: str) -> None:
        from companion.tui.dialogs.action_plan_item import PlanItemDialog, PlanItemResult

        area = self.query_one(f"#answer-{prompt_id}", AnswerArea)
        if not area.text.strip():
            self.notify("Write the commitment first; then it can join your action plan.")
            area.focus()
            return
        if self.autosave is not None:
            self.autosave.flush()
        app = self.companion
        today = app.now().astimezone(self._zone).date()

        def add(result: PlanItemResult | None) -> None:
            if result is None:
                return
            try:
                app.store.worksheets.add_action(
                    result.text, result.due, app.now(), source=(self.sheet.id, prompt_id)
                )
            except Problem as problem:
                self.notify(str(problem), severity="warning", markup=False)
                return
            self.notify("Added to your action plan.", markup=False)

        self.app.push_screen(
            PlanItemDialog("Add to your action plan", " ".join(area.text.split()), None, today),
            add,
        )


def _sections(sheet: Sheet) -> list[tuple[str, str, tuple[Prompt, ...]]]:
    """The sheet as (heading, description, prompts) groups, in reading order."""
    if isinstance(sheet, Worksheet):
        groups = [(a.title, a.description, a.prompts) for a in sheet.activities]
        return [*groups, ("To close", "", (sheet.closing,))]
    if isinstance(sheet, CoachingSheet):
        return [
            ("Before the session", f"Focus: {sheet.focus}", sheet.before),
            ("After the session", "", sheet.after),
        ]
    return [("", "", sheet.prompts)]
