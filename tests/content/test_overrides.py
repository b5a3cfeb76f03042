"""A facilitator's content folder: COMPANION_CONTENT or the config folder, file by file."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import platformdirs
import pytest
from ten_weeks import TEN_WEEK_TITLE

from companion.content import loader
from companion.content import worksheets as sheets
from companion.domain.declared import ContentError
from companion.domain.programme import build_schedule, status
from companion.domain.programme_setup import ProgrammeSetup

PACKAGED = Path(loader.__file__).parent


def packaged_text(name: str) -> str:
    return (PACKAGED / name).read_text(encoding="utf-8")


def put(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def retitled_programme(title: str) -> str:
    text = packaged_text("programme.toml")
    changed, count = re.subn(r'^title = ".*"$', f'title = "{title}"', text, count=1, flags=re.M)
    assert count == 1
    return changed


@pytest.fixture
def config_content(fresh_content: None) -> Path:
    """The content folder in this test's config folder (XDG_CONFIG_HOME is private per test)."""
    return Path(os.environ["XDG_CONFIG_HOME"]) / "companion" / "content"


def test_without_a_folder_the_packaged_content_is_used(fresh_content: None) -> None:
    assert loader.content_folder() == loader.ContentFolder()
    assert loader.content_folder().in_use == "packaged"
    assert loader.programme().title == "Compassionate Leadership Coaching Programme"


def test_the_config_folder_is_platformdirs_config_folder(config_content: Path) -> None:
    expected = Path(platformdirs.user_config_dir("companion", appauthor=False)) / "content"
    assert loader.config_content_folder() == expected == config_content


def test_a_programme_in_the_config_folder_replaces_the_packaged_one(config_content: Path) -> None:
    put(config_content, "programme.toml", retitled_programme("Our own programme"))
    assert loader.programme().title == "Our own programme"
    where = loader.content_folder()
    assert (where.folder, where.overrides) == (config_content, ("programme.toml",))
    assert where.in_use == (
        f"{config_content} (from the config folder) for programme.toml; packaged otherwise"
    )


def test_only_the_files_present_override(content_dir: Path) -> None:
    """A folder with only programme.toml keeps the packaged worksheets, and so on."""
    put(content_dir, "programme.toml", retitled_programme("Our own programme"))
    letter = packaged_text("worksheets/letter.toml")
    put(content_dir, "worksheets/letter.toml", letter.replace("A letter to yourself", "Dear me"))
    assert loader.programme().title == "Our own programme"
    assert sheets.letter().title == "Dear me"
    assert sheets.worksheets()[0].title == "Mindfulness: noticing without being swept away"
    assert [w.id for w in sheets.worksheets()] == [
        "mindfulness",
        "common-humanity",
        "self-kindness",
        "barriers-and-keeping-going",
    ]
    assert loader.content_folder().overrides == ("programme.toml", "worksheets/letter.toml")


def test_companion_content_wins_over_the_config_folder(
    content_dir: Path, config_content: Path
) -> None:
    put(config_content, "programme.toml", retitled_programme("From the config folder"))
    put(content_dir, "programme.toml", retitled_programme("From COMPANION_CONTENT"))
    assert loader.programme().title == "From COMPANION_CONTENT"
    assert loader.content_folder().origin == "COMPANION_CONTENT"


def test_a_folder_without_content_files_leaves_the_packaged_content(content_dir: Path) -> None:
    assert loader.programme().title == "Compassionate Leadership Coaching Programme"
    assert loader.content_folder().in_use == (
        f"packaged ({content_dir}, from COMPANION_CONTENT, holds no content files)"
    )


def test_companion_content_must_be_a_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fresh_content: None
) -> None:
    monkeypatch.setenv("COMPANION_CONTENT", str(tmp_path / "nowhere"))
    with pytest.raises(ContentError) as caught:
        loader.programme()
    assert str(caught.value) == (
        f"COMPANION_CONTENT names {tmp_path / 'nowhere'}, which is not a folder; point it at "
        "a folder made with `companion content export DIR`, or unset it"
    )


def test_a_broken_override_is_refused_naming_its_file(content_dir: Path) -> None:
    text = packaged_text("programme.toml").replace("minutes = 60", "minutes = 0", 1)
    path = put(content_dir, "programme.toml", text)
    with pytest.raises(ContentError) as caught:
        loader.programme()
    assert str(caught.value) == (
        f'{path}: session "coaching-1": minutes: expected a whole number from 1 to 1440, got 0'
    )


def test_a_broken_worksheet_override_is_refused_when_the_programme_is_read(
    content_dir: Path,
) -> None:
    """Any command that reads the programme refuses a broken folder, not only the worksheets."""
    text = packaged_text("worksheets/coaching.toml").replace(
        '\nkind = "text"', '\nkind = "essay"', 1
    )
    path = put(content_dir, "worksheets/coaching.toml", text)
    with pytest.raises(ContentError) as caught:
        loader.programme()
    assert str(caught.value) == (
        f'{path}: before "bring": kind: expected one of text, commitment, got "essay"'
    )


def test_an_override_must_agree_with_the_packaged_programme(content_dir: Path) -> None:
    text = packaged_text("worksheets/mindfulness.toml").replace("week = 1", "week = 2", 1)
    path = put(content_dir, "worksheets/mindfulness.toml", text)
    with pytest.raises(ContentError) as caught:
        sheets.sheet_content()
    assert str(caught.value) == (
        f'{path}: week: 2 differs from week 1 of session "webinar-1" in programme.toml'
    )


def test_a_worksheet_is_named_after_its_component(content_dir: Path) -> None:
    text = packaged_text("worksheets/mindfulness.toml").replace(
        'id = "mindfulness"', 'id = "noticing"', 1
    )
    path = put(content_dir, "worksheets/mindfulness.toml", text)
    with pytest.raises(ContentError) as caught:
        sheets.sheet_content()
    assert str(caught.value) == (
        f'{path}: id: expected "mindfulness" (the file\'s name), got "noticing"'
    )


def test_a_worksheet_for_no_component_is_refused(content_dir: Path) -> None:
    path = put(content_dir, "worksheets/kindness.toml", packaged_text("worksheets/letter.toml"))
    with pytest.raises(ContentError) as caught:
        sheets.sheet_content()
    assert str(caught.value) == (
        f'{path}: not used; programme.toml has no component "kindness" (its components: '
        "mindfulness, common-humanity, self-kindness, barriers-and-keeping-going)"
    )


def test_a_stray_file_at_the_top_is_refused(content_dir: Path) -> None:
    put(content_dir, "mindfulness.toml", packaged_text("worksheets/mindfulness.toml"))
    with pytest.raises(ContentError) as caught:
        loader.programme()
    assert str(caught.value) == (
        f"{content_dir / 'mindfulness.toml'}: not used; the content folder holds "
        "programme.toml, support.toml and worksheets/*.toml"
    )


def test_a_programme_with_fewer_components_uses_fewer_worksheets(content_dir: Path) -> None:
    """The programme decides which worksheets there are: one per component."""
    text = packaged_text("programme.toml")
    text = text.replace(
        'barriers-and-keeping-going = "Barriers, action planning and keeping going"\n', ""
    )
    start = text.index('[[session]]\nid = "webinar-4"')
    text = text[:start] + text[text.index("[[session]]", start + 1) :]
    put(content_dir, "programme.toml", text)
    assert sheets.worksheet_ids() == ("mindfulness", "common-humanity", "self-kindness")
    assert [w.id for w in sheets.worksheets()] == list(sheets.worksheet_ids())


def test_the_ten_week_programme_loads(ten_week_content: Path) -> None:
    template = loader.programme()
    assert (template.title, template.weeks) == (TEN_WEEK_TITLE, 10)
    assert template.session("end").week == 10
    assert sheets.questionnaire().end.week == 10
    assert loader.content_folder().overrides == (
        "programme.toml",
        "worksheets/questionnaire.toml",
    )
    london = ZoneInfo("Europe/London")
    plan = ProgrammeSetup(start=dt.date(2026, 3, 2), zone=london)
    events = build_schedule(template, plan)
    week_nine = dt.datetime(2026, 4, 29, 12, 0, tzinfo=london)
    assert status(template, plan, events, week_nine).headline == "Week 9 of 10"
