"""The programme as dated for one participant: the schedule and where today falls in it.

Pure functions over dataclasses: no I/O, no clock. Callers pass "now" in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from companion.domain.dates import clock, long_date, short_date
from companion.domain.errors import Invalid
from companion.domain.plurals import counted
from companion.domain.working_days import bank_holiday_note, working_day

if TYPE_CHECKING:  # the outline is declared apart, so `companion log` need not import msgspec
    from companion.domain.programme_setup import ProgrammeSetup
    from companion.domain.programme_template import ProgrammeTemplate, SessionTemplate

Kind = Literal["baseline", "webinar", "coaching", "end", "followup"]

# The eight sessions that make up attendance ("sessions attended of 8").
SESSION_KINDS = frozenset({"webinar", "coaching"})
# Things a participant does on their own and marks as done.
ACTIVITY_KINDS = frozenset({"baseline", "end"})

# What the programme's own evaluation reported: for the facilitator's cohort
# summary only. Never shown to a participant, where it would read as a yardstick.
EVALUATION_FULL_COMPLETION = 0.70


@dataclass(frozen=True)
class Event:
    """A dated session of one participant's programme."""

    id: str
    kind: Kind
    title: str
    summary: str
    component: str | None
    week: int | None
    start: dt.datetime  # aware, in the programme's time zone
    end: dt.datetime
    live: bool
    moved: bool
    attended: bool | None  # True attended/done, False missed, None not marked
    # For a live session on a bank holiday: "bank holiday: check with your coach".
    holiday_note: str | None = None

    @property
    def day(self) -> dt.date:
        return self.start.date()

    def when_text(self, today: dt.date) -> str:
        """`Mon 2 Mar 10:00-11:30`, with the year when it is not `today`'s (`short_date`)."""
        return f"{short_date(self.day, today)} {clock(self.start)}\u2013{clock(self.end)}"

    def as_json(self) -> dict[str, Any]:
        """The event as `companion schedule --json` prints it."""
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "component": self.component,
            "week": self.week,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "attended": self.attended,
        }


# ---------------------------------------------------------------- schedule


def week_start(start: dt.date, week: int) -> dt.date:
    """First day of programme week `week` (week 1 starts on the start date)."""
    return start + dt.timedelta(days=7 * (week - 1))


def week_of(start: dt.date, day: dt.date) -> int:
    """Programme week that `day` falls in: 1..8 during the programme, <= 0 before, > 8 after."""
    return (day - start).days // 7 + 1


def programme_end(template: ProgrammeTemplate, start: dt.date) -> dt.date:
    """The last day of the final programme week."""
    return week_start(start, template.weeks) + dt.timedelta(days=6)


# The measures and the follow-up workshop fall on working days. A baseline that
# would land at a weekend or on a bank holiday moves to the working day before
# (it belongs before the first session); the end measures and the follow-up to
# the working day after (they belong after the last one).
WORKING_DAY_KINDS: Mapping[str, bool] = {"baseline": False, "end": True, "followup": True}


def planned_day(
    template: ProgrammeTemplate,
    start: dt.date,
    session: SessionTemplate,
    days_off: Container[dt.date] = frozenset(),
) -> dt.date:
    """The date a session falls on before any move by the user.

    `days_off` are the participant's bank holidays (`ProgrammeSetup.days_off`).
    """
    if session.week is not None:
        day = week_start(start, session.week) + dt.timedelta(days=session.day)
    else:
        anchor = planned_day(template, start, template.session(session.after or ""), days_off)
        day = anchor + relativedelta(months=session.months)
    later = WORKING_DAY_KINDS.get(session.kind)
    return day if later is None else working_day(day, days_off, later=later)


def local_datetime(naive: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Attach `zone` to a wall-clock time, refusing times the clocks skip.

    When clocks go forward (e.g. 01:30 on the last Sunday of March in the UK)
    that wall-clock time never happens: raise Invalid. When they go back,
    the first of the two 01:30s is meant.
    """
    aware = naive.replace(tzinfo=zone, fold=0)
    round_trip = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise Invalid(
            f"{naive:%H:%M} does not happen on {long_date(naive.date())}: the clocks go forward"
        )
    return aware


def build_schedule(template: ProgrammeTemplate, setup: ProgrammeSetup) -> list[Event]:
    """Every session of the plan, dated, in time order."""
    events = []
    for session in template.sessions:
        moved_to = setup.moves.get(session.id)
        if moved_to is not None:
            naive = moved_to
        else:
            day = planned_day(template, setup.start, session, setup.days_off)
            naive = dt.datetime.combine(day, session.time)
        try:
            start = local_datetime(naive, setup.zone)
        except Invalid:  # a time the clocks skip: shown as the same moment, an hour later
            start = (
                naive.replace(tzinfo=setup.zone, fold=0).astimezone(dt.UTC).astimezone(setup.zone)
            )
        events.append(
            Event(
                id=session.id,
                kind=session.kind,
                title=session.title,
                summary=session.summary,
                component=session.component,
                week=session.week,
                start=start,
                # In UTC, so a session spanning a clock change lasts its real length.
                end=(start.astimezone(dt.UTC) + dt.timedelta(minutes=session.minutes)).astimezone(
                    setup.zone
                ),
                live=session.live,
                moved=moved_to is not None,
                attended=setup.attendance.get(session.id),
                holiday_note=bank_holiday_note(start.date(), setup.days_off)
                if session.live
                else None,
            )
        )
    events.sort(key=lambda e: (e.start, template.ids.index(e.id)))
    return events


def check_start(start: dt.date, today: dt.date) -> dt.date:
    """A start date up to a year back (a programme under way) or two years ahead."""
    if (today - start).days > 366:
        raise Invalid(f"{long_date(start)} is more than a year ago; check the year")
    if (start - today).days > 2 * 366:
        raise Invalid(f"{long_date(start)} is more than two years away; check the year")
    return start


def check_mark(event: Event, attended: bool | None, now: dt.datetime) -> bool | None:
    """A session can be marked once it has started; clearing a mark is always fine."""
    if attended is not None and event.start > now:
        day = short_date(event.day, now.astimezone(event.start.tzinfo).date())
        raise Invalid(f"{event.title} is on {day}; it can be marked once it has started")
    return attended


def check_move(
    template: ProgrammeTemplate, setup: ProgrammeSetup, event_id: str, when: dt.datetime
) -> dt.datetime:
    """Validate moving a session to the naive local time `when`; return it if it is fine.

    A session stays inside the programme: not before its first day (the
    baseline, planned in the week before, may go back to that week's first
    day) and not after the follow-up workshop. The follow-up itself may move
    up to a year from its planned day.
    """
    session = template.session(event_id)
    local_datetime(when, setup.zone)
    planned = planned_day(template, setup.start, session, setup.days_off)
    if abs((when.date() - planned).days) > 366:
        raise Invalid(
            f"{long_date(when.date())} is more than a year from the planned "
            f"{long_date(planned)}; check the year"
        )
    first = min(setup.start, week_start(setup.start, 1 if session.week is None else session.week))
    if when.date() < first:
        raise Invalid(
            f"{long_date(when.date())} is before the programme begins on {long_date(first)}; "
            "choose a day from then on"
        )
    followup = next((e for e in build_schedule(template, setup) if e.kind == "followup"), None)
    if followup is not None and session.kind != "followup" and when.date() > followup.day:
        raise Invalid(
            f"{long_date(when.date())} is after the follow-up workshop on "
            f"{long_date(followup.day)}; choose a day up to then"
        )
    return when


@dataclass(frozen=True)
class StartChange:
    """What moving the programme's start date changes, worked out before it is saved.

    Sessions keep their place in the programme and move with the start; a
    session the participant moved by hand keeps its new time. A mark
    (attended, missed, done) on a session that would then not have started
    yet is cleared: it could not have happened.
    """

    old: dt.date
    new: dt.date
    cleared: tuple[Event, ...]  # as dated now, with the mark that goes
    kept: tuple[Event, ...]
    hand_moved: tuple[Event, ...]
    first: Event  # the first webinar, as newly dated
    today: dt.date  # the day it is worked out on, for the dates' years

    @property
    def asks(self) -> bool:
        """Whether to ask first: there are marks, which the participant may want kept."""
        return bool(self.cleared or self.kept)

    def lines(self) -> list[str]:
        """What will change, in a few lines for the shell."""
        lines = [
            f"Your programme starts on {long_date(self.old)}; moving it to {long_date(self.new)}:",
            f"  the sessions move with it: {self.first.title}"
            f" is now {self.first.when_text(self.today)}",
        ]
        if self.hand_moved:
            names = ", ".join(e.title for e in self.hand_moved)
            lines.append(f"  sessions you moved keep their new times: {names}")
        if self.cleared:
            lines.append("  marks cleared, as these sessions would not have happened yet:")
            lines += [f"    {e.title} ({state_word(e)})" for e in self.cleared]
        if self.kept:
            lines.append(
                "  marks kept: " + ", ".join(f"{e.title} ({state_word(e)})" for e in self.kept)
            )
        return lines


def start_change(
    template: ProgrammeTemplate, setup: ProgrammeSetup, new: dt.date, now: dt.datetime
) -> StartChange:
    """What moving `setup`'s start to `new` changes, as of `now` (see `StartChange`)."""
    from dataclasses import replace

    before = {e.id: e for e in build_schedule(template, setup)}
    after = build_schedule(template, replace(setup, start=new))
    marked = [e for e in after if e.attended is not None]
    return StartChange(
        old=setup.start,
        new=new,
        cleared=tuple(before[e.id] for e in marked if e.start > now),
        kept=tuple(before[e.id] for e in marked if e.start <= now),
        hand_moved=tuple(e for e in after if e.moved),
        first=next(e for e in after if e.kind == "webinar"),
        today=now.astimezone(setup.zone).date(),
    )


def move_reorders(
    template: ProgrammeTemplate, setup: ProgrammeSetup, event_id: str, when: dt.datetime | None
) -> str | None:
    """A sentence when moving `event_id` to `when` puts it out of the programme's order.

    The order is the planned one: a session that would now come before one
    planned ahead of it (or after one planned later) gets a gentle note, since
    its week number and worksheet stay as they were. None when the order holds.
    """
    planned = build_schedule(template, replace(setup, moves={}))
    rank = {event.id: number for number, event in enumerate(planned)}
    moves = dict(setup.moves)
    if when is None:
        moves.pop(event_id, None)
    else:
        moves[event_id] = when
    after = build_schedule(template, replace(setup, moves=moves))
    mine = next(e for e in after if e.id == event_id)
    place = {event.id: number for number, event in enumerate(after)}
    overtaken = [e for e in after if rank[e.id] < rank[event_id] and place[e.id] > place[event_id]]
    if overtaken:
        return f"{mine.title} now comes before {overtaken[0].title}, which is planned earlier"
    passed = [e for e in after if rank[e.id] > rank[event_id] and place[e.id] < place[event_id]]
    if passed:
        return f"{mine.title} now comes after {passed[-1].title}, which is planned later"
    return None


# ---------------------------------------------------------------- where are we now


Phase = Literal["before", "during", "after"]


@dataclass(frozen=True)
class Status:
    """Where a given day falls in the programme."""

    today: dt.date
    phase: Phase
    week: int  # 1..weeks during the programme; 0 before; weeks + 1 after
    weeks: int
    days_to_start: int
    today_events: tuple[Event, ...]
    next_event: Event | None
    this_week: tuple[Event, ...]
    followup: Event | None

    @property
    def headline(self) -> str:
        if self.phase == "before":
            if self.days_to_start == 1:
                return "The programme starts tomorrow"
            return f"The programme starts in {self.days_to_start} days"
        if self.phase == "during":
            return f"Week {self.week} of {self.weeks}"
        if self.followup is None:
            return "Programme complete"
        if self.followup.day >= self.today:
            return f"Programme complete, follow-up on {short_date(self.followup.day, self.today)}"
        return f"Programme complete, follow-up was on {short_date(self.followup.day, self.today)}"


def status(
    template: ProgrammeTemplate, setup: ProgrammeSetup, events: Sequence[Event], now: dt.datetime
) -> Status:
    """Where `now` (aware) falls in the programme, and what is on and coming up."""
    today = now.astimezone(setup.zone).date()
    week = week_of(setup.start, today)
    if week < 1:
        phase: Phase = "before"
    elif week <= template.weeks:
        phase = "during"
    else:
        phase = "after"
    if phase == "during":
        first = week_start(setup.start, week)
        last = first + dt.timedelta(days=6)
        this_week = tuple(e for e in events if first <= e.day <= last)
    elif phase == "before":
        this_week = tuple(e for e in events if e.day < setup.start)
    else:
        this_week = ()
    return Status(
        today=today,
        phase=phase,
        week=min(max(week, 0), template.weeks + 1),
        weeks=template.weeks,
        days_to_start=(setup.start - today).days,
        today_events=tuple(e for e in events if e.day == today),
        next_event=next((e for e in events if e.end > now), None),
        this_week=this_week,
        followup=next((e for e in events if e.kind == "followup"), None),
    )


# ---------------------------------------------------------------- completion


@dataclass(frozen=True)
class Completion:
    sessions_attended: int
    sessions_missed: int
    sessions_total: int
    activities_done: int
    activities_total: int

    @property
    def sessions_line(self) -> str:
        return f"{self.sessions_attended} of {self.sessions_total} sessions attended"

    @property
    def activities_line(self) -> str:
        return f"{self.activities_done} of {self.activities_total} activities completed"

    @property
    def noticed_line(self) -> str:
        """A kind line that notices what was done; gaps are left unsaid, never compared."""
        done = [
            counted(count, noun)
            for count, noun in (
                (self.sessions_attended, "session"),
                (self.activities_done, "activity"),
            )
            if count
        ]
        if not done:
            return "Each session and activity you mark as done gathers here."
        return f"You have made time for {' and '.join(done)}: each one counts."


def completion(events: Sequence[Event], other_activities: Sequence[bool] = ()) -> Completion:
    """Attendance and completion so far, as the programme's evaluation counted them.

    `other_activities` are done-flags of activities beyond the schedule's own
    baseline and end (worksheets, for example).
    """
    sessions = [e for e in events if e.kind in SESSION_KINDS]
    activities = [e.attended is True for e in events if e.kind in ACTIVITY_KINDS]
    activities += list(other_activities)
    return Completion(
        sessions_attended=sum(e.attended is True for e in sessions),
        sessions_missed=sum(e.attended is False for e in sessions),
        sessions_total=len(sessions),
        activities_done=sum(activities),
        activities_total=len(activities),
    )


def state_word(event: Event) -> str:
    """Neutral words for an event's state: nothing here judges a missed session."""
    if event.attended is None:
        return ""
    if event.kind in ACTIVITY_KINDS:
        return "done" if event.attended else "not done"
    return "attended" if event.attended else "missed"
