"""Programme commands: setup, today, schedule (mark, move)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from companion.commands.common import (
    Parser,
    UsageError,
    current_time,
    file_to_write,
    mark_saved,
    opened,
    print_json,
    programme_of,
    typed_word,
)
from companion.domain.plurals import counted

if TYPE_CHECKING:
    import datetime as dt

    from companion.domain.programme import Event
    from companion.domain.programme_setup import ProgrammeSetup
    from companion.domain.programme_template import ProgrammeTemplate
    from companion.store import Store

MARKS = {"attended": True, "done": True, "missed": False, "clear": None}


# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("setup", "today", "schedule", "holidays")


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    setup = commands.add_parser(
        "setup", parents=[common], help="set the programme start date (and your first name)"
    )
    setup.add_argument(
        "--start",
        required=True,
        metavar="DATE",
        help="day of webinar 1: YYYY-MM-DD, or e.g. next monday",
    )
    setup.add_argument("--name", help="your first name, used in greetings (optional)")
    setup.add_argument(
        "--yes", action="store_true", help="move a programme with marks without asking (scripts)"
    )
    setup.set_defaults(handler=cmd_setup)

    today = commands.add_parser("today", parents=[common], help="where you are and what is due")
    today.add_argument("--json", action="store_true", help="print JSON")
    today.set_defaults(handler=cmd_today)

    schedule = commands.add_parser(
        "schedule", parents=[common], help="the whole programme; mark or move a session"
    )
    schedule.add_argument("--json", action="store_true", help="print the events as JSON")
    schedule.add_argument("--ics", metavar="FILE", help="write an iCalendar file")
    schedule.set_defaults(handler=cmd_schedule)
    actions = schedule.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser)
    mark = actions.add_parser("mark", parents=[common], help="mark a session attended or missed")
    mark.add_argument("event", metavar="EVENT", help="session id, e.g. webinar-2")
    mark.add_argument("state", choices=list(MARKS), help="attended (or done), missed, or clear")
    mark.set_defaults(handler=cmd_mark)
    move = actions.add_parser("move", parents=[common], help="move a session to a new time")
    move.add_argument("event", metavar="EVENT", help="session id, e.g. coaching-1")
    move.add_argument(
        "when",
        nargs="+",
        metavar="WHEN",
        help="new day and time (2026-03-02 10:00, friday 12:00, next monday; "
        "without a time it keeps its own), or 'planned' to undo",
    )
    move.set_defaults(handler=cmd_move)

    holidays = commands.add_parser(
        "holidays",
        parents=[common],
        help="the bank holidays your measures and follow-up avoid; choose your region",
        description="The baseline, the end measures and the follow-up workshop fall on working "
        "days: never at a weekend or on a bank holiday of your region (England and Wales "
        "unless you choose another).",
    )
    holidays.add_argument(
        "--region",
        metavar="CODE",
        help="GB-ENG (England and Wales), GB-SCT, GB-NIR, another country code such as IE, "
        "or none",
    )
    holidays.set_defaults(handler=cmd_holidays)


def _event_id(template: ProgrammeTemplate, event_id: str) -> str:
    event_id = typed_word(event_id, "The session id")
    if event_id not in template.ids:
        raise UsageError(
            f"there is no session {event_id!r}; the sessions are {', '.join(template.ids)}"
        )
    return event_id


# ---------------------------------------------------------------- commands


def cmd_setup(args: argparse.Namespace) -> int:
    from companion import clock, content
    from companion.domain.dates import long_date, parse_day_phrase
    from companion.domain.programme import build_schedule, check_start
    from companion.domain.selfcare.habits import DEFAULT_HABITS
    from companion.domain.user_text import check_name

    now = current_time()
    start = parse_day_phrase(args.start, now.date(), facing="future")
    name = check_name(args.name)
    zone_name = clock.local_zone_name()
    check_start(start, now.date())
    with opened(args, create=True) as store:
        previous = store.programme.setup()
        if args.name is None:  # changing the date keeps the name; --name "" clears it
            name = previous.name if previous else None
        if previous is not None:
            return _change_setup(args, store, previous, start, name, zone_name)
        store.programme.save_setup(start, name, zone_name, DEFAULT_HABITS, now)
        setup = store.programme.setup()
        habits = store.selfcare.habits()
    assert setup is not None
    first = next(e for e in build_schedule(content.programme(), setup) if e.kind == "webinar")
    hello = f"Welcome, {name}. " if name else ""
    print(f"{hello}Your programme starts on {long_date(start)} ({zone_name}).")
    print(f"First session: {first.title}, {first.when_text(now.astimezone(setup.zone).date())}.")
    print(f"Self-care habits: {', '.join(h.name.lower() for h in habits)}.")
    return 0


def _change_setup(
    args: argparse.Namespace,
    store: Store,
    previous: ProgrammeSetup,
    start: dt.date,
    name: str | None,
    zone_name: str,
) -> int:
    """`setup` on an existing programme: a new start date (asking first if marks exist), a name."""
    from companion import content
    from companion.commands.asking import NOTHING_CHANGED, ask
    from companion.domain.dates import long_date
    from companion.domain.programme import start_change

    now = current_time()
    if start == previous.start:
        store.programme.save_setup(start, name, zone_name, (), now)
        print(f"Your programme starts on {long_date(start)}, as before.")
        if name != previous.name:
            print("Your name is saved." if name else "Your name is cleared.")
        return 0
    change = start_change(content.programme(), previous, start, now)
    if change.asks and not ask(
        "Move the programme?",
        yes=args.yes,
        refusal="moving the start of a programme with marked sessions asks first",
        details=change.lines(),
    ):
        print(NOTHING_CHANGED)
        return 0
    cleared = [e.id for e in change.cleared]
    store.programme.save_setup(start, name, zone_name, (), now, clear_marks=cleared)
    print(f"Programme moved to start on {long_date(start)}.")
    print(f"First session: {change.first.title}, {change.first.when_text(change.today)}.")
    if cleared:
        titles = ", ".join(e.title for e in change.cleared)
        print(f"Cleared the marks of sessions that have not happened yet: {titles}.")
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    from companion.domain.programme import status
    from companion.story import programme_completion

    with opened(args, create=False) as store:
        template, setup, events = programme_of(store)
        done = programme_completion(store, events)
    now = current_time()
    where = status(template, setup, events, now)
    if args.json:
        print_json(
            {
                "day": where.today.isoformat(),
                "phase": where.phase,
                "week": where.week,
                "weeks": where.weeks,
                "headline": where.headline,
                "name": setup.name,
                "today": [e.as_json() for e in where.today_events],
                "next": where.next_event.as_json() if where.next_event else None,
                "this_week": [e.as_json() for e in where.this_week],
                "completion": {
                    "sessions_attended": done.sessions_attended,
                    "sessions_total": done.sessions_total,
                    "activities_done": done.activities_done,
                    "activities_total": done.activities_total,
                },
            }
        )
        return 0
    from companion.domain.dates import in_days
    from companion.domain.programme import state_word

    print(where.headline)
    for event in where.today_events:
        print(f"Today: {event.title}, {event.when_text(where.today)}" + _holiday(event))
    if where.next_event and where.next_event not in where.today_events:
        days = (where.next_event.day - where.today).days
        when = where.next_event.when_text(where.today)
        print(
            f"Next up: {where.next_event.title}, {when} ({in_days(days)})"
            + _holiday(where.next_event)
        )
    if where.this_week:
        print("This week:")
        width = max(24, *(len(e.when_text(where.today)) for e in where.this_week))
        for event in where.this_week:
            state = state_word(event)
            print(
                f"  {event.when_text(where.today):<{width}} {event.title}"
                + (f"  ({state})" if state else "")
                + _holiday(event)
            )
    print(f"So far: {done.sessions_line}; {done.activities_line}.")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from companion.domain.programme import state_word

    with opened(args, create=False) as store:
        template, setup, events = programme_of(store)
        uid = store.programme.calendar_uid()
    if args.ics:
        from companion.domain.ics import to_ics
        from companion.store.files import write_private

        target = file_to_write(args.ics)
        write_private(target, to_ics(events, template.title, uid, current_time()))
        mark_saved(args)
        print(
            f"Wrote {counted(len(events), 'session')} to {target}; import it into your calendar."
        )
        return 0
    if args.json:
        print_json([e.as_json() for e in events])
        return 0
    today = current_time().astimezone(setup.zone).date()
    whens = [e.when_text(today) for e in events]
    width = max([24, *map(len, whens)])  # a date in another year is a little longer
    for event, when in zip(events, whens, strict=True):
        week = "" if event.week is None else f"week {event.week}"
        moved = " (moved)" if event.moved else ""
        print(f"{event.id:<11} {week:<7} {when:<{width}} {event.title}{moved}", end="")
        state = state_word(event)
        print((f"  [{state}]" if state else "") + _holiday(event))
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    from companion.domain.programme import check_mark, state_word

    with opened(args, create=False) as store:
        template, _plan, events = programme_of(store)
        event_id = _event_id(template, args.event)
        moment = current_time()
        attended = check_mark(
            next(e for e in events if e.id == event_id), MARKS[args.state], moment
        )
        store.programme.mark(event_id, attended, moment)
        _template, _plan, events = programme_of(store)
    event = next(e for e in events if e.id == event_id)
    print(f"{event.title}: {state_word(event) or 'not marked'}")
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    from companion.domain.dates import parse_moment
    from companion.domain.programme import check_move, move_reorders

    typed = " ".join(args.when)
    with opened(args, create=False) as store:
        template, setup, events = programme_of(store)
        event_id = _event_id(template, args.event)
        now = current_time()
        if typed.strip().lower() == "planned":
            when = None
        else:
            current = next(e for e in events if e.id == event_id).start
            today = now.astimezone(setup.zone).date()
            moment = parse_moment(typed, today, default_time=current.time())
            when = check_move(template, setup, event_id, moment)
        note = move_reorders(template, setup, event_id, when)
        store.programme.move(event_id, when, now)
        _template, _plan, events = programme_of(store)
        today = now.astimezone(setup.zone).date()
    event = next(e for e in events if e.id == event_id)
    print(
        f"{event.title}: {event.when_text(today)}"
        + (" (moved)" if event.moved else " (as planned)")
    )
    if note:
        print(f"Note: {note}; its week and worksheet stay as they were.")
    return 0


def _holiday(event: Event) -> str:
    """`  (bank holiday: check with your coach)` for a live session on one, else nothing."""
    return f"  ({event.holiday_note})" if event.holiday_note else ""


def cmd_holidays(args: argparse.Namespace) -> int:
    from companion.domain.dates import long_date
    from companion.domain.programme import WORKING_DAY_KINDS
    from companion.domain.working_days import NO_REGION, check_region

    region = None if args.region is None else check_region(typed_word(args.region, "The region"))
    with opened(args, create=False) as store:
        if region is not None:
            _template, _setup, before = programme_of(store)
            store.programme.set_holidays_region(region)
            mark_saved(args)
        _template, setup, events = programme_of(store)
        chosen = store.programme.holidays_region()
    where = "no bank holidays, weekends only" if chosen == NO_REGION else chosen
    print(f"Bank holidays: {where}.")
    if region is not None:
        was = {e.id: e.day for e in before}
        for event in events:
            if event.kind in WORKING_DAY_KINDS and not event.moved and was[event.id] != event.day:
                print(f"{event.title}: now {long_date(event.day)}.")
    first, last = events[0].day, events[-1].day
    inside = sorted(d for d in setup.days_off if first <= d <= last)
    if inside:
        print("During your programme: " + ", ".join(long_date(d) for d in inside) + ".")
    today = current_time().astimezone(setup.zone).date()
    for event in events:
        if event.holiday_note:
            print(f"{event.title}, {event.when_text(today)}: {event.holiday_note}.")
    return 0
