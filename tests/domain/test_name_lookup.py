"""Finding a key from what a person typed: a unique start, or the closest match."""

from __future__ import annotations

import pytest

from companion.domain.errors import Problem
from companion.domain.name_lookup import (
    AmbiguousNameError,
    UnknownNameError,
    close_matches,
    resolve_prefix,
)

KEYS = ["meditation", "walking", "hydration", "water-plants"]


# ---------------------------------------------------------------- names and prefixes


def test_close_matches_catches_typos_and_case() -> None:
    assert close_matches("walkign", KEYS) == ["walking"]
    assert close_matches("MEDITATON", KEYS) == ["meditation"]
    assert close_matches("xyz", KEYS) == []


def test_a_unique_prefix_is_enough() -> None:
    assert resolve_prefix("walk", KEYS) == "walking"
    assert resolve_prefix("w", ["walking", "meditation"]) == "walking"
    assert resolve_prefix("  MED ", KEYS) == "meditation"
    assert resolve_prefix("walking", KEYS) == "walking"


def test_an_exact_key_always_wins() -> None:
    assert resolve_prefix("walk", ["walking", "walk"]) == "walk"
    assert resolve_prefix("Walk", ["walking", "walk"]) == "walk"


def test_an_ambiguous_prefix_lists_the_matches() -> None:
    with pytest.raises(AmbiguousNameError) as caught:
        resolve_prefix("w", KEYS)
    assert caught.value.matches == ("walking", "water-plants")
    assert "walking or water-plants" in str(caught.value)
    assert "more letters" in str(caught.value)
    with pytest.raises(AmbiguousNameError, match="meditation, mindful-walk or mood"):
        resolve_prefix("m", ["meditation", "mindful-walk", "mood"])


def test_an_unknown_name_suggests_the_closest_and_lists_all() -> None:
    with pytest.raises(UnknownNameError) as caught:
        resolve_prefix("wlaking", KEYS)
    assert caught.value.suggestion == "walking"
    message = str(caught.value)
    assert "did you mean walking?" in message
    assert "meditation, walking, hydration, water-plants" in message
    assert "\n" not in message


def test_an_unknown_name_with_nothing_close() -> None:
    with pytest.raises(UnknownNameError) as caught:
        resolve_prefix("zzz", KEYS)
    assert caught.value.suggestion is None
    assert "did you mean" not in str(caught.value)
    assert "the habits are meditation, walking" in str(caught.value)


def test_empty_text_and_no_keys() -> None:
    with pytest.raises(UnknownNameError, match="Which habit"):
        resolve_prefix("  ", KEYS)
    with pytest.raises(UnknownNameError, match="no habits yet"):
        resolve_prefix("walk", [])


def test_errors_are_value_errors_so_callers_can_catch_one_kind() -> None:
    assert issubclass(UnknownNameError, Problem)
    assert issubclass(AmbiguousNameError, Problem)


def test_what_names_the_thing_in_messages() -> None:
    with pytest.raises(UnknownNameError, match="No worksheet called 'q'"):
        resolve_prefix("q", ["reflection"], what="worksheet")
