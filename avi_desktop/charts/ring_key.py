"""The key beside the ring diagram: every layer's figures in words, and the legend.

Written out so the diagram never depends on reading shades: score, target, gap, band,
agreement and change are all text here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from avi_desktop.charts.style import (
    BAND_COLOURS,
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    GAP_EDGE,
    GAP_HATCH,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    ITEM_CMAP,
    LAYER_CODES,
    LOW_AGREEMENT_MARK,
    TARGET_COLOUR,
)
from avi_desktop.model.domain import LAYERS, Band
from avi_desktop.model.results import AssessmentResult, LayerResult, fmt_number, fmt_score

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from avi_desktop.charts.ring import Variant


def draw_side_panel(
    ax: Axes, result: AssessmentResult, previous: AssessmentResult | None, size: float
) -> None:
    from matplotlib.patches import Rectangle

    rows = list(reversed(LAYERS))  # outermost first, as the rings read from the outside in
    top, row_height = 0.99, 0.2
    for row, layer in enumerate(rows):
        y = top - row * row_height
        layer_result = result.layers.get(layer)
        lines = _layer_lines(layer_result, previous.layers.get(layer) if previous else None)
        swatch = Rectangle(
            (0.0, y - 0.075), 0.055, 0.065, transform=ax.transAxes, clip_on=False, linewidth=0.6
        )
        _style_swatch(swatch, layer_result)
        ax.add_patch(swatch)
        ax.text(
            0.075,
            y,
            f"{LAYER_CODES[layer]}  {layer.label}",
            ha="left",
            va="top",
            fontsize=size,
            fontweight="bold",
            transform=ax.transAxes,
        )
        ax.text(
            0.075,
            y - 0.058,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=size * 0.85,
            transform=ax.transAxes,
            linespacing=1.25,
        )
    summary = f"Alignment index {fmt_score(result.alignment_index)}"
    if result.alignment_index is None:
        summary += " (a layer lacks a score)"
    if result.binding_layer is not None:
        summary += (
            f"\nBinding layer: {result.binding_layer.label}\n(the lowest score caps the value)"
        )
    ax.text(
        0.0,
        top - 4 * row_height - 0.01,
        summary,
        ha="left",
        va="top",
        fontsize=size * 0.9,
        transform=ax.transAxes,
        fontweight="bold",
        linespacing=1.25,
    )


def _layer_lines(result: LayerResult | None, previous: LayerResult | None) -> list[str]:
    if result is None or result.insufficient or result.score is None:
        target = f" · target {result.target:g}" if result is not None else ""
        return [f"Insufficient data{target}", "under 60 % of items scored"]
    band = result.band.label if result.band is not None else ""
    first = f"{fmt_score(result.score)} / {result.target:g} · gap {fmt_score(result.gap)} · {band}"
    details = []
    if result.rwg is not None:
        agreement = f"rwg {fmt_number(result.rwg, 2)}"
        if result.low_agreement:
            agreement += f" {LOW_AGREEMENT_MARK} low agreement"
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


def _style_swatch(patch: Patch, result: LayerResult | None) -> None:
    if result is None or result.insufficient or result.band is None:
        patch.set_facecolor(INSUFFICIENT_FILL)
        patch.set_edgecolor(INSUFFICIENT_EDGE)
        patch.set_hatch(INSUFFICIENT_HATCH)
        return
    patch.set_facecolor(BAND_COLOURS[result.band])
    patch.set_edgecolor(BAND_HATCH_COLOURS[result.band])
    patch.set_hatch(BAND_HATCHES[result.band])


def draw_legend(fig: Figure, variant: Variant, size: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[object] = []
    if variant != "items":
        handles += [
            Patch(
                facecolor=BAND_COLOURS[band],
                edgecolor=BAND_HATCH_COLOURS[band],
                hatch=BAND_HATCHES[band],
                linewidth=0,
                label=f"Score: {band.value}",
            )
            for band in Band
        ]
        handles += [
            Patch(
                facecolor="#FFFFFF",
                edgecolor=GAP_EDGE,
                hatch=GAP_HATCH,
                linewidth=0,
                label="Gap to target",
            ),
            Line2D(
                [],
                [],
                color=TARGET_COLOUR,
                marker="|",
                markersize=10,
                markeredgewidth=2.4,
                linestyle="none",
                label="Target",
            ),
        ]
    if variant == "comparison":
        handles.append(
            Line2D(
                [],
                [],
                color="#000000",
                linestyle=(0, (3, 2)),
                linewidth=1.3,
                label="Previous score",
            )
        )
    handles += [
        Patch(
            facecolor=INSUFFICIENT_FILL,
            edgecolor=INSUFFICIENT_EDGE,
            hatch=INSUFFICIENT_HATCH,
            linewidth=0.8,
            label="Insufficient data",
        ),
        Line2D(
            [],
            [],
            color="#000000",
            marker="^",
            linestyle="none",
            markersize=6,
            label="Low agreement (rwg < 0.70)",
        ),
    ]
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.01, 0.0),
        ncol=4,
        fontsize=size * 0.8,
        frameon=False,
        handlelength=1.8,
        columnspacing=1.2,
    )


def draw_item_colourbar(fig: Figure, size: float) -> None:
    import matplotlib
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    cax = fig.add_axes((0.62, 0.085, 0.33, 0.025))
    mappable = ScalarMappable(norm=Normalize(1, 5), cmap=matplotlib.colormaps[ITEM_CMAP])
    bar = fig.colorbar(mappable, cax=cax, orientation="horizontal")
    bar.set_label("Item mean (1 = absent … 5 = fully in place)", fontsize=size * 0.8)
    bar.ax.tick_params(labelsize=size * 0.75)
