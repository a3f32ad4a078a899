"""The nested-ring gap diagram: Technology Capability at the centre, Societal Trust outermost.

Each ring is one layer. Its score fills the ring clockwise from twelve o'clock (a full turn is
100), a black tick marks the target, and the hatched stretch between them is the gap. The band
shades the score (with its own hatch), and every figure is also written beside the rings, so
the diagram reads in greyscale and without colour vision.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from avi_desktop.charts.palette import BAND_COLOURS
from avi_desktop.charts.ring_key import VARIANTS, Variant, item_colourbar, legend, side_panel
from avi_desktop.charts.scene import Line, Panel, Scene, Text, TextBox, Wedge, points_per_unit
from avi_desktop.charts.style import (
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    GAP_EDGE,
    GAP_HATCH,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    LAYER_CODES,
    LOW_AGREEMENT_MARK,
    TARGET_COLOUR,
    TRACK_COLOUR,
    base_font_size,
    item_colour,
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
    from matplotlib.figure import Figure

    from avi_desktop.model.instrument import Instrument

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
    """The ring diagram as a matplotlib figure, for the window and chart files."""
    from avi_desktop.charts.paint import scene_figure

    return scene_figure(
        ring_scene(
            result,
            instrument=instrument,
            variant=variant,
            previous=previous,
            title=title,
            width_in=width_in,
        )
    )


def ring_scene(
    result: AssessmentResult,
    *,
    instrument: Instrument | None = None,
    variant: Variant = "layer",
    previous: AssessmentResult | None = None,
    title: str = "",
    width_in: float = 6.0,
    height_in: float | None = None,
    font_pt: float | None = None,
) -> Scene:
    """Describe the nested-ring gap diagram of one assessment (see the module docstring).

    With ``height_in`` the diagram is laid out for a page: a wide strip whose rings take the
    height left above the legend, the key filling the rest of the width, every text at least
    ``font_pt`` (printed at its own size, so it stays readable on paper).
    """
    if variant not in VARIANTS:
        raise ValidationError(
            f"Unknown ring variant {variant!r}; use one of {', '.join(VARIANTS)}."
        )
    if variant == "comparison" and previous is None:
        raise ValidationError(
            "A comparison ring needs an earlier assessment of the same initiative; "
            "re-assess the initiative first or choose the 'layer' variant."
        )
    size = font_pt if font_pt is not None else base_font_size(width_in)
    floor = size if height_in is not None else 0.0  # on paper no text is smaller than size
    scene = Scene(width_in, height_in if height_in is not None else width_in * 0.7)
    ring_rect, side_rect = _layout(scene, size, variant, printed=height_in is not None)
    limit = ring_radii(len(LAYERS) - 1)[1] + 0.1
    rings = scene.panel(ring_rect, xlim=(-limit, limit), ylim=(-limit, limit), equal=True)
    for index, layer in enumerate(LAYERS):
        if variant == "items":
            _item_ring(
                scene,
                rings,
                index=index,
                layer=layer,
                result=result,
                instrument=instrument,
                size=size,
            )
        else:
            prev = previous.layers.get(layer) if previous is not None else None
            _layer_ring(
                rings,
                index=index,
                layer=layer,
                result=result.layers.get(layer),
                previous=prev,
                size=max(size, floor / 0.85),
            )
    _centre(rings, result, size, floor, points_per_unit(scene, rings))
    side_panel(
        scene.panel(side_rect),
        result,
        previous if variant == "comparison" else None,
        size,
        instrument,
        floor=floor,
        height_pt=side_rect[3] * scene.height_pt,
    )
    scene.legends.append(legend(variant, max(size, floor / 0.8), instrument))
    if variant == "items":
        scene.colourbars.append(item_colourbar(max(size, floor / 0.8)))
    if title:
        scene.panel((0.0, 0.0, 1.0, 1.0)).add(
            Text(0.5, 0.985, title, size * 1.3, bold=True, va="top")
        )
    return scene


def _layout(
    scene: Scene, size: float, variant: Variant, *, printed: bool
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """Where the rings and their key go: side by side above the legend.

    On screen the proportions are fixed. On paper the legend takes the points its rows need, the
    rings a square of the height left, and the key every point of width that remains.
    """
    if not printed:
        return (0.01, 0.15, 0.54, 0.78), (0.56, 0.15, 0.44, 0.78)
    entries = 6 if variant == "items" else 7 + (variant == "comparison")
    rows = -(-entries // 4)
    legend_pt = (rows * 1.75 + 1.6) * size + (40.0 if variant == "items" else 0.0)
    bottom = legend_pt / scene.height_pt
    height = 1.0 - bottom - 0.01
    ring_width = height * scene.height_pt / scene.width_pt
    side_left = ring_width + 12.0 / scene.width_pt
    return (0.0, bottom, ring_width, height), (side_left, bottom, 1.0 - side_left, height)


def _segment(
    index: int,
    start: float,
    end: float,
    *,
    gid: str,
    face: str | None = None,
    edge: str | None = None,
    hatch: str = "",
    linewidth: float = 0.0,
    dash: str | tuple[float, ...] = "-",
) -> Wedge:
    """The part of ring ``index`` from score ``start`` to score ``end`` (clockwise)."""
    inner, outer = ring_radii(index)
    theta1, theta2 = score_angle(end), score_angle(start)
    if end - start >= 100:
        theta1, theta2 = 0.0, 360.0
    return Wedge(
        (0.0, 0.0), outer, outer - inner, theta1, theta2, face, edge, linewidth, dash, hatch, gid
    )


def _layer_ring(
    panel: Panel,
    index: int,
    *,
    layer: Layer,
    result: LayerResult | None,
    previous: LayerResult | None,
    size: float,
) -> None:
    inner, outer = ring_radii(index)
    middle = (inner + outer) / 2
    key = layer.value
    if result is None or result.insufficient or result.score is None:
        panel.add(
            _segment(
                index,
                0,
                100,
                gid=f"insufficient-{key}",
                face=INSUFFICIENT_FILL,
                edge=INSUFFICIENT_EDGE,
                hatch=INSUFFICIENT_HATCH,
                linewidth=0.8,
                dash=":",
            )
        )
        panel.add(_ring_label(middle, f"{LAYER_CODES[layer]} · insufficient data", size))
        if result is not None:
            panel.add(_target_tick(index, result.target, key))
        return

    band = result.band or Band.GAP
    panel.add(_segment(index, 0, 100, gid=f"track-{key}", face=TRACK_COLOUR))
    panel.add(
        _segment(
            index,
            0,
            result.score,
            gid=f"score-{key}",
            face=BAND_COLOURS[band],
            edge=BAND_HATCH_COLOURS[band],
            hatch=BAND_HATCHES[band],
        )
    )
    if result.score < result.target:
        panel.add(
            _segment(
                index,
                result.score,
                result.target,
                gid=f"gap-{key}",
                face="#FFFFFF",
                edge=GAP_EDGE,
                hatch=GAP_HATCH,
            )
        )
    if previous is not None and previous.score is not None:
        panel.add(
            _segment(
                index,
                0,
                previous.score,
                gid=f"previous-{key}",
                edge="#000000",
                dash=(3.0, 2.0),
                linewidth=1.3,
            )
        )
    panel.add(_target_tick(index, result.target, key))
    label = f"{LAYER_CODES[layer]} {fmt_score(result.score)}"
    if previous is not None and previous.score is not None:
        label += f" ({fmt_number(result.score - previous.score, 1, sign=True)})"
    if result.low_agreement:
        label += f" {LOW_AGREEMENT_MARK}"
    panel.add(_ring_label(middle, label, size))


def draw_layer_ring(
    panel: Panel,
    index: int,
    *,
    layer: Layer,
    result: LayerResult | None,
    previous: LayerResult | None,
    font: float,
) -> None:
    """Ring ``index`` with its label at ``font`` points (for layouts other than this module's)."""
    _layer_ring(panel, index, layer=layer, result=result, previous=previous, size=font / 0.85)


def draw_centre(panel: Panel, result: AssessmentResult, font: float, unit_pt: float) -> None:
    """The index in the hole, its words at ``font`` points only where they fit."""
    _centre(panel, result, font, font, unit_pt)


def _target_tick(index: int, target: float, key: str) -> Line:
    inner, outer = ring_radii(index)
    angle = math.radians(score_angle(target))
    return Line(
        ((inner - 0.05) * math.cos(angle), (outer + 0.05) * math.cos(angle)),
        ((inner - 0.05) * math.sin(angle), (outer + 0.05) * math.sin(angle)),
        colour=TARGET_COLOUR,
        linewidth=2.4,
        cap="butt",
        gid=f"target-{key}",
    )


def _ring_label(middle: float, text: str, size: float) -> Text:
    box = TextBox(edge="#666666", linewidth=0.5, pad=0.18, rounded=True)
    return Text(0.0, middle, text, size * 0.85, bold=True, box=box)


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


def _item_ring(
    scene: Scene,
    panel: Panel,
    *,
    index: int,
    layer: Layer,
    result: AssessmentResult,
    instrument: Instrument | None,
    size: float,
) -> None:
    items = layer_items(result, layer, instrument)
    inner, outer = ring_radii(index)
    middle = (inner + outer) / 2
    if not items:
        panel.add(
            _segment(
                index,
                0,
                100,
                gid=f"insufficient-{layer.value}",
                face=INSUFFICIENT_FILL,
                edge=INSUFFICIENT_EDGE,
                hatch=INSUFFICIENT_HATCH,
                linewidth=0.8,
            )
        )
        panel.add(_ring_label(middle, f"{LAYER_CODES[layer]} · no items scored", size))
        return
    step = 100.0 / len(items)
    # Shrink the labels on crowded rings so each fits its segment (about 0.6 em per character).
    arc_points = 2 * math.pi * middle / len(items) * points_per_unit(scene, panel)
    longest = max(len(f"{item_id} 0.0") for item_id, _ in items)
    font = min(size * 0.62, 0.85 * arc_points / (0.6 * longest))
    for position, (item_id, item) in enumerate(items):
        start, end = position * step, (position + 1) * step
        mean = item.mean if item is not None else None
        box = None
        if mean is None:
            fill, text_colour, text = INSUFFICIENT_FILL, "#000000", f"{item_id} n/a"
            edge, hatch = INSUFFICIENT_EDGE, INSUFFICIENT_HATCH
            box = TextBox(pad=0.1)
        else:
            fill = item_colour((mean - 1) / 4)
            text_colour, text = text_colour_on(fill), f"{item_id} {fmt_number(mean, 1)}"
            edge, hatch = "#FFFFFF", ""
        panel.add(
            _segment(
                index,
                start,
                end,
                gid=f"item-{item_id}",
                face=fill,
                edge=edge,
                hatch=hatch,
                linewidth=1.2,
            )
        )
        angle = score_angle((start + end) / 2)
        rotation = (angle - 90) % 360  # along the ring...
        if 90 < rotation < 270:
            rotation -= 180  # ...but never upside down
        panel.add(
            Text(
                middle * math.cos(math.radians(angle)),
                middle * math.sin(math.radians(angle)),
                text,
                font,
                colour=text_colour,
                rotation=rotation,
                box=box,
            )
        )


def _centre(
    panel: Panel, result: AssessmentResult, size: float, floor: float = 0.0, unit_pt: float = 1.0
) -> None:
    if floor:  # on paper the hole is small: lines spaced in points, one word above the figure
        big = size * 1.5
        step = (0.6 * big + 0.6 * floor + 1.0) / unit_pt  # text boxes are 1.17 em tall
        panel.add(Text(0.0, 0.0, fmt_score(result.alignment_index), big, bold=True))
        lines = [(step, "index")]
        if result.binding_layer is not None:
            lines.append((-step, f"binding {LAYER_CODES[result.binding_layer]}"))
        for y, words in lines:
            # only where the line fits inside the hole: the figures beside say it anyway
            edge = abs(y) + 0.6 * floor / unit_pt
            chord = 2 * math.sqrt(max(0.0, HOLE**2 - edge**2))
            if 0.62 * floor * len(words) / unit_pt <= 0.9 * chord:
                panel.add(Text(0.0, y, words, floor))
        return
    panel.add(Text(0.0, 0.42, "Alignment\nindex", size * 0.75, linespacing=1.0))
    panel.add(Text(0.0, -0.05, fmt_score(result.alignment_index), size * 1.8, bold=True))
    if result.binding_layer is not None:
        binding = f"binding: {LAYER_CODES[result.binding_layer]}"
        panel.add(Text(0.0, -0.5, binding, size * 0.7))
