"""The `companion` command: opens the app, or runs a quick command in the shell.

Only the standard library is imported at the top, so `companion today` costs
Python plus `sqlite3`; Textual, sqlite-utils and icalendar load only for the
commands that use them. Errors are one line on stderr and exit code 2; all
output goes through `commands.output`, which escapes what is unsafe to print
and never lets a failed write undo the report of a save.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from companion import __version__
from companion.commands import (
    backups,
    content,
    evaluation,
    habits,
    output,
    practice,
    programme,
    report,
    scales,
    selfcare,
    serve,
    support,
    transfer,
    worksheets,
)
from companion.commands.common import EXIT_USAGE, Parser, UsageError, opened
from companion.domain.errors import Problem

# Each feature adds its own subcommands (see companion/commands/).
FEATURES = (
    programme,
    selfcare,
    habits,
    practice,
    worksheets,
    scales,
    backups,
    content,
    support,
    evaluation,
    transfer,
    report,
    serve,
)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line, or, when `argv` names a command, just what it needs.

    Building every subcommand costs about 30 ms, so `companion log walk 25`
    builds only the self-care commands; `--help` and mistakes get everything.
    """
    wanted = _command_in(argv)
    common = Parser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=_DB_HELP)
    common.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_DEMO)

    parser = Parser(
        prog="companion",
        description="Your private companion for the eight-week self-compassion programme. "
        "With no command, opens the app.",
    )
    parser.add_argument("--db", metavar="PATH", default=None, help=_DB_HELP)
    parser.add_argument("--demo", action="store_true", default=False, help=_DEMO)
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    for feature in FEATURES:
        if wanted is None or wanted in feature.COMMANDS:
            feature.register(commands, common)

    locate = commands.add_parser("locate", parents=[common], help="where your data lives")
    locate.set_defaults(handler=cmd_locate)
    doctor = commands.add_parser("doctor", parents=[common], help="check the installation")
    doctor.set_defaults(handler=cmd_doctor)
    return parser


_DB_HELP = "database file (default: your data folder; or set COMPANION_DB)"
_DEMO = "use a throwaway database with a realistic example programme"


def _command_in(argv: Sequence[str] | None) -> str | None:
    """The feature command `argv` asks for (`log` in `--db x log walk`), if it is one."""
    words = list(sys.argv[1:] if argv is None else argv)
    while words and words[0].startswith("-"):
        option = words.pop(0)
        if option == "--db" and words:  # its value
            words.pop(0)
    if not words:
        return None
    known = {name for feature in FEATURES for name in feature.COMMANDS}
    return words[0] if words[0] in known else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run `companion` with `argv` (default: the command line) and return the exit code."""
    os.umask(0o077)  # everything Companion creates is private
    with output.guarded() as guard:
        args = argparse.Namespace()
        code = _run(argv, args)
        return guard.settle(code, saved=getattr(args, "saved", False))


def _run(argv: Sequence[str] | None, args: argparse.Namespace) -> int:
    try:
        build_parser(argv).parse_args(argv, namespace=args)
    except SystemExit as stop:  # --help, --version, or a mistake argparse has explained
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except Problem as error:  # what the person can act on; anything else is a bug
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        from companion import crash

        print(output.message_line(crash.one_line(error)), file=sys.stderr)
        return 1


def _fail(message: str) -> int:
    print(f"companion: {output.message_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def cmd_app(args: argparse.Namespace) -> int:
    from companion import content

    content.programme()  # a broken content folder is refused here, before the app starts
    _need_a_terminal()
    from companion.tui import run

    with opened(args, create=True, check=True) as store:
        return run(store, demo=args.demo)


def _need_a_terminal() -> None:
    """Refuse to open the app without a terminal, before Textual is imported.

    In a pipe or a script the app would write escape codes into the output and
    wait for keys that never come. Textual draws on stderr, so all three count.
    """
    streams = {"input": sys.stdin, "output": sys.stdout, "error output": sys.stderr}
    missing = [name for name, stream in streams.items() if stream is None or not stream.isatty()]
    if missing:
        from companion.domain.plurals import agree, listed

        raise UsageError(
            f"the app opens in a terminal, but its {listed(missing)} {agree(len(missing), 'is')} "
            "not one here; in scripts "
            "and pipes use the quick commands, e.g. `companion today` or "
            "`companion log walk 25` (see `companion --help`)"
        )


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
    for package in _requirements():
        try:
            print(f"{package:<13} {version(package)}")
        except PackageNotFoundError:
            print(f"{package:<13} missing: reinstall Companion")
    content_code = _doctor_content()
    from companion.store import StoreError
    from companion.store.database import damaged
    from companion.store.files import shown

    try:
        # Opening walks every page; the full integrity check below reads every record too.
        with opened(args, create=False) as store:
            mode = store.path.stat().st_mode & 0o777
            newest = list_backups(store.path)
            where = f"mode {mode:o}" + (
                f"; read-only here: {store.read_only}" if store.read_only else ""
            )
            print(f"database      {shown(store.path)} ({where})")
            known = f"this Companion knows up to {SCHEMA_VERSION}"
            print(f"schema        version {store.schema_version()} ({known})")
            integrity = store.integrity()
            print(f"integrity     {integrity}")
            if integrity != "ok":
                raise StoreError(damaged(store.path, integrity))
            print(f"last backup   {shown(newest[0]) if newest else 'none yet'}")
            print(f"programme     {'set up' if store.programme.setup() else 'not set up yet'}")
    except StoreError:
        # What is wrong goes to stderr as the one line every refusal is (see main).
        print("database      not usable: see the message below")
        raise
    return content_code


def _requirements() -> list[str]:
    """The packages Companion needs, as its own metadata lists them (pyproject.toml)."""
    import re
    from importlib.metadata import PackageNotFoundError, requires

    try:
        wanted = requires("companion") or []
    except PackageNotFoundError:  # run from a checkout that was never installed
        return []
    names = [
        re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0] for line in wanted if "extra" not in line
    ]
    return sorted(names, key=str.lower)  # "extra": the test tools are not needed to run


def _doctor_content() -> int:
    """The content line of `companion doctor`: packaged, or the folder and what it replaces."""
    from companion.content import loader
    from companion.domain.declared import ContentError

    try:
        in_use = loader.content_folder().in_use
        loader.programme()
    except ContentError as problem:
        print(f"content       {problem}")
        return EXIT_USAGE
    print(f"content       {in_use}")
    return 0
