"""The portfolio heat map as a chart scene: initiatives × layers, least aligned on top.

The committee paper prints up to three pages of it; described as a :class:`Scene` it is painted
straight onto the page (:mod:`avi_desktop.reports.scene`), so a paper needs neither matplotlib
(about 0.9 s to import) nor an SVG round trip per page (about 0.7 s each). It shows what
:func:`avi_desktop.charts.portfolio.heatmap_figure` shows for chart files, laid out the same
way; ``tests/charts/test_heatmap_scene.py`` holds the two to the same text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from avi_desktop.charts.palette import BAND_COLOURS
from avi_desktop.charts.scene import Box, Legend, LegendEntry, Scene, Text, TextBox
from avi_desktop.charts.style import (
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    BAND_TEXT_COLOURS,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    base_font_size,
)
from avi_desktop.model.domain import LAYERS, Band, Layer
from avi_desktop.model.formatting import shorten
from avi_desktop.model.results import fmt_score

if TYPE_CHECKING:
    from avi_desktop.model.overview import PortfolioEntry, PortfolioOverview

NAME_WIDTH = 34  # characters on a line of an initiative's name
TICK_PAD = 3.5  # points between the grid and its labels (matplotlib's tick pad)
LEFT, RIGHT = 0.31, 0.98  # the grid's sides, as fractions of the width


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


def order_rows(entries: Sequence[HeatmapEntry]) -> list[HeatmapEntry]:
    """Least aligned first, unscored last; ties by name so the order is stable."""
    return sorted(
        entries,
        key=lambda e: (e.alignment_index is None, e.alignment_index or 0.0, e.name.casefold()),
    )


def wrap_name(text: str, width: int = NAME_WIDTH) -> str:
    """``text`` on at most two lines of ``width`` characters, broken between words only."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
    if len(lines) <= 2:
        return "\n".join(lines)
    return lines[0] + "\n" + shorten(" ".join(lines[1:]), width)


def row_label(entry: HeatmapEntry) -> str:
    """A row's label: the name, wrapped whole, over the stage."""
    return f"{wrap_name(entry.name)}\n{entry.stage}"


def column_label(layer: Layer | None) -> str:
    return layer.label.replace(" ", "\n", 1) if layer else "Alignment\nindex"


def cell_look(score: float | None, band: Band | None) -> tuple[str, str, str, str, str]:
    """Face, hatch colour, hatch, text and text colour of one layer's cell."""
    if score is None or band is None:
        return INSUFFICIENT_FILL, INSUFFICIENT_EDGE, INSUFFICIENT_HATCH, "no score", "#000000"
    hatch = BAND_HATCHES[band]
    colour = "#000000" if hatch else BAND_TEXT_COLOURS[band]
    return (
        BAND_COLOURS[band],
        BAND_HATCH_COLOURS[band],
        hatch,
        f"{fmt_score(score)}\n{band.label}",
        colour,
    )


def legend_entries() -> tuple[LegendEntry, ...]:
    """A swatch for each band, then one for a cell without a score."""
    swatches = [
        LegendEntry(
            band.label,
            "patch",
            face=BAND_COLOURS[band],
            edge=BAND_HATCH_COLOURS[band],
            hatch=BAND_HATCHES[band],
        )
        for band in Band
    ]
    swatches.append(
        LegendEntry(
            "No score",
            "patch",
            face=INSUFFICIENT_FILL,
            edge=INSUFFICIENT_EDGE,
            hatch=INSUFFICIENT_HATCH,
            linewidth=0.6,
        )
    )
    return tuple(swatches)


def heatmap_scene(
    entries: Sequence[HeatmapEntry], *, title: str = "", width_in: float = 7.0
) -> Scene:
    """Initiatives × layers, each cell written with score and band, least aligned on top."""
    rows = order_rows(entries)
    size = base_font_size(width_in)
    label_size = size * 0.85
    columns: list[Layer | None] = [*LAYERS, None]  # None: the alignment index column
    row_in = 0.45 if any(len(e.name) > NAME_WIDTH for e in rows) else 0.42  # room for 3 lines
    height = 1.3 + row_in * max(1, len(rows))
    scene = Scene(width_in, height)
    bottom = 0.55 / height
    top = 1 - (0.45 + (0.2 if title else 0.0)) / height
    count = max(1, len(rows))
    grid = scene.panel(
        (LEFT, bottom, RIGHT - LEFT, top - bottom), xlim=(0, len(columns)), ylim=(0, count)
    )
    per_x = (RIGHT - LEFT) * scene.width_pt / len(columns)  # points per column
    per_y = (top - bottom) * scene.height_pt / count  # points per row
    for col, layer in enumerate(columns):
        grid.add(
            Text(
                col + 0.5,
                count + TICK_PAD / per_y,
                column_label(layer),
                label_size,
                bold=True,
                va="bottom",
            )
        )
    for row, entry in enumerate(rows):
        y = count - row - 0.5  # row 0 at the top
        grid.add(
            Text(-TICK_PAD / per_x, y, row_label(entry), label_size, ha="right", linespacing=1.05)
        )
        for col, layer in enumerate(columns):
            if layer is None:
                value = fmt_score(entry.alignment_index)
                grid.add(Text(col + 0.5, y, value, size * 1.05, bold=True))
                continue
            face, edge, hatch, text, colour = cell_look(
                entry.scores.get(layer), entry.bands.get(layer)
            )
            grid.add(
                Box(
                    col + 0.03,
                    y - 0.45,
                    0.94,
                    0.9,
                    face,
                    edge,
                    hatch=hatch,
                    gid=f"cell-{row}-{col}",
                )
            )
            # A hatched cell's figures sit on a clear box well inside the hatch, so no hatch
            # line runs through a printed figure.
            box = TextBox(face="#FFFFFF" if hatch else face, pad=0.3, rounded=True)
            grid.add(
                Text(
                    col + 0.5,
                    y,
                    text,
                    label_size,
                    bold=True,
                    colour=colour,
                    box=box,
                    linespacing=1.1,
                )
            )
    if not rows:
        grid.add(Text(len(columns) / 2, 0.5, "No initiatives to show", size))
    scene.legends.append(
        Legend(legend_entries(), anchor=(0.5, 0.0), loc="lower center", columns=4, size=label_size)
    )
    if title:
        scene.panel((0.0, 0.0, 1.0, 1.0)).add(
            Text(0.5, 1 - 0.08 / height, title, size * 1.25, bold=True, va="top")
        )
    return scene
