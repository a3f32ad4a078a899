"""The committee paper's heat map, described as a scene: the same content as the chart file's
matplotlib figure, names printed whole, figures clear of hatching, no text under 7 points, and
no plotting library loaded to write a paper."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from avi_desktop.charts.heatmap import HeatmapEntry, heatmap_scene
from avi_desktop.charts.portfolio import heatmap_figure
from avi_desktop.charts.scene import Box, Scene, Text
from avi_desktop.charts.style import BAND_HATCHES, INSUFFICIENT_HATCH
from avi_desktop.model.domain import LAYERS, Band, Layer
from tests.reports.pdftext import page_texts


def entry(name: str, scores: tuple[float | None, ...], index: float | None) -> HeatmapEntry:
    layer_scores = dict(zip(LAYERS, scores, strict=True))
    bands: dict[Layer, Band | None] = {
        layer: None
        if score is None
        else Band.ALIGNED
        if score >= 75
        else Band.DEVELOPING
        if score >= 55
        else Band.GAP
        for layer, score in layer_scores.items()
    }
    return HeatmapEntry(name, "Pilot", layer_scores, bands, index)


ENTRIES = [
    entry("Claims triage", (80.0, 60.0, 50.0, 40.0), 56.1),
    entry("Unscored idea", (None, None, None, None), None),
    entry("CV screening for contact-centre hiring in the regional offices", (90.0,) * 4, 82.0),
    entry("Churn model", (30.0, 20.0, 25.0, 10.0), 19.7),
]


def texts(scene: Scene) -> list[Text]:
    return [s for p in scene.panels for s in p.shapes if isinstance(s, Text)]


def test_the_scene_shows_what_the_chart_file_shows() -> None:
    scene = heatmap_scene(ENTRIES, title="Portfolio")
    fig = heatmap_figure(ENTRIES, title="Portfolio")
    ax = fig.axes[0]
    title = [t.get_text() for t in fig.texts]  # the suptitle
    shown = [*ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()]
    figure_words = sorted([*title, *(t.get_text() for t in shown if t.get_text())])
    figure_words += sorted(t.get_text() for t in fig.legends[0].get_texts())
    scene_words = sorted(t.text for t in texts(scene))
    scene_words += sorted(e.label for e in scene.legends[0].entries)
    assert scene_words == figure_words
    assert (scene.width_in, scene.height_in) == tuple(fig.get_size_inches())
    # The same cells, in the same place, with the same shade and hatch.
    cells = {
        str(p.get_gid()): (p.get_hatch() or "", tuple(p.get_facecolor()))
        for p in ax.patches
        if (p.get_gid() or "").startswith("cell-")
    }
    boxes = {s.gid: s for p in scene.panels for s in p.shapes if isinstance(s, Box)}
    assert sorted(cells) == sorted(boxes)
    from matplotlib.colors import to_rgba

    for gid, (hatch, face) in cells.items():
        assert (boxes[gid].hatch, to_rgba(boxes[gid].face or "none")) == (hatch, face), gid


def test_rows_run_from_least_aligned_names_whole_and_figures_clear_of_hatching() -> None:
    scene = heatmap_scene(ENTRIES)
    labels = [t for t in texts(scene) if t.ha == "right"]
    assert [t.text.split("\n")[0] for t in sorted(labels, key=lambda t: -t.y)] == [
        "Churn model",
        "Claims triage",
        "CV screening for contact-centre",
        "Unscored idea",
    ]
    long = next(t.text for t in labels if t.text.startswith("CV"))
    assert long.split("\n") == [
        "CV screening for contact-centre",
        "hiring in the regional offices",
        "Pilot",
    ]
    boxes = {s.gid: s for p in scene.panels for s in p.shapes if isinstance(s, Box)}
    assert [boxes[f"cell-1-{col}"].hatch for col in range(4)] == [
        BAND_HATCHES[Band.ALIGNED],
        BAND_HATCHES[Band.DEVELOPING],
        BAND_HATCHES[Band.GAP],
        BAND_HATCHES[Band.GAP],
    ]
    assert boxes["cell-3-0"].hatch == INSUFFICIENT_HATCH
    gaps = [t for t in texts(scene) if t.text.endswith("\nGap")]
    assert len(gaps) == 6 and all(t.box is not None and t.box.face == "#FFFFFF" for t in gaps)
    assert "No initiatives to show" in [t.text for t in texts(heatmap_scene([]))]


def test_a_full_heatmap_page_prints_no_text_under_7_points() -> None:
    from avi_desktop.reports.figures import MAX_HEIGHT_PT
    from avi_desktop.reports.page_furniture import PAGE_MARGIN_MM
    from avi_desktop.reports.scene import SceneFlowable

    rows = [
        entry(f"Initiative number {n} with a long descriptive name", (40.0,) * 4, 40.0)
        for n in range(18)
    ]
    scene = heatmap_scene(rows)
    width_pt = 595.27 - 2 * PAGE_MARGIN_MM * 72 / 25.4
    flowable = SceneFlowable(scene, width_pt, MAX_HEIGHT_PT)
    smallest = min(t.size for t in texts(scene)) * flowable.scale
    smallest = min(smallest, scene.legends[0].size * flowable.scale)
    assert smallest >= 7.0, smallest


def test_a_committee_paper_loads_no_plotting_library(demo: Path, tmp_path: Path) -> None:
    """Its heat map is painted straight onto the page: no matplotlib, svglib or numpy."""
    out = tmp_path / "paper.pdf"
    script = (
        "import sys\n"
        "from avi_desktop.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "print(sorted(m for m in ('matplotlib', 'svglib', 'numpy', 'lxml') if m in sys.modules))\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "paper", str(demo), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    heatmap = next(t for t in page_texts(out) if t.startswith("Heat map") or "\nHeat map" in t)
    assert "Alignment" in heatmap and "No score" in heatmap  # the chart's words are text
