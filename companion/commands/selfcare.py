"""Self-care commands: log, habits, practice.

`companion log walking 25` is the quickest thing Companion does, so this
module imports only the standard library at the top and each handler imports
what it needs: the log path costs Python plus `sqlite3`, never Textual,
sqlite-utils or dateutil.parser (tests/test_import_hygiene_selfcare.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from companion.commands.common import Parser, UsageError, current_time, opened, print_json

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from companion.domain.programme import ProgrammeSetup
    from companion.domain.selfcare.habits import Habit
    from companion.domain.selfcare.practice import Countdown
    from companion.domain.selfcare.summary import HabitSummary
    from companion.store import Store

# The practice timer's clock, pause and question; tests replace them to run without waiting.
monotonic: Callable[[], float] = time.monotonic
sleep: Callable[[float], None] = time.sleep
ask: Callable[[str], str] = input

_KINDS_HELP = "yesno (done or not), count (glasses, cups...) or minutes"


# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("log", "habits", "practice")


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    log = commands.add_parser(
        "log",
        parents=[common],
        help="log self-care (e.g. `companion log walk 25`); alone, today's totals",
        description="Log self-care, e.g. `companion log walk 25` (a unique start of the "
        "habit's key is enough). With no habit, prints the day's totals.",
    )
    log.add_argument("habit", nargs="?", metavar="HABIT", help="the habit's key, or its start")
    log.add_argument(
        "value",
        nargs="?",
        metavar="VALUE",
        help="how much: minutes, a count, or nothing for yes/no and count habits (1)",
    )
    log.add_argument(
        "--date",
        metavar="DATE",
        help="the day it was for: YYYY-MM-DD, today, yesterday, monday..., or N days ago",
    )
    log.add_argument("--note", metavar="TEXT", help="a short note (one line, up to 500 chars)")
    log.add_argument("--json", action="store_true", help="print the day's totals as JSON")
    log.add_argument("--week", action="store_true", help="print the week as a small table")
    log.set_defaults(handler=cmd_log)

    habits = commands.add_parser(
        "habits", parents=[common], help="your self-care habits: list, add, archive, restore"
    )
    habits.add_argument("--json", action="store_true", help="print the list as JSON")
    habits.set_defaults(handler=cmd_habits_list)
    actions = habits.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser)
    listing = actions.add_parser("list", parents=[common], help="list the habits (the default)")
    listing.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON"
    )
    listing.set_defaults(handler=cmd_habits_list)

    add = actions.add_parser("add", parents=[common], help="add a habit")
    add.add_argument("key", metavar="KEY", help="a short key for the shell, e.g. kind-moment")
    add.add_argument("name", metavar="NAME", help='its name, e.g. "Kind moment"')
    add.add_argument(
        "--kind", default="yesno", metavar="KIND", help=f"{_KINDS_HELP} (default yesno)"
    )
    add.add_argument("--unit", metavar="UNIT", help="what you count, e.g. glasses")
    add.add_argument("--target", metavar="N", help="how much you aim for (optional)")
    add.add_argument(
        "--per", default="day", metavar="day|week", help="the target is per day or per week"
    )
    add.add_argument(
        "--direction",
        default="at_least",
        metavar="at_least|at_most",
        help="aim for at least the target, or at most it (a limit)",
    )
    add.set_defaults(handler=cmd_habits_add)

    archive = actions.add_parser(
        "archive", parents=[common], help="put a habit away (its entries are kept)"
    )
    archive.add_argument("key", metavar="KEY")
    archive.set_defaults(handler=cmd_habits_archive)
    restore = actions.add_parser("restore", parents=[common], help="bring an archived habit back")
    restore.add_argument("key", metavar="KEY")
    restore.set_defaults(handler=cmd_habits_restore)
    rename = actions.add_parser("rename", parents=[common], help="give a habit a new name")
    rename.add_argument("key", metavar="KEY")
    rename.add_argument("name", metavar="NAME")
    rename.set_defaults(handler=cmd_habits_rename)
    move = actions.add_parser("move", parents=[common], help="move a habit up or down the list")
    move.add_argument("key", metavar="KEY")
    move.add_argument("position", metavar="POSITION", help="its new place: 1 is the top")
    move.set_defaults(handler=cmd_habits_move)

    practice = commands.add_parser(
        "practice",
        parents=[common],
        help="a timed practice, e.g. `companion practice meditation 10`",
        description="A calm countdown; the minutes are logged at the end. Ctrl+C stops "
        "early and asks whether to log the minutes done.",
    )
    practice.add_argument("habit", metavar="HABIT", help="a minutes habit, e.g. meditation")
    practice.add_argument("minutes", metavar="MINUTES", help="how long, 1 to 180")
    practice.add_argument("--bell", action="store_true", help="ring the terminal bell at the end")
    practice.set_defaults(handler=cmd_practice)


# ---------------------------------------------------------------- shared


def _setup(store: Store) -> ProgrammeSetup:
    setup = store.programme.setup()
    if setup is None:
        raise UsageError(
            "no programme is set up yet, so there are no habits to log; "
            "run `companion setup --start YYYY-MM-DD` or open `companion`"
        )
    return setup


def _today(setup: ProgrammeSetup) -> dt.date:
    """Today in the programme's time zone (not the machine's, not UTC)."""
    from companion.domain.selfcare.entries import local_day

    return local_day(current_time(), setup.zone)


def _day(args: argparse.Namespace, today: dt.date) -> dt.date:
    if args.date is None:
        return today
    from companion.domain.dates import parse_day_phrase

    return parse_day_phrase(args.date, today)


def _find(store: Store, typed: str, *, archived: bool = False) -> Habit:
    """The habit `typed` names (a key or a unique start of one), among active or archived ones."""
    from companion.domain.name_lookup import resolve_prefix

    everything = store.selfcare.habits(include_archived=True)
    chosen = [h for h in everything if h.archived == archived]
    if not archived:
        folded = typed.strip().casefold()
        put_away = [h for h in everything if h.archived and h.key == folded]
        if put_away and not any(h.key.startswith(folded) for h in chosen):
            raise UsageError(
                f"{put_away[0].key} is archived; `companion habits restore {put_away[0].key}` "
                "brings it back"
            )
    if archived and not chosen:
        raise UsageError("no habits are archived")
    key = resolve_prefix(typed, [h.key for h in chosen])
    return next(h for h in chosen if h.key == key)


def _print(line: str) -> None:
    from companion.domain.user_text import printable

    print(printable(line))


# ---------------------------------------------------------------- log


def cmd_log(args: argparse.Namespace) -> int:
    if args.habit is None:
        if args.value is not None or args.note is not None:
            raise UsageError("say which habit first, e.g. `companion log walking 25`")
        return _show_day(args)
    if args.json or args.week:
        raise UsageError("--json and --week show totals; leave out the habit and value")
    from companion.domain.selfcare.entries import AlreadyLoggedError, check_note, check_value

    with opened(args, create=False) as store:
        setup = _setup(store)
        today = _today(setup)
        day = _day(args, today)
        habit = _find(store, args.habit)
        value = check_value(habit, args.value)
        note = check_note(args.note)
        try:
            logged = store.selfcare.log(habit, day, value, note, current_time(), setup.zone.key)
        except AlreadyLoggedError:
            from companion.domain.dates import day_words

            _print(f"{habit.name} is already logged for {day_words(day, today)}; that's done.")
            return 0
        week_total = _week_total(store, habit, setup, day) if habit.per == "week" else None
    from companion.domain.selfcare.describe import logged_line

    _print(logged_line(habit, logged, today, week_total=week_total))
    return 0


def _week_total(store: Store, habit: Habit, setup: ProgrammeSetup, day: dt.date) -> float:
    from companion.domain.selfcare.summary import week_days, week_total

    first_weekday = setup.start.weekday()
    totals = store.selfcare.habit_totals(habit.id, week_days(day, first_weekday)[0], day)
    return week_total(totals, day, first_weekday)


def _show_day(args: argparse.Namespace) -> int:
    from companion.domain.selfcare.pauses import paused_days
    from companion.domain.selfcare.summary import week_days

    with opened(args, create=False) as store:
        setup = _setup(store)
        today = _today(setup)
        day = _day(args, today)
        habits = store.selfcare.habits()
        summaries = store.selfcare.summaries(
            day, today=today, programme_start=setup.start, habits=habits
        )
        week = week_days(day, setup.start.weekday())
        paused = paused_days((p.first, p.last) for p in store.selfcare.pauses(week[0], week[-1]))
        pauses = store.selfcare.pauses(day, day)
    if args.json:
        print_json(
            {
                "day": day.isoformat(),
                "habits": [
                    {
                        "key": habit.key,
                        "name": habit.name,
                        "unit": habit.unit,
                        "total": summary.day_total,
                        "target": habit.target,
                        "strength": round(summary.strength, 3),
                    }
                    for habit, summary in zip(habits, summaries, strict=True)
                ],
            }
        )
        return 0
    if args.week:
        _print_week(habits, summaries, setup, day, paused)
        return 0
    from companion.domain.dates import long_date
    from companion.domain.selfcare.describe import percent, progress, week_progress

    when = " (today)" if day == today else ""
    _print(f"{long_date(day)}{when}")
    if pauses:
        reason = f" ({pauses[0].reason})" if pauses[0].reason else ""
        _print(f"A paused day{reason}: nothing is expected of it.")
    if not habits:
        print("No habits yet; add one with `companion habits add KEY NAME`.")
    width = max((len(h.name) for h in habits), default=0)
    amounts = [
        f"this week: {week_progress(habit, summary.week)}"
        if habit.per == "week"
        else progress(habit, summary.day_total)
        for habit, summary in zip(habits, summaries, strict=True)
    ]
    column = max((len(a) for a in amounts), default=0)
    for habit, summary, amount in zip(habits, summaries, amounts, strict=True):
        strength = percent(summary.strength)
        _print(f"  {habit.name:<{width}}  {amount:<{column}}  habit strength {strength}")
    return 0


def _print_week(
    habits: list[Habit],
    summaries: list[HabitSummary],
    setup: ProgrammeSetup,
    day: dt.date,
    paused: frozenset[dt.date],
) -> None:
    """The week holding `day`: a letter per day, a sparkline per habit, the week so far."""
    from companion import content
    from companion.domain.charts import NOTHING, PAUSED, spark_top, sparkline
    from companion.domain.dates import short_date
    from companion.domain.programme import week_of
    from companion.domain.selfcare.describe import week_progress
    from companion.domain.selfcare.summary import week_days

    days = week_days(day, setup.start.weekday())
    week_number = week_of(setup.start, days[0])
    span = f"{short_date(days[0])} to {short_date(days[-1])}"
    if 1 <= week_number <= content.programme().weeks:
        _print(f"Programme week {week_number}: {span}")
    else:
        _print(f"The week of {span}")
    width = max((len(h.name) for h in habits), default=0)
    print(f"  {'':<{width}}  {''.join(f'{d:%a}'[0] for d in days)}")
    for habit, summary in zip(habits, summaries, strict=True):
        week = summary.week
        so_far = [d for d in week.days if d <= day]
        spark = sparkline(week.daily[: len(so_far)], spark_top(habit))
        cells = [PAUSED if d in paused else mark for d, mark in zip(so_far, spark, strict=True)]
        chart = "".join(cells).ljust(7)
        line = f"  {habit.name:<{width}}  {chart}  {week_progress(habit, week)}"
        if habit.kind != "yesno":  # for yes/no, the week's line already counts days
            line += f"  \u00b7  {week.days_practised} of {week.days_so_far} days"
        _print(line)
    if habits:
        legend = f"  {NOTHING} nothing logged"
        if any(d in paused for d in days):
            legend += f"   {PAUSED} paused"
        print(legend)


# ---------------------------------------------------------------- habits


def cmd_habits_list(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habits = store.selfcare.habits(include_archived=True)
    if getattr(args, "json", False):
        print_json(
            [
                {
                    "key": h.key,
                    "name": h.name,
                    "kind": h.kind,
                    "unit": h.unit,
                    "target": h.target,
                    "per": h.per,
                    "direction": h.direction,
                    "archived": h.archived,
                }
                for h in habits
            ]
        )
        return 0
    active = [h for h in habits if not h.archived]
    archived = [h for h in habits if h.archived]
    width = max((len(h.key) for h in habits), default=0)
    names = max((len(h.name) for h in habits), default=0)
    if not active:
        print("No habits yet; add one with `companion habits add KEY NAME`.")
    for habit in active:
        _print(
            f"{habit.key:<{width}}  {habit.name:<{names}}  {habit.kind:<7}  {habit.target_line}"
        )
    if archived:
        print("Archived (entries kept):")
        for habit in archived:
            _print(f"{habit.key:<{width}}  {habit.name}")
    return 0


def cmd_habits_add(args: argparse.Namespace) -> int:
    from companion.domain.selfcare.habits import HABIT_KINDS, HabitSpec

    kind = args.kind.strip().lower().replace("/", "").replace("-", "")
    if kind not in HABIT_KINDS:
        raise UsageError(f"--kind is one of {', '.join(HABIT_KINDS)}, not {args.kind!r}")
    unit = args.unit if args.unit is not None else ("minutes" if kind == "minutes" else "times")
    target = _target(args.target)
    spec = HabitSpec(
        key=args.key,
        name=args.name,
        kind=kind,
        unit=unit,
        target=target,
        per=args.per.strip().lower(),
        direction=args.direction.strip().lower().replace("-", "_"),
    )
    with opened(args, create=False) as store:
        _setup(store)
        habit = store.selfcare.add_habit(spec, current_time())
    example = habit.key if habit.kind != "minutes" else f"{habit.key} 20"
    _print(f"Added {habit.name} ({habit.key}): {habit.target_line}.")
    _print(f"Log it with `companion log {example}`.")
    return 0


def _target(text: str | None) -> float | None:
    if text is None or text.strip().lower() in ("", "none"):
        return None
    import re

    if re.fullmatch(r"\d+(\.\d+)?", text.strip(), re.ASCII) is None:
        raise UsageError(f"--target must be a number, e.g. 10, not {text.strip()[:20]!r}")
    return float(text)


def cmd_habits_archive(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habit = _find(store, args.key)
        store.selfcare.archive_habit(habit.id, current_time())
    _print(
        f"Archived {habit.name}; its entries are kept. "
        f"`companion habits restore {habit.key}` brings it back."
    )
    return 0


def cmd_habits_restore(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habit = _find(store, args.key, archived=True)
        store.selfcare.restore_habit(habit.id)
    _print(f"{habit.name} is back, with all its entries.")
    return 0


def cmd_habits_rename(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habit = _find(store, args.key)
        store.selfcare.rename_habit(habit.id, args.name)
        renamed = next(h for h in store.selfcare.habits() if h.id == habit.id)
    _print(f"{habit.name} is now called {renamed.name} (key {renamed.key}).")
    return 0


def cmd_habits_move(args: argparse.Namespace) -> int:
    text = args.position.strip()
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise UsageError(f"POSITION is a place in the list, 1 for the top, not {text[:20]!r}")
    with opened(args, create=False) as store:
        habit = _find(store, args.key)
        store.selfcare.move_habit(habit.id, int(text) - 1)
        order = [h.name for h in store.selfcare.habits()]
    _print("Your habits, in order: " + ", ".join(order) + ".")
    return 0


# ---------------------------------------------------------------- practice


def cmd_practice(args: argparse.Namespace) -> int:
    from companion.domain.selfcare.practice import ENDING, Countdown, check_minutes

    minutes = check_minutes(args.minutes)
    with opened(args, create=False) as store:
        setup = _setup(store)
        habit = _find(store, args.habit)
        if habit.kind != "minutes":
            minutes_habits = [h.key for h in store.selfcare.habits() if h.kind == "minutes"]
            raise UsageError(
                f"{habit.name} is not counted in minutes; a practice logs minutes, so choose "
                f"one of: {', '.join(minutes_habits) or 'none yet (add one with --kind minutes)'}"
            )
        day = _today(setup)
        countdown = Countdown(minutes, monotonic())
        _print(f"{habit.name} for {minutes} minutes. Settle in; Ctrl+C stops early.")
        try:
            _run_countdown(countdown)
        except KeyboardInterrupt:
            done = countdown.minutes_done(monotonic())
            sys.stdout.write("\n")
            if done < 1:
                print("Stopped before a minute had passed; nothing logged. That's fine.")
                return 0
            if not _agree(
                f"Stopped after {done} minute{'s' if done != 1 else ''}. Log them? [Y/n] "
            ):
                print("Nothing logged. Thank you for the time you took.")
                return 0
            minutes = done
        else:
            bell = "\a" if args.bell else ""
            sys.stdout.write("\n" + ENDING + bell + "\n")
        logged = store.selfcare.log(
            habit, day, float(minutes), None, current_time(), setup.zone.key
        )
    from companion.domain.selfcare.describe import logged_line

    _print(logged_line(habit, logged, day))
    return 0


def _run_countdown(countdown: Countdown) -> None:
    """Redraw one calm line twice a second until the time is up (only on a terminal)."""
    from companion.domain.charts import bar
    from companion.domain.selfcare.practice import clock_text

    live = sys.stdout.isatty()
    while True:
        now = monotonic()
        if live:
            left = clock_text(countdown.remaining(now))
            sys.stdout.write(f"\r  {bar(countdown.share(now), 30)}  {left} left ")
            sys.stdout.flush()
        if countdown.finished(now):
            return
        sleep(min(0.5, max(0.05, countdown.remaining(now))))


def _agree(question: str) -> bool:
    try:
        answer = ask(question)
    except (EOFError, KeyboardInterrupt):
        sys.stdout.write("\n")
        return False
    return answer.strip().lower() in ("", "y", "yes")
