"""What a report holds, read from the store: the Progress story and, if asked, the writing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.domain.progress import Story
    from companion.store import Store
    from companion.story import ProgrammeView


@dataclass(frozen=True)
class Answer:
    """One answered prompt: the programme's own prompt and what the participant wrote."""

    prompt: str
    text: str


@dataclass(frozen=True)
class WrittenSheet:
    """A worksheet or a questionnaire part, with only its answered prompts."""

    title: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Report:
    """Everything one report shows, as of `today`."""

    name: str | None
    start: dt.date
    last_day: dt.date
    today: dt.date
    weeks: int  # the programme's length in weeks
    story: Story
    writing: tuple[WrittenSheet, ...] | None  # None unless asked for


def gather(store: Store, view: ProgrammeView, *, include_writing: bool) -> Report:
    """The report as of `view`'s day: the same story the Progress section shows."""
    from companion.story import read_story

    return Report(
        name=view.setup.name,
        start=view.setup.start,
        last_day=view.last_day,
        today=view.status.today,
        weeks=view.template.weeks,
        story=read_story(store, view),
        writing=_writing(store) if include_writing else None,
    )


def _writing(store: Store) -> tuple[WrittenSheet, ...]:
    """The answers of the sheets shared when asked (`SheetContent.shared_writing`)."""
    from companion.content.worksheets import sheet_content

    every = store.worksheets.all_answers()
    found = []
    for sheet in sheet_content().shared_writing:
        answers = every.get(sheet.id, {})
        written = tuple(
            Answer(prompt.label, answers[prompt.id])
            for prompt in sheet.prompts
            if answers.get(prompt.id, "").strip()
        )
        if written:
            found.append(WrittenSheet(sheet.title, written))
    return tuple(found)
