"""What every command shares: the parser, opening the database, "now", errors, JSON output."""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from companion.domain.errors import Invalid

if TYPE_CHECKING:
    from companion.domain.programme import Event
    from companion.domain.programme_setup import ProgrammeSetup
    from companion.domain.programme_template import ProgrammeTemplate
    from companion.store import Store
    from companion.story import ProgrammeView

EXIT_USAGE = 2


class UsageError(Invalid):
    """A mistake in what was typed; the message says what to do instead."""


# The options given so far in this parse (by destination), shared by the
# subcommand parsers: `companion --db a log --db b` gives --db twice too.
_GIVEN: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("given", default=None)


class _StoreOnce(argparse.Action):
    """argparse's "store", refusing an option given twice instead of keeping the last.

    `--occasion pre --occasion post` most likely holds a mistake in one of
    them, and silently recording "post" would hide it.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        given = _GIVEN.get()
        if self.option_strings and given is not None:
            if self.dest in given:
                parser.error(f"{self.option_strings[-1]} was given twice; give it once")
            given.add(self.dest)
        setattr(namespace, self.dest, values)


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit code 2) and options that may be given only once.

    `intermixed=True` (for a command without subcommands) lets its positional
    values come anywhere among the options: `log hydration --date yesterday 6`
    is `log hydration 6 --date yesterday`. Plain argparse takes the positionals
    in one run and calls the `6` after the options unrecognised.
    """

    def __init__(self, *args: Any, intermixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", None, _StoreOnce)
        self.register("action", "store", _StoreOnce)
        self._intermixed = intermixed
        self._mixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self._intermixed and not self._mixing:
            # argparse's intermixed parse calls back in here for its two passes.
            self._mixing = True
            try:
                return super().parse_known_intermixed_args(args, namespace)
            finally:
                self._mixing = False
        if _GIVEN.get() is not None:  # a subcommand's parser, inside the whole parse
            return super().parse_known_args(args, namespace)
        token = _GIVEN.set(set())
        try:
            return super().parse_known_args(args, namespace)
        finally:
            _GIVEN.reset(token)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """argparse's choice check, quoting what was typed cut short like every other echo."""
        if action.choices is not None and value not in action.choices:
            from companion.domain.user_text import quoted

            choices = ", ".join(repr(choice) for choice in action.choices)
            raise argparse.ArgumentError(
                action, f"invalid choice: {quoted(str(value))} (choose from {choices})"
            )

    def error(self, message: str) -> NoReturn:
        from companion.commands.output import message_line

        self.exit(EXIT_USAGE, f"companion: {message_line(message)}; see `{self.prog} --help`\n")


def typed_word(text: str, what: str) -> str:
    """A key, id or choice as typed, trimmed, under the one-line policy of `check_line`.

    The lookup that follows says whether it names anything; this first refuses
    what could hide or reorder itself (controls, direction overrides,
    invisible-only text) or is too long to be any key, with the policy's message.
    """
    from companion.domain.user_text import check_line

    return check_line(text, what=what, limit=WORD_LIMIT)


WORD_LIMIT = 64  # longer than any key, id or choice Companion has


def current_time() -> dt.datetime:
    from companion import clock

    return clock.now()


@contextlib.contextmanager
def opened(args: argparse.Namespace, *, create: bool, check: bool = False) -> Iterator[Store]:
    """The store to use: a throwaway demo, --db / COMPANION_DB, or the default location."""
    from companion.store import StoreError, open_store, resolve_db_path
    from companion.store.files import private_dir, shown

    if args.demo:
        if args.db:
            raise UsageError("--demo uses a throwaway database; leave out --db")
        from companion import demo

        with demo.throwaway(current_time()) as path:
            store = open_store(path, create=False, check=check)
            try:
                yield store
            finally:
                store.close()
        return
    path, is_default = resolve_db_path(args.db)
    if not path.exists() and not create:
        raise StoreError(
            f"there is no Companion database at {shown(path)} yet; "
            "run `companion setup --start YYYY-MM-DD` or open `companion`"
        )
    if is_default:
        private_dir(path.parent)
    store = open_store(path, create=create, check=check)
    changes = store.conn.total_changes  # after opening: a migration is not this command's
    try:
        yield store
    finally:
        if store.conn.total_changes != changes:
            mark_saved(args)
        store.close()


def mark_saved(args: argparse.Namespace) -> None:
    """Record that this command has changed something (a row, a file it wrote).

    If its report then cannot be written, `companion` still exits 0 and says
    the change was made, so that nobody retries it (see `output.Guard.settle`).
    `opened` records every change to the database by itself.
    """
    args.saved = True


NO_PROGRAMME = (
    "no programme is set up yet; run `companion setup --start YYYY-MM-DD` or open `companion`"
)


def programme_of(store: Store) -> tuple[ProgrammeTemplate, ProgrammeSetup, list[Event]]:
    from companion import content
    from companion.domain.programme import build_schedule

    setup = store.programme.setup()
    if setup is None:
        raise UsageError(NO_PROGRAMME)
    template = content.programme()
    return template, setup, build_schedule(template, setup)


def programme_view(store: Store) -> ProgrammeView:
    """The programme as of now (`story.programme_now`); before setup, how to set it up."""
    from companion.story import programme_now

    view = programme_now(store, current_time())
    if view is None:
        raise UsageError(NO_PROGRAMME)
    return view


def file_to_write(out: str) -> Path:
    """The absolute path `--out` names, refused in one line if it cannot be a file to write.

    Its folder must exist and it must not be a folder, FIFO or device; whether
    an existing file may be replaced is `asking.may_replace`'s question.
    """
    from companion.files import not_a_file
    from companion.store.files import shown

    target = Path(out).expanduser().absolute()
    if not target.parent.is_dir():
        raise UsageError(f"the folder {shown(target.parent)} does not exist; choose another FILE")
    kind = not_a_file(target)
    if kind:
        raise UsageError(f"{shown(target)} is {kind}; give the name of a file to write")
    return target


def print_json(value: object) -> None:
    """`value` as JSON, with every character unsafe to print written as a \\u escape.

    `json.dumps` escapes C0 controls itself, but not DEL, C1 controls or the
    direction controls; escaped here, they stay valid JSON with the same value
    (the output guard's `\\x7f` form would not be JSON).
    """
    import json

    from companion.domain.user_text import printable

    text = json.dumps(value, indent=2, ensure_ascii=False)
    print("".join(c if printable(c) == c else f"\\u{ord(c):04x}" for c in text))
