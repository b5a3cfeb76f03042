"""The Today card for self-care: a compact strip of today's habits, and a kind pause.

`Meditation 10/10 min · Walking 20/30 min · Hydration 5/8 glasses`. A line
breaks only between habits, so a long name a participant chose starts its
own line rather than breaking across its neighbours at 80 columns. When a
habit has gone quiet for a few days, the card offers the short
self-compassion pause (`selfcare.pause_lines`) instead of any warning, and
key b opens the Self-Compassion Break there (a guided practice). Key p
starts a timed practice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from companion.domain.plurals import listed
from companion.tui.literal import literal
from companion.tui.widgets.panel import TodayPanel

if TYPE_CHECKING:
    from companion.domain.selfcare.habits import Habit
    from companion.domain.selfcare.summary import WeekSummary
    from companion.tui.app import ProgrammeView

# How far back a lapse is looked for: a habit quiet for longer than this is
# left in peace rather than mentioned every day.
LAPSE_LOOKBACK_DAYS = 28

SEPARATOR = "  \u00b7  "


class SelfCareStrip(TodayPanel):
    ID: ClassVar[str] = "selfcare-strip"
    TITLE: ClassVar[str] = "Self-care"
    KEYS: ClassVar[list[BindingType]] = [
        Binding("p", "practice", "Practice", tooltip="Start a timed practice (from Today)"),
        Binding(
            "b",
            "guided_break",
            "Break",
            show=False,
            tooltip="A short guided self-compassion break (from Today)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._items: list[Text] = []  # a habit each, laid out again on resize
        self._after = Text()  # the kind pause or the paused-day line

    def show(self, view: ProgrammeView) -> None:
        from companion.domain.selfcare.entries import local_day
        from companion.domain.selfcare.lapses import lapsed_habits
        from companion.domain.selfcare.pauses import paused_days
        from companion.domain.selfcare.summary import week_summary

        store = self.companion.store
        today = local_day(view.now, view.setup.zone)
        habits = store.selfcare.habits()
        self.display = bool(habits)
        if not habits:
            return
        first = today - dt.timedelta(days=LAPSE_LOOKBACK_DAYS)  # a week is well inside it
        totals = store.selfcare.daily_totals(first, today, [h.id for h in habits])
        paused = paused_days((p.first, p.last) for p in store.selfcare.pauses(first, today))
        items: list[Text] = []
        for habit in habits:
            days = totals.get(habit.id, {})
            week = week_summary(
                habit,
                days,
                day=today,
                since=habit.since,
                paused=paused,
                first_weekday=view.setup.start.weekday(),
            )
            items.append(_item(habit, days.get(today, 0.0), week))
        text = Text()
        if today in paused:
            text.append("\nA paused day: nothing is expected today. Take care.", style="italic")
        else:
            lapses = lapsed_habits(habits, totals, today=today, paused=paused)
            if lapses:
                names = [
                    next(h.name for h in habits if h.id == lapse.habit_id) for lapse in lapses
                ]
                text.append("\n\n")
                text.append_text(_pause_text(names))
        self._items, self._after = items, text
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """The habits in lines as wide as the card, each habit whole on one line if it fits."""
        if not self._items:
            return
        width = self.content_size.width or 10_000  # before the first layout: one line
        text = Text()
        line = 0
        for index, item in enumerate(self._items):
            if index and line + len(SEPARATOR) + item.cell_len > width:
                text.append("\n")
                line = 0
            elif index:
                text.append(SEPARATOR, style="dim")
                line += len(SEPARATOR)
            text.append_text(item)
            line += item.cell_len
        text.append_text(self._after)
        self.update(text)

    def action_practice(self) -> None:
        from companion.tui.dialogs.practice_timer import PracticeScreen

        choices = [h for h in self.companion.store.selfcare.habits() if h.kind == "minutes"]
        if not choices:
            self.notify("A practice logs minutes: add a minutes habit in Self-care (4).")
            return
        self.app.push_screen(PracticeScreen(choices, choices[0]))

    def action_guided_break(self) -> None:
        from companion.domain.selfcare.guides import SELF_COMPASSION_BREAK
        from companion.tui.dialogs.practice_timer import start_guided

        start_guided(self.companion, SELF_COMPASSION_BREAK)


def _item(habit: Habit, day_total: float, week: WeekSummary) -> Text:
    """`Walking 20/30 min`, `Kind moment 3/4 days this week`: the same words as Self-care."""
    from companion.domain.selfcare.describe import compact_day, compact_week

    weekly = habit.per == "week"
    shown = week.total if weekly else day_total
    item = Text(no_wrap=True)
    item.append(literal(habit.name, "bold" if shown > 0 else ""))
    item.append(" ")
    words = f"{compact_week(habit, week)} this week" if weekly else compact_day(habit, day_total)
    item.append(literal(words, "" if shown > 0 else "dim"))
    return item


def _pause_text(names: list[str]) -> Text:
    from companion.domain.selfcare.lapses import BREAK_OFFER, PAUSE_TITLE, pause_lines

    who = listed([names[0], *(name.lower() for name in names[1:])])
    lines = pause_lines(who)
    if len(names) > 1:
        lines = (lines[0].replace(" has had ", " have had "), *lines[1:])
    # One short paragraph: it reads as a breath rather than a list, and fits at 80x24.
    text = Text(f"{PAUSE_TITLE}. ", style="bold")
    text.append(literal(" ".join(lines)))
    text.append(f" {BREAK_OFFER}", style="italic")
    return text
