"""Content declared as typed structures, and one-line words for what will not do.

Each content file (the programme, the worksheets, the instrument keys) is
declared once as msgspec Structs: the declaration is both the file format and
the model the app uses. Field types carry the simple rules (`Id`, `Line`,
`Week`, ranges as `msgspec.Meta`); each Struct's `__post_init__` carries the
rules between fields. `build` checks parsed TOML against a declaration and
words any problem as one line naming the file, the entry and the field:

    programme.toml: session "coaching-2": minutes: expected a whole number from 1 to 1440, got 0
"""

from __future__ import annotations

import re
import unicodedata
from types import UnionType
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import msgspec
from msgspec import inspect

from companion.domain.errors import Invalid
from companion.domain.plurals import counted

T = TypeVar("T")


class ContentError(Invalid):
    """A content file will not do; the message names the file, the entry and the field.

    The message is always one printable line: anything else in it (a control
    character or a line break from a file's key, say) is shown escaped.
    """

    def __init__(self, message: str) -> None:
        super().__init__("".join(c if c.isprintable() else _escape(c) for c in message))


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


class Declared(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The base of every declaration: immutable, and a misspelt key is refused, not ignored.

    Subclasses say `frozen=True` again only so that mypy knows (msgspec inherits it).
    """


# Control characters (C0, DEL, C1) could move the cursor or recolour a terminal.
_PLAIN = r"[^\x00-\x09\x0b-\x1f\x7f-\x9f]"  # a line break is fine in prose
_ON_ONE_LINE = r"[^\x00-\x1f\x7f-\x9f]"

Text = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"\A(?=[\s\S]*\S){_PLAIN}*\Z", description="some text, without control characters"
    ),
]
Line = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"\A(?=.*\S){_ON_ONE_LINE}*\Z",
        description="some text on one line, without control characters",
    ),
]
Title = Annotated[
    str,
    msgspec.Meta(
        pattern=rf"\A(?=.*\S){_ON_ONE_LINE}*\Z",
        max_length=72,  # fits an 80-column terminal beside a margin
        description="a title on one line, up to 72 characters",
    ),
]
Id = Annotated[
    str,
    msgspec.Meta(
        pattern=r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z",
        max_length=40,
        description="lower-case words joined by hyphens (e.g. notice-moment), up to 40 characters",
    ),
]
Week = Annotated[int, msgspec.Meta(ge=0, le=52)]


def build(declaration: type[T], raw: object, source: str) -> T:
    """`raw` (parsed TOML) as a `declaration`, or ContentError naming `source` and the field."""
    try:
        return msgspec.convert(raw, declaration)
    except msgspec.ValidationError as error:
        raise ContentError(f"{source}: {_words(str(error), raw, declaration)}") from None


# ---------------------------------------------------------------- tidying text


def tidy(struct: msgspec.Struct, name: str, *, prose: bool = False) -> str:
    """Store field `name` of a just-built struct normalised (NFC), and return it.

    A line is stripped. Prose may be wrapped at any width in the file: single
    line breaks become spaces and blank lines separate paragraphs.
    """
    value: str = unicodedata.normalize("NFC", getattr(struct, name))
    if prose:
        paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", value.strip()))
        value = "\n\n".join(p for p in paragraphs if p)
    else:
        value = value.strip()
    msgspec.structs.force_setattr(struct, name, value)
    return value


def check_words(name: str, text: str, most: int, least: int = 0) -> None:
    """Refuse `text` (field `name`) unless it has `least` to `most` words."""
    count = len(text.split())
    if least and not least <= count <= most:
        raise ValueError(f"{name}: expected {least} to {most} words, got {count}")
    if count > most:
        raise ValueError(f"{name}: expected at most {most} words, got {count}")


def repeated(values: list[str]) -> list[str]:
    """The values that appear more than once, in order of their second appearance."""
    seen: set[str] = set()
    twice: list[str] = []
    for value in values:
        if value in seen and value not in twice:
            twice.append(value)
        seen.add(value)
    return twice


def quoted(values: list[str]) -> str:
    """`"a", "b"`: names as they are written in the file."""
    return ", ".join(_quote(v) for v in values)


def _quote(text: str) -> str:
    import json  # only when a message is written: quick commands need not import it

    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------- wording msgspec's errors

_AT = re.compile(
    r"(?P<problem>.*?)(?: - at `(?P<path>[^`]*)`(?: in `(?P<within>[^`]*)`)?)?\Z", re.S
)
_STEP = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")


def _words(message: str, raw: object, declaration: Any) -> str:
    """msgspec's `Expected int >= 1 - at $.session[3].minutes` in a person's words.

    Walks the path through the raw data and the declaration side by side, so
    an entry is named by its id where it has one, and the field's type says
    what was expected.
    """
    match = _AT.match(message)
    assert match is not None  # the pattern matches any text
    problem, path, within = match["problem"], match["path"] or "$", match["within"]
    places: list[str] = []  # what a message names: `activity "one"`, `prompt "one-q1"`, `kind`
    tables: list[str] = []  # the same as TOML writes the table: `activity.prompt`
    kind: Any = declaration
    value: Any = raw
    for name, index in _STEP.findall(within or path):
        kind = _bare(kind)
        if name:
            fields = msgspec.structs.fields(kind) if _is_struct(kind) else ()
            kind = next((f.type for f in fields if f.encode_name == name), Any)
            value = value.get(name) if isinstance(value, dict) else None
            places.append(name)
            tables.append(name)
        elif index == "...":  # a value in a table will not do: find it, and word its problem
            value_kind = get_args(kind)[1]
            key, inner, inner_problem = next(
                (k, v, p) for k, v in value.items() if (p := _problem(v, value_kind))
            )
            places[-1] += f" {_show(key)}"
            return ": ".join([*places, _words(inner_problem, inner, value_kind)])
        else:
            value = value[int(index)] if isinstance(value, list) else None
            entry = value.get("id") if isinstance(value, dict) else None
            # An entry is named by its id where it has one, or else by its place.
            places[-1] += f" {_quote(entry)}" if isinstance(entry, str) else f" {int(index) + 1}"
            kind = get_args(kind)[0]
    if path == "key":  # a key of a table will not do
        key_kind = get_args(_bare(kind))[0]
        bad = next(k for k in value if _problem(k, key_kind))
        return ": ".join([*places, f"key {_show(bad)}: expected {_describe(key_kind)}"])
    unknown = re.fullmatch(r"Object contains unknown field `(.*)`", problem)
    missing = re.fullmatch(r"Object missing required field `(.*)`", problem)
    if unknown:
        keys = ", ".join(sorted(f.encode_name for f in msgspec.structs.fields(_bare(kind))))
        return ": ".join([*places, f"{unknown[1]}: unknown key (the keys here are {keys})"])
    if missing:
        fields = msgspec.structs.fields(_bare(kind))
        field = next(f for f in fields if f.encode_name == missing[1])
        expected = _describe(field.type, ".".join([*tables, missing[1]]))
        return ": ".join([*places, f"{missing[1]}: missing, expected {expected}"])
    if problem.startswith(("Expected", "Invalid")):
        got = f"expected {_describe(kind, '.'.join(tables))}, got {_show(value)}"
        return ": ".join([*places, got])
    return ": ".join([*places, problem])  # a rule between fields (a `__post_init__`)


def _problem(value: object, kind: Any) -> str | None:
    """msgspec's complaint about `value` as a `kind`, or None if it fits."""
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError as error:
        return str(error)
    return None


def _is_struct(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, msgspec.Struct)


def _bare(kind: Any) -> Any:
    """The type without its `Annotated` rules and without `| None`."""
    while True:
        if get_origin(kind) is Annotated:
            kind = get_args(kind)[0]
        elif get_origin(kind) in (Union, UnionType):
            others = [k for k in get_args(kind) if k is not type(None)]
            if len(others) != 1:
                return kind
            kind = others[0]
        else:
            return kind


def _describe(kind: Any, name: str = "") -> str:
    """What a field of this type holds, in words: `a whole number from 1 to 1440`."""
    if get_origin(_bare(kind)) is Literal:  # in the declared order (msgspec sorts them)
        return "one of " + ", ".join(str(v) for v in get_args(_bare(kind)))
    return _say(inspect.type_info(kind), name)


def _say(info: inspect.Type, name: str) -> str:
    if isinstance(info, inspect.Metadata):
        description = (info.extra_json_schema or {}).get("description")
        return str(description) if description else _say(info.type, name)
    if isinstance(info, inspect.UnionType):
        kinds = [t for t in info.types if not isinstance(t, inspect.NoneType)]
        return " or ".join(_say(t, name) for t in kinds)
    if isinstance(info, inspect.IntType | inspect.FloatType):
        noun = "a whole number" if isinstance(info, inspect.IntType) else "a number"
        return noun + _bounds(info.ge, info.le, info.gt, info.lt)
    if isinstance(info, inspect.StrType):
        return "some text" + (f", up to {info.max_length} characters" if info.max_length else "")
    if isinstance(info, inspect.BoolType):
        return "true or false"
    if isinstance(info, inspect.LiteralType):
        return "one of " + ", ".join(str(v) for v in info.values)
    if isinstance(info, inspect.CollectionType):
        item = info.item_type
        if isinstance(item, inspect.StructType):
            low, high = info.min_length or 0, info.max_length
            count = f"{low} to {high}" if high else "one or more" if low else "any number of"
            return f"{count} [[{name}]] entries"
        count = f"{info.min_length} or more " if info.min_length else ""
        items = re.sub(
            r"^an? (\w+)", r"\1s", _say(item, name)
        )  # "a whole number": "whole numbers"
        return f"a list of {count}{items}"
    if isinstance(info, inspect.StructType):
        return f"a table ([{name}])" if name else "a table of keys and values"
    if isinstance(info, inspect.DictType):
        return "a table of keys and values"
    return "something else"  # pragma: no cover - every type the declarations use is above


def _bounds(ge: float | None, le: float | None, gt: float | None, lt: float | None) -> str:
    if ge is not None and le is not None:
        return f" from {ge} to {le}"
    words = [
        f"{word} {bound}"
        for word, bound in (("of at least", ge), ("above", gt), ("of at most", le), ("below", lt))
        if bound is not None
    ]
    return " " + " and ".join(words) if words else ""


def _show(value: object) -> str:
    """A value as a facilitator would recognise it from the file, kept short."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, str):  # quoted as in the file (ContentError escapes the unprintable)
        return _quote(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list):
        if not value:
            return "none"
        return counted(len(value), "entry") if isinstance(value[0], dict) else "a list"
    if isinstance(value, dict):
        return "a table"
    return str(value)
