"""The shipped worksheet files load, agree with programme.toml and follow the writing rules."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from companion.content import loader
from companion.content import worksheets as sheets
from companion.domain.declared import ContentError, build
from companion.domain.programme_template import ProgrammeTemplate
from companion.domain.worksheets.agreement import check_against_programme
from companion.domain.worksheets.sheets import (
    CoachingSheet,
    SheetContent,
    Worksheet,
    iter_text,
)

WEBINAR_IDS = ["mindfulness", "common-humanity", "self-kindness", "barriers-and-keeping-going"]


@pytest.fixture(scope="module")
def programme_raw() -> dict[str, Any]:
    """programme.toml, read here with tomllib (not through the app's loader)."""
    text = files("companion.content").joinpath("programme.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@pytest.fixture(scope="module")
def content() -> SheetContent:
    return loader.sheet_content()


def all_text(content: SheetContent) -> list[tuple[str, str]]:
    return list(iter_text(content))


# ---------------------------------------------------------------- it loads and agrees


def test_the_content_loads_once_and_is_cached() -> None:
    content = sheets.sheet_content()
    assert sheets.sheet_content() is content
    assert sheets.worksheets() is content.worksheets
    assert sheets.coaching_sheets() is content.coaching
    assert sheets.questionnaire() is content.questionnaire
    assert sheets.letter() is content.letter


def test_every_file_in_the_folder_is_loaded(programme_raw: dict[str, Any]) -> None:
    folder = files("companion.content") / "worksheets"
    on_disk = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    expected = [f"{c}.toml" for c in programme_raw["components"]]
    expected += ["coaching.toml", "questionnaire.toml", "letter.toml"]
    assert on_disk == sorted(expected)
    top = ["programme.toml", "support.toml"]
    assert loader.packaged_files() == [*top, *(f"worksheets/{n}" for n in on_disk)]


def test_the_webinar_worksheets_in_order(content: SheetContent) -> None:
    assert [w.id for w in content.worksheets] == WEBINAR_IDS
    assert [(w.session, w.week) for w in content.worksheets] == [
        ("webinar-1", 1),
        ("webinar-2", 3),
        ("webinar-3", 5),
        ("webinar-4", 7),
    ]


def test_each_component_has_its_worksheet_in_programme_order(content: SheetContent) -> None:
    assert [w.id for w in content.worksheets] == list(sheets.worksheet_ids())
    assert [w.component for w in content.worksheets] == list(sheets.worksheet_ids())


def test_each_webinar_worksheet_names_a_programme_component(
    content: SheetContent, programme_raw: dict[str, Any]
) -> None:
    components = set(programme_raw["components"])
    assert components == set(WEBINAR_IDS)
    named = [w.component for w in content.worksheets]
    assert all(c in components for c in named)
    assert sorted(named) == sorted(components)  # one worksheet per component


def test_each_worksheet_matches_its_webinar_in_programme_toml(
    content: SheetContent, programme_raw: dict[str, Any]
) -> None:
    sessions = {s["id"]: s for s in programme_raw["session"]}
    for worksheet in content.worksheets:
        session = sessions[worksheet.session]
        assert session["kind"] == "webinar", worksheet.id
        assert session["component"] == worksheet.component, worksheet.id
        assert session["week"] == worksheet.week, worksheet.id


def test_coaching_notes_match_the_coaching_sessions(
    content: SheetContent, programme_raw: dict[str, Any]
) -> None:
    coaching = [(s["id"], s["week"]) for s in programme_raw["session"] if s["kind"] == "coaching"]
    assert [(c.id, c.week) for c in content.coaching] == coaching
    assert len(coaching) == 4


def test_the_whole_content_passes_the_programme_check(
    content: SheetContent, programme_raw: dict[str, Any]
) -> None:
    check_against_programme(content, build(ProgrammeTemplate, programme_raw, "programme.toml"))


def test_the_letter_is_written_in_weeks_1_to_4_and_opens_at_the_followup(
    content: SheetContent, programme_raw: dict[str, Any]
) -> None:
    letter = content.letter
    assert (letter.week, letter.until_week) == (1, 4)
    followup = next(s for s in programme_raw["session"] if s["id"] == letter.opens_at)
    assert followup["kind"] == "followup"
    assert "seal" in letter.introduction


def test_the_questionnaire_belongs_to_baseline_and_end(
    content: SheetContent, programme_raw: dict[str, Any]
) -> None:
    weeks = {s["id"]: s.get("week") for s in programme_raw["session"]}
    for part, occasion in (
        (content.questionnaire.baseline, "baseline"),
        (content.questionnaire.end, "end"),
    ):
        assert part.session == occasion
        assert part.week == weeks[occasion]


# ---------------------------------------------------------------- ids and structure


def test_sheet_ids_are_unique(content: SheetContent) -> None:
    ids = [s.id for s in content.sheets]
    assert len(ids) == len(set(ids)) == 11


def test_prompt_and_activity_ids_are_unique_within_each_sheet(content: SheetContent) -> None:
    for sheet in content.sheets:
        prompt_ids = [p.id for p in sheet.prompts]
        assert len(prompt_ids) == len(set(prompt_ids)), sheet.id
        assert all(p.id and p.label for p in sheet.prompts), sheet.id
        if isinstance(sheet, Worksheet):
            activity_ids = [a.id for a in sheet.activities]
            assert len(activity_ids) == len(set(activity_ids)), sheet.id


def test_each_worksheet_mixes_reflection_practice_and_application(
    content: SheetContent,
) -> None:
    for worksheet in content.worksheets:
        assert 4 <= len(worksheet.activities) <= 6, worksheet.id
        kinds = {a.kind for a in worksheet.activities}
        assert kinds == {"reflect", "practice", "apply"}, worksheet.id


def test_each_worksheet_closes_with_one_commitment(content: SheetContent) -> None:
    for worksheet in content.worksheets:
        assert worksheet.closing.kind == "commitment"
        assert worksheet.prompts[-1] is worksheet.closing
        assert "this week" in worksheet.closing.label, worksheet.id
        closing_like = [p for p in worksheet.prompts if p.id == worksheet.closing.id]
        assert len(closing_like) == 1


def test_only_the_action_plan_activity_asks_for_commitments_midway(
    content: SheetContent,
) -> None:
    midway = {
        (w.id, a.id)
        for w in content.worksheets
        for a in w.activities
        if any(p.kind == "commitment" for p in a.prompts)
    }
    assert midway == {("barriers-and-keeping-going", "action-plan")}


def test_coaching_notes_bring_before_and_take_away_after(content: SheetContent) -> None:
    for notes in content.coaching:
        assert isinstance(notes, CoachingSheet)
        assert [p.id for p in notes.before] == ["bring"]
        assert [p.id for p in notes.after] == ["taking-away", "commitment"]
        assert notes.commitment.kind == "commitment"
        assert notes.focus.endswith("?")


def test_questionnaire_covers_the_issue_topics(content: SheetContent) -> None:
    baseline = [p.id for p in content.questionnaire.baseline.prompts]
    end = [p.id for p in content.questionnaire.end.prompts]
    assert baseline == [
        "role-context",
        "hopes-self",
        "hopes-team",
        "hopes-organisation",
        "self-care-now",
        "in-the-way",
    ]
    assert end == [
        "changed-self",
        "changed-work",
        "changed-leadership",
        "impact-team",
        "impact-patients",
        "impact-organisation",
        "keep-doing",
    ]


def test_questionnaire_pairs_appear_once_on_each_side(content: SheetContent) -> None:
    baseline = [p.pair for p in content.questionnaire.baseline.prompts if p.pair]
    end = [p.pair for p in content.questionnaire.end.prompts if p.pair]
    assert len(baseline) == len(set(baseline))
    assert len(end) == len(set(end))
    assert set(baseline) == set(end)
    pairs = {
        (r.baseline.id, r.end.id)
        for r in content.questionnaire.rows()
        if r.baseline is not None and r.end is not None
    }
    assert pairs == {
        ("role-context", "changed-work"),
        ("hopes-self", "changed-self"),
        ("hopes-team", "impact-team"),
        ("hopes-organisation", "impact-organisation"),
        ("self-care-now", "keep-doing"),
    }
    shown = [p for r in content.questionnaire.rows() for p in (r.baseline, r.end) if p]
    assert len(shown) == 13  # every prompt appears exactly once in the side-by-side view


# ---------------------------------------------------------------- the writing


def test_introductions_are_within_the_word_range(content: SheetContent) -> None:
    for worksheet in content.worksheets:
        words = len(worksheet.introduction.split())
        assert 120 <= words <= 200, (worksheet.id, words)
        assert worksheet.introduction.count("\n\n") >= 2, worksheet.id  # short paragraphs


def test_prompts_are_short(content: SheetContent) -> None:
    for sheet in content.sheets:
        for prompt in sheet.prompts:
            assert len(prompt.label.split()) <= 25, (sheet.id, prompt.id)
            if prompt.guidance is not None:
                assert len(prompt.guidance.split()) <= 30, (sheet.id, prompt.id)


def test_titles_fit_an_80_column_terminal(content: SheetContent) -> None:
    for where, text in all_text(content):
        if where.endswith(": title"):
            assert len(text) <= 72, where


def test_no_control_characters_and_nfc(content: SheetContent) -> None:
    texts = all_text(content)
    assert len(texts) > 150  # the walk reached the prompts, not just the titles
    for where, text in texts:
        assert text == text.strip(), where
        assert unicodedata.normalize("NFC", text) == text, where
        bad = [c for c in text if c != "\n" and unicodedata.category(c) == "Cc"]
        assert not bad, (where, bad)


def test_no_should_no_shaming_words(content: SheetContent) -> None:
    banned = re.compile(r"\b(should|shouldn't|ought|must|lazy|weak|failure to|selfish)\b", re.I)
    for where, text in all_text(content):
        assert not banned.search(text), (where, banned.search(text))


def test_no_clinical_or_diagnostic_language(content: SheetContent) -> None:
    clinical = re.compile(
        r"\b(diagnos\w*|disorder|symptom\w*|patholog\w*|depress\w*|anxiety disorder|"
        r"burnout syndrome|treatment|therapy|clinical)\b",
        re.I,
    )
    for where, text in all_text(content):
        assert not clinical.search(text), (where, clinical.search(text))


def test_uk_spelling(content: SheetContent) -> None:
    us = re.compile(
        r"\b(organiz\w*|recogniz\w*|realiz\w*|prioritiz\w*|behavior\w*|color\w*|favor\w*|"
        r"honor\w*|center\w*|judgment|program|practicing|practiced)\b",
        re.I,
    )
    for where, text in all_text(content):
        assert not us.search(text), (where, us.search(text))


def test_the_themes_of_the_issue_are_there(content: SheetContent) -> None:
    def text_of(prefix: str) -> str:
        return " ".join(t for where, t in all_text(content) if where.startswith(prefix)).lower()

    barriers = text_of("barriers-and-keeping-going")
    for theme in ("self-indulgent", "backdraft", "busyness", "action plan", "keep going"):
        assert theme in barriers, theme
    # Practice can feel awkward or stir things up, and going gently is fine.
    assert "awkward" in text_of("mindfulness")
    assert "awkward" in text_of("self-kindness")
    assert "gently" in text_of("self-kindness")
    assert "gently" in barriers
    assert "colleague" in text_of("self-kindness")
    assert "alone" in text_of("common-humanity")
    # Applying it at work: role-modelling, delegating, culture.
    applied = " ".join(
        " ".join(
            [a.description, *(p.label for p in a.prompts), *(p.guidance or "" for p in a.prompts)]
        )
        for w in content.worksheets
        for a in w.activities
        if a.kind == "apply"
    ).lower()
    for theme in ("role-model", "delegat", "culture", "team", "organisation"):
        assert theme in applied, theme


# ---------------------------------------------------------------- nothing at import time


def test_importing_the_loader_reads_nothing() -> None:
    code = (
        "import sys, companion.content.worksheets as w;"
        "print(w.sheet_content.cache_info().currsize, 'textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "False"]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match=r"^worksheets/no-such\.toml: not found$"):
        loader.read_toml(tmp_path / "no-such.toml", "worksheets/no-such.toml")


@pytest.fixture
def editable_copy(content_dir: Path) -> Path:
    """A copy of the shipped worksheets in a facilitator's content folder, read instead."""
    folder = content_dir / "worksheets"
    shutil.copytree(str(files("companion.content") / "worksheets"), folder)
    return folder


def test_the_copy_loads_like_the_original(editable_copy: Path, content: SheetContent) -> None:
    copied = loader.sheet_content()
    assert copied is not content  # read afresh, from the copy
    assert copied == content


def test_a_file_that_is_not_toml_is_named(editable_copy: Path) -> None:
    (editable_copy / "letter.toml").write_text("id = \n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        loader.sheet_content()
    assert str(caught.value).startswith(f"{editable_copy / 'letter.toml'}: not valid TOML (")


def test_a_file_that_is_not_utf8_is_named(editable_copy: Path) -> None:
    (editable_copy / "coaching.toml").write_bytes(b"title = '\xff'\n")
    with pytest.raises(ContentError) as caught:
        loader.sheet_content()
    assert str(caught.value) == (
        f"{editable_copy / 'coaching.toml'}: not valid UTF-8 (invalid start byte); "
        "save it as UTF-8"
    )


def test_a_broken_file_is_named_with_the_entry(editable_copy: Path) -> None:
    path = editable_copy / "self-kindness.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('id = "critic-effect"', 'id = "critic-words"'), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        loader.sheet_content()
    assert str(caught.value) == f'{path}: prompt ids used twice: "critic-words"'
