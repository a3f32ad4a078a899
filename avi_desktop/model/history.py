"""Change over time: how an initiative's gap closes or widens from one assessment to the next."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from avi_desktop.model.domain import LAYERS
from avi_desktop.model.results import AssessmentResult, HistoryComparison, HistoryPoint


def history_point(result: AssessmentResult, assessed_on: date, title: str = "") -> HistoryPoint:
    """One point of an initiative's trend, from an evaluated assessment."""
    return HistoryPoint(
        assessment_id=result.assessment_id,
        assessed_on=assessed_on,
        title=title,
        layer_scores={layer: result.layers[layer].score for layer in LAYERS},
        alignment_index=result.alignment_index,
    )


def trend(points: Iterable[HistoryPoint]) -> tuple[HistoryPoint, ...]:
    """The points oldest first (stable for assessments taken on the same day)."""
    return tuple(sorted(points, key=lambda point: point.assessed_on))


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def compare(
    previous: AssessmentResult,
    current: AssessmentResult,
    points: Iterable[HistoryPoint] = (),
) -> HistoryComparison:
    """Per-layer and index change (current minus previous) and patterns appeared or resolved."""
    before = {hit.pattern for hit in previous.patterns}
    after = {hit.pattern for hit in current.patterns}
    return HistoryComparison(
        previous_id=previous.assessment_id,
        current_id=current.assessment_id,
        deltas={
            layer: _delta(previous.layers[layer].score, current.layers[layer].score)
            for layer in LAYERS
        },
        index_delta=_delta(previous.alignment_index, current.alignment_index),
        appeared=tuple(hit.pattern for hit in current.patterns if hit.pattern not in before),
        resolved=tuple(hit.pattern for hit in previous.patterns if hit.pattern not in after),
        points=trend(points),
    )
