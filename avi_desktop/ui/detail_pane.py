"""The selected initiative: ring diagram, layer table, patterns, necessity, history, actions.

It renders an ``InitiativeOverview`` from the model as it is; the ring is drawn lazily.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import DEFAULT_TARGET
from avi_desktop.model.formatting import fmt_amount
from avi_desktop.model.results import fmt_date, fmt_number, fmt_score
from avi_desktop.ui import formatting, style
from avi_desktop.ui import help as figure_help
from avi_desktop.ui.chart_view import ChartView
from avi_desktop.ui.decisions_section import DecisionsSection
from avi_desktop.ui.initiative_views import (
    groups_html,
    necessity_timing_html,
    realised_value_rows,
    realised_value_tip,
)
from avi_desktop.ui.records_model import RecordsModel, fit_height, records_view
from avi_desktop.ui.workshop_flow import closed_note

if TYPE_CHECKING:
    from avi_desktop.model.entities import Initiative, NecessityAssessment
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.overview import InitiativeOverview
    from avi_desktop.model.results import Recommendation


def _label(text: str = "") -> QLabel:
    """A content label: a screen reader reads its text, so it gets no accessible name (that
    would replace the text); its group box carries the section's name. Only a label with
    links is a Tab stop (``_links``)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


def _links(label: QLabel) -> QLabel:
    """A label whose links the keyboard reaches: a Tab stop that shows its focus."""
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    style.show_focus(label)
    return label


def _button(text: str, signal: SignalInstance) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", ""))
    button.clicked.connect(signal.emit)
    return button


class DetailPane(QScrollArea):
    """Read-only view of one initiative's overview.

    Sections with nothing to show say so in words (and offer the next step) rather than
    showing an empty chart or an empty table.
    """

    assess_requested = Signal()
    necessity_requested = Signal()
    action_requested = Signal(object)  # a new action: its fields as suggested (or {})
    action_edit_requested = Signal(str)  # the id of the action to edit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName(self.tr("Initiative detail"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the sections inside are the Tab stops
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = _label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = _label()
        self.facts.setToolTip(realised_value_tip())
        self.groups = _label()
        self.summary = _label()
        self.closed_note = style.mark_notice(_label())
        self.assess_button = _button(
            self.tr("Start a four-&layer assessment…"), self.assess_requested
        )
        self.ring = ChartView(self.tr("Ring diagram"))
        self.layers_model = RecordsModel(
            formatting.layer_headers(),
            self,
            numeric=formatting.LAYER_NUMERIC_COLUMNS,
            header_tips=formatting.layer_header_tips(),
        )
        self.layers_view = records_view(self.layers_model, self.tr("Layer scores"))
        self.patterns = _label()
        self._own_patterns = False
        self._patterns_html = ""
        # Initiative id -> portfolio-level patterns counting it ("AI Theatre (portfolio)").
        self._portfolio_marks: dict[str, tuple[str, ...]] = {}
        self.recommendations = _links(_label())
        self.recommendations.linkActivated.connect(self._recommendation_link)
        self._recommendations: tuple[Recommendation, ...] = ()
        self._action_ids: list[str] = []
        self.necessity = _label()
        self.necessity_button = _button(
            self.tr("Run the &necessity assessment…"), self.necessity_requested
        )
        self.history_model = RecordsModel(
            [self.tr("Date"), self.tr("Assessment"), self.tr("Alignment index"), self.tr("Change")],
            self,
            numeric=(2, 3),
        )
        self.history_view = records_view(self.history_model, self.tr("History"), wrap=(1,))
        self.history_view.setWhatsThis(figure_help.history_help())
        self.history_none = _label(
            self.tr("No scored assessment yet: the history starts with the first one.")
        )
        self.trend = ChartView(self.tr("Trend of the layer scores"))
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
        self.actions_view = records_view(self.actions_model, self.tr("Actions"), wrap=(0, 1))
        self.actions_view.doubleClicked.connect(lambda index: self._edit_action(index.row()))
        self.overdue_note = style.mark_error(_label())
        self.add_action_button = QPushButton(self.tr("Add a&ction…"))
        self.add_action_button.clicked.connect(lambda: self.action_requested.emit({}))
        self.edit_action_button = QPushButton(self.tr("Edit act&ion…"))
        self.edit_action_button.clicked.connect(
            lambda: self._edit_action(self.actions_view.currentIndex().row())
        )
        action_buttons = QWidget()
        row = QHBoxLayout(action_buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_action_button)
        row.addWidget(self.edit_action_button)
        row.addStretch(1)
        self.actions_none = _label(self.tr("No follow-up action recorded for this initiative."))
        self.decisions = DecisionsSection(self)

        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        self.sections = [
            self._group(
                self.tr("Four-layer alignment"),
                self.closed_note,
                self.summary,
                self.assess_button,
                self.ring,
                self.layers_view,
            ),
            self._group(self.tr("Misalignment patterns"), self.patterns),
            self._group(self.tr("Recommendations"), self.recommendations),
            self._group(self.tr("Stakeholder groups"), self.groups),
            self._group(self.tr("Necessity assessment"), self.necessity, self.necessity_button),
            self._group(self.tr("History"), self.history_none, self.history_view, self.trend),
            self._group(
                self.tr("Follow-up actions"),
                self.overdue_note,
                self.actions_none,
                self.actions_view,
                action_buttons,
            ),
            self._group(self.tr("Values decision audit"), self.decisions),
        ]
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)
        self.setWidget(body)
        for view in (self.layers_view, self.history_view, self.actions_view, self.decisions.view):
            style.show_focus(view)
        self._instrument: Instrument | None = None
        self.can_edit = True  # False for a read-only portfolio: no buttons that cannot work
        self._shown_id = ""
        self.show_empty()

    @staticmethod
    def _group(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        inner = QVBoxLayout(box)
        for widget in widgets:
            if isinstance(widget, QPushButton):
                inner.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                inner.addWidget(widget)
        return style.bold_title(box)

    def set_instrument(self, instrument: Instrument | None) -> None:
        self._instrument = instrument
        if instrument is not None:
            tips = formatting.layer_header_tips(instrument.low_agreement_rwg)
            self.layers_model.set_header_tips(tips)

    def show_empty(self, message: str = "") -> None:
        """Nothing selected (or ``message``): only the title line, no empty sections."""
        self._shown_id = ""
        self.title.setText(message or self.tr("Select an initiative to see its alignment."))
        for label in (
            self.facts,
            self.summary,
            self.patterns,
            self.recommendations,
            self.necessity,
            self.groups,
        ):
            label.clear()
        self.facts.hide()
        for section in self.sections:
            section.hide()
        self.ring.clear()
        self.trend.clear()
        for model in (
            self.layers_model,
            self.history_model,
            self.actions_model,
            self.decisions.model,
        ):
            model.set_rows([])

    def show_opening(self, name: str, known_html: str) -> None:
        """While the store opens: the name and what the plain read gave (``ui.opening``), no
        sections (their figures need the store). The full detail replaces it once it is open."""
        self.show_empty(escape(name) or " ")  # as ``show_overview`` writes it
        self.facts.setText(known_html)
        self.facts.show()

    def show_overview(self, overview: InitiativeOverview) -> None:
        """Render everything the model computed for one initiative."""
        ini = overview.initiative
        if ini.id != self._shown_id:
            # Another initiative starts at its top: one's patterns are never read as another's.
            self.verticalScrollBar().setValue(0)
            self._shown_id = ini.id
        self.title.setText(escape(ini.name))
        self.facts.setText(self._facts_html(ini, overview.currency))
        self.facts.show()
        for section in self.sections:
            section.show()
        latest = overview.latest
        self.closed_note.setText(closed_note(ini.assessments))  # a closed one is read-only
        self.closed_note.setVisible(bool(self.closed_note.text()))
        self.summary.setText(escape(formatting.summary_text(latest)))
        self.assess_button.setVisible(latest is None and self.can_edit)
        self.ring.setVisible(latest is not None)
        tip = figure_help.index_help(latest) if latest is not None else ""  # none left over
        self.summary.setToolTip(tip)
        self.summary.setWhatsThis(tip)
        self.summary.setAccessibleDescription(figure_help.plain(tip))  # no tags read out
        self.layers_view.setVisible(latest is not None)
        if latest is not None:
            self.layers_model.set_rows(
                formatting.layer_rows(latest), tips=figure_help.layer_tips(latest)
            )
            self.ring.setWhatsThis(figure_help.ring_help(latest))
            self.layers_view.setWhatsThis(figure_help.layer_table_help(latest))
            instrument, previous = self._instrument, overview.previous

            def figure(width_in: float, font_pt: float) -> Any:
                from avi_desktop.charts import ring_pane_figure

                return ring_pane_figure(
                    latest, instrument=instrument, previous=previous, width_in=width_in,
                    font_pt=font_pt,
                )  # fmt: skip

            self.ring.show_figure(figure, formatting.ring_description(latest))
        else:
            self.layers_model.set_rows([])
            self.ring.clear()
            self.summary.setText(
                escape(
                    self.tr(
                        "No four-layer assessment yet. Score the four layers — technology, "
                        "leadership, organisation, societal trust — to see the ring diagram, "
                        "the binding layer and the patterns."
                    )
                )
            )
        self._own_patterns = bool(overview.patterns)
        self._patterns_html = formatting.patterns_html(overview.patterns)
        self._show_patterns()
        self._recommendations = overview.recommendations
        self.recommendations.setText(
            formatting.recommendations_html(overview.recommendations, links=self.can_edit)
            if overview.recommendations or latest is not None
            else "<p>"
            + escape(self.tr("No recommendation yet: there is no assessment to draw one from."))
            + "</p>"
        )
        self.groups.setText(groups_html(ini, latest))
        self.necessity.setText(self._necessity_html(overview.necessity))
        self.necessity_button.setVisible(overview.necessity is None and self.can_edit)
        self._fill_history(overview)
        self._fill_actions(overview)
        self.decisions.set_decisions(overview.decisions, can_edit=self.can_edit)
        self.actions_view.setVisible(self.actions_model.rowCount() > 0)
        self.actions_none.setVisible(self.actions_model.rowCount() == 0)
        for view in (self.layers_view, self.history_view, self.actions_view):
            fit_height(view)

    def _fill_actions(self, overview: InitiativeOverview) -> None:
        """The actions, an overdue one marked at its due date and counted above the table."""
        # Here, not at the top: the pane is built before the store opens, without the ORM.
        from avi_desktop.model.follow_up import is_overdue

        today = date.today()
        rows, overdue = [], 0
        for a in overview.actions:
            late = is_overdue(a.due_on, a.status, today)
            overdue += late
            due = fmt_date(a.due_on, short=True)
            rows.append(
                (
                    a.imperative.label,
                    a.title,
                    a.owner or "—",
                    self.tr("{0} — overdue").format(due) if late else due,
                    a.status.label,
                )
            )
        self._action_ids = [a.id for a in overview.actions]
        self.actions_model.set_rows(rows)
        self.overdue_note.setText(
            self.tr("1 action is overdue.")
            if overdue == 1
            else self.tr("{0} actions are overdue.").format(overdue)
        )
        self.overdue_note.setVisible(overdue > 0)
        self.add_action_button.setVisible(self.can_edit)
        self.edit_action_button.setVisible(self.can_edit and bool(rows))

    def set_portfolio_marks(self, marks: Mapping[str, tuple[str, ...]]) -> None:
        """The portfolio-level patterns each initiative counts towards, as the table shows
        them: the pane names them too, never "no pattern" beside a row marked AI Theatre."""
        self._portfolio_marks = dict(marks)
        if self._shown_id:
            self._show_patterns()

    def _show_patterns(self) -> None:
        counted = self._portfolio_marks.get(self._shown_id, ())
        marks = [m.removesuffix(" (portfolio)") for m in counted]
        html = self._patterns_html
        if marks:
            names = ", ".join(marks)
            if not self._own_patterns:
                html = "<p>" + escape(self.tr("No pattern in this initiative on its own.")) + "</p>"
            html += (
                "<p>"
                + escape(
                    self.tr(
                        "It is one of the initiatives behind the portfolio-level pattern {0}: see "
                        "View ▸ Portfolio overview for the evidence."
                    ).format(names)
                )
                + "</p>"
            )
        self.patterns.setText(html)

    def _recommendation_link(self, link: str) -> None:
        number = int(link.partition(":")[2] or -1)
        if link.startswith("rec:") and 0 <= number < len(self._recommendations):
            from avi_desktop.ui.action_editor import from_recommendation

            self.action_requested.emit(from_recommendation(self._recommendations[number]))

    def _edit_action(self, row: int) -> None:
        if self.can_edit and 0 <= row < len(self._action_ids):
            self.action_edit_requested.emit(self._action_ids[row])

    def _facts_html(self, ini: Initiative, currency: str = "") -> str:
        kpi = ini.kpi_name or self.tr("none defined")
        if ini.kpi_name and (ini.kpi_baseline is not None or ini.kpi_target is not None):
            unit = ini.kpi_unit or ""
            kpi += self.tr(": from {0} to {1}").format(
                "—" if ini.kpi_baseline is None else fmt_amount(ini.kpi_baseline, unit),
                "—" if ini.kpi_target is None else fmt_amount(ini.kpi_target, unit),
            )  # as the briefing says it: "from GBP 850k to GBP 1.4m", "from 11 days to 2 days"
        rows = [
            (
                self.tr("Stage"),
                f"{ini.stage.label} " + self.tr("since {0}").format(fmt_date(ini.stage_since)),
            ),
            (self.tr("Business unit"), ini.business_unit or "—"),
            (self.tr("Business owner"), ini.business_owner or "—"),
            (self.tr("Data/AI partner"), ini.data_ai_partner or "—"),
            (self.tr("Business problem"), ini.business_problem or "—"),
            *([(self.tr("Description"), ini.description)] if ini.description else []),
            (self.tr("KPI"), kpi),
            *realised_value_rows(ini, currency),
        ]
        return "".join(f"<b>{escape(k)}:</b> {escape(v)}<br>" for k, v in rows)

    def _necessity_html(self, necessity: NecessityAssessment | None) -> str:
        if necessity is None:
            return escape(self.tr("No necessity assessment yet: is AI the right tool here?"))
        outcome = necessity.outcome.label
        html = (
            f"<p><b>{escape(outcome)}</b> — "
            + escape(
                self.tr("decided by {who} on {day}").format(
                    who=necessity.decided_by or "—", day=fmt_date(necessity.decided_on)
                )
            )
            + "</p>"
        )
        if necessity.conditions:
            html += "<ul>" + "".join(f"<li>{escape(c)}</li>" for c in necessity.conditions)
            html += "</ul>"
        if necessity.rationale:
            html += f"<p>{escape(necessity.rationale)}</p>"
        return html + necessity_timing_html(necessity)

    def _fill_history(self, overview: InitiativeOverview) -> None:
        rows = []
        previous_index: float | None = None
        for point in overview.trend:
            change = "—"
            if previous_index is not None and point.alignment_index is not None:
                change = fmt_number(point.alignment_index - previous_index, 1, sign=True)
            rows.append(
                (
                    fmt_date(point.assessed_on, short=True),
                    point.title,
                    fmt_score(point.alignment_index),
                    change,
                )
            )
            previous_index = point.alignment_index
        self.history_model.set_rows(rows)
        self.history_view.setVisible(bool(rows))
        self.history_none.setVisible(not rows)
        points = overview.trend
        if len(points) < 2:
            self.trend.clear()
            self.trend.hide()
            return
        targets = overview.latest.layers if overview.latest is not None else {}
        target = {layer: result.target for layer, result in targets.items()} or DEFAULT_TARGET

        def figure(width_in: float, font_pt: float) -> Any:
            from avi_desktop.charts import trend_figure

            return trend_figure(points, target, width_in=width_in, min_font=font_pt)

        self.trend.show()
        self.trend.setWhatsThis(figure_help.trend_help(len(points)))
        self.trend.show_figure(
            figure,
            self.tr("Alignment index over time: ")
            + ", ".join(
                f"{fmt_date(p.assessed_on)} {fmt_score(p.alignment_index)}" for p in points
            ),
        )
