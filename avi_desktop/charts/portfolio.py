"""Portfolio charts: the initiatives × layers heat map and the counts by stage and pattern.

In the heat map every cell carries its score and band as text, a shade and a hatch, so a
committee paper printed in greyscale still reads; rows run from the least aligned initiative
down, unscored initiatives last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, cast

from avi_desktop.charts.heatmap import (
    HeatmapEntry,
    cell_look,
    column_label,
    heatmap_entries,
    order_rows,
    row_label,
)
from avi_desktop.charts.palette import BAND_COLOURS, OKABE_ITO
from avi_desktop.charts.style import (
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    base_font_size,
    chart_style,
)
from avi_desktop.model.domain import LAYERS, Band, PatternId, Stage
from avi_desktop.model.results import fmt_score

__all__ = [
    "HeatmapEntry",
    "heatmap_entries",
    "heatmap_figure",
    "portfolio_counts",
    "portfolio_counts_figure",
]

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import Locator

    from avi_desktop.model.overview import PortfolioEntry, PortfolioOverview


def heatmap_figure(
    entries: Sequence[HeatmapEntry], *, title: str = "", width_in: float = 7.0
) -> Figure:
    """Initiatives × layers, each cell written with score and band, least aligned on top."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = order_rows(entries)
    size = base_font_size(width_in)
    columns = [*LAYERS, None]  # None: the alignment index column
    with chart_style():
        row_in = 0.45 if any(len(e.name) > 34 for e in rows) else 0.42  # room for 3 lines
        height = 1.3 + row_in * max(1, len(rows))
        fig = Figure(figsize=(width_in, height))
        left = 0.31
        bottom = 0.55 / height
        top = 1 - (0.45 + (0.2 if title else 0.0)) / height
        ax = fig.add_axes((left, bottom, 0.98 - left, top - bottom))
        ax.set_xlim(0, len(columns))
        ax.set_ylim(max(1, len(rows)), 0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.tick_params(length=0)
        ax.xaxis.tick_top()
        ax.set_xticks([i + 0.5 for i in range(len(columns))])
        ax.set_xticklabels(
            [column_label(layer) for layer in columns],
            fontsize=size * 0.85,
            fontweight="bold",
        )
        ax.set_yticks([i + 0.5 for i in range(len(rows))])
        # Names wrap at word boundaries (two lines at most) rather than being cut.
        ax.set_yticklabels(
            [row_label(e) for e in rows],
            fontsize=size * 0.85,
            linespacing=1.05,
        )
        for row, entry in enumerate(rows):
            for col, layer in enumerate(columns):
                if layer is None:
                    _index_cell(ax, row, col, entry.alignment_index, size)
                    continue
                _band_cell(ax, (row, col), entry.scores.get(layer), entry.bands.get(layer), size)
        if not rows:
            ax.text(
                len(columns) / 2,
                0.5,
                "No initiatives to show",
                ha="center",
                va="center",
                fontsize=size,
            )
        handles = [
            Patch(
                facecolor=BAND_COLOURS[band],
                edgecolor=BAND_HATCH_COLOURS[band],
                hatch=BAND_HATCHES[band],
                linewidth=0,
                label=band.label,
            )
            for band in Band
        ]
        handles.append(
            Patch(
                facecolor=INSUFFICIENT_FILL,
                edgecolor=INSUFFICIENT_EDGE,
                hatch=INSUFFICIENT_HATCH,
                linewidth=0.6,
                label="No score",
            )
        )
        fig.legend(
            handles=handles,
            loc="lower center",
            ncol=4,
            frameon=False,
            fontsize=size * 0.85,
            bbox_to_anchor=(0.5, 0.0),
        )
        if title:
            fig.suptitle(
                title, fontsize=size * 1.25, fontweight="bold", y=1 - 0.08 / height, va="top"
            )
    return fig


def _band_cell(
    ax: Axes, cell_at: tuple[int, int], score: float | None, band: Band | None, size: float
) -> None:
    row, col = cell_at
    from matplotlib.patches import Rectangle

    face, edge, hatch, text, colour = cell_look(score, band)
    cell = Rectangle(
        (col + 0.03, row + 0.05),
        0.94,
        0.9,
        facecolor=face,
        edgecolor=edge,
        hatch=hatch,
        linewidth=0,
    )
    cell.set_gid(f"cell-{row}-{col}")
    ax.add_patch(cell)
    ax.text(
        col + 0.5,
        row + 0.5,
        text,
        ha="center",
        va="center",
        fontsize=size * 0.85,
        color=colour,
        fontweight="bold",
        linespacing=1.1,
        # A hatched cell's figures sit on a clear box well inside the hatch, so no hatch line
        # runs through a printed figure.
        bbox={
            "boxstyle": "round,pad=0.3",
            "facecolor": "#FFFFFF" if hatch else face,
            "edgecolor": "none",
        },
    )


def _index_cell(ax: Axes, row: int, col: int, value: float | None, size: float) -> None:
    ax.text(
        col + 0.5,
        row + 0.5,
        fmt_score(value),
        ha="center",
        va="center",
        fontsize=size * 1.05,
        fontweight="bold",
    )


def portfolio_counts(
    overview: PortfolioOverview | Iterable[PortfolioEntry],
) -> tuple[dict[str, int], dict[str, int]]:
    """Initiatives per stage (every stage, in life order) and per detected pattern."""
    entries = cast("Iterable[PortfolioEntry]", getattr(overview, "entries", overview))
    by_stage: Counter[Stage] = Counter()
    by_pattern: Counter[PatternId] = Counter()
    for entry in entries:
        by_stage[entry.stage] += 1
        for pattern in {hit.pattern for hit in entry.patterns}:
            by_pattern[pattern] += 1
    for hit in getattr(overview, "portfolio_patterns", ()):
        by_pattern[hit.pattern] += 1
    return (
        {stage.label: by_stage[stage] for stage in Stage},
        {pattern.label: by_pattern[pattern] for pattern in PatternId},
    )


def portfolio_counts_figure(
    by_stage: Mapping[str, int],
    by_pattern: Mapping[str, int],
    *,
    title: str = "",
    width_in: float = 7.0,
) -> Figure:
    """Two bar panels: how many initiatives are at each stage, and show each pattern."""
    from matplotlib.figure import Figure

    size = base_font_size(width_in)
    with chart_style():
        rows = max(len(by_stage), len(by_pattern), 1)
        fig = Figure(figsize=(width_in, 0.9 + 0.28 * rows), layout="constrained")
        panels = fig.subplots(1, 2)
        for ax, counts, heading, colour, hatch in (
            (panels[0], by_stage, "Initiatives by stage", OKABE_ITO["blue"], ""),
            (panels[1], by_pattern, "Initiatives by pattern", OKABE_ITO["vermillion"], "//"),
        ):
            labels = list(counts)
            values = [counts[label] for label in labels]
            positions = list(range(len(labels)))
            bars = ax.barh(
                positions, values, color=colour, edgecolor="#FFFFFF", hatch=hatch, linewidth=0
            )
            ax.set_yticks(positions, labels, fontsize=size * 0.85)
            ax.invert_yaxis()
            ax.set_title(heading, fontsize=size, loc="left")
            ax.bar_label(bars, labels=[str(v) for v in values], padding=3, fontsize=size * 0.85)
            ax.set_xlim(0, max([*values, 1]) * 1.2)
            ax.xaxis.set_major_locator(_integer_locator())
            ax.tick_params(axis="x", labelsize=size * 0.75)
        if title:
            fig.suptitle(title, fontsize=size * 1.2, fontweight="bold")
    return fig


def _integer_locator() -> Locator:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)
