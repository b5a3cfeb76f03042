"""Marking a sheet complete: when it asks first, and what each state change says."""

from __future__ import annotations

from companion.content.worksheets import sheet_content
from companion.domain.worksheets.status import (
    asks_before_complete,
    complete_question,
    sheet_status,
    status_sentence,
)


def test_only_a_sheet_with_nothing_written_asks_first() -> None:
    sheet = sheet_content().sheet("mindfulness")
    first, second = (p.id for p in sheet.prompts[:2])
    assert asks_before_complete(sheet, {})
    assert asks_before_complete(sheet, {first: "   \n"})  # blank is not written
    assert not asks_before_complete(sheet, {second: "a breath before the meeting"})


def test_the_question_says_a_worksheet_counts_and_coaching_notes_do_not() -> None:
    content = sheet_content()
    assert complete_question(content.sheet("mindfulness")).endswith(
        "It then counts as a programme activity done."
    )
    assert complete_question(content.sheet("coaching-1")) == (
        "Nothing is written on this sheet yet. Mark it complete anyway?"
    )


def test_unmarking_an_empty_sheet_says_not_started_as_the_list_does() -> None:
    sheet = sheet_content().sheet("mindfulness")
    status = sheet_status(sheet, {}, complete=False)
    assert status_sentence(sheet, status) == f"{sheet.title} is now not started."
