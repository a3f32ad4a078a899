"""Turn model results into display text for the window (no figure is computed here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from avi_desktop.model.domain import LAYERS, Band, Imperative
from avi_desktop.model.instrument import DEFAULT_LOW_AGREEMENT_RWG, fmt_agreement_threshold
from avi_desktop.model.results import (
    AssessmentResult,
    PatternHit,
    Recommendation,
    fmt_number,
    fmt_score,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Formatting", text)


def layer_headers() -> list[str]:
    return [_tr("Layer"), _tr("Score"), _tr("Target"), _tr("Gap"), _tr("Band"), _tr("Agreement")]


LAYER_NUMERIC_COLUMNS = (1, 2, 3, 5)


def layer_header_tips(low_agreement_rwg: float = DEFAULT_LOW_AGREEMENT_RWG) -> list[str]:
    """What each column of the layer table means, for the header's tooltip.

    ``low_agreement_rwg`` is the instrument's threshold (``instrument.low_agreement_rwg``).
    """
    return [
        _tr("The four nested layers, from technology (inner ring) to societal trust (outer)."),
        _tr("The layer's score from 0 to 100: the mean of its items, rescaled."),
        _tr("The score this layer should reach, set in Portfolio settings."),
        _tr("How far the score falls short of the target (0 when it is met)."),
        _tr("Aligned, Developing or Gap, from the score against the target."),
        _tr(
            "How far respondents agree (r_wg, 0 to 1; below {0} is low). Needs at least two "
            "respondents."
        ).format(fmt_agreement_threshold(low_agreement_rwg)),
    ]


def layer_rows(result: AssessmentResult) -> list[tuple[str, ...]]:
    """One row per layer: score, target, gap, band, agreement (r_wg), as the paper names them."""
    rows: list[tuple[str, ...]] = []
    for layer in LAYERS:
        lr = result.layers.get(layer)
        if lr is None:
            continue
        band = lr.band.label if lr.band else "—"
        if lr.insufficient:
            band = _tr("Insufficient data")
        if lr.rwg is None:
            agreement = "—"  # the header's tooltip says it needs two or more respondents
        else:
            agreement = fmt_number(lr.rwg, 2) + (_tr(" (low)") if lr.low_agreement else "")
        rows.append(
            (
                layer.label,
                fmt_score(lr.score),
                fmt_score(lr.target),
                fmt_score(lr.gap),
                band,
                agreement,
            )
        )
    return rows


def worst_band(result: AssessmentResult | None) -> str | None:
    """The least aligned band across layers, for the table's summary column."""
    if result is None:
        return None
    bands = {lr.band for lr in result.layers.values() if lr.band is not None}
    for band in (Band.GAP, Band.DEVELOPING, Band.ALIGNED):
        if band in bands:
            return band.value
    return None


def summary_text(result: AssessmentResult | None) -> str:
    """Alignment index and binding layer in one line."""
    if result is None:
        return _tr("No four-layer assessment yet.")
    binding = result.binding_layer.label if result.binding_layer else "—"
    return _tr("Alignment index {index} · binding layer: {binding} · respondents: {n}").format(
        index=fmt_score(result.alignment_index), binding=binding, n=result.respondents
    )


def patterns_html(patterns: Sequence[PatternHit]) -> str:
    """Each detected pattern with its explanation and the evidence that triggered it."""
    if not patterns:
        return "<p>" + escape(_tr("No misalignment pattern detected.")) + "</p>"
    parts = []
    for hit in patterns:
        evidence = "".join(
            f"<li>{escape(e.label)}: <b>{escape(e.value)}</b></li>" for e in hit.evidence
        )
        parts.append(
            f"<p><b>{escape(hit.title)}</b> — {escape(hit.explanation)}</p><ul>{evidence}</ul>"
        )
    return "".join(parts)


def recommendations_html(recommendations: Iterable[Recommendation], links: bool = False) -> str:
    """Recommendations grouped under the four leadership imperatives; with ``links``, each
    offers "Create action" as a link to ``rec:N`` (N its position in ``recommendations``)."""
    grouped: dict[Imperative, list[tuple[int, Recommendation]]] = {}
    for number, rec in enumerate(recommendations):
        grouped.setdefault(rec.imperative, []).append((number, rec))
    if not grouped:
        return "<p>" + escape(_tr("No recommendation.")) + "</p>"
    parts = []
    for imperative in Imperative:
        recs = grouped.get(imperative)
        if not recs:
            continue
        link = " <a href='rec:{0}'>" + escape(_tr("Create action")) + "</a>" if links else ""
        items = "".join(
            f"<li><b>{escape(r.title)}</b> — {escape(r.detail)}{link.format(n)}</li>"
            for n, r in recs
        )
        parts.append(f"<p><i>{escape(imperative.label)}</i></p><ul>{items}</ul>")
    return "".join(parts)


def ring_description(result: AssessmentResult) -> str:
    """A text alternative for the ring diagram (screen readers, greyscale printing)."""
    parts = [
        f"{layer.label} {fmt_score(result.layers[layer].score)}"
        for layer in LAYERS
        if layer in result.layers
    ]
    return _tr("Ring diagram: ") + "; ".join(parts)
