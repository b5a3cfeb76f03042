"""A demo programme at a fixed moment, and helpers to read what the user sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from companion import demo
from companion.store import Store, open_store
from companion.tui.app import CompanionApp

# Thursday 26 November 2026, 09:30 in London: the demo is in week 5 of 8.
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Crash logs and the time zone never depend on the machine running the tests."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setattr("companion.clock.local_zone_name", lambda: "Europe/London")


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[Store]:
    path = tmp_path / "demo.db"
    demo.build(path, NOW)
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "new.db")
    yield store
    store.close()


@pytest.fixture
def make_app() -> Callable[[Store], CompanionApp]:
    def make(store: Store, now: dt.datetime = NOW, *, prepare: bool = False) -> CompanionApp:
        # Preparing the other sections in the background is tested on its own;
        # elsewhere it would only slow the tests down.
        return CompanionApp(store, now=lambda: now, prepare_sections=prepare)

    return make


def _shown(app: App[object], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.fixture
def shown() -> Callable[[App[object], str], str]:
    """Read the plain text a Static shows on the current screen: shown(app, "#headline")."""
    return _shown
