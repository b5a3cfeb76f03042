"""Habits in the shell: `companion habits [list|add|edit|archive|restore|rename|move]`."""

from __future__ import annotations

import argparse
from typing import Literal

from companion.commands.common import (
    Parser,
    UsageError,
    current_time,
    opened,
    print_json,
    typed_word,
)
from companion.commands.selfcare import find_habit, local_today, programme_setup

_KINDS_HELP = "yesno (done or not), count (glasses, cups...) or minutes"

# The subcommands `register` adds.
COMMANDS = ("habits",)


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    habits = commands.add_parser(
        "habits",
        parents=[common],
        help="your self-care habits: list, add, edit, archive, restore",
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

    edit = actions.add_parser(
        "edit",
        parents=[common],
        help="change a habit's name, target, unit or direction (past days keep theirs)",
    )
    edit.add_argument("key", metavar="KEY")
    edit.add_argument("--name", metavar="NAME", help="a new name")
    edit.add_argument("--target", metavar="N", help="a new target, or `none`")
    edit.add_argument("--per", metavar="day|week", help="the target is per day or per week")
    edit.add_argument(
        "--direction", metavar="at_least|at_most", help="at least the target, or at most it"
    )
    edit.add_argument("--unit", metavar="UNIT", help="what you count, e.g. cups")
    edit.set_defaults(handler=cmd_habits_edit)

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
        print(f"{habit.key:<{width}}  {habit.name:<{names}}  {habit.kind:<7}  {habit.target_line}")
    if archived:
        print("Archived (entries kept):")
        for habit in archived:
            print(f"{habit.key:<{width}}  {habit.name}")
    return 0


def cmd_habits_add(args: argparse.Namespace) -> int:
    from companion.domain.selfcare.habits import HABIT_KINDS, HabitSpec, read_target

    for what, word in (
        ("The key", args.key),
        ("--kind", args.kind),
        ("--per", args.per),
        ("--direction", args.direction),
    ):
        typed_word(word, what)  # the policy first: the checks below echo what was typed
    kind = args.kind.strip().lower().replace("/", "").replace("-", "")
    if kind not in HABIT_KINDS:
        raise UsageError(f"--kind is one of {', '.join(HABIT_KINDS)}, not {args.kind!r}")
    unit = args.unit if args.unit is not None else ("minutes" if kind == "minutes" else "times")
    target = None if args.target is None else read_target(args.target)
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
        programme_setup(store)
        habit = store.selfcare.add_habit(spec, current_time())
    example = habit.key if habit.kind != "minutes" else f"{habit.key} 20"
    print(f"Added {habit.name} ({habit.key}): {habit.target_line}.")
    print(f"Log it with `companion log {example}`.")
    return 0


def cmd_habits_edit(args: argparse.Namespace) -> int:
    from companion.domain.selfcare.habits import plan_edit, read_target

    for what, word in (("--per", args.per), ("--direction", args.direction)):
        if word is not None:
            typed_word(word, what)
    changes = (args.name, args.target, args.per, args.direction, args.unit)
    if all(change is None for change in changes):
        raise UsageError(
            "say what to change: --name, --target, --per, --direction or --unit "
            "(e.g. `companion habits edit walking --target 20`)"
        )
    target: float | Literal["keep"] | None = (
        "keep" if args.target is None else read_target(args.target)
    )
    with opened(args, create=False) as store:
        setup = programme_setup(store)
        habit = find_habit(store, args.key)
        today = local_today(setup)
        edit = plan_edit(
            habit,
            today,
            name=args.name,
            target=target,
            per=None if args.per is None else args.per.strip().lower(),
            direction=None
            if args.direction is None
            else args.direction.strip().lower().replace("-", "_"),
            unit=args.unit,
        )
        store.selfcare.edit_habit(habit.id, edit, current_time())
        after = store.selfcare.habit(habit.id)
    print(f"{after.name} ({after.key}): {after.target_line}.")
    if edit.ended is not None:
        print(f"Days before today keep the target they had ({habit.target_line}).")
    return 0


def cmd_habits_archive(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habit = find_habit(store, args.key)
        store.selfcare.archive_habit(habit.id, current_time())
    print(
        f"Archived {habit.name}; its entries are kept. "
        f"`companion habits restore {habit.key}` brings it back."
    )
    return 0


def cmd_habits_restore(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habit = find_habit(store, args.key, archived=True)
        store.selfcare.restore_habit(habit.id)
    print(f"{habit.name} is back, with all its entries.")
    return 0


def cmd_habits_rename(args: argparse.Namespace) -> int:
    with opened(args, create=False) as store:
        habit = find_habit(store, args.key)
        store.selfcare.rename_habit(habit.id, args.name)
        renamed = next(h for h in store.selfcare.habits() if h.id == habit.id)
    print(f"{habit.name} is now called {renamed.name} (key {renamed.key}).")
    return 0


def cmd_habits_move(args: argparse.Namespace) -> int:
    from companion.domain.numbers import read_whole

    position = read_whole(
        args.position,
        what="a place in the list",
        hint="POSITION is a place in the list, 1 for the top",
        low=1,
        high=1000,
    )
    with opened(args, create=False) as store:
        habit = find_habit(store, args.key)
        store.selfcare.move_habit(habit.id, position - 1)
        order = [h.name for h in store.selfcare.habits()]
    print("Your habits, in order: " + ", ".join(order) + ".")
    return 0
