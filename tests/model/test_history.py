"""Change over time between two evaluated assessments."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from avi_desktop.model.domain import LAYERS, Layer, PatternId
from avi_desktop.model.history import compare, history_point, trend
from avi_desktop.model.results import AssessmentResult, PatternHit
from avi_desktop.model.scoring import score_assessment
from tests.model.engine_helpers import response, small_instrument

INSTRUMENT = small_instrument()
TARGETS = dict.fromkeys(LAYERS, 75.0)


def _result(
    level: int, assessment_id: str, patterns: tuple[PatternId, ...] = ()
) -> AssessmentResult:
    answers = {item.id: level for item in INSTRUMENT.items()}
    answers.update({"S1": 1, "S2": 1, "S3": 1})  # trust: 3 items at 1, 2 at level
    result = score_assessment(INSTRUMENT, [response("a", answers)], TARGETS, assessment_id)
    hits = tuple(PatternHit(p, p.label, (), "") for p in patterns)
    return dataclasses.replace(result, patterns=hits)


def test_compare_deltas_and_patterns() -> None:
    before = _result(3, "A1", (PatternId.PILOT_TRAP, PatternId.TRUST_CEILING))
    after = _result(4, "A2", (PatternId.TRUST_CEILING, PatternId.ETHICAL_DRIFT))
    comparison = compare(before, after)
    # Technology 50 -> 75: +25. Trust 5*(0+0+0+2+2)=20 -> 5*(3+3)=30: +10.
    assert comparison.deltas[Layer.TECHNOLOGY] == pytest.approx(25.0)
    assert comparison.deltas[Layer.TRUST] == pytest.approx(10.0)
    # Index: 100*(0.5^3*0.2)^(1/4) -> 100*(0.75^3*0.3)^(1/4)
    expected = 100 * (0.75**3 * 0.3) ** 0.25 - 100 * (0.5**3 * 0.2) ** 0.25
    assert comparison.index_delta == pytest.approx(expected)
    assert comparison.appeared == (PatternId.ETHICAL_DRIFT,)
    assert comparison.resolved == (PatternId.PILOT_TRAP,)
    assert (comparison.previous_id, comparison.current_id) == ("A1", "A2")


def test_missing_scores_give_no_delta() -> None:
    empty = score_assessment(INSTRUMENT, [], TARGETS, "A0")
    comparison = compare(empty, _result(4, "A1"))
    assert comparison.deltas[Layer.TECHNOLOGY] is None
    assert comparison.index_delta is None


def test_trend_is_oldest_first() -> None:
    late = history_point(_result(4, "late"), date(2026, 6, 1), "June")
    early = history_point(_result(3, "early"), date(2026, 1, 1), "January")
    points = trend([late, early])
    assert [p.assessment_id for p in points] == ["early", "late"]
    assert points[0].layer_scores[Layer.TECHNOLOGY] == pytest.approx(50.0)
    assert points[1].title == "June"
    assert compare(_result(3, "early"), _result(4, "late"), [late, early]).points == points
