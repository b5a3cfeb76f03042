"""A cohort summary in words: plain text, Markdown, HTML or JSON.

One set of sentences (`_sections`) feeds every format, so text, Markdown and
HTML cannot disagree. Cohort labels come from the packs, that is from other
people's typing: Markdown escapes its punctuation, HTML escapes everything
it prints (`html.escape`, quotes included), and the text form is escaped on
its way to the terminal like every line Companion prints.
"""

from __future__ import annotations

import html
import re
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
from companion.domain.scales.administration import OCCASION_NAMES
from companion.domain.scales.change import format_number
from companion.domain.scales.instruments import reliability_name

FORMATS = ("text", "md", "html", "json")


@dataclass(frozen=True)
class _Section:
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
    people = "person" if summary.n == 1 else "people"
    return (
        f"Read with care: this is {summary.n} {people}, fewer than {SMALL_COHORT}. "
        "With so few, one or two people can move a mean a long way and the intervals "
        "are wide: these figures describe this group, not what the programme does in general."
    )


def _heading(summary: CohortSummary) -> tuple[str, list[str]]:
    packs = "pack" if summary.n == 1 else "packs"
    title = f"Cohort summary: {summary.n} evaluation {packs}"
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


def _pair_section(pair: PairSummary) -> _Section:
    instrument = pair.instrument
    places = instrument.decimals + 1  # a mean of whole-number totals needs a decimal
    before, after = OCCASION_NAMES[pair.before], OCCASION_NAMES[pair.after]
    people = "person" if pair.n == 1 else "people"
    title = f"{instrument.short_name}: {before} to {after} ({pair.n} {people} with both)"
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
    return _Section(title, tuple(rows), tuple(notes))


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


def _attendance_section(attendance: AttendanceSummary) -> _Section:
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
    return _Section("Attendance and completion", rows, notes)


def _sections(summary: CohortSummary) -> list[_Section]:
    sections = [_pair_section(pair) for pair in summary.pairs]
    if not summary.pairs:
        sections.append(
            _Section(
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
    title, lines = _heading(summary)
    out = [title, *(textwrap.fill(line, 78) for line in lines)]
    for section in _sections(summary):
        out += ["", section.title]
        width = max((len(label) for label, _ in section.rows), default=0) + 2
        out += [f"  {label:<{width}}{value}" for label, value in section.rows]
        out += [
            textwrap.fill(note, 78, initial_indent="  ", subsequent_indent="  ")
            for note in section.notes
        ]
    return "\n".join(out) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def markdown_escape(text: str) -> str:
    """`text` as literal Markdown: punctuation that could format or link is backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def as_markdown(summary: CohortSummary) -> str:
    """Markdown with a table per section."""
    title, lines = _heading(summary)
    out = [f"# {markdown_escape(title)}", ""]
    out += [f"{markdown_escape(line)}\n" for line in lines]
    for section in _sections(summary):
        out += [f"## {markdown_escape(section.title)}", ""]
        if section.rows:
            out += ["| | |", "| --- | --- |"]
            out += [
                f"| {markdown_escape(label)} | {markdown_escape(value)} |"
                for label, value in section.rows
            ]
            out.append("")
        out += [f"{markdown_escape(note)}\n" for note in section.notes]
    return "\n".join(out).rstrip("\n") + "\n"


_STYLE = (
    "body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}"
    "td{padding:.2em .8em;border-bottom:1px solid #ddd}"
    ".caution{border-left:4px solid #c80;padding:.3em .8em;background:#fff8e8}"
)


def as_html(summary: CohortSummary) -> str:
    """A self-contained HTML page (inline style, nothing external), every text escaped."""
    e = html.escape
    title, lines = _heading(summary)
    note = caution(summary)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        f'<head><meta charset="utf-8"><title>{e(title)}</title><style>{_STYLE}</style></head>',
        "<body>",
        f"<h1>{e(title)}</h1>",
    ]
    for line in lines:
        kind = ' class="caution"' if line == note else ""
        out.append(f"<p{kind}>{e(line)}</p>")
    for section in _sections(summary):
        out.append(f"<h2>{e(section.title)}</h2>")
        if section.rows:
            out.append("<table>")
            out += [
                f"<tr><td>{e(label)}</td><td>{e(value)}</td></tr>" for label, value in section.rows
            ]
            out.append("</table>")
        out += [f"<p>{e(text)}</p>" for text in section.notes]
    out += ["</body>", "</html>"]
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
