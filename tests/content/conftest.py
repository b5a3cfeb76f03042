"""Fixtures for the content tests: a facilitator's content folder, read afresh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ten_weeks import write_ten_week_content

from companion.content import loader


@pytest.fixture
def fresh_content() -> Iterator[None]:
    """The loader forgets what it read before and after the test (it keeps files per process)."""
    loader.forget()
    yield
    loader.forget()


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_content: None) -> Path:
    """An empty content folder that COMPANION_CONTENT points at."""
    folder = tmp_path / "content"
    folder.mkdir()
    monkeypatch.setenv("COMPANION_CONTENT", str(folder))
    return folder


@pytest.fixture
def ten_week_content(content_dir: Path) -> Path:
    """The ten-week programme in use (see ten_weeks.py), through COMPANION_CONTENT."""
    return write_ten_week_content(content_dir)
