"""`companion report`: the Progress story as a report to bring to the follow-up workshop.

HTML (the default: it opens in any browser and prints on A4) or Markdown for
plain text. Without --out, Markdown goes to stdout, and HTML too when stdout
is a pipe or a file; in a terminal HTML is refused with a hint, since a page
of tags is no use there. With --out the report is written with mode 0600 to a
temporary name, synced and renamed; an existing file is replaced only after
asking, or with --force, as `companion pack` does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from companion.commands.asking import may_replace
from companion.commands.common import (
    Parser,
    UsageError,
    file_to_write,
    mark_saved,
    opened,
    programme_view,
)

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("report",)

MARKDOWN_SUFFIXES = (".md", ".markdown")


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    report = commands.add_parser(
        "report",
        parents=[common],
        help="make a printable report of your progress to bring to the follow-up workshop",
        description="Make a report of your progress so far: sessions and activities, practice "
        "per programme week, each scale's totals and change, and your action plan. Your "
        "worksheet and questionnaire answers are in it only with --include-writing.",
    )
    report.add_argument(
        "--format",
        choices=["html", "md"],
        default=None,
        help="html (a page to open in a browser or print; the default) or md (plain text); "
        "with --out FILE ending .md, md",
    )
    report.add_argument("--out", metavar="FILE", help="where to write the report")
    report.add_argument(
        "--include-writing",
        action="store_true",
        help="also include your worksheet and questionnaire answers",
    )
    report.add_argument("--force", action="store_true", help="replace FILE if it exists")
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from companion.store.files import shown, write_private

    form = args.format or (
        "md" if args.out and Path(args.out).suffix.lower() in MARKDOWN_SUFFIXES else "html"
    )
    target = file_to_write(args.out) if args.out else None
    if target is None and form == "html" and sys.stdout is not None and sys.stdout.isatty():
        raise UsageError(
            "an HTML report is a page for a browser or a printer; add --out report.html "
            "to save it, or --format md to read it here"
        )
    if target is not None and not may_replace(target, args.force, "it", name="FILE"):
        print("Nothing was written.")
        return 0
    text = _report(args, form)
    if target is None:
        print(text, end="")
        return 0
    write_private(target, text.encode("utf-8"))
    mark_saved(args)
    opening = "open it in a browser to read or print it" if form == "html" else "it is yours"
    print(f"Wrote your report to {shown(target)}; {opening}.")
    return 0


def _report(args: argparse.Namespace, form: str) -> str:
    from companion.report.gather import gather
    from companion.report.render import render

    with opened(args, create=False) as store:
        report = gather(store, programme_view(store), include_writing=args.include_writing)
    return render(report, "md" if form == "md" else "html")
