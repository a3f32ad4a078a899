"""Score an assessment and attach its patterns and recommendations: what views and the CLI call."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from avi_desktop.model.domain import Layer
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.necessity import NecessityFacts
from avi_desktop.model.patterns import InitiativeFacts, detect_patterns
from avi_desktop.model.recommendations import recommend
from avi_desktop.model.results import AssessmentResult, ResponseSet
from avi_desktop.model.scoring import score_assessment


def evaluate(
    instrument: Instrument,
    responses: Sequence[ResponseSet],
    targets: Mapping[Layer, float],
    facts: InitiativeFacts,
    necessity: NecessityFacts | None,
    *,
    assessment_id: str = "",
) -> AssessmentResult:
    """The scored result with its patterns and recommendations attached."""
    result = score_assessment(instrument, responses, targets, assessment_id=assessment_id)
    hits = detect_patterns(result, facts, necessity, instrument, responses)
    return dataclasses.replace(
        result,
        patterns=hits,
        recommendations=recommend(result, hits, instrument, necessity=necessity, facts=facts),
    )
