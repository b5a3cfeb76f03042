"""The reflective content files in `companion/content/worksheets/`, read on first use.

Nothing is read at import time: the first call to `sheet_content()` reads
and validates every file, and later calls return the same object.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.domain.worksheets.sheets import (
        CoachingSheet,
        Letter,
        Questionnaire,
        SheetContent,
        Worksheet,
    )

# The files sit beside this module (not importlib.resources: importing it costs
# quick commands such as `companion today` 10-40 ms, and Companion is never run zipped).
FOLDER = Path(__file__).parent / "worksheets"

# The webinar worksheets, in programme order. Each file's name is its worksheet id.
WORKSHEET_FILES = (
    "mindfulness.toml",
    "common-humanity.toml",
    "self-kindness.toml",
    "barriers-and-keeping-going.toml",
)
COACHING_FILE = "coaching.toml"


def worksheet_ids() -> tuple[str, ...]:
    """The webinar worksheets' ids in order, without reading the files.

    Each file is named after its worksheet (the content tests check it), so
    `companion today` can count worksheets toward completion without paying
    ~20-40 ms to parse every file.
    """
    return tuple(name.removesuffix(".toml") for name in WORKSHEET_FILES)


QUESTIONNAIRE_FILE = "questionnaire.toml"
LETTER_FILE = "letter.toml"


def read_worksheet_file(name: str) -> dict[str, Any]:
    """One file of `companion/content/worksheets/`, parsed as TOML but not yet validated.

    Raises WorksheetError naming the file if it is missing, not UTF-8 or not TOML.
    """
    from companion.domain.worksheets.sheets import WorksheetError

    path = FOLDER / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorksheetError(f"{name}: not found in companion/content/worksheets") from None
    except UnicodeDecodeError as error:
        raise WorksheetError(f"{name}: not valid UTF-8 ({error.reason})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise WorksheetError(f"{name}: not valid TOML ({error})") from None


@functools.cache
def sheet_content() -> SheetContent:
    """All the reflective content, read and validated once, then cached."""
    from companion.domain.worksheets.sheets import (
        assemble_content,
        parse_coaching,
        parse_letter,
        parse_questionnaire,
        parse_worksheet,
    )

    return assemble_content(
        worksheets=[parse_worksheet(read_worksheet_file(n), source=n) for n in WORKSHEET_FILES],
        coaching=parse_coaching(read_worksheet_file(COACHING_FILE), source=COACHING_FILE),
        questionnaire=parse_questionnaire(
            read_worksheet_file(QUESTIONNAIRE_FILE), source=QUESTIONNAIRE_FILE
        ),
        letter=parse_letter(read_worksheet_file(LETTER_FILE), source=LETTER_FILE),
    )


def worksheets() -> tuple[Worksheet, ...]:
    """The four webinar worksheets, in programme order."""
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
