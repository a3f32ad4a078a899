"""Help → Guide, and the explanations every figure in the window gives on hover or What's This.

The guide is a bundled HTML file (``resources/help/guide.html``): the process (necessity first,
then the four layers, then the briefing), how each figure is computed, and a glossary of the
terms the window and the briefings show. It never follows a link off this computer.

The figure texts say what a figure is, how it was computed and from how many answers, so a
director can check any number without the manual.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from avi_desktop.model.domain import LAYERS
from avi_desktop.model.results import fmt_number, fmt_score
from avi_desktop.paths import resource

if TYPE_CHECKING:
    from avi_desktop.model.results import AssessmentResult, LayerResult


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def plain(html: str) -> str:
    """A tooltip's rich text as a screen reader should speak it: no tags, no entities."""
    return unescape(re.sub(r"<[^>]+>", "", html))


class GuideDialog(QDialog):
    """The built-in guide in a browser that stays inside the guide (no network)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("AVI Desktop guide"))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(_tr("Guide"))
        self.browser.setOpenExternalLinks(False)  # only the guide's own anchors
        self.browser.setOpenLinks(True)
        path = resource("help", "guide.html")
        self.browser.setSource(QUrl.fromLocalFile(str(path)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 95, metrics.height() * 40)
        self.browser.setFocus()


def show_guide(parent: QWidget | None) -> GuideDialog:
    """Open the guide beside the window (not modal: it can stay open while working)."""
    dialog = GuideDialog(parent)
    dialog.show()
    return dialog


def _answers(result: AssessmentResult, layer: object | None = None) -> tuple[int, int]:
    """Scored answers and not-applicable answers, over one layer or all of them."""
    items = [i for i in result.items.values() if layer is None or i.layer == layer]
    return sum(len(i.scores) for i in items), sum(i.n_not_applicable for i in items)


def index_help(result: AssessmentResult) -> str:
    """The alignment index and binding layer: what, how, from how many answers."""
    scored, na = _answers(result)
    layers = ", ".join(f"{lr.layer.label} {fmt_score(lr.score)}" for lr in result.layers.values())
    binding = result.binding_layer.label if result.binding_layer else "—"
    return _tr(
        "<b>Alignment index {index}</b>: the geometric mean of the four layer scores ({layers}), "
        "so one weak layer pulls it down more than an average would. <b>Binding layer</b>: "
        "{binding}, the lowest score, which caps the value the initiative can realise. From "
        "{scored} scored answers of {n} respondent(s) ({na} not applicable)."
    ).format(
        index=fmt_score(result.alignment_index),
        layers=layers,
        binding=binding,
        scored=scored,
        n=result.respondents,
        na=na,
    )


def layer_row_help(result: AssessmentResult, lr: LayerResult) -> str:
    """One row of the layer table: each figure with how it was computed."""
    scored, na = _answers(result, lr.layer)
    if lr.score is None:
        return _tr(
            "{layer}: insufficient data: no respondent scored 60 % of its statements "
            "({scored} scored answers, {na} not applicable)."
        ).format(layer=lr.layer.label, scored=scored, na=na)
    parts = [
        _tr(
            "{layer} {score}: the mean of {n} respondent layer score(s), each 100 × the mean of "
            "(answer − 1) / 4 over the layer's statements; from {scored} scored answers "
            "({na} not applicable)."
        ).format(
            layer=lr.layer.label,
            score=fmt_score(lr.score),
            n=lr.n,
            scored=scored,
            na=na,
        ),
        _tr(
            "Target {target}; gap {gap} = the target minus the score, 0 when met; band {band}."
        ).format(
            target=fmt_score(lr.target),
            gap=fmt_score(lr.gap),
            band=lr.band.label if lr.band else "—",
        ),
    ]
    if lr.rwg is not None:
        parts.append(
            _tr(
                "Agreement r_wg {rwg}: how far the respondents agree on its statements, against "
                "answers at random (1 is full agreement; below 0.70 is low). SD {sd}: how far "
                "apart their layer scores are, in points."
            ).format(rwg=fmt_number(lr.rwg, 2), sd=fmt_score(lr.sd))
        )
    else:
        parts.append(_tr("Agreement needs two or more respondents."))
    return " ".join(parts)


def layer_tips(result: AssessmentResult) -> list[str]:
    """The layer table's row tooltips, in its row order (``formatting.layer_rows``)."""

    return [
        layer_row_help(result, result.layers[layer]) for layer in LAYERS if layer in result.layers
    ]


def layer_table_help(result: AssessmentResult) -> str:
    return _tr(
        "<b>Layer scores</b>: each layer's score, target, gap, band and agreement. Point at a "
        "row for how its figures were computed and from how many answers. "
    ) + index_help(result)


def ring_help(result: AssessmentResult) -> str:
    return _tr(
        "<b>Ring diagram</b>: one ring per layer, technology inside, societal trust outside. "
        "The coloured arc runs clockwise from 12 o'clock to the layer's score (0–100); the "
        "hatched part is the gap to the target (the black tick); a dashed line marks the "
        "previous assessment. "
    ) + index_help(result)


def trend_help(points: int) -> str:
    return _tr(
        "<b>Trend</b>: each layer's score and the alignment index at each of the {n} scored "
        "assessments, oldest on the left, spaced by date; the dotted line is the target."
    ).format(n=points)


def history_help() -> str:
    return _tr(
        "<b>History</b>: every scored assessment of this initiative. Change is the alignment "
        "index minus the one before it, in points."
    )


def portfolio_help() -> str:
    return _tr(
        "<b>Portfolio</b>: one row per initiative, from its latest scored assessment. "
        "Alignment index: the geometric mean of its four layer scores. Worst band: the lowest "
        "band of its layers (Aligned at or above the target, Developing within 20 points, Gap "
        "below). Binding layer: its lowest-scoring layer. Patterns: the misalignment patterns "
        "found. Select a row to see every figure with how it was computed."
    )
