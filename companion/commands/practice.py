"""A timed practice in the shell: `companion practice meditation 10` logs the minutes.

`companion practice self-compassion-break 3` is a guided practice: its steps
are printed in turn as the time passes, and the minutes are logged as meditation.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from companion.commands.common import Parser, UsageError, current_time, opened
from companion.commands.output import send_control
from companion.commands.selfcare import find_habit, local_today, programme_setup
from companion.domain.plurals import counted

if TYPE_CHECKING:
    from collections.abc import Callable

    from companion.domain.selfcare.guides import Guide
    from companion.domain.selfcare.practice import Countdown

# The practice timer's clock, pause and question; tests replace them to run without waiting.
monotonic: Callable[[], float] = time.monotonic
sleep: Callable[[float], None] = time.sleep
ask: Callable[[str], str] = input

# The subcommands `register` adds.
COMMANDS = ("practice",)


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    practice = commands.add_parser(
        "practice",
        parents=[common],
        help="a timed practice, e.g. `companion practice meditation 10`",
        description="A calm countdown; the minutes are logged at the end. Ctrl+C stops "
        "early and asks whether to log the minutes done. `self-compassion-break` is a "
        "guided practice: its steps show in turn, and the minutes count as meditation.",
    )
    practice.add_argument(
        "habit",
        metavar="HABIT",
        help="a minutes habit, e.g. meditation, or the guided self-compassion-break",
    )
    practice.add_argument("minutes", metavar="MINUTES", help="how long, 1 to 180")
    practice.add_argument("--bell", action="store_true", help="ring the terminal bell at the end")
    practice.set_defaults(handler=cmd_practice)


# ---------------------------------------------------------------- practice


def cmd_practice(args: argparse.Namespace) -> int:
    from companion.domain.selfcare.guides import GUIDES
    from companion.domain.selfcare.practice import ENDING, Countdown, check_minutes, stopped_after

    minutes = check_minutes(args.minutes)
    # A guide by its whole key (a habit's start, e.g. `med`, still names the habit).
    guide = GUIDES.get(args.habit.strip().lower())
    with opened(args, create=False) as store:
        setup = programme_setup(store)
        habit = find_habit(store, guide.habit if guide is not None else args.habit)
        if habit.kind != "minutes":
            minutes_habits = [h.key for h in store.selfcare.habits() if h.kind == "minutes"]
            raise UsageError(
                f"{habit.name} is not counted in minutes; a practice logs minutes, so choose "
                f"one of: {', '.join(minutes_habits) or 'none yet (add one with --kind minutes)'}"
            )
        day = local_today(setup)
        countdown = Countdown(minutes, monotonic())
        if guide is None:
            print(f"{habit.name} for {counted(minutes, 'minute')}. Settle in; Ctrl+C stops early.")
        else:
            print(
                f"{guide.title} for {counted(minutes, 'minute')}, logged as "
                f"{habit.name.lower()}. Settle in; Ctrl+C stops early."
            )
            if guide.touch:
                print(guide.touch)
        try:
            _run_countdown(countdown, guide)
        except KeyboardInterrupt:
            done = countdown.minutes_done(monotonic())
            sys.stdout.write("\n")
            if done < 1:
                print("Stopped before a minute had passed; nothing logged. That's fine.")
                return 0
            if not _agree(f"{stopped_after(done)} [Y/n] "):
                print("Nothing logged. Thank you for the time you took.")
                return 0
            minutes = done
        else:
            print("\n" + ENDING, end="")
            send_control("\a" if args.bell else "")
            print()
        logged = store.selfcare.log(
            habit, day, float(minutes), None, current_time(), setup.zone.key
        )
    from companion.domain.selfcare.describe import logged_line

    print(logged_line(habit, logged, day))
    return 0


def _run_countdown(countdown: Countdown, guide: Guide | None = None) -> None:
    """Redraw one calm line twice a second until the time is up (only on a terminal).

    With `guide`, each step is printed above that line when its time comes.
    """
    from companion.domain.charts import bar
    from companion.domain.selfcare.practice import clock_text

    live = sys.stdout.isatty()
    step = -1
    while True:
        now = monotonic()
        if (
            guide is not None
            and (now_step := guide.step_at(countdown.elapsed(now), countdown.seconds)) != step
        ):
            if live and step >= 0:
                send_control("\r" + " " * BAR_LINE_WIDTH + "\r")  # the calm line, wiped
            step = now_step
            _print_step(guide, step)
        if live:
            left = clock_text(countdown.remaining(now))
            send_control("\r")
            sys.stdout.write(f"  {bar(countdown.share(now), 30)}  {left} left ")
            sys.stdout.flush()
        if countdown.finished(now):
            return
        sleep(min(0.5, max(0.05, countdown.remaining(now))))


# Wide enough to wipe the calm line (`  <30-cell bar>  1:02:03 left `) before a step.
BAR_LINE_WIDTH = 50


def _print_step(guide: Guide, index: int) -> None:
    """The step's heading and words, wrapped to a calm width, after a blank line."""
    import textwrap

    print(f"\n{guide.step_line(index)}")
    print(textwrap.fill(guide.steps[index].words, width=72))


def _agree(question: str) -> bool:
    try:
        answer = ask(question)
    except (EOFError, KeyboardInterrupt):
        sys.stdout.write("\n")
        return False
    return answer.strip().lower() in ("", "y", "yes")
