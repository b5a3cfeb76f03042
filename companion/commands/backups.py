"""Backups by hand (`companion backup`, `companion restore`) and `companion forget-everything`."""

from __future__ import annotations

import argparse

from companion.commands.asking import can_ask, reply
from companion.commands.common import Parser, UsageError, current_time, mark_saved, opened

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("backup", "restore", "forget-everything")

FORGET_WORD = "forget"


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    backup = commands.add_parser("backup", parents=[common], help="make a checked backup now")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore", parents=[common], help="list backups, or put one back"
    )
    restore.add_argument(
        "backup",
        nargs="?",
        metavar="newest|FILE",
        help="the backup to put back; without it, the backups are listed",
    )
    restore.set_defaults(handler=cmd_restore)

    forget = commands.add_parser(
        "forget-everything",
        parents=[common],
        help="remove your database, its backups, exports and crash reports",
        description="Remove everything Companion keeps for you: the database, its backups, "
        "its exports folder and (for the default database) the crash reports. Asks you to "
        f"type `{FORGET_WORD}` first. Only Companion's own files are removed.",
    )
    forget.add_argument("--yes", action="store_true", help="remove without asking (for scripts)")
    forget.set_defaults(handler=cmd_forget_everything)


def cmd_backup(args: argparse.Namespace) -> int:
    _no_demo(args, "backup")
    with opened(args, create=False) as store:
        path = store.backups.take("by-hand", current_time())
        mark_saved(args)
    print(f"Backed up to {path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion.store import resolve_db_path
    from companion.store.backup import list_backups
    from companion.store.restore import newest, restore

    _no_demo(args, "restore")
    db_path, _ = resolve_db_path(args.db)
    if args.backup is None:
        found = list_backups(db_path)
        if not found:
            print(f"There are no backups of {db_path} yet.")
            return 0
        print(f"Backups of {db_path}, newest first:")
        for path in found:
            print(f"  {path}  ({path.stat().st_size / 1_000_000:.1f} MB)")
        print("To put one back: companion restore newest (or its path).")
        return 0
    source = newest(db_path) if args.backup == "newest" else Path(args.backup)
    done = restore(db_path, source, current_time())
    mark_saved(args)
    print(f"Restored {db_path} from {done.source}.")
    if done.set_aside:
        print(f"The file that would not open was moved, untouched, to {done.kept}.")
    elif done.kept is not None:
        print(f"What was there before is kept as a backup: {done.kept}")
    return 0


def cmd_forget_everything(args: argparse.Namespace) -> int:
    from companion import crash
    from companion.store import resolve_db_path
    from companion.store.forget import Plan, check_ours, forget

    _no_demo(args, "forget-everything")
    db_path, is_default = resolve_db_path(args.db)
    # Crash reports belong to the whole installation: they go with the default database only.
    plan = Plan(db_path, crash.crash_dir() if is_default else None, folder_is_ours=is_default)
    check_ours(db_path)
    places = plan.places()
    if not places:
        print(f"There is nothing to forget: Companion keeps no files for {db_path}.")
        return 0
    if not args.yes:
        if not can_ask():
            raise UsageError(
                f"forget-everything asks you to type `{FORGET_WORD}` and there is no terminal "
                "here to ask in; add --yes to remove everything without asking"
            )
        print("This removes, for good:")
        for path in places:
            print(f"  {path}")
        answer = reply(f"Type {FORGET_WORD} to remove all of this, or press Enter to keep it: ")
        if answer.lower() != FORGET_WORD:
            print("Nothing was removed; your data is as it was.")
            return 0
    done = forget(plan)
    mark_saved(args)
    print("Removed:")
    for line in done.removed:
        print(f"  {line}")
    for line in done.kept:
        print(f"Left in place: {line}")
    print("Companion has forgotten everything it kept for you here.")
    return 0


def _no_demo(args: argparse.Namespace, command: str) -> None:
    if args.demo:
        raise UsageError(
            f"the demo's database is thrown away on quit; `companion {command}` works on "
            "your own database, so leave out --demo"
        )
