"""The organisation's stated values: add, reword, retire (or take back into use) and delete.

A value a decision refers to is never deleted (the store refuses, and the dialog says why and
offers retiring instead): a retired value stays on the decisions that have it but is offered
for no new one. Each change is an undoable command.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.errors import AviError
from avi_desktop.model.results import fmt_date
from avi_desktop.model.values_audit import values_audit
from avi_desktop.ui import style
from avi_desktop.ui.records_model import RecordsModel, records_view
from avi_desktop.ui.undo import RecordCommand, push_saved

if TYPE_CHECKING:
    from collections.abc import Callable

    from avi_desktop.model.entities import StatedValue
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.model.store.records import SavedRecord
    from avi_desktop.ui.host import FlowHost


class ValueForm(QDialog):
    """A stated value's name and what it means."""

    def __init__(self, parent: QWidget | None, name: str = "", description: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stated value"))
        self.name = QLineEdit(name)
        self.name.setAccessibleName(self.tr("Name"))
        self.description = QPlainTextEdit(description)
        self.description.setAccessibleName(self.tr("What it means"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.fontMetrics().height() * 5)
        form = QFormLayout()
        form.addRow(self.tr("&Name (required)"), self.name)
        form.addRow(self.tr("What it &means"), self.description)
        self.error = style.mark_error(QLabel())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Enter the value as the organisation states it."))
            return
        super().accept()


class ValuesDialog(QDialog):
    """The stated values with how many decisions refer to each."""

    def __init__(self, host: FlowHost) -> None:
        super().__init__(host.parent_widget())
        self.host = host
        self.setWindowTitle(self.tr("Stated values"))
        self.setAccessibleName(self.windowTitle())
        self.model = RecordsModel(
            [self.tr("Stated value"), self.tr("What it means"), self.tr("Decisions"),
             self.tr("In use")],
            self, numeric=(2,),
        )  # fmt: skip
        self.view = records_view(self.model, self.tr("Stated values"), wrap=(0, 1))
        self.view.setMinimumHeight(self.fontMetrics().height() * 14)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.note = QLabel(
            self.tr(
                "A value a decision refers to cannot be deleted: retire it instead. A retired "
                "value stays on the decisions that have it and is offered for no new one."
            )
        )
        self.note.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.edit_button = QPushButton(self.tr("&Rename or reword…"))
        self.retire_button = QPushButton(self.tr("Re&tire"))
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.add_button.clicked.connect(self.add_value)
        self.edit_button.clicked.connect(self.edit_value)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.delete_button.clicked.connect(self.delete_value)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.retire_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self._values: list[StatedValue] = []
        self._counts: dict[str, int] = {}
        self.refresh()

    def refresh(self, select_id: str | None = None) -> None:
        """Read the values again, keeping (or moving to) a selection."""
        store = self.host.store
        if store is None:
            return
        current = select_id or self._current_id()
        self._values = store.stated_values()
        audit = values_audit(self._values, store.decisions())
        self._counts = {v.value_id: v.tested for v in audit.values}
        self.model.set_rows(
            [
                (
                    v.name,
                    v.description or "—",
                    str(self._counts.get(v.id, 0)),
                    self.tr("Retired {0}").format(fmt_date(v.retired_on))
                    if v.retired_on
                    else self.tr("Yes"),
                )
                for v in self._values
            ]
        )
        ids = [v.id for v in self._values]
        if ids:
            self.view.selectRow(ids.index(current) if current in ids else 0)
        self._update_buttons()

    def _current(self) -> StatedValue | None:
        row = self.view.currentIndex().row()
        return self._values[row] if 0 <= row < len(self._values) else None

    def _current_id(self) -> str | None:
        value = self._current()
        return value.id if value else None

    def _update_buttons(self) -> None:
        value = self._current()
        writable = self.host.store is not None and not self.host.store.read_only
        self.add_button.setEnabled(writable)
        for button in (self.edit_button, self.retire_button, self.delete_button):
            button.setEnabled(writable and value is not None)
        self.retire_button.setText(
            self.tr("&Use again") if value and value.retired_on else self.tr("Re&tire")
        )
        referred = bool(value and self._counts.get(value.id))
        self.delete_button.setEnabled(writable and value is not None and not referred)
        self.delete_button.setToolTip(
            self.tr("A decision refers to this value: retire it instead.") if referred else ""
        )

    def _selected_initiative(self) -> str | None:
        chosen = self.host.selected()
        return chosen.id if chosen else None

    def add_value(self) -> None:
        form = ValueForm(self)
        if form.exec() == ValueForm.DialogCode.Accepted:
            self.save_new(form.name.text(), form.description.toPlainText())

    def save_new(self, name: str, description: str = "") -> str | None:
        """Record a new value (undoable); its id, or None when the store refused it."""
        store = self.host.store
        assert store is not None
        try:
            value_id = store.add_stated_value(name, description)
        except AviError as exc:
            self.host.show_error(exc.message)
            return None
        self._push(self.tr("Add stated value “{0}”").format(name.strip()), value_id, None)
        return value_id

    def edit_value(self) -> None:
        value = self._current()
        if value is None:
            return
        form = ValueForm(self, value.name, value.description)
        if form.exec() == ValueForm.DialogCode.Accepted:
            self.save_wording(value, form.name.text(), form.description.toPlainText())

    def save_wording(self, value: StatedValue, name: str, description: str) -> None:
        """Rename or reword a value (undoable); decisions keep their link to it."""
        text = self.tr("Edit stated value “{0}”").format(name.strip())
        self._change(
            value, text, lambda store: store.update_stated_value(value.id, name=name,
                                                                 description=description)
        )  # fmt: skip

    def toggle_retired(self) -> None:
        """Retire the selected value from today, or take a retired one back into use."""
        value = self._current()
        if value is None:
            return
        when = None if value.retired_on else date.today()
        text = (
            self.tr("Retire stated value “{0}”") if when else self.tr("Use “{0}” again")
        ).format(value.name)
        self._change(value, text, lambda store: store.retire_stated_value(value.id, when))

    def _change(
        self, value: StatedValue, text: str, write: Callable[[PortfolioStore], None]
    ) -> None:
        store = self.host.store
        assert store is not None
        try:
            before = store.export_record(AuditEntity.STATED_VALUE, value.id)
            write(store)
        except AviError as exc:
            self.host.show_error(exc.message)
            return
        self._push(text, value.id, before)

    def delete_value(self) -> None:
        value = self._current()
        store = self.host.store
        if value is None or store is None:
            return
        try:
            before = store.export_record(AuditEntity.STATED_VALUE, value.id)
            command = RecordCommand(
                self.tr("Delete stated value “{0}”").format(value.name), store, value.id,
                before, None, entity=AuditEntity.STATED_VALUE,
                select_id=self._selected_initiative(), changed=self.host.changed,
                failed=self.host.show_error,
            )  # fmt: skip
            command.apply()
        except AviError as exc:
            self.host.show_error(exc.message)
            return
        self.host.undo_stack.push(command)
        self.refresh()

    def _push(self, text: str, value_id: str, before: SavedRecord | None) -> None:
        push_saved(
            self.host, text, AuditEntity.STATED_VALUE, value_id, before,
            select_id=self._selected_initiative(),
        )  # fmt: skip
        self.refresh(value_id)


def run_values_dialog(host: FlowHost) -> None:
    """Show the stated values of the open portfolio."""
    if host.store is None:
        return
    try:
        dialog = ValuesDialog(host)
    except AviError as exc:
        host.show_error(exc.message)
        return
    dialog.exec()
