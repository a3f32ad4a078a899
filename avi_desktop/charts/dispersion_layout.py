"""How the workshop's statements chart is laid out: row heights, and the split of a long
instrument over several charts so its text keeps its printed size instead of being shrunk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from avi_desktop.charts.ring import layer_items
from avi_desktop.charts.style import base_font_size
from avi_desktop.model.domain import LAYERS, Layer
from avi_desktop.model.results import AssessmentResult, ItemResult

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument


@dataclass(frozen=True)
class Section:
    """Rows ``start`` to ``stop`` of a layer's items (most contested first), drawn as one panel."""

    layer: Layer
    start: int
    stop: int

    @property
    def rows(self) -> int:
        return max(1, self.stop - self.start)


ITEMS_MARGIN_IN = 0.9  # the x axis, its two-line label and the figure's padding
PANEL_ROWS = 2.2  # a panel's title and x tick labels, in rows


def row_in(size: float) -> float:
    """Height of one item row in inches: its points and label, at the label's printed size."""
    return 1.45 * size * 0.72 / 72


def sorted_items(
    result: AssessmentResult, instrument: Instrument | None
) -> dict[Layer, list[tuple[str, ItemResult | None]]]:
    """Each layer's items, most contested (largest variance) first."""
    return {
        layer: sorted(
            (entry for entry in layer_items(result, layer, instrument)),
            key=lambda e: (-(e[1].variance or 0.0) if e[1] else 1.0, e[0]),
        )
        for layer in LAYERS
    }


def item_charts(
    result: AssessmentResult,
    *,
    instrument: Instrument | None = None,
    width_in: float = 7.0,
    max_height_in: float = 9.0,
    min_font: float = 0.0,
) -> list[tuple[Section, ...]]:
    """The item rows split into charts no taller than ``max_height_in``, in layer order.

    Text keeps its size (``min_font``) whatever the instrument's length: where the items do not
    fit one chart they run on to the next, whole layers where they fit, and as evenly as the
    fewest charts allow; only a layer longer than a chart is split, as "(continued)".
    """
    size = max(base_font_size(width_in), min_font / 0.72)
    counts = {layer: len(items) for layer, items in sorted_items(result, instrument).items()}
    room = max(3, int((max_height_in - ITEMS_MARGIN_IN) / row_in(size) - PANEL_ROWS))
    charts = plan_charts(counts, room)
    while room > 3 and len(plan_charts(counts, room - 1)) <= len(charts):
        room -= 1  # the same number of charts, more evenly filled
    return plan_charts(counts, room)


def plan_charts(counts: Mapping[Layer, int], room: int) -> list[tuple[Section, ...]]:
    """Sections filled into charts of ``room`` rows (a panel's title counts PANEL_ROWS)."""
    charts: list[tuple[Section, ...]] = []
    current: list[Section] = []
    used = 0.0
    for layer, count in counts.items():
        start = 0
        while True:
            left = max(1, count - start)
            free = int(room - used - (PANEL_ROWS if current else 0))
            if current and (free < min(left, 3) or free < left <= room):
                charts.append(tuple(current))  # start a new chart rather than split the layer
                current, used = [], 0.0
                continue
            stop = min(count, start + max(1, free))
            current.append(Section(layer, start, stop))
            used += (PANEL_ROWS if len(current) > 1 else 0) + max(1, stop - start)
            start = stop
            if start >= count:
                break
    if current:
        charts.append(tuple(current))
    return charts
