"""Computed results: frozen dataclasses that screens, charts, PDFs, JSON and CSV all render.

Nothing outside ``model`` recomputes a figure; it reads it from here. Values are unrounded;
rounding to one decimal happens only for display (see ``fmt_score``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from avi_desktop.model.domain import (
    Band,
    Imperative,
    Layer,
    NecessityOutcome,
    PatternId,
    StakeholderGroup,
)


@dataclass(frozen=True)
class ResponseSet:
    """One respondent's answers, as scoring sees them.

    ``answers`` maps item id to a raw score 1-5, or None for not applicable; an item missing from
    the mapping is unanswered. Reverse keys are applied by the scoring, not here.
    """

    respondent_id: str
    name: str
    group: StakeholderGroup
    answers: Mapping[str, int | None]
    role: str = ""


@dataclass(frozen=True)
class ItemResult:
    """One item across respondents (scores after reverse keying)."""

    item_id: str
    layer: Layer
    scores: tuple[float, ...]  # one per respondent who scored it, in respondent order
    n_not_applicable: int
    n_unanswered: int
    mean: float | None
    variance: float | None  # sample variance; None with fewer than two scores


@dataclass(frozen=True)
class RespondentLayerScore:
    respondent_id: str
    layer: Layer
    score: float | None  # None when insufficient data for this respondent
    answered: int  # items of the layer carrying a score
    items: int  # items in the layer


@dataclass(frozen=True)
class LayerResult:
    """Every figure of PRODUCT.md section 4 for one layer of one assessment."""

    layer: Layer
    score: float | None  # mean of valid respondent layer scores; None if none is valid
    target: float
    gap: float | None  # max(0, target - score)
    band: Band | None
    sd: float | None  # sample SD of respondent layer scores, two or more valid respondents
    rwg: float | None  # r_wg(J) over the layer's items; None with fewer than two respondents
    n: int  # respondents with a valid layer score
    insufficient: bool  # True when no respondent reached 60 % of the layer's items
    low_agreement: bool  # rwg is not None and rwg < 0.70


@dataclass(frozen=True)
class Evidence:
    """One fact behind a pattern or recommendation: a label and a value a director can check."""

    label: str
    value: str
    ref: str = ""  # item id, layer key or field name it points to


@dataclass(frozen=True)
class PatternHit:
    pattern: PatternId
    title: str
    evidence: tuple[Evidence, ...]
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.pattern.value,
            "title": self.title,
            "evidence": [{"label": e.label, "value": e.value, "ref": e.ref} for e in self.evidence],
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class Recommendation:
    id: str  # stable, e.g. "REC-LA-low-agreement"
    imperative: Imperative
    title: str
    detail: str
    evidence: tuple[Evidence, ...]
    source: str = ""  # pattern id, layer key or item id it answers


@dataclass(frozen=True)
class AssessmentResult:
    assessment_id: str
    instrument_id: str
    instrument_version: str
    respondents: int
    layers: Mapping[Layer, LayerResult]
    alignment_index: float | None  # None if any layer has no score
    binding_layer: Layer | None
    respondent_scores: tuple[RespondentLayerScore, ...]
    items: Mapping[str, ItemResult]
    stakeholder_split: Mapping[StakeholderGroup, Mapping[Layer, float | None]]
    value_spread: Mapping[Layer, float | None]
    patterns: tuple[PatternHit, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    # respondents per stakeholder group (everyone in the assessment, answered or not)
    group_sizes: Mapping[StakeholderGroup, int] = field(default_factory=dict)
    # groups whose figures model.privacy.protect removed, with their respondent counts
    withheld_groups: Mapping[StakeholderGroup, int] = field(default_factory=dict)


@dataclass(frozen=True)
class NecessityResult:
    outcome: NecessityOutcome
    knockouts: tuple[Evidence, ...]  # the knock-out answers that forced Not justified
    missing: tuple[str, ...]  # required questions left unanswered
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class HistoryPoint:
    assessment_id: str
    assessed_on: date
    title: str
    layer_scores: Mapping[Layer, float | None]
    alignment_index: float | None


@dataclass(frozen=True)
class HistoryComparison:
    """Change between two assessments of one initiative."""

    previous_id: str
    current_id: str
    deltas: Mapping[Layer, float | None]
    index_delta: float | None
    appeared: tuple[PatternId, ...]
    resolved: tuple[PatternId, ...]
    points: tuple[HistoryPoint, ...] = field(default=())


def fmt_number(
    value: float | None, places: int = 1, *, sign: bool = False, empty: str = "—"
) -> str:
    """A figure for display, rounded half up as a reader would do it by hand.

    Python's own formatting rounds an exact half to even (68.75 -> "68.8" but 91.25 -> "91.2"),
    so a printed difference could disagree with the printed figures it is the difference of.
    """
    if value is None:
        return empty
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0.0"
    return f"{rounded:+}" if sign else f"{rounded}"


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def fmt_date(value: date | None, *, short: bool = False, empty: str = "—") -> str:
    """A date as a reader writes it, 14 March 2026 (14 Mar 2026 when ``short``).

    Month names are spelled here rather than by strftime, which follows the process locale
    (Qt sets it from the desktop) and would mix languages into English text.
    """
    if value is None:
        return empty
    month = _MONTHS[value.month - 1]
    return f"{value.day} {month[:3] if short else month} {value.year}"


def fmt_score(value: float | None, empty: str = "—") -> str:
    """Format a score for display: one decimal, or a dash when there is none."""
    return fmt_number(value, 1, empty=empty)
