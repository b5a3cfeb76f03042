"""The `companion` command: opens the app, or runs a quick command in the shell.

Only the standard library is imported at the top, so `companion today` costs
Python plus `sqlite3`; Textual, sqlite-utils and icalendar load only for the
commands that use them. Errors are one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from companion import __version__

if TYPE_CHECKING:
    from companion.domain.programme import Event, Plan, ProgrammeTemplate
    from companion.store import Store

EXIT_USAGE = 2
MARKS = {"attended": True, "done": True, "missed": False, "clear": None}


class UsageError(Exception):
    """A mistake in what was typed; the message says what to do instead."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"companion: {message}; see `{self.prog} --help`\n")


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_DB_HELP)
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_DEMO)

    parser = _Parser(
        prog="companion",
        description="Your private companion for the eight-week self-compassion programme. "
        "With no command, opens the app.",
    )
    parser.add_argument("--db", metavar="PATH", default=None, help=_DB_HELP)
    parser.add_argument("--demo", action="store_true", default=False, help=_DEMO)
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)

    setup = commands.add_parser(
        "setup", parents=[common], help="set the programme start date (and your first name)"
    )
    setup.add_argument("--start", required=True, metavar="YYYY-MM-DD", help="day of webinar 1")
    setup.add_argument("--name", help="your first name, used in greetings (optional)")
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
    actions = schedule.add_subparsers(title="actions", metavar="ACTION", parser_class=_Parser)
    mark = actions.add_parser("mark", parents=[common], help="mark a session attended or missed")
    mark.add_argument("event", metavar="EVENT", help="session id, e.g. webinar-2")
    mark.add_argument("state", choices=list(MARKS), help="attended (or done), missed, or clear")
    mark.set_defaults(handler=cmd_mark)
    move = actions.add_parser("move", parents=[common], help="move a session to a new time")
    move.add_argument("event", metavar="EVENT", help="session id, e.g. coaching-1")
    move.add_argument("when", metavar="YYYY-MM-DDTHH:MM", help="new start, or 'planned' to undo")
    move.set_defaults(handler=cmd_move)

    locate = commands.add_parser("locate", parents=[common], help="where your data lives")
    locate.set_defaults(handler=cmd_locate)
    doctor = commands.add_parser("doctor", parents=[common], help="check the installation")
    doctor.set_defaults(handler=cmd_doctor)
    return parser


_DB_HELP = "database file (default: your data folder; or set COMPANION_DB)"
_DEMO = "use a throwaway database with a realistic example programme"


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # everything Companion creates is private
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (UsageError, ValueError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from companion.store import StoreError

        if isinstance(error, StoreError):
            return _fail(str(error))
        from companion import crash

        print(crash.one_line(error), file=sys.stderr)
        return 1


def _fail(message: str) -> int:
    print(f"companion: {message}", file=sys.stderr)
    return EXIT_USAGE


def _now() -> dt.datetime:
    from companion import clock

    return clock.now()


# ---------------------------------------------------------------- opening the database


@contextlib.contextmanager
def _opened(args: argparse.Namespace, *, create: bool, check: bool = False) -> Iterator[Store]:
    """The store to use: a throwaway demo, --db / COMPANION_DB, or the default location."""
    from companion.store import StoreError, open_store, resolve_db_path
    from companion.store.files import private_dir

    if args.demo:
        if args.db:
            raise UsageError("--demo uses a throwaway database; leave out --db")
        from companion import demo

        with demo.throwaway(_now()) as path:
            store = open_store(path, create=False, check=check)
            try:
                yield store
            finally:
                store.close()
        return
    path, is_default = resolve_db_path(args.db)
    if not path.exists() and not create:
        raise StoreError(
            f"there is no Companion database at {path} yet; "
            "run `companion setup --start YYYY-MM-DD` or open `companion`"
        )
    if is_default:
        private_dir(path.parent)
    store = open_store(path, create=create, check=check)
    try:
        yield store
    finally:
        store.close()


def _programme(store: Store) -> tuple[ProgrammeTemplate, Plan, list[Event]]:
    from companion import content
    from companion.domain.programme import build_schedule

    plan = store.plan()
    if plan is None:
        raise UsageError(
            "no programme is set up yet; run `companion setup --start YYYY-MM-DD` "
            "or open `companion`"
        )
    template = content.programme()
    return template, plan, build_schedule(template, plan)


def _event_id(template: ProgrammeTemplate, event_id: str) -> str:
    if event_id not in template.ids:
        raise UsageError(
            f"there is no session {event_id!r}; the sessions are {', '.join(template.ids)}"
        )
    return event_id


# ---------------------------------------------------------------- commands


def cmd_app(args: argparse.Namespace) -> int:
    from companion.tui import run

    with _opened(args, create=True, check=True) as store:
        return run(store, demo=args.demo)


def cmd_setup(args: argparse.Namespace) -> int:
    from companion import clock, content
    from companion.domain.dates import long_date, parse_day
    from companion.domain.habits import DEFAULT_HABITS
    from companion.domain.programme import build_schedule, check_start
    from companion.domain.text import check_name, printable

    start = parse_day(args.start)
    name = check_name(args.name)
    now = _now()
    zone_name = clock.local_zone_name()
    check_start(start, now.date())
    with _opened(args, create=True) as store:
        if args.name is None:  # changing the date keeps the name; --name "" clears it
            previous = store.plan()
            name = previous.name if previous else None
        store.setup(start, name, zone_name, DEFAULT_HABITS, now)
        plan = store.plan()
        habits = store.habits()
    assert plan is not None
    first = next(e for e in build_schedule(content.programme(), plan) if e.kind == "webinar")
    hello = f"Welcome, {printable(name)}. " if name else ""
    print(f"{hello}Your programme starts on {long_date(start)} ({zone_name}).")
    print(f"First session: {first.title}, {first.when}.")
    print(f"Self-care habits: {', '.join(h.name.lower() for h in habits)}.")
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    from companion.domain.programme import completion, status

    with _opened(args, create=False) as store:
        template, plan, events = _programme(store)
    now = _now()
    where = status(template, plan, events, now)
    done = completion(events)
    if args.json:
        _print_json(
            {
                "day": where.today.isoformat(),
                "phase": where.phase,
                "week": where.week,
                "weeks": where.weeks,
                "headline": where.headline,
                "name": plan.name,
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
        print(f"Today: {event.title}, {event.when}")
    if where.next_event and where.next_event not in where.today_events:
        days = (where.next_event.day - where.today).days
        print(f"Next up: {where.next_event.title}, {where.next_event.when} ({in_days(days)})")
    if where.this_week:
        print("This week:")
        for event in where.this_week:
            state = state_word(event)
            print(f"  {event.when:<24} {event.title}" + (f"  ({state})" if state else ""))
    print(f"So far: {done.sessions_line}; {done.activities_line}.")
    return 0


def cmd_schedule(args: argparse.Namespace) -> int:
    from companion.domain.programme import state_word

    with _opened(args, create=False) as store:
        template, _plan, events = _programme(store)
        uid = store.setting("calendar_uid") or "programme"
    if args.ics:
        from companion.domain.ics import to_ics
        from companion.store.files import write_private

        target = Path(args.ics).expanduser().absolute()
        if not target.parent.is_dir():
            raise UsageError(f"the folder {target.parent} does not exist; choose another FILE")
        write_private(target, to_ics(events, template.title, uid, _now()))
        print(f"Wrote {len(events)} sessions to {target}; import it into your calendar.")
        return 0
    if args.json:
        _print_json([e.as_json() for e in events])
        return 0
    for event in events:
        week = "" if event.week is None else f"week {event.week}"
        moved = " (moved)" if event.moved else ""
        print(f"{event.id:<11} {week:<7} {event.when:<24} {event.title}{moved}", end="")
        state = state_word(event)
        print(f"  [{state}]" if state else "")
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    from companion.domain.programme import state_word

    with _opened(args, create=False) as store:
        template, _plan, _events = _programme(store)
        event_id = _event_id(template, args.event)
        store.mark(event_id, MARKS[args.state], _now())
        _template, _plan, events = _programme(store)
    event = next(e for e in events if e.id == event_id)
    print(f"{event.title}: {state_word(event) or 'not marked'}")
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    from companion.domain.dates import parse_minute
    from companion.domain.programme import check_move

    with _opened(args, create=False) as store:
        template, plan, _events = _programme(store)
        event_id = _event_id(template, args.event)
        if args.when.strip().lower() == "planned":
            store.move(event_id, None, _now())
        else:
            when = check_move(template, plan, event_id, parse_minute(args.when))
            store.move(event_id, when, _now())
        _template, _plan, events = _programme(store)
    event = next(e for e in events if e.id == event_id)
    print(f"{event.title}: {event.when}" + (" (moved)" if event.moved else " (as planned)"))
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    from companion import crash
    from companion.store import resolve_db_path
    from companion.store.backup import backups_dir

    path, _ = resolve_db_path(args.db)
    print(f"database:   {path}")
    print(f"backups:    {backups_dir(path)}")
    print(f"crash logs: {crash.crash_dir()}")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    import platform
    import sqlite3
    from importlib.metadata import PackageNotFoundError, version

    from companion.store.backup import list_backups
    from companion.store.schema import SCHEMA_VERSION

    print(f"companion     {__version__}")
    print(f"python        {platform.python_version()} ({sys.executable})")
    print(f"sqlite        {sqlite3.sqlite_version}")
    for package in ("textual", "rich", "sqlite-utils", "python-dateutil", "icalendar"):
        try:
            print(f"{package:<13} {version(package)}")
        except PackageNotFoundError:
            print(f"{package:<13} missing: reinstall Companion")
    from companion.store import StoreError

    try:
        with _opened(args, create=False) as store:
            mode = store.path.stat().st_mode & 0o777
            newest = list_backups(store.path)
            print(f"database      {store.path} (mode {mode:o})")
            known = f"this Companion knows up to {SCHEMA_VERSION}"
            print(f"schema        version {store.schema_version()} ({known})")
            print(f"integrity     {store.integrity()}")
            print(f"last backup   {newest[0] if newest else 'none yet'}")
            print(f"programme     {'set up' if store.plan() else 'not set up yet'}")
    except StoreError as problem:
        print(f"database      {problem}")
        return EXIT_USAGE
    return 0


def _print_json(value: object) -> None:
    import json

    print(json.dumps(value, indent=2, ensure_ascii=False))
