"""PRODUCT.md section 4 on worked examples computed by hand."""

from __future__ import annotations

import math

import pytest

from avi_desktop.model.domain import LAYERS, Band, Layer, StakeholderGroup
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.scoring import (
    alignment_index,
    band_for,
    binding_layer,
    required_answers,
    rwg_j,
    score_assessment,
)
from tests.model.engine_helpers import response, small_instrument

TARGETS = dict.fromkeys(LAYERS, 75.0)


def test_respondent_layer_score_with_weights_reverse_and_not_applicable() -> None:
    instrument = small_instrument(weights={"T5": 2.0}, reverse=["T5"])
    first = response("a", {"T1": 5, "T2": 4, "T3": 3, "T4": None, "T5": 2})
    second = response("b", {"T1": 1, "T2": 2, "T5": 5})
    result = score_assessment(instrument, [first, second], TARGETS, "A1")
    scores = {(s.respondent_id, s.layer): s for s in result.respondent_scores}
    # a: T5 reversed 6-2 = 4; T4 N/A carries nothing. sum w(x-1) = 4+3+2+2*3 = 15,
    #    sum w = 1+1+1+2 = 5 -> 100*15/(4*5) = 75.0; 4 of 5 items scored (>= 3 needed).
    assert scores[("a", Layer.TECHNOLOGY)].score == pytest.approx(75.0)
    assert scores[("a", Layer.TECHNOLOGY)].answered == 4
    # b: T5 reversed 6-5 = 1. sum w(x-1) = 0+1+2*0 = 1, sum w = 1+1+2 = 4 -> 100*1/16 = 6.25.
    assert scores[("b", Layer.TECHNOLOGY)].score == pytest.approx(6.25)
    tech = result.layers[Layer.TECHNOLOGY]
    # S = (75 + 6.25)/2 = 40.625; SD of two values = |75 - 6.25| / sqrt(2).
    assert tech.score == pytest.approx(40.625)
    assert tech.sd == pytest.approx(68.75 / math.sqrt(2))
    assert tech.n == 2
    # Items with two scores: T1 (5,1) var 8; T2 (4,2) var 2; T5 reversed (4,1) var 4.5.
    # mean variance 14.5/3 = 4.83 >= 2 -> r_wg = 0, low agreement.
    assert tech.rwg == 0.0
    assert tech.low_agreement
    # gap = 75 - 40.625 = 34.375; 40.625 < 55 -> gap band.
    assert tech.gap == pytest.approx(34.375)
    assert tech.band == Band.GAP
    assert result.items["T5"].scores == (4.0, 1.0)
    assert result.items["T4"].n_not_applicable == 1
    assert result.items["T4"].n_unanswered == 1
    assert result.items["T3"].variance is None
    # Other layers have no answers: insufficient, so no index; binding layer among scored ones.
    assert result.layers[Layer.TRUST].insufficient
    assert result.layers[Layer.TRUST].score is None
    assert result.alignment_index is None
    assert result.binding_layer == Layer.TECHNOLOGY
    assert result.assessment_id == "A1"
    assert result.respondents == 2


def test_rwg_worked_example_with_three_respondents() -> None:
    instrument = small_instrument()
    answers = {
        "a": [4, 4, 4, 4, 4],
        "b": [4, 5, 4, 4, 3],
        "c": [5, 4, 4, 3, 4],
    }
    responses = [
        response(rid, {f"L{n}": x for n, x in enumerate(xs, start=1)})
        for rid, xs in answers.items()
    ]
    leadership = score_assessment(instrument, responses, TARGETS).layers[Layer.LEADERSHIP]
    # Each respondent: sum(x-1) = 15 -> 100*15/20 = 75; S = 75, SD = 0.
    assert leadership.score == pytest.approx(75.0)
    assert leadership.sd == pytest.approx(0.0)
    # Item variances: L1 (4,4,5) 1/3, L2 1/3, L3 (4,4,4) 0, L4 1/3, L5 1/3: mean 4/15.
    # ratio = (4/15)/2 = 2/15; J = 5: 5*(13/15) = 13/3; r = (13/3)/((13/3)+(2/15)) = 65/67.
    assert leadership.rwg == pytest.approx(65 / 67)
    assert not leadership.low_agreement
    assert leadership.band == Band.ALIGNED
    assert leadership.gap == 0.0


def test_alignment_index_bands_and_binding_layer() -> None:
    instrument = small_instrument()
    answers = {}
    # 5 items, weight 1: score = 5 * sum(x-1).
    for prefix, xs in {
        "T": [5, 5, 5, 5, 1],  # 16 -> 80
        "L": [4, 4, 4, 4, 1],  # 12 -> 60
        "O": [3, 3, 3, 3, 3],  # 10 -> 50
        "S": [3, 3, 3, 3, 1],  # 8 -> 40
    }.items():
        answers.update({f"{prefix}{n}": x for n, x in enumerate(xs, start=1)})
    targets = {**TARGETS, Layer.LEADERSHIP: 60.0}
    result = score_assessment(instrument, [response("a", answers)], targets)
    scores = [result.layers[layer].score for layer in LAYERS]
    assert scores == pytest.approx([80.0, 60.0, 50.0, 40.0])
    # 100 * (0.8 * 0.6 * 0.5 * 0.4) ** (1/4) = 100 * 0.096 ** 0.25 = 55.66...
    assert result.alignment_index == pytest.approx(100 * 0.096**0.25)
    assert result.alignment_index == pytest.approx(55.663, abs=1e-3)
    assert result.binding_layer == Layer.TRUST
    # Leadership 60 meets its own target of 60: aligned; 50 >= 55? no -> gap; 80 aligned.
    assert [result.layers[layer].band for layer in LAYERS] == [
        Band.ALIGNED,
        Band.ALIGNED,
        Band.GAP,
        Band.GAP,
    ]
    assert result.layers[Layer.TRUST].gap == pytest.approx(35.0)
    # One respondent: no SD, no r_wg.
    assert result.layers[Layer.TRUST].sd is None
    assert result.layers[Layer.TRUST].rwg is None
    assert result.value_spread[Layer.TRUST] is None


def test_index_is_zero_when_any_layer_is_zero() -> None:
    instrument = small_instrument()
    answers = {item.id: 4 for item in instrument.items()}
    answers.update({f"O{n}": 1 for n in range(1, 6)})
    result = score_assessment(instrument, [response("a", answers)], TARGETS)
    assert result.layers[Layer.ORGANISATION].score == 0.0
    assert result.alignment_index == 0.0
    assert result.binding_layer == Layer.ORGANISATION


def test_sixty_percent_rule_by_count() -> None:
    instrument = small_instrument()
    three = response("three", {"T1": 2, "T2": 2, "T3": 2})  # 3 of 5 = 60 %: valid
    two = response("two", {"T1": 5, "T2": 5})  # 2 of 5: insufficient
    na = response("na", {"T1": 5, "T2": None, "T3": None, "T4": None, "T5": None})  # 1 scored
    result = score_assessment(instrument, [three, two, na], TARGETS)
    by = {s.respondent_id: s.score for s in result.respondent_scores if s.layer == Layer.TECHNOLOGY}
    assert by == {"three": pytest.approx(25.0), "two": None, "na": None}
    tech = result.layers[Layer.TECHNOLOGY]
    assert tech.score == pytest.approx(25.0)
    assert tech.n == 1
    assert tech.sd is None
    assert not tech.insufficient
    # r_wg still uses every respondent's item scores: T1 (2,5,5) var 3, T2 (2,5) var 4.5.
    assert tech.rwg == 0.0
    assert result.layers[Layer.LEADERSHIP].insufficient


def test_required_answers_avoids_float_rounding() -> None:
    assert [required_answers(n, 0.6) for n in (1, 3, 5, 10, 12)] == [1, 2, 3, 6, 8]


def test_stakeholder_split_and_value_spread() -> None:
    instrument = small_instrument()
    high = {f"T{n}": 5 for n in range(1, 6)}  # 100
    mid = {f"T{n}": 3 for n in range(1, 6)}  # 50
    low = {f"T{n}": 2 for n in range(1, 6)}  # 25
    responses = [
        response("cfo1", high, StakeholderGroup.CFOS),
        response("cfo2", mid, StakeholderGroup.CFOS),  # CFO mean 75
        response("emp", low, StakeholderGroup.EMPLOYEES),  # employees 25
    ]
    result = score_assessment(instrument, responses, TARGETS)
    assert result.stakeholder_split[StakeholderGroup.CFOS][Layer.TECHNOLOGY] == pytest.approx(75.0)
    assert result.stakeholder_split[StakeholderGroup.EMPLOYEES][Layer.TECHNOLOGY] == 25.0
    assert result.stakeholder_split[StakeholderGroup.CFOS][Layer.TRUST] is None
    assert set(result.stakeholder_split) == {StakeholderGroup.CFOS, StakeholderGroup.EMPLOYEES}
    assert result.value_spread[Layer.TECHNOLOGY] == pytest.approx(50.0)
    assert result.value_spread[Layer.TRUST] is None


def test_no_respondents_gives_insufficient_layers() -> None:
    result = score_assessment(small_instrument(), [], TARGETS)
    assert all(result.layers[layer].insufficient for layer in LAYERS)
    assert result.alignment_index is None
    assert result.binding_layer is None
    assert result.respondents == 0


def test_out_of_range_score_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match=r"T1.*1 to 5"):
        score_assessment(small_instrument(), [response("a", {"T1": 7})], TARGETS)


def test_helpers_directly() -> None:
    assert band_for(75, 75) == Band.ALIGNED
    assert band_for(55, 75) == Band.DEVELOPING
    assert band_for(54.99, 75) == Band.GAP
    assert rwg_j([]) is None
    assert rwg_j([0.0, 0.0]) == 1.0
    assert rwg_j([2.0]) == 0.0
    # J = 1, s2 = 1: (1 * 0.5) / (0.5 + 0.5) = 0.5
    assert rwg_j([1.0]) == pytest.approx(0.5)
    scores = {Layer.TECHNOLOGY: 50.0, Layer.LEADERSHIP: 50.0, Layer.ORGANISATION: 40.0}
    assert alignment_index(scores) is None
    assert binding_layer(scores) == Layer.ORGANISATION
    # A tie goes to the first layer in framework order.
    assert binding_layer({Layer.TRUST: 10.0, Layer.LEADERSHIP: 10.0}) == Layer.LEADERSHIP
