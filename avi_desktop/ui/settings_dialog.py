"""Portfolio settings: organisation, classification label, layer targets, stated values.

These live in the portfolio file (not in QSettings) and are written through the store.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import DEFAULT_TARGET, LAYERS, Layer
from avi_desktop.model.errors import AviError
from avi_desktop.model.store.settings import checked_currency
from avi_desktop.ui import style
from avi_desktop.ui.undo import ChangeSettings, EditStatedValue, record_change

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.host import FlowHost
    from avi_desktop.ui.undo import Changed, Failed, StoreCommand


def _targets_of(settings: Any) -> dict[Layer, float]:
    raw = getattr(settings, "targets", None) or {}
    return {layer: float(raw.get(layer, raw.get(layer.value, DEFAULT_TARGET))) for layer in LAYERS}


class SettingsDialog(QDialog):
    """Edits the portfolio's settings; values are written in ``save`` through the store."""

    def __init__(
        self,
        store: PortfolioStore,
        parent: QWidget | None = None,
        *,
        changed: Changed | None = None,
        failed: Failed | None = None,
    ) -> None:
        super().__init__(parent)
        # Every write made here, already run, for the host's undo stack (oldest first).
        self.commands: list[StoreCommand] = []
        self._changed: Changed = changed or (lambda _id: None)
        self._failed: Failed = failed or (lambda _message: None)
        self.setWindowTitle(self.tr("Portfolio settings"))
        self.setAccessibleName(self.windowTitle())
        self.store = store
        settings = store.settings()
        form = QFormLayout()
        self.organisation = QLineEdit(getattr(settings, "organisation", "") or "")
        self.classification = QLineEdit(getattr(settings, "classification", "") or "")
        self._row(form, self.tr("&Organisation"), self.organisation)
        self._row(form, self.tr("Default &classification label"), self.classification)
        self.currency = QLineEdit(getattr(settings, "currency", "") or "")
        self.currency.setPlaceholderText(self.tr("GBP, EUR, USD, £ …"))
        self.currency.setToolTip(
            self.tr("What investments are in where the initiative's KPI names no currency.")
        )
        self._row(form, self.tr("C&urrency"), self.currency)
        hint = QLabel(self.tr("Printed in the header and footer of every briefing page."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        targets_box = QGroupBox(self.tr("Layer targets (0–100)"))
        targets_form = QFormLayout(targets_box)
        targets_hint = QLabel(
            self.tr(
                "The score each layer should reach; gaps and bands are measured against it. "
                "An assessment keeps the targets in force when it was started; a change "
                "applies to new assessments of initiatives without their own target."
            )
        )
        targets_hint.setWordWrap(True)
        targets_form.addRow(targets_hint)
        self.targets: dict[Layer, QDoubleSpinBox] = {}
        for layer, value in _targets_of(settings).items():
            spin = QDoubleSpinBox()
            spin.setRange(0.0, 100.0)
            spin.setDecimals(1)
            spin.setValue(value)
            self._row(targets_form, self.tr(layer.label), spin)
            self.targets[layer] = spin
            spin.valueChanged.connect(self._show_reach)
        self.reach = QLabel()
        self.reach.setWordWrap(True)
        self.reach.setAccessibleName(self.tr("Which assessments the targets reach"))
        targets_form.addRow(self.reach)

        values_box = QGroupBox(self.tr("Stated AI values"))
        values_layout = QVBoxLayout(values_box)
        explain = QLabel(
            self.tr(
                "The values or principles the organisation says it holds for AI. Decisions "
                "recorded for an initiative are checked against them to show the gap between "
                "stated and enacted values."
            )
        )
        explain.setWordWrap(True)
        self.values = QListWidget()
        self.values.setAccessibleName(self.tr("Stated values"))
        self.values.itemActivated.connect(self.edit_value)
        add = QPushButton(self.tr("&Add value…"))
        add.setAccessibleName(self.tr("Add a stated value"))
        add.clicked.connect(self.add_value)
        edit = self.edit_button = QPushButton(self.tr("Ed&it value…"))
        edit.setAccessibleName(self.tr("Edit the selected stated value"))
        edit.clicked.connect(lambda: self.edit_value(self.values.currentItem()))
        self.values.currentItemChanged.connect(lambda *_: self._selection_changed())
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(add)
        buttons_row.addWidget(edit)
        buttons_row.addStretch(1)
        values_layout.addWidget(explain)
        values_layout.addWidget(self.values)
        values_layout.addLayout(buttons_row)
        self.error = style.mark_error(QLabel())
        self.error.setAccessibleName(self.tr("Problem"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(style.bold_title(targets_box))
        layout.addWidget(style.bold_title(values_box), 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._load_values()
        self.values.setMinimumHeight(self.fontMetrics().height() * 8)
        self.setMinimumSize(
            self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 46
        )

    @staticmethod
    def _row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", ""))
        form.addRow(label, widget)

    def _load_values(self, select_id: str = "") -> None:
        self.values.clear()
        for value in self.store.stated_values():
            item = QListWidgetItem(value.name)
            item.setToolTip(value.description)
            item.setData(Qt.ItemDataRole.UserRole, value.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, value.description)
            self.values.addItem(item)
            if value.id == select_id:
                self.values.setCurrentItem(item)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.edit_button.setEnabled(self.values.currentItem() is not None)

    def _ask_value(self, name: str = "", description: str = "") -> tuple[str, str] | None:
        new_name, ok = QInputDialog.getText(
            self, self.tr("Stated value"), self.tr("Name:"), text=name
        )
        if not ok or not new_name.strip():
            return None
        new_description, ok = QInputDialog.getMultiLineText(
            self, self.tr("Stated value"), self.tr("What it means in practice:"), description
        )
        return (new_name.strip(), new_description.strip()) if ok else None

    def add_value(self) -> None:
        answer = self._ask_value()
        if answer is None:
            return
        try:
            value_id = self.store.add_stated_value(answer[0], answer[1])
            self.commands.append(
                record_change(
                    self.tr("Add stated value “{0}”").format(answer[0]),
                    self.store,
                    AuditEntity.STATED_VALUE,
                    value_id,
                    None,
                    select_id=None,
                    changed=self._changed,
                    failed=self._failed,
                )
            )
        except AviError as exc:
            self.error.setText(exc.message)
            return
        self.error.clear()
        self._load_values(str(value_id))

    def edit_value(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        answer = self._ask_value(item.text(), str(item.data(Qt.ItemDataRole.UserRole + 1) or ""))
        if answer is None:
            return
        value_id = str(item.data(Qt.ItemDataRole.UserRole))
        before = (item.text(), str(item.data(Qt.ItemDataRole.UserRole + 1) or ""))
        command = EditStatedValue(
            self.store, value_id, before, answer, changed=self._changed, failed=self._failed
        )
        if command.is_empty:
            return
        try:
            command.apply()
        except AviError as exc:
            self.error.setText(exc.message)
            return
        self.commands.append(command)
        self.error.clear()
        self._load_values(value_id)

    def _show_reach(self) -> None:
        """Say, as the targets are edited, which initiatives and assessments they reach."""
        from avi_desktop.ui.target_change import reach_text

        try:
            reach = self.store.target_reach(self._new_targets())
        except AviError as exc:
            self.reach.setText(exc.message)
            return
        self.reach.setText(reach_text(reach))

    def _new_targets(self) -> dict[Layer, float]:
        return {layer: spin.value() for layer, spin in self.targets.items()}

    def save(self) -> bool:
        from avi_desktop.ui import target_change

        try:
            before = self.store.settings()
            after = replace(
                before,
                organisation=self.organisation.text().strip(),
                classification=self.classification.text().strip(),
                targets=self._new_targets(),
                currency=checked_currency(self.currency.text()),
            )
            reach = self.store.target_reach(after.targets)
            choice = target_change.ask(self, reach) if reach.existing else target_change.KEEP
            if choice is None:
                return False
            command: ChangeSettings = ChangeSettings(
                self.store, before, after, changed=self._changed, failed=self._failed
            )
            if choice == target_change.REEVALUATE:
                command = target_change.ChangeTargetsAndReevaluate(
                    self.store, before, after, reach, changed=self._changed, failed=self._failed
                )
            if not command.is_empty:
                command.apply()
                self.commands.append(command)
        except AviError as exc:
            self.error.setText(exc.message)
            return False
        return True

    def accept(self) -> None:
        if self.save():
            super().accept()


def run_settings_dialog(host: FlowHost) -> None:
    """Edit the portfolio's settings; the table shows them again, keeping its selection."""
    store = host.store
    if store is None:
        return
    dialog = SettingsDialog(
        store, host.parent_widget(), changed=host.changed, failed=host.show_error
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    for command in dialog.commands:  # stated values are written as they are edited
        host.undo_stack.push(command)
    if accepted or dialog.commands:
        chosen = host.selected()
        host.changed(chosen.id if chosen else None)
