"""The evaluation: `companion pack` (participant) and `companion cohort` (facilitator).

A pack is the participant's choice: before writing it, `pack` prints exactly
the text the file will hold and asks (`--yes` answers for a script; without
a terminal and without `--yes` it refuses). An existing file is replaced only
after asking, or with `--force`. The file is written to a temporary name
beside it, synced and renamed, with mode 0600 (`store.files.write_private`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from companion.commands.asking import agreed, can_ask
from companion.commands.common import (
    Parser,
    UsageError,
    file_to_write,
    mark_saved,
    opened,
    print_json,
    programme_view,
)

if TYPE_CHECKING:
    from companion.domain.evaluation.cohort import NamedFile

# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("pack", "cohort")


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    pack = commands.add_parser(
        "pack",
        parents=[common],
        help="make an evaluation pack to give your facilitator (you see it all first)",
        description="Make an evaluation pack: your scale scores, attendance, completion and "
        "practice per week, under a random id, with no names and none of your writing "
        "unless you include it. Companion shows you exactly what the file will hold and "
        "asks before writing it.",
    )
    pack.add_argument("--cohort", required=True, metavar="LABEL", help="your cohort's label")
    pack.add_argument("--out", required=True, metavar="FILE", help="where to write the pack")
    pack.add_argument(
        "--include-writing",
        action="store_true",
        help="also include your worksheet and questionnaire answers",
    )
    pack.add_argument(
        "--yes", action="store_true", help="write without showing and asking (for scripts)"
    )
    pack.add_argument("--force", action="store_true", help="replace FILE if it exists")
    pack.set_defaults(handler=cmd_pack)

    cohort = commands.add_parser(
        "cohort",
        parents=[common],
        help="summarise a cohort from the evaluation packs participants gave you",
    )
    cohort.add_argument("packs", nargs="+", metavar="PACK", help="evaluation pack files")
    cohort.add_argument(
        "--format",
        choices=["text", "md", "html", "json"],
        default="text",
        help="text (default), md, html or json",
    )
    cohort.set_defaults(handler=cmd_cohort)


# ---------------------------------------------------------------- pack


def cmd_pack(args: argparse.Namespace) -> int:
    from companion.domain.evaluation.pack import check_label, encode, what_it_holds
    from companion.store.evaluation import new_pseudonym
    from companion.store.files import shown, write_private
    from companion.story import read_pack

    label = check_label(args.cohort)
    target = file_to_write(args.out)
    exists = target.exists()
    ask_consent = not args.yes
    ask_replace = exists and not args.force
    if (ask_consent or ask_replace) and not can_ask(shown_on_stdout=True):
        if ask_consent:
            raise UsageError(
                "a pack is written only after you have seen it and said yes, and there is no "
                "terminal here to ask in; add --yes to write it without asking"
            )
        raise UsageError(f"{shown(target)} exists already; add --force to replace it")
    with opened(args, create=False) as store:
        pseudonym = store.evaluation.pseudonym() or new_pseudonym()
        view = programme_view(store)
        pack = read_pack(store, view, label, pseudonym, include_writing=args.include_writing)
        text = encode(pack)
        if ask_consent or ask_replace:
            if ask_consent:
                print(text, end="")
                print(f"\n{what_it_holds(pack)}")
                if pack.writing is None:
                    print("To include your writing, add --include-writing.")
            if not _agreed(target, exists, ask_consent):
                print("Nothing was written.")
                return 0
        if store.evaluation.keep_pseudonym(pseudonym) != pseudonym:
            raise UsageError(
                "another Companion made a pack at the same moment; run this again to see "
                "the pack as it will be"
            )
    write_private(target, text.encode("utf-8"))
    mark_saved(args)
    print(
        f"Wrote your evaluation pack to {shown(target)}; it is yours to give to your facilitator."
    )
    return 0


def _agreed(target: Path, exists: bool, consent: bool) -> bool:
    from companion.store.files import shown

    if consent:
        verb = "Replace" if exists else "Write it to"
        return agreed(f"{verb} {shown(target)}{' with it' if exists else ''}?")
    return agreed(f"{shown(target)} exists already. Replace it?")


# ---------------------------------------------------------------- cohort


def cmd_cohort(args: argparse.Namespace) -> int:
    from companion.content.instruments import instruments as known
    from companion.domain.evaluation import cohort_report
    from companion.domain.evaluation.cohort import collect, summarise

    instruments = known()
    packs = collect([_read(name) for name in args.packs], instruments)
    summary = summarise(packs, instruments)
    if args.format == "json":
        print_json(cohort_report.as_json(summary))
    elif args.format in ("md", "html"):
        from companion.report.render import render_cohort

        print(render_cohort(summary, args.format), end="")
    else:
        print(cohort_report.as_text(summary), end="")
    return 0


def _read(name: str) -> NamedFile:
    """One pack file's bytes, or in a few words why it cannot be read."""
    from companion.domain.evaluation.cohort import NamedFile
    from companion.domain.evaluation.pack import SIZE_LIMIT
    from companion.files import NotARegularFile, read_regular

    try:
        data = read_regular(Path(name).expanduser(), SIZE_LIMIT + 1)
    except FileNotFoundError:
        return NamedFile(name, None, "there is no such file")
    except NotARegularFile as error:
        return NamedFile(name, None, f"it is {error.kind}, not a pack")
    except PermissionError:
        return NamedFile(name, None, "you do not have permission to read it")
    except OSError as error:
        return NamedFile(name, None, f"it cannot be read ({error.strerror or error})")
    return NamedFile(name, data)
