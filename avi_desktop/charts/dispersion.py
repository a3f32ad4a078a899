"""Where the room disagrees: every respondent's score per item and per layer, and group means.

Items are ordered by disagreement (sample variance, largest first) so a facilitator's eye lands
on the contested ones. Stakeholder groups differ by marker shape as well as colour. Jitter is a
fixed function of the point's position, so the same result always draws the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from avi_desktop.charts.dispersion_layout import (
    ITEMS_MARGIN_IN,
    PANEL_ROWS,
    Section,
    row_in,
    sorted_items,
)
from avi_desktop.charts.style import (
    LAYER_CODES,
    base_font_size,
    chart_style,
    group_colour,
    group_marker,
)
from avi_desktop.charts.text_metrics import text_pt
from avi_desktop.model.domain import LAYERS, Layer, StakeholderGroup
from avi_desktop.model.formatting import short_statement
from avi_desktop.model.privacy import DEFAULT_MIN_GROUP_SIZE, protect, shown_groups
from avi_desktop.model.results import AssessmentResult, ItemResult, fmt_number, fmt_score

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from avi_desktop.model.instrument import Instrument

JITTER = 0.28  # half-height of the band a row's points spread over


def jitter(position: int, count: int) -> float:
    """Deterministic offset for the ``position``-th of ``count`` points sharing a value."""
    if count <= 1:
        return 0.0
    return -JITTER + 2 * JITTER * position / (count - 1)


def respondent_order(result: AssessmentResult) -> list[str]:
    """Respondent ids in the order the result lists them (the order of ItemResult.scores)."""
    seen: dict[str, None] = {}
    for score in result.respondent_scores:
        seen.setdefault(score.respondent_id, None)
    return list(seen)


def item_groups(
    item: ItemResult,
    order: Sequence[str],
    groups: Mapping[str, StakeholderGroup] | None,
) -> list[StakeholderGroup | None]:
    """The stakeholder group behind each of an item's scores, where it can be known.

    ``ItemResult.scores`` lists the scores of the respondents who scored the item, in respondent
    order; when every respondent scored it the groups line up one to one. Otherwise the groups
    are unknown and the points are drawn with a neutral marker rather than guessed.
    """
    ids: Sequence[str] = getattr(item, "respondent_ids", ()) or ()
    if not ids and len(item.scores) == len(order):
        ids = order
    if groups is None or len(ids) != len(item.scores):
        return [None] * len(item.scores)
    return [groups.get(rid) for rid in ids]


Part = Literal["all", "items", "layers"]


def dispersion_figure(
    result: AssessmentResult,
    *,
    instrument: Instrument | None = None,
    groups: Mapping[str, StakeholderGroup] | None = None,
    title: str = "",
    width_in: float = 7.0,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    part: Part = "all",
    min_font: float = 0.0,
    sections: Sequence[Section] = (),
) -> Figure:
    """Per-item strip plots by layer (most contested first) beside layer and group panels.

    While any group is smaller than ``min_group_size`` no point is marked by group and that
    group has no mean (model.privacy): marking the others would single its members out.
    A page prints the ``part`` "items" (full width, every item named by a short form of its
    statement) and "layers" (the layer and group panels) as two charts at their own size, no
    text smaller than ``min_font``; ``sections`` (from ``item_charts``) limits "items" to some
    rows, so a long instrument runs over several charts instead of being shrunk.
    """
    from matplotlib.figure import Figure

    result = protect(result, min_group_size)
    groups = shown_groups(result, groups)

    order = respondent_order(result)
    per_layer = sorted_items(result, instrument)
    if part == "items" and not sections:
        sections = [Section(layer, 0, len(per_layer[layer])) for layer in LAYERS]
    panels = [(s, per_layer[s.layer][s.start : s.stop]) for s in sections]
    names = _item_names(instrument)
    size = max(base_font_size(width_in), min_font / 0.72)
    used_groups: dict[StakeholderGroup, None] = {}
    with chart_style():
        item_rows = sum(max(1, len(items)) for items in per_layer.values())
        if part == "items":
            rows = sum(section.rows for section in sections)
            height = ITEMS_MARGIN_IN + row_in(size) * (rows + PANEL_ROWS * len(sections))
        elif part == "layers":
            height = 3.2
        else:
            height = 1.6 + 0.21 * item_rows + 0.35 * len(LAYERS)
        # Too narrow for the panels side by side (a window pane at its small font): one column,
        # the layer and group panels below the items, every row as tall as its text needs.
        stacked = part == "all" and width_in * 72 < 64 * size * 0.72
        if stacked:
            height = (height + 2 * (0.35 * len(LAYERS) + 1.0)) * max(1.0, size / 9.3)
        fig = Figure(figsize=(width_in, height), layout="constrained")
        if part == "items":
            grid = fig.add_gridspec(
                len(sections), 1, height_ratios=[s.rows + PANEL_ROWS for s in sections]
            )
        elif part == "layers":
            grid = fig.add_gridspec(1, 2)
        elif stacked:
            grid = fig.add_gridspec(
                len(LAYERS) + 2,
                1,
                height_ratios=[max(1, len(per_layer[layer])) + 1.5 for layer in LAYERS]
                + [len(LAYERS) + 2.5] * 2,
            )
        else:
            grid = fig.add_gridspec(
                len(LAYERS),
                2,
                width_ratios=(1.25, 1),
                height_ratios=[max(1, len(per_layer[layer])) + 1.5 for layer in LAYERS],
            )
        if part == "items":
            for row, (section, items) in enumerate(panels):
                heading = section.layer.label + (" (continued)" if section.start else "")
                _item_panel(
                    fig.add_subplot(grid[row, 0]),
                    title=heading,
                    items=items,
                    order=order,
                    groups=groups,
                    used=used_groups,
                    size=size,
                    names=names,
                    last=row == len(panels) - 1,
                )
        elif part == "all":
            for row, layer in enumerate(LAYERS):
                _item_panel(
                    fig.add_subplot(grid[row, 0]),
                    title=layer.label,
                    items=per_layer[layer],
                    order=order,
                    groups=groups,
                    used=used_groups,
                    size=size,
                    names={},
                    last=layer == LAYERS[-1],
                )
        if part != "items":
            cells = (
                (grid[0, 0], grid[0, 1])
                if part == "layers"
                else (grid[len(LAYERS), 0], grid[len(LAYERS) + 1, 0])
                if stacked
                else (grid[0:2, 1], grid[2:4, 1])
            )
            _layer_panel(fig.add_subplot(cells[0]), result, groups, used_groups, size)
            _split_panel(fig.add_subplot(cells[1]), result, used_groups, size)
        _group_legend(fig, used_groups, size, width_in * 72)
        if title:
            fig.suptitle(title, fontsize=size * 1.2, fontweight="bold")
    return fig


def _item_names(instrument: Instrument | None) -> dict[str, str]:
    """Each item's short statement by id (empty without an instrument: codes only)."""
    if instrument is None:
        return {}
    return {item.id: short_statement(item) for spec in instrument.layers for item in spec.items}


def _group_legend(
    fig: Figure, used: dict[StakeholderGroup, None], size: float, width_pt: float
) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D(
            [],
            [],
            marker=group_marker(group),
            color=group_colour(group),
            linestyle="none",
            markersize=6,
            label=group.label,
        )
        for group in sorted(used, key=list(StakeholderGroup).index)
    ]
    if handles:
        fig.legend(
            handles=handles,
            loc="outside lower center",
            ncol=_legend_columns([g.label for g in used], size * 0.8, width_pt),
            fontsize=size * 0.8,
            frameon=False,
            title="Stakeholder group",
            title_fontsize=size * 0.85,
        )


def _legend_columns(labels: Sequence[str], size: float, width_pt: float) -> int:
    """As many columns (five at most) as ``width_pt`` holds for ``labels`` at ``size``."""
    column = max(text_pt(label, size) for label in labels) + 4.0 * size
    return max(1, min(5, len(labels), int(width_pt // column)))


def _scatter(
    ax: Axes,
    xs: Sequence[float],
    y: float,
    point_groups: Sequence[StakeholderGroup | None],
    used: dict[StakeholderGroup, None],
    *,
    gid: str,
) -> None:
    """Draw one row of points, spreading ties vertically by a fixed rule.

    Points are batched into one line per stakeholder group, which keeps the SVG (and so the PDF
    conversion) small.
    """
    ties: dict[float, list[int]] = {}
    for position, x in enumerate(xs):
        ties.setdefault(round(x, 6), []).append(position)
    batches: dict[StakeholderGroup | None, tuple[list[float], list[float]]] = {}
    for members in ties.values():
        for rank, position in enumerate(members):
            group = point_groups[position]
            batch = batches.setdefault(group, ([], []))
            batch[0].append(xs[position])
            batch[1].append(y + jitter(rank, len(members)))
    for group, (batch_xs, batch_ys) in batches.items():
        if group is not None:
            used.setdefault(group, None)
        (line,) = ax.plot(
            batch_xs,
            batch_ys,
            marker=group_marker(group) if group else "o",
            color=group_colour(group),
            markersize=4.5,
            linestyle="none",
            markeredgewidth=0.4,
            markeredgecolor="#000000",
            alpha=0.9,
        )
        line.set_gid(gid)


def _item_panel(
    ax: Axes,
    *,
    title: str,
    items: Sequence[tuple[str, ItemResult | None]],
    order: Sequence[str],
    groups: Mapping[str, StakeholderGroup] | None,
    used: dict[StakeholderGroup, None],
    size: float,
    names: Mapping[str, str],
    last: bool,
) -> None:
    """One layer's items as rows of points; with ``names``, each row says what the item is and
    its spread (SD) stands on the right. The ``last`` panel of a chart carries the axis label."""
    ax.set_title(title, fontsize=size * 0.9, loc="left")
    labels = []
    spreads = []
    for row, (item_id, item) in enumerate(items):
        named = f"{names[item_id]}  {item_id}" if item_id in names else item_id
        if item is None or not item.scores:
            labels.append(f"{named}  n/a" if not names else named)
            spreads.append("n/a")
            ax.text(
                3, row, "no scores", ha="center", va="center", fontsize=size * 0.7, color="#555555"
            )
            continue
        sd = item.variance**0.5 if item.variance is not None else None
        if names:
            labels.append(named)
            spreads.append(f"SD {fmt_number(sd, 1)}" if sd is not None else "")
        else:
            labels.append(f"{item_id}  SD {fmt_number(sd, 2)}" if sd is not None else item_id)
        _scatter(
            ax, item.scores, row, item_groups(item, order, groups), used, gid=f"point-{item_id}"
        )
        if item.mean is not None:
            ax.plot([item.mean, item.mean], [row - 0.4, row + 0.4], color="#000000", linewidth=1.2)
    ax.set_yticks(range(len(items)), labels, fontsize=size * 0.72)
    ax.set_ylim(max(len(items), 1) - 0.5, -0.5)
    if names:
        right = ax.twinx()
        right.set_ylim(ax.get_ylim())
        right.set_yticks(range(len(items)), spreads, fontsize=size * 0.72)
        right.tick_params(axis="y", length=0)
        right.spines["right"].set_visible(False)
    ax.set_xlim(0.6, 5.4)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.tick_params(axis="x", labelsize=size * 0.72)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    if last:
        spread = "; SD: spread of the answers" if names else ""
        ax.set_xlabel(
            f"Item score (1 = absent … 5 = fully in place), bar = mean{spread};\n"
            "items with the most disagreement at the top of each layer",
            fontsize=size * 0.75,
        )


def _layer_panel(
    ax: Axes,
    result: AssessmentResult,
    groups: Mapping[str, StakeholderGroup] | None,
    used: dict[StakeholderGroup, None],
    size: float,
) -> None:
    ax.set_title("Layer score of each respondent", fontsize=size * 0.9, loc="left")
    for row, layer in enumerate(LAYERS):
        scores = [s for s in result.respondent_scores if s.layer == layer and s.score is not None]
        point_groups = [groups.get(s.respondent_id) if groups else None for s in scores]
        _scatter(
            ax,
            [s.score for s in scores if s.score is not None],
            row,
            point_groups,
            used,
            gid=f"respondent-{layer.value}",
        )
        layer_result = result.layers.get(layer)
        if layer_result is not None:
            ax.plot(
                [layer_result.target] * 2,
                [row - 0.42, row + 0.42],
                color="#000000",
                linewidth=1.6,
                linestyle=(0, (2, 1)),
            )
            if layer_result.score is not None:
                ax.plot(
                    [layer_result.score] * 2, [row - 0.4, row + 0.4], color="#000000", linewidth=1.2
                )
    ax.set_yticks(
        range(len(LAYERS)), [_layer_tick(result, layer) for layer in LAYERS], fontsize=size * 0.72
    )
    ax.set_ylim(len(LAYERS) - 0.5, -0.5)
    ax.set_xlim(-3, 103)
    ax.tick_params(axis="x", labelsize=size * 0.72)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Layer score (bar = mean, dashed = target)", fontsize=size * 0.75)


def _layer_tick(result: AssessmentResult, layer: Layer) -> str:
    layer_result = result.layers.get(layer)
    rwg = layer_result.rwg if layer_result is not None else None
    text = (
        f"{LAYER_CODES[layer]}  agreement {fmt_number(rwg, 2)}"
        if rwg is not None
        else LAYER_CODES[layer]
    )
    if layer_result is not None and layer_result.low_agreement:
        text += " ▲"
    return text


def _split_panel(
    ax: Axes, result: AssessmentResult, used: dict[StakeholderGroup, None], size: float
) -> None:
    ax.set_title("Stakeholder group means", fontsize=size * 0.9, loc="left")
    split = result.stakeholder_split
    for row, layer in enumerate(LAYERS):
        means = [(g, m) for g, v in split.items() if (m := v.get(layer)) is not None]
        values = [m for _, m in means]
        if len(values) >= 2:
            ax.plot(
                [min(values), max(values)], [row, row], color="#888888", linewidth=1.5, zorder=1
            )
        for group, value in means:
            used.setdefault(group, None)
            (line,) = ax.plot(
                [value],
                [row],
                marker=group_marker(group),
                color=group_colour(group),
                markersize=6,
                linestyle="none",
                markeredgewidth=0.5,
                markeredgecolor="#000000",
                zorder=2,
            )
            line.set_gid(f"split-{layer.value}")
    labels = []
    for layer in LAYERS:
        spread = result.value_spread.get(layer)
        labels.append(f"{LAYER_CODES[layer]}  spread {fmt_score(spread)}")
    ax.set_yticks(range(len(LAYERS)), labels, fontsize=size * 0.72)
    ax.set_ylim(len(LAYERS) - 0.5, -0.5)
    ax.set_xlim(-3, 103)
    ax.tick_params(axis="x", labelsize=size * 0.72)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Mean layer score of the group", fontsize=size * 0.75)
    if not split:
        ax.text(
            50,
            1.5,
            "Groups too small to show" if result.withheld_groups else "One stakeholder group only",
            ha="center",
            va="center",
            fontsize=size * 0.8,
            color="#555555",
        )
