"""The action editor: a follow-up action's title, imperative, owner, due date, status and note.

Filled in from a recommendation (its title, its imperative and what it answers) or empty;
``values()`` returns the fields for ``store.add_action`` / ``update_action``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import ActionStatus, Imperative, Layer, PatternId
from avi_desktop.ui import style

if TYPE_CHECKING:
    from avi_desktop.model.entities import Action
    from avi_desktop.model.results import Recommendation


def from_recommendation(rec: Recommendation) -> dict[str, Any]:
    """An action's fields as a recommendation suggests them; ``source`` says what it answers."""
    return {
        "title": rec.title,
        "imperative": rec.imperative,
        "detail": rec.detail,
        "source": {"recommendation": rec.id, "answers": rec.source},
    }


def _answers_label(source: Mapping[str, Any]) -> str:
    """What an action answers, in words: a pattern's or layer's name, else the item id."""
    key = str(source.get("answers") or source.get("recommendation") or "")
    for kind in (PatternId, Layer):
        if key in kind.__members__.values():
            return kind(key).label
    return key


def fields_of(action: Action) -> dict[str, Any]:
    """An action's editable fields, for the editor."""
    return {
        "title": action.title,
        "imperative": action.imperative,
        "owner": action.owner,
        "due_on": action.due_on,
        "status": action.status,
        "detail": action.detail,
        "source": dict(action.source or {}),
    }


class ActionEditor(QDialog):
    """Add or edit one follow-up action; the title is required."""

    def __init__(
        self,
        parent: QWidget | None = None,
        initial: Mapping[str, Any] | None = None,
        *,
        editing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit action") if editing else self.tr("New action"))
        self.setAccessibleName(self.windowTitle())
        initial = dict(initial or {})
        self._source = dict(initial.get("source") or {})
        form = QFormLayout()
        self.title = QLineEdit(str(initial.get("title", "")))
        self.imperative = QComboBox()
        for imperative in Imperative:
            self.imperative.addItem(imperative.label, imperative.value)
        self.owner = QLineEdit(str(initial.get("owner", "")))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        style.window_dates(self.due)
        self.has_due = QCheckBox(self.tr("&Due by"))
        self.has_due.toggled.connect(self.due.setEnabled)
        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.detail = QPlainTextEdit(str(initial.get("detail", "")))
        self.detail.setTabChangesFocus(True)
        self.detail.setFixedHeight(self.fontMetrics().height() * 6)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        self._row(form, self.tr("&Title (required)"), self.title)
        self._row(form, self.tr("&Imperative"), self.imperative)
        self._row(form, self.tr("&Owner"), self.owner)
        form.addRow(self.tr("Due date"), due_row)
        self.due.setAccessibleName(self.tr("Due date"))
        self._row(form, self.tr("&Status"), self.status)
        self._row(form, self.tr("&Note"), self.detail)
        answers = _answers_label(self._source)
        self.source_note = QLabel(self.tr("Answers: {0}").format(answers) if answers else "")
        self.source_note.setWordWrap(True)
        self.source_note.setVisible(bool(answers))
        self.error = style.mark_error(QLabel())
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.source_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self._set_combo(self.imperative, initial.get("imperative"))
        self._set_combo(self.status, initial.get("status") or ActionStatus.OPEN)
        due = initial.get("due_on")
        self.has_due.setChecked(isinstance(due, date))
        self.due.setEnabled(isinstance(due, date))
        when = due if isinstance(due, date) else date.today()
        self.due.setDate(QDate(when.year, when.month, when.day))

    @staticmethod
    def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").replace(" (required)", ""))
        form.addRow(label, widget)

    @staticmethod
    def _set_combo(combo: QComboBox, value: Any) -> None:
        if value is not None:
            combo.setCurrentIndex(max(combo.findData(str(value)), 0))

    def values(self) -> dict[str, Any]:
        """The fields as ``store.add_action`` / ``update_action`` take them."""
        day = self.due.date()
        due = date(day.year(), day.month(), day.day()) if self.has_due.isChecked() else None
        return {
            "title": self.title.text().strip(),
            "imperative": Imperative(str(self.imperative.currentData())),
            "owner": self.owner.text().strip(),
            "due_on": due,
            "status": ActionStatus(str(self.status.currentData())),
            "detail": self.detail.toPlainText().strip(),
            "source": self._source,
        }

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("Enter a title for the action."))
            self.title.setFocus()
            return
        super().accept()
