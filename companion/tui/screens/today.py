"""Today: where you are in the programme, what is on, what is next, progress so far."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from companion.domain.dates import in_days, short_date
from companion.domain.programme import Event, state_word
from companion.tui.literal import literal
from companion.tui.section import Section
from companion.tui.widgets.panel import TodayPanel
from companion.tui.widgets.scales_card import ScalesCard
from companion.tui.widgets.selfcare_strip import SelfCareStrip
from companion.tui.widgets.support_card import SupportCard
from companion.tui.widgets.worksheets_card import ReflectionsCard

if TYPE_CHECKING:
    from companion.tui.app import ProgrammeView

# Cards that features add to Today, in the order they appear (after Today / Next up).
PANELS: tuple[type[TodayPanel], ...] = (SupportCard, ScalesCard, SelfCareStrip, ReflectionsCard)


def _panel_bindings() -> list[BindingType]:
    """Each card's keys, routed to the card: `to_panel('<card id>', '<action>')`."""
    bindings: list[BindingType] = []
    for panel in PANELS:
        for key in panel.KEYS:
            if isinstance(key, Binding):
                action = f"to_panel({panel.ID!r}, {key.action!r})"
                bindings.append(
                    Binding(
                        key.key,
                        action,
                        key.description,
                        show=key.show,
                        key_display=key.key_display,
                        tooltip=key.tooltip,
                    )
                )
    return bindings


class TodayScreen(Section):
    MODE = "today"
    BINDINGS: ClassVar[list[BindingType]] = _panel_bindings()

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="today"):
            yield Static(id="greeting")
            yield Static(id="headline")
            yield Static(id="so-far")
            with Horizontal(id="cards"):
                yield Static(id="today-card", classes="card")
                yield Static(id="next-card", classes="card")
            for panel in PANELS:
                yield panel()
            yield Static(id="this-week", classes="card")

    def on_mount(self) -> None:
        self.query_one("#today-card").border_title = "Today"
        self.query_one("#next-card").border_title = "Next up"
        self.query_one("#this-week").border_title = "This week"

    async def action_to_panel(self, panel_id: str, action: str) -> None:
        await self.app.run_action(action, self.query_one(f"#{panel_id}", TodayPanel))

    def show(self, view: ProgrammeView | None) -> None:
        if view is None:
            return
        # The cards read more of the database and content: they are filled once
        # the first frame is on screen (the app redraws Today when it is ready).
        for panel in self.query(TodayPanel):
            panel.display = self.companion.ready  # a card may hide itself in show()
            if self.companion.ready:
                panel.show(view)
        where = view.status
        hour = view.now.astimezone(view.setup.zone).hour
        part = "morning" if hour < 12 else "afternoon" if hour < 18 else "evening"
        greeting = Text(f"Good {part}")
        if view.setup.name:
            greeting.append(", ")
            greeting.append(literal(view.setup.name))
        greeting.append(".")
        self.query_one("#greeting", Static).update(greeting)

        headline = Text(where.headline, style="bold")
        theme = _current_theme(view)
        if theme:
            headline.append(f" \u00b7 {theme}", style="")
        self.query_one("#headline", Static).update(headline)

        today = Text()
        for index, event in enumerate(where.today_events):
            if index:
                today.append("\n\n")
            _event_lines(today, event, event.when_text(where.today))
        if not where.today_events:
            today.append("Nothing scheduled today.\n", style="bold")
            today.append("A good day for a few minutes of self-care.", style="dim")
        self.query_one("#today-card", Static).update(today)

        upcoming = Text()
        following = where.next_event
        if following is not None and following in where.today_events:
            later = [e for e in view.events if e.start > following.start]
            following = later[0] if later else None
        if following is None:
            upcoming.append("Nothing else planned.\n", style="bold")
            upcoming.append("Thank you for taking part.", style="dim")
        else:
            days = (following.day - where.today).days
            _event_lines(
                upcoming, following, f"{following.when_text(where.today)} \u00b7 {in_days(days)}"
            )
        self.query_one("#next-card", Static).update(upcoming)

        week = Text()
        for index, event in enumerate(where.this_week):
            state = state_word(event)
            week.append("\n" if index else "")
            week.append(f"{short_date(event.day, where.today):<11}", style="dim")
            week.append(event.title)
            if state:
                week.append(f"  {state}", style="italic")
        if not where.this_week:
            week.append("Nothing scheduled this week.", style="dim")
        self.query_one("#this-week", Static).update(week)

        done = view.completion
        so_far = Text()
        so_far.append("\u25cf" * done.sessions_attended, style="bold")
        so_far.append("\u25cb" * (done.sessions_total - done.sessions_attended), style="dim")
        so_far.append(f"  {done.sessions_line} \u00b7 {done.activities_line}", style="dim")
        self.query_one("#so-far", Static).update(so_far)


def _event_lines(text: Text, event: Event, when: str) -> None:
    text.append(f"{event.title}\n", style="bold")
    text.append(when)
    marks = ("moved by you" if event.moved else "", state_word(event), event.holiday_note or "")
    notes = [note for note in marks if note]
    if notes:
        text.append("\n" + " \u00b7 ".join(notes), style="italic")
    else:
        text.append(f"\n{event.summary}", style="dim")


def _current_theme(view: ProgrammeView) -> str:
    """The component of the latest webinar so far: the theme of this fortnight."""
    if view.status.phase != "during":
        return ""
    webinars = [
        e
        for e in view.events
        if e.kind == "webinar" and e.week is not None and e.week <= view.status.week
    ]
    if not webinars or webinars[-1].component is None:
        return ""
    return view.template.components.get(webinars[-1].component, "")
