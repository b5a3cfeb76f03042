"""The worksheet files agree with each other and with the programme outline.

Each file is checked on its own as it is built (`companion.domain.worksheets.sheets`);
these checks need several files at once, so every message names each file
involved, as `shown` gives it (a facilitator's own file by its full path).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from companion.domain.declared import ContentError
from companion.domain.worksheets.sheets import (
    COACHING_FILE,
    LETTER_FILE,
    QUESTIONNAIRE_FILE,
    CoachingSheet,
    Letter,
    Questionnaire,
    Sheet,
    SheetContent,
    Worksheet,
)

if TYPE_CHECKING:  # only for a type hint
    from companion.domain.programme_template import ProgrammeTemplate


def file_of(sheet: Sheet) -> str:
    """The file a sheet comes from, relative to the content folder."""
    names = {"coaching": COACHING_FILE, "questionnaire": QUESTIONNAIRE_FILE, "letter": LETTER_FILE}
    return f"worksheets/{names.get(sheet.sheet_kind, f'{sheet.id}.toml')}"


def assemble_content(
    worksheets: Sequence[Worksheet],
    coaching: Sequence[CoachingSheet],
    questionnaire: Questionnaire,
    letter: Letter,
    shown: Callable[[str], str] = str,
) -> SheetContent:
    """Put the parsed files together: no two sheets share an id, no two worksheets a
    component or a session.

    `shown` turns a file's name (`worksheets/letter.toml`) into the name to
    show in a message (the full path of a facilitator's own file).
    """
    content = SheetContent(tuple(worksheets), tuple(coaching), questionnaire, letter)
    for field, sheets in (
        ("id", content.sheets),
        ("component", content.worksheets),
        ("session", content.worksheets),
    ):
        first: dict[str, Sheet] = {}
        for sheet in sheets:
            value = getattr(sheet, field)
            other = first.setdefault(value, sheet)
            if other is not sheet:
                raise ContentError(
                    f'{shown(file_of(sheet))}: {field}: "{value}" is also the {field} of '
                    f"{shown(file_of(other))}"
                )
    return content


def check_against_programme(
    content: SheetContent, template: ProgrammeTemplate, shown: Callable[[str], str] = str
) -> None:
    """Check the content agrees with the programme outline, or raise ContentError.

    Every programme component has exactly one worksheet, attached to the
    webinar of that component in the same week; every coaching session has
    notes in its week; the questionnaire's occasions and the letter's opening
    session exist; the letter is written within the programme's weeks. Each
    message names the sheet's file and `programme.toml` (through `shown`).
    """
    sessions = {s.id: s for s in template.sessions}
    programme = shown("programme.toml")

    def attached(sheet: Sheet, where: str, session_id: str, kind: str) -> None:
        """The sheet belongs to a session of `kind` in its week; `where` names its entry."""
        file = shown(file_of(sheet))
        link = f"{where}{'id' if sheet.sheet_kind == 'coaching' else 'session'}"
        session = sessions.get(session_id)
        if session is None:
            raise ContentError(f'{file}: {link}: {programme} has no session "{session_id}"')
        if session.kind != kind:
            raise ContentError(
                f'{file}: {link}: session "{session_id}" in {programme} is of kind '
                f"{session.kind}, not {kind}"
            )
        if session.week is not None and sheet.week != session.week:
            raise ContentError(
                f"{file}: {where}week: {sheet.week} differs from week {session.week} "
                f'of session "{session_id}" in {programme}'
            )

    for worksheet in content.worksheets:
        attached(worksheet, "", worksheet.session, "webinar")
        covers = sessions[worksheet.session].component
        if covers != worksheet.component:
            raise ContentError(
                f'{shown(file_of(worksheet))}: component: "{worksheet.component}" differs from '
                f'"{covers}", which session "{worksheet.session}" covers in {programme}'
            )
    covered = [w.component for w in content.worksheets]
    for component in template.components:
        if component not in covered:
            raise ContentError(
                f'{programme}: components: "{component}" has no worksheet '
                f"(add worksheets/{component}.toml)"
            )
    for notes in content.coaching:
        attached(notes, f'session "{notes.id}": ', notes.id, "coaching")
    noted = {c.id for c in content.coaching}
    for session in template.sessions:
        if session.kind == "coaching" and session.id not in noted:
            raise ContentError(
                f'{programme}: session "{session.id}" has no notes in '
                f"{shown('worksheets/' + COACHING_FILE)}"
            )
    for part, occasion in (
        (content.questionnaire.baseline, "baseline"),
        (content.questionnaire.end, "end"),
    ):
        attached(part, f"{occasion}: ", part.session, occasion)
    letter = content.letter
    if letter.opens_at not in sessions:
        raise ContentError(
            f'{shown(file_of(letter))}: opens_at: {programme} has no session "{letter.opens_at}"'
        )
    if not 1 <= letter.week <= letter.until_week <= template.weeks:
        raise ContentError(
            f"{shown(file_of(letter))}: weeks {letter.week} to {letter.until_week} are outside "
            f"weeks 1 to {template.weeks} of {programme}"
        )
