"""Content commands: which programme and worksheets are in use, and a copy to adapt.

A facilitator adapts the programme without editing the installed package:
`companion content export DIR` writes the packaged files as a starting point;
put the changed ones in the content folder (or set COMPANION_CONTENT=DIR).
"""

from __future__ import annotations

import argparse

from companion.commands.common import Parser, UsageError, mark_saved

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("content",)


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    content = commands.add_parser(
        "content",
        parents=[common],
        help="which programme and worksheets are in use; a copy to adapt",
        description="A facilitator can adapt the programme and worksheets: put changed files "
        "in the content folder of your config folder, or set COMPANION_CONTENT=DIR. "
        "The scales' scoring keys cannot be changed.",
    )
    content.set_defaults(handler=cmd_content)
    actions = content.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser)
    export = actions.add_parser(
        "export",
        parents=[common],
        help="write the packaged programme and worksheets to a folder, to adapt",
    )
    export.add_argument(
        "folder", metavar="DIR", help="where to write them (a new or empty folder)"
    )
    export.set_defaults(handler=cmd_export)


def cmd_content(args: argparse.Namespace) -> int:
    from companion.content import loader

    where = loader.content_folder()
    loader.programme()  # refuses a broken content folder, naming the file
    print(f"Content in use: {where.in_use}.")
    if where.folder is None:
        print("To adapt it: `companion content export DIR`, then copy the files you change")
        print(f"to {loader.config_content_folder()} (or set {loader.CONTENT_ENV}=DIR).")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from companion.content import loader

    target = Path(args.folder).expanduser().absolute()
    names = loader.packaged_files()
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder; choose a new or empty folder")
    for name in names:
        if (target / name).exists():
            raise UsageError(
                f"{target / name} is already there and Companion will not overwrite it; "
                "choose a new or empty folder"
            )
    mark_saved(args)  # from the first folder made: a retry would find the files there
    try:
        (target / loader.WORKSHEETS).mkdir(parents=True, exist_ok=True)
        for name in names:
            with (target / name).open("xb") as handle:  # "x": never replace a file
                handle.write((loader.PACKAGED / name).read_bytes())
    except OSError as error:
        raise UsageError(
            f"cannot write in {target} ({error.strerror or error}); choose another folder"
        ) from None
    print(f"Wrote the packaged programme and worksheets to {target}:")
    for name in names:
        print(f"  {name}")
    print("Change what you need; any file you delete is taken from Companion as packaged.")
    print(
        f"To use them, copy the folder to {loader.config_content_folder()}, "
        f"or set {loader.CONTENT_ENV}={target}"
    )
    print("`companion doctor` then shows which content is in use.")
    print("The scales' scoring keys are not included: they are facts and cannot be changed.")
    return 0
