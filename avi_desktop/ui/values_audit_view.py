"""The values audit in the window: each stated value against the decisions that tested it.

Overall, per initiative and over time (by quarter), with the status the decisions give each
value (operational, aspirational, untested) and, for the value selected, the decisions
themselves as evidence. Everything shown is computed by ``model.values_audit``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
)

from avi_desktop.model.domain import ValueStance
from avi_desktop.model.errors import AviError
from avi_desktop.model.results import fmt_date, fmt_score
from avi_desktop.model.values_audit import (
    ValuesAudit,
    ValueSlice,
    ValueStatus,
    portfolio_values_audit,
)
from avi_desktop.ui.records_model import RecordsModel, records_view

if TYPE_CHECKING:
    from collections.abc import Sequence

    from avi_desktop.ui.host import FlowHost


def status_tip(status: ValueStatus) -> str:
    """What a status means, in the words of the article's audit."""
    return {
        ValueStatus.OPERATIONAL: "Upheld at least once when it was at stake: enacted.",
        ValueStatus.ASPIRATIONAL: "Departed from whenever it was at stake: stated, not enacted.",
        ValueStatus.UNTESTED: "No recorded decision has put it at stake yet.",
    }[status]


class ValuesAuditView(QDialog):
    """The portfolio's values decision audit, read when opened (and after Stated values…)."""

    def __init__(self, host: FlowHost) -> None:
        super().__init__(host.parent_widget())
        self.host = host
        self.setWindowTitle(self.tr("Values audit"))
        self.setAccessibleName(self.windowTitle())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.values_model = RecordsModel(
            [self.tr("Stated value"), self.tr("Status"), self.tr("Upheld"),
             self.tr("Departed from"), self.tr("Enactment gap")],
            self, numeric=(2, 3, 4),
        )  # fmt: skip
        self.values_view = records_view(self.values_model, self.tr("Stated values"), wrap=(0,))
        self.values_view.selectionModel().currentRowChanged.connect(lambda *_: self._evidence())
        self.initiative_model = self._slice_model(self.tr("Initiative"))
        self.quarter_model = self._slice_model(self.tr("Quarter"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.values_view, self.tr("&Overall"))
        self.tabs.addTab(
            records_view(self.initiative_model, self.tr("By initiative"), wrap=(0, 1)),
            self.tr("By &initiative"),
        )
        self.tabs.addTab(
            records_view(self.quarter_model, self.tr("Over time, by quarter"), wrap=(0,)),
            self.tr("Over &time"),
        )
        self.evidence_title = QLabel()
        self.evidence_title.setWordWrap(True)
        self.evidence_model = RecordsModel(
            [self.tr("Date"), self.tr("Initiative"), self.tr("Decision"), self.tr("The value"),
             self.tr("Pressure at stake"), self.tr("Logic that drove it")],
            self,
        )  # fmt: skip
        self.evidence_view = records_view(
            self.evidence_model, self.tr("Decisions as evidence"), wrap=(1, 2, 4, 5)
        )
        values_button = QPushButton(self.tr("&Stated values…"))
        values_button.setEnabled(host.store is not None and not host.store.read_only)
        values_button.clicked.connect(self._edit_values)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(values_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)  # the evidence table fits its rows; the tabs take the rest
        layout.addWidget(self.evidence_title)
        layout.addWidget(self.evidence_view, 2)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 150, self.fontMetrics().height() * 44)
        self.audit = ValuesAudit((), ())
        self.refresh()

    def _slice_model(self, what: str) -> RecordsModel:
        headers = [self.tr("Stated value"), what, self.tr("Upheld"), self.tr("Departed from"),
                   self.tr("Status")]  # fmt: skip
        return RecordsModel(headers, self, numeric=(2, 3))

    def refresh(self) -> None:
        """Read the audit from the open portfolio and show it."""
        store = self.host.store
        if store is None:
            return
        self.audit = audit = portfolio_values_audit(store)
        counts = {status: 0 for status in ValueStatus}
        for value in audit.values:
            counts[value.status] += 1
        self.summary.setText(
            self.tr(
                "{0} stated values against {1} recorded decisions: {2} operational, "
                "{3} aspirational (departed from whenever it counted), {4} untested. A value is "
                "only as real as the decisions that enact it under pressure."
            ).format(
                len(audit.values),
                len(audit.decisions),
                counts[ValueStatus.OPERATIONAL],
                counts[ValueStatus.ASPIRATIONAL],
                counts[ValueStatus.UNTESTED],
            )
            if audit.values
            else self.tr(
                "No stated value is recorded yet. Add the values the organisation says it holds "
                "for AI (Stated values…), then log the decisions taken when they were at stake."
            )
        )
        rows, tips = [], []
        for v in audit.values:
            name = v.name + (
                self.tr(" (retired {0})").format(fmt_date(v.retired_on)) if v.retired_on else ""
            )
            gap = "—" if v.enactment_gap is None else f"{fmt_score(100 * v.enactment_gap)} %"
            rows.append((name, v.status.label, str(v.upheld), str(v.departed), gap))
            tips.append(status_tip(v.status))
        self.values_model.set_rows(rows, tips)
        names = {v.value_id: v.name for v in audit.values}
        self.initiative_model.set_rows(self._slices(audit.by_initiative(), names))
        self.quarter_model.set_rows(self._slices(audit.by_quarter(), names))
        if rows:
            self.values_view.selectRow(0)
        self._evidence()

    @staticmethod
    def _slices(slices: Sequence[ValueSlice], names: dict[str, str]) -> list[tuple[str, ...]]:
        return [
            (names.get(s.value_id, s.value_id), s.label, str(s.upheld), str(s.departed),
             s.status.label)
            for s in slices
        ]  # fmt: skip

    def _evidence(self) -> None:
        row = self.values_view.currentIndex().row()
        if not 0 <= row < len(self.audit.values):
            self.evidence_title.setText("")
            self.evidence_model.set_rows([])
            return
        value = self.audit.values[row]
        found = self.audit.evidence(value.value_id)
        self.evidence_title.setText(
            self.tr("Decisions that put “{0}” at stake ({1}):").format(value.name, len(found))
            if found
            else self.tr("No recorded decision has put “{0}” at stake yet.").format(value.name)
        )
        self.evidence_model.set_rows(
            [
                (
                    fmt_date(d.decided_on, short=True),
                    d.initiative_name,
                    d.title,
                    self.tr("Upheld")
                    if d.stance_on(value.value_id) is ValueStance.UPHELD
                    else self.tr("Departed from"),
                    d.pressure or "—",
                    d.actual_logic or "—",
                )
                for d in found
            ]
        )

    def _edit_values(self) -> None:
        from avi_desktop.ui.values_dialog import run_values_dialog

        run_values_dialog(self.host)
        self.refresh()


def run_values_audit(host: FlowHost) -> None:
    """Show the values audit of the open portfolio."""
    if host.store is None:
        return
    try:
        view = ValuesAuditView(host)
    except AviError as exc:
        host.show_error(exc.message)
        return
    view.exec()
