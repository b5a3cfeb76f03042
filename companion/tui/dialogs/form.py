"""What every small form dialog shares: Enter or Save submits, Cancel or Escape closes."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from companion.tui.literal import literal

ResultType = TypeVar("ResultType")


class FormDialog(ModalScreen[ResultType]):
    """A dialog with one or more fields and Save (id `save`) and Cancel (id `cancel`).

    Subclasses compose a container with `FRAME` as its id, set `HEADING` for
    its border, and implement `submit`, which keeps the dialog open (and the
    typing) when the input is not right yet.
    """

    FRAME: ClassVar[str] = "dialog"
    HEADING: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def on_mount(self) -> None:
        self.query_one(f"#{self.FRAME}").border_title = literal(self.heading())
        self.query(Input).first().focus()

    def heading(self) -> str:
        return self.HEADING

    def on_input_submitted(self) -> None:
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.submit()
        elif event.button.id == "cancel":
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        """Check the fields and dismiss with the result, or say what is not right yet."""
        raise NotImplementedError
