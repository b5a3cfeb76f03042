"""The Today card for scales: the measures that are due, one key away; hidden otherwise.

Due means: baseline measures before week 1 (and through it, for a late
start; until the end measures, for someone who joined after the baseline
day and has none yet), end measures from the final week, follow-up measures around the
follow-up workshop, each until it has been recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from companion.tui.widgets.panel import TodayPanel

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView


class ScalesCard(TodayPanel):
    ID: ClassVar[str] = "scales-card"
    TITLE: ClassVar[str] = "Scales"
    KEYS: ClassVar[list[BindingType]] = [
        # Not in the footer: the card says "Press m" when something is due.
        Binding("m", "take", "Measures", show=False, tooltip="Take the scale that is due"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._due_first: str | None = None

    def show(self, view: ProgrammeView) -> None:
        from companion.content.instruments import instrument
        from companion.domain.dates import in_days, short_date
        from companion.domain.scales.administration import due

        store = self.companion.store
        administrations = store.scales.administrations()
        today = view.status.today
        setup = view.setup
        now_due = due(
            setup.start, view.template.weeks, view.events, today, administrations, setup.joined
        )
        self.display = now_due is not None
        if now_due is None:
            self._due_first = None
            return
        self._due_first = now_due.instruments[0]
        text = Text(f"{now_due.name} are due", style="bold")
        days = (now_due.last_day - today).days
        if now_due.late:
            text.append(" now\n", style="bold")
            text.append(
                "You joined after the baseline day, so take them now: they are your starting "
                "point, and every later result is compared with them.",
                style="italic",
            )
        elif days <= 14:
            text.append(f", by {short_date(now_due.last_day, today)} ({in_days(days)})")
        text.append("\n")
        for instrument_id in now_due.instruments:
            scale = instrument(instrument_id)
            unfinished = store.scales.unfinished(scale.id)
            text.append(f"{scale.short_name}", style="bold")
            text.append(f"  {scale.name}, {scale.item_count} items")
            if unfinished is not None:
                text.append(f" \u00b7 {len(unfinished.answers)} answered so far", style="italic")
            text.append("\n")
        text.append(
            "Press m to begin. Have the official forms beside you, or import their wording.",
            style="dim",
        )
        self.update(text)

    async def action_take(self) -> None:
        """Open Scales with the first scale that is due, ready to begin or carry on."""
        if self._due_first is None:
            self.companion.notify("No measures are due now; any scale can be taken in Scales (5).")
            return
        from companion.tui.screens.scales import ScalesScreen

        await self.app.switch_mode("scales")
        screen = self.app.screen
        if isinstance(screen, ScalesScreen):
            screen.take(self._due_first)
