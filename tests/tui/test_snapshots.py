"""Screens that matter, as SVG snapshots at 80x24 and 120x40.

Update after an intended change with `pytest tests/tui --snapshot-update`, then
look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_today(snap_compare, demo_store, make_app, size):
    assert snap_compare(make_app(demo_store), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_programme(snap_compare, demo_store, make_app, size):
    assert snap_compare(make_app(demo_store), press=["2"], terminal_size=size)


def test_onboarding(snap_compare, empty_store, make_app):
    assert snap_compare(make_app(empty_store), terminal_size=(80, 24))


def test_move_dialog(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["2", "down", "down", "v"])


def test_progress(snap_compare, demo_store, make_app):
    assert snap_compare(make_app(demo_store), press=["6"], terminal_size=(80, 24))
