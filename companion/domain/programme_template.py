"""The programme outline as declared in `programme.toml`: its sessions, weeks and components.

The declaration is the file format and the model at once (see
`companion.domain.declared`). Kept apart from `companion.domain.programme`,
which dates the schedule, so that quick commands that never read the outline
(`companion log`) do not import msgspec.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from companion.domain.declared import Declared, Id, Line, Text, Title, Week, quoted, repeated
from companion.domain.programme import Kind

Clock = Annotated[
    str,
    msgspec.Meta(pattern=r"\A([01][0-9]|2[0-3]):[0-5][0-9]\Z", description='a time like "09:30"'),
]


class SessionTemplate(Declared, frozen=True):
    """One `[[session]]` of the programme: placed in a `week`, or some `months` `after` another."""

    id: Id
    kind: Kind
    title: Title
    summary: Text
    clock: Clock = msgspec.field(name="time")
    minutes: Annotated[int, msgspec.Meta(ge=1, le=24 * 60)]
    live: bool = False
    component: Id | None = None
    week: Week | None = None
    day: Annotated[int, msgspec.Meta(ge=0, le=6)] = 0  # days after the week's first day
    after: Id | None = None
    months: Annotated[int, msgspec.Meta(ge=0, le=24)] = 0

    def __post_init__(self) -> None:
        if (self.week is None) == (self.after is None):
            raise ValueError("give either week or after (one of them, not both)")
        if self.after is not None and self.months == 0:
            raise ValueError(
                f'months: expected a whole number from 1 to 24 (how long after "{self.after}"), '
                "got 0"
            )
        if self.week is not None and self.months:
            raise ValueError("months: only used with after, not with week")

    @property
    def time(self) -> dt.time:
        """The local clock time it starts."""
        return dt.time.fromisoformat(self.clock)


class ProgrammeTemplate(Declared, frozen=True):
    """The whole programme outline: its title, length in weeks, components and sessions."""

    title: Title
    weeks: Annotated[int, msgspec.Meta(ge=1, le=52)]
    sessions: Annotated[tuple[SessionTemplate, ...], msgspec.Meta(min_length=1)] = msgspec.field(
        name="session"
    )
    components: dict[Id, Line] = msgspec.field(default_factory=dict)

    def __post_init__(self) -> None:
        twice = repeated([s.id for s in self.sessions])
        if twice:
            raise ValueError(f"session: ids used twice: {quoted(twice)}")
        for session in self.sessions:
            where = f'session "{session.id}"'
            if session.component is not None and session.component not in self.components:
                known = quoted(list(self.components)) or "none"
                raise ValueError(
                    f'{where}: component: "{session.component}" is not one of the '
                    f"components ({known})"
                )
            if session.week is not None and session.week > self.weeks:
                raise ValueError(
                    f"{where}: week: expected 0 to {self.weeks} (the programme's weeks), "
                    f"got {session.week}"
                )
            if session.after is not None and session.after not in self.ids:
                raise ValueError(f'{where}: after: no session is called "{session.after}"')
        for session in self.sessions:
            if session.after is not None and template_anchor_chain(self, session) is None:
                raise ValueError(f'session "{session.id}": after: goes round in a circle')

    def session(self, event_id: str) -> SessionTemplate:
        """The session with this id; KeyError if there is none."""
        for session in self.sessions:
            if session.id == event_id:
                return session
        raise KeyError(event_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every session's id, in the order of the file."""
        return tuple(s.id for s in self.sessions)


def template_anchor_chain(
    template: ProgrammeTemplate, session: SessionTemplate
) -> SessionTemplate | None:
    """The week-placed session that `session` is ultimately anchored to, or None on a cycle."""
    seen = {session.id}
    current = session
    while current.after is not None:
        current = template.session(current.after)
        if current.id in seen:
            return None
        seen.add(current.id)
    return current
