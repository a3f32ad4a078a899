"""The KPI's measured values over time, edited as a small table inside the initiative dialog.

Each row is one measurement (a date and a value). The rows are saved with the rest of the form,
so a change is one undoable initiative edit like any other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _parse_number(text: str) -> float:
    cleaned = text.strip().replace(" ", "").replace(",", "").replace("\u00a0", "")
    return float(cleaned)


class KpiActualsEditor(QWidget):
    """Date and measured value, one row per measurement; ``actuals()`` checks and returns them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Date (YYYY-MM-DD)"), self.tr("Value")])
        self.table.setAccessibleName(self.tr("KPI actuals"))
        self.table.setToolTip(
            self.tr(
                "The KPI as measured on each date. The latest is set against the baseline, "
                "the target and the investment to show the value realised."
            )
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        self.table.setFixedHeight(self.fontMetrics().height() * 8)
        self.add_button = QPushButton(self.tr("Add a measure&ment"))
        self.add_button.setAccessibleName(self.tr("Add a measurement"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(self.tr("Remove the se&lected measurement"))
        self.remove_button.setAccessibleName(self.tr("Remove the selected measurement"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, day: str = "", value: str = "") -> None:
        """A new row, dated today unless given; the value cell gets the focus."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(day or date.today().isoformat()))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        self.table.setCurrentCell(row, 1)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def load(self, actuals: Sequence[Mapping[str, Any]] | None) -> None:
        self.table.setRowCount(0)
        for entry in actuals or []:
            value = float(entry["value"])
            self.add_row(str(entry["date"]), f"{value:g}")

    def actuals(self) -> list[dict[str, Any]]:
        """The rows as ``{"date", "value"}`` oldest first; raises ``ValueError`` with a message."""
        found: dict[date, float] = {}
        for row in range(self.table.rowCount()):
            day_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            day_text = day_item.text().strip() if day_item else ""
            value_text = value_item.text().strip() if value_item else ""
            if not day_text and not value_text:
                continue  # an empty row left behind is not a measurement
            try:
                day = date.fromisoformat(day_text)
            except ValueError:
                raise ValueError(
                    self.tr("Row {0}: write the date as YYYY-MM-DD.").format(row + 1)
                ) from None
            if day > date.today():
                raise ValueError(self.tr("Row {0}: the date is in the future.").format(row + 1))
            try:
                value = _parse_number(value_text)
            except ValueError:
                raise ValueError(
                    self.tr("Row {0}: enter the measured value as a number.").format(row + 1)
                ) from None
            if day in found:
                raise ValueError(
                    self.tr("Two measurements are dated {0}; keep one per date.").format(
                        day.isoformat()
                    )
                )
            found[day] = value
        return [{"date": d.isoformat(), "value": found[d]} for d in sorted(found)]
