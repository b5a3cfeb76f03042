"""The Today card that offers support when the latest wellbeing result is very low.

Hidden otherwise. Never a label: the same gentle pointer the Scales section
shows, with the key to the whole Support page (h, from anywhere).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text

from companion.tui.widgets.panel import TodayPanel

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView


class SupportCard(TodayPanel):
    ID: ClassVar[str] = "support-card"
    TITLE: ClassVar[str] = "Support"

    def show(self, view: ProgrammeView) -> None:
        from companion.content.instruments import instruments
        from companion.domain.scales.results import (
            SUPPORT_KEY,
            SUPPORT_POINTER,
            needs_support_pointer,
            results,
        )

        administrations = self.companion.store.scales.administrations()
        outcomes = (results(scale, administrations) for scale in instruments())
        self.display = needs_support_pointer(outcomes)
        if self.display:
            self.update(Text(f"{SUPPORT_POINTER} {SUPPORT_KEY}"))
