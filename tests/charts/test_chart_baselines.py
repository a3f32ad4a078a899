"""Every chart against its committed baseline PNG, so a visual regression fails the suite."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from avi_desktop.charts.dispersion import dispersion_figure
from avi_desktop.charts.portfolio import HeatmapEntry, heatmap_figure, portfolio_counts_figure
from avi_desktop.charts.ring import ring_figure
from avi_desktop.charts.trend import trend_figure
from avi_desktop.model.domain import LAYERS, Band, StakeholderGroup
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import AssessmentResult, HistoryPoint, fmt_score
from tests.charts.conftest import UPDATE_ENV, compare_with_baseline

Check = Callable[[Figure, str], None]


def test_ring_layer(matches_baseline: Check, result: AssessmentResult) -> None:
    matches_baseline(ring_figure(result, title="Claims triage"), "ring_layer")


def test_ring_items(
    matches_baseline: Check, result: AssessmentResult, instrument: Instrument
) -> None:
    matches_baseline(ring_figure(result, instrument=instrument, variant="items"), "ring_items")


def test_ring_comparison(
    matches_baseline: Check, result: AssessmentResult, previous_result: AssessmentResult
) -> None:
    fig = ring_figure(result, variant="comparison", previous=previous_result)
    matches_baseline(fig, "ring_comparison")


def test_ring_insufficient(matches_baseline: Check, insufficient_result: AssessmentResult) -> None:
    matches_baseline(ring_figure(insufficient_result), "ring_insufficient")


def test_heatmap(matches_baseline: Check) -> None:
    entries = []
    for number, scores in enumerate(
        [(80.0, 60.0, 50.0, 40.0), (90.0, 85.0, 78.0, 76.0), (30.0, 62.0, None, 10.0)]
    ):
        bands = {
            layer: None
            if score is None
            else Band.ALIGNED
            if score >= 75
            else Band.DEVELOPING
            if score >= 55
            else Band.GAP
            for layer, score in zip(LAYERS, scores, strict=True)
        }
        index = None if None in scores else 20.0 + 30 * number
        entries.append(
            HeatmapEntry(
                f"Initiative {number + 1}",
                "Pilot",
                dict(zip(LAYERS, scores, strict=True)),
                bands,
                index,
            )
        )
    matches_baseline(heatmap_figure(entries, title="Portfolio"), "heatmap")


def test_counts(matches_baseline: Check) -> None:
    fig = portfolio_counts_figure({"Idea": 2, "Pilot": 5, "Scaled": 0}, {"AI Pilot Trap": 3})
    matches_baseline(fig, "counts")


def test_dispersion(
    matches_baseline: Check,
    result: AssessmentResult,
    instrument: Instrument,
    groups: dict[str, StakeholderGroup],
) -> None:
    fig = dispersion_figure(result, instrument=instrument, groups=groups)
    matches_baseline(fig, "dispersion")


def test_trend(matches_baseline: Check, history: list[HistoryPoint]) -> None:
    assert fmt_score(history[0].alignment_index)
    matches_baseline(trend_figure(history, title="Claims triage"), "trend")


def test_a_missing_baseline_fails_unless_updating_is_asked_for(
    result: AssessmentResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baselines = tmp_path / "baselines"
    monkeypatch.delenv(UPDATE_ENV, raising=False)
    with pytest.raises(pytest.fail.Exception, match="No baseline"):
        compare_with_baseline(ring_figure(result), "new", tmp_path, baselines)
    assert not baselines.exists()
    monkeypatch.setenv(UPDATE_ENV, "1")
    compare_with_baseline(ring_figure(result), "new", tmp_path, baselines)
    assert (baselines / "new.png").exists()
    monkeypatch.delenv(UPDATE_ENV)
    compare_with_baseline(ring_figure(result), "new", tmp_path, baselines)  # now it matches
    with pytest.raises(pytest.fail.Exception, match="differs from its baseline"):
        compare_with_baseline(ring_figure(result, title="Changed"), "new", tmp_path, baselines)
    assert os.environ.get(UPDATE_ENV) is None
