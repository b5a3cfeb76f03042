"""The cohort summary: what a facilitator learns from the packs participants chose to share.

Pure arithmetic over checked packs. For each instrument and pair of
occasions (baseline to end, baseline to follow-up, end to follow-up) it
takes the people with a result on both (a paired comparison) and gives:
the mean (SD) before and after; the mean change with a 95% confidence
interval from Student's t distribution (mean +- t(0.975, n - 1) x SD / sqrt(n));
how many changed reliably (Jacobson-Truax, only where the instrument key
cites an SD and a reliability, as for WEMWBS); and how many reached the
published meaningful change (WEMWBS about 3 points, SWEMWBS 1.03 to 2.87). It also
counts attendance and completion, set beside the programme's own
evaluation figure (70%).

Higher totals mean more self-compassion or greater wellbeing on every
instrument Companion knows, so a rise is an improvement. The classification
follows `companion.domain.scales.change` exactly (reliable: strictly larger
than the threshold; meaningful: at least the figure), so a participant and
their facilitator never read the same change differently.

Packs that cannot be summarised (unreadable, malformed, newer, mixed
versions, the same pseudonymous id twice) are never merged silently:
`collect` refuses the whole set, naming each file and what is wrong.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from companion.domain.errors import Invalid
from companion.domain.evaluation import pack as packs
from companion.domain.evaluation.pack import Pack, PackProblem
from companion.domain.evaluation.tdist import quantile
from companion.domain.plurals import agree, counted, listed
from companion.domain.programme import EVALUATION_FULL_COMPLETION
from companion.domain.scales.administration import Occasion
from companion.domain.scales.instruments import Instrument

# The occasion pairs compared, in the order they are shown.
PAIRS: tuple[tuple[Occasion, Occasion], ...] = (
    ("pre", "post"),
    ("pre", "followup"),
    ("post", "followup"),
)

# Below this many people the summary carries a plain caution.
SMALL_COHORT = 30

CONFIDENCE = 0.95

# As in companion.domain.scales.change: differences of totals carry float noise.
_DIFFERENCE_PLACES = 10
_TOLERANCE = 1e-9

# How many problems one refusal names before it says "and N more".
_NAMED_PROBLEMS = 8


class CohortRefused(Invalid):
    """Some packs cannot be summarised; the message names each file and what is wrong."""


# ---------------------------------------------------------------- collecting packs


@dataclass(frozen=True)
class NamedFile:
    """A file given to `companion cohort`: its name as typed and its bytes, or why none."""

    name: str
    data: bytes | None
    unreadable: str = ""  # why it could not be read, when data is None


def collect(files: Sequence[NamedFile], instruments: Sequence[Instrument]) -> list[Pack]:
    """Every file as a checked pack, in the order given; CohortRefused naming every problem.

    One bad file stops the whole summary: a summary that quietly left someone
    out, or counted someone twice, would be wrong without saying so.
    """
    known = packs.Known(instruments)
    problems: list[str] = []
    found: list[tuple[str, Pack]] = []
    versions: dict[str, int] = {}
    for file in files:
        if file.data is None:
            problems.append(f"{file.name}: {file.unreadable}")
            continue
        try:
            pack = packs.read(file.data, known)
        except PackProblem as problem:
            problems.append(f"{file.name}: {problem}")
            version = packs.version_of(file.data)
            if version is not None:
                versions[file.name] = version
            continue
        found.append((file.name, pack))
        versions[file.name] = pack.version
    if len(set(versions.values())) > 1:
        mixed = ", ".join(f"{name} is version {v}" for name, v in versions.items())
        problems.append(f"the packs mix format versions ({mixed})")
    by_id: dict[str, list[str]] = {}
    for name, pack in found:
        by_id.setdefault(pack.id, []).append(name)
    for names in by_id.values():
        if len(names) > 1:
            problems.append(
                f"{listed(names)} have the same pseudonymous id, so they are one person's "
                "packs; keep the one to count"
            )
    if problems:
        shown = problems[:_NAMED_PROBLEMS]
        more = len(problems) - len(shown)
        tail = f"; and {more} more" if more else ""
        raise CohortRefused(
            f"nothing was summarised, as {counted(len(problems), 'problem')} "
            f"{agree(len(problems), 'needs', 'need')} sorting out first: "
            + "; ".join(shown)
            + tail
        )
    if not found:
        raise CohortRefused("no packs were given; name the pack files to summarise")
    return [pack for _, pack in found]


# ---------------------------------------------------------------- arithmetic


@dataclass(frozen=True)
class Interval:
    """A confidence interval for a mean, and the t quantile it used."""

    low: float
    high: float
    t: float
    confidence: float = CONFIDENCE


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean (exactly rounded sum)."""
    return math.fsum(values) / len(values)


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1 in the denominator); None for fewer than two."""
    if len(values) < 2:
        return None
    centre = mean(values)
    return math.sqrt(math.fsum((v - centre) ** 2 for v in values) / (len(values) - 1))


def mean_interval(values: Sequence[float], confidence: float = CONFIDENCE) -> Interval | None:
    """mean +- t((1 + confidence) / 2, n - 1) x SD / sqrt(n); None for fewer than two values."""
    spread = sample_sd(values)
    if spread is None:
        return None
    t = quantile((1 + confidence) / 2, len(values) - 1)
    centre = mean(values)
    half = t * spread / math.sqrt(len(values))
    return Interval(centre - half, centre + half, t, confidence)


# ---------------------------------------------------------------- the summary


@dataclass(frozen=True)
class ReliableCounts:
    """People whose change is larger than the Jacobson-Truax threshold, by direction."""

    threshold: float
    improved: int
    unchanged: int
    deteriorated: int


@dataclass(frozen=True)
class MeaningfulCounts:
    """People whose change reaches the published meaningful change, by direction.

    For a published range (SWEMWBS 1.03 to 2.87 points) `*_reached` counts the
    upper end and `*_lower_end` those who reach only the lower end; for a
    single figure the `*_lower_end` counts are 0.
    """

    lower: float
    upper: float | None
    rise_reached: int
    rise_lower_end: int
    fall_reached: int
    fall_lower_end: int


@dataclass(frozen=True)
class PairSummary:
    """One instrument between two occasions, over the people with a result on both."""

    instrument: Instrument
    before: Occasion
    after: Occasion
    n: int
    before_mean: float
    before_sd: float | None
    after_mean: float
    after_sd: float | None
    change_mean: float
    change_sd: float | None
    interval: Interval | None
    reliable: ReliableCounts | None  # None where the key cites no SD and reliability
    meaningful: MeaningfulCounts | None  # None where no meaningful change is published


@dataclass(frozen=True)
class AttendanceSummary:
    """Attendance and completion across the cohort."""

    n: int
    every_session: int
    every_activity: int
    both: int
    mean_attended: float
    sessions: int  # the most sessions any pack's programme has
    reference: float = EVALUATION_FULL_COMPLETION


@dataclass(frozen=True)
class CohortSummary:
    """The whole summary: who is in it, each instrument and pair, attendance and completion."""

    n: int
    labels: tuple[tuple[str, int], ...]  # each cohort label and how many packs carry it
    pairs: tuple[PairSummary, ...]
    attendance: AttendanceSummary

    @property
    def small(self) -> bool:
        """True below SMALL_COHORT people: the summary then says to read it with care."""
        return self.n < SMALL_COHORT


def summarise(cohort: Sequence[Pack], instruments: Sequence[Instrument]) -> CohortSummary:
    """The cohort summary of checked packs (see `collect`), instruments in the given order."""
    # Index each pack's planned results once: (instrument, occasion) -> total.
    totals: list[dict[tuple[str, str], float]] = [
        {(r.instrument, r.occasion): r.total for r in p.scales if r.occasion != "adhoc"}
        for p in cohort
    ]
    pairs = []
    for instrument in instruments:
        for before, after in PAIRS:
            paired = [
                (found[(instrument.id, before)], found[(instrument.id, after)])
                for found in totals
                if (instrument.id, before) in found and (instrument.id, after) in found
            ]
            if paired:
                pairs.append(_pair(instrument, before, after, paired))
    labels = Counter(p.cohort for p in cohort)
    return CohortSummary(
        n=len(cohort),
        labels=tuple(sorted(labels.items(), key=lambda item: (-item[1], item[0]))),
        pairs=tuple(pairs),
        attendance=_attendance(cohort),
    )


def _pair(
    instrument: Instrument,
    before: Occasion,
    after: Occasion,
    paired: Sequence[tuple[float, float]],
) -> PairSummary:
    firsts = [first for first, _ in paired]
    seconds = [second for _, second in paired]
    changes = []
    for first, second in paired:
        difference = round(second - first, _DIFFERENCE_PLACES)
        changes.append(difference)
    return PairSummary(
        instrument=instrument,
        before=before,
        after=after,
        n=len(paired),
        before_mean=mean(firsts),
        before_sd=sample_sd(firsts),
        after_mean=mean(seconds),
        after_sd=sample_sd(seconds),
        change_mean=mean(changes),
        change_sd=sample_sd(changes),
        interval=mean_interval(changes),
        reliable=_reliable(instrument, changes),
        meaningful=_meaningful(instrument, changes),
    )


def _reliable(instrument: Instrument, changes: Sequence[float]) -> ReliableCounts | None:
    threshold = instrument.change.reliable_threshold
    if threshold is None:
        return None
    improved = sum(1 for d in changes if d > threshold)
    deteriorated = sum(1 for d in changes if -d > threshold)
    return ReliableCounts(
        threshold, improved, len(changes) - improved - deteriorated, deteriorated
    )


def _meaningful(instrument: Instrument, changes: Sequence[float]) -> MeaningfulCounts | None:
    figures = instrument.change
    if figures.meaningful_lower is None:
        return None
    lower = figures.meaningful_lower.value
    upper = None if figures.meaningful_upper is None else figures.meaningful_upper.value
    top = lower if upper is None else upper

    def reaches(size: float, figure: float) -> bool:
        return size != 0 and size >= figure - _TOLERANCE

    rises = [d for d in changes if d > 0]
    falls = [-d for d in changes if d < 0]
    rise_top = sum(1 for d in rises if reaches(d, top))
    fall_top = sum(1 for d in falls if reaches(d, top))
    rise_low = 0 if upper is None else sum(1 for d in rises if reaches(d, lower)) - rise_top
    fall_low = 0 if upper is None else sum(1 for d in falls if reaches(d, lower)) - fall_top
    return MeaningfulCounts(lower, upper, rise_top, rise_low, fall_top, fall_low)


def _attendance(cohort: Sequence[Pack]) -> AttendanceSummary:
    def all_sessions(p: Pack) -> bool:
        return p.attendance.sessions > 0 and p.attendance.attended == p.attendance.sessions

    def all_activities(p: Pack) -> bool:
        return p.completion.activities > 0 and p.completion.done == p.completion.activities

    return AttendanceSummary(
        n=len(cohort),
        every_session=sum(1 for p in cohort if all_sessions(p)),
        every_activity=sum(1 for p in cohort if all_activities(p)),
        both=sum(1 for p in cohort if all_sessions(p) and all_activities(p)),
        mean_attended=mean([p.attendance.attended for p in cohort]) if cohort else 0.0,
        sessions=max((p.attendance.sessions for p in cohort), default=0),
    )
