"""Where each sheet stands (not started, in progress, complete) and which is this week's."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.domain.worksheets.letter import LetterStatus

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from companion.domain.worksheets.sheets import Letter, Prompt, Sheet, SheetContent, Worksheet

SheetStatus = Literal["not started", "in progress", "complete"]

SHEET_STATUSES: tuple[str, ...] = get_args(SheetStatus)


def answered(sheet: Sheet, answers: Mapping[str, str]) -> int:
    """How many of the sheet's prompts have an answer with some words in it."""
    return sum(1 for p in sheet.prompts if answers.get(p.id, "").strip())


def sheet_status(sheet: Sheet, answers: Mapping[str, str], complete: bool) -> SheetStatus:
    """`complete` once the participant marks it so; `in progress` once anything is written."""
    if complete:
        return "complete"
    return "in progress" if answered(sheet, answers) else "not started"


def asks_before_complete(sheet: Sheet, answers: Mapping[str, str]) -> bool:
    """Whether marking `sheet` complete asks first: nothing is written on it yet.

    A complete worksheet counts as a programme activity done, so an empty one
    marked by a slip of the key would count one that was never done.
    """
    return answered(sheet, answers) == 0


def complete_question(sheet: Sheet) -> str:
    """The question `asks_before_complete` asks."""
    question = "Nothing is written on this sheet yet. Mark it complete anyway?"
    if counts_toward_completion(sheet):
        question += " It then counts as a programme activity done."
    return question


def status_sentence(sheet: Sheet, status: SheetStatus) -> str:
    """`Webinar 1: Mindfulness is now not started.`: a change of status, in the table's words."""
    return f"{sheet.title} is now {status}."


def counts_toward_completion(sheet: Sheet) -> bool:
    """The webinar worksheets count as programme activities (one each).

    The questionnaire is part of the baseline and end activities, which are
    marked on the schedule; coaching notes and the letter are optional extras.
    """
    return isinstance(sheet, Worksheet)


def worksheet_activities(worksheet_ids: Sequence[str], completed: Collection[str]) -> list[bool]:
    """Done-flags of the programme's activities beyond the schedule's own: one per worksheet.

    The webinar worksheets count (`counts_toward_completion`); `worksheet_ids`
    lists them in order without reading the sheet files
    (`companion.content.worksheets.worksheet_ids`), so `companion today` stays quick.
    """
    return [sheet_id in completed for sheet_id in worksheet_ids]


def current_sheet(content: SheetContent, week: int, weeks: int) -> Sheet:
    """The sheet to offer this week: the latest webinar's worksheet, the questionnaire outside.

    Before the programme (week 0) that is the baseline questionnaire; after
    it (week > weeks) the end questionnaire.
    """
    if week < 1:
        return content.questionnaire.baseline
    if week > weeks:
        return content.questionnaire.end
    started = [w for w in content.worksheets if w.week <= week]
    return started[-1] if started else content.worksheets[0]


SHEET_KIND_WORDS: Mapping[str, str] = {
    "worksheet": "Worksheet",
    "coaching": "Coaching notes",
    "questionnaire": "Questionnaire",
    "letter": "Letter",
}


@dataclass(frozen=True)
class SheetRow:
    """One line of the list of sheets: the sheet, its status and a few words of detail."""

    sheet: Sheet
    status: SheetStatus
    detail: str
    shown: str = ""  # the status as lists show it (the letter: sealed, ready, opened)

    @property
    def status_words(self) -> str:
        """The status column of the app's table and the shell's list, the same in both."""
        return self.shown or self.status

    @property
    def kind_words(self) -> str:
        return SHEET_KIND_WORDS[self.sheet.sheet_kind]

    def as_json(self) -> dict[str, object]:
        """The row as `companion worksheets --json` prints it."""
        return {
            "id": self.sheet.id,
            "title": self.sheet.title,
            "component": self.sheet.component,
            "week": self.sheet.week,
            "status": self.status,
        }


def sheet_rows(
    content: SheetContent,
    answers: Mapping[str, Mapping[str, str]],
    completed: Collection[str],
    letter: LetterStatus,
) -> list[SheetRow]:
    """Every sheet in programme order with its status (the letter's comes from its stage)."""
    rows = []
    for sheet in content.sheets:
        if isinstance(sheet, Letter):
            rows.append(SheetRow(sheet, letter.sheet_status, letter.sentence, letter.shown))
            continue
        rows.append(sheet_row(sheet, answers.get(sheet.id, {}), sheet.id in completed))
    return rows


def sheet_row(sheet: Sheet, written: Mapping[str, str], complete: bool) -> SheetRow:
    """A sheet other than the letter with its status: `3 of 9 answered`."""
    detail = f"{answered(sheet, written)} of {len(sheet.prompts)} answered"
    return SheetRow(sheet, sheet_status(sheet, written, complete), detail)


def prompt_of(sheet: Sheet, prompt_id: str) -> Prompt | None:
    """The sheet's prompt with this id, or None if the content no longer has it."""
    return next((p for p in sheet.prompts if p.id == prompt_id), None)
