"""One input per necessity question, chosen by its kind (text, choice, yes/no, number)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.necessity import NecessityQuestion
from avi_desktop.ui.initiative_dialog import parse_number
from avi_desktop.ui.style import mark_error


class QuestionWidget(QWidget):
    """``value()`` is None when unanswered; raises ValueError for a number that is not one."""

    changed = Signal()

    def __init__(self, question: NecessityQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # Most questions are required: marking the few optional ones reads more calmly.
        text = escape(question.text)
        if not question.required:
            text += " <span style='font-weight: normal'>" + escape(self.tr("(optional)"))
            text += "</span>"
        self.label = QLabel(f"<b>{text}</b>")
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        if question.help:
            hint = QLabel(question.help)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.error = mark_error(QLabel())
        self.group: QButtonGroup | None = None
        self.edit: QLineEdit | QPlainTextEdit | None = None
        self._keys: list[Any] = []
        if question.kind in ("yes_no", "choice"):
            options: list[tuple[Any, str]] = (
                [(True, self.tr("Yes")), (False, self.tr("No"))]
                if question.kind == "yes_no"
                else list(question.choices)
            )
            self.group = QButtonGroup(self)
            row = QHBoxLayout() if question.kind == "yes_no" else QVBoxLayout()
            for number, (key, label) in enumerate(options):
                button = QRadioButton(label)
                button.setAccessibleName(f"{question.text} {label}")
                self.group.addButton(button, number)
                self._keys.append(key)
                row.addWidget(button)
            if isinstance(row, QHBoxLayout):
                row.addStretch(1)
            layout.addLayout(row)
            self.group.idToggled.connect(self._toggled)
        elif question.kind == "number":
            self.edit = QLineEdit()
            self.edit.textChanged.connect(lambda _text: self.changed.emit())
            layout.addWidget(self.edit)
        else:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().height() * 3 + 12)
            self.edit.textChanged.connect(self.changed.emit)
            layout.addWidget(self.edit)
        if self.edit is not None:
            self.edit.setAccessibleName(question.text)
            self.label.setBuddy(self.edit)
        layout.addWidget(self.error)
        self.error.hide()

    def _toggled(self, _id: int, on: bool) -> None:
        if on:
            self.changed.emit()

    def value(self) -> Any:
        if self.group is not None:
            chosen = self.group.checkedId()
            return None if chosen < 0 else self._keys[chosen]
        if isinstance(self.edit, QLineEdit):
            return parse_number(self.edit.text())
        assert isinstance(self.edit, QPlainTextEdit)
        return self.edit.toPlainText().strip() or None

    def set_value(self, value: Any) -> None:
        if value is None:
            return
        if self.group is not None:
            if value in self._keys:
                button = self.group.button(self._keys.index(value))
                button.setChecked(True)
        elif isinstance(self.edit, QLineEdit):
            self.edit.setText(f"{value:g}" if isinstance(value, int | float) else str(value))
        elif isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(str(value))

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
