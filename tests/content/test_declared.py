"""Declared content: msgspec's complaints worded as one line naming the file, entry and field.

The rules themselves are tested with each declaration (tests/domain/test_programme.py,
tests/domain/worksheets/test_sheets.py, tests/domain/scales/test_scoring.py); here
is how any problem is worded, whatever the declaration.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.content import loader
from companion.domain.declared import ContentError, build
from companion.domain.errors import Invalid
from companion.domain.programme_template import ProgrammeTemplate
from companion.domain.scales.instruments import Instrument
from companion.domain.worksheets.sheets import CoachingNotes, Worksheet

PACKAGED = Path(loader.__file__).parent


def raw(name: str) -> dict[str, Any]:
    return tomllib.loads((PACKAGED / name).read_text(encoding="utf-8"))


def refusal(declaration: type, data: object, source: str = "f.toml") -> str:
    with pytest.raises(ContentError) as caught:
        build(declaration, data, source)
    return str(caught.value)


def test_a_content_error_is_invalid_input_a_person_can_act_on() -> None:
    assert issubclass(ContentError, Invalid)
    assert not issubclass(ContentError, ValueError)  # never mistaken for a bug's ValueError


def test_the_packaged_files_build() -> None:
    template = build(ProgrammeTemplate, raw("programme.toml"), "programme.toml")
    assert template.weeks == 8
    worksheet = build(Worksheet, raw("worksheets/mindfulness.toml"), "mindfulness.toml")
    assert worksheet.component == "mindfulness"


def test_an_entry_without_an_id_is_named_by_its_position() -> None:
    data = raw("worksheets/coaching.toml")
    del data["after"][1]["id"]
    assert refusal(CoachingNotes, data) == (
        "f.toml: after 2: id: missing, expected lower-case words joined by hyphens "
        "(e.g. notice-moment), up to 40 characters"
    )


def test_a_table_entry_is_named_by_its_key() -> None:
    data = raw("instruments/swemwbs.toml")
    data["sources"]["S60"]["full"] = 7
    assert refusal(Instrument, data) == (
        'f.toml: sources "S60": full: expected some text, without control characters, got 7'
    )


def test_a_nested_table_is_named_as_toml_writes_it() -> None:
    data = raw("worksheets/mindfulness.toml")
    data["activity"][1]["prompt"] = {"id": "x"}
    message = refusal(Worksheet, data)
    assert message.endswith(": prompt: expected 1 to 4 [[activity.prompt]] entries, got a table")


def test_long_and_unprintable_values_are_shown_short_and_escaped() -> None:
    data = raw("programme.toml")
    data["session"][0]["title"] = "\u202e" + "x" * 80  # a right-to-left override, then more
    message = refusal(ProgrammeTemplate, data)
    assert message.endswith('got "\\u202exxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."')
    assert message.isprintable()


def test_a_wrong_kind_of_value_says_what_was_expected() -> None:
    data = raw("programme.toml")
    data["session"][2]["live"] = "yes"
    assert refusal(ProgrammeTemplate, data, "programme.toml") == (
        'programme.toml: session "coaching-1": live: expected true or false, got "yes"'
    )


toml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 2000)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["09:30", "webinar", "end", "calm", "S4", "mean_typical", "alpha"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)


def _entries(data: Any) -> list[dict[str, Any]]:
    """Every table in the data, so a change can land at any depth."""
    found = [data] if isinstance(data, dict) else []
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    for child in children:
        found += _entries(child)
    return found


@pytest.mark.parametrize(
    ("name", "declaration"),
    [
        ("programme.toml", ProgrammeTemplate),
        ("worksheets/mindfulness.toml", Worksheet),
        ("worksheets/coaching.toml", CoachingNotes),
        ("instruments/scs.toml", Instrument),
        ("instruments/swemwbs.toml", Instrument),
    ],
)
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_change_builds_or_is_refused_in_one_printable_line(
    name: str, declaration: type, data: st.DataObject
) -> None:
    """Change one value anywhere in a packaged file: never a traceback, always one line."""
    changed = copy.deepcopy(raw(name))
    entry = data.draw(st.sampled_from(_entries(changed)))
    keys = [*entry, "typo"]
    entry[data.draw(st.sampled_from(keys))] = data.draw(toml_values)
    try:
        build(declaration, changed, name)
    except ContentError as error:
        message = str(error)
        assert message.startswith(f"{name}: ") and message.isprintable(), message
