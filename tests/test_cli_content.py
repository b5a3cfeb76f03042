"""`companion content`, `content export`, the content line of `doctor`, and broken folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.content import loader

PACKAGED = Path(loader.__file__).parent
PACKAGED_FILES = [
    "programme.toml",
    "support.toml",
    "worksheets/barriers-and-keeping-going.toml",
    "worksheets/coaching.toml",
    "worksheets/common-humanity.toml",
    "worksheets/letter.toml",
    "worksheets/mindfulness.toml",
    "worksheets/questionnaire.toml",
    "worksheets/self-kindness.toml",
]


@pytest.fixture(autouse=True)
def fresh_content() -> Iterator[None]:
    """The loader keeps what it read for the process: forget it around each test."""
    loader.forget()
    yield
    loader.forget()


@pytest.fixture
def set_up(cli, tmp_path: Path) -> Path:
    db = tmp_path / "companion.db"
    result = cli("setup", "--start", "2026-03-02", "--db", db)
    assert result.code == 0, result.err
    return db


@pytest.fixture
def config_content() -> Path:
    """The content folder of this test's own config folder."""
    return Path(os.environ["XDG_CONFIG_HOME"]) / "companion" / "content"


def test_export_writes_the_packaged_files_privately(cli, tmp_path: Path, config_content) -> None:
    target = tmp_path / "ours"
    result = cli("content", "export", target)
    assert result.code == 0, result.err
    written = sorted(str(p.relative_to(target)) for p in target.rglob("*.toml"))
    assert written == PACKAGED_FILES
    for name in PACKAGED_FILES:
        assert (target / name).read_bytes() == (PACKAGED / name).read_bytes()
        assert (target / name).stat().st_mode & 0o777 == 0o600
    assert (target / "worksheets").stat().st_mode & 0o777 == 0o700
    assert (
        result.out.splitlines()[0] == f"Wrote the packaged programme and worksheets to {target}:"
    )
    assert "  worksheets/letter.toml" in result.out.splitlines()
    assert f"copy the folder to {config_content}, or set COMPANION_CONTENT={target}" in result.out
    assert "scoring keys are not included" in result.out


def test_export_refuses_to_overwrite_and_writes_nothing(cli, tmp_path: Path, digest) -> None:
    target = tmp_path / "ours"
    (target / "worksheets").mkdir(parents=True)
    mine = target / "worksheets" / "letter.toml"
    mine.write_text("# my own letter\n", encoding="utf-8")
    before = digest(mine)
    message = cli("content", "export", target).assert_user_error()
    assert message == (
        f"companion: {mine} is already there and Companion will not overwrite it; "
        "choose a new or empty folder"
    )
    assert digest(mine) == before
    assert sorted(p.name for p in target.rglob("*")) == ["letter.toml", "worksheets"]


def test_export_refuses_a_file_for_a_folder(cli, tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("", encoding="utf-8")
    assert cli("content", "export", target).assert_user_error() == (
        f"companion: {target} is a file, not a folder; choose a new or empty folder"
    )


def test_an_export_works_unchanged_as_the_content_folder(
    cli, set_up: Path, tmp_path: Path, monkeypatch
) -> None:
    packaged = cli("schedule", "--json", "--db", set_up)
    worksheets = cli("worksheets", "--json", "--db", set_up)
    assert cli("content", "export", tmp_path / "ours").code == 0
    monkeypatch.setenv("COMPANION_CONTENT", str(tmp_path / "ours"))
    loader.forget()
    assert cli("schedule", "--json", "--db", set_up).out == packaged.out
    assert cli("worksheets", "--json", "--db", set_up).out == worksheets.out
    assert loader.content_folder().overrides == tuple(PACKAGED_FILES)


def test_content_from_the_config_folder_is_used_and_shown(
    cli, set_up: Path, config_content: Path
) -> None:
    (config_content / "worksheets").mkdir(parents=True)
    text = (PACKAGED / "programme.toml").read_text(encoding="utf-8")
    programme = text.replace('title = "Webinar 1: Mindfulness"', 'title = "Noticing together"')
    (config_content / "programme.toml").write_text(programme, encoding="utf-8")
    loader.forget()  # `setup` read the packaged content
    schedule = cli("schedule", "--db", set_up)
    assert schedule.code == 0, schedule.err
    assert "Noticing together" in schedule.out
    result = cli("content")
    assert result.out == (
        f"Content in use: {config_content} (from the config folder) for programme.toml; "
        "packaged otherwise.\n"
    )


def test_content_says_packaged_and_how_to_adapt(cli, config_content: Path) -> None:
    result = cli("content")
    assert result.code == 0
    assert result.out.splitlines() == [
        "Content in use: packaged.",
        "To adapt it: `companion content export DIR`, then copy the files you change",
        f"to {config_content} (or set COMPANION_CONTENT=DIR).",
    ]


def test_doctor_says_which_content_is_in_use(cli, set_up: Path, tmp_path: Path, monkeypatch):
    assert "content       packaged\n" in cli("doctor", "--db", set_up).out
    folder = tmp_path / "ours"
    (folder / "worksheets").mkdir(parents=True)
    letter = (PACKAGED / "worksheets" / "letter.toml").read_bytes()
    (folder / "worksheets" / "letter.toml").write_bytes(letter)
    monkeypatch.setenv("COMPANION_CONTENT", str(folder))
    loader.forget()
    result = cli("doctor", "--db", set_up)
    assert result.code == 0
    expected = f"{folder} (from COMPANION_CONTENT) for worksheets/letter.toml; packaged otherwise"
    assert f"content       {expected}\n" in result.out


@pytest.fixture
def broken_content(tmp_path: Path, monkeypatch) -> Path:
    """A content folder whose programme has a session of no minutes."""
    folder = tmp_path / "broken"
    folder.mkdir()
    text = (PACKAGED / "programme.toml").read_text(encoding="utf-8")
    (folder / "programme.toml").write_text(text.replace("minutes = 90", "minutes = 0", 1))
    monkeypatch.setenv("COMPANION_CONTENT", str(folder))
    loader.forget()  # `setup` read the packaged content
    return folder / "programme.toml"


BROKEN = 'session "webinar-1": minutes: expected a whole number from 1 to 1440, got 0'


@pytest.mark.parametrize("argv", [["today"], ["schedule"], ["worksheets"], ["content"]])
def test_a_broken_content_folder_is_refused_in_one_line(
    cli, set_up: Path, broken_content: Path, argv: list[str]
) -> None:
    message = cli(*argv, "--db", set_up).assert_user_error()
    assert message == f"companion: {broken_content}: {BROKEN}"


def test_the_app_refuses_a_broken_content_folder_before_starting(
    cli, set_up: Path, broken_content: Path, monkeypatch
) -> None:
    import companion.tui

    def must_not_start(*args: object, **kwargs: object) -> int:
        raise AssertionError("the app started with broken content")

    monkeypatch.setattr(companion.tui, "run", must_not_start)
    message = cli("--db", set_up).assert_user_error()
    assert message == f"companion: {broken_content}: {BROKEN}"


def test_doctor_names_a_broken_content_folder(cli, set_up: Path, broken_content: Path) -> None:
    result = cli("doctor", "--db", set_up)
    assert result.code == 2
    assert f"content       {broken_content}: {BROKEN}\n" in result.out
    assert "integrity     ok" in result.out  # the rest of the check still runs
