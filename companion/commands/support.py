"""`companion support`: who to contact when things are hard, most urgent first.

Needs no database and no programme: it works before setup, and from any shell.
"""

from __future__ import annotations

import argparse
import sys

from companion.commands.common import Parser
from companion.commands.output import message_line

# The subcommands `register` adds.
COMMANDS = ("support",)


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    support = commands.add_parser(
        "support",
        parents=[common],
        help="who to contact when things are hard",
        description="Who to contact when things are hard, most urgent first, with where "
        "each number comes from. The same page is key h (or F1) in the app.",
    )
    support.set_defaults(handler=cmd_support)


def cmd_support(args: argparse.Namespace) -> int:
    import textwrap

    from companion.content import loader
    from companion.domain.declared import ContentError
    from companion.domain.support import support_lines

    problem = None
    try:
        support = loader.support()
    except ContentError as error:
        # The numbers matter more than the adapted file: show the packaged ones.
        problem, support = error, loader.packaged_support()
    for line in support_lines(support):
        indent = line[: len(line) - len(line.lstrip())]
        # Web addresses are never split: a reader copies them whole.
        wrapped = textwrap.fill(
            line,
            79,
            subsequent_indent=indent + "  " if "://" in line else indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        print(wrapped if line else "")
    if problem is not None:
        print(
            f"companion: {message_line(str(problem))}; these are the packaged numbers",
            file=sys.stderr,
        )
    return 0
