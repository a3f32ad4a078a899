"""Workshop > New workshop…: a workshop assessment for the selected initiative, with participants.

Participants are typed in (a display name or an anonymous code, a role, a stakeholder group) or
read from a CSV with the header ``name,role,stakeholder_group`` (``model.participants``, whose
error names the row). Before creating, the facilitator is warned when a group the initiative
affects has nobody in the room (issue 14): its view of value would be missing from the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity, utcnow
from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.errors import AviError
from avi_desktop.model.participants import Participant, create_workshop, read_participants
from avi_desktop.ui import style
from avi_desktop.ui.records_model import RecordsModel, records_view
from avi_desktop.ui.undo import push_saved

if TYPE_CHECKING:
    from avi_desktop.ui.host import FlowHost


def _tr(text: str) -> str:
    return QCoreApplication.translate("WorkshopSetup", text)


def missing_groups(
    affected: Sequence[str | StakeholderGroup], participants: Sequence[Participant]
) -> list[StakeholderGroup]:
    """The affected groups nobody among the participants belongs to, in the paper's order."""
    present = {p.group for p in participants}
    wanted = {StakeholderGroup(g) for g in affected if g in set(StakeholderGroup)}
    return [g for g in StakeholderGroup if g in wanted and g not in present]


def missing_groups_text(groups: Sequence[StakeholderGroup]) -> str:
    """The warning shown before creating; names each group and its view of value."""
    lines = "".join(f"\n• {g.label}: {g.primary_view.lower()}" for g in groups)
    return _tr(
        "No participant speaks for {0} of the groups this initiative affects:{1}\n\n"
        "Their view of value will be missing from the result. Create the workshop anyway?"
    ).format(len(groups), lines)


class WorkshopSetupDialog(QDialog):
    """Title, date and the participant list; ``participants()`` is what will be created."""

    def __init__(
        self,
        initiative_name: str,
        affected: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("workshop_setup")
        self.setWindowTitle(_tr("New workshop — {0}").format(initiative_name))
        self._affected = list(affected)
        self._participants: list[Participant] = []

        self.title = QLineEdit(_tr("Workshop {0}").format(utcnow().date().isoformat()))
        self.title.setAccessibleName(_tr("Workshop title"))
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        style.window_dates(self.date)
        self.date.setAccessibleName(_tr("Workshop date"))
        form = QFormLayout()
        form.addRow(_tr("&Title:"), self.title)
        form.addRow(_tr("&Date:"), self.date)

        self.name = QLineEdit()
        self.name.setPlaceholderText(_tr("Name or code, e.g. P01"))
        self.name.setAccessibleName(_tr("Participant name or code"))
        self.role = QLineEdit()
        self.role.setPlaceholderText(_tr("Role (optional)"))
        self.role.setAccessibleName(_tr("Participant role"))
        self.group = QComboBox()
        self.group.setAccessibleName(_tr("Stakeholder group"))
        for g in StakeholderGroup:
            self.group.addItem(g.label, g.value)
        self.add_button = QPushButton(_tr("&Add participant"))
        self.add_button.clicked.connect(self.add_typed)
        self.name.returnPressed.connect(self.add_typed)
        entry = QHBoxLayout()
        for widget in (self.name, self.role, self.group, self.add_button):
            entry.addWidget(widget)

        self.model = RecordsModel([_tr("Name or code"), _tr("Role"), _tr("Stakeholder group")])
        self.table = records_view(self.model, _tr("Participants"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.remove_button = QPushButton(_tr("&Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.csv_button = QPushButton(_tr("Add from &CSV…"))
        self.csv_button.clicked.connect(self.choose_csv)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.csv_button)
        buttons_row.addWidget(self.remove_button)
        buttons_row.addStretch(1)

        self.message = style.mark_error(QLabel())
        self.message.setWordWrap(True)
        self.message.hide()
        self.coverage = QLabel()
        self.coverage.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_tr("Create &workshop"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(_tr("Participants:")))
        layout.addLayout(entry)
        layout.addWidget(self.table)
        layout.addLayout(buttons_row)
        layout.addWidget(self.coverage)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 34)
        self._refresh()

    # -- the list ---------------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        return list(self._participants)

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _refresh(self) -> None:
        self.model.set_rows([(p.name, p.role, p.group.label) for p in self._participants])
        missing = missing_groups(self._affected, self._participants)
        count = len(self._participants)
        text = _tr("{0} participants.").format(count) if count != 1 else _tr("1 participant.")
        if missing:
            text += " " + _tr("Affected groups with nobody yet: {0}.").format(
                ", ".join(g.label for g in missing)
            )
        self.coverage.setText(text)
        self.remove_button.setEnabled(count > 0)

    def add(self, participants: Sequence[Participant]) -> bool:
        """Add participants; a name already on the list refuses the whole batch (said why)."""
        taken = {p.name.casefold() for p in self._participants}
        for p in participants:
            if p.name.casefold() in taken:
                self._say(
                    _tr(
                        "{0} is already on the list; give each participant a different name."
                    ).format(p.name)
                )
                return False
            taken.add(p.name.casefold())
        self._participants.extend(participants)
        self._say("")
        self._refresh()
        return True

    def add_typed(self) -> None:
        name = " ".join(self.name.text().split())
        if not name:
            self._say(_tr("Give a name or an anonymous code for the participant."))
            self.name.setFocus()
            return
        group = StakeholderGroup(self.group.currentData())
        if self.add([Participant(name, group, self.role.text().strip())]):
            self.name.clear()
            self.role.clear()
            self.name.setFocus()

    def add_csv(self, path: Path) -> bool:
        """Add the participants of a CSV; its error (naming the row) is shown, nothing added."""
        try:
            found = read_participants(path)
        except AviError as exc:
            self._say(exc.message)
            return False
        return self.add(found)

    def choose_csv(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            _tr("Participants list"),
            "",
            _tr("Participants CSV (name,role,stakeholder_group) (*.csv);;All files (*)"),
        )
        if name:
            self.add_csv(Path(name))

    def remove_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if not rows and self.table.currentIndex().isValid():
            rows = {self.table.currentIndex().row()}
        self._participants = [p for n, p in enumerate(self._participants) if n not in rows]
        self._refresh()

    # -- finishing ----------------------------------------------------------------------------

    def accept(self) -> None:
        if not self.title.text().strip():
            self._say(_tr("Give the workshop a title."))
            self.title.setFocus()
            return
        if not self._participants:
            self._say(_tr("Add at least one participant, by hand or from a CSV file."))
            return
        missing = missing_groups(self._affected, self._participants)
        if missing:
            answer = QMessageBox.question(
                self, _tr("Affected groups without a participant"), missing_groups_text(missing)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().accept()


def new_workshop(host: FlowHost) -> str | None:
    """Create a workshop assessment for the selected initiative; one undoable command."""
    store, chosen = host.store, host.selected()
    if store is None or chosen is None:
        host.show_error(_tr("Select the initiative the workshop is about first."))
        return None
    try:
        initiative = store.get_initiative(chosen.id)
        instrument = host.instrument()
    except AviError as exc:
        host.show_error(exc.message)
        return None
    dialog = WorkshopSetupDialog(
        chosen.name, list(initiative.affected_groups or []), host.parent_widget()
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    title = dialog.title.text().strip()
    try:
        assessment_id = create_workshop(
            store,
            chosen.id,
            title=title,
            participants=dialog.participants(),
            instrument=instrument,
            assessed_on=dialog.date.date().toPython(),  # type: ignore[arg-type]
        )
    except AviError as exc:
        host.show_error(exc.message)
        return None
    push_saved(
        host, _tr("New workshop “{0}”").format(title), AuditEntity.ASSESSMENT, assessment_id,
        None, select_id=chosen.id,
    )  # fmt: skip
    host.show_status(
        _tr("Workshop “{0}” created with {1} participants.").format(
            title, len(dialog.participants())
        ),
        8000,
    )
    return assessment_id
