"""The portfolio heat map and the counts by stage and pattern."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from avi_desktop.charts.portfolio import (
    HeatmapEntry,
    heatmap_entries,
    heatmap_figure,
    portfolio_counts,
    portfolio_counts_figure,
)
from avi_desktop.charts.style import BAND_HATCHES, INSUFFICIENT_HATCH
from avi_desktop.model.domain import LAYERS, Band, Layer, PatternId, Stage
from avi_desktop.model.results import AssessmentResult, PatternHit


def entry(name: str, scores: tuple[float | None, ...], index: float | None) -> HeatmapEntry:
    layer_scores = dict(zip(LAYERS, scores, strict=True))
    bands: dict[Layer, Band | None] = {}
    for layer, score in layer_scores.items():
        if score is None:
            bands[layer] = None
        elif score >= 75:
            bands[layer] = Band.ALIGNED
        else:
            bands[layer] = Band.DEVELOPING if score >= 55 else Band.GAP
    return HeatmapEntry(name, "Pilot", layer_scores, bands, index)


ENTRIES = [
    entry("Claims triage", (80.0, 60.0, 50.0, 40.0), 56.1),
    entry("Unscored idea", (None, None, None, None), None),
    entry("Invoice matching", (90.0, 85.0, 78.0, 76.0), 82.0),
    entry("Churn model", (30.0, 20.0, 25.0, 10.0), 19.7),
]


def cells(fig: Figure) -> dict[str, Rectangle]:
    return {
        str(p.get_gid()): p
        for p in fig.axes[0].patches
        if isinstance(p, Rectangle) and (p.get_gid() or "").startswith("cell-")
    }


def test_rows_run_from_least_aligned_with_unscored_last() -> None:
    fig = heatmap_figure(ENTRIES)
    labels = [t.get_text().split("\n")[0] for t in fig.axes[0].get_yticklabels()]
    assert labels == ["Churn model", "Claims triage", "Invoice matching", "Unscored idea"]
    assert fig.axes[0].yaxis_inverted()


def test_every_cell_has_score_band_shade_and_hatch() -> None:
    fig = heatmap_figure(ENTRIES)
    found = cells(fig)
    assert len(found) == len(ENTRIES) * 4
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "60.0\nDeveloping" in texts and "80.0\nAligned" in texts and "10.0\nGap" in texts
    assert texts.count("no score") == 4
    assert "56.1" in texts and "—" in texts  # alignment index column
    # Row 1 is Claims triage: aligned, developing, gap, gap.
    hatches = [found[f"cell-1-{col}"].get_hatch() or "" for col in range(4)]
    assert hatches == [
        BAND_HATCHES[Band.ALIGNED],
        BAND_HATCHES[Band.DEVELOPING],
        BAND_HATCHES[Band.GAP],
        BAND_HATCHES[Band.GAP],
    ]
    assert found["cell-3-0"].get_hatch() == INSUFFICIENT_HATCH
    shades = {tuple(found[f"cell-1-{col}"].get_facecolor()) for col in range(3)}
    assert len(shades) == 3
    legend = {t.get_text() for t in fig.legends[0].get_texts()}
    assert legend == {"Aligned", "Developing", "Gap", "No score"}


def test_height_grows_with_the_portfolio() -> None:
    small = heatmap_figure(ENTRIES[:1])
    large = heatmap_figure(ENTRIES * 5)
    assert large.get_figheight() > small.get_figheight() + 5
    assert "No initiatives to show" in [t.get_text() for t in heatmap_figure([]).axes[0].texts]


@dataclass(frozen=True)
class FakeEntry:
    """The fields of model.overview.PortfolioEntry the charts read."""

    initiative_id: str
    name: str
    stage: Stage
    business_unit: str
    business_owner: str
    latest: AssessmentResult | None
    patterns: tuple[PatternHit, ...]


@dataclass(frozen=True)
class FakeOverview:
    organisation: str
    entries: tuple[FakeEntry, ...]
    portfolio_patterns: tuple[PatternHit, ...]


def hit(pattern: PatternId) -> PatternHit:
    return PatternHit(pattern, pattern.label, (), "")


def test_entries_and_counts_come_from_the_overview(result: AssessmentResult) -> None:
    overview = FakeOverview(
        "Northwind",
        (
            FakeEntry(
                "i1",
                "Claims triage",
                Stage.PILOT,
                "",
                "",
                result,
                (hit(PatternId.TRUST_CEILING), hit(PatternId.PILOT_TRAP)),
            ),
            FakeEntry("i2", "New idea", Stage.IDEA, "", "", None, ()),
            FakeEntry("i3", "Routing", Stage.PILOT, "", "", None, (hit(PatternId.PILOT_TRAP),)),
        ),
        (hit(PatternId.AI_THEATRE),),
    )
    rows = heatmap_entries(overview)  # type: ignore[arg-type]
    assert [r.name for r in rows] == ["Claims triage", "New idea", "Routing"]
    assert rows[0].stage == "Pilot" and rows[0].initiative_id == "i1"
    assert rows[0].scores[Layer.LEADERSHIP] == pytest.approx(58.2)
    assert rows[0].bands[Layer.TRUST] is Band.GAP
    assert rows[0].alignment_index == result.alignment_index
    assert rows[0].patterns == ("Trust Ceiling", "AI Pilot Trap")
    assert rows[1].alignment_index is None and rows[1].scores[Layer.TRUST] is None

    by_stage, by_pattern = portfolio_counts(overview)  # type: ignore[arg-type]
    assert list(by_stage) == [stage.label for stage in Stage]
    assert by_stage["Pilot"] == 2 and by_stage["Idea"] == 1 and by_stage["Scaled"] == 0
    assert by_pattern["AI Pilot Trap"] == 2
    assert by_pattern["AI Theatre"] == 1
    assert by_pattern["Ethical Drift"] == 0


def test_counts_figure_has_two_labelled_bar_panels() -> None:
    fig = portfolio_counts_figure({"Idea": 2, "Pilot": 5}, {"AI Pilot Trap": 3, "AI Theatre": 0})
    stage_ax, pattern_ax = fig.axes
    assert stage_ax.get_title(loc="left") == "Initiatives by stage"
    assert [t.get_text() for t in stage_ax.get_yticklabels()] == ["Idea", "Pilot"]
    assert [p.get_width() for p in stage_ax.patches if isinstance(p, Rectangle)] == [2, 5]
    assert [t.get_text() for t in pattern_ax.texts] == ["3", "0"]
    assert all(p.get_hatch() for p in pattern_ax.patches)
