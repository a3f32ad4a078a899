"""The key beside the ring diagram: every layer's figures in words, and the legend.

Written out so the diagram never depends on reading shades: score, target, gap, band,
agreement and change are all text here.
"""

from __future__ import annotations

from typing import Literal

from avi_desktop.charts.palette import BAND_COLOURS
from avi_desktop.charts.scene import (
    Box,
    Colourbar,
    Legend,
    LegendEntry,
    Panel,
    Text,
)
from avi_desktop.charts.style import (
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    GAP_EDGE,
    GAP_HATCH,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    ITEM_COLOURS,
    LAYER_CODES,
    LOW_AGREEMENT_MARK,
    TARGET_COLOUR,
)
from avi_desktop.model.domain import LAYERS, Band
from avi_desktop.model.instrument import Instrument, agreement_threshold_text, coverage_rule_text
from avi_desktop.model.results import AssessmentResult, LayerResult, fmt_number, fmt_score

# The ring's variants, here so the ring and its key share them without importing each other.
Variant = Literal["layer", "items", "comparison"]
VARIANTS: tuple[Variant, ...] = ("layer", "items", "comparison")


def side_panel(
    panel: Panel,
    result: AssessmentResult,
    previous: AssessmentResult | None,
    size: float,
    instrument: Instrument | None,
    *,
    floor: float = 0.0,
    height_pt: float = 0.0,
) -> None:
    """Every layer's figures in words, outermost ring first, in a panel of unit size.

    ``instrument`` is the one the figures were computed with: its 60 % rule is the one named.
    With a ``floor`` (on paper) no text is smaller than it, and the four layers share the
    panel's height without the closing summary, which the page states in words already.
    """
    coverage = coverage_rule_text(instrument)
    rows = list(reversed(LAYERS))  # outermost first, as the rings read from the outside in
    top, row_height, below = 0.99, 0.2, 0.058
    detail = max(size * 0.85, floor)
    if floor and height_pt:  # on paper, spaced in points so lines never touch at any height
        below = 1.3 * size / height_pt
        per_row = 3 if previous is not None else 2
        row_height = max(0.23, below + (per_row * 1.25 * detail + 5) / height_pt)
    for row, layer in enumerate(rows):
        y = top - row * row_height
        layer_result = result.layers.get(layer)
        lines = layer_lines(
            layer_result, previous.layers.get(layer) if previous else None, coverage
        )
        panel.add(_swatch(y, layer_result))
        panel.add(
            Text(
                0.075,
                y,
                f"{LAYER_CODES[layer]}  {layer.label}",
                size,
                bold=True,
                ha="left",
                va="top",
            )
        )
        panel.add(
            Text(
                0.075,
                y - below,
                "\n".join(lines),
                detail,
                ha="left",
                va="top",
                linespacing=1.25,
            )
        )
    if floor:
        return
    summary = f"Alignment index {fmt_score(result.alignment_index)}"
    if result.alignment_index is None:
        summary += " (a layer lacks a score)"
    if result.binding_layer is not None:
        summary += (
            f"\nBinding layer: {result.binding_layer.label}\n(the lowest score caps the value)"
        )
    panel.add(
        Text(
            0.0,
            top - 4 * row_height - 0.01,
            summary,
            size * 0.9,
            bold=True,
            ha="left",
            va="top",
            linespacing=1.25,
        )
    )


def layer_lines(
    result: LayerResult | None, previous: LayerResult | None, coverage: str
) -> list[str]:
    if result is None or result.insufficient or result.score is None:
        target = f" · target {result.target:g}" if result is not None else ""
        return [f"Insufficient data{target}", f"under {coverage} of items scored"]
    band = result.band.label if result.band is not None else ""
    first = f"{fmt_score(result.score)} / {result.target:g} · gap {fmt_score(result.gap)} · {band}"
    details = []
    if result.rwg is not None:
        agreement = f"agreement {fmt_number(result.rwg, 2)}"
        if result.low_agreement:
            agreement += f" {LOW_AGREEMENT_MARK} low"  # the legend: low agreement, below 0.70
        details.append(agreement)
    if result.sd is not None:
        details.append(f"SD {fmt_score(result.sd)}")
    details.append(f"n = {result.n}")
    lines = [first, " · ".join(details)]
    if previous is not None and previous.score is not None:
        change = result.score - previous.score
        lines.insert(
            1, f"previously {fmt_score(previous.score)} · change {fmt_number(change, 1, sign=True)}"
        )
    return lines


def _swatch(y: float, result: LayerResult | None) -> Box:
    if result is None or result.insufficient or result.band is None:
        face, edge, hatch = INSUFFICIENT_FILL, INSUFFICIENT_EDGE, INSUFFICIENT_HATCH
    else:
        face = BAND_COLOURS[result.band]
        edge, hatch = BAND_HATCH_COLOURS[result.band], BAND_HATCHES[result.band]
    return Box(0.0, y - 0.075, 0.055, 0.065, face, edge, linewidth=0.6, hatch=hatch)


def legend(variant: Variant, size: float, instrument: Instrument | None) -> Legend:
    """The key to every mark the variant draws, in four columns under the diagram.

    The low-agreement threshold named is ``instrument``'s, the one the figures were computed with.
    """
    entries: list[LegendEntry] = []
    if variant != "items":
        entries += [
            LegendEntry(
                f"Score: {band.value}",
                "patch",
                face=BAND_COLOURS[band],
                edge=BAND_HATCH_COLOURS[band],
                hatch=BAND_HATCHES[band],
            )
            for band in Band
        ]
        entries += [
            LegendEntry("Gap to target", "patch", face="#FFFFFF", edge=GAP_EDGE, hatch=GAP_HATCH),
            LegendEntry(
                "Target",
                "line",
                colour=TARGET_COLOUR,
                marker="|",
                markersize=10,
                markeredgewidth=2.4,
                show_line=False,
            ),
        ]
    if variant == "comparison":
        entries.append(
            LegendEntry("Previous score", "line", colour="#000000", dash=(3.0, 2.0), linewidth=1.3)
        )
    entries += [
        LegendEntry(
            "Insufficient data",
            "patch",
            face=INSUFFICIENT_FILL,
            edge=INSUFFICIENT_EDGE,
            hatch=INSUFFICIENT_HATCH,
            linewidth=0.8,
        ),
        LegendEntry(
            f"Low agreement (below {agreement_threshold_text(instrument)})",
            "line",
            colour="#000000",
            marker="^",
            markersize=6,
            show_line=False,
        ),
    ]
    return Legend(
        tuple(entries),
        anchor=(0.01, 0.0),
        columns=4,
        size=size * 0.8,
        handlelength=1.8,
        columnspacing=1.2,
    )


def item_colourbar(size: float) -> Colourbar:
    """The scale of item shades, for the items variant."""
    return Colourbar(
        (0.62, 0.085, 0.33, 0.025),
        ITEM_COLOURS,
        1.0,
        5.0,
        (1.0, 2.0, 3.0, 4.0, 5.0),
        "Item mean (1 = absent … 5 = fully in place)",
        size * 0.8,
    )
