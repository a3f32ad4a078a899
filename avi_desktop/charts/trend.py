"""An initiative's history: the four layer scores and the alignment index over assessments.

Each layer has its own line style and marker as well as colour, and its latest value is written
at the end of its line, so the lines can be followed in greyscale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from avi_desktop.charts.style import (
    LAYER_CODES,
    LAYER_COLOURS,
    LAYER_LINESTYLES,
    LAYER_MARKERS,
    base_font_size,
    chart_style,
)
from avi_desktop.model.domain import DEFAULT_TARGET, LAYERS, Layer
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.results import HistoryPoint, fmt_score

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def trend_figure(
    points: Sequence[HistoryPoint],
    target: float | Mapping[Layer, float] = DEFAULT_TARGET,
    *,
    title: str = "",
    width_in: float = 6.0,
) -> Figure:
    """Layer scores and alignment index per assessment date, oldest on the left."""
    if not points:
        raise ValidationError("There is no assessment to chart yet; score the initiative first.")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedFormatter, FixedLocator

    ordered = sorted(points, key=lambda p: (p.assessed_on, p.assessment_id))
    xs = [float(p.assessed_on.toordinal()) for p in ordered]  # days: spacing follows time
    size = base_font_size(width_in)
    with chart_style():
        fig = Figure(figsize=(width_in, width_in * 0.62), layout="constrained")
        ax = fig.add_subplot()
        span = max(xs) - min(xs)
        pad = max(span * 0.06, 20.0)
        ax.set_xlim(min(xs) - pad, max(xs) + pad + max(span * 0.12, 40.0))
        ax.set_ylim(0, 100)
        _draw_targets(ax, target, size)
        series: list[tuple[str, list[float | None], dict[str, object]]] = [
            (
                layer.label,
                [p.layer_scores.get(layer) for p in ordered],
                {
                    "color": LAYER_COLOURS[layer],
                    "linestyle": LAYER_LINESTYLES[layer],
                    "marker": LAYER_MARKERS[layer],
                    "linewidth": 1.6,
                    "markersize": 5,
                    "gid": f"trend-{layer.value}",
                    "code": LAYER_CODES[layer],
                },
            )
            for layer in LAYERS
        ]
        series.append(
            (
                "Alignment index",
                [p.alignment_index for p in ordered],
                {
                    "color": "#000000",
                    "linestyle": "-",
                    "marker": "X",
                    "linewidth": 2.8,
                    "markersize": 7,
                    "gid": "trend-alignment-index",
                    "code": "Index",
                },
            )
        )
        ends: dict[float, list[tuple[float, str]]] = {}
        for label, values, style in series:
            code = str(style.pop("code"))
            gid = str(style.pop("gid"))
            pairs = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
            if not pairs:
                continue
            (line,) = ax.plot([x for x, _ in pairs], [v for _, v in pairs], label=label, **style)  # type: ignore[arg-type]
            line.set_gid(gid)
            last_x, last_value = pairs[-1]
            ends.setdefault(last_x, []).append((last_value, f"{code} {fmt_score(last_value)}"))
        for last_x, labels in ends.items():
            _label_line_ends(ax, labels, last_x + pad * 0.4, size)
        ax.xaxis.set_major_locator(FixedLocator(xs))
        ax.xaxis.set_major_formatter(FixedFormatter([p.assessed_on.isoformat() for p in ordered]))
        ax.tick_params(axis="x", labelsize=size * 0.8, rotation=30 if len(xs) > 4 else 0)
        ax.tick_params(axis="y", labelsize=size * 0.8)
        ax.set_ylabel("Score (0–100)", fontsize=size * 0.9)
        ax.set_xlabel("Assessment date", fontsize=size * 0.9)
        ax.grid(axis="y", color="#E0E0E0", linewidth=0.6)
        ax.set_axisbelow(True)
        fig.legend(
            loc="outside lower center", ncol=3, fontsize=size * 0.8, frameon=False, handlelength=3.2
        )
        if title:
            ax.set_title(title, fontsize=size * 1.15, loc="left")
    return fig


def _draw_targets(ax: Axes, target: float | Mapping[Layer, float], size: float) -> None:
    values = sorted(set(target.values())) if isinstance(target, Mapping) else [float(target)]
    values = values or [DEFAULT_TARGET]
    for value in values:
        ax.axhline(value, color="#555555", linewidth=1.0, linestyle=(0, (1, 1.5)), zorder=1)
    label = "target " + " / ".join(f"{v:g}" for v in values)
    ax.text(
        0.005,
        max(values) + 1.2,
        label,
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="bottom",
        fontsize=size * 0.75,
        color="#333333",
    )


def _label_line_ends(ax: Axes, ends: list[tuple[float, str]], x: float, size: float) -> None:
    """Write each line's latest value at its end, nudged apart so labels never overlap."""
    gap = 4.2 * size / 8.0  # minimum vertical distance in score points
    placed: list[float] = []
    for value, _text in sorted(ends):
        y = value if not placed else max(value, placed[-1] + gap)
        placed.append(y)
    shift = max(0.0, placed[-1] - 98) if placed else 0.0
    for (_, text), y in zip(sorted(ends), placed, strict=True):
        ax.text(
            x,
            y - shift,
            text,
            ha="left",
            va="center",
            fontsize=size * 0.8,
            bbox={
                "boxstyle": "square,pad=0.1",
                "facecolor": "#FFFFFF",
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )
