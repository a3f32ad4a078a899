"""The portfolio table with its search box and filters (stage, band, pattern, owner)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import Band, Stage
from avi_desktop.ui.portfolio_model import COL_INDEX, Filters, PortfolioTableModel


class PortfolioView(QWidget):
    """Emits ``selected`` with the initiative id (or "" when nothing is selected)."""

    selected = Signal(str)
    activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PortfolioTableModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, owner or unit"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search initiatives"))
        self.stage = self._combo(
            self.tr("Stage filter"), self.tr("All stages"), [(s.label, s.value) for s in Stage]
        )
        self.band = self._combo(
            self.tr("Band filter"), self.tr("All bands"), [(b.label, b.value) for b in Band]
        )
        self.pattern = self._combo(self.tr("Pattern filter"), self.tr("All patterns"), [])
        self.owner = self._combo(self.tr("Owner filter"), self.tr("All owners"), [])
        search_label = QLabel(self.tr("&Search:"))
        search_label.setBuddy(self.search)
        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 2)
        for combo in (self.stage, self.band, self.pattern, self.owner):
            bar.addWidget(combo, 1)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Portfolio of initiatives"))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never asks 100,000 rows for their size.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Number of initiatives shown"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._apply)
        for combo in (self.stage, self.band, self.pattern, self.owner):
            combo.currentIndexChanged.connect(self._apply)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda index: self.activated.emit(self.current_id()))
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)

    def _combo(self, name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.addItem(everything, "")
        for text, value in items:
            combo.addItem(self.tr(text), value)
        return combo

    @staticmethod
    def _refill(combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    def refresh_choices(self) -> None:
        """Refill the owner and pattern filters from the rows now loaded."""
        self._refill(self.owner, self.model.owners())
        self._refill(self.pattern, self.model.pattern_titles())

    def filters(self) -> Filters:
        return Filters(
            text=self.search.text().strip(),
            stage=str(self.stage.currentData() or ""),
            band=str(self.band.currentData() or ""),
            pattern=str(self.pattern.currentData() or ""),
            owner=str(self.owner.currentData() or ""),
        )

    def clear_filters(self) -> None:
        for combo in (self.stage, self.band, self.pattern, self.owner):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self._apply()

    def _apply(self) -> None:
        keep = self.current_id()
        self.model.set_filters(self.filters())
        self.select(keep)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows())
        self.count.setText(self.tr("{0} of {1} initiatives").format(shown, total))

    def current_id(self) -> str:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return ""
        return self.model.row_at(index.row()).id

    def select(self, initiative_id: str | None) -> None:
        row = self.model.row_of(initiative_id) if initiative_id else -1
        if row < 0:
            self.table.clearSelection()
            self.table.setCurrentIndex(self.model.index(-1, -1))
            self.selected.emit("")
            return
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)

    def _current_changed(self) -> None:
        self.selected.emit(self.current_id())

    def fit_columns(self) -> None:
        """Size columns to their content (Qt samples at most 1,000 rows), within limits."""
        self.table.resizeColumnsToContents()
        widest = self.fontMetrics().averageCharWidth() * 24
        for column in range(self.model.columnCount() - 1):
            if self.table.columnWidth(column) > widest:
                self.table.setColumnWidth(column, widest)

    def sort_by_index(self) -> None:
        self.table.sortByColumn(COL_INDEX, Qt.SortOrder.DescendingOrder)
