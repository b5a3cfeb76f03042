"""Autosave for a screen of answer editors: debounced, visible, and never losing the text.

A screen hands its editors to an `Autosaver` with the text last saved for
each, forwards `TextArea.Changed`, and calls `tick` from a quarter-second
interval. Saving happens 1 s after the last keystroke and at least every 1.25 s
while typing goes on (`SaveTimer`), so a killed terminal loses at most 2 s of
typing. When a save fails (database busy, disk full) or an answer
cannot be stored (a NUL character), the text stays in the editor, the status
line says why, and a warning is shown once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from textual.app import App

from companion.domain.errors import Problem
from companion.domain.worksheets.answers import SaveTimer, writing_problem
from companion.tui.widgets.answer_area import AnswerArea

# Saves the given texts (key -> text) in one transaction; raises a Problem the person can act on.
SaveFunction = Callable[[Mapping[str, str]], None]


class Autosaver:
    """Tracks unsaved editors and saves them at the right moments."""

    def __init__(
        self,
        app: App[object],
        save: SaveFunction,
        clock: Callable[[], str],
        *,
        what: str = "This answer",
    ) -> None:
        self.app = app
        self.save = save
        self.clock = clock  # the local time of day, "09:31", for "Saved at 09:31"
        self.what = what
        self.areas: dict[str, AnswerArea] = {}
        self.saved: dict[str, str] = {}
        self.dirty: set[str] = set()
        self.timer = SaveTimer()
        self.saved_at: str | None = None  # "09:31", once something was saved here
        self.problem: str | None = None  # why the latest changes are not saved
        self._warned: str | None = None

    def watch(self, area: AnswerArea, saved_text: str) -> None:
        """Start tracking `area`, whose text is saved as `saved_text`."""
        self.areas[area.key] = area
        self.saved[area.key] = saved_text

    def forget(self, key: str) -> None:
        self.areas.pop(key, None)
        self.saved.pop(key, None)
        self.dirty.discard(key)

    def reset(self, key: str, text: str) -> None:
        """The store now holds `text` for `key` (restored, for example)."""
        self.saved[key] = text
        self.dirty.discard(key)

    @property
    def unsaved(self) -> bool:
        return bool(self.dirty)

    def changed(self, area: AnswerArea) -> None:
        """An editor changed: note it, and save soon."""
        if area.key not in self.areas:
            return
        if area.text == self.saved.get(area.key):
            self.dirty.discard(area.key)
        else:
            self.dirty.add(area.key)
        self.timer.changed(time.monotonic())

    def tick(self) -> bool:
        """Save if due; True when a save was attempted."""
        if not self.dirty or not self.timer.due(time.monotonic()):
            if not self.dirty:
                self.timer.saved()
            return False
        self.flush()
        return True

    def flush(self) -> bool:
        """Save every changed editor now; True when nothing is left unsaved."""
        if not self.dirty:
            self.timer.saved()
            return True
        texts: dict[str, str] = {}
        problems: list[str] = []
        for key in sorted(self.dirty, key=list(self.areas).index):
            text = self.areas[key].text
            problem = writing_problem(text, what=self.what)
            if problem is None:
                texts[key] = text
            else:
                problems.append(problem)
        if texts:
            try:
                self.save(texts)
            except Problem as error:
                self.timer.failed(time.monotonic())
                self._tell(
                    f"Not saved yet: {error}. Your text is still here; Companion will try again."
                )
                return False
            for key, text in texts.items():
                self.saved[key] = text
                self.dirty.discard(key)
            self.saved_at = self.clock()
        if problems:
            self.timer.hold()  # retrying cannot help until the text changes
            self._tell(f"Not saved: {problems[0]}.")
            return False
        self.timer.saved()
        self.problem = None
        self._warned = None
        return True

    def _tell(self, message: str) -> None:
        self.problem = message
        if message != self._warned:  # once per problem, not on every retry
            self._warned = message
            self.app.notify(message, severity="warning", markup=False, timeout=8)

    def state_words(self) -> str:
        """`Saved at 09:31`, `Saving…`, the reason it is not saved, or nothing yet."""
        if self.problem is not None and self.dirty:
            return self.problem
        if self.dirty:
            return "Saving\u2026"
        if self.saved_at is not None:
            return f"Saved at {self.saved_at}"
        return "Saved" if any(self.saved.values()) else ""


def leave_or_stay(app: App[object], autosave: Autosaver | None, leave: Callable[[], None]) -> None:
    """Save, then `leave`; if saving fails, ask before leaving without the latest changes."""
    if autosave is None or autosave.flush():
        leave()
        return
    from companion.tui.dialogs.confirm import AskDialog

    reason = autosave.problem or "The latest changes are not saved."

    def answer(go: bool | None) -> None:
        if go:
            leave()

    app.push_screen(
        AskDialog(
            "Not saved yet",
            f"{reason}\n\nStay and keep your text, or leave without the latest changes?",
            "Leave without saving",
            "Stay",
        ),
        answer,
    )
