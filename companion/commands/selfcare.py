"""The self-care log in the shell: `companion log walking 25`, and a day's or week's totals.

`companion log walking 25` is the quickest thing Companion does, so the
command modules import only the standard library at the top and each handler
imports what it needs: the log path costs Python plus `sqlite3`, never
Textual, sqlite-utils or dateutil.parser (tests/test_import_hygiene.py).
The helpers here (the programme, today, a typed day, a habit by its key) are
shared with `companion habits` and `companion practice`.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from companion.commands.common import (
    Parser,
    UsageError,
    current_time,
    opened,
    print_json,
    typed_word,
)
from companion.domain.plurals import counted

if TYPE_CHECKING:
    import datetime as dt

    from companion.domain.programme_setup import ProgrammeSetup
    from companion.domain.selfcare.habits import Habit
    from companion.domain.selfcare.summary import HabitSummary
    from companion.store import Store

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("log",)


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    log = commands.add_parser(
        "log",
        parents=[common],
        intermixed=True,
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


# ---------------------------------------------------------------- shared


def programme_setup(store: Store) -> ProgrammeSetup:
    setup = store.programme.setup()
    if setup is None:
        raise UsageError(
            "no programme is set up yet, so there are no habits to log; "
            "run `companion setup --start YYYY-MM-DD` or open `companion`"
        )
    return setup


def local_today(setup: ProgrammeSetup) -> dt.date:
    """Today in the programme's time zone (not the machine's, not UTC)."""
    from companion.domain.selfcare.entries import local_day

    return local_day(current_time(), setup.zone)


def day_given(args: argparse.Namespace, today: dt.date) -> dt.date:
    if args.date is None:
        return today
    from companion.domain.dates import parse_day_phrase

    return parse_day_phrase(args.date, today)


def find_habit(store: Store, typed: str, *, archived: bool = False) -> Habit:
    """The habit `typed` names (a key or a unique start of one), among active or archived ones."""
    from companion.domain.name_lookup import resolve_prefix

    typed = typed_word(typed, "The habit key")
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
        setup = programme_setup(store)
        today = local_today(setup)
        day = day_given(args, today)
        habit = find_habit(store, args.habit)
        value = check_value(habit, args.value)
        note = check_note(args.note)
        try:
            logged = store.selfcare.log(habit, day, value, note, current_time(), setup.zone.key)
        except AlreadyLoggedError:
            from companion.domain.dates import day_words

            print(f"{habit.name} is already logged for {day_words(day, today)}; that's done.")
            return 0
        week_total = _week_total(store, habit, setup, day) if habit.per == "week" else None
    from companion.domain.selfcare.describe import logged_line

    print(logged_line(habit, logged, today, week_total=week_total))
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
        setup = programme_setup(store)
        today = local_today(setup)
        day = day_given(args, today)
        habits = store.selfcare.habits()
        summaries = store.selfcare.summaries(
            day, today=today, programme_start=setup.start, habits=habits
        )
        habits = [habit.on(day) for habit in habits]  # each with the target it had that day
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
    print(f"{long_date(day)}{when}")
    if pauses:
        reason = f" ({pauses[0].reason})" if pauses[0].reason else ""
        print(f"A paused day{reason}: nothing is expected of it.")
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
        print(f"  {habit.name:<{width}}  {amount:<{column}}  habit strength {strength}")
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
    from companion.domain.selfcare.summary import on_target_heading, week_days

    days = week_days(day, setup.start.weekday())
    week_number = week_of(setup.start, days[0])
    today = local_today(setup)
    span = f"{short_date(days[0], today)} to {short_date(days[-1], today)}"
    if 1 <= week_number <= content.programme().weeks:
        print(f"Programme week {week_number}: {span}")
    else:
        print(f"The week of {span}")
    width = max((len(h.name) for h in habits), default=0)
    progress = [
        week_progress(habit, summary.week)
        for habit, summary in zip(habits, summaries, strict=True)
    ]
    column = max((len(words) for words in progress), default=0)
    # For yes/no habits the week's words already count the days done.
    measured = [habit for habit in habits if habit.kind != "yesno"]
    heading = f"  {'this week':<{column}}  {on_target_heading(measured)}" if measured else ""
    print(f"  {'':<{width}}  {''.join(f'{d:%a}'[0] for d in days)}{heading}".rstrip())
    for habit, summary, words in zip(habits, summaries, progress, strict=True):
        week = summary.week
        so_far = [d for d in week.days if d <= day]
        spark = sparkline(week.daily[: len(so_far)], spark_top(habit))
        cells = [
            PAUSED if d in paused else mark if counts else " "  # blank: before the habit began
            for d, mark, counts in zip(so_far, spark, week.counts, strict=False)
        ]
        chart = "".join(cells).ljust(7)
        line = f"  {habit.name:<{width}}  {chart}  {words:<{column}}"
        if habit.kind != "yesno":
            line += f"  {week.days_on_target} of {counted(week.days_so_far, 'day')}"
        print(line.rstrip())
    if habits:
        legend = f"  {NOTHING} nothing logged"
        if any(d in paused for d in days):
            legend += f"   {PAUSED} paused"
        print(legend)
