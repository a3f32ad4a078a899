"""The nested-ring gap diagram: Technology Capability at the centre, Societal Trust outermost.

Each ring is one layer. Its score fills the ring clockwise from twelve o'clock (a full turn is
100), a black tick marks the target, and the hatched stretch between them is the gap. The band
shades the score (with its own hatch), and every figure is also written beside the rings, so
the diagram reads in greyscale and without colour vision.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

from avi_desktop.charts.ring_key import draw_item_colourbar, draw_legend, draw_side_panel
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
    TRACK_COLOUR,
    base_font_size,
    chart_style,
    text_colour_on,
)
from avi_desktop.model.domain import LAYERS, Band, Layer
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.results import (
    AssessmentResult,
    ItemResult,
    LayerResult,
    fmt_number,
    fmt_score,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from avi_desktop.model.instrument import Instrument

Variant = Literal["layer", "items", "comparison"]
VARIANTS: tuple[Variant, ...] = ("layer", "items", "comparison")

HOLE = 1.05  # radius of the centre, where the alignment index is written
RING_WIDTH = 0.56
RING_SPACING = 0.07


def ring_radii(index: int) -> tuple[float, float]:
    """Inner and outer radius of the ring at ``index`` (0 = Technology Capability)."""
    inner = HOLE + index * (RING_WIDTH + RING_SPACING)
    return inner, inner + RING_WIDTH


def score_angle(score: float) -> float:
    """Matplotlib angle (degrees, anticlockwise from east) where a score ends, clockwise from 12."""
    return 90.0 - 3.6 * max(0.0, min(100.0, score))


def ring_figure(
    result: AssessmentResult,
    *,
    instrument: Instrument | None = None,
    variant: Variant = "layer",
    previous: AssessmentResult | None = None,
    title: str = "",
    width_in: float = 6.0,
) -> Figure:
    """Draw the nested-ring gap diagram of one assessment (see the module docstring)."""
    if variant not in VARIANTS:
        raise ValidationError(
            f"Unknown ring variant {variant!r}; use one of {', '.join(VARIANTS)}."
        )
    if variant == "comparison" and previous is None:
        raise ValidationError(
            "A comparison ring needs an earlier assessment of the same initiative; "
            "re-assess the initiative first or choose the 'layer' variant."
        )
    from matplotlib.figure import Figure

    with chart_style():
        size = base_font_size(width_in)
        fig = Figure(figsize=(width_in, width_in * 0.7), layout=None)
        ring_ax = fig.add_axes((0.01, 0.15, 0.54, 0.78))
        side_ax = fig.add_axes((0.56, 0.15, 0.44, 0.78))
        limit = ring_radii(len(LAYERS) - 1)[1] + 0.1
        ring_ax.set_xlim(-limit, limit)
        ring_ax.set_ylim(-limit, limit)
        ring_ax.set_aspect("equal")
        ring_ax.set_axis_off()
        side_ax.set_xlim(0, 1)
        side_ax.set_ylim(0, 1)
        side_ax.set_axis_off()

        for index, layer in enumerate(LAYERS):
            layer_result = result.layers.get(layer)
            if variant == "items":
                _draw_item_ring(
                    ring_ax,
                    index=index,
                    layer=layer,
                    result=result,
                    instrument=instrument,
                    size=size,
                )
            else:
                prev = previous.layers.get(layer) if previous is not None else None
                _draw_layer_ring(
                    ring_ax, index=index, layer=layer, result=layer_result, previous=prev, size=size
                )
        _draw_centre(ring_ax, result, size)
        draw_side_panel(side_ax, result, previous if variant == "comparison" else None, size)
        draw_legend(fig, variant, size)
        if variant == "items":
            draw_item_colourbar(fig, size)
        if title:
            fig.suptitle(title, fontsize=size * 1.3, fontweight="bold", y=0.985)
    return fig


def _wedge_between(
    ax: Axes, index: int, start: float, end: float, *, gid: str, **style: object
) -> None:
    """Add the part of ring ``index`` from score ``start`` to score ``end`` (clockwise)."""
    from matplotlib.patches import Wedge

    inner, outer = ring_radii(index)
    theta2 = score_angle(start)
    theta1 = score_angle(end)
    if end - start >= 100:
        theta1, theta2 = 0.0, 360.0
    wedge = Wedge((0, 0), outer, theta1, theta2, width=outer - inner, **style)
    wedge.set_gid(gid)
    ax.add_patch(wedge)


def _draw_layer_ring(
    ax: Axes,
    *,
    index: int,
    layer: Layer,
    result: LayerResult | None,
    previous: LayerResult | None,
    size: float,
) -> None:
    inner, outer = ring_radii(index)
    middle = (inner + outer) / 2
    key = layer.value
    if result is None or result.insufficient or result.score is None:
        _wedge_between(
            ax,
            index,
            0,
            100,
            gid=f"insufficient-{key}",
            facecolor=INSUFFICIENT_FILL,
            edgecolor=INSUFFICIENT_EDGE,
            hatch=INSUFFICIENT_HATCH,
            linewidth=0.8,
            linestyle=":",
        )
        _ring_label(ax, middle, f"{LAYER_CODES[layer]} · insufficient data", size)
        if result is not None:
            _target_tick(ax, index, result.target, key)
        return

    band = result.band or Band.GAP
    _wedge_between(ax, index, 0, 100, gid=f"track-{key}", facecolor=TRACK_COLOUR, linewidth=0)
    _wedge_between(
        ax,
        index,
        0,
        result.score,
        gid=f"score-{key}",
        facecolor=BAND_COLOURS[band],
        edgecolor=BAND_HATCH_COLOURS[band],
        hatch=BAND_HATCHES[band],
        linewidth=0,
    )
    if result.score < result.target:
        _wedge_between(
            ax,
            index,
            result.score,
            result.target,
            gid=f"gap-{key}",
            facecolor="#FFFFFF",
            edgecolor=GAP_EDGE,
            hatch=GAP_HATCH,
            linewidth=0,
        )
    if previous is not None and previous.score is not None:
        _wedge_between(
            ax,
            index,
            0,
            previous.score,
            gid=f"previous-{key}",
            fill=False,
            edgecolor="#000000",
            linestyle=(0, (3, 2)),
            linewidth=1.3,
        )
    _target_tick(ax, index, result.target, key)
    label = f"{LAYER_CODES[layer]} {fmt_score(result.score)}"
    if previous is not None and previous.score is not None:
        label += f" ({fmt_number(result.score - previous.score, 1, sign=True)})"
    if result.low_agreement:
        label += f" {LOW_AGREEMENT_MARK}"
    _ring_label(ax, middle, label, size)


def _target_tick(ax: Axes, index: int, target: float, key: str) -> None:
    inner, outer = ring_radii(index)
    angle = math.radians(score_angle(target))
    xs = [(inner - 0.05) * math.cos(angle), (outer + 0.05) * math.cos(angle)]
    ys = [(inner - 0.05) * math.sin(angle), (outer + 0.05) * math.sin(angle)]
    (line,) = ax.plot(xs, ys, color=TARGET_COLOUR, linewidth=2.4, solid_capstyle="butt")
    line.set_gid(f"target-{key}")


def _ring_label(ax: Axes, middle: float, text: str, size: float) -> None:
    ax.text(
        0,
        middle,
        text,
        ha="center",
        va="center",
        fontsize=size * 0.85,
        fontweight="bold",
        bbox={
            "boxstyle": "round,pad=0.18",
            "facecolor": "#FFFFFF",
            "edgecolor": "#666666",
            "linewidth": 0.5,
        },
        zorder=5,
    )


def layer_items(
    result: AssessmentResult, layer: Layer, instrument: Instrument | None
) -> list[tuple[str, ItemResult | None]]:
    """The layer's items in instrument order (or by id), with their results where scored."""
    if instrument is not None:
        try:
            spec = instrument.layer(layer)
        except StopIteration:
            spec = None
        if spec is not None:
            return [(item.id, result.items.get(item.id)) for item in spec.items]
    found = sorted(
        (item for item in result.items.values() if item.layer == layer), key=lambda i: i.item_id
    )
    return [(item.item_id, item) for item in found]


def _draw_item_ring(
    ax: Axes,
    *,
    index: int,
    layer: Layer,
    result: AssessmentResult,
    instrument: Instrument | None,
    size: float,
) -> None:
    import matplotlib
    from matplotlib.colors import to_hex

    cmap = matplotlib.colormaps[ITEM_CMAP]
    items = layer_items(result, layer, instrument)
    inner, outer = ring_radii(index)
    middle = (inner + outer) / 2
    if not items:
        _wedge_between(
            ax,
            index,
            0,
            100,
            gid=f"insufficient-{layer.value}",
            facecolor=INSUFFICIENT_FILL,
            edgecolor=INSUFFICIENT_EDGE,
            hatch=INSUFFICIENT_HATCH,
            linewidth=0.8,
        )
        _ring_label(ax, middle, f"{LAYER_CODES[layer]} · no items scored", size)
        return
    step = 100.0 / len(items)
    # Shrink the labels on crowded rings so each fits its segment (about 0.6 em per character).
    points_per_unit = ax.bbox.width * 72 / ax.figure.dpi / sum(abs(v) for v in ax.get_xlim())
    arc_points = 2 * math.pi * middle / len(items) * points_per_unit
    longest = max(len(f"{item_id} 0.0") for item_id, _ in items)
    font = min(size * 0.62, 0.85 * arc_points / (0.6 * longest))
    for position, (item_id, item) in enumerate(items):
        start, end = position * step, (position + 1) * step
        mean = item.mean if item is not None else None
        if mean is None:
            fill, text_colour, text = INSUFFICIENT_FILL, "#000000", f"{item_id} n/a"
            style: dict[str, object] = {"hatch": INSUFFICIENT_HATCH, "edgecolor": INSUFFICIENT_EDGE}
        else:
            fill = to_hex(cmap((mean - 1) / 4))
            text_colour, text = text_colour_on(fill), f"{item_id} {fmt_number(mean, 1)}"
            style = {"edgecolor": "#FFFFFF"}
        _wedge_between(
            ax, index, start, end, gid=f"item-{item_id}", facecolor=fill, linewidth=1.2, **style
        )
        angle = score_angle((start + end) / 2)
        rotation = (angle - 90) % 360  # along the ring...
        if 90 < rotation < 270:
            rotation -= 180  # ...but never upside down
        ax.text(
            middle * math.cos(math.radians(angle)),
            middle * math.sin(math.radians(angle)),
            text,
            ha="center",
            va="center",
            rotation=rotation,
            rotation_mode="anchor",
            fontsize=font,
            color=text_colour,
            bbox=None
            if mean is not None
            else {"boxstyle": "square,pad=0.1", "facecolor": "#FFFFFF", "edgecolor": "none"},
            zorder=5,
        )


def _draw_centre(ax: Axes, result: AssessmentResult, size: float) -> None:
    index_text = fmt_score(result.alignment_index)
    ax.text(
        0, 0.42, "Alignment\nindex", ha="center", va="center", fontsize=size * 0.75, linespacing=1.0
    )
    ax.text(0, -0.05, index_text, ha="center", va="center", fontsize=size * 1.8, fontweight="bold")
    if result.binding_layer is not None:
        ax.text(
            0,
            -0.5,
            f"binding: {LAYER_CODES[result.binding_layer]}",
            ha="center",
            va="center",
            fontsize=size * 0.7,
        )
