"""Asking before a change that removes or rewrites something: in a terminal, or `--yes`.

A question needs a person to answer it. Without a terminal (a script, a
pipe, cron) there is nobody, and waiting for an answer that never comes, or
guessing one, would both be wrong: the command refuses in one line and names
`--yes`, which scripts give to say they mean it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from companion.commands.common import UsageError

# What counts as yes; anything else (including just Enter) keeps things as they are.
YES_WORDS = frozenset({"y", "yes"})


def can_ask(*, shown_on_stdout: bool = False) -> bool:
    """Whether a person is there to answer: stdin is a terminal.

    `shown_on_stdout`: what they are asked about is printed on stdout (a
    pack, before consenting to it), so stdout must be a terminal too.
    """
    stdin, stdout = sys.stdin, sys.stdout
    if stdin is None or not stdin.isatty():
        return False
    return not shown_on_stdout or (stdout is not None and stdout.isatty())


def reply(prompt: str, *, to: TextIO | None = None) -> str:
    """Print `prompt` (on `to`, stdout by default) and read the answer; "" at end of input."""
    stream = to or sys.stdout
    print(prompt, end="", file=stream, flush=True)
    answer = sys.stdin.readline()
    if not answer.endswith("\n"):
        print(file=stream)  # ctrl+d: end the prompt's line
    return answer.strip()


def agreed(question: str, *, to: TextIO | None = None) -> bool:
    """Ask a yes/no `question`; True only for y or yes (Enter and end of input are no)."""
    return reply(f"{question} [y/N] ", to=to).lower() in YES_WORDS


def ask(
    question: str, *, yes: bool, refusal: str, details: Sequence[str] = (), flag: str = "--yes"
) -> bool:
    """True to go ahead: `flag` was given, or the person answered yes in the terminal.

    `details` are printed before the question (what will change). Without a
    terminal and without `flag`, UsageError with `refusal` (what would have
    been asked) and how to go ahead.
    """
    if yes:
        return True
    if not can_ask():
        raise UsageError(
            f"{refusal}, and there is no terminal here to ask in; add {flag} to go ahead"
        )
    for line in details:
        print(line)
    return agreed(question)


def may_replace(target: Path, force: bool, what: str, *, name: str = "PATH") -> bool:
    """Whether to go on over an existing `target`: --force, or the person says yes.

    With no terminal to ask and no --force, refuse in one line; `name` is the
    option's value as the help calls it ("choose another PATH"). The question
    goes to stderr: what the command prints may be piped.
    """
    from companion.store.files import shown

    if force or not target.exists():
        return True
    if not can_ask():
        raise UsageError(
            f"{shown(target)} already exists; choose another {name}, or add --force to "
            f"replace {what}"
        )
    return agreed(f"{shown(target)} already exists. Replace {what}?", to=sys.stderr)


NOTHING_CHANGED = "Nothing changed."
