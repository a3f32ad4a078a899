"""The selected initiative: ring diagram, layer table, patterns, necessity, history, actions.

It renders an ``InitiativeOverview`` from the model as it is; the ring is drawn lazily.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import (
    DEFAULT_TARGET,
    ActionStatus,
    Imperative,
    NecessityOutcome,
    Stage,
)
from avi_desktop.model.results import fmt_score
from avi_desktop.ui import formatting
from avi_desktop.ui.chart_view import ChartView
from avi_desktop.ui.records_model import RecordsModel, fit_height, records_view

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.overview import InitiativeOverview


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    if name:
        label.setAccessibleName(name)
    return label


def _enum_label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except (ValueError, AttributeError):
        return value.replace("_", " ")


class DetailPane(QScrollArea):
    """Read-only view of one initiative's overview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Initiative detail"))
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = _label("", self.tr("Initiative"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = _label("", self.tr("Initiative facts"))
        self.summary = _label("", self.tr("Assessment summary"))
        self.ring = ChartView(self.tr("Ring diagram"))
        self.layers_model = RecordsModel(formatting.layer_headers(), self)
        self.layers_view = records_view(self.layers_model, self.tr("Layer scores"))
        self.patterns = _label("", self.tr("Patterns"))
        self.recommendations = _label("", self.tr("Recommendations"))
        self.necessity = _label("", self.tr("Necessity outcome"))
        self.history_model = RecordsModel(
            [self.tr("Date"), self.tr("Assessment"), self.tr("Alignment index"), self.tr("Change")],
            self,
        )
        self.history_view = records_view(self.history_model, self.tr("History"))
        self.trend = ChartView(self.tr("Trend of the layer scores"))
        self.trend.setFixedHeight(self.fontMetrics().height() * 20)
        self.actions_model = RecordsModel(
            [
                self.tr("Imperative"),
                self.tr("Action"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("Status"),
            ],
            self,
        )
        self.actions_view = records_view(self.actions_model, self.tr("Actions"))
        self.decisions_model = RecordsModel(
            [
                self.tr("Date"),
                self.tr("Decision"),
                self.tr("Decided by"),
                self.tr("Logic that drove it"),
            ],
            self,
        )
        self.decisions_view = records_view(self.decisions_model, self.tr("Decisions"))

        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addWidget(
            self._group(self.tr("Four-layer alignment"), self.summary, self.ring, self.layers_view)
        )
        layout.addWidget(self._group(self.tr("Misalignment patterns"), self.patterns))
        layout.addWidget(self._group(self.tr("Recommendations"), self.recommendations))
        layout.addWidget(self._group(self.tr("Necessity assessment"), self.necessity))
        layout.addWidget(self._group(self.tr("History"), self.history_view, self.trend))
        layout.addWidget(self._group(self.tr("Follow-up actions"), self.actions_view))
        layout.addWidget(self._group(self.tr("Values decision audit"), self.decisions_view))
        layout.addStretch(1)
        self.setWidget(body)
        self._instrument: Instrument | None = None
        self.show_empty()

    @staticmethod
    def _group(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        inner = QVBoxLayout(box)
        for widget in widgets:
            inner.addWidget(widget)
        return box

    def set_instrument(self, instrument: Instrument | None) -> None:
        self._instrument = instrument

    def show_empty(self, message: str = "") -> None:
        self.title.setText(message or self.tr("Select an initiative to see its alignment."))
        for label in (
            self.facts,
            self.summary,
            self.patterns,
            self.recommendations,
            self.necessity,
        ):
            label.clear()
        self.ring.clear()
        self.trend.clear()
        self.trend.hide()
        for model in (
            self.layers_model,
            self.history_model,
            self.actions_model,
            self.decisions_model,
        ):
            model.set_rows([])

    def show_overview(self, overview: InitiativeOverview) -> None:
        """Render everything the model computed for one initiative."""
        ini = overview.initiative
        self.title.setText(escape(ini.name))
        self.facts.setText(self._facts_html(ini))
        latest = overview.latest
        self.summary.setText(escape(formatting.summary_text(latest)))
        if latest is not None:
            self.layers_model.set_rows(formatting.layer_rows(latest))
            instrument, previous = self._instrument, overview.previous

            def figure() -> Any:
                from avi_desktop.charts import ring_figure

                if previous is not None:
                    return ring_figure(
                        latest, instrument=instrument, variant="comparison", previous=previous
                    )
                return ring_figure(latest, instrument=instrument)

            self.ring.show_figure(figure, formatting.ring_description(latest))
        else:
            self.layers_model.set_rows([])
            self.ring.clear(self.tr("Run a four-layer assessment to see the ring diagram."))
        self.patterns.setText(formatting.patterns_html(overview.patterns))
        self.recommendations.setText(formatting.recommendations_html(overview.recommendations))
        self.necessity.setText(self._necessity_html(overview.necessity))
        self._fill_history(overview)
        self.actions_model.set_rows(
            [
                (
                    _enum_label(Imperative, a.imperative),
                    a.title,
                    a.owner,
                    a.due_on.isoformat() if a.due_on else "—",
                    _enum_label(ActionStatus, a.status),
                )
                for a in overview.actions
            ]
        )
        self.decisions_model.set_rows(
            [
                (d.decided_on.isoformat(), d.title, d.decided_by, d.actual_logic)
                for d in overview.decisions
            ]
        )
        for view in (self.layers_view, self.history_view, self.actions_view, self.decisions_view):
            fit_height(view)

    def _facts_html(self, ini: Any) -> str:
        kpi = ini.kpi_name or self.tr("none defined")
        if ini.kpi_name and (ini.kpi_baseline is not None or ini.kpi_target is not None):
            kpi += f" ({fmt_score(ini.kpi_baseline)} → {fmt_score(ini.kpi_target)} {ini.kpi_unit})"
        rows = [
            (
                self.tr("Stage"),
                f"{_enum_label(Stage, ini.stage)} "
                + self.tr("since {0}").format(ini.stage_since.isoformat()),
            ),
            (self.tr("Business unit"), ini.business_unit or "—"),
            (self.tr("Business owner"), ini.business_owner or "—"),
            (self.tr("Data/AI partner"), ini.data_ai_partner or "—"),
            (self.tr("Business problem"), ini.business_problem or "—"),
            (self.tr("KPI"), kpi),
        ]
        return "".join(f"<b>{escape(k)}:</b> {escape(v)}<br>" for k, v in rows)

    def _necessity_html(self, necessity: Any) -> str:
        if necessity is None:
            return escape(self.tr("No necessity assessment yet: is AI the right tool here?"))
        outcome = _enum_label(NecessityOutcome, necessity.outcome)
        html = (
            f"<p><b>{escape(outcome)}</b> — "
            + escape(
                self.tr("decided by {who} on {day}").format(
                    who=necessity.decided_by or "—", day=necessity.decided_on.isoformat()
                )
            )
            + "</p>"
        )
        if necessity.conditions:
            html += "<ul>" + "".join(f"<li>{escape(c)}</li>" for c in necessity.conditions)
            html += "</ul>"
        if necessity.rationale:
            html += f"<p>{escape(necessity.rationale)}</p>"
        return html

    def _fill_history(self, overview: InitiativeOverview) -> None:
        rows = []
        previous_index: float | None = None
        for point in overview.trend:
            change = "—"
            if previous_index is not None and point.alignment_index is not None:
                change = f"{point.alignment_index - previous_index:+.1f}"
            rows.append(
                (
                    point.assessed_on.isoformat(),
                    point.title,
                    fmt_score(point.alignment_index),
                    change,
                )
            )
            previous_index = point.alignment_index
        self.history_model.set_rows(rows)
        points = overview.trend
        if len(points) < 2:
            self.trend.clear()
            self.trend.hide()
            return
        targets = overview.latest.layers if overview.latest is not None else {}
        target = {layer: result.target for layer, result in targets.items()} or DEFAULT_TARGET

        def figure() -> Any:
            from avi_desktop.charts import trend_figure

            return trend_figure(points, target)

        self.trend.show()
        self.trend.show_figure(
            figure,
            self.tr("Alignment index over time: ")
            + ", ".join(
                f"{p.assessed_on.isoformat()} {fmt_score(p.alignment_index)}" for p in points
            ),
        )
