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
from avi_desktop.model.formatting import fmt_percent
from avi_desktop.model.results import fmt_date
from avi_desktop.model.values_audit import (
    ValueRecord,
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


HOW = (
    "A value departed from at least once when it was at stake and never upheld is "
    "aspirational (stated, not enacted when it counted); a value no recorded decision has put "
    "at stake is untested; the rest are operational."
)
VALUE_HEADER_TIPS = (
    "A value the organisation states it holds for AI (Edit ▸ Stated values…).",
    "What the decisions make of it. " + HOW,
    "How many recorded decisions kept to this value when it was at stake.",
    "How many recorded decisions went against this value when it was at stake.",
    "Departed from ÷ the decisions that put the value at stake (upheld + departed from), as a "
    "percentage: the share of the time the stated value was not enacted. — when none has.",
)


def value_tip(value: ValueRecord, decisions: int) -> str:
    """One stated value's row: its counts, its gap with the sum, its status and why."""
    if not value.tested:
        return (
            f"{value.name}: untested. None of the {decisions} recorded decisions has put it at "
            "stake, so it has no enactment gap yet."
        )
    gap = fmt_percent(value.enactment_gap or 0.0)
    return (
        f"{value.name}: at stake in {value.tested} of the {decisions} recorded decisions: "
        f"upheld in {value.upheld}, departed from in {value.departed}. Enactment gap "
        f"{value.departed} ÷ {value.tested} = {gap}. {value.status.label}: "
        f"{status_tip(value.status)}"
    )


def slice_tip(value_name: str, found: ValueSlice, by: str) -> str:
    """One value within one initiative or quarter: the counts and the status they give."""
    return (
        f"{value_name} in {found.label}: at stake in {found.upheld + found.departed} recorded "
        f"decision(s) of this {by}: upheld in {found.upheld}, departed from in "
        f"{found.departed}. {found.status.label} here: {status_tip(found.status)}"
    )


def slice_header_tips(by: str) -> tuple[str, ...]:
    return (
        VALUE_HEADER_TIPS[0],
        "The initiative the decisions were taken for."
        if by == "initiative"
        else "The calendar quarter the decisions were taken in (2026 Q1: January to March).",
        f"Decisions of this {by} that kept to the value when it was at stake.",
        f"Decisions of this {by} that went against the value when it was at stake.",
        f"What this {by}'s decisions alone make of the value. " + HOW,
    )


EVIDENCE_HEADER_TIPS = (
    "The day the decision was taken.",
    "The initiative it was taken for.",
    "What was decided.",
    "Whether the decision upheld the selected value or departed from it.",
    "What was pressing when the value was at stake (deadline, cost, competitor, …).",
    "The logic that actually drove the decision, whatever the stated values say.",
)


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
            self, numeric=(2, 3, 4), header_tips=VALUE_HEADER_TIPS,
        )  # fmt: skip
        self.values_view = records_view(self.values_model, self.tr("Stated values"), wrap=(0,))
        self.values_view.selectionModel().currentRowChanged.connect(lambda *_: self._evidence())
        self.initiative_model = self._slice_model(self.tr("Initiative"), "initiative")
        self.quarter_model = self._slice_model(self.tr("Quarter"), "quarter")
        self.initiative_view = records_view(
            self.initiative_model, self.tr("By initiative"), wrap=(0, 1)
        )
        self.quarter_view = records_view(
            self.quarter_model, self.tr("Over time, by quarter"), wrap=(0,)
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.values_view, self.tr("&Overall"))
        self.tabs.addTab(self.initiative_view, self.tr("By &initiative"))
        self.tabs.addTab(self.quarter_view, self.tr("Over &time"))
        self.evidence_title = QLabel()
        self.evidence_title.setWordWrap(True)
        self.evidence_model = RecordsModel(
            [self.tr("Date"), self.tr("Initiative"), self.tr("Decision"), self.tr("The value"),
             self.tr("Pressure at stake"), self.tr("Logic that drove it")],
            self, header_tips=EVIDENCE_HEADER_TIPS,
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

    def _slice_model(self, what: str, by: str) -> RecordsModel:
        headers = [self.tr("Stated value"), what, self.tr("Upheld"), self.tr("Departed from"),
                   self.tr("Status")]  # fmt: skip
        return RecordsModel(headers, self, numeric=(2, 3), header_tips=slice_header_tips(by))

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
            gap = fmt_percent(v.enactment_gap)
            rows.append((name, v.status.label, str(v.upheld), str(v.departed), gap))
            tips.append(value_tip(v, len(audit.decisions)))
        self.values_model.set_rows(rows, tips)
        names = {v.value_id: v.name for v in audit.values}
        for model, by, found in (
            (self.initiative_model, "initiative", audit.by_initiative()),
            (self.quarter_model, "quarter", audit.by_quarter()),
        ):
            model.set_rows(
                self._slices(found, names),
                [slice_tip(names.get(f.value_id, f.value_id), f, by) for f in found],
            )
        self._explain(audit, counts)
        if rows:
            self.values_view.selectRow(0)
        self._evidence()

    def _explain(self, audit: ValuesAudit, counts: dict[ValueStatus, int]) -> None:
        """What's This and hover on every figure: what it is, how, from how many decisions."""
        n, d = len(audit.values), len(audit.decisions)
        summary = (
            f"The values decision audit: each of the {n} stated values against the {d} recorded "
            f"decisions, each of which logs the stated values it upheld or departed from when "
            f"they were at stake. {counts[ValueStatus.OPERATIONAL]} operational, "
            f"{counts[ValueStatus.ASPIRATIONAL]} aspirational, "
            f"{counts[ValueStatus.UNTESTED]} untested. {HOW}"
        )
        self.summary.setToolTip(summary)
        self.summary.setWhatsThis(summary)
        per = "Point at a row for its figures and how they were computed."
        self.values_view.setWhatsThis(
            f"Each stated value against the {d} recorded decisions: how many upheld it, how "
            "many departed from it, and the enactment gap = departed from ÷ (upheld + departed "
            f"from). {HOW} Select a value to see the decisions below. {per}"
        )
        for view, by in ((self.initiative_view, "initiative"), (self.quarter_view, "quarter")):
            view.setWhatsThis(
                f"The same counts, {by} by {by}: for each stated value and {by}, how many of "
                f"that {by}'s decisions upheld it or departed from it, and the status those "
                f"decisions alone give it. From the {d} recorded decisions. {per}"
            )

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
            self.evidence_view.setWhatsThis(
                "The recorded decisions that put the selected stated value at stake."
            )
            self.evidence_title.setText("")
            self.evidence_model.set_rows([])
            return
        value = self.audit.values[row]
        found = self.audit.evidence(value.value_id)
        evidence = (
            f"The {len(found)} of the {len(self.audit.decisions)} recorded decisions that put "
            f"“{value.name}” at stake, newest first: each says whether it upheld the value or "
            "departed from it, what was pressing, and the logic that actually drove it. They "
            "give the counts and the status above."
        )
        self.evidence_title.setToolTip(evidence)
        self.evidence_title.setWhatsThis(evidence)
        self.evidence_view.setWhatsThis(evidence)
        self.evidence_title.setText(
            self.tr("Decisions that put “{0}” at stake ({1}):").format(value.name, len(found))
            if found
            else self.tr("No recorded decision has put “{0}” at stake yet.").format(value.name)
        )
        rows, tips = [], []
        for d in found:
            upheld = d.stance_on(value.value_id) is ValueStance.UPHELD
            stance = self.tr("Upheld") if upheld else self.tr("Departed from")
            rows.append(
                (fmt_date(d.decided_on, short=True), d.initiative_name, d.title, stance,
                 d.pressure or "—", d.actual_logic or "—")
            )  # fmt: skip
            tips.append(
                f"{d.title} ({fmt_date(d.decided_on)}, {d.initiative_name}): "
                f"{stance.lower()} “{value.name}”. Decided by {d.decided_by or 'not recorded'}; "
                f"the cost of the decision not made: "
                f"{d.cost_of_decision_not_made.rstrip('.') or '—'}."
            )
        self.evidence_model.set_rows(rows, tips)

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
