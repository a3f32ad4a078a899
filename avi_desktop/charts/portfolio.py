"""Portfolio charts: the initiatives × layers heat map and the counts by stage and pattern.

In the heat map every cell carries its score and band as text, a shade and a hatch, so a
committee paper printed in greyscale still reads; rows run from the least aligned initiative
down, unscored initiatives last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from avi_desktop.charts.style import (
    BAND_COLOURS,
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    BAND_TEXT_COLOURS,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    OKABE_ITO,
    base_font_size,
    chart_style,
)
from avi_desktop.model.domain import LAYERS, Band, Layer, PatternId, Stage
from avi_desktop.model.formatting import shorten
from avi_desktop.model.results import fmt_score

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import Locator

    from avi_desktop.model.overview import PortfolioEntry, PortfolioOverview


@dataclass(frozen=True)
class HeatmapEntry:
    """One row of the heat map: an initiative's latest layer scores and bands."""

    name: str
    stage: str  # display label, e.g. "Pilot"
    scores: Mapping[Layer, float | None]
    bands: Mapping[Layer, Band | None]
    alignment_index: float | None
    initiative_id: str = ""
    patterns: tuple[str, ...] = field(default=())  # display titles of detected patterns


def heatmap_entries(
    overview: PortfolioOverview | Iterable[PortfolioEntry],
) -> tuple[HeatmapEntry, ...]:
    """Convert a portfolio overview (or its entries) into heat-map rows."""
    entries = cast("Iterable[PortfolioEntry]", getattr(overview, "entries", overview))
    rows = []
    for entry in entries:
        latest = entry.latest
        scores: dict[Layer, float | None] = {}
        bands: dict[Layer, Band | None] = {}
        for layer in LAYERS:
            result = latest.layers.get(layer) if latest is not None else None
            scores[layer] = result.score if result is not None else None
            bands[layer] = result.band if result is not None else None
        rows.append(
            HeatmapEntry(
                name=entry.name,
                stage=entry.stage.label,
                scores=scores,
                bands=bands,
                alignment_index=latest.alignment_index if latest is not None else None,
                initiative_id=entry.initiative_id,
                patterns=tuple(hit.title for hit in entry.patterns),
            )
        )
    return tuple(rows)


def _order(entries: Sequence[HeatmapEntry]) -> list[HeatmapEntry]:
    """Least aligned first, unscored last; ties by name so the order is stable."""
    return sorted(
        entries,
        key=lambda e: (e.alignment_index is None, e.alignment_index or 0.0, e.name.casefold()),
    )


def heatmap_figure(
    entries: Sequence[HeatmapEntry], *, title: str = "", width_in: float = 7.0
) -> Figure:
    """Initiatives × layers, each cell written with score and band, least aligned on top."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = _order(entries)
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
            [
                layer.label.replace(" ", "\n", 1) if layer else "Alignment\nindex"
                for layer in columns
            ],
            fontsize=size * 0.85,
            fontweight="bold",
        )
        ax.set_yticks([i + 0.5 for i in range(len(rows))])
        # Names wrap at word boundaries (two lines at most) rather than being cut.
        ax.set_yticklabels(
            [f"{_wrap(e.name, 34)}\n{e.stage}" for e in rows],
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


def _wrap(text: str, width: int) -> str:
    """``text`` on at most two lines of ``width`` characters, broken between words only."""
    import textwrap

    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(lines) <= 2:
        return "\n".join(lines)
    return lines[0] + "\n" + shorten(" ".join(lines[1:]), width)


def _band_cell(
    ax: Axes, cell_at: tuple[int, int], score: float | None, band: Band | None, size: float
) -> None:
    row, col = cell_at
    from matplotlib.patches import Rectangle

    if score is None or band is None:
        face, edge, hatch, text, colour = (
            INSUFFICIENT_FILL,
            INSUFFICIENT_EDGE,
            INSUFFICIENT_HATCH,
            "no score",
            "#000000",
        )
    else:
        face, edge, hatch = BAND_COLOURS[band], BAND_HATCH_COLOURS[band], BAND_HATCHES[band]
        text = f"{fmt_score(score)}\n{band.label}"
        colour = "#000000" if hatch else BAND_TEXT_COLOURS[band]
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
