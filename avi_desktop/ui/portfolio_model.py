"""The portfolio table: a QAbstractTableModel that sorts and filters its own rows.

Sorting and filtering happen here, on plain Python rows with a key function, not in a
QSortFilterProxyModel: at 100,000 initiatives a proxy sort calls back into Python for every
comparison and is hundreds of times slower (see benchmarks/).
Rows arrive at once from one Core query; scores are filled in later by ``set_scores``.
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from avi_desktop.model.domain import Band, Layer, Stage
from avi_desktop.model.results import fmt_number

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

# In the order shown (what a board reads first comes first), so the order a screen reader
# walks is the order on screen: the view never moves a section.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("stage", "Stage"),
    ("alignment_index", "Alignment index"),
    ("worst_band", "Worst band"),
    ("binding_layer", "Binding layer"),
    ("patterns", "Patterns"),
    ("latest_on", "Latest assessment"),
    ("business_owner", "Owner"),
    ("business_unit", "Business unit"),
)
_KEYS = [key for key, _ in COLUMNS]
COL_INDEX = _KEYS.index("alignment_index")
BAND_COLUMN = _KEYS.index("worst_band")
_PATTERNS_COLUMN = _KEYS.index("patterns")
_TEXT_COLUMNS = frozenset({"name", "business_unit", "business_owner", "binding_layer"})
# Rows hold the stored keys as text; the enums are str, so they index these tables directly.
_BAND_RANK: dict[str, int] = {Band.GAP: 0, Band.DEVELOPING: 1, Band.ALIGNED: 2}
_STAGE_RANK: dict[str, int] = {stage: rank for rank, stage in enumerate(Stage)}
_LAYER_RANK: dict[str, int] = {layer: rank for rank, layer in enumerate(Layer)}
_LABELS: dict[str, str] = {stage: stage.label for stage in Stage}
_LAYER_LABELS: dict[str, str] = {layer: layer.label for layer in Layer}
_BAND_LABELS: dict[str, str] = {band: band.label for band in Band}

OVERDUE = "overdue"  # the actions filter's one choice
Index = QModelIndex | QPersistentModelIndex
_INF = float("inf")
_FEW = 32  # selected rows found one by one after a sort; more than this, in one pass
_LAST = "\U0010ffff"  # sorts after any text, so empty cells come last


@dataclass(slots=True, eq=False)
class TableRow:
    """One initiative as the table shows it; score fields are None until filled in.

    Compared by identity: the model finds a row among 100,000 with ``list.index``, which then
    runs in C instead of calling a generated ``__eq__`` per row.
    """

    id: str
    name: str
    stage: str
    business_unit: str
    business_owner: str
    latest_id: str | None = None
    latest_on: date | None = None
    alignment_index: float | None = None
    binding_layer: str | None = None
    worst_band: str | None = None
    patterns: tuple[str, ...] = ()
    overdue_actions: int = 0
    # Case-folded sort keys, computed once so a 100,000-row sort only compares strings.
    name_key: str = field(default="", repr=False)
    unit_key: str = field(default="", repr=False)
    owner_key: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.name_key = self.name.casefold()
        self.unit_key = _shared_key(self.business_unit)
        self.owner_key = _shared_key(self.business_owner)


_SHARED_KEYS: dict[str, str] = {}


def _shared_key(text: str) -> str:
    """One folded key object per distinct unit or owner (a few hundred among 100,000 rows)."""
    found = _SHARED_KEYS.get(text)
    if found is None:
        if len(_SHARED_KEYS) > 50_000:
            _SHARED_KEYS.clear()
        found = _SHARED_KEYS[text] = sys.intern(text.casefold() or _LAST)
    return found


@dataclass(frozen=True, slots=True)
class Scores:
    """What the score fill-in brings for one initiative."""

    alignment_index: float | None
    binding_layer: str | None
    worst_band: str | None
    patterns: tuple[str, ...]


def row_from_query(row: Any) -> TableRow:
    """Build a table row from one ``queries.portfolio_rows`` result, cached scores included."""
    patterns = getattr(row, "patterns", None)
    return TableRow(
        id=row.id,
        name=row.name or "",
        stage=row.stage or "",
        # Units and owners repeat across rows: one string object each saves memory at scale.
        business_unit=sys.intern(row.business_unit or ""),
        business_owner=sys.intern(row.business_owner or ""),
        latest_id=getattr(row, "latest_assessment_id", None),
        latest_on=getattr(row, "latest_assessed_on", None),
        alignment_index=getattr(row, "alignment_index", None),
        binding_layer=getattr(row, "binding_layer", None),
        worst_band=getattr(row, "worst_band", None),
        patterns=_patterns(patterns),
        overdue_actions=getattr(row, "overdue_actions", 0) or 0,
    )


_PATTERNS: dict[str, tuple[str, ...]] = {}


def _patterns(stored: str | None) -> tuple[str, ...]:
    """The cached titles as a tuple, one tuple object per distinct combination."""
    if not stored:
        return ()
    found = _PATTERNS.get(stored)
    if found is None:
        if len(_PATTERNS) > 10_000:
            _PATTERNS.clear()
        found = _PATTERNS[stored] = tuple(sys.intern(t) for t in stored.split("\n"))
    return found


_ROW_FIELDS = tuple(f.name for f in fields(TableRow))


def _sort_key(column: int) -> Any:
    """A key function for one column; empty values sort last in ascending order."""
    name = COLUMNS[column][0]
    if name == "stage":
        return lambda r: _STAGE_RANK.get(r.stage, 99)
    if name == "name":
        return attrgetter("name_key")
    if name == "business_unit":
        return attrgetter("unit_key")
    if name == "business_owner":
        return attrgetter("owner_key")
    if name == "latest_on":
        return lambda r: r.latest_on or date.max
    if name == "alignment_index":
        return lambda r: _INF if r.alignment_index is None else r.alignment_index
    if name == "binding_layer":
        return lambda r: _LAYER_RANK.get(r.binding_layer or "", 99)
    if name == "worst_band":
        return lambda r: _BAND_RANK.get(r.worst_band or "", 99)
    # One string per row (rows with patterns first, fewer first, then by their titles): string
    # keys sort several times faster than tuples at 100,000 rows.
    return lambda r: f"0{len(r.patterns):02d}{', '.join(r.patterns)}" if r.patterns else "1"


@dataclass
class Filters:
    """The table's current filters; an empty value means no filter."""

    text: str = ""
    stage: str = ""
    band: str = ""
    pattern: str = ""
    owner: str = ""
    actions: str = ""  # "overdue": only initiatives with an overdue action

    def accepts(self, row: TableRow) -> bool:
        if self.text:
            text = self.text.casefold()
            if text not in row.name_key and text not in row.owner_key and text not in row.unit_key:
                return False
        if self.stage and row.stage != self.stage:
            return False
        if self.band and row.worst_band != self.band:
            return False
        if self.pattern and self.pattern not in row.patterns:
            return False
        if self.actions == OVERDUE and not row.overdue_actions:
            return False
        return not (self.owner and row.business_owner != self.owner)


class PortfolioTableModel(QAbstractTableModel):
    """The initiatives of the open portfolio, filtered and sorted in Python."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[TableRow] = []
        self._by_id: dict[str, TableRow] = {}
        # Portfolio-level patterns (AI Theatre) by the rows their evidence names.
        self._marks: dict[str, tuple[str, ...]] = {}
        self._visible: list[TableRow] = []
        self._filters = Filters()
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [QCoreApplication.translate("PortfolioTable", h) for _, h in COLUMNS]
        # The charts' band colours as a swatch beside the band's name (never colour alone).
        from avi_desktop.charts.style import BAND_COLOURS as colours

        # Outlined, so each swatch keeps 3:1 against the row and the selection (ui.style).
        from avi_desktop.ui.style import swatch

        self._band_colours: dict[str, QIcon] = {
            band: swatch(QColor(colours[band])) for band in Band
        }

    # -- loading -------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[TableRow]) -> None:
        self.beginResetModel()
        self._all = [self._marked(row) for row in rows]
        self._by_id = {row.id: row for row in self._all}
        self._refilter()
        self.endResetModel()

    def update_rows(self, ids: Collection[str], rows: Iterable[TableRow]) -> bool:
        """Bring the initiatives ``ids`` up to date from ``rows`` (absent ones were deleted).

        After an edit only the rows it touched are read again: a row that keeps its place under
        the sort and the filters is repainted alone, in well under a millisecond at 100,000
        rows; otherwise the rows are sorted and filtered again (tens of milliseconds).
        """
        fresh = {row.id: self._marked(row) for row in rows}
        gone = [key for key in ids if key not in fresh and key in self._by_id]
        new = [row for key, row in fresh.items() if key not in self._by_id]
        if gone or new:
            dropped = set(gone)
            self._all = [row for row in self._all if row.id not in dropped] + new
            for key in gone:
                del self._by_id[key]
            self._by_id.update((row.id, row) for row in new)
        moved = bool(gone or new)
        choices = moved
        changed: list[int] = []
        for key, row in fresh.items():
            held = self._by_id[key]
            if held is row:
                continue
            choices = choices or (held.business_owner, held.patterns) != (
                row.business_owner,
                row.patterns,
            )
            shown = self._filters.accepts(held)
            for name in _ROW_FIELDS:
                setattr(held, name, getattr(row, name))
            if moved or shown != self._filters.accepts(held):
                moved = True
                continue
            if shown:
                place = self._in_place(held)
                if place < 0:
                    moved = True
                else:
                    changed.append(place)
        if moved:
            self._relayout(self._refilter)
            return choices
        for place in changed:
            self.dataChanged.emit(self.index(place, 0), self.index(place, len(COLUMNS) - 1))
        return choices

    def _in_place(self, row: TableRow) -> int:
        """The row's place when it is still in order beside its neighbours, else -1."""
        try:
            place = self._visible.index(row)
        except ValueError:
            return -1
        key = _sort_key(self._sort_column)
        mine = key(row)
        before = self._visible[place - 1] if place > 0 else None
        after = self._visible[place + 1] if place + 1 < len(self._visible) else None
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            before, after = after, before
        if before is not None and key(before) > mine:
            return -1
        if after is not None and mine > key(after):
            return -1
        return place

    def set_scores(self, scores: Mapping[str, Scores]) -> None:
        """Fill in scores from the background worker, then re-apply sort and filters.

        Rows whose scores did not change are left alone, and when none did (a rebuild that
        found what the cache held) nothing is sorted or repainted.
        """
        changed = False
        for row in self._all:
            found = scores.get(row.id)
            if found is None:
                continue
            patterns = (*found.patterns, *self._marks.get(row.id, ()))
            if (row.alignment_index, row.binding_layer, row.worst_band, row.patterns) != (
                found.alignment_index,
                found.binding_layer,
                found.worst_band,
                patterns,
            ):
                row.alignment_index = found.alignment_index
                row.binding_layer = found.binding_layer
                row.worst_band = found.worst_band
                row.patterns = patterns
                changed = True
        if changed:
            self._relayout(self._refilter)

    def set_portfolio_marks(self, marks: Mapping[str, tuple[str, ...]]) -> bool:
        """Show which rows a portfolio-level pattern (AI Theatre) counts, beside their own
        patterns; True when any row changed (the pattern filter's choices may have too)."""
        old, self._marks = self._marks, dict(marks)
        changed = False
        for key in old.keys() | self._marks.keys():
            row = self._by_id.get(key)
            if row is None or old.get(key) == self._marks.get(key):
                continue
            held = old.get(key, ())
            own = row.patterns[: len(row.patterns) - len(held)] if held else row.patterns
            row.patterns = (*own, *self._marks.get(key, ()))
            changed = True
        if changed:
            self._relayout(self._refilter)
        return changed

    def _marked(self, row: TableRow) -> TableRow:
        """A row read from the file with its portfolio-level marks added."""
        marks = self._marks.get(row.id)
        if marks:
            row.patterns = (*row.patterns, *marks)
        return row

    def rows(self) -> Sequence[TableRow]:
        return self._visible

    def all_rows(self) -> Sequence[TableRow]:
        return self._all

    def row_at(self, row: int) -> TableRow:
        return self._visible[row]

    def row_of(self, initiative_id: str) -> int:
        for number, row in enumerate(self._visible):
            if row.id == initiative_id:
                return number
        return -1

    def owners(self) -> list[str]:
        return sorted({r.business_owner for r in self._all if r.business_owner}, key=str.casefold)

    def pattern_titles(self) -> list[str]:
        return sorted({p for r in self._all for p in r.patterns})

    # -- sorting and filtering -----------------------------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        self.beginResetModel()
        self._filters = filters
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        f = self._filters
        if f.text or f.stage or f.band or f.pattern or f.owner or f.actions:
            self._visible = [r for r in self._all if f.accepts(r)]
        else:
            self._visible = list(self._all)
        self._apply_sort()

    def _apply_sort(self) -> None:
        self._visible.sort(
            key=_sort_key(self._sort_column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        self._relayout(self._apply_sort)

    def _relayout(self, change: Any) -> None:
        """Reorder rows while keeping selections and the current row on the same initiative."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        count = len(self._visible)
        held = [self._visible[i.row()] if i.row() < count else None for i in old]
        change()
        places: dict[int, int] = {}
        if len({id(row) for row in held}) > _FEW:  # many rows selected: one pass over all
            where = {id(row): n for n, row in enumerate(self._visible)}
            places = {id(row): where.get(id(row), -1) for row in held}
        for row in held:
            if id(row) not in places:
                try:
                    places[id(row)] = -1 if row is None else self._visible.index(row)
                except ValueError:  # filtered out
                    places[id(row)] = -1
        new = [
            self.index(places[id(row)], idx.column()) if places[id(row)] >= 0 else QModelIndex()
            for row, idx in zip(held, old, strict=True)
        ]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    # -- Qt model interface --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _sort_key(column)(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_INDEX:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and column == BAND_COLUMN and row.worst_band:
            return self._band_colours.get(row.worst_band)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The full text of cells the view may cut short (names, owners, patterns).
            if column == _PATTERNS_COLUMN:
                return "\n".join(row.patterns) or None
            if COLUMNS[column][0] in _TEXT_COLUMNS:
                text = self._display(row, column)
                return text if text != "—" else None
        return None

    @staticmethod
    def _display(row: TableRow, column: int) -> str:
        name = COLUMNS[column][0]
        if name == "stage":
            return _LABELS.get(row.stage, row.stage)
        if name == "latest_on":
            return row.latest_on.isoformat() if row.latest_on else "—"
        if name == "alignment_index":
            return "—" if row.alignment_index is None else fmt_number(row.alignment_index, 1)
        if name == "binding_layer":
            return _LAYER_LABELS.get(row.binding_layer or "", "—")
        if name == "worst_band":
            return _BAND_LABELS.get(row.worst_band or "", "—")
        if name == "patterns":
            return ", ".join(row.patterns) or "—"
        value: str = getattr(row, name)
        return value or "—"
