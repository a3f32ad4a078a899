"""The decision editor: every field of the decision log (PRODUCT.md §2).

Date, the decision, who decided, the pressure at stake, each stated value upheld, departed from
or not at stake (one choice per value, so a value is never both), the logic that actually drove
it, the value-consistent decision and its cost, and who would have argued differently. A
retired value is offered only on a decision that already has it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import ValueStance
from avi_desktop.ui import style

if TYPE_CHECKING:
    from avi_desktop.model.entities import Decision, StatedValue

TEXT_FIELDS: tuple[str, ...] = (
    "title", "decided_by", "pressure", "situation", "actual_logic",
    "cost_of_decision_not_made", "argued_by",
)  # fmt: skip


def fields_of(decision: Decision) -> dict[str, Any]:
    """A decision's editable fields and stances, for the editor and for comparing after it."""
    data: dict[str, Any] = {name: getattr(decision, name) or "" for name in TEXT_FIELDS}
    data["decided_on"] = decision.decided_on
    data["stances"] = {s.value_id: ValueStance(s.stance) for s in decision.stances}
    return data


class DecisionEditor(QDialog):
    """Add or edit one decision; the date and the decision itself are required."""

    def __init__(
        self,
        parent: QWidget | None,
        values: Sequence[StatedValue],
        initial: Mapping[str, Any] | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit decision") if editing else self.tr("Log a decision"))
        self.setAccessibleName(self.windowTitle())
        initial = dict(initial or {})
        stances: dict[str, ValueStance] = dict(initial.get("stances") or {})
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        style.window_dates(self.date)
        when = initial.get("decided_on") or date.today()
        self.date.setDate(QDate(when.year, when.month, when.day))
        self.title = QLineEdit(str(initial.get("title", "")))
        self.decided_by = QLineEdit(str(initial.get("decided_by", "")))
        self.pressure = self._text(initial, "pressure", 3)
        self.situation = self._text(initial, "situation", 3)
        self.actual_logic = self._text(initial, "actual_logic", 3)
        self.cost_of_decision_not_made = self._text(initial, "cost_of_decision_not_made", 4)
        self.argued_by = self._text(initial, "argued_by", 2)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, self.tr("Da&te decided"), self.date)
        self._row(form, self.tr("&Decision (required)"), self.title)
        self._row(form, self.tr("Decided &by"), self.decided_by)
        self._row(form, self.tr("&Pressure at stake"), self.pressure)
        self._row(form, self.tr("&Situation"), self.situation)
        self._row(form, self.tr("&Logic that actually drove it"), self.actual_logic)
        self._row(
            form, self.tr("&Value-consistent alternative and its cost"),
            self.cost_of_decision_not_made,
        )  # fmt: skip
        self._row(form, self.tr("Would have &argued differently"), self.argued_by)

        self.stance_boxes: dict[str, QComboBox] = {}
        offered = [v for v in values if v.retired_on is None or v.id in stances]
        values_box = QGroupBox(self.tr("Stated values"))
        values_form = QFormLayout(values_box)
        if offered:
            hint = QLabel(self.tr("For each value: upheld, departed from, or not at stake."))
            hint.setWordWrap(True)
            values_form.addRow(hint)
        if not offered:
            none = QLabel(
                self.tr(
                    "No stated value is recorded yet. Add the organisation's values with "
                    "Edit ▸ Stated values…, then say here which the decision upheld."
                )
            )
            none.setWordWrap(True)
            values_form.addRow(none)
        for value in offered:
            box = QComboBox()
            box.addItem(self.tr("Not at stake"), "")
            box.addItem(self.tr("Upheld"), ValueStance.UPHELD.value)
            box.addItem(self.tr("Departed from"), ValueStance.DEPARTED.value)
            stance = stances.get(value.id)
            box.setCurrentIndex(max(box.findData(stance.value if stance else ""), 0))
            name = value.name + (self.tr(" (retired)") if value.retired_on else "")
            label = QLabel(name.replace("&", "&&"))  # a name's "&" is text, not a mnemonic
            label.setWordWrap(True)
            label.setBuddy(box)
            box.setAccessibleName(name)
            if value.description:
                box.setToolTip(value.description)
                label.setToolTip(value.description)
            values_form.addRow(label, box)
            self.stance_boxes[value.id] = box
        values_box.setFlat(True)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(values_box)
        scroll.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

        self.error = style.mark_error(QLabel())
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        columns.addLayout(form, 3)
        columns.addWidget(scroll, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 150, self.sizeHint().height())

    def _text(self, initial: Mapping[str, Any], name: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(str(initial.get(name) or ""))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(self.fontMetrics().height() * (lines + 1))
        return edit

    @staticmethod
    def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").replace(" (required)", ""))
        form.addRow(label, widget)

    def set_stance(self, value_id: str, stance: ValueStance | None) -> None:
        """Choose a value's stance (None: not at stake), as a user would."""
        box = self.stance_boxes[value_id]
        box.setCurrentIndex(box.findData(stance.value if stance else ""))

    def values(self) -> dict[str, Any]:
        """The fields as ``store.add_decision`` / ``update_decision`` take them."""
        day = self.date.date()
        data: dict[str, Any] = {
            "decided_on": date(day.year(), day.month(), day.day()),
            "title": self.title.text().strip(),
            "decided_by": self.decided_by.text().strip(),
        }
        for name in ("pressure", "situation", "actual_logic", "cost_of_decision_not_made"):
            data[name] = getattr(self, name).toPlainText().strip()
        data["argued_by"] = self.argued_by.toPlainText().strip()
        data["stances"] = {
            value_id: ValueStance(str(box.currentData()))
            for value_id, box in self.stance_boxes.items()
            if box.currentData()
        }
        return data

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Say what was decided."))
            self.title.setFocus()
            return
        super().accept()
