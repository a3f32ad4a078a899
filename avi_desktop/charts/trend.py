"""An initiative's history: the four layer scores and the alignment index over assessments.

Each layer has its own line style and marker as well as colour, and its latest value is written
at the end of its line, so the lines can be followed in greyscale.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
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
from avi_desktop.charts.text_metrics import text_pt
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
    min_font: float = 0.0,
) -> Figure:
    """The trend as a matplotlib figure, for the window and chart files."""
    from avi_desktop.charts.paint import scene_figure

    return scene_figure(
        trend_scene(points, target, title=title, width_in=width_in, min_font=min_font)
    )


def trend_scene(
    points: Sequence[HistoryPoint],
    target: float | Mapping[Layer, float] = DEFAULT_TARGET,
    *,
    title: str = "",
    width_in: float = 6.0,
    min_font: float = 0.0,
) -> Scene:
    """Layer scores and alignment index per assessment date, oldest on the left.

    ``min_font`` is the smallest text size allowed (on paper, where the scene prints at its own
    size). Line-end values and the target's value share one column right of the lines, nudged
    apart, so no label sits on another or on a line.
    """
    if not points:
        raise ValidationError("There is no assessment to chart yet; score the initiative first.")
    ordered = sorted(points, key=lambda p: (p.assessed_on, p.assessment_id))
    xs = [float(p.assessed_on.toordinal()) for p in ordered]  # days: spacing follows time
    size = base_font_size(width_in)
    small = max(size * 0.8, min_font)
    span = max(xs) - min(xs)
    pad = max(span * 0.06, 20.0)
    columns, rows = _legend_grid(width_in * 72.0, small)
    left, right = 5.75 * small, 1.0 * small
    panel_w = width_in * 72.0 - left - right
    latest = ordered[-1]
    scores = [latest.layer_scores.get(layer) for layer in LAYERS]
    early = latest.alignment_index is None or None in scores
    # The column of line-end values: a value that stopped early says when on a second line
    # if one line would not fit the column.
    widest = "Index 100.0 (30 Sep 2026)" if early else "target 100 / 100"
    column_pt = text_pt(widest, small) + 6.0
    two_lines = column_pt > 0.45 * panel_w
    if two_lines:
        column_pt = text_pt("(30 Sep 2026)", small) + 6.0
    room = _label_room(span + 2 * pad, column_pt, panel_w)
    dates, rotation, date_pt = _date_ticks(xs, ordered, small, panel_w / (span + 2 * pad + room))
    # Margins in points: tick labels and axis title on the left, dates, axis title and the
    # legend's rows below, the title (if any) above.
    bottom = (4.3 + 1.75 * rows) * small + date_pt
    top = (2.2 if title else 0.9) * size
    # A narrow chart (or large text) grows taller rather than squeezing the plot.
    scene = Scene(width_in, max(width_in * 0.62, (bottom + top + 14.0 * small) / 72.0))
    panel = scene.panel(
        (
            left / scene.width_pt,
            bottom / scene.height_pt,
            1 - (left + right) / scene.width_pt,
            1 - (bottom + top) / scene.height_pt,
        ),
        margins=(left, bottom, right, top),
        xlim=(min(xs) - pad, max(xs) + pad + room),
        ylim=(0.0, 100.0),
        frame=Frame(
            x=Axis(dates, "Assessment date", small, rotation),
            y=Axis(tuple((v, f"{v:g}") for v in range(0, 101, 20)), "Score (0–100)", small),
        ),
    )
    label_x = max(xs) + pad * 0.4
    ends = {label_x: [_targets(panel, target, label_x)]}  # one column of labels, right of lines
    entries: list[LegendEntry] = []
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
        end = f"{code} {fmt_score(last_value)}"
        if last_x < max(xs):  # a line that stops early: its label, in the column, says when
            when = fmt_date(ordered[xs.index(last_x)].assessed_on, short=True)
            end += f"{chr(10) if two_lines else ' '}({when})"
        ends[label_x].append((last_value, end))
    # Labels are placed in score units; the window may draw the panel shorter than the scene
    # says (margins stay, the plot shrinks), so they are spaced for a panel of 160 pt at most.
    panel_pt = min(scene.height_pt - bottom - top, 160.0)
    for x, labels in ends.items():
        _label_line_ends(panel, labels, x, small, panel_pt)
    scene.legends.append(
        Legend(
            tuple(entries),
            anchor=(0.5, 0.0),
            loc="lower center",
            columns=columns,
            size=small,
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


def _legend_grid(width_pt: float, size: float) -> tuple[int, int]:
    """Columns and rows of the five-entry legend in ``width_pt`` (three columns at most)."""
    names = [layer.label for layer in LAYERS] + ["Alignment index"]
    column = max(text_pt(name, size) for name in names) + (3.2 + 0.8) * size
    spacing = 2.0 * size
    columns = max(1, min(3, int((width_pt - 2 * size + spacing) // (column + spacing))))
    return columns, -(-len(names) // columns)


def _date_ticks(
    xs: list[float], ordered: Sequence[HistoryPoint], size: float, pt_per_day: float
) -> tuple[tuple[tuple[float, str], ...], float, float]:
    """The date labels, their rotation and the height they take below the plot (points).

    Level while they fit side by side, else upright; a date too close to the one labelled
    before it keeps its tick but not its label, so none is written over another.
    """
    labels = [fmt_date(p.assessed_on, short=True) for p in ordered]
    longest = max(text_pt(label, size) for label in labels)
    gaps = [(b - a) * pt_per_day for a, b in itertools.pairwise(xs)]
    if min(gaps, default=longest * 2) >= longest + size:
        rotation, need, height = 0.0, longest + size, 1.2 * size
    else:
        rotation, need, height = 90.0, 1.6 * size, 0.7 * size + longest
    ticks, last = [], -math.inf
    for x, label in zip(xs, labels, strict=True):
        shown = (x - last) * pt_per_day >= need
        ticks.append((x, label if shown else ""))
        last = x if shown else last
    return tuple(ticks), rotation, height


def _label_room(core: float, column_pt: float, panel_pt: float) -> float:
    """Data units to add on the right so the label column gets ``column_pt`` of the panel."""
    share = min(0.45, column_pt / max(panel_pt, 1.0))
    return core * share / (1 - share)


def _targets(
    panel: Panel, target: float | Mapping[Layer, float], label_x: float
) -> tuple[float, str]:
    """Draw the target lines up to the label column; return their label for that column."""
    values = sorted(set(target.values())) if isinstance(target, Mapping) else [float(target)]
    values = values or [DEFAULT_TARGET]
    x0 = panel.xlim[0]
    for value in values:
        panel.add(
            Line((x0, label_x), (value, value), colour="#555555", linewidth=1.0, dash=(1.0, 1.5))
        )
    return max(values), "target " + " / ".join(f"{v:g}" for v in values)


def _label_line_ends(
    panel: Panel, ends: list[tuple[float, str]], x: float, size: float, panel_pt: float
) -> None:
    """Write each value in a column at ``x``, nudged apart so no label overlaps another.

    The spacing is the height of a label (with its box) in score points, measured on the
    panel as drawn, so it holds at any font size.
    """
    unit = 100.0 / max(panel_pt, 1.0)  # score points per point
    heights = [(1.25 * (text.count("\n") + 1) + 0.25) * size * unit for _, text in sorted(ends)]
    placed: list[float] = []
    for n, (value, _text) in enumerate(sorted(ends)):
        y = value if not placed else max(value, placed[-1] + (heights[n - 1] + heights[n]) / 2)
        placed.append(y)
    shift = max(0.0, placed[-1] - 100 + heights[-1] / 2) if placed else 0.0
    box = TextBox(pad=0.1, alpha=0.85)
    for (_, text), y in zip(sorted(ends), placed, strict=True):
        panel.add(Text(x, y - shift, text, size, ha="left", box=box))
