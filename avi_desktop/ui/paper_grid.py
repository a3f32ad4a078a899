"""Answers from paper: a grid built for typing, one row per participant, one column per item.

Typing 1-5 or N fills the cell and moves on (to the next row at the end of one), so a sheet is
keyed in without touching the mouse; each row shows how many statements are still blank.
Saving is one store call (``record_responses``, all rows or none, in the audit trail) and one
command on the undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import AssessmentStatus
from avi_desktop.model.errors import AviError, ValidationError
from avi_desktop.model.store.responses import ResponseInput
from avi_desktop.ui.private_scoring import closed_message, participants
from avi_desktop.ui.scoring_pages import SCORE_KEYS

if TYPE_CHECKING:
    from avi_desktop.model.entities import Assessment
    from avi_desktop.model.instrument import Item
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.reports.questionnaire import Sheet
    from avi_desktop.ui.export import ExportController
    from avi_desktop.ui.host import FlowHost

Index = QModelIndex | QPersistentModelIndex
FIRST_ITEM = 2  # columns: participant, blank count, then the items
CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_Space, Qt.Key.Key_0)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PaperGrid", text)


class PaperGridModel(QAbstractTableModel):
    """Participants by items; a cell holds 1-5, None (not applicable) or nothing."""

    def __init__(self, assessment: Assessment, items: Sequence[Item]) -> None:
        super().__init__()
        self.items = list(items)
        self.people = participants(assessment)
        self.stored = [dict(p.answers) for p in self.people]
        self.cells = [dict(p.answers) for p in self.people]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else FIRST_ITEM + len(self.items)

    def blank(self, row: int) -> int:
        return sum(1 for item in self.items if item.id not in self.cells[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return Qt.AlignmentFlag.AlignCenter
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if role == Qt.ItemDataRole.ToolTipRole and column >= FIRST_ITEM:
                return self.items[column - FIRST_ITEM].text
            return None
        if column == 0:
            return self.people[row].name
        if column == 1:
            missing = self.blank(row)
            return _tr("complete") if missing == 0 else str(missing)
        item_id = self.items[column - FIRST_ITEM].id
        if item_id not in self.cells[row]:
            return ""
        value = self.cells[row][item_id]
        return "N" if value is None else str(value)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return _tr("Participant")
            if section == 1:
                return _tr("Blank")
            return self.items[section - FIRST_ITEM].id
        if role == Qt.ItemDataRole.ToolTipRole and section >= FIRST_ITEM:
            return self.items[section - FIRST_ITEM].text
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def put(self, row: int, column: int, value: int | None, clear: bool = False) -> str:
        """Set (or clear) a cell; returns a reason when the value is not allowed there."""
        item = self.items[column - FIRST_ITEM]
        if not clear and value is None and not item.allow_na:
            return _tr("{0} cannot be marked not applicable.").format(item.id)
        if clear:
            self.cells[row].pop(item.id, None)
        else:
            self.cells[row][item.id] = value
        self.dataChanged.emit(self.index(row, 1), self.index(row, column))
        return ""

    def changed_rows(self) -> list[int]:
        return [n for n in range(len(self.people)) if self.cells[n] != self.stored[n]]

    def responses(self) -> list[ResponseInput]:
        """The rows that changed, as whole responses for the store."""
        found = []
        for row in self.changed_rows():
            person = self.people[row]
            if not self.cells[row]:
                raise ValidationError(
                    _tr(
                        "Every answer of {0} was cleared; answers from paper replace a "
                        "participant's answers, they do not delete them. Put back at least one."
                    ).format(person.name)
                )
            found.append(
                ResponseInput(
                    name=person.name,
                    group=person.group,
                    answers=dict(self.cells[row]),
                    respondent_id=person.id,
                )
            )
        return found


class PaperGrid(QTableView):
    """The grid's keys: a score or N fills the cell and moves on; Delete or Space clears it."""

    def __init__(self, model: PaperGridModel, notice: QLabel) -> None:
        super().__init__()
        self.setObjectName("paper_grid")
        self.grid, self.notice = model, notice
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        width = self.fontMetrics().horizontalAdvance("XX-00") + 12
        for column in range(FIRST_ITEM, model.columnCount()):
            self.setColumnWidth(column, width)
        self.resizeColumnToContents(0)
        if model.rowCount():
            self.setCurrentIndex(model.index(0, FIRST_ITEM))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, index = event.key(), self.currentIndex()
        if not index.isValid() or index.column() < FIRST_ITEM:
            if key in SCORE_KEYS or key == Qt.Key.Key_N:
                self.setCurrentIndex(self.grid.index(max(index.row(), 0), FIRST_ITEM))
                index = self.currentIndex()
            else:
                super().keyPressEvent(event)
                return
        if key in SCORE_KEYS or key == Qt.Key.Key_N:
            value = SCORE_KEYS[Qt.Key(key)] if key in SCORE_KEYS else None
            reason = self.grid.put(index.row(), index.column(), value)
            self.notice.setText(reason)
            if not reason:
                self._advance(index)
        elif key in CLEAR_KEYS:
            self.grid.put(index.row(), index.column(), None, clear=True)
            self.notice.clear()
            if key == Qt.Key.Key_Backspace and index.column() > FIRST_ITEM:
                self.setCurrentIndex(self.grid.index(index.row(), index.column() - 1))
        else:
            super().keyPressEvent(event)

    def _advance(self, index: QModelIndex) -> None:
        row, column = index.row(), index.column() + 1
        if column >= self.grid.columnCount():
            row, column = row + 1, FIRST_ITEM
        if row < self.grid.rowCount():
            self.setCurrentIndex(self.grid.index(row, column))


class PaperGridDialog(QDialog):
    """The grid with its instructions; saving records every changed row at once."""

    def __init__(self, store: PortfolioStore, assessment: Assessment, items: Sequence[Item],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("paper_grid_dialog")
        self.setWindowTitle(_tr("Answers from paper — {0}").format(assessment.title))
        self.store, self.assessment_id = store, assessment.id
        self.saved: list[str] = []
        hint = QLabel(
            _tr(
                "Type 1–5 or N (not applicable) for each statement; the cursor moves on by "
                "itself. Delete or Space clears a cell, Backspace clears it and steps back, the "
                "arrow keys move. ‘Blank’ counts the statements a row still lacks."
            )
        )
        hint.setWordWrap(True)
        self.notice = QLabel()
        self.model = PaperGridModel(assessment, items)
        self.table = PaperGrid(self.model, self.notice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        for widget in (hint, self.table, self.notice, buttons):
            column.addWidget(widget)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 160, metrics.height() * 30)
        self.table.setFocus()

    def save(self) -> None:
        """Record every changed row in one transaction; nothing is written if one is refused."""
        try:
            responses = self.model.responses()
            if responses:
                self.store.record_responses(
                    self.assessment_id, responses, replace=True, source="paper"
                )
        except AviError as exc:
            self.notice.setText(exc.message)
            QMessageBox.warning(self, _tr("Answers not saved"), exc.message)
            return
        self.saved = [r.name for r in responses]
        self.accept()

    def reject(self) -> None:
        if self.model.changed_rows():
            reply = QMessageBox.question(
                self,
                _tr("Discard the answers typed?"),
                _tr("The answers typed in this grid are not saved. Discard them?"),
            )
            if reply != QMessageBox.StandardButton.Yes:
                return
        super().reject()


def open_paper_grid(host: FlowHost, assessment_id: str) -> PaperGridDialog | None:
    """Run the grid for a workshop that is not closed; a save is one undoable command."""
    from avi_desktop.model.overview import instrument_for
    from avi_desktop.ui.undo import push_saved

    store = host.store
    if store is None:
        return None
    try:
        assessment = store.get_assessment(assessment_id)
        if assessment.status == AssessmentStatus.CLOSED:
            host.show_error(closed_message(assessment.title))
            return None
        items = instrument_for(assessment.instrument_id, assessment.instrument_version).items()
        before = store.export_record(AuditEntity.ASSESSMENT, assessment_id)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    dialog = PaperGridDialog(store, assessment, items, host.parent_widget())
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.saved:
        return dialog
    push_saved(
        host, _tr("Answers from paper “{0}”").format(assessment.title), AuditEntity.ASSESSMENT,
        assessment_id, before, select_id=assessment.initiative_id,
    )  # fmt: skip
    host.show_status(
        _tr("Answers from paper saved for {0} participants.").format(len(dialog.saved)), 8000
    )
    return dialog


def print_questionnaires(host: FlowHost, exports: ExportController, assessment_id: str) -> None:
    """The questionnaire for each participant (PDF, one file each), written in a worker."""
    from avi_desktop.model.files import slug
    from avi_desktop.model.overview import instrument_for
    from avi_desktop.ui.export import choose_save_path

    store = host.store
    if store is None:
        return
    try:
        assessment = store.get_assessment(assessment_id)
        instrument = instrument_for(assessment.instrument_id, assessment.instrument_version)
        settings = store.settings()
    except AviError as exc:
        host.show_error(exc.message)
        return
    if not assessment.respondents:
        host.show_error(_tr("The workshop has no participants yet."))
        return
    out = choose_save_path(
        host.parent_widget(),
        _tr("Print questionnaires: the first of the files (one per participant)"),
        f"questionnaire-{slug(assessment.title)}.pdf",
        _tr("PDF (*.pdf)"),
    )
    if out is None:
        return
    sheets = sheets_of(assessment)

    def job(progress: Any) -> Any:
        from avi_desktop.reports import BriefingOptions
        from avi_desktop.reports.questionnaire import write_participant_questionnaires

        options = BriefingOptions(classification=settings.classification)
        progress(0, len(sheets))
        return write_participant_questionnaires(
            instrument, sheets, out, options, settings=settings,
            progress=lambda done, total, _m: progress(done, total),
        )  # fmt: skip

    exports.run(host, _tr("Writing {0} questionnaires…").format(len(sheets)), job, out)


def sheets_of(assessment: Assessment) -> list[Sheet]:
    """What each participant's printed questionnaire says of them."""
    from avi_desktop.reports.questionnaire import Sheet

    return [
        Sheet(r.name, r.stakeholder_group, r.role, assessment.initiative.name)
        for r in assessment.respondents
    ]
