"""Sections more than one briefing prints: layer scores, patterns, stakeholder split, items.

Every number comes from a result object and is formatted with ``fmt_score``; nothing here
computes a figure of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from avi_desktop.model import results
from avi_desktop.model.domain import LAYERS, Layer, StakeholderGroup
from avi_desktop.model.instrument import Instrument, agreement_threshold_text
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    LayerResult,
    PatternHit,
    fmt_number,
    fmt_score,
)
from avi_desktop.reports.fonts import FAMILY
from avi_desktop.reports.styles import RULE, data_table, para, styles, text

MM = 2.834645669  # points per millimetre

# One word per layer, for narrow table columns (the full names head the wider tables).
SHORT_LAYER = {
    Layer.TECHNOLOGY: "Technology",
    Layer.LEADERSHIP: "Leadership",
    Layer.ORGANISATION: "Organisation",
    Layer.TRUST: "Trust",
}


def fmt_rwg(value: float | None) -> str:
    """r_wg is an index from 0 to 1: two decimals, or a dash."""
    return "—" if value is None else fmt_number(value, 2)


def fmt_delta(value: float | None) -> str:
    """A change in points with its sign, one decimal."""
    return "—" if value is None else fmt_number(value, 1, sign=True)


def fmt_date(value: Any) -> str:
    """A date as 14 March 2026, or a dash."""
    return results.fmt_date(value)


def fmt_short_date(value: Any) -> str:
    """A date as 14 Mar 2026 (for narrow table columns), or a dash."""
    return results.fmt_date(value, short=True)


def band_text(result: LayerResult | None) -> str:
    """The band in words (never colour alone), or why there is none."""
    if result is None:
        return "Not assessed"
    if result.insufficient or result.band is None:
        return "Insufficient data"
    return result.band.label


def agreement_text(result: LayerResult | None) -> str:
    """r_wg with its low-agreement flag, as a director reads it."""
    if result is None or result.rwg is None:
        return "—"
    flag = " (low agreement)" if result.low_agreement else ""
    return f"{fmt_rwg(result.rwg)}{flag}"


def layer_table(result: AssessmentResult, width: float) -> Any:
    """Score, target, gap, band and agreement per layer, with the alignment index below."""
    rows: list[list[object]] = []
    for layer in LAYERS:
        lr = result.layers.get(layer)
        rows.append(
            [
                layer.label,
                fmt_score(lr.score if lr else None),
                fmt_score(lr.target if lr else None),
                fmt_score(lr.gap if lr else None),
                band_text(lr),
                agreement_text(lr),
                fmt_score(lr.sd if lr else None),
                str(lr.n) if lr else "—",
            ]
        )
    rows.append(["Alignment index", fmt_score(result.alignment_index), "", "", "", "", "", ""])
    widths = [0.25, 0.085, 0.085, 0.075, 0.14, 0.23, 0.075, 0.06]
    return data_table(
        ["Layer", "Score", "Target", "Gap", "Band", "Agreement (r_wg)", "SD", "n"],
        rows,
        [w * width for w in widths],
        numeric=(1, 2, 3, 6, 7),
    )


def evidence_table(evidence: Sequence[Evidence], width: float) -> Any:
    """The facts behind a pattern or recommendation, as the engine stated them."""
    return data_table(
        ["Evidence", "Value"],
        [[e.label, e.value] for e in evidence],
        [0.6 * width, 0.4 * width],
    )


def pattern_section(patterns: Sequence[PatternHit], width: float, *, empty: str) -> list[Any]:
    """Each detected pattern: its name, what it means, and the evidence that triggered it."""
    from reportlab.platypus import KeepTogether, Spacer

    st = styles()
    if not patterns:
        return [para(empty, st.body)]
    parts: list[Any] = []
    for hit in patterns:
        block: list[Any] = [para(hit.title, st.h3), para(hit.explanation, st.body)]
        if hit.evidence:
            block.append(evidence_table(hit.evidence, width))
        block.append(Spacer(1, 4))
        parts.append(KeepTogether(block))
    return parts


def split_table(
    split: Mapping[StakeholderGroup, Mapping[Layer, float | None]],
    spread: Mapping[Layer, float | None],
    width: float,
) -> Any:
    """Layer scores per stakeholder group, and each layer's value spread between groups."""
    groups = [g for g in StakeholderGroup if g in split]
    rows: list[list[object]] = [
        [g.label, *(fmt_score(split[g].get(layer)) for layer in LAYERS)] for g in groups
    ]
    rows.append(["Value spread (points)", *(fmt_score(spread.get(layer)) for layer in LAYERS)])
    first = 0.28 * width
    rest = (width - first) / len(LAYERS)
    return data_table(
        ["Stakeholder group", *(layer.label for layer in LAYERS)],
        rows,
        [first, *([rest] * len(LAYERS))],
        numeric=(1, 2, 3, 4),
    )


def item_sd(variance: float | None) -> float | None:
    """The engine's item variance shown as a standard deviation (same figure, other unit)."""
    return None if variance is None else variance**0.5


def item_table(
    result: AssessmentResult,
    instrument: Instrument | None,
    width: float,
    item_ids: Sequence[str],
    *,
    with_layer: bool = False,
) -> Any:
    """One row per item: text, mean, SD, n and N/A count (scores after reverse keying)."""
    st = styles()
    rows: list[list[object]] = []
    for item_id in item_ids:
        ir = result.items.get(item_id)
        if ir is None:
            continue
        try:
            item = instrument.item(item_id) if instrument is not None else None
        except KeyError:
            item = None
        wording = text(f"{item_id}  {item.text if item else ''}".strip())
        if item is not None and item.reverse:
            wording += " <i>(a problem: scored in reverse)</i>"
        text_cell = para(wording, st.cell_small, markup=True)
        row: list[object] = [text_cell]
        if with_layer:
            row.append(SHORT_LAYER[ir.layer])
        row += [
            fmt_score(ir.mean),
            fmt_score(item_sd(ir.variance)),
            str(len(ir.scores)),
            str(ir.n_not_applicable),
        ]
        rows.append(row)
    header = ["Item", *(["Layer"] if with_layer else []), "Mean", "SD", "n", "N/A"]
    fixed = [0.08, 0.07, 0.05, 0.07]
    if with_layer:
        fixed = [0.13, *fixed]
    widths = [(1 - sum(fixed)) * width, *(f * width for f in fixed)]
    first_numeric = 2 if with_layer else 1
    return data_table(header, rows, widths, numeric=tuple(range(first_numeric, first_numeric + 4)))


def items_by_disagreement(result: AssessmentResult) -> list[str]:
    """Item ids, those the group disagreed on most first (largest variance; unscored last)."""
    return sorted(
        result.items,
        key=lambda item_id: (
            result.items[item_id].variance is None,
            -(result.items[item_id].variance or 0.0),
            item_id,
        ),
    )


def reading_guide(instrument: Instrument | None, width: float) -> list[Any]:
    """One line each on what the figures on this page mean, for a reader new to them."""
    from reportlab.lib.colors import Color
    from reportlab.platypus import Spacer, Table, TableStyle

    st = styles()
    threshold = agreement_threshold_text(instrument)
    lines = (
        "<b>Alignment index</b>: the four layer scores (0–100) combined; one weak layer pulls "
        "it down however strong the others are.",
        "<b>Binding layer</b>: the lowest-scoring layer; it caps the value the initiative can "
        "realise.",
        "<b>Bands</b>: aligned at or above the layer's target; developing within 20 points "
        "below it; gap further below.",
        "<b>Agreement</b> (r_wg, 0–1): how far respondents agree; below "
        f"{threshold} their average does not speak for them. SD: the spread of scores.",
    )
    cells = [para(line, st.guide, markup=True) for line in lines]
    # One row of two columns, so the four lines are never split between pages.
    table = Table([[cells[0::2], cells[1::2]]], colWidths=[width / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # else Helvetica, unembedded
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEABOVE", (0, 0), (-1, 0), 0.4, Color(*RULE)),
            ]
        )
    )
    return [Spacer(1, 6), table]
