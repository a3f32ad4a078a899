"""What each cell of the portfolio table shows, for every role a view asks about.

A view paints a cell by asking for seven roles (text, font, alignment, colours, check state,
icon), each a call into Python. ``QAbstractItemModel.multiData`` would answer them in one call,
but overriding it is not safe with PySide6 6.12: each ``setData`` or ``clearData`` on the span's
items drops a reference to ``None`` it never took, and the interpreter soon aborts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

from avi_desktop.model.domain import Band
from avi_desktop.model.results import fmt_date, fmt_number
from avi_desktop.ui.table_data import (
    BAND_COLUMN,
    BAND_LABELS,
    COL_INDEX,
    COLUMNS,
    LAYER_LABELS,
    STAGE_LABELS,
    TableRow,
    sort_key,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PATTERNS_COLUMN = [key for key, _ in COLUMNS].index("patterns")
_TEXT_COLUMNS = frozenset({"name", "business_unit", "business_owner", "binding_layer"})
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def display(row: TableRow, column: int) -> str:
    """The cell's text, as the detail pane writes the same figure."""
    name = COLUMNS[column][0]
    if name == "stage":
        return STAGE_LABELS.get(row.stage, row.stage)
    if name == "latest_on":
        return fmt_date(row.latest_on, short=True)
    if name == "alignment_index":
        return "—" if row.alignment_index is None else fmt_number(row.alignment_index, 1)
    if name == "binding_layer":
        return LAYER_LABELS.get(row.binding_layer or "", "—")
    if name == "worst_band":
        return BAND_LABELS.get(row.worst_band or "", "—")
    if name == "patterns":
        return ", ".join(row.patterns) or "—"
    value: str = getattr(row, name)
    return value or "—"


class Cells:
    """The table's cell values; holds the band swatches, made once."""

    def __init__(self) -> None:
        # The charts' band colours as a swatch beside the band's name (never colour alone).
        from avi_desktop.charts.palette import BAND_COLOURS as colours

        # Outlined, so each swatch keeps 3:1 against the row and the selection (ui.style).
        from avi_desktop.ui.style import swatch

        self._swatches: dict[str, QIcon] = {band: swatch(QColor(colours[band])) for band in Band}

    def value(self, row: TableRow, column: int, role: int) -> Any:
        """What ``role`` of the cell holds (None for nothing)."""
        if role in (_DISPLAY, _ACCESSIBLE):
            return display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return sort_key(column)(row)
        if role == _ALIGNMENT and column == COL_INDEX:
            return _RIGHT
        if role == _DECORATION and column == BAND_COLUMN and row.worst_band:
            return self._swatches.get(row.worst_band)
        if role == _TOOLTIP:
            # The full text of cells the view may cut short (names, owners, patterns).
            if column == PATTERNS_COLUMN:
                return "\n".join(row.patterns) or None
            if COLUMNS[column][0] in _TEXT_COLUMNS:
                text = display(row, column)
                return text if text != "—" else None
        return None
