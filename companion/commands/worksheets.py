"""Reflection commands: worksheets (list, show), the action plan, and search.

Everything the participant wrote is printed through the output guard
(`commands.output`), so escape sequences in it are shown, never sent to the
terminal.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from companion.commands.common import (
    Parser,
    current_time,
    opened,
    print_json,
    programme_of,
    typed_word,
)
from companion.domain.plurals import counted

if TYPE_CHECKING:
    import datetime as dt

    from companion.domain.worksheets.action_plan import ActionItem
    from companion.domain.worksheets.letter import LetterDates, LetterStatus
    from companion.domain.worksheets.sheets import Sheet, SheetContent
    from companion.store import Store


# The subcommands `register` adds (so `companion log ...` builds only these).
COMMANDS = ("worksheets", "plan", "search")


def register(commands: argparse._SubParsersAction[Parser], common: Parser) -> None:
    sheets = commands.add_parser(
        "worksheets",
        parents=[common],
        help="your worksheets, coaching notes, questionnaire and letter",
        description="List every sheet with its week and status, or show one with your answers. "
        "Each answer holds up to 100,000 characters.",
    )
    sheets.add_argument("--json", action="store_true", help="print the list as JSON")
    sheets.set_defaults(handler=cmd_worksheets)
    actions = sheets.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser)
    show = actions.add_parser("show", parents=[common], help="one sheet with your answers")
    show.add_argument("sheet", metavar="ID", help="sheet id, e.g. mindfulness")
    show.add_argument("--markdown", action="store_true", help="print Markdown")
    show.set_defaults(handler=cmd_show)

    plan = commands.add_parser(
        "plan",
        parents=[common],
        help="your action plan: list, add, done, let go",
        description="Commitments from your worksheets, coaching or typed here. "
        "Mark one done, or let it go: plans change.",
    )
    plan.set_defaults(handler=cmd_plan_list, json=False)
    steps = plan.add_subparsers(title="actions", metavar="ACTION", parser_class=Parser)
    listing = steps.add_parser("list", parents=[common], help="every item (the default)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_plan_list)
    add = steps.add_parser("add", parents=[common], help="add a commitment")
    add.add_argument("text", nargs="+", metavar="TEXT", help="what you will do (one sentence)")
    add.add_argument(
        "--by",
        metavar="DATE",
        help="a date to aim for (optional): YYYY-MM-DD, friday, next monday, in N days",
    )
    add.set_defaults(handler=cmd_plan_add)
    for name, aliases, state, meaning in (
        ("done", [], "done", "mark an item done"),
        ("let-go", ["letgo"], "let-go", "let an item go (it stays in your plan, set aside)"),
        ("reopen", [], "open", "put an item back in your plan"),
    ):
        step = steps.add_parser(name, aliases=aliases, parents=[common], help=meaning)
        step.add_argument("item", metavar="N", help="the item's number (see `plan`)")
        step.set_defaults(handler=cmd_plan_state, state=state)

    search = commands.add_parser(
        "search",
        parents=[common],
        help="find anything you wrote: answers, coaching notes, action plan, self-care notes",
        description="Every word must appear; a word also finds longer ones (kind: kindness). "
        "Sealed letters are not searched.",
    )
    search.add_argument("text", nargs="+", metavar="TEXT", help="words to look for")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=cmd_search)


# ---------------------------------------------------------------- helpers


def _today(store: Store) -> dt.date:
    setup = store.programme.setup()
    now = current_time()
    return now.astimezone(setup.zone).date() if setup else now.astimezone().date()


def _letter(store: Store) -> tuple[LetterDates, LetterStatus, dt.date]:
    from companion.content.worksheets import letter
    from companion.domain.worksheets.letter import letter_dates, letter_status

    _template, setup, events = programme_of(store)
    today = current_time().astimezone(setup.zone).date()
    dates = letter_dates(letter(), setup.start, events)
    return dates, letter_status(store.worksheets.letter(dates, today), dates, today), today


def _sheet(content: SheetContent, sheet_id: str) -> Sheet:
    """The sheet `sheet_id` names: its id, or a start of it that fits only one (`mind`)."""
    from companion.domain.name_lookup import resolve_prefix

    typed = typed_word(sheet_id, "The sheet id")
    return content.sheet(resolve_prefix(typed, [s.id for s in content.sheets], what="sheet"))


# ---------------------------------------------------------------- worksheets


def cmd_worksheets(args: argparse.Namespace) -> int:
    from companion.content.worksheets import sheet_content
    from companion.domain.worksheets.status import sheet_rows

    content = sheet_content()
    with opened(args, create=False) as store:
        letter = _letter(store)[1]
        rows = sheet_rows(
            content, store.worksheets.all_answers(), store.worksheets.completed(), letter
        )
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    for row in rows:
        print(f"{row.sheet.week:>2}  {row.sheet.id:<27} {row.status_words:<12} {row.sheet.title}")
    print("\nShow one with `companion worksheets show ID`.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from companion import content as programme_content
    from companion.content.worksheets import sheet_content
    from companion.domain.worksheets.sheets import CoachingSheet, Letter, Worksheet
    from companion.domain.worksheets.status import sheet_rows

    content = sheet_content()
    sheet = _sheet(content, args.sheet)
    components = programme_content.programme().components
    with opened(args, create=False) as store:
        dates, letter, today = _letter(store)
        answers = store.worksheets.all_answers()
        row = next(
            r
            for r in sheet_rows(content, answers, store.worksheets.completed(), letter)
            if r.sheet.id == sheet.id
        )
        letter_text: str | None = None
        if isinstance(sheet, Letter) and letter.stage in ("writing", "ready", "opened"):
            record = store.worksheets.letter(dates, today)
            if letter.can_open:
                letter_text = store.worksheets.open_letter(dates, today, current_time())
            else:
                letter_text = record.text
    mine = answers.get(sheet.id, {})
    md = args.markdown
    out: list[str] = []

    def heading(level: int, text: str) -> None:
        out.append(f"{'#' * level} {text}" if md else text if level > 1 else text.upper())
        out.append("")

    def paragraph(text: str, *, dim: bool = False) -> None:
        out.append(f"*{text}*" if md and dim else text)
        out.append("")

    def written(text: str) -> None:
        """What the participant wrote: in Markdown, their lines and paragraphs kept, escaped."""
        if not md:
            paragraph(text)
            return
        from companion.domain.markdown import paragraphs

        for each in paragraphs(text):
            paragraph(each)

    def answer(prompt_id: str, label: str) -> None:
        heading(3, label)
        text = mine.get(prompt_id, "").strip()
        if text:
            written(text)
        else:
            paragraph("Not answered yet." if not md else "_Not answered yet._")

    where = [f"Week {sheet.week}", row.kind_words]
    if sheet.component:
        where.append(components.get(sheet.component, sheet.component))
    heading(1, sheet.title)
    paragraph(" \u00b7 ".join([*where, row.status_words]), dim=True)
    if isinstance(sheet, Letter):
        paragraph(letter.sentence, dim=True)
        if letter_text is not None and letter_text.strip():
            written(letter_text)
        return _print(out)
    paragraph(sheet.introduction)
    if isinstance(sheet, Worksheet):
        for activity in sheet.activities:
            heading(2, activity.title)
            paragraph(activity.description, dim=True)
            for prompt in activity.prompts:
                answer(prompt.id, prompt.label)
        heading(2, "To close")
        answer(sheet.closing.id, sheet.closing.label)
    elif isinstance(sheet, CoachingSheet):
        paragraph(f"Focus: {sheet.focus}", dim=True)
        heading(2, "Before the session")
        for prompt in sheet.before:
            answer(prompt.id, prompt.label)
        heading(2, "After the session")
        for prompt in sheet.after:
            answer(prompt.id, prompt.label)
    else:
        for prompt in sheet.prompts:
            answer(prompt.id, prompt.label)
    return _print(out)


def _print(lines: list[str]) -> int:
    while lines and not lines[-1]:
        lines.pop()
    print("\n".join(lines))
    return 0


# ---------------------------------------------------------------- the action plan


def _item_line(item: ActionItem, today: dt.date) -> str:
    from companion.domain.worksheets.action_plan import due_words

    due = due_words(item, today)
    return f"{item.id:>3}  {item.state_words:<7} {item.text}" + (f"  ({due})" if due else "")


def cmd_plan_list(args: argparse.Namespace) -> int:
    from companion.domain.worksheets.action_plan import action_plan_order

    with opened(args, create=False) as store:
        items = action_plan_order(store.worksheets.actions())
        today = _today(store)
    if args.json:
        print_json(
            [
                {
                    "id": i.id,
                    "text": i.text,
                    "due": i.due.isoformat() if i.due else None,
                    "state": i.state,
                    "source": {"sheet": i.source_sheet, "prompt": i.source_prompt}
                    if i.source_sheet
                    else None,
                }
                for i in items
            ]
        )
        return 0
    if not items:
        print('Your action plan is empty. Add a commitment with `companion plan add "..."`.')
        return 0
    for item in items:
        print(_item_line(item, today))
    return 0


def cmd_plan_add(args: argparse.Namespace) -> int:
    from companion.domain.dates import parse_day_phrase
    from companion.domain.worksheets.action_plan import check_action_text, check_due

    text = check_action_text(" ".join(args.text))
    with opened(args, create=False) as store:
        today = _today(store)
        due = (
            check_due(parse_day_phrase(args.by, today, facing="future"), today)
            if args.by
            else None
        )
        item = store.worksheets.add_action(text, due, current_time())
    print(f"Added to your action plan:\n{_item_line(item, today)}")
    return 0


def cmd_plan_state(args: argparse.Namespace) -> int:
    from companion.domain.numbers import read_whole
    from companion.domain.worksheets.action_plan import ACTION_STATE_MESSAGES

    number = read_whole(
        args.item, what="an item number", hint="give the item's number from `companion plan`"
    )
    with opened(args, create=False) as store:
        item = store.worksheets.set_action_state(number, args.state, current_time())
        today = _today(store)
    print(f"{ACTION_STATE_MESSAGES[item.state]}:\n{_item_line(item, today)}")
    return 0


# ---------------------------------------------------------------- search


def cmd_search(args: argparse.Namespace) -> int:
    from companion.content.worksheets import sheet_content
    from companion.domain.worksheets.search import check_search, search_hits

    text = check_search(" ".join(args.text))
    with opened(args, create=False) as store:
        hits = search_hits(store.worksheets.search(text), sheet_content(), text)
    if args.json:
        print_json(
            [
                {
                    "kind": h.match.kind,
                    "sheet": h.match.sheet_id,
                    "prompt": h.match.prompt_id,
                    "item": h.match.item_id if h.match.kind == "plan" else None,
                    "entry": h.match.item_id if h.match.kind == "note" else None,
                    "habit": h.match.habit,
                    "day": h.match.day.isoformat() if h.match.day else None,
                    "where": h.where,
                    "excerpt": h.excerpt,
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print(f"Nothing you wrote matches {text!r}.")
        return 0
    for hit in hits:
        print(hit.where)
        print(f"  {hit.excerpt}")
    print(f"\n{counted(len(hits), 'match')} for {text!r}.")
    return 0
