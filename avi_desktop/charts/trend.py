"""An initiative's history: the four layer scores and the alignment index over assessments.

Each layer has its own line style and marker as well as colour, and its latest value is written
at the end of its line, so the lines can be followed in greyscale.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from avi_desktop.charts.scene import (
    Axis,
    Frame,
    Legend,
    LegendEntry,
    Line,
    Panel,
    Scene,
    Text,
    TextBox,
)
from avi_desktop.charts.style import (
    LAYER_CODES,
    LAYER_COLOURS,
    LAYER_LINESTYLES,
    LAYER_MARKERS,
    base_font_size,
)
from avi_desktop.model.domain import DEFAULT_TARGET, LAYERS, Layer
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.results import HistoryPoint, fmt_date, fmt_score

if TYPE_CHECKING:
    from matplotlib.figure import Figure

INDEX_COLOUR = "#000000"


def trend_figure(
    points: Sequence[HistoryPoint],
    target: float | Mapping[Layer, float] = DEFAULT_TARGET,
    *,
    title: str = "",
    width_in: float = 6.0,
) -> Figure:
    """The trend as a matplotlib figure, for the window and chart files."""
    from avi_desktop.charts.paint import scene_figure

    return scene_figure(trend_scene(points, target, title=title, width_in=width_in))


def trend_scene(
    points: Sequence[HistoryPoint],
    target: float | Mapping[Layer, float] = DEFAULT_TARGET,
    *,
    title: str = "",
    width_in: float = 6.0,
) -> Scene:
    """Layer scores and alignment index per assessment date, oldest on the left."""
    if not points:
        raise ValidationError("There is no assessment to chart yet; score the initiative first.")
    ordered = sorted(points, key=lambda p: (p.assessed_on, p.assessment_id))
    xs = [float(p.assessed_on.toordinal()) for p in ordered]  # days: spacing follows time
    size = base_font_size(width_in)
    scene = Scene(width_in, width_in * 0.62)
    span = max(xs) - min(xs)
    pad = max(span * 0.06, 20.0)
    rotation = 30.0 if len(xs) > 4 else 0.0
    # Margins in points: tick labels and axis title on the left, dates, axis title and the
    # two-row legend below, the title (if any) above.
    left, right = 4.6 * size, 0.8 * size
    bottom = (7.2 + (2.8 if rotation else 0.0)) * size
    top = (2.2 if title else 0.9) * size
    panel = scene.panel(
        (
            left / scene.width_pt,
            bottom / scene.height_pt,
            1 - (left + right) / scene.width_pt,
            1 - (bottom + top) / scene.height_pt,
        ),
        margins=(left, bottom, right, top),
        xlim=(min(xs) - pad, max(xs) + pad + max(span * 0.12, 40.0)),
        ylim=(0.0, 100.0),
        frame=Frame(
            x=Axis(
                tuple(
                    (x, fmt_date(p.assessed_on, short=True))
                    for x, p in zip(xs, ordered, strict=True)
                ),
                "Assessment date",
                size * 0.8,
                rotation,
            ),
            y=Axis(tuple((v, f"{v:g}") for v in range(0, 101, 20)), "Score (0–100)", size * 0.8),
        ),
    )
    _targets(panel, target, size)
    entries: list[LegendEntry] = []
    ends: dict[float, list[tuple[float, str]]] = {}
    series: list[tuple[str, str, list[float | None], Line]] = [
        (
            layer.label,
            LAYER_CODES[layer],
            [p.layer_scores.get(layer) for p in ordered],
            Line(
                (),
                (),
                colour=LAYER_COLOURS[layer],
                dash=LAYER_LINESTYLES[layer],
                marker=LAYER_MARKERS[layer],
                linewidth=1.6,
                markersize=5,
                gid=f"trend-{layer.value}",
            ),
        )
        for layer in LAYERS
    ]
    series.append(
        (
            "Alignment index",
            "Index",
            [p.alignment_index for p in ordered],
            Line(
                (),
                (),
                colour=INDEX_COLOUR,
                marker="X",
                linewidth=2.8,
                markersize=7,
                gid="trend-alignment-index",
            ),
        )
    )
    for label, code, values, style in series:
        pairs = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        if not pairs:
            continue
        panel.add(
            dataclasses.replace(style, xs=tuple(x for x, _ in pairs), ys=tuple(v for _, v in pairs))
        )
        entries.append(
            LegendEntry(
                label,
                "line",
                colour=style.colour,
                linewidth=style.linewidth,
                dash=style.dash,
                marker=style.marker,
                markersize=style.markersize,
            )
        )
        last_x, last_value = pairs[-1]
        ends.setdefault(last_x, []).append((last_value, f"{code} {fmt_score(last_value)}"))
    for last_x, labels in ends.items():
        _label_line_ends(panel, labels, last_x + pad * 0.4, size)
    scene.legends.append(
        Legend(
            tuple(entries),
            anchor=(0.5, 0.0),
            loc="lower center",
            columns=3,
            size=size * 0.8,
            handlelength=3.2,
            columnspacing=2.0,
        )
    )
    if title:
        scene.panel((0.0, 0.0, 1.0, 1.0)).add(
            Text(
                left / scene.width_pt,
                1 - 0.5 * size / scene.height_pt,
                title,
                size * 1.15,
                bold=True,
                ha="left",
                va="top",
            )
        )
    return scene


def _targets(panel: Panel, target: float | Mapping[Layer, float], size: float) -> None:
    values = sorted(set(target.values())) if isinstance(target, Mapping) else [float(target)]
    values = values or [DEFAULT_TARGET]
    x0, x1 = panel.xlim
    for value in values:
        panel.add(Line((x0, x1), (value, value), colour="#555555", linewidth=1.0, dash=(1.0, 1.5)))
    label = "target " + " / ".join(f"{v:g}" for v in values)
    panel.add(
        Text(
            x0 + 0.005 * (x1 - x0),
            max(values) + 1.2,
            label,
            size * 0.75,
            ha="left",
            va="bottom",
            colour="#333333",
        )
    )


def _label_line_ends(panel: Panel, ends: list[tuple[float, str]], x: float, size: float) -> None:
    """Write each line's latest value at its end, nudged apart so labels never overlap."""
    gap = 4.2 * size / 8.0  # minimum vertical distance in score points
    placed: list[float] = []
    for value, _text in sorted(ends):
        y = value if not placed else max(value, placed[-1] + gap)
        placed.append(y)
    shift = max(0.0, placed[-1] - 98) if placed else 0.0
    box = TextBox(pad=0.1, alpha=0.85)
    for (_, text), y in zip(sorted(ends), placed, strict=True):
        panel.add(Text(x, y - shift, text, size * 0.8, ha="left", box=box))
