"""The eight-week schedule: every date rule, the UK clock changes, status and completion.

Expected dates below were worked out by hand from the content file's rules
(week N starts 7*(N-1) days after the start date; `day` is added to that;
the follow-up is one calendar month after `end`, moved to Monday at a
weekend) and checked against a printed calendar.
"""

from __future__ import annotations

import copy
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.domain.declared import ContentError, build
from companion.domain.errors import Invalid
from companion.domain.programme import (
    ACTIVITY_KINDS,
    SESSION_KINDS,
    Event,
    build_schedule,
    check_move,
    check_start,
    completion,
    local_datetime,
    move_reorders,
    planned_day,
    programme_end,
    state_word,
    status,
    week_of,
)
from companion.domain.programme_setup import ProgrammeSetup
from companion.domain.programme_template import ProgrammeTemplate

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC
IDS = (
    "baseline",
    "webinar-1",
    "coaching-1",
    "webinar-2",
    "coaching-2",
    "webinar-3",
    "coaching-3",
    "webinar-4",
    "coaching-4",
    "end",
    "followup",
)


def london(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


def schedule(template, start: dt.date, **setup) -> list[Event]:
    return build_schedule(template, ProgrammeSetup(start=start, zone=LONDON, **setup))


def by_id(events: list[Event]) -> dict[str, Event]:
    return {e.id: e for e in events}


def minutes(event: Event) -> float:
    """Real length in minutes (aware datetimes in one zone subtract as wall clocks)."""
    return (event.end.astimezone(UTC) - event.start.astimezone(UTC)).total_seconds() / 60


# ---------------------------------------------------------------- the shipped content


def test_content_file_defines_the_eleven_sessions_in_order(template):
    assert template.ids == IDS
    assert template.weeks == 8
    kinds = {s.id: s.kind for s in template.sessions}
    assert kinds["baseline"] == "baseline"
    assert kinds["end"] == "end"
    assert kinds["followup"] == "followup"
    assert [kinds[f"webinar-{n}"] for n in range(1, 5)] == ["webinar"] * 4
    assert [kinds[f"coaching-{n}"] for n in range(1, 5)] == ["coaching"] * 4
    # The four components, in the order the issue lists them.
    components = [template.session(f"webinar-{n}").component for n in range(1, 5)]
    assert components == [
        "mindfulness",
        "common-humanity",
        "self-kindness",
        "barriers-and-keeping-going",
    ]
    # Coaching lasts one hour.
    assert {template.session(f"coaching-{n}").minutes for n in range(1, 5)} == {60}


# ---------------------------------------------------------------- date placement

# Start Monday 2 March 2026. UK clocks go forward on Sunday 29 March 2026.
MONDAY_START = dt.date(2026, 3, 2)
MONDAY_EXPECTED = {
    "baseline": (london(2026, 2, 27, 9, 0), 30, 0),  # Friday before week 1
    "webinar-1": (london(2026, 3, 2, 10, 0), 90, 0),
    "coaching-1": (london(2026, 3, 9, 12, 0), 60, 0),
    "webinar-2": (london(2026, 3, 16, 10, 0), 90, 0),
    "coaching-2": (london(2026, 3, 23, 12, 0), 60, 0),
    "webinar-3": (london(2026, 3, 30, 10, 0), 90, 1),  # first Monday of BST
    "coaching-3": (london(2026, 4, 6, 12, 0), 60, 1),
    "webinar-4": (london(2026, 4, 13, 10, 0), 90, 1),
    "coaching-4": (london(2026, 4, 20, 12, 0), 60, 1),
    "end": (london(2026, 4, 23, 9, 0), 30, 1),  # Thursday of week 8
    # 23 April + 1 month = Saturday 23 May: moved on to Monday 25 May.
    "followup": (london(2026, 5, 25, 10, 0), 120, 1),
}

# Start Thursday 5 March 2026.
THURSDAY_START = dt.date(2026, 3, 5)
THURSDAY_EXPECTED = {
    "baseline": (london(2026, 3, 2, 9, 0), 30, 0),  # the Monday before
    "webinar-1": (london(2026, 3, 5, 10, 0), 90, 0),
    "coaching-1": (london(2026, 3, 12, 12, 0), 60, 0),
    "webinar-2": (london(2026, 3, 19, 10, 0), 90, 0),
    "coaching-2": (london(2026, 3, 26, 12, 0), 60, 0),  # the Thursday before the change
    "webinar-3": (london(2026, 4, 2, 10, 0), 90, 1),
    "coaching-3": (london(2026, 4, 9, 12, 0), 60, 1),
    "webinar-4": (london(2026, 4, 16, 10, 0), 90, 1),
    "coaching-4": (london(2026, 4, 23, 12, 0), 60, 1),
    # Week 8 day 3 is Sunday 26 April: the end measures move on to the Monday.
    "end": (london(2026, 4, 27, 9, 0), 30, 1),
    "followup": (london(2026, 5, 27, 10, 0), 120, 1),  # a month after that Monday
}


@pytest.mark.parametrize(
    ("start", "expected"),
    [(MONDAY_START, MONDAY_EXPECTED), (THURSDAY_START, THURSDAY_EXPECTED)],
    ids=["monday-start", "thursday-start"],
)
def test_every_session_falls_on_its_day_time_and_offset(template, start, expected):
    events = schedule(template, start)
    assert [e.id for e in events] == list(IDS)
    for event in events:
        when, length, offset_hours = expected[event.id]
        assert event.start == when, event.id
        assert event.start.utcoffset() == dt.timedelta(hours=offset_hours), event.id
        assert minutes(event) == length, event.id
        assert event.moved is False
        assert event.attended is None


def test_baseline_is_before_week_one_and_webinar_one_is_on_the_start_date(template):
    events = by_id(schedule(template, MONDAY_START))
    assert events["baseline"].day < MONDAY_START
    assert week_of(MONDAY_START, events["baseline"].day) == 0
    assert events["webinar-1"].day == MONDAY_START


def test_webinars_and_coaching_alternate_through_weeks_one_to_eight(template):
    events = schedule(template, THURSDAY_START)
    sessions = [e for e in events if e.kind in SESSION_KINDS]
    assert [e.week for e in sessions] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [e.kind for e in sessions] == ["webinar", "coaching"] * 4
    for event in sessions:
        assert week_of(THURSDAY_START, event.day) == event.week


def test_end_is_in_week_eight(template):
    events = by_id(schedule(template, MONDAY_START))
    assert events["end"].week == 8
    assert week_of(MONDAY_START, events["end"].day) == 8
    assert events["end"].day <= programme_end(template, MONDAY_START) == dt.date(2026, 4, 26)


@pytest.mark.parametrize(
    ("start", "end_day", "followup_day"),
    [
        # end Fri 31 Jan 2025 -> Fri 28 Feb 2025
        (dt.date(2024, 12, 10), dt.date(2025, 1, 31), dt.date(2025, 2, 28)),
        # leap year: end Mon 31 Jan 2028 -> Tue 29 Feb 2028
        (dt.date(2027, 12, 10), dt.date(2028, 1, 31), dt.date(2028, 2, 29)),
        # end Sat 31 Jan 2026 -> Monday 2 February (a working day) -> Monday 2 March
        (dt.date(2025, 12, 10), dt.date(2026, 2, 2), dt.date(2026, 3, 2)),
        # end Sun 31 Jan 2027 -> Monday 1 February -> Monday 1 March
        (dt.date(2026, 12, 10), dt.date(2027, 2, 1), dt.date(2027, 3, 1)),
    ],
    ids=["31jan-to-28feb", "31jan-to-29feb-leap", "saturday-to-monday", "sunday-to-monday"],
)
def test_followup_is_one_calendar_month_after_end(template, start, end_day, followup_day):
    events = by_id(schedule(template, start))
    assert events["end"].day == end_day
    assert events["followup"].day == followup_day
    assert events["followup"].start.time() == dt.time(10, 0)
    assert events["followup"].week is None


def test_followup_follows_a_moved_end_only_through_its_planned_day(template):
    """The follow-up is anchored to the planned end, so moving `end` by a day keeps it put."""
    planned = by_id(schedule(template, MONDAY_START))
    moved = by_id(schedule(template, MONDAY_START, moves={"end": dt.datetime(2026, 4, 24, 9, 0)}))
    assert moved["end"].day == dt.date(2026, 4, 24)
    assert moved["followup"].start == planned["followup"].start


# ---------------------------------------------------------------- UK clock changes


def test_local_datetime_refuses_times_the_clocks_skip():
    # Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST.
    with pytest.raises(Invalid, match=r"01:30 does not happen on Sunday 29 March 2026"):
        local_datetime(dt.datetime(2026, 3, 29, 1, 30), LONDON)
    for hour, minute in ((1, 0), (1, 59)):
        with pytest.raises(Invalid, match="clocks go forward"):
            local_datetime(dt.datetime(2026, 3, 29, hour, minute), LONDON)
    before = local_datetime(dt.datetime(2026, 3, 29, 0, 59), LONDON)
    after = local_datetime(dt.datetime(2026, 3, 29, 2, 0), LONDON)
    assert before.utcoffset() == dt.timedelta(0)
    assert after.utcoffset() == dt.timedelta(hours=1)
    # One real minute apart on the clock-change night.
    assert after.astimezone(UTC) - before.astimezone(UTC) == dt.timedelta(minutes=1)


def test_local_datetime_takes_the_first_of_two_autumn_times():
    # Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    first = local_datetime(dt.datetime(2026, 10, 25, 1, 30), LONDON)
    assert first.utcoffset() == dt.timedelta(hours=1)
    assert first.astimezone(UTC) == dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert local_datetime(dt.datetime(2026, 10, 25, 2, 0), LONDON).utcoffset() == dt.timedelta(0)


def test_session_spanning_the_autumn_change_lasts_its_real_minutes(template):
    # `end` (30 minutes) moved to 01:45 BST on the night the clocks go back.
    events = by_id(
        schedule(template, dt.date(2026, 10, 5), moves={"end": dt.datetime(2026, 10, 25, 1, 45)})
    )
    end = events["end"]
    assert end.start.utcoffset() == dt.timedelta(hours=1)
    assert end.end.utcoffset() == dt.timedelta(0)
    assert end.end.astimezone(UTC) == dt.datetime(2026, 10, 25, 1, 15, tzinfo=UTC)
    assert minutes(end) == 30
    # On the wall clock it "ends" before it starts: 01:45 BST to 01:15 GMT.
    assert end.end.time() == dt.time(1, 15)


def test_session_spanning_the_spring_change_lasts_its_real_minutes(template):
    # webinar-1 (90 minutes) moved to 00:30 GMT on 29 March 2026: ends 03:00 BST.
    events = by_id(
        schedule(
            template, dt.date(2026, 3, 16), moves={"webinar-1": dt.datetime(2026, 3, 29, 0, 30)}
        )
    )
    webinar = events["webinar-1"]
    assert minutes(webinar) == 90
    assert webinar.end.time() == dt.time(3, 0)
    assert webinar.end.utcoffset() == dt.timedelta(hours=1)


def test_a_stored_time_in_the_spring_gap_is_shown_at_the_same_moment(template):
    events = by_id(
        schedule(
            template, dt.date(2026, 3, 2), moves={"coaching-1": dt.datetime(2026, 3, 29, 1, 30)}
        )
    )
    start = events["coaching-1"].start
    assert start.astimezone(UTC) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (start.hour, start.minute) == (2, 30)


# ---------------------------------------------------------------- moving sessions


def plan_for(start: dt.date, **extra) -> ProgrammeSetup:
    return ProgrammeSetup(start=start, zone=LONDON, **extra)


def test_check_move_refuses_a_time_the_clocks_skip(template):
    setup = plan_for(dt.date(2027, 3, 1))
    with pytest.raises(Invalid, match="01:30 does not happen on Sunday 28 March 2027"):
        check_move(template, setup, "coaching-2", dt.datetime(2027, 3, 28, 1, 30))


def test_check_move_refuses_dates_more_than_a_year_from_the_planned_day(template):
    setup = plan_for(dt.date(2027, 3, 1))
    planned = planned_day(template, setup.start, template.session("followup"))
    at_ten = dt.time(10, 0)
    with pytest.raises(Invalid, match="more than a year"):
        later = planned + dt.timedelta(days=367)
        check_move(template, setup, "followup", dt.datetime.combine(later, at_ten))
    # 366 days later (across 29 February 2028) is still accepted.
    when = dt.datetime.combine(planned + dt.timedelta(days=366), at_ten)
    assert check_move(template, setup, "followup", when) == when


def test_a_session_cannot_move_before_the_programme_or_after_the_follow_up(template):
    setup = plan_for(dt.date(2027, 3, 1))  # Monday; the follow-up is Monday 24 May 2027
    with pytest.raises(Invalid, match="before the programme begins on Monday 1 March 2027"):
        check_move(template, setup, "coaching-4", dt.datetime(2027, 2, 26, 12, 0))
    with pytest.raises(Invalid, match="after the follow-up workshop on Monday 24 May 2027"):
        check_move(template, setup, "coaching-4", dt.datetime(2027, 5, 25, 12, 0))
    # The first day and the follow-up's day themselves are inside.
    for day in (dt.datetime(2027, 3, 1, 12, 0), dt.datetime(2027, 5, 24, 9, 0)):
        assert check_move(template, setup, "coaching-4", day) == day
    # The baseline belongs before the start: back to the first day of its week, no further.
    early = dt.datetime(2027, 2, 22, 9, 0)
    assert check_move(template, setup, "baseline", early) == early
    with pytest.raises(Invalid, match="before the programme begins on Monday 22 February"):
        check_move(template, setup, "baseline", early - dt.timedelta(days=1))


def test_a_move_that_changes_the_order_says_so(template):
    setup = plan_for(dt.date(2027, 3, 1))
    note = move_reorders(template, setup, "coaching-4", dt.datetime(2027, 3, 2, 12, 0))
    assert note == ("Group coaching 4 now comes before Group coaching 1, which is planned earlier")
    note = move_reorders(template, setup, "webinar-2", dt.datetime(2027, 3, 23, 12, 0))
    assert (
        note
        == "Webinar 2: Common humanity now comes after Group coaching 2, which is planned later"
    )
    # A move within its place in the order, or back to the plan, says nothing.
    assert move_reorders(template, setup, "coaching-1", dt.datetime(2027, 3, 9, 15, 0)) is None
    assert move_reorders(template, setup, "coaching-1", None) is None


def test_check_move_accepts_an_ordinary_time_unchanged(template):
    setup = plan_for(dt.date(2027, 3, 1))
    when = dt.datetime(2027, 3, 9, 15, 30)
    assert check_move(template, setup, "coaching-1", when) == when


def test_moved_sessions_are_marked_moved_and_resorted(template):
    moved_to = dt.datetime(2026, 3, 17, 12, 0)  # after webinar-2 on 16 March
    events = schedule(template, MONDAY_START, moves={"coaching-1": moved_to})
    order = [e.id for e in events]
    assert order.index("webinar-2") < order.index("coaching-1") < order.index("coaching-2")
    coaching = by_id(events)["coaching-1"]
    assert coaching.moved is True
    assert coaching.start == london(2026, 3, 17, 12, 0)
    assert minutes(coaching) == 60
    assert coaching.week == 2  # still the week-2 session, only on another day
    assert all(not e.moved for e in events if e.id != "coaching-1")


def test_check_start_limits():
    today = dt.date(2026, 2, 20)
    assert check_start(dt.date(2026, 3, 2), today) == dt.date(2026, 3, 2)
    with pytest.raises(Invalid, match="more than a year ago"):
        check_start(dt.date(2025, 2, 1), today)
    with pytest.raises(Invalid, match="more than two years away"):
        check_start(dt.date(2028, 3, 1), today)


# ---------------------------------------------------------------- property: any start date


@settings(max_examples=300, deadline=None)
@given(start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_any_start_date_gives_a_well_formed_schedule(start):
    from companion import content

    events = schedule(content.programme(), start)
    assert len(events) == 11
    instants = [e.start.astimezone(UTC) for e in events]
    assert instants == sorted(instants)
    for event in events:
        assert event.end.astimezone(UTC) > event.start.astimezone(UTC)
    sessions = [e for e in events if e.kind in SESSION_KINDS]
    assert sorted(e.week for e in sessions) == list(range(1, 9))
    for event in sessions:
        assert week_of(start, event.day) == event.week
        assert event.start.time() in (dt.time(10, 0), dt.time(12, 0))
    ids = by_id(events)
    assert ids["baseline"].day < start == ids["webinar-1"].day
    end, followup = ids["end"], ids["followup"]
    assert week_of(start, end.day) == 8
    assert followup.day.weekday() < 5
    assert followup.day > end.day
    one_month = end.day + relativedelta(months=1)
    assert 0 <= (followup.day - one_month).days <= 2
    if one_month.weekday() < 5:
        assert followup.day == one_month


# ---------------------------------------------------------------- where are we now


@pytest.fixture
def monday_plan() -> ProgrammeSetup:
    return plan_for(MONDAY_START)


def where(template, setup: ProgrammeSetup, now: dt.datetime):
    return status(template, setup, build_schedule(template, setup), now)


def test_status_before_the_start(template, monday_plan):
    now = london(2026, 2, 20, 12, 0)
    s = where(template, monday_plan, now)
    assert s.phase == "before"
    assert s.week == 0
    assert s.days_to_start == 10
    assert s.headline == "The programme starts in 10 days"
    assert [e.id for e in s.this_week] == ["baseline"]
    assert s.next_event is not None and s.next_event.id == "baseline"
    assert s.today_events == ()


def test_status_the_day_before_says_tomorrow(template, monday_plan):
    s = where(template, monday_plan, london(2026, 3, 1, 21, 0))
    assert s.phase == "before"
    assert s.days_to_start == 1
    assert s.headline == "The programme starts tomorrow"


@pytest.mark.parametrize(
    ("now", "week"),
    [
        (london(2026, 3, 2, 0, 0), 1),
        (london(2026, 3, 8, 23, 59), 1),
        (london(2026, 3, 9, 0, 0), 2),
        (london(2026, 4, 19, 23, 59), 7),
        (london(2026, 4, 20, 0, 0), 8),
        (london(2026, 4, 26, 23, 59), 8),
    ],
)
def test_status_week_numbers_at_week_boundaries(template, monday_plan, now, week):
    s = where(template, monday_plan, now)
    assert s.phase == "during"
    assert s.week == week
    assert s.headline == f"Week {week} of 8"


def test_status_uses_the_local_date_not_the_utc_date(template, monday_plan):
    # 23:30 UTC on Sunday 26 April is 00:30 BST on Monday 27 April: the programme is over.
    s = where(template, monday_plan, dt.datetime(2026, 4, 26, 23, 30, tzinfo=UTC))
    assert s.today == dt.date(2026, 4, 27)
    assert s.phase == "after"


def test_status_this_week_and_today(template, monday_plan):
    s = where(template, monday_plan, london(2026, 4, 23, 8, 0))
    assert s.week == 8
    assert [e.id for e in s.this_week] == ["coaching-4", "end"]
    assert [e.id for e in s.today_events] == ["end"]
    assert s.next_event is not None and s.next_event.id == "end"


def test_next_event_is_the_one_still_on_then_the_one_after(template, monday_plan):
    during = where(template, monday_plan, london(2026, 3, 2, 11, 29))
    assert during.next_event is not None and during.next_event.id == "webinar-1"
    later = where(template, monday_plan, london(2026, 3, 2, 11, 31))
    assert later.next_event is not None and later.next_event.id == "coaching-1"
    done = where(template, monday_plan, london(2026, 5, 25, 12, 1))
    assert done.next_event is None


def test_status_after_the_programme_names_the_followup(template, monday_plan):
    s = where(template, monday_plan, london(2026, 5, 1, 9, 0))
    assert s.phase == "after"
    assert s.week == 9
    assert s.this_week == ()
    assert s.headline == "Programme complete, follow-up on Mon 25 May"
    on_the_day = where(template, monday_plan, london(2026, 5, 25, 9, 0))
    assert on_the_day.headline == "Programme complete, follow-up on Mon 25 May"
    s = where(template, monday_plan, london(2026, 5, 26, 9, 0))
    assert s.headline == "Programme complete, follow-up was on Mon 25 May"


# ---------------------------------------------------------------- completion


def test_completion_counts_sessions_of_eight_and_activities(template):
    setup = plan_for(
        MONDAY_START,
        attendance={
            "baseline": True,
            "webinar-1": True,
            "coaching-1": False,
            "webinar-2": True,
            "end": False,
            "followup": True,  # neither a session nor an activity
        },
    )
    done = completion(build_schedule(template, setup))
    assert done.sessions_total == 8
    assert done.sessions_attended == 2
    assert done.sessions_missed == 1
    assert done.activities_total == 2
    assert done.activities_done == 1
    assert done.sessions_line == "2 of 8 sessions attended"
    assert done.activities_line == "1 of 2 activities completed"


def test_the_kind_line_notices_what_was_done_and_leaves_gaps_unsaid(template):
    def noticed(attendance):
        return completion(build_schedule(template, plan_for(MONDAY_START, attendance=attendance)))

    some = noticed({"baseline": True, "webinar-1": True, "coaching-1": False, "webinar-2": True})
    assert some.noticed_line == (
        "You have made time for 2 sessions and 1 activity: each one counts."
    )
    one = noticed({"webinar-1": True, "coaching-1": False}).noticed_line
    assert one == "You have made time for 1 session: each one counts."
    nothing = noticed({"webinar-1": False}).noticed_line
    assert nothing == "Each session and activity you mark as done gathers here."
    for line in (some.noticed_line, one, nothing):
        # Nothing compares the person with others or names what they missed.
        assert not any(word in line for word in ("missed", "in 10", "%", "evaluation", "others"))


def test_completion_of_an_unmarked_programme_is_zero(template):
    done = completion(schedule(template, MONDAY_START))
    assert (done.sessions_attended, done.sessions_missed, done.activities_done) == (0, 0, 0)


def test_state_words_are_neutral(template):
    attendance = {"webinar-1": True, "coaching-1": False, "baseline": True, "end": False}
    events = by_id(schedule(template, MONDAY_START, attendance=attendance))
    assert state_word(events["webinar-1"]) == "attended"
    assert state_word(events["coaching-1"]) == "missed"
    assert state_word(events["baseline"]) == "done"
    assert state_word(events["end"]) == "not done"
    assert state_word(events["webinar-2"]) == ""
    words = {
        state_word(e)
        for value in (True, False, None)
        for e in schedule(
            template, MONDAY_START, attendance={} if value is None else dict.fromkeys(IDS, value)
        )
    }
    for word in words:
        assert not any(harsh in word for harsh in ("fail", "bad", "broke", "lost"))


def test_activity_and_session_kinds_do_not_overlap():
    assert not SESSION_KINDS & ACTIVITY_KINDS


# ---------------------------------------------------------------- template validation


def minimal_raw() -> dict:
    return {
        "title": "Test programme",
        "weeks": 2,
        "components": {"calm": "Calm"},
        "session": [
            {
                "id": "w1",
                "kind": "webinar",
                "title": "Webinar",
                "summary": "s",
                "component": "calm",
                "week": 1,
                "time": "10:00",
                "minutes": 60,
                "live": True,
            },
            {
                "id": "fu",
                "kind": "followup",
                "title": "Follow-up",
                "summary": "s",
                "after": "w1",
                "months": 1,
                "time": "10:00",
                "minutes": 60,
            },
        ],
    }


def parse_template(raw: dict) -> ProgrammeTemplate:
    return build(ProgrammeTemplate, raw, "programme.toml")


def test_minimal_template_parses_and_places_the_followup():
    template = parse_template(minimal_raw())
    assert template.ids == ("w1", "fu")
    assert template.session("w1").time == dt.time(10, 0)
    # 31 January 2025 (a Friday) + 1 month = Friday 28 February 2025.
    assert planned_day(template, dt.date(2025, 1, 31), template.session("fu")) == dt.date(
        2025, 2, 28
    )


def broken(change) -> dict:
    raw = copy.deepcopy(minimal_raw())
    change(raw)
    return raw


W1 = 'programme.toml: session "w1"'
FU = 'programme.toml: session "fu"'


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda r: r["session"].append(dict(r["session"][0])),
            'programme.toml: session: ids used twice: "w1"',
        ),
        (
            lambda r: r["session"][0].update(component="calmness"),
            f'{W1}: component: "calmness" is not one of the components ("calm")',
        ),
        (
            lambda r: r["session"][1].update(week=1),
            f"{FU}: give either week or after (one of them, not both)",
        ),
        (
            lambda r: r["session"][0].pop("week"),
            f"{W1}: give either week or after (one of them, not both)",
        ),
        (
            lambda r: r["session"][0].update(time="25:00"),
            f'{W1}: time: expected a time like "09:30", got "25:00"',
        ),
        (
            lambda r: r["session"][0].update(time="ten"),
            f'{W1}: time: expected a time like "09:30", got "ten"',
        ),
        (
            lambda r: r["session"][0].update(time=930),
            f'{W1}: time: expected a time like "09:30", got 930',
        ),
        (
            lambda r: r["session"][1].update(after="nowhere"),
            f'{FU}: after: no session is called "nowhere"',
        ),
        (
            lambda r: r["session"][0].update(kind="party"),
            f'{W1}: kind: expected one of baseline, webinar, coaching, end, followup, got "party"',
        ),
        (
            lambda r: r["session"][0].update(week=3),
            f"{W1}: week: expected 0 to 2 (the programme's weeks), got 3",
        ),
        (
            lambda r: r["session"][0].update(day=7),
            f"{W1}: day: expected a whole number from 0 to 6, got 7",
        ),
        (
            lambda r: r["session"][0].update(minutes=0),
            f"{W1}: minutes: expected a whole number from 1 to 1440, got 0",
        ),
        (
            lambda r: r["session"][0].update(minutes=True),
            f"{W1}: minutes: expected a whole number from 1 to 1440, got true",
        ),
        (
            lambda r: r["session"][1].update(months=0),
            f'{FU}: months: expected a whole number from 1 to 24 (how long after "w1"), got 0',
        ),
        (
            lambda r: r["session"][0].update(months=2),
            f"{W1}: months: only used with after, not with week",
        ),
        (
            lambda r: r["session"][0].update(title="  "),
            f'{W1}: title: expected a title on one line, up to 72 characters, got "  "',
        ),
        (
            lambda r: r["session"][0].update(summary="Bell\x07"),
            f'{W1}: summary: expected some text, without control characters, got "Bell\\u0007"',
        ),
        (
            lambda r: r["session"][0].pop("minutes"),
            f"{W1}: minutes: missing, expected a whole number from 1 to 1440",
        ),
        (
            lambda r: r["session"][0].update(minuts=60),
            f"{W1}: minuts: unknown key (the keys here are after, component, day, id, kind, "
            "live, minutes, months, summary, time, title, week)",
        ),
        (
            lambda r: r["session"][0].update(id="Webinar 1"),
            'programme.toml: session "Webinar 1": id: expected lower-case words joined by '
            'hyphens (e.g. notice-moment), up to 40 characters, got "Webinar 1"',
        ),
        (
            lambda r: r.update(weeks=0),
            "programme.toml: weeks: expected a whole number from 1 to 52, got 0",
        ),
        (
            lambda r: r.update(weeks="8"),
            'programme.toml: weeks: expected a whole number from 1 to 52, got "8"',
        ),
        (
            lambda r: r.pop("session"),
            "programme.toml: session: missing, expected one or more [[session]] entries",
        ),
        (
            lambda r: r["components"].update({"Calm Down": "x"}),
            'programme.toml: components: key "Calm Down": expected lower-case words joined by '
            "hyphens (e.g. notice-moment), up to 40 characters",
        ),
    ],
    ids=[
        "duplicate-id",
        "unknown-component",
        "week-and-after",
        "neither-week-nor-after",
        "hour-25",
        "time-word",
        "time-number",
        "unknown-after",
        "unknown-kind",
        "week-out-of-range",
        "day-out-of-range",
        "zero-minutes",
        "true-minutes",
        "zero-months",
        "months-with-week",
        "blank-title",
        "control-character",
        "missing-minutes",
        "misspelt-key",
        "id-with-a-space",
        "zero-weeks",
        "weeks-as-text",
        "no-sessions",
        "component-key",
    ],
)
def test_a_bad_template_is_refused_naming_the_file_entry_and_field(change, message):
    with pytest.raises(ContentError) as error:
        parse_template(broken(change))
    assert str(error.value) == message


def test_parse_template_rejects_a_cycle_of_after():
    def cycle(raw):
        raw["session"].append({**raw["session"][1], "id": "fu2", "after": "fu"})
        raw["session"][1]["after"] = "fu2"

    with pytest.raises(ContentError, match='session "fu": after: goes round in a circle'):
        parse_template(broken(cycle))


def test_parse_template_rejects_a_session_after_itself():
    with pytest.raises(ContentError, match="round in a circle"):
        parse_template(broken(lambda r: r["session"][1].update(after="fu")))


def test_parse_template_rejects_a_chain_ending_at_an_unknown_id():
    """fu -> fu2 -> nowhere: the unknown name is reported, not a bare KeyError."""

    def chain(raw):
        raw["session"].append({**raw["session"][1], "id": "fu2", "after": "nowhere"})
        raw["session"][1]["after"] = "fu2"

    with pytest.raises(ContentError, match='session "fu2": after: no session is called "nowhere"'):
        parse_template(broken(chain))


def test_completion_counts_other_activities_beside_the_schedules_own(template):
    setup = ProgrammeSetup(
        start=dt.date(2026, 3, 2),
        zone=LONDON,
        attendance={"baseline": True, "end": False, "webinar-1": True},
    )
    events = build_schedule(template, setup)

    done = completion(events, [True, False, True])

    assert (done.activities_done, done.activities_total) == (1 + 2, 2 + 3)
    assert done.activities_line == "3 of 5 activities completed"
    assert (done.sessions_attended, done.sessions_total) == (1, 8)


# ---------------------------------------------------------------- working days


ENGLAND_2026 = {  # with their names, as the holidays package gives them
    dt.date(2026, 4, 3): "Good Friday",
    dt.date(2026, 4, 6): "Easter Monday",
    dt.date(2026, 5, 25): "Spring Bank Holiday",
    dt.date(2026, 12, 25): "Christmas Day",
    dt.date(2026, 12, 28): "Boxing Day (observed)",
    dt.date(2027, 1, 1): "New Year's Day",
}


def test_measures_and_the_follow_up_fall_on_working_days(template):
    # A Tuesday start: the baseline would be Saturday 31 October, the end measures
    # Friday 25 December (Christmas), and the Monday after is Boxing Day's substitute.
    events = by_id(schedule(template, dt.date(2026, 11, 3), days_off=frozenset(ENGLAND_2026)))
    assert events["baseline"].day == dt.date(2026, 10, 30)  # the Friday before
    assert events["end"].day == dt.date(2026, 12, 29)  # the first working day after
    assert events["followup"].day == dt.date(2027, 1, 29)  # a month after, a Friday
    # Sessions are where the programme puts them, whatever the day.
    assert events["webinar-1"].day == dt.date(2026, 11, 3)


def test_a_follow_up_on_a_bank_holiday_moves_to_the_next_working_day(template):
    events = by_id(schedule(template, MONDAY_START, days_off=frozenset(ENGLAND_2026)))
    # 23 May is a Saturday, Monday 25 May the Spring Bank Holiday.
    assert events["followup"].day == dt.date(2026, 5, 26)


def test_a_live_session_on_a_bank_holiday_says_so_gently(template):
    events = by_id(schedule(template, MONDAY_START, days_off=frozenset(ENGLAND_2026)))
    assert events["coaching-3"].day == dt.date(2026, 4, 6)  # Easter Monday
    assert events["coaching-3"].holiday_note == "bank holiday: check with your coach"
    assert [e.id for e in events.values() if e.holiday_note] == ["coaching-3"]


@given(start=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31)))
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_no_start_puts_a_measure_on_a_weekend_or_holiday(template, start):
    from companion.domain.working_days import DEFAULT_REGION, bank_holidays, programme_years

    days_off = frozenset(bank_holidays(DEFAULT_REGION, programme_years(start)))
    events = by_id(schedule(template, start, days_off=days_off))
    for kind in ("baseline", "end", "followup"):
        day = events[kind].day
        assert day.weekday() < 5 and day not in days_off, (kind, day)
    assert events["baseline"].day < start
    assert events["end"].day > events["coaching-4"].day
