"""Scoring invariants with hypothesis, and agreement with the plain reference implementation."""

from __future__ import annotations

import csv
import dataclasses
import io
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avi_desktop.model.domain import LAYERS, Layer, StakeholderGroup
from avi_desktop.model.exports import answers_csv_rows, write_csv
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import ResponseSet
from avi_desktop.model.scoring import score_assessment
from tests.model.engine_helpers import response, small_instrument
from tests.model.reference_scoring import reference_scores

TARGETS = dict.fromkeys(LAYERS, 75.0)
INSTRUMENT = small_instrument(weights={"T2": 2.0, "L5": 0.5, "S1": 3.0}, reverse=["T3", "O1", "S5"])
ITEM_IDS = [item.id for item in INSTRUMENT.items()]

# An answer: a score 1-5, not applicable (None), or unanswered ("skip").
answer = st.one_of(st.integers(1, 5), st.integers(1, 5), st.none(), st.just("skip"))


@st.composite
def responses(draw: st.DrawFn, min_size: int = 0, max_size: int = 6) -> list[ResponseSet]:
    count = draw(st.integers(min_size, max_size))
    out = []
    for n in range(count):
        raw = {item_id: draw(answer) for item_id in ITEM_IDS}
        group = draw(st.sampled_from(list(StakeholderGroup)[:3]))
        answers = {k: v for k, v in raw.items() if v != "skip"}
        out.append(response(f"r{n}", answers, group))  # type: ignore[arg-type]
    return out


@given(responses())
@settings(max_examples=150)
def test_scores_are_within_bounds(data: list[ResponseSet]) -> None:
    result = score_assessment(INSTRUMENT, data, TARGETS)
    for layer in LAYERS:
        figures = result.layers[layer]
        if figures.score is not None:
            assert 0 <= figures.score <= 100
            assert 0 <= figures.gap <= 75  # type: ignore[operator]
        if figures.rwg is not None:
            assert 0 <= figures.rwg <= 1
    if result.alignment_index is not None:
        assert 0 <= result.alignment_index <= 100
    for spread in result.value_spread.values():
        assert spread is None or 0 <= spread <= 100


@given(responses(min_size=1), st.randoms(use_true_random=False))
@settings(max_examples=100)
def test_respondent_order_is_irrelevant(data: list[ResponseSet], rng: random.Random) -> None:
    shuffled = list(data)
    rng.shuffle(shuffled)
    a = score_assessment(INSTRUMENT, data, TARGETS)
    b = score_assessment(INSTRUMENT, shuffled, TARGETS)
    for layer in LAYERS:
        for name in ("score", "sd", "rwg", "gap", "n"):
            assert getattr(b.layers[layer], name) == pytest.approx(getattr(a.layers[layer], name))
    assert b.alignment_index == pytest.approx(a.alignment_index)
    assert b.value_spread == pytest.approx(a.value_spread)


@given(responses(min_size=1), st.sampled_from(ITEM_IDS))
@settings(max_examples=100)
def test_reverse_key_symmetry(data: list[ResponseSet], item_id: str) -> None:
    """Flipping an item's reverse key and answering 6 - x instead of x changes nothing."""
    flipped = _flip(INSTRUMENT, item_id)
    mirrored = [
        dataclasses.replace(
            r,
            answers={
                k: (6 - v if k == item_id and v is not None else v) for k, v in r.answers.items()
            },
        )
        for r in data
    ]
    a = score_assessment(INSTRUMENT, data, TARGETS)
    b = score_assessment(flipped, mirrored, TARGETS)
    for layer in LAYERS:
        assert b.layers[layer].score == pytest.approx(a.layers[layer].score)
        assert b.layers[layer].rwg == pytest.approx(a.layers[layer].rwg)


def _flip(instrument: Instrument, item_id: str) -> Instrument:
    layers = tuple(
        dataclasses.replace(
            spec,
            items=tuple(
                dataclasses.replace(item, reverse=not item.reverse) if item.id == item_id else item
                for item in spec.items
            ),
        )
        for spec in instrument.layers
    )
    return dataclasses.replace(instrument, layers=layers)


@given(st.dictionaries(st.sampled_from(ITEM_IDS), st.integers(1, 5)), st.integers(2, 6))
@settings(max_examples=100)
def test_rwg_is_one_when_everyone_agrees(answers: dict[str, int], count: int) -> None:
    data = [response(f"r{n}", answers) for n in range(count)]
    result = score_assessment(INSTRUMENT, data, TARGETS)
    for layer in LAYERS:
        answered = [i for i in INSTRUMENT.layer(layer).items if i.id in answers]
        assert result.layers[layer].rwg == (1.0 if answered else None)
        assert result.layers[layer].sd in (None, 0.0)


@given(st.integers(1, 5), st.integers(0, 3))
def test_rwg_is_zero_at_or_beyond_uniform_variance(extra: int, ties: int) -> None:
    # Two respondents answering 1 and 5 (or 2 and 5...) on every item: variance >= 4.5 > 2.
    low = dict.fromkeys(ITEM_IDS, 1 + (extra % 2))
    high = dict.fromkeys(ITEM_IDS, 5)
    data = [response("a", low), response("b", high)] + [
        response(f"t{n}", low if n % 2 else high) for n in range(ties * 2)
    ]
    result = score_assessment(INSTRUMENT, data, TARGETS)
    assert all(result.layers[layer].rwg == 0.0 for layer in LAYERS)
    assert all(result.layers[layer].low_agreement for layer in LAYERS)


def test_rwg_is_zero_exactly_at_uniform_variance() -> None:
    # Items answered (1,3) variance 2, (3,5) variance 2: mean variance exactly 2 -> 0.
    a = {"T1": 1, "T2": 3, "T3": 3, "T4": 3, "T5": 1}
    b = {"T1": 3, "T2": 5, "T3": 1, "T4": 5, "T5": 3}  # T3 reversed: (3,5) after reversal
    result = score_assessment(INSTRUMENT, [response("a", a), response("b", b)], TARGETS)
    assert result.layers[Layer.TECHNOLOGY].rwg == 0.0


@given(responses(min_size=1))
@settings(max_examples=100)
def test_not_applicable_carries_no_score(data: list[ResponseSet]) -> None:
    """Dropping N/A answers leaves every score unchanged; only the counts differ."""
    without = [
        dataclasses.replace(r, answers={k: v for k, v in r.answers.items() if v is not None})
        for r in data
    ]
    a = score_assessment(INSTRUMENT, data, TARGETS)
    b = score_assessment(INSTRUMENT, without, TARGETS)
    assert [s.score for s in a.respondent_scores] == [s.score for s in b.respondent_scores]
    assert [s.answered for s in a.respondent_scores] == [s.answered for s in b.respondent_scores]


@given(responses(min_size=1, max_size=1))
@settings(max_examples=150)
def test_sixty_percent_rule(data: list[ResponseSet]) -> None:
    result = score_assessment(INSTRUMENT, data, TARGETS)
    for s in result.respondent_scores:
        scored = [
            i
            for i in INSTRUMENT.layer(s.layer).items
            if data[0].answers.get(i.id, "skip") not in ("skip", None)
        ]
        assert s.answered == len(scored)
        assert (s.score is None) == (len(scored) < 3)  # 60 % of 5 items


@given(responses())
@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_agrees_with_reference_implementation(tmp_path: Path, data: list[ResponseSet]) -> None:
    targets = {
        Layer.TECHNOLOGY: 70.0,
        Layer.LEADERSHIP: 75.0,
        Layer.ORGANISATION: 80.0,
        Layer.TRUST: 60.0,
    }
    rows = answers_csv_rows("A", INSTRUMENT, data)
    path = tmp_path / "answers.csv"
    write_csv(path, rows)
    # Read the CSV back as a spreadsheet would, BOM and all.
    text = path.read_text(encoding="utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    expected = reference_scores(records, {k.value: v for k, v in targets.items()})
    result = score_assessment(INSTRUMENT, data, targets)
    for layer in LAYERS:
        ref = expected[layer.value]
        assert isinstance(ref, dict)
        figures = result.layers[layer]
        assert figures.score == pytest.approx(ref["score"])
        assert figures.sd == pytest.approx(ref["sd"])
        assert figures.rwg == pytest.approx(ref["rwg"])
        assert figures.gap == pytest.approx(ref["gap"])
        assert figures.n == ref["n"]
        assert result.value_spread[layer] == pytest.approx(ref["spread"])
    assert result.alignment_index == pytest.approx(expected["alignment_index"])


def test_demo_portfolio_agrees_with_reference_implementation(tmp_path: Path) -> None:
    from avi_desktop.model.demo import build_demo
    from avi_desktop.model.overview import evaluate_assessment, instrument_for
    from avi_desktop.model.store import PortfolioStore

    path = tmp_path / "demo.avip"
    build_demo(path)
    checked = 0
    with PortfolioStore.open(path, read_only=True) as store:
        for assessment_id in store.assessment_ids():
            assessment = store.get_assessment(assessment_id)
            result = evaluate_assessment(store, assessment_id)
            rows = answers_csv_rows(
                assessment_id,
                instrument_for(assessment.instrument_id, assessment.instrument_version),
                store.response_sets(assessment_id),
            )
            records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
            expected = reference_scores(records, dict(assessment.targets))
            for layer in LAYERS:
                ref = expected[layer.value]
                assert isinstance(ref, dict)
                for name in ("score", "sd", "rwg", "gap", "n"):
                    assert getattr(result.layers[layer], name) == pytest.approx(ref[name])
            assert result.alignment_index == pytest.approx(expected["alignment_index"])
            checked += 1
    assert checked >= 5
