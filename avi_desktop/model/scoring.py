"""PRODUCT.md section 4, exactly: every figure of a four-layer assessment, unrounded.

The rules are kept literal so that any result can be recomputed by hand from the answers export:
respondent layer scores, the 60 % rule, layer means and SDs, r_wg(J), gaps, bands, the alignment
index, the binding layer and the stakeholder split. Patterns and recommendations are attached
separately (``evaluate``) so this module stays a pure function of its inputs.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence

from avi_desktop.model.domain import (
    DEFAULT_TARGET,
    DEVELOPING_MARGIN,
    LAYERS,
    Band,
    Layer,
    StakeholderGroup,
)
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.instrument import Instrument, Item
from avi_desktop.model.results import (
    AssessmentResult,
    ItemResult,
    LayerResult,
    RespondentLayerScore,
    ResponseSet,
)

# Variance of a uniform ("no agreement at all") answer over A = 5 options: (A^2 - 1) / 12 = 2.
UNIFORM_VARIANCE = 2.0


def item_score(item: Item, raw: int) -> float:
    """The score an answer contributes: reverse-keyed items count as 6 - score."""
    return float(6 - raw if item.reverse else raw)


def _checked(response: ResponseSet, item: Item) -> int | None:
    raw = response.answers[item.id]
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= 5:
        raise ValidationError(
            f"Respondent {response.name!r} has score {raw!r} for item {item.id}; "
            "scores must be whole numbers from 1 to 5 (or not applicable).",
            item.id,
        )
    return raw


def required_answers(items: int, fraction: float) -> int:
    """How many scored items a layer needs (60 % by count, rounded up)."""
    # The small tolerance keeps 0.6 * 10 from becoming 7 through binary rounding.
    return math.ceil(fraction * items - 1e-9)


def respondent_layer_score(
    instrument: Instrument, response: ResponseSet, layer: Layer
) -> RespondentLayerScore:
    """100 x sum w(x - 1) / (4 sum w) over scored items, or None below the 60 % rule."""
    items = instrument.layer(layer).items
    weighted = 0.0
    weights = 0.0
    answered = 0
    for item in items:
        if item.id not in response.answers:
            continue
        raw = _checked(response, item)
        if raw is None:
            continue
        answered += 1
        weighted += item.weight * (item_score(item, raw) - 1)
        weights += item.weight
    enough = answered > 0 and answered >= required_answers(
        len(items), instrument.min_answered_fraction
    )
    score = 100 * weighted / (4 * weights) if enough else None
    return RespondentLayerScore(
        respondent_id=response.respondent_id,
        layer=layer,
        score=score,
        answered=answered,
        items=len(items),
    )


def rwg_j(item_variances: Sequence[float]) -> float | None:
    """r_wg(J) of James, Demaree & Wolf (1984) from the per-item sample variances.

    J counts the items given (each answered by two or more respondents); 0 when the mean variance
    reaches the uniform variance, None when there is no item to judge by.
    """
    j = len(item_variances)
    if j == 0:
        return None
    ratio = statistics.fmean(item_variances) / UNIFORM_VARIANCE
    if ratio >= 1:
        return 0.0
    agreement = j * (1 - ratio)
    return agreement / (agreement + ratio)


def band_for(score: float, target: float) -> Band:
    """Aligned at or above target, developing within 20 points below it, gap beyond."""
    if score >= target:
        return Band.ALIGNED
    if score >= target - DEVELOPING_MARGIN:
        return Band.DEVELOPING
    return Band.GAP


def alignment_index(scores: Mapping[Layer, float | None]) -> float | None:
    """100 x geometric mean of S/100 over the four layers; 0 if any is 0, None if any is missing."""
    values = [scores.get(layer) for layer in LAYERS]
    present = [v for v in values if v is not None]
    if len(present) < len(LAYERS):
        return None
    if any(v <= 0 for v in present):
        return 0.0
    return 100 * math.exp(statistics.fmean(math.log(v / 100) for v in present))


def binding_layer(scores: Mapping[Layer, float | None]) -> Layer | None:
    """The lowest-scoring layer (the first in framework order on a tie); it caps the value."""
    scored = [
        (score, n, layer)
        for n, layer in enumerate(LAYERS)
        if (score := scores.get(layer)) is not None
    ]
    return min(scored)[2] if scored else None


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def sample_variance(values: Sequence[float]) -> float:
    """Sample variance (n - 1) in plain floats; exactly 0 when all values are equal.

    ``statistics.variance`` works in exact fractions and dominated the cost of scoring a large
    portfolio; the difference is in the last binary digit.
    """
    if max(values) == min(values):
        return 0.0
    mean = math.fsum(values) / len(values)
    return math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1)


def _item_results(
    instrument: Instrument, responses: Sequence[ResponseSet]
) -> dict[str, ItemResult]:
    results: dict[str, ItemResult] = {}
    for item in instrument.items():
        scores: list[float] = []
        not_applicable = unanswered = 0
        for response in responses:
            if item.id not in response.answers:
                unanswered += 1
                continue
            raw = _checked(response, item)
            if raw is None:
                not_applicable += 1
            else:
                scores.append(item_score(item, raw))
        results[item.id] = ItemResult(
            item_id=item.id,
            layer=item.layer,
            scores=tuple(scores),
            n_not_applicable=not_applicable,
            n_unanswered=unanswered,
            mean=_mean(scores),
            variance=sample_variance(scores) if len(scores) >= 2 else None,
        )
    return results


def score_assessment(
    instrument: Instrument,
    responses: Sequence[ResponseSet],
    targets: Mapping[Layer, float],
    assessment_id: str = "",
) -> AssessmentResult:
    """Every figure of PRODUCT.md section 4 for one assessment (no patterns or recommendations)."""
    respondent_scores = tuple(
        respondent_layer_score(instrument, response, layer)
        for response in responses
        for layer in LAYERS
    )
    items = _item_results(instrument, responses)
    by_respondent = {(s.respondent_id, s.layer): s.score for s in respondent_scores}

    layers: dict[Layer, LayerResult] = {}
    for layer in LAYERS:
        valid = [
            score
            for response in responses
            if (score := by_respondent[(response.respondent_id, layer)]) is not None
        ]
        target = float(targets.get(layer, DEFAULT_TARGET))
        score = _mean(valid)
        rwg: float | None = None
        if len(responses) >= 2:
            variances = [
                items[item.id].variance
                for item in instrument.layer(layer).items
                if items[item.id].variance is not None
            ]
            rwg = rwg_j([v for v in variances if v is not None])
        layers[layer] = LayerResult(
            layer=layer,
            score=score,
            target=target,
            gap=None if score is None else max(0.0, target - score),
            band=None if score is None else band_for(score, target),
            sd=math.sqrt(sample_variance(valid)) if len(valid) >= 2 else None,
            rwg=rwg,
            n=len(valid),
            insufficient=not valid,
            low_agreement=rwg is not None and rwg < instrument.low_agreement_rwg,
        )

    split: dict[StakeholderGroup, dict[Layer, float | None]] = {}
    for group in StakeholderGroup:
        members = [r for r in responses if r.group == group]
        if not members:
            continue
        split[group] = {
            layer: _mean(
                [
                    score
                    for r in members
                    if (score := by_respondent[(r.respondent_id, layer)]) is not None
                ]
            )
            for layer in LAYERS
        }
    spread: dict[Layer, float | None] = {}
    for layer in LAYERS:
        means = [m for scores in split.values() if (m := scores[layer]) is not None]
        spread[layer] = max(means) - min(means) if len(means) >= 2 else None

    scores = {layer: result.score for layer, result in layers.items()}
    return AssessmentResult(
        assessment_id=assessment_id,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        respondents=len(responses),
        layers=layers,
        alignment_index=alignment_index(scores),
        binding_layer=binding_layer(scores),
        respondent_scores=respondent_scores,
        items=items,
        stakeholder_split=split,
        value_spread=spread,
        group_sizes={g: sum(r.group == g for r in responses) for g in split},
    )
