"""Workshop > Reveal on the projector: the room's result, full screen, one step at a time.

The steps follow PRODUCT.md §6: the group's ring chart, then the items the group disagrees on
most (largest variance of the answers first, the agreement statistic of §4), then how the
stakeholder groups differ, each group with its view of value and key concern (the paper's
section 3). Individual answers appear only when the facilitator presses I. Everything shown
goes through ``model.privacy.protect`` first: a group below the portfolio's minimum reads
"fewer than N respondents" and its figures never reach the wall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import LAYERS, StakeholderGroup
from avi_desktop.model.errors import AviError
from avi_desktop.model.privacy import protect, withheld_reason
from avi_desktop.model.results import fmt_score
from avi_desktop.ui.chart_view import ChartView
from avi_desktop.ui.workshop_flow import latest_workshop

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.results import AssessmentResult
    from avi_desktop.ui.host import FlowHost

Kind = Literal["ring", "items", "answers", "groups"]
ITEMS_SHOWN = 6  # rows a projector shows legibly at once
_OPEN: set[RevealView] = set()  # top-level windows kept alive until closed


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reveal", text)


@dataclass(frozen=True)
class Slide:
    kind: Kind
    title: str
    html: str = ""  # text slides; chart slides draw from the result


def most_disagreed(result: AssessmentResult) -> list[str]:
    """Item ids the group disagrees on, most first: largest variance of the answers, then id.

    The same order as the workshop summary's table; items fewer than two people scored carry
    no variance and are left out, since there is no disagreement to show.
    """
    scored = [i for i, r in result.items.items() if r.variance is not None]
    return sorted(scored, key=lambda i: (-(result.items[i].variance or 0.0), i))


def _header(cells: list[str], widths: tuple[int, ...] = ()) -> str:
    """A header row; ``widths`` in percent of the table, one per cell, when given."""
    style = "align='left' style='padding-right:18px'"
    return (
        "<tr>"
        + "".join(
            f"<th {style}{f' width={widths[n]}%' if widths else ''}>{escape(c)}</th>"
            for n, c in enumerate(cells)
        )
        + "</tr>"
    )


def _items_html(result: AssessmentResult, instrument: Instrument, individual: bool) -> str:
    order = most_disagreed(result)[:ITEMS_SHOWN]
    if not order:
        return "<p>" + escape(_tr("Fewer than two people answered any item yet.")) + "</p>"
    texts = {item.id: item.text for item in instrument.items()}
    head = [_tr("Statement"), _tr("Mean"), _tr("SD"), _tr("n")]
    if individual:
        head.append(_tr("Answers"))
    rows = [_header(head)]
    for rank, item_id in enumerate(order, start=1):
        found = result.items[item_id]
        statement = texts.get(item_id, "")
        cells = [
            f"<b>{rank}. {escape(item_id)}</b> {escape(statement)}",
            fmt_score(found.mean),
            fmt_score(math.sqrt(found.variance or 0.0)),
            str(len(found.scores)),
        ]
        if individual:
            cells.append(" ".join(f"{s:g}" for s in sorted(found.scores)))
        rows.append(
            "<tr>"
            + "".join(f"<td style='padding:6px 18px 6px 0' valign='top'>{c}</td>" for c in cells)
            + "</tr>"
        )
    note = _tr("SD: spread of the answers on the 1–5 scale; the widest spread comes first.")
    return f"<table width='100%'>{''.join(rows)}</table><p><small>{escape(note)}</small></p>"


def _groups_html(result: AssessmentResult, min_group_size: int) -> str:
    """Each group that answered: its view of value and key concern, then its layer scores."""
    head = [_tr("Group"), *(layer.label for layer in LAYERS)]
    rows = [_header(head, (40, 15, 15, 15, 15))]
    for group in StakeholderGroup:
        if group not in result.group_sizes:
            continue
        name = (
            f"<b>{escape(group.label)}</b><br><small>{escape(_tr('Values'))}: "
            f"{escape(group.primary_view)}<br>{escape(_tr('Key concern'))}: "
            f"{escape(group.key_concern)}</small>"
        )
        scores = result.stakeholder_split.get(group)
        pad = "style='padding:6px 18px 6px 0' valign='top'"
        if scores is None:  # withheld: not one figure of it, in any column
            reason = withheld_reason(result, group, min_group_size)
            cells = f"<td {pad} colspan='{len(LAYERS)}'><i>{escape(reason)}"
            cells += "</i></td>"
        else:
            cells = "".join(f"<td {pad}>{fmt_score(scores.get(layer))}</td>" for layer in LAYERS)
        rows.append(f"<tr><td {pad}>{name}</td>{cells}</tr>")
    spreads = [(s, layer) for layer, s in result.value_spread.items() if s is not None]
    if len(result.stakeholder_split) >= 2 and spreads:
        spread, layer = max(spreads, key=lambda pair: (pair[0], -LAYERS.index(pair[1])))
        lead = _tr("The groups differ most on {0}: {1} points between their means.").format(
            layer.label, fmt_score(spread)
        )
    else:
        lead = _tr("Fewer than two groups can be shown, so there is no difference to compare.")
    return f"<p>{escape(lead)}</p><table width='100%'>{''.join(rows)}</table>"


def reveal_slides(
    result: AssessmentResult, instrument: Instrument, min_group_size: int, individual: bool
) -> list[Slide]:
    """The steps of the reveal for a result already protected for small groups."""
    slides = [
        Slide("ring", _tr("Where the group stands")),
        Slide(
            "items",
            _tr("Where the group disagrees most"),
            _items_html(result, instrument, individual),
        ),
    ]
    if individual:
        slides.append(Slide("answers", _tr("Each person's layer scores")))
    slides.append(
        Slide(
            "groups",
            _tr("How the stakeholder groups differ"),
            _groups_html(result, min_group_size),
        )
    )
    return slides


class RevealView(QWidget):
    """The projector window: Space, Right or Page Down steps on; Left or Page Up back; I shows
    or hides individual answers; Escape leaves."""

    stepped = Signal(int)

    def __init__(
        self,
        result: AssessmentResult,
        instrument: Instrument,
        min_group_size: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reveal")
        self.setWindowTitle(_tr("Reveal — {0}").format(title))
        self.setAccessibleName(_tr("Workshop reveal"))
        self.result = protect(result, min_group_size)  # before anything reaches the wall
        self.instrument, self.min_group_size = instrument, min_group_size
        self.individual = False
        self.index = 0
        self.slides: list[Slide] = []
        self.setStyleSheet(
            "QWidget#reveal, QScrollArea, QScrollArea > QWidget > QWidget { background: white; }"
            " QLabel { color: #111; }"
        )

        self.heading = QLabel()
        self.heading.setAccessibleName(_tr("Step title"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setAccessibleName(_tr("Step content"))
        self.chart = ChartView(_tr("Chart"), widest_ems=72.0)  # a projector: panels side by side
        self.chart.setMinimumHeight(0)
        self.chart.setMaximumHeight(16777215)
        # Many groups may not fit one screen: the step scrolls (mouse wheel) instead of
        # stretching the window past the projector's edge.
        self.text_area = QScrollArea()
        self.text_area.setWidget(self.text)
        self.text_area.setWidgetResizable(True)
        self.text_area.setFrameShape(QFrame.Shape.NoFrame)
        self.text_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The chart takes the height its width gives it; a tall one scrolls rather than
        # stretching the full-screen window past the projector's edge.
        self.chart_area = QScrollArea()
        self.chart_area.setWidget(self.chart)
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QStackedWidget()
        self.body.addWidget(self.text_area)
        self.body.addWidget(self.chart_area)
        self.footer = QLabel()
        self.footer.setAccessibleName(_tr("Where you are and the keys"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.footer)
        self._fonts()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._rebuild()

    def _fonts(self) -> None:
        """Large type: a projector is read from the back of the room."""
        base = QFont(self.font())
        base.setPointSizeF(max(18.0, base.pointSizeF() * 2.0))
        self.text.setFont(base)
        big = QFont(base)
        big.setPointSizeF(base.pointSizeF() * 1.6)
        big.setBold(True)
        self.heading.setFont(big)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.6)
        self.footer.setFont(small)

    def _rebuild(self) -> None:
        kind = self.slides[self.index].kind if self.slides else "ring"
        self.slides = reveal_slides(
            self.result, self.instrument, self.min_group_size, self.individual
        )
        kinds = [s.kind for s in self.slides]
        self.index = kinds.index(kind) if kind in kinds else min(self.index, len(kinds) - 1)
        self._show()

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    def _show(self) -> None:
        slide = self.slide
        self.heading.setText(slide.title)
        if slide.kind in ("ring", "answers"):
            self.body.setCurrentWidget(self.chart_area)
            self.chart.show_figure(self._figure, slide.title)
        else:
            self.text.setText(slide.html)
            self.body.setCurrentWidget(self.text_area)
        shown = _tr("shown") if self.individual else _tr("hidden")
        self.footer.setText(
            _tr(
                "{0} / {1}    Space or → next · ← back · I individual answers ({2}) · Esc leave"
            ).format(self.index + 1, len(self.slides), shown)
        )
        self.stepped.emit(self.index)

    def _figure(self, width_in: float, font_pt: float) -> Any:
        """The chart of this step, laid out for the width the view gives it (``ChartView``
        sizes it to the projector's width, no text under the system's small font)."""
        from avi_desktop.charts import dispersion_figure, ring_pane_figure

        if self.slide.kind == "ring":
            return ring_pane_figure(
                self.result, instrument=self.instrument, width_in=width_in, font_pt=font_pt
            )
        return dispersion_figure(
            self.result,
            instrument=self.instrument,
            min_group_size=self.min_group_size,
            width_in=width_in,
            min_font=font_pt,
        )

    def step(self, by: int) -> None:
        target = max(0, min(len(self.slides) - 1, self.index + by))
        if target != self.index:
            self.index = target
            self._show()

    def toggle_individual(self) -> None:
        self.individual = not self.individual
        self._rebuild()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.step(1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace):
            self.step(-1)
        elif key == Qt.Key.Key_I:
            self.toggle_individual()
        elif key == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        _OPEN.discard(self)
        super().closeEvent(event)


def show_reveal(host: FlowHost, *, full_screen: bool = True) -> RevealView | None:
    """Open the reveal of the selected initiative's latest workshop on its own full screen."""
    found = latest_workshop(host)
    if found is None:
        return None
    store, _initiative_id, workshop = found
    from avi_desktop.model.overview import evaluate_assessment, instrument_for

    try:
        assessment = store.get_assessment(workshop.id)
        instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
        result = evaluate_assessment(store, workshop.id, instrument=instrument)
        minimum = store.settings().min_group_size
    except AviError as exc:
        host.show_error(exc.message)
        return None
    if not any(r.answers for r in assessment.respondents):
        host.show_error(
            _tr("Nobody has answered “{0}” yet: import response packs first.").format(
                workshop.title
            ),
            _tr("Nothing to reveal"),
        )
        return None
    view = RevealView(result, instrument, minimum, workshop.title)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _OPEN.add(view)
    if full_screen:
        view.showFullScreen()
    else:
        view.show()
    view.activateWindow()
    view.setFocus()
    return view
