"""A small read-only table model for the detail pane's lists (layers, history, actions, ...)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class RecordsModel(QAbstractTableModel):
    """Rows of already-formatted text; the model never computes a figure itself."""

    def __init__(
        self,
        headers: Sequence[str],
        parent: Any = None,
        numeric: Sequence[int] = (),
        header_tips: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._numeric = frozenset(numeric)  # columns of figures, right-aligned to compare
        self._header_tips = list(header_tips)
        self._rows: list[tuple[str, ...]] = []
        self._tips: list[str] = []

    def set_rows(self, rows: Sequence[Sequence[str]], tips: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self._tips = list(tips)
        self.endResetModel()

    def set_header_tips(self, tips: Sequence[str]) -> None:
        """Column explanations that depend on data, such as an instrument's thresholds."""
        self._header_tips = list(tips)
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def text(self, row: int, column: int) -> str:
        return self._rows[row][column]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self._header_tips):
            return self._header_tips[section] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.row() < len(self._tips):
            return self._tips[index.row()] or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def records_view(
    model: RecordsModel, name: str, parent: QWidget | None = None, wrap: Sequence[int] = ()
) -> QTableView:
    """A compact, read-only, keyboard-navigable table view for a RecordsModel.

    Columns in ``wrap`` share the spare width and wrap their text, so long sentences (an
    action, a decision's logic) never push the table wider than the pane.
    """
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in wrap:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(not wrap)
    view.setWordWrap(True)
    view.setTabKeyNavigation(False)  # Tab moves on to the next section, arrows within
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if wrap:
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wrapped rows change height with the pane's width: refit when the columns resize.
        header.sectionResized.connect(lambda *_: fit_height(view))
    return view


def fit_height(view: QTableView, max_rows: int = 12) -> None:
    """Size a table to its rows so the scrolling happens in the pane, not in each table."""
    view.resizeRowsToContents()
    rows = min(view.model().rowCount(), max_rows)
    height = view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
    height += sum(view.rowHeight(row) for row in range(rows))
    if view.horizontalScrollBar().isVisible():
        height += view.horizontalScrollBar().sizeHint().height()
    view.setFixedHeight(max(height, view.horizontalHeader().sizeHint().height() * 2) + 2)
