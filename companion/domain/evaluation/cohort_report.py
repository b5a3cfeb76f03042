"""A cohort summary in words: its sections of sentences, as plain text or JSON.

One set of sentences (`sections`) feeds every format, so text, Markdown and
HTML cannot disagree. Markdown and HTML are rendered by the report's
templates (`companion.report.render.render_cohort`), which escape every value
they print: cohort labels come from the packs, that is from other people's
typing. The text form is escaped on its way to the terminal like every line
Companion prints.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from companion.domain.evaluation.cohort import (
    SMALL_COHORT,
    AttendanceSummary,
    CohortSummary,
    MeaningfulCounts,
    PairSummary,
)
from companion.domain.plurals import counted
from companion.domain.scales.administration import OCCASION_NAMES
from companion.domain.scales.change import format_number
from companion.domain.scales.instruments import reliability_name

FORMATS = ("text", "md", "html", "json")


@dataclass(frozen=True)
class Section:
    """A heading, its rows of figures (label, value) and notes in sentences."""

    title: str
    rows: tuple[tuple[str, str], ...]  # label, value
    notes: tuple[str, ...]


def share(count: int, of: int) -> str:
    """`7 of 10 (70%)`: a count, its whole, and the rounded percentage."""
    percent = format_number(100 * count / of, 0) if of else "0"
    return f"{count} of {of} ({percent}%)"


def _number(value: float, places: int) -> str:
    return format_number(value, places)


def _signed(value: float, places: int) -> str:
    text = format_number(value, places)
    return text if text.startswith("-") or float(text) == 0 else f"+{text}"


def _mean_sd(mean: float, sd: float | None, places: int) -> str:
    spread = "SD not available for one person" if sd is None else f"SD {_number(sd, places)}"
    return f"{_number(mean, places)} ({spread})"


def caution(summary: CohortSummary) -> str | None:
    """The plain caution shown for a small cohort, or None."""
    if not summary.small:
        return None
    return (
        f"Read with care: this is {counted(summary.n, 'person', 'people')}, "
        f"fewer than {SMALL_COHORT}. "
        "With so few, one or two people can move a mean a long way and the intervals "
        "are wide: these figures describe this group, not what the programme does in general."
    )


def heading(summary: CohortSummary) -> tuple[str, list[str]]:
    """The summary's title, and the lines under it: the cohort's label(s) and any caution."""
    title = f"Cohort summary: {counted(summary.n, 'evaluation pack')}"
    lines = []
    if len(summary.labels) == 1:
        lines.append(f"Cohort: {summary.labels[0][0]}")
    else:
        named = ", ".join(f"{label} ({count})" for label, count in summary.labels)
        lines.append(f"These packs carry more than one cohort label: {named}.")
    note = caution(summary)
    if note:
        lines.append(note)
    return title, lines


def _pair_section(pair: PairSummary) -> Section:
    instrument = pair.instrument
    places = instrument.decimals + 1  # a mean of whole-number totals needs a decimal
    before, after = OCCASION_NAMES[pair.before], OCCASION_NAMES[pair.after]
    people = counted(pair.n, "person", "people")
    title = f"{instrument.short_name}: {before} to {after} ({people} with both)"
    rows: list[tuple[str, str]] = [
        (before, _mean_sd(pair.before_mean, pair.before_sd, places)),
        (after, _mean_sd(pair.after_mean, pair.after_sd, places)),
    ]
    if pair.interval is None:
        rows.append(("Mean change", f"{_signed(pair.change_mean, places)} (no interval for one)"))
    else:
        low, high = _number(pair.interval.low, places), _number(pair.interval.high, places)
        rows.append(
            (
                "Mean change",
                f"{_signed(pair.change_mean, places)} (95% CI {low} to {high}, "
                f"t = {pair.interval.t:.3f} with {pair.n - 1} df)",
            )
        )
    notes: list[str] = [f"Higher means {instrument.higher_means}."]
    reliable = pair.reliable
    figures = instrument.change
    if reliable is None:
        notes.append(
            f"Reliable change: not available for the {instrument.short_name}, as no published "
            "population SD could be verified and Companion does not invent one."
        )
    else:
        assert figures.sd is not None and figures.reliability is not None
        rows.append(("Reliable improvement", share(reliable.improved, pair.n)))
        rows.append(("No reliable change", share(reliable.unchanged, pair.n)))
        rows.append(("Reliable deterioration", share(reliable.deteriorated, pair.n)))
        notes.append(
            f"Reliable change is a change of more than {_number(reliable.threshold, 2)} points "
            f"(Jacobson and Truax, from the SD {figures.sd.value:g} of "
            f"{instrument.source(figures.sd.source).short} and the "
            f"{reliability_name(figures.reliability)} of "
            f"{instrument.source(figures.reliability.source).short})."
        )
    meaningful = pair.meaningful
    if meaningful is None:
        notes.append(
            f"Meaningful change: no published figure for the {instrument.short_name} was found."
        )
    else:
        rows.extend(_meaningful_rows(meaningful, pair.n))
        assert figures.meaningful_lower is not None
        source = instrument.source(figures.meaningful_lower.source).short
        notes.append(f"Meaningful change as published: {_span(meaningful)} ({source}).")
    return Section(title, tuple(rows), tuple(notes))


def _span(meaningful: MeaningfulCounts) -> str:
    if meaningful.upper is None:
        return f"{meaningful.lower:g} points or more"
    return f"{meaningful.lower:g} to {meaningful.upper:g} points"


def _meaningful_rows(meaningful: MeaningfulCounts, n: int) -> list[tuple[str, str]]:
    if meaningful.upper is None:
        figure = f"{meaningful.lower:g}+ points"
        return [
            (f"Rise of {figure}", share(meaningful.rise_reached, n)),
            (f"Fall of {figure}", share(meaningful.fall_reached, n)),
        ]
    top, low = f"{meaningful.upper:g}+ points", f"{meaningful.lower:g} to {meaningful.upper:g}"
    return [
        (f"Rise of {top}", share(meaningful.rise_reached, n)),
        (f"Rise of {low} (lower end only)", share(meaningful.rise_lower_end, n)),
        (f"Fall of {top}", share(meaningful.fall_reached, n)),
        (f"Fall of {low} (lower end only)", share(meaningful.fall_lower_end, n)),
    ]


def _attendance_section(attendance: AttendanceSummary) -> Section:
    reference = format_number(100 * attendance.reference, 0)
    rows = (
        ("Attended every session", share(attendance.every_session, attendance.n)),
        ("Completed every activity", share(attendance.every_activity, attendance.n)),
        ("Both", share(attendance.both, attendance.n)),
        (
            "Sessions attended, mean",
            f"{_number(attendance.mean_attended, 1)} of {attendance.sessions}",
        ),
    )
    notes = (
        f"For context, the programme's own evaluation reported {reference}% attending every "
        "session and completing every activity.",
    )
    return Section("Attendance and completion", rows, notes)


def sections(summary: CohortSummary) -> list[Section]:
    """Each instrument's before-and-after figures, then attendance and completion."""
    sections = [_pair_section(pair) for pair in summary.pairs]
    if not summary.pairs:
        sections.append(
            Section(
                "Scales",
                (),
                ("No instrument has results on two occasions from the same person yet.",),
            )
        )
    sections.append(_attendance_section(summary.attendance))
    return sections


# ---------------------------------------------------------------- formats


def as_text(summary: CohortSummary) -> str:
    """Plain text for the terminal (80 columns)."""
    title, lines = heading(summary)
    out = [title, *(textwrap.fill(line, 78) for line in lines)]
    for section in sections(summary):
        out += ["", section.title]
        width = max((len(label) for label, _ in section.rows), default=0) + 2
        out += [f"  {label:<{width}}{value}" for label, value in section.rows]
        out += [
            textwrap.fill(note, 78, initial_indent="  ", subsequent_indent="  ")
            for note in section.notes
        ]
    return "\n".join(out) + "\n"


def as_json(summary: CohortSummary) -> dict[str, Any]:
    """Plain data (full precision) for scripts."""
    return {
        "n": summary.n,
        "small": summary.small,
        "caution": caution(summary),
        "labels": [{"label": label, "packs": count} for label, count in summary.labels],
        "pairs": [_pair_json(pair) for pair in summary.pairs],
        "attendance": {
            "n": summary.attendance.n,
            "every_session": summary.attendance.every_session,
            "every_activity": summary.attendance.every_activity,
            "both": summary.attendance.both,
            "mean_attended": summary.attendance.mean_attended,
            "sessions": summary.attendance.sessions,
            "programme_evaluation_reference": summary.attendance.reference,
        },
    }


def _pair_json(pair: PairSummary) -> dict[str, Any]:
    interval = pair.interval
    reliable, meaningful = pair.reliable, pair.meaningful
    return {
        "instrument": pair.instrument.id,
        "before": pair.before,
        "after": pair.after,
        "n": pair.n,
        "before_mean": pair.before_mean,
        "before_sd": pair.before_sd,
        "after_mean": pair.after_mean,
        "after_sd": pair.after_sd,
        "change_mean": pair.change_mean,
        "change_sd": pair.change_sd,
        "ci95": None
        if interval is None
        else {"low": interval.low, "high": interval.high, "t": interval.t},
        "reliable": None
        if reliable is None
        else {
            "threshold": reliable.threshold,
            "improved": reliable.improved,
            "no_change": reliable.unchanged,
            "deteriorated": reliable.deteriorated,
        },
        "meaningful": None
        if meaningful is None
        else {
            "lower": meaningful.lower,
            "upper": meaningful.upper,
            "rise_reached": meaningful.rise_reached,
            "rise_lower_end": meaningful.rise_lower_end,
            "fall_reached": meaningful.fall_reached,
            "fall_lower_end": meaningful.fall_lower_end,
        },
    }
