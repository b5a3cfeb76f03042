"""Asking before a change that removes or rewrites something: in a terminal, or `--yes`.

A question needs a person to answer it. Without a terminal (a script, a
pipe, cron) there is nobody, and waiting for an answer that never comes, or
guessing one, would both be wrong: the command refuses in one line and names
`--yes`, which scripts give to say they mean it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from companion.commands.common import UsageError

# What counts as yes; anything else (including just Enter) keeps things as they are.
YES_WORDS = frozenset({"y", "yes"})


def ask(question: str, *, yes: bool, refusal: str, details: Sequence[str] = ()) -> bool:
    """True to go ahead: `--yes` was given, or the person answered yes in the terminal.

    `details` are printed before the question (what will change). Without a
    terminal and without `--yes`, UsageError with `refusal` (what would have
    been asked) and how to go ahead. An end of input or a ctrl+d is a no.
    """
    if yes:
        return True
    stdin = sys.stdin
    if stdin is None or not stdin.isatty():
        raise UsageError(
            f"{refusal}, and there is no terminal here to ask in; add --yes to go ahead"
        )
    for line in details:
        print(line)
    print(f"{question} [y/N] ", end="", flush=True)
    answer = stdin.readline()
    if not answer.endswith("\n"):
        print()  # ctrl+d: end the prompt's line
    return answer.strip().lower() in YES_WORDS


NOTHING_CHANGED = "Nothing changed."
