"""The reflective content (`worksheets/*.toml`): read and checked on first use, then kept.

See `companion.content.loader` for where the files come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.content.loader import sheet_content, worksheet_ids

if TYPE_CHECKING:
    from companion.domain.worksheets.sheets import CoachingSheet, Letter, Questionnaire, Worksheet

__all__ = [
    "coaching_sheets",
    "letter",
    "questionnaire",
    "sheet_content",
    "worksheet_ids",
    "worksheets",
]


def worksheets() -> tuple[Worksheet, ...]:
    """The webinar worksheets, one per programme component, in programme order."""
    return sheet_content().worksheets


def coaching_sheets() -> tuple[CoachingSheet, ...]:
    """The notes for each group coaching session, in programme order."""
    return sheet_content().coaching


def questionnaire() -> Questionnaire:
    """The reflective questionnaire, baseline and end parts."""
    return sheet_content().questionnaire


def letter() -> Letter:
    """The letter-to-self sheet."""
    return sheet_content().letter
