"""The action plan: commitments with an optional date, open, done or let go."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from companion.domain.dates import long_date, short_date
from companion.domain.errors import Invalid
from companion.domain.user_text import check_line
from companion.domain.worksheets.answers import writing_problem

ACTION_TEXT_LIMIT = 300

ActionState = Literal["open", "done", "let-go"]

ACTION_STATES: tuple[str, ...] = get_args(ActionState)

ACTION_STATE_WORDS: Mapping[str, str] = {"open": "open", "done": "done", "let-go": "let go"}


@dataclass(frozen=True)
class ActionItem:
    """One commitment of the action plan."""

    id: int
    text: str
    due: dt.date | None
    state: ActionState
    source_sheet: str | None  # the sheet (and prompt) it came from, if any
    source_prompt: str | None
    created: dt.datetime
    updated: dt.datetime

    @property
    def state_words(self) -> str:
        return ACTION_STATE_WORDS[self.state]


def check_action_text(text: str) -> str:
    """One line of up to 300 characters: line breaks become spaces, ends are trimmed.

    A pasted paragraph is joined into one line; otherwise the one-line policy
    of `user_text.check_line` applies (no control or direction characters).
    """
    problem = writing_problem(text, what="The commitment")
    if problem is not None:
        raise Invalid(problem)
    line = check_line(" ".join(text.split()), what="The commitment", limit=len(text) + 1)
    if not line:
        raise Invalid("The commitment is empty; write a few words about what you will do")
    if len(line) > ACTION_TEXT_LIMIT:
        raise Invalid(
            f"The commitment is {len(line):,} characters; keep it to {ACTION_TEXT_LIMIT} "
            "(a sentence or two)"
        )
    return line


def check_due(due: dt.date | None, today: dt.date) -> dt.date | None:
    """An optional date within a year back and two years ahead (otherwise a typo, probably)."""
    if due is None:
        return None
    if (today - due).days > 366:
        raise Invalid(f"{long_date(due)} is more than a year ago; check the year")
    if (due - today).days > 2 * 366:
        raise Invalid(f"{long_date(due)} is more than two years away; check the year")
    return due


_STATE_BY_WORD: Mapping[str, ActionState] = {
    "open": "open",
    "reopen": "open",
    "done": "done",
    "let-go": "let-go",
    "letgo": "let-go",
}


def parse_action_state(word: str) -> ActionState:
    """`open`, `done`, `let go` (or `let-go`, `letgo`); Invalid naming the choices."""
    key = "-".join(word.strip().lower().replace("_", " ").replace("-", " ").split())
    try:
        return _STATE_BY_WORD[key]
    except KeyError:
        raise Invalid(f"{word!r} is not a state; use open, done or let go") from None


def action_plan_order(items: Iterable[ActionItem]) -> list[ActionItem]:
    """Open items first (soonest date first, undated after), then done, then let go."""
    rank = {"open": 0, "done": 1, "let-go": 2}
    return sorted(
        items,
        key=lambda i: (rank[i.state], i.due is None, i.due or dt.date.min, i.created, i.id),
    )


def due_words(item: ActionItem, today: dt.date) -> str:
    """`by Fri 4 Dec`, `by today`; a date gone by is said plainly (`planned for Mon 30 Nov`)."""
    if item.due is None:
        return ""
    if item.state == "open" and item.due == today:
        return "by today"
    if item.state == "open" and item.due < today:
        return f"planned for {short_date(item.due, today)}"
    return f"by {short_date(item.due, today)}"


ACTION_STATE_MESSAGES: Mapping[str, str] = {
    "open": "Back in your plan",
    "done": "Done. Well done for following it through",
    "let-go": "Let go. Plans change, and noticing that is part of the practice",
}
