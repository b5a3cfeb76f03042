"""The worksheet parsers: valid data builds the right objects, broken data is refused clearly."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.domain.declared import ContentError, build
from companion.domain.errors import Invalid
from companion.domain.programme_template import ProgrammeTemplate
from companion.domain.worksheets.agreement import assemble_content, check_against_programme
from companion.domain.worksheets.sheets import (
    CoachingNotes,
    CoachingSheet,
    Letter,
    Questionnaire,
    SheetContent,
    Worksheet,
    iter_text,
)

WORDS_150 = " ".join(["word"] * 150)


def parse_worksheet(raw: Any, *, source: str) -> Worksheet:
    return build(Worksheet, raw, source)


def parse_coaching(raw: Any, *, source: str) -> tuple[CoachingSheet, ...]:
    return build(CoachingNotes, raw, source).sheets()


def parse_questionnaire(raw: Any, *, source: str) -> Questionnaire:
    return build(Questionnaire, raw, source)


def parse_letter(raw: Any, *, source: str) -> Letter:
    return build(Letter, raw, source)


def parse_template(raw: Any) -> ProgrammeTemplate:
    return build(ProgrammeTemplate, raw, "programme.toml")


def prompt(prompt_id: str, kind: str = "text", **extra: Any) -> dict[str, Any]:
    return {"id": prompt_id, "label": f"Label of {prompt_id}?", "kind": kind, **extra}


def activity(activity_id: str, kind: str = "reflect", prompts: int = 1) -> dict[str, Any]:
    return {
        "id": activity_id,
        "title": f"Title of {activity_id}",
        "kind": kind,
        "description": "A short description.",
        "prompt": [prompt(f"{activity_id}-q{n}") for n in range(prompts)],
    }


def worksheet(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "mindfulness",
        "title": "Mindfulness",
        "session": "webinar-1",
        "week": 1,
        "component": "mindfulness",
        "introduction": WORDS_150,
        "activity": [
            activity("one", "reflect", prompts=2),
            activity("two", "practice"),
            activity("three", "apply"),
            activity("four", "apply"),
        ],
        "closing": prompt("try-this-week", "commitment"),
    }
    raw.update(changes)
    return raw


def coaching(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "introduction": "Notes before and after each group coaching session, " + WORDS_150[:60],
        "before": [prompt("bring")],
        "after": [prompt("taking-away"), prompt("commitment", "commitment")],
        "session": [
            {"id": f"coaching-{n}", "title": f"Coaching {n}", "week": 2 * n, "focus": "A focus."}
            for n in (1, 2)
        ],
    }
    raw.update(changes)
    return raw


def questionnaire(**changes: Any) -> dict[str, Any]:
    intro = "A few minutes to describe where you are. " + WORDS_150[:60]
    raw: dict[str, Any] = {
        "title": "Reflective questionnaire",
        "baseline": {
            "id": "questionnaire-baseline",
            "title": "Baseline",
            "session": "baseline",
            "week": 0,
            "introduction": intro,
            "prompt": [
                prompt("role", pair="work"),
                prompt("hopes-self", pair="self"),
                prompt("in-the-way"),
            ],
        },
        "end": {
            "id": "questionnaire-end",
            "title": "End",
            "session": "end",
            "week": 4,
            "introduction": intro,
            "prompt": [
                prompt("changed-self", pair="self"),
                prompt("changed-leadership"),
                prompt("changed-work", pair="work"),
                prompt("impact-patients"),
            ],
        },
    }
    raw.update(changes)
    return raw


def letter(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "letter",
        "title": "A letter to yourself",
        "week": 1,
        "until_week": 2,
        "opens_at": "followup",
        "introduction": "Write to the person you will be at the follow-up; it stays sealed. "
        + WORDS_150[:60],
        "prompt": prompt("letter"),
    }
    raw.update(changes)
    return raw


def programme_raw() -> dict[str, Any]:
    """A four-week programme in the shape of programme.toml."""

    def session(session_id: str, kind: str, week: int, **extra: Any) -> dict[str, Any]:
        return {
            "id": session_id,
            "kind": kind,
            "title": session_id,
            "summary": session_id,
            "week": week,
            "time": "10:00",
            "minutes": 60,
            **extra,
        }

    return {
        "title": "Programme",
        "weeks": 4,
        "components": {"mindfulness": "Mindfulness"},
        "session": [
            session("baseline", "baseline", 0),
            session("webinar-1", "webinar", 1, component="mindfulness"),
            session("coaching-1", "coaching", 2),
            session("coaching-2", "coaching", 4),
            session("end", "end", 4),
            {
                "id": "followup",
                "kind": "followup",
                "title": "Follow-up",
                "summary": "Follow-up",
                "after": "end",
                "months": 1,
                "time": "10:00",
                "minutes": 60,
            },
        ],
    }


def content(**worksheet_changes: Any) -> SheetContent:
    return assemble_content(
        [parse_worksheet(worksheet(**worksheet_changes), source="w.toml")],
        parse_coaching(coaching(), source="c.toml"),
        parse_questionnaire(questionnaire(), source="q.toml"),
        parse_letter(letter(), source="l.toml"),
    )


def refused(parse: Any, raw: Any, source: str = "f.toml") -> str:
    """Parse `raw`, expect ContentError, and return its message (one line, naming the file)."""
    with pytest.raises(ContentError) as caught:
        parse(raw, source=source)
    message = str(caught.value)
    assert message.startswith(f"{source}: "), message
    assert "\n" not in message
    return message


# ---------------------------------------------------------------- worksheets


def test_a_valid_worksheet_builds_all_its_parts() -> None:
    sheet = parse_worksheet(worksheet(), source="mindfulness.toml")
    assert (sheet.id, sheet.session, sheet.week, sheet.component) == (
        "mindfulness",
        "webinar-1",
        1,
        "mindfulness",
    )
    assert [a.kind for a in sheet.activities] == ["reflect", "practice", "apply", "apply"]
    assert [p.id for p in sheet.prompts] == [
        "one-q0",
        "one-q1",
        "two-q0",
        "three-q0",
        "four-q0",
        "try-this-week",
    ]
    assert sheet.closing.kind == "commitment"
    assert sheet.prompt("two-q0").label == "Label of two-q0?"
    with pytest.raises(KeyError):
        sheet.prompt("nope")


def test_prose_is_reflowed_into_paragraphs_and_normalised() -> None:
    intro = "First  line\nwraps here.\n\n  Second paragraph, cafe\u0301.\n" + WORDS_150
    sheet = parse_worksheet(worksheet(introduction=intro), source="w.toml")
    first, second = sheet.introduction.split("\n\n")
    assert first == "First line wraps here."
    assert second.startswith("Second paragraph, caf\u00e9. word word")


def test_the_error_is_something_a_person_can_act_on() -> None:
    assert issubclass(ContentError, Invalid)


def test_duplicate_prompt_ids_are_named() -> None:
    raw = worksheet()
    raw["activity"][1]["prompt"][0]["id"] = "one-q0"
    message = refused(parse_worksheet, raw, "mindfulness.toml")
    assert message == 'mindfulness.toml: prompt ids used twice: "one-q0"'


def test_closing_prompt_id_clashing_with_an_activity_prompt_is_refused() -> None:
    raw = worksheet(closing=prompt("one-q1", "commitment"))
    assert refused(parse_worksheet, raw) == 'f.toml: prompt ids used twice: "one-q1"'


def test_a_sheet_may_offer_a_guided_practice_it_names_by_its_key() -> None:
    assert parse_worksheet(worksheet(), source="f.toml").practice == ""
    offered = parse_worksheet(worksheet(practice="self-compassion-break"), source="f.toml")
    assert offered.practice == "self-compassion-break"
    message = refused(parse_worksheet, worksheet(practice="breathing"))
    assert "practice: expected one of self-compassion-break or nothing" in message
    assert message.startswith("f.toml")


def test_duplicate_activity_ids_are_named() -> None:
    raw = worksheet()
    raw["activity"][3] = activity("one", "apply")
    raw["activity"][3]["prompt"][0]["id"] = "distinct"
    assert refused(parse_worksheet, raw) == 'f.toml: activity: ids used twice: "one"'


def test_missing_component_is_named() -> None:
    raw = worksheet()
    del raw["component"]
    assert refused(parse_worksheet, raw) == (
        "f.toml: component: missing, expected lower-case words joined by hyphens "
        "(e.g. notice-moment), up to 40 characters"
    )


def test_unknown_prompt_kind_is_named_with_the_prompt() -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"][1]["kind"] = "essay"
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "one": prompt "one-q1": kind: expected one of text, commitment, '
        'got "essay"'
    )


def test_missing_prompt_kind_is_refused() -> None:
    raw = worksheet()
    del raw["activity"][0]["prompt"][0]["kind"]
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "one": prompt "one-q0": kind: missing, expected one of text, commitment'
    )


def test_unknown_activity_kind_is_named() -> None:
    raw = worksheet()
    raw["activity"][2]["kind"] = "homework"
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "three": kind: expected one of reflect, practice, apply, got "homework"'
    )


def test_an_unknown_key_such_as_a_typo_is_named() -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"][0]["guidence"] = "Typo."
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "one": prompt "one-q0": guidence: unknown key '
        "(the keys here are guidance, id, kind, label)"
    )


def test_pair_is_only_for_the_questionnaire() -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"][0]["pair"] = "self"
    assert 'prompt "one-q0": pair: unknown key' in refused(parse_worksheet, raw)


@pytest.mark.parametrize("label", [None, "", "   ", 7])
def test_a_prompt_needs_a_label(label: Any) -> None:
    raw = worksheet()
    if label is None:
        del raw["activity"][0]["prompt"][0]["label"]
    else:
        raw["activity"][0]["prompt"][0]["label"] = label
    message = refused(parse_worksheet, raw)
    assert message.startswith('f.toml: activity "one": prompt "one-q0": label: ')
    assert "some text on one line" in message


def test_a_prompt_needs_an_id() -> None:
    raw = worksheet()
    del raw["activity"][1]["prompt"][0]["id"]
    assert refused(parse_worksheet, raw).startswith(
        'f.toml: activity "two": prompt 1: id: missing, expected lower-case words'
    )


@pytest.mark.parametrize("bad_id", ["Notice", "notice moment", "notice--moment", "-x", "a" * 41])
def test_ids_must_be_lower_case_words_and_hyphens(bad_id: str) -> None:
    raw = worksheet()
    raw["activity"][0]["id"] = bad_id
    assert refused(parse_worksheet, raw).startswith(
        f"f.toml: activity {json.dumps(bad_id)}: id: expected lower-case words joined by hyphens"
    )


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\r", "\t", "\x7f", "\x9b"])
def test_control_characters_are_refused(char: str) -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"][0]["guidance"] = f"Some{char}guidance."
    message = refused(parse_worksheet, raw)
    assert message.startswith('f.toml: activity "one": prompt "one-q0": guidance: expected some ')
    assert 'without control characters, got "Some\\' in message
    assert char not in message  # shown escaped, never sent to the terminal


def test_a_line_break_is_refused_in_a_label_but_allowed_in_prose() -> None:
    raw = worksheet()
    raw["activity"][0]["description"] = "Two\nlines."
    assert parse_worksheet(raw, source="w.toml").activities[0].description == "Two lines."
    raw["activity"][0]["prompt"][0]["label"] = "Two\nlines?"
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "one": prompt "one-q0": label: expected some text on one line, '
        'without control characters, got "Two\\nlines?"'
    )


def test_a_label_over_25_words_is_refused() -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"][0]["label"] = " ".join(["word"] * 25)
    parse_worksheet(raw, source="w.toml")
    raw["activity"][0]["prompt"][0]["label"] = " ".join(["word"] * 26)
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "one": prompt "one-q0": label: expected at most 25 words, got 26'
    )


@pytest.mark.parametrize(("words", "ok"), [(119, False), (120, True), (200, True), (201, False)])
def test_introduction_word_range(words: int, ok: bool) -> None:
    raw = worksheet(introduction=" ".join(["word"] * words))
    if ok:
        assert len(parse_worksheet(raw, source="w.toml").introduction.split()) == words
    else:
        message = refused(parse_worksheet, raw)
        assert message == f"f.toml: introduction: expected 120 to 200 words, got {words}"


@pytest.mark.parametrize("count", [3, 7])
def test_four_to_six_activities(count: int) -> None:
    raw = worksheet(activity=[activity(f"a{n}") for n in range(count)])
    assert refused(parse_worksheet, raw) == (
        f"f.toml: activity: expected 4 to 6 [[activity]] entries, got {count} entries"
    )


def test_six_activities_are_fine() -> None:
    raw = worksheet(activity=[activity(f"a{n}") for n in range(6)])
    assert len(parse_worksheet(raw, source="w.toml").activities) == 6


def test_an_activity_needs_a_prompt() -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"] = []
    assert refused(parse_worksheet, raw) == (
        'f.toml: activity "one": prompt: expected 1 to 4 [[activity.prompt]] entries, got none'
    )


def test_missing_closing_prompt_is_refused() -> None:
    raw = worksheet()
    del raw["closing"]
    assert refused(parse_worksheet, raw) == (
        "f.toml: closing: missing, expected a table ([closing])"
    )


def test_two_closing_prompts_are_refused() -> None:
    raw = worksheet(closing=[prompt("a", "commitment"), prompt("b", "commitment")])
    assert refused(parse_worksheet, raw) == (
        "f.toml: closing: expected a table ([closing]), got 2 entries"
    )


def test_the_closing_prompt_must_be_a_commitment() -> None:
    raw = worksheet(closing=prompt("try-this-week", "text"))
    assert refused(parse_worksheet, raw) == (
        "f.toml: closing: kind: expected commitment (its answer can join the action plan), "
        "got text"
    )


@pytest.mark.parametrize(
    ("week", "shown"), [(True, "true"), (-1, "-1"), (53, "53"), (1.0, "1.0"), ("1", '"1"')]
)
def test_week_must_be_a_whole_number_in_range(week: Any, shown: str) -> None:
    assert refused(parse_worksheet, worksheet(week=week)) == (
        f"f.toml: week: expected a whole number from 0 to 52, got {shown}"
    )


@pytest.mark.parametrize(("raw", "shown"), [([], "none"), ("text", '"text"'), (None, "nothing")])
def test_a_file_that_is_not_a_table_is_refused(raw: Any, shown: str) -> None:
    assert refused(parse_worksheet, raw) == (
        f"f.toml: expected a table of keys and values, got {shown}"
    )


# ---------------------------------------------------------------- coaching


def test_coaching_sessions_share_the_prompts() -> None:
    sheets = parse_coaching(coaching(), source="coaching.toml")
    assert [(s.id, s.week) for s in sheets] == [("coaching-1", 2), ("coaching-2", 4)]
    assert all(s.session == s.id and s.component is None for s in sheets)
    assert [p.id for p in sheets[1].prompts] == ["bring", "taking-away", "commitment"]
    assert sheets[0].commitment.id == "commitment"


def test_coaching_needs_exactly_one_commitment_after() -> None:
    none = coaching(after=[prompt("taking-away")])
    assert refused(parse_coaching, none) == (
        "f.toml: after: expected exactly one prompt of kind commitment, got 0"
    )
    two = coaching(after=[prompt("a", "commitment"), prompt("b", "commitment")])
    assert refused(parse_coaching, two).endswith("got 2")


def test_coaching_before_prompts_are_not_commitments() -> None:
    raw = coaching(before=[prompt("bring", "commitment")])
    assert refused(parse_coaching, raw) == (
        'f.toml: before "bring": kind: expected text here, got commitment'
    )


def test_coaching_prompt_ids_unique_across_before_and_after() -> None:
    raw = coaching(before=[prompt("taking-away")])
    assert refused(parse_coaching, raw) == 'f.toml: prompt ids used twice: "taking-away"'


def test_coaching_session_ids_unique() -> None:
    raw = coaching()
    raw["session"][1]["id"] = "coaching-1"
    assert refused(parse_coaching, raw) == 'f.toml: session: ids used twice: "coaching-1"'


def test_coaching_session_needs_a_focus() -> None:
    raw = coaching()
    del raw["session"][0]["focus"]
    assert refused(parse_coaching, raw) == (
        'f.toml: session "coaching-1": focus: missing, expected some text on one line, '
        "without control characters"
    )


# ---------------------------------------------------------------- questionnaire


def test_questionnaire_rows_pair_baseline_with_end_and_keep_both_orders() -> None:
    parsed = parse_questionnaire(questionnaire(), source="q.toml")
    rows = [(r.pair, r.baseline and r.baseline.id, r.end and r.end.id) for r in parsed.rows()]
    assert rows == [
        ("work", "role", "changed-work"),
        (None, None, "impact-patients"),
        ("self", "hopes-self", "changed-self"),
        (None, None, "changed-leadership"),
        (None, "in-the-way", None),
    ]
    end_order = [r.end.id for r in parsed.rows() if r.end is not None]
    baseline_order = [r.baseline.id for r in parsed.rows() if r.baseline is not None]
    assert sorted(end_order) == sorted(p.id for p in parsed.end.prompts)
    assert baseline_order == [p.id for p in parsed.baseline.prompts]


def test_unpaired_first_end_prompt_goes_first() -> None:
    raw = questionnaire()
    raw["end"]["prompt"].insert(0, prompt("opening"))
    rows = parse_questionnaire(raw, source="q.toml").rows()
    assert rows[0].end is not None
    assert rows[0].end.id == "opening"


def test_a_pair_missing_its_end_counterpart_is_named() -> None:
    raw = questionnaire()
    raw["baseline"]["prompt"][2]["pair"] = "barriers"
    message = refused(parse_questionnaire, raw, "questionnaire.toml")
    assert message == 'questionnaire.toml: baseline: pair "barriers" has no counterpart at end'


def test_a_pair_missing_its_baseline_counterpart_is_named() -> None:
    raw = questionnaire()
    raw["end"]["prompt"][3]["pair"] = "patients"
    message = refused(parse_questionnaire, raw)
    assert message == 'f.toml: end: pair "patients" has no counterpart at baseline'


def test_a_pair_used_twice_on_one_side_is_named() -> None:
    raw = questionnaire()
    raw["end"]["prompt"][1]["pair"] = "self"
    assert refused(parse_questionnaire, raw) == 'f.toml: end: prompt: pair keys used twice: "self"'


def test_questionnaire_prompt_ids_unique_across_both_parts() -> None:
    raw = questionnaire()
    raw["end"]["prompt"][3]["id"] = "in-the-way"
    assert refused(parse_questionnaire, raw) == (
        'f.toml: prompt ids (across baseline and end) used twice: "in-the-way"'
    )


def test_questionnaire_needs_both_parts() -> None:
    raw = questionnaire()
    del raw["end"]
    assert refused(parse_questionnaire, raw) == "f.toml: end: missing, expected a table ([end])"


# ---------------------------------------------------------------- letter


def test_letter_parses() -> None:
    parsed = parse_letter(letter(), source="letter.toml")
    assert (parsed.week, parsed.until_week, parsed.opens_at) == (1, 2, "followup")
    assert [p.id for p in parsed.prompts] == ["letter"]


def test_letter_weeks_in_order() -> None:
    message = refused(parse_letter, letter(week=3, until_week=2))
    assert message == "f.toml: until_week: expected week 3 or later, got 2"


def test_letter_needs_its_prompt() -> None:
    raw = letter()
    del raw["prompt"]
    assert refused(parse_letter, raw) == "f.toml: prompt: missing, expected a table ([prompt])"


# ---------------------------------------------------------------- together


def test_sheets_come_in_programme_order_and_can_be_found() -> None:
    whole = content()
    assert [s.id for s in whole.sheets] == [
        "questionnaire-baseline",
        "mindfulness",
        "letter",
        "coaching-1",
        "coaching-2",
        "questionnaire-end",
    ]
    assert whole.sheet("coaching-2").week == 4
    with pytest.raises(KeyError):
        whole.sheet("nope")


def test_sheet_ids_unique_across_files() -> None:
    clash = parse_worksheet(worksheet(id="coaching-1"), source="w.toml")
    with pytest.raises(ContentError) as caught:
        assemble_content(
            [clash],
            parse_coaching(coaching(), source="c.toml"),
            parse_questionnaire(questionnaire(), source="q.toml"),
            parse_letter(letter(), source="l.toml"),
        )
    assert str(caught.value) == (
        'worksheets/coaching.toml: id: "coaching-1" is also the id of worksheets/coaching-1.toml'
    )


def test_two_worksheets_for_one_component_are_refused() -> None:
    first = parse_worksheet(worksheet(), source="a.toml")
    second = parse_worksheet(worksheet(id="another", session="webinar-2"), source="b.toml")
    with pytest.raises(ContentError) as caught:
        assemble_content(
            [first, second],
            parse_coaching(coaching(), source="c.toml"),
            parse_questionnaire(questionnaire(), source="q.toml"),
            parse_letter(letter(), source="l.toml"),
            shown=lambda name: f"/facilitator/{name}",
        )
    assert str(caught.value) == (
        '/facilitator/worksheets/another.toml: component: "mindfulness" is also the component '
        "of /facilitator/worksheets/mindfulness.toml"
    )


def test_iter_text_reaches_every_label_and_guidance() -> None:
    raw = worksheet()
    raw["activity"][3]["prompt"][0]["guidance"] = "Deep guidance."
    whole = assemble_content(
        [parse_worksheet(raw, source="w.toml")],
        parse_coaching(coaching(), source="c.toml"),
        parse_questionnaire(questionnaire(), source="q.toml"),
        parse_letter(letter(), source="l.toml"),
    )
    texts = dict(iter_text(whole))
    assert texts["mindfulness, prompt four-q0: guidance"] == "Deep guidance."
    assert texts["questionnaire-end, prompt impact-patients: label"] == "Label of impact-patients?"
    assert texts["coaching-2: focus"] == "A focus."
    assert texts["mindfulness, activity two: description"] == "A short description."


# ---------------------------------------------------------------- against the programme


def test_content_that_matches_the_programme_passes() -> None:
    check_against_programme(content(), parse_template(programme_raw()))


def test_a_component_the_programme_lacks_is_named() -> None:
    template = parse_template(programme_raw())
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(component="kindness"), template)
    assert str(caught.value) == (
        'worksheets/mindfulness.toml: component: "kindness" differs from "mindfulness", which '
        'session "webinar-1" covers in programme.toml'
    )


def test_a_programme_component_without_a_worksheet_is_named() -> None:
    raw = programme_raw()
    raw["components"]["self-kindness"] = "Self-kindness"
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(), parse_template(raw))
    assert str(caught.value) == (
        'programme.toml: components: "self-kindness" has no worksheet '
        "(add worksheets/self-kindness.toml)"
    )


def test_a_worksheet_week_differing_from_its_webinar_is_named() -> None:
    template = parse_template(programme_raw())
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(week=2), template, lambda name: f"/f/{name}")
    assert str(caught.value) == (
        '/f/worksheets/mindfulness.toml: week: 2 differs from week 1 of session "webinar-1" '
        "in /f/programme.toml"
    )


def test_a_worksheet_attached_to_a_coaching_session_is_named() -> None:
    template = parse_template(programme_raw())
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(session="coaching-1"), template)
    assert str(caught.value) == (
        'worksheets/mindfulness.toml: session: session "coaching-1" in programme.toml is of '
        "kind coaching, not webinar"
    )


def test_a_coaching_session_without_notes_is_named() -> None:
    raw = programme_raw()
    raw["session"].insert(3, copy.deepcopy(raw["session"][2]) | {"id": "coaching-3"})
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(), parse_template(raw))
    assert str(caught.value) == (
        'programme.toml: session "coaching-3" has no notes in worksheets/coaching.toml'
    )


def test_coaching_notes_in_another_week_name_their_session_entry() -> None:
    raw = programme_raw()
    raw["session"][3]["week"] = 3  # coaching-2 moves to week 3; its notes say week 4
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(), parse_template(raw))
    assert str(caught.value) == (
        'worksheets/coaching.toml: session "coaching-2": week: 4 differs from week 3 of '
        'session "coaching-2" in programme.toml'
    )


def test_a_questionnaire_part_at_the_wrong_occasion_is_named() -> None:
    whole = content()
    raw = questionnaire()
    raw["end"]["session"] = "baseline"
    wrong = parse_questionnaire(raw, source="questionnaire.toml")
    with pytest.raises(ContentError) as caught:
        check_against_programme(
            assemble_content(whole.worksheets, whole.coaching, wrong, whole.letter),
            parse_template(programme_raw()),
        )
    assert str(caught.value) == (
        'worksheets/questionnaire.toml: end: session: session "baseline" in programme.toml is '
        "of kind baseline, not end"
    )


def test_a_letter_opening_at_an_unknown_session_is_named() -> None:
    raw = programme_raw()
    raw["session"] = [s for s in raw["session"] if s["id"] != "followup"]
    with pytest.raises(ContentError) as caught:
        check_against_programme(content(), parse_template(raw))
    assert str(caught.value) == (
        'worksheets/letter.toml: opens_at: programme.toml has no session "followup"'
    )


def test_a_letter_written_after_the_programme_is_named() -> None:
    whole = content()
    late = parse_letter(letter(until_week=5), source="letter.toml")
    with pytest.raises(ContentError) as caught:
        check_against_programme(
            assemble_content(whole.worksheets, whole.coaching, whole.questionnaire, late),
            parse_template(programme_raw()),
        )
    assert str(caught.value) == (
        "worksheets/letter.toml: weeks 1 to 5 are outside weeks 1 to 4 of programme.toml"
    )


# ---------------------------------------------------------------- anything at all

toml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 60), st.text(max_size=30), st.floats()
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(
            st.sampled_from(["id", "kind", "label", "prompt", "activity", "closing", "x"]),
            inner,
            max_size=6,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(toml_values)
def test_any_data_is_parsed_or_refused_with_a_content_error(raw: Any) -> None:
    """Never a KeyError or TypeError from a facilitator's typo: one line naming the file."""
    for parse in (parse_worksheet, parse_coaching, parse_questionnaire, parse_letter):
        try:
            parse(raw, source="fuzz.toml")
        except ContentError as error:
            assert str(error).startswith("fuzz.toml: "), str(error)
            assert str(error).isprintable(), str(error)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_label_text_is_accepted_or_refused_cleanly(label: str) -> None:
    raw = worksheet()
    raw["activity"][0]["prompt"][0]["label"] = label
    try:
        sheet = parse_worksheet(raw, source="w.toml")
    except ContentError:
        return
    parsed = sheet.prompt("one-q0").label
    assert parsed and "\n" not in parsed
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in parsed)
