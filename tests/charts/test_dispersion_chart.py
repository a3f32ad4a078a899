"""Disagreement view: every respondent's score, most contested items first, groups by shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from avi_desktop.charts.dispersion import dispersion_figure, item_groups, jitter
from avi_desktop.charts.dispersion_layout import PANEL_ROWS, item_charts, plan_charts
from avi_desktop.charts.export import figure_svg
from avi_desktop.charts.style import group_marker
from avi_desktop.model.domain import LAYERS, Layer, StakeholderGroup
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.results import AssessmentResult


def test_items_are_ordered_by_disagreement(
    result: AssessmentResult, instrument: Instrument, groups: dict[str, StakeholderGroup]
) -> None:
    fig = dispersion_figure(result, instrument=instrument, groups=groups)
    for ax, layer in zip(fig.axes[:4], LAYERS, strict=True):
        assert ax.get_title(loc="left") == layer.label
        labels = [t.get_text().split()[0] for t in ax.get_yticklabels()]
        scored = [result.items[i] for i in labels if result.items[i].variance is not None]
        variances = [item.variance or 0.0 for item in scored]
        assert variances == sorted(variances, reverse=True)
        assert len(labels) == len(instrument.layer(layer).items)
    assert "ST-06" in fig.axes[3].get_yticklabels()[-1].get_text()  # unscored item last


def test_every_score_is_a_point_and_groups_differ_by_shape(
    result: AssessmentResult, groups: dict[str, StakeholderGroup]
) -> None:
    fig = dispersion_figure(result, groups=groups)
    points = [
        line for ax in fig.axes for line in ax.lines if (line.get_gid() or "").startswith("point-")
    ]
    drawn = sum(len(np.asarray(line.get_xdata())) for line in points)
    assert drawn == sum(len(item.scores) for item in result.items.values())
    markers = {line.get_marker() for line in points}
    assert markers == {group_marker(g) for g in set(groups.values())}
    legend = {t.get_text() for t in fig.legends[0].get_texts()}
    assert legend == {g.label for g in groups.values()}


def test_group_means_panel_shows_the_stakeholder_split(result: AssessmentResult) -> None:
    fig = dispersion_figure(result)
    split_ax = fig.axes[5]
    assert split_ax.get_title(loc="left") == "Stakeholder group means"
    marks = [line for line in split_ax.lines if line.get_gid() == "split-trust"]
    drawn = sorted(float(np.asarray(line.get_xdata(), dtype=float)[0]) for line in marks)
    split = sorted(v[Layer.TRUST] or 0.0 for v in result.stakeholder_split.values())
    assert drawn == split
    ticks = [t.get_text() for t in split_ax.get_yticklabels()]
    assert ticks[0] == "TC  spread 21.0"
    layer_ticks = [t.get_text() for t in fig.axes[4].get_yticklabels()]
    assert "LA  agreement 0.55 ▲" in layer_ticks


def test_jitter_is_deterministic_and_bounded(
    result: AssessmentResult, groups: dict[str, StakeholderGroup]
) -> None:
    assert jitter(0, 1) == 0.0
    offsets = [jitter(i, 5) for i in range(5)]
    assert offsets == sorted(offsets) and offsets[0] == -offsets[-1]
    first = figure_svg(dispersion_figure(result, groups=groups))
    second = figure_svg(dispersion_figure(result, groups=groups))
    assert first == second


def test_groups_are_left_unknown_rather_than_guessed(result: AssessmentResult) -> None:
    item = result.items["TC-01"]
    order = ["r1", "r2", "r3", "r4", "r5"]
    known = item_groups(item, order, {"r1": StakeholderGroup.CEOS})
    assert known[0] is StakeholderGroup.CEOS and known[1] is None
    assert item_groups(item, order[:3], {"r1": StakeholderGroup.CEOS}) == [None] * 5


def test_a_result_without_items_or_groups_still_draws(
    result_factory: Callable[..., AssessmentResult],
) -> None:
    bare = replace(
        result_factory({layer: 50.0 for layer in LAYERS}, with_items=False),
        stakeholder_split={},
        respondent_scores=(),
    )
    fig = dispersion_figure(bare)
    assert "One stakeholder group only" in [t.get_text() for t in fig.axes[5].texts]
    assert not fig.legends
    assert all(not ax.get_yticklabels() for ax in fig.axes[:4])


def test_a_long_instrument_runs_over_several_charts_at_full_text_size(
    result: AssessmentResult, instrument: Instrument
) -> None:
    # Four layers of 40 statements: no chart taller than allowed, no row lost or repeated.
    counts = dict.fromkeys(LAYERS, 40)
    plan = plan_charts(counts, 55)
    assert len(plan) == 4 and all(len(chart) == 1 for chart in plan)
    rows = [(s.layer, row) for chart in plan for s in chart for row in range(s.start, s.stop)]
    assert rows == [(layer, row) for layer in LAYERS for row in range(40)]
    long = plan_charts({**counts, Layer.TRUST: 130}, 55)
    # a layer longer than a chart starts in the room left and runs on as "(continued)"
    assert [s.start for chart in long for s in chart if s.layer is Layer.TRUST] == [0, 12, 67, 122]
    for chart in [*plan, *long]:
        extra = PANEL_ROWS * (len(chart) - 1)
        assert sum(s.stop - s.start for s in chart) + extra <= 55
    # Whole layers stay together where they fit.
    even = plan_charts(dict(zip(LAYERS, (12, 11, 13, 15), strict=True)), 31)
    assert [[s.layer for s in chart] for chart in even] == [list(LAYERS[:2]), list(LAYERS[2:])]

    # Drawn: a height small enough to force a split keeps the labels at their printed size.
    charts = item_charts(
        result, instrument=instrument, width_in=6.8, max_height_in=3.0, min_font=7.5
    )
    assert len(charts) > 1
    drawn = 0
    for sections in charts:
        fig = dispersion_figure(
            result,
            instrument=instrument,
            width_in=6.8,
            part="items",
            min_font=7.5,
            sections=sections,
        )
        assert fig.get_figheight() <= 3.0 + 1e-9
        panels = [ax for ax in fig.axes if ax.get_title(loc="left")]
        assert len(panels) == len(sections)
        for ax in panels:
            labels = ax.get_yticklabels()
            assert all(float(label.get_fontsize()) >= 7.5 - 1e-9 for label in labels)
            drawn += len(labels)
    assert drawn == sum(len(instrument.layer(layer).items) for layer in LAYERS)
