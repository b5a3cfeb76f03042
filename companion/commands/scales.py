"""Scale commands: list, score, record, results, import and forget-wording.

Answers are typed from the official paper form by item number: whole numbers
1 to 5 in item order, as separate words or as one string like `3,4,2,...`.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

from companion.commands.asking import NOTHING_CHANGED
from companion.commands.common import (
    Parser,
    UsageError,
    current_time,
    opened,
    print_json,
    typed_word,
)

if TYPE_CHECKING:
    import datetime as dt

    from companion.domain.scales.instruments import Instrument
    from companion.domain.scales.results import InstrumentResults
    from companion.store import Store

_ANSWERS_HELP = "answers 1 to 5 in item order, e.g. `3 4 2 ...` or `3,4,2,...`"
_INSTRUMENT_HELP = "scs, scs-sf, wemwbs or swemwbs"


class _AnswersParser(Parser):
    """A parser whose answers may come before and after options.

    argparse fills a `nargs="*"` positional once, so in
    `record wemwbs --occasion pre 3 3 3` the answers after the option would be
    "unrecognised". Left-over words that are not options are answers, in order.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: list[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if hasattr(parsed, "answers"):
            parsed.answers = [*parsed.answers, *(e for e in extras if not e.startswith("--"))]
            extras = [e for e in extras if e.startswith("--")]
        return parsed, extras


# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("scales",)


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    scales = commands.add_parser(
        "scales",
        parents=[common],
        help="self-compassion and wellbeing scales: score, record, results",
        description="Score the SCS, SCS-SF, WEMWBS and SWEMWBS from the official paper form, "
        "by item number. Companion holds the scoring keys only, never the item wording.",
    )
    scales.set_defaults(handler=cmd_list, json=False)
    actions = scales.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser)

    listing = actions.add_parser("list", parents=[common], help="the scales and their forms")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    scoring = actions.add_parser("score", parents=[common], help="score answers without saving")
    scoring.add_argument("instrument", metavar="INSTRUMENT", help=_INSTRUMENT_HELP)
    scoring.add_argument("answers", metavar="ANSWER", nargs="*", help=_ANSWERS_HELP)
    scoring.add_argument("--json", action="store_true", help="print the score as JSON")
    scoring.set_defaults(handler=cmd_score)
    scoring.__class__ = _AnswersParser  # add_parser makes every subparser a Parser

    record = actions.add_parser("record", parents=[common], help="save a completed form")
    record.add_argument("instrument", metavar="INSTRUMENT", help=_INSTRUMENT_HELP)
    record.add_argument(
        "--occasion",
        required=True,
        metavar="OCC",
        help="pre (baseline), post (end of programme), followup or adhoc",
    )
    record.add_argument(
        "--date",
        metavar="DATE",
        help="the day the form was answered: YYYY-MM-DD, yesterday, monday, N days ago "
        "(default: today)",
    )
    record.add_argument("answers", metavar="ANSWER", nargs="*", help=_ANSWERS_HELP)
    record.add_argument(
        "--yes", action="store_true", help="record an early end result without asking (scripts)"
    )
    record.set_defaults(handler=cmd_record)
    record.__class__ = _AnswersParser

    results = actions.add_parser("results", parents=[common], help="your results and changes")
    results.add_argument("--json", action="store_true", help="print JSON")
    results.set_defaults(handler=cmd_results)

    delete = actions.add_parser(
        "delete", parents=[common], help="remove a result recorded by mistake (asks first)"
    )
    delete.add_argument("id", metavar="ID", help="the result's id (see `scales results`)")
    delete.add_argument("--yes", action="store_true", help="remove without asking (scripts)")
    delete.set_defaults(handler=cmd_delete)

    importing = actions.add_parser(
        "import", parents=[common], help="import item wording from your licensed copy"
    )
    importing.add_argument("instrument", metavar="INSTRUMENT", help=_INSTRUMENT_HELP)
    importing.add_argument(
        "file", metavar="FILE", help="UTF-8 text, one item per line (optionally numbered 1. or 1))"
    )
    importing.set_defaults(handler=cmd_import)

    forget = actions.add_parser(
        "forget-wording", parents=[common], help="remove imported wording (paper form only)"
    )
    forget.add_argument("instrument", metavar="INSTRUMENT", help=_INSTRUMENT_HELP)
    forget.set_defaults(handler=cmd_forget)


# ---------------------------------------------------------------- helpers


def _instrument(instrument_id: str) -> Instrument:
    from companion.content.instruments import instrument

    return instrument(typed_word(instrument_id, "The scale id").lower())


def parse_answers(words: list[str]) -> list[object]:
    """Split `3 4 2` or `3,4,2` into answers: ints where they are whole numbers.

    Anything else is kept as typed, so the check can name the item it is on
    (`3.5`, `x`); an empty slot between two commas is an item with no answer.
    Digits follow the one rule for numbers (`numbers.ascii_digits`).
    """
    from companion.domain.numbers import ascii_digits

    answers: list[object] = []
    for word in map(ascii_digits, words):
        for slot in word.strip().rstrip(",").split(","):
            parts = slot.split()
            if not parts:
                answers.append(None)
            for part in parts:
                answers.append(int(part) if re.fullmatch(r"[+-]?[0-9]{1,6}", part) else part)
    return answers


def _today(store: Store | None) -> dt.date:
    from zoneinfo import ZoneInfo

    from companion import clock

    setup = store.programme.setup() if store is not None else None
    zone = setup.zone if setup is not None else ZoneInfo(clock.local_zone_name())
    return current_time().astimezone(zone).date()


def _print_support(instrument: Instrument, total: float) -> None:
    from companion.domain.scales.results import SUPPORT_COMMAND, SUPPORT_POINTER
    from companion.domain.scales.scoring import is_very_low

    if is_very_low(instrument, total):
        print()
        print(f"{SUPPORT_POINTER} {SUPPORT_COMMAND}")


# ---------------------------------------------------------------- commands


def cmd_list(args: argparse.Namespace) -> int:
    from companion.content.instruments import instruments
    from companion.store import StoreError

    try:
        with opened(args, create=False) as store:
            imported = store.scales.wording_imported()
    except StoreError:
        imported = frozenset()  # no database yet: every scale is on paper
    if args.json:
        print_json(
            [
                {
                    "id": scale.id,
                    "name": scale.name,
                    "short_name": scale.short_name,
                    "items": scale.item_count,
                    "responses": [{"value": r.value, "label": r.label} for r in scale.responses],
                    "recall": scale.recall,
                    "scoring": scale.scoring,
                    "scoring_note": scale.scoring_note,
                    "citation": scale.citation,
                    "licence": scale.licence,
                    "copyright": scale.copyright,
                    "wording_imported": scale.id in imported,
                }
                for scale in instruments()
            ]
        )
        return 0
    for scale in instruments():
        form = "wording imported" if scale.id in imported else "paper form"
        print(f"{scale.id:<8} {scale.item_count:>2} items  {scale.name}  ({form})")
    print()
    print("Answers are typed from the official form by item number, 1 to 5.")
    print("Companion holds the scoring keys only, never the item wording.")
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from companion.domain.scales.results import score_lines
    from companion.domain.scales.scoring import score

    scale = _instrument(args.instrument)
    result = score(scale, parse_answers(args.answers))
    if args.json:
        print_json(result.as_json())
        return 0
    print("\n".join(score_lines(scale, result)))
    print("(Not saved. To keep it: companion scales record ... --occasion OCC)")
    _print_support(scale, result.total)
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    from companion.domain.dates import long_date, parse_day_phrase
    from companion.domain.scales.administration import OCCASION_NAMES, check_day, check_occasion
    from companion.domain.scales.results import score_lines
    from companion.domain.scales.scoring import check_item_answers

    scale = _instrument(args.instrument)
    occasion = check_occasion(typed_word(args.occasion, "The occasion"))
    answers = check_item_answers(scale, parse_answers(args.answers))  # before opening anything
    with opened(args, create=True) as store:
        today = _today(store)
        day = check_day(parse_day_phrase(args.date, today), today) if args.date else today
        if occasion == "post" and not _early_end_agreed(store, day, args.yes):
            print(NOTHING_CHANGED)
            return 0
        _administration, result = store.scales.save_result(
            scale, occasion, day, answers, current_time()
        )
    print(f"Saved your {scale.short_name}: {OCCASION_NAMES[occasion]}, {long_date(day)}.")
    print("\n".join(score_lines(scale, result)))
    _print_support(scale, result.total)
    return 0


def _early_end_agreed(store: Store, day: dt.date, yes: bool) -> bool:
    """True unless an end result weeks before the planned end measures was declined."""
    from companion.commands.asking import ask
    from companion.commands.common import programme_of
    from companion.domain.scales.administration import early_end, early_end_question

    if store.programme.setup() is None:
        return True  # no schedule to compare with
    template, setup, events = programme_of(store)
    planned = early_end(setup.start, template.weeks, events, day)
    if planned is None:
        return True
    from companion.domain.dates import long_date

    refusal = (
        f"the end measures are planned for {long_date(planned)}, "
        "so recording this as the end asks first"
    )
    return ask(early_end_question(planned), yes=yes, refusal=refusal)


def cmd_delete(args: argparse.Namespace) -> int:
    from companion.commands.asking import ask
    from companion.domain.numbers import read_whole
    from companion.domain.scales.results import results

    hint = "`companion scales results` shows each result's id"
    administration_id = read_whole(args.id, what="a result id", hint=hint, low=1)
    with opened(args, create=False) as store:
        found = store.scales.administration(administration_id)
        if found is None:
            from companion.domain.errors import NotFound

            raise NotFound(f"there is no scale result {administration_id}; {hint}")
        scale = _instrument(found.instrument)
        what = f"{scale.short_name} result ({found.where})"
        if not found.complete:
            what = f"unfinished {scale.short_name} ({found.where}, {len(found.answers)} answered)"
        if not ask(f"Remove your {what}?", yes=args.yes, refusal="removing a result asks first"):
            print(NOTHING_CHANGED)
            return 0
        store.scales.delete(administration_id)
        now_counts = results(scale, store.scales.administrations(scale.id)).point(found.occasion)
    print(f"Removed your {what}.")
    if found.complete and found.occasion != "adhoc" and now_counts is not None:
        from companion.domain.dates import long_date

        print(
            f"Your earlier result of {long_date(now_counts.day)} counts for that occasion again."
        )
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    from companion.content.instruments import instruments
    from companion.domain.scales.results import results

    with opened(args, create=False) as store:
        administrations = store.scales.administrations()
    found = [results(scale, administrations) for scale in instruments()]
    if args.json:
        print_json({"instruments": [_results_json(r) for r in found]})
        return 0
    shown = [r for r in found if r.points or r.unfinished]
    if not shown:
        print("No scales recorded yet. Open `companion` (key 5) or use `companion scales record`.")
        return 0
    for index, outcome in enumerate(shown):
        if index:
            print()
        _print_results(outcome)
    return 0


def _print_results(outcome: InstrumentResults) -> None:
    from companion.domain.dates import long_date
    from companion.domain.scales.administration import OCCASION_NAMES
    from companion.domain.scales.results import comparison_words, format_total
    from companion.domain.scales.scoring import is_very_low

    scale = outcome.instrument
    print(f"{scale.short_name} ({scale.name})")
    for point in outcome.points:
        total = format_total(scale, point.score.total)
        band = f"  {point.score.band}" if point.score.band else ""
        raw = f"  (raw {point.score.raw})" if point.score.raw is not None else ""
        name = OCCASION_NAMES[point.occasion]
        which = f"  (id {point.administration})"  # for `companion scales delete ID`
        print(f"  {name:<17} {long_date(point.day):<28} {total:>6}{band}{raw}{which}")
    reference = outcome.reference  # every change is from it
    for point, moved in outcome.changes:
        if reference is not None:
            print(f"  {comparison_words(reference, point)}:")
        for sentence in moved.words:
            print(f"    {sentence}")
    if outcome.unfinished is not None:
        done = len(outcome.unfinished.answers)
        print(
            f"  Unfinished: started {long_date(outcome.unfinished.day)}, {done} of "
            f"{scale.item_count} answered; open `companion` (key 5) to carry on."
        )
    latest = outcome.latest
    if latest is not None and is_very_low(scale, latest.score):
        from companion.domain.scales.results import SUPPORT_COMMAND, SUPPORT_POINTER

        print(f"  {SUPPORT_POINTER} {SUPPORT_COMMAND}")


def _results_json(outcome: InstrumentResults) -> dict[str, object]:
    unfinished = outcome.unfinished
    return {
        "instrument": outcome.instrument.id,
        "results": [
            {
                "id": point.administration,
                "occasion": point.occasion,
                "day": point.day.isoformat(),
                "score": point.score.as_json(),
            }
            for point in outcome.points
        ],
        "changes": [
            {
                "from": outcome.reference.administration if outcome.reference else None,
                "to": point.administration,
                **moved.as_json(),
            }
            for point, moved in outcome.changes
        ],
        "unfinished": None
        if unfinished is None
        else {
            "id": unfinished.id,
            "occasion": unfinished.occasion,
            "day": unfinished.day.isoformat(),
            "answered": len(unfinished.answers),
            "items": outcome.instrument.item_count,
        },
    }


def cmd_import(args: argparse.Namespace) -> int:
    from companion.domain.scales.item_wording import FILE_LIMIT, parse_wording
    from companion.domain.user_text import one_line
    from companion.files import NotARegularFile, read_regular

    scale = _instrument(args.instrument)
    path = Path(args.file).expanduser()
    shown = one_line(str(path))
    try:
        data = read_regular(path, FILE_LIMIT + 1)  # a named pipe would block a plain read
    except FileNotFoundError:
        raise UsageError(f"there is no file {shown}; give the path of your text file") from None
    except NotARegularFile as error:
        raise UsageError(
            f"{shown} is {error.kind}, not a text file; give the path of your text file"
        ) from None
    except OSError as error:
        raise UsageError(f"cannot read {shown} ({error.strerror or error})") from None
    items = parse_wording(scale, data)
    with opened(args, create=True) as store:
        replaced = store.scales.import_wording(scale, items, current_time())
    what = "Replaced the" if replaced else "Imported the"
    print(f"{what} wording of the {len(items)} {scale.short_name} items into your database.")
    print("It stays on this computer, and the app now shows each item on screen.")
    print(f"To remove it: companion scales forget-wording {scale.id}")
    return 0


def cmd_forget(args: argparse.Namespace) -> int:
    scale = _instrument(args.instrument)
    with opened(args, create=False) as store:
        removed = store.scales.forget_wording(scale)
    if removed:
        print(f"Removed the {scale.short_name} wording from your database; the app uses the")
        print("paper form for it now (answer by item number).")
    else:
        print(f"There was no imported {scale.short_name} wording; nothing to remove.")
    return 0
