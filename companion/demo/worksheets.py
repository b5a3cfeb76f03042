"""The demo's worksheets: Sam's answers for the weeks gone by, coaching notes, an action
plan in several states and a sealed letter.

Sam is an associate director of nursing for a medical division, four weeks
into the programme: the baseline questionnaire, the mindfulness and common
humanity worksheets and two sets of coaching notes are written; the
self-kindness worksheet (this week's) is under way. Everything here is
invented for the demo.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from companion.store import Store

ZONE = ZoneInfo("Europe/London")

BASELINE = {
    "role-context": (
        "Associate director of nursing for the medical division: eleven wards, two "
        "assessment units, about 600 staff. We have been on the highest escalation level "
        "most weeks since the autumn, and a new electronic record goes live in the spring. "
        "I am six months into the role and still finding where my edges are."
    ),
    "hopes-self": (
        "To stop replaying the day at 2am. To find a way of carrying the hard decisions "
        "(closing beds, saying no to a ward manager who is right to ask) without it all "
        "landing in my stomach."
    ),
    "hopes-team": (
        "My matrons copy what I do. At the moment that means answering emails at 10pm and "
        "apologising for taking annual leave. I would like them to see something different."
    ),
    "hopes-organisation": (
        "I sit on the nursing workforce group. I would like to bring the question of how "
        "we look after people into the room as a real item, not the last five minutes."
    ),
    "self-care-now": (
        "Honestly, patchy. I walk the dog at weekends and that helps. Lunch is usually at "
        "my desk, if at all. I stopped swimming when I took this job."
    ),
    "in-the-way": (
        "A feeling that if I slow down something will slip and it will be my fault. Also "
        "the diary: every gap gets filled by someone else by Monday morning."
    ),
}

MINDFULNESS = {
    "notice-moment": (
        "A family complaint about a delayed discharge, escalated to the chief nurse before "
        "it reached me. I found out in a corridor."
    ),
    "notice-feelings": (
        "Heat in my face, jaw clenched, a rush of wanting to defend the ward before I knew "
        "the facts. I noticed I had stopped breathing properly."
    ),
    "swept-away": (
        "I rewrote the reply to the family four times that evening and barely spoke at "
        "dinner. By the next morning it had become a story about me not being up to the job."
    ),
    "my-signals": (
        "I start typing faster and shorter. I skip the walk across to the wards and manage "
        "everything from the office. I check my phone in the car park."
    ),
    "step-back": (
        "Walking to the ward rather than phoning. Talking it through with Mo (deputy "
        "director of operations) who tends to ask what I actually know so far."
    ),
    "pause-when": "The walk from the car park to the 8am bed meeting, and the lift.",
    "pause-noticed": (
        "Three breaths feels tiny but it works better than I expected. On Thursday I named "
        "'dread' before the meeting and it was a little less loud once named."
    ),
    "team-pressure": (
        "Ward 7 (respiratory) has had three long-term sicknesses and agency on every night. "
        "It shows as short tempers at handover and nobody taking breaks."
    ),
    "name-it-aloud": (
        "'This has been a hard fortnight on 7, and I can see how much you have all been "
        "carrying. Before the numbers, how are people actually doing?'"
    ),
    "settle-meeting": "The Monday matrons' huddle. It starts with the sitrep and never stops.",
    "delegate-space": (
        "The weekly rota sign-off. Priya is ready for it and has asked for more responsibility."
    ),
    "try-this-week": "Three slow breaths before the 8am bed meeting, every day this week.",
}

COMMON_HUMANITY = {
    "carry-alone": (
        "Decisions about closing beds to protect staffing. I present them as settled and "
        "then lie awake wondering whether I got it wrong."
    ),
    "only-one": (
        "After the board's quality committee, when it felt as if every other division had "
        "its house in order and ours was the problem."
    ),
    "peer-guess": (
        "Probably exactly the same. When I think about it, the surgical ADN looked grey at "
        "that meeting too."
    ),
    "heard-others": (
        "In the webinar breakout someone from a mental health trust described the 2am "
        "replaying almost word for word. It was a relief, oddly. Not just me."
    ),
    "who-to-tell": "My coaching group, and Jo, who had this role before me.",
    "my-words": (
        "Every leader in this building is carrying a version of this. Hard is not the "
        "same as wrong."
    ),
    "view-noticed": (
        "Said it to myself after a difficult incident review. It did not make the review "
        "easier but I left it without the extra layer of shame."
    ),
    "model-uncertainty": (
        "Tell the matrons I am not sure the winter plan is right and that I want their view "
        "on where it will break first."
    ),
    "team-isolated": (
        "Femi, the new ward manager on 9, who came from another trust and does not yet know "
        "who to ring. Pair her with an experienced manager for the first month."
    ),
    "speak-up": (
        "At the governance meeting I could start with something I got wrong this month, "
        "before asking the wards for their learning."
    ),
    "try-this-week": (
        "Tell my coaching group about the bed-closure decision I keep going back over."
    ),
}

SELF_KINDNESS = {
    "critic-words": (
        "'You should have seen that coming. A proper ADN would have had a plan for that weekend.'"
    ),
    "critic-effect": (
        "I over-prepared for the next weekend, sent the matrons three versions of the "
        "escalation plan and was short with Priya when she asked a reasonable question."
    ),
    "colleague-words": (
        "'That was a weekend nobody could have fully planned for. You kept people safe. "
        "What would you keep and what would you change?'"
    ),
}

COACHING = {
    "coaching-1": {
        "bring": "How to be present in the bed meeting when my head is already in the next one.",
        "taking-away": (
            "Someone said the pause is not about feeling calm, it is about choosing the next "
            "thing rather than reacting. That reframed it for me."
        ),
        "commitment": (
            "Open the Monday matrons' huddle by asking how people are, before the numbers."
        ),
    },
    "coaching-2": {
        "bring": "The bed closures, and feeling I cannot show doubt to the matrons.",
        "taking-away": (
            "Three of the six of us carry a decision alone in exactly this way. Showing some "
            "doubt might make it easier for others to raise concerns early."
        ),
        "commitment": "Ask the matrons where the winter plan will break first.",
    },
}

LETTER = """Dear Sam,

By the time you read this the winter will be nearly over and the new record will be \
live, or nearly. I hope you are sleeping better than I am this week.

Right now I am trying three breaths before the bed meeting and it is helping more than I \
expected. I told the coaching group about the bed closures and nobody thought less of me. \
Remember that.

If you have slipped back into the 10pm emails, that is all right. Start again with one \
small thing. The matrons are watching what you do more than what you say.

Be as fair with yourself as you are with Femi.

With love, from week three,
Sam
"""


def _at(start: dt.date, days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment `days` after the programme start, London time, as UTC."""
    local = dt.datetime.combine(start + dt.timedelta(days=days), dt.time(hour, minute), ZONE)
    return local.astimezone(dt.UTC)


def fill(store: Store, start: dt.date, today: dt.date, now: dt.datetime) -> None:
    """Write Sam's worksheets as they would be on `today` (week 5 of the demo)."""
    from companion import content
    from companion.content.worksheets import letter
    from companion.domain.programme import build_schedule
    from companion.domain.worksheets.letter import letter_dates

    # Baseline questionnaire: the Friday before the start.
    store.worksheets.save_answers("questionnaire-baseline", BASELINE, _at(start, -3, 19, 40))
    store.worksheets.mark_complete("questionnaire-baseline", True, _at(start, -3, 20, 5))

    # Week 1-2: mindfulness, written after the webinar; one answer revised later.
    first = dict(MINDFULNESS)
    first["try-this-week"] = "Breathe before meetings."
    first.pop("pause-noticed")
    store.worksheets.save_answers("mindfulness", first, _at(start, 0, 17, 30))
    store.worksheets.save_answers("mindfulness", MINDFULNESS, _at(start, 4, 18, 10))
    store.worksheets.mark_complete("mindfulness", True, _at(start, 4, 18, 15))
    store.worksheets.save_answers(
        "coaching-1", {"bring": COACHING["coaching-1"]["bring"]}, _at(start, 7, 8, 20)
    )
    store.worksheets.save_answers("coaching-1", COACHING["coaching-1"], _at(start, 7, 13, 30))
    store.worksheets.mark_complete("coaching-1", True, _at(start, 7, 13, 35))

    # Week 3-4: common humanity, and coaching 2 (moved to the Tuesday).
    store.worksheets.save_answers("common-humanity", COMMON_HUMANITY, _at(start, 16, 19, 0))
    store.worksheets.mark_complete("common-humanity", True, _at(start, 18, 21, 0))
    store.worksheets.save_answers("coaching-2", COACHING["coaching-2"], _at(start, 22, 14, 30))
    store.worksheets.mark_complete("coaching-2", True, _at(start, 22, 14, 35))

    # Week 5: this week's worksheet, begun once the webinar has happened.
    if today.weekday() > 0:
        store.worksheets.save_answers("self-kindness", SELF_KINDNESS, now - dt.timedelta(hours=15))

    # The action plan: from worksheets, coaching and typed directly, in several states.
    breaths = store.worksheets.add_action(
        MINDFULNESS["try-this-week"],
        None,
        _at(start, 4, 18, 20),
        source=("mindfulness", "try-this-week"),
    )
    store.worksheets.set_action_state(breaths.id, "done", _at(start, 11, 8, 0))
    store.worksheets.add_action(
        COACHING["coaching-1"]["commitment"],
        None,
        _at(start, 7, 13, 40),
        source=("coaching-1", "commitment"),
    )
    friday = store.worksheets.add_action(
        "Leave on time on Fridays and walk home the long way", None, _at(start, 9, 18, 0)
    )
    store.worksheets.set_action_state(friday.id, "let-go", _at(start, 23, 19, 0))
    told = store.worksheets.add_action(
        COMMON_HUMANITY["try-this-week"],
        None,
        _at(start, 16, 19, 5),
        source=("common-humanity", "try-this-week"),
    )
    store.worksheets.set_action_state(told.id, "done", _at(start, 22, 14, 40))
    store.worksheets.add_action(
        "Hand the weekly rota sign-off to Priya for a month",
        start + dt.timedelta(weeks=5, days=4),
        _at(start, 23, 19, 5),
    )

    # The letter: written in week 3, sealed in week 4.
    setup = store.programme.setup()
    assert setup is not None  # the programme filler runs first
    dates = letter_dates(letter(), start, build_schedule(content.programme(), setup))
    written = _at(start, 17, 21, 15)
    store.worksheets.save_letter(LETTER, dates, written, written.astimezone(ZONE).date())
    store.worksheets.seal_letter(_at(start, 24, 20, 0))
