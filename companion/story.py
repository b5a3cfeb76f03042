"""What the participant's records add up to, read from the store: one home for assembling it.

`programme_now` is the programme as of a moment (schedule, status, completion),
which the app's sections, `companion today` and the evaluation pack all show;
`read_story` is the Progress story, which the Progress section and the report
tell. Both read through the store's parts and leave the rules to the domain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from companion.domain.evaluation.pack import Pack
    from companion.domain.programme import Completion, Event, Status
    from companion.domain.programme_setup import ProgrammeSetup
    from companion.domain.programme_template import ProgrammeTemplate
    from companion.domain.progress import Story
    from companion.store import Store


@dataclass(frozen=True)
class ProgrammeView:
    """Everything shown about the programme, computed once per look."""

    template: ProgrammeTemplate
    setup: ProgrammeSetup
    events: list[Event]
    status: Status
    completion: Completion
    now: dt.datetime

    @property
    def last_day(self) -> dt.date:
        """The programme's last day: the end of its last week (the follow-up comes later)."""
        return self.setup.start + dt.timedelta(days=7 * self.template.weeks - 1)


def programme_completion(store: Store, events: list[Event]) -> Completion:
    """Sessions attended and activities completed: the schedule's marks and the worksheets done."""
    from companion.content.worksheets import worksheet_ids
    from companion.domain.programme import completion
    from companion.domain.worksheets.status import worksheet_activities

    return completion(events, worksheet_activities(worksheet_ids(), store.worksheets.completed()))


def programme_now(store: Store, now: dt.datetime) -> ProgrammeView | None:
    """The programme as of `now`, or None before it is set up."""
    from companion import content
    from companion.domain.programme import build_schedule, status

    setup = store.programme.setup()
    if setup is None:
        return None
    template = content.programme()
    events = build_schedule(template, setup)
    return ProgrammeView(
        template=template,
        setup=setup,
        events=events,
        status=status(template, setup, events, now),
        completion=programme_completion(store, events),
        now=now,
    )


def read_story(store: Store, view: ProgrammeView) -> Story:
    """The Progress story as of `view`'s day, from everything the store holds."""
    from companion.content.instruments import instruments
    from companion.content.worksheets import sheet_content
    from companion.domain.progress import Story, action_counts, component_stories, scale_story
    from companion.domain.scales.results import results
    from companion.domain.selfcare.weekly import minutes_per_week
    from companion.domain.worksheets.status import sheet_row

    today = view.status.today
    weeks_so_far = min(view.status.week, view.template.weeks)
    practice = store.selfcare.practice_days(view.setup.start, min(today, view.last_day))
    per_week = minutes_per_week(practice, view.setup.start, weeks_so_far)
    administrations = store.scales.administrations()
    scales = []
    outcomes = [results(scale, administrations) for scale in instruments()]
    for outcome in outcomes:
        if not outcome.points:
            continue
        later = [point.day for point, _ in outcome.changes]
        between = (
            store.selfcare.practice_minutes(outcome.reference.day, later)
            if outcome.reference is not None and later
            else {}
        )
        scales.append(scale_story(outcome, between))
    weeks = tuple(sum(minutes.values()) for minutes in per_week.values())
    answers, completed = store.worksheets.all_answers(), store.worksheets.completed()
    sheets = [
        sheet_row(sheet, answers.get(sheet.id, {}), sheet.id in completed)
        for sheet in sheet_content().worksheets
    ]
    return Story(
        completion=view.completion,
        weeks=weeks,
        scales=tuple(scales),
        actions=action_counts(store.worksheets.actions()),
        components=component_stories(view.template, sheets, weeks, outcomes),
    )


def read_pack(
    store: Store, view: ProgrammeView, cohort: str, pseudonym: str, *, include_writing: bool
) -> Pack:
    """The evaluation pack as of `view`: nothing in it but what the pack format names.

    `cohort` is a checked label (`check_label`); the writing (worksheets and the
    questionnaire, never scale items) only with `include_writing`.
    """
    from companion.content.instruments import instruments
    from companion.content.worksheets import sheet_content
    from companion.domain.evaluation import pack
    from companion.domain.scales.results import results

    administrations = store.scales.administrations()
    found = [
        (instrument, point)
        for instrument in instruments()
        for point in results(instrument, administrations).points
    ]
    found.sort(key=lambda item: (item[1].day, item[0].id))
    writing = None
    if include_writing:
        every = store.worksheets.all_answers()
        shared = sheet_content().shared_writing
        writing = {sheet.id: every[sheet.id] for sheet in shared if sheet.id in every}
    return pack.build(
        pack_id=pseudonym,
        cohort=cohort,
        made=view.now.astimezone(view.setup.zone).date(),
        start=view.setup.start,
        weeks=view.template.weeks,
        completion=view.completion,
        results=found,
        practice=store.selfcare.practice_days(view.setup.start, view.last_day),
        writing=writing,
    )
