"""The detail pane's decision log: the initiative's decisions, with Add, Edit and Delete.

A widget of its own so the pane only places it; the window connects its requests to the
decision flow (``ui.decision_flow``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from avi_desktop.model.domain import ValueStance
from avi_desktop.model.results import fmt_date
from avi_desktop.ui.records_model import RecordsModel, fit_height, records_view

if TYPE_CHECKING:
    from avi_desktop.model.entities import Decision


class DecisionsSection(QWidget):
    """The decisions of one initiative and the values each upheld or departed from."""

    add_requested = Signal()
    edit_requested = Signal(str)  # the decision's id
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecordsModel(
            [
                self.tr("Date"),
                self.tr("Decision"),
                self.tr("Decided by"),
                self.tr("Stated values"),
            ],
            self,
        )
        self.view = records_view(self.model, self.tr("Decisions"), wrap=(1, 3))
        self.view.doubleClicked.connect(lambda index: self._request(self.edit_requested))
        self.none = QLabel(
            self.tr(
                "No decision recorded yet. Decisions are checked against the organisation's "
                "stated AI values to show where stated and enacted values part."
            )
        )
        self.none.setWordWrap(True)
        self.none.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.add_button = QPushButton(self.tr("Add a &decision…"))
        self.add_button.clicked.connect(self.add_requested.emit)
        self.edit_button = QPushButton(self.tr("Edit decisi&on…"))
        self.edit_button.clicked.connect(lambda: self._request(self.edit_requested))
        self.delete_button = QPushButton(self.tr("Delete decision…"))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.none)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self.decision_ids: list[str] = []
        self._can_edit = False

    def set_decisions(self, decisions: Sequence[Decision], *, can_edit: bool) -> None:
        """Show the decisions (oldest first, as the log reads); buttons only where they work."""
        rows = []
        for d in decisions:
            upheld = sorted(s.value.name for s in d.stances if s.stance is ValueStance.UPHELD)
            departed = sorted(s.value.name for s in d.stances if s.stance is ValueStance.DEPARTED)
            parts = [self.tr("upheld: {0}").format(", ".join(upheld))] if upheld else []
            if departed:
                parts.append(self.tr("departed from: {0}").format(", ".join(departed)))
            rows.append(
                (
                    fmt_date(d.decided_on, short=True),
                    d.title,
                    d.decided_by or "—",
                    "; ".join(parts) or "—",
                )
            )
        self.decision_ids = [d.id for d in decisions]
        self._can_edit = can_edit
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.none.setVisible(not rows)
        self.add_button.setVisible(can_edit)
        self.edit_button.setVisible(can_edit and bool(rows))
        self.delete_button.setVisible(can_edit and bool(rows))
        if rows:
            self.view.selectRow(0)
        fit_height(self.view)
        QTimer.singleShot(0, self, self._refit)  # again once the columns have their width

    def _refit(self) -> None:
        fit_height(self.view)

    def _request(self, signal: SignalInstance) -> None:
        row = self.view.currentIndex().row()
        if self._can_edit and 0 <= row < len(self.decision_ids):
            signal.emit(self.decision_ids[row])
