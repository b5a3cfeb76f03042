"""Backups by hand: `companion backup` and `companion restore`."""

from __future__ import annotations

import argparse

from companion.commands.common import Parser, UsageError, current_time, mark_saved, opened

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("backup", "restore")


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


def _no_demo(args: argparse.Namespace, command: str) -> None:
    if args.demo:
        raise UsageError(
            f"the demo's database is thrown away on quit; `companion {command}` works on "
            "your own database, so leave out --demo"
        )
