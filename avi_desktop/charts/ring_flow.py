"""The ring diagram laid out for a window pane: every text at least a given size, at any width.

A pane is measured in its font: a narrow pane or a large system font leaves few characters
across. Rather than shrink the text, the layout changes: the key goes beside the rings while
both fit side by side, and below them otherwise; key lines wrap at their " · " separators; the
legend takes as many columns as fit; and the figure grows as tall as it needs (the pane
scrolls). Positions are worked out in points from a conservative estimate of DejaVu Sans
widths, so nothing touches whatever the figures say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from avi_desktop.charts import ring
from avi_desktop.charts.palette import BAND_COLOURS
from avi_desktop.charts.ring_key import Variant, layer_lines, legend
from avi_desktop.charts.scene import Box, Legend, Panel, Scene, Text, points_per_unit
from avi_desktop.charts.style import (
    BAND_HATCH_COLOURS,
    BAND_HATCHES,
    INSUFFICIENT_EDGE,
    INSUFFICIENT_FILL,
    INSUFFICIENT_HATCH,
    LAYER_CODES,
)
from avi_desktop.charts.text_metrics import HANDLE, LINE, text_pt, wrap
from avi_desktop.model.domain import LAYERS
from avi_desktop.model.instrument import coverage_rule_text
from avi_desktop.model.results import AssessmentResult, LayerResult, fmt_score

RING_MIN = 22.0  # the rings' side in font sizes: their labels stacked at twelve o'clock clear
RING_MAX = 34.0  # and at most this, so a wide pane does not get a giant diagram
GAP = 1.5  # between the rings and the key, in font sizes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from avi_desktop.model.instrument import Instrument


def _key_blocks(
    result: AssessmentResult,
    previous: AssessmentResult | None,
    instrument: Instrument | None,
    size: float,
    room: float,
) -> list[tuple[LayerResult | None, list[str], list[str]]]:
    """Per layer, outermost first: its result, title lines (bold) and detail lines."""
    coverage = coverage_rule_text(instrument)
    blocks = []
    for layer in reversed(LAYERS):
        found = result.layers.get(layer)
        before = previous.layers.get(layer) if previous is not None else None
        title = wrap(f"{LAYER_CODES[layer]}  {layer.label}", size, room, bold=True)
        details = [
            part
            for line in layer_lines(found, before, coverage)
            for part in wrap(line, size, room, sep=" · ")
        ]
        blocks.append((found, title, details))
    return blocks


def _summary(result: AssessmentResult) -> str:
    summary = f"Alignment index {fmt_score(result.alignment_index)}"
    if result.alignment_index is None:
        summary += " (a layer lacks a score)"
    if result.binding_layer is not None:
        summary += (
            f" · binding layer: {result.binding_layer.label} (the lowest score caps the value)"
        )
    return summary


def _legend_rows(key: Legend, width: float) -> tuple[int, float]:
    """The legend's columns for ``width`` points, and the height its rows take."""
    size = key.size
    column = max(text_pt(e.label, size) for e in key.entries) + (HANDLE + 0.8) * size
    spacing = key.columnspacing * size
    columns = max(1, min(len(key.entries), int((width - 2 * size + spacing) // (column + spacing))))
    rows = -(-len(key.entries) // columns)
    return columns, rows * 1.75 * size + 2.0 * size


def ring_flow_scene(
    result: AssessmentResult,
    *,
    instrument: Instrument | None = None,
    variant: Variant = "layer",
    previous: AssessmentResult | None = None,
    width_in: float = 6.0,
    font_pt: float = 8.0,
) -> Scene:
    """The ring diagram (``layer`` or ``comparison``) ``width_in`` wide, no text under
    ``font_pt``, as tall as its layout needs."""
    if variant == "items":  # the items ring is a chart file's; it keeps its own layout
        return ring.ring_scene(result, instrument=instrument, variant=variant, width_in=width_in)
    compared = previous if variant == "comparison" else None
    if variant == "comparison" and previous is None:
        return ring.ring_scene(result, variant=variant, previous=previous)  # raises the reason
    f = font_pt
    width = width_in * 72.0
    indent = 1.6 * f
    natural = _key_blocks(result, compared, instrument, f, 10_000.0)
    summary = _summary(result)
    key_need = indent + max(
        text_pt(line, f, bold=bold)
        for _, titles, details in natural
        for bold, lines in ((True, titles), (False, details))
        for line in lines
    )
    # Beside the rings while the key's titles fit there whole (its lines may wrap); else below.
    titles = indent + max(text_pt(t, f, bold=True) for _, lines, _ in natural for t in lines)
    room = width - (GAP + RING_MIN) * f
    beside = room >= titles
    key_w = min(key_need, room) if beside else width
    blocks = _key_blocks(result, compared, instrument, f, key_w - indent)
    summary_lines = wrap(summary, f, key_w, bold=True, sep=" · ")
    lines = sum(len(t) + len(d) for _, t, d in blocks) + len(summary_lines)
    key_h = lines * LINE * f + (len(blocks) + 1) * 0.6 * f
    key = legend(variant, f / 0.8, instrument)
    columns, legend_h = _legend_rows(key, width)
    key = Legend(key.entries, (0.0, 0.0), key.loc, columns, key.size, key.handlelength, 1.2)
    top = 0.4 * f
    if beside:
        side = min(width - key_w - GAP * f, max(RING_MIN * f, min(RING_MAX * f, key_h * 1.1)))
        body = max(side, key_h)
        height = top + body + legend_h
        ring_at = (0.0, legend_h + body - side)
        key_at = (width - key_w, height - top)
    else:
        side = min(width, RING_MAX * f)
        height = top + side + f + key_h + legend_h
        ring_at = ((width - side) / 2, height - top - side)
        key_at = (0.0, height - top - side - f)
    scene = Scene(width_in, height / 72.0)
    limit = ring.ring_radii(len(LAYERS) - 1)[1] + 0.1
    rings = scene.panel(
        (ring_at[0] / width, ring_at[1] / height, side / width, side / height),
        xlim=(-limit, limit),
        ylim=(-limit, limit),
        equal=True,
    )
    for index, layer in enumerate(LAYERS):
        before = compared.layers.get(layer) if compared is not None else None
        ring.draw_layer_ring(
            rings, index, layer=layer, result=result.layers.get(layer), previous=before, font=f
        )
    ring.draw_centre(rings, result, f, points_per_unit(scene, rings))
    words = scene.panel((0.0, 0.0, 1.0, 1.0), xlim=(0.0, width), ylim=(0.0, height))
    _draw_key(words, blocks=blocks, summary=summary_lines, at=key_at, indent=indent, f=f)
    scene.legends.append(key)
    return scene


def _draw_key(
    panel: Panel,
    *,
    blocks: list[tuple[LayerResult | None, list[str], list[str]]],
    summary: list[str],
    at: tuple[float, float],
    indent: float,
    f: float,
) -> None:
    """The key's blocks from ``at`` (top left, points) downwards, one Text per line."""
    x, y = at
    for found, titles, details in blocks:
        panel.add(_swatch(x, y, f, found))
        for bold, lines in ((True, titles), (False, details)):
            for line in lines:
                panel.add(Text(x + indent, y, line, f, bold=bold, ha="left", va="top"))
                y -= LINE * f
        y -= 0.6 * f
    for line in summary:
        panel.add(Text(x, y, line, f, bold=True, ha="left", va="top"))
        y -= LINE * f


def _swatch(x: float, top: float, f: float, found: LayerResult | None) -> Box:
    if found is None or found.insufficient or found.band is None:
        face, edge, hatch = INSUFFICIENT_FILL, INSUFFICIENT_EDGE, INSUFFICIENT_HATCH
    else:
        face, edge, hatch = (
            BAND_COLOURS[found.band],
            BAND_HATCH_COLOURS[found.band],
            BAND_HATCHES[found.band],
        )
    side = 1.05 * f
    return Box(x, top - 0.05 * f - side, side, side, face, edge, linewidth=0.6, hatch=hatch)


def ring_pane_figure(
    result: AssessmentResult,
    *,
    instrument: Instrument | None = None,
    previous: AssessmentResult | None = None,
    width_in: float = 6.0,
    font_pt: float = 8.0,
) -> Figure:
    """The ring for a window pane, compared with ``previous`` when there is one."""
    from avi_desktop.charts.paint import scene_figure

    variant: Variant = "comparison" if previous is not None else "layer"
    return scene_figure(
        ring_flow_scene(
            result,
            instrument=instrument,
            variant=variant,
            previous=previous,
            width_in=width_in,
            font_pt=font_pt,
        )
    )
