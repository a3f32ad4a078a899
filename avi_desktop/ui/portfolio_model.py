"""The portfolio table: a QAbstractTableModel that sorts and filters its own rows.

Sorting and filtering happen here, on plain Python rows with a key function, not in a
QSortFilterProxyModel: at 100,000 initiatives a proxy sort calls back into Python for every
comparison and is hundreds of times slower (see benchmarks/).
Rows arrive prepared by a worker (``table_data.prepare``: read, filtered, sorted) and are taken
in one swap (``adopt``); a sort of a large table is worked out in a thread and applied when
ready, so the UI thread only ever applies an order.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from avi_desktop import logs
from avi_desktop.ui.collector import release_later
from avi_desktop.ui.table_cells import ID_ROLE, PATTERNS_COLUMN, SORT_ROLE, Cells
from avi_desktop.ui.table_data import (
    BAND_COLUMN,
    COL_INDEX,
    COLUMNS,
    OVERDUE,
    Filters,
    Prepared,
    Scores,
    TableRow,
    View,
    gentle_sorted,
    owners,
    row_from_query,
    row_from_tuple,
    sort_key,
    titles,
)
from avi_desktop.ui.table_marks import MarksOnRows

__all__ = [
    "BAND_COLUMN",
    "COLUMNS",
    "COL_INDEX",
    "ID_ROLE",
    "OVERDUE",
    "SORT_ROLE",
    "Filters",
    "PortfolioTableModel",
    "Prepared",
    "Scores",
    "TableRow",
    "View",
    "row_from_query",
    "row_from_tuple",
]

Index = QModelIndex | QPersistentModelIndex
# Above this many rows a sort is worked out in a thread (tens of milliseconds of CPU and more
# on a busy machine); below it, at once.
SORT_IN_BACKGROUND = 20_000
_FEW = 32  # selected rows found one by one after a sort; more than this, in one pass
_ROW_FIELDS = tuple(f.name for f in fields(TableRow))


class _Sorted(QObject):
    """Carries a sort worked out in a thread back to the UI thread."""

    done = Signal(int, object)  # the order's token, the rows in order (None: the sort failed)


class PortfolioTableModel(QAbstractTableModel):
    """The initiatives of the open portfolio, filtered and sorted in Python."""

    sort_pending_changed = Signal(bool)  # a large sort started (True) or its rows came in
    sort_given_up = Signal(int, object)  # a sort failed: the column and order the rows keep

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[TableRow] = []
        self._choices: tuple[list[str], list[str]] | None = None  # owners, pattern titles
        self._order = 0  # bumped whenever the shown rows change: a late sort is dropped
        self._sorted = _Sorted(self)
        self._sorted.done.connect(self._sort_ready)
        self._sort_pending = False
        self._by_id: dict[str, TableRow] = {}
        # Portfolio-level patterns (AI Theatre) by the rows their evidence names.
        self._marks: dict[str, tuple[str, ...]] = {}
        self._mark_rows = MarksOnRows()  # rows still to take their marks, a part per turn
        self._marking = False
        self._marks_finished: list[Callable[[], None]] = []
        self._visible: list[TableRow] = []
        self._filters = Filters()
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sort_before = (self._sort_column, self._sort_order)
        self._headers = [QCoreApplication.translate("PortfolioTable", h) for _, h in COLUMNS]
        self._cells = Cells()

    # -- loading -------------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[TableRow]) -> None:
        self.beginResetModel()
        self._all = [self._marked(row) for row in rows]
        self._by_id = {row.id: row for row in self._all}
        self._choices = None
        self._refilter()
        self.endResetModel()

    def view(self) -> View:
        """How rows are shown now: what a worker preparing rows for ``adopt`` needs."""
        return View(
            self._sort_column,
            self._sort_order == Qt.SortOrder.DescendingOrder,
            self._filters,
            self._marks,
        )

    def adopt(self, prepared: Prepared, keep_places: bool = False) -> None:
        """Show rows a worker prepared (``table_data.prepare``): one swap on the UI thread.

        A new portfolio's rows reset the view; the same portfolio's rows with new scores
        (``keep_places``) keep the selection on the same initiatives. When the sort, the
        filters or the marks changed since the worker started, the rows are filtered and
        sorted again here (the user did something meanwhile: rare).
        """

        def swap() -> None:
            replaced = (self._by_id, self._visible, self._all)
            self._all, self._by_id = prepared.rows, prepared.by_id
            self._choices = (prepared.owners, prepared.titles)
            # The rows carry the marks the worker saw; marks that came since go on as any do.
            marks_moved = self._mark_rows.plan(prepared.view.marks, self._marks)
            if prepared.view._replace(marks=self._marks) == self.view():
                self._visible = prepared.visible
                self._order += 1
                self.sort_pending = False
                if marks_moved:
                    self._choices = None
                    self._start_marking()
            else:
                self._mark_rows.apply(self._by_id, self._marks, len(self._mark_rows.pending))
                self._choices = None
                self._refilter()
            release_later(*replaced)  # the rows replaced: freed off the UI thread

        if keep_places:
            self._relayout(swap, prepared.by_id)
            return
        self.beginResetModel()
        swap()
        self.endResetModel()

    def update_rows(self, ids: Collection[str], rows: Iterable[TableRow]) -> bool:
        """Bring the initiatives ``ids`` up to date from ``rows`` (absent ones were deleted).

        After an edit only the rows it touched are read again: a row that keeps its place under
        the sort and the filters is repainted alone, in well under a millisecond at 100,000
        rows; otherwise the rows are sorted and filtered again (tens of milliseconds).
        """
        fresh = {row.id: self._marked(row) for row in rows}
        self._choices = None
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
        key = sort_key(self._sort_column)
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
            self._choices = None
            self._relayout(self._refilter)

    def set_portfolio_marks(
        self, marks: Mapping[str, tuple[str, ...]], finished: Callable[[], None] | None = None
    ) -> bool:
        """Show which rows a portfolio-level pattern (AI Theatre) counts, beside their own
        patterns; True when any row changes (the pattern filter's choices may, too).

        Many rows take their marks over several event-loop turns (``table_marks``); then
        ``finished`` is called once they all have them (at once when no row changes).
        """
        old, new = self._marks, dict(marks)
        if not self._mark_rows.plan(old, new):
            # The same marks: the object kept, so rows a worker prepares with it compare by
            # identity when they are shown (``adopt``).
            if finished is not None:
                finished()
            return False
        self._marks = new
        self._choices = None
        if finished is not None:
            self._marks_finished.append(finished)
        self._start_marking()
        return True

    def _start_marking(self) -> None:
        if not self._marking:
            self._marking = True
            self._mark_part()

    def _mark_part(self) -> None:
        if not self._mark_rows.apply(self._by_id, self._marks):
            QTimer.singleShot(0, self._mark_part)
            return
        self._marking = False
        self._choices = None
        if self._filters.pattern:
            self._relayout(self._refilter)
        elif self._sort_column == PATTERNS_COLUMN:
            self.sort(self._sort_column, self._sort_order)  # in a thread when large
        elif self._visible:  # the same rows in the same order: repaint, no sort
            last = self.index(len(self._visible) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        waiting, self._marks_finished = self._marks_finished, []
        for finished in waiting:
            finished()

    def _marked(self, row: TableRow) -> TableRow:
        """A row read from the file with its portfolio-level marks added."""
        marks = self._marks.get(row.id)
        if marks:
            row.patterns = (*row.patterns, *marks)
        return row

    def rows(self) -> Sequence[TableRow]:
        """The rows shown, in order, as a snapshot (see ``all_rows``)."""
        return tuple(self._visible)

    def total(self) -> int:
        """How many rows there are, shown or filtered out."""
        return len(self._all)

    def all_rows(self) -> Sequence[TableRow]:
        """Every row, as a snapshot: the model's own lists are emptied when replaced."""
        return tuple(self._all)

    def row_at(self, row: int) -> TableRow:
        return self._visible[row]

    def row_of(self, initiative_id: str) -> int:
        for number, row in enumerate(self._visible):
            if row.id == initiative_id:
                return number
        return -1

    def _filter_choices(self) -> tuple[list[str], list[str]]:
        if self._choices is None:  # kept until rows change: worked out by ``prepare`` on open
            self._choices = (owners(self._all), titles(self._all))
        return self._choices

    def owners(self) -> list[str]:
        return list(self._filter_choices()[0])

    def pattern_titles(self) -> list[str]:
        return list(self._filter_choices()[1])

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
        if f.active:
            self._visible = [r for r in self._all if f.accepts(r)]
        else:
            self._visible = list(self._all)
        self._apply_sort()

    def _apply_sort(self) -> None:
        self._order += 1  # rows sorted here: a sort still being worked out is stale
        self.sort_pending = False
        self._visible.sort(
            key=sort_key(self._sort_column),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    @property
    def sort_pending(self) -> bool:
        """A sort is being worked out in a thread."""
        return self._sort_pending

    @sort_pending.setter
    def sort_pending(self, pending: bool) -> None:
        if pending != self._sort_pending:
            self._sort_pending = pending
            self.sort_pending_changed.emit(pending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``: at once for a small table, else in a thread (``sort_pending``
        until the rows are in order), so a large table's sort never freezes the window."""
        if not 0 <= column < len(COLUMNS):
            return
        # The order the rows are in: a sort still pending has not put them in its own.
        if not self.sort_pending:
            self._sort_before = (self._sort_column, self._sort_order)
        self._sort_column, self._sort_order = column, order
        if len(self._visible) <= SORT_IN_BACKGROUND:
            self._relayout(self._apply_sort)
            return
        self._order += 1
        token, rows = self._order, list(self._visible)
        key, reverse = sort_key(column), order == Qt.SortOrder.DescendingOrder
        self.sort_pending = True

        def work() -> None:
            ordered: list[TableRow] | None = None
            try:
                ordered = gentle_sorted(rows, key, reverse)
            except Exception as exc:  # a defect: the order asked for is given up
                logs.unexpected(exc, "sorting the portfolio table")
            finally:
                with contextlib.suppress(RuntimeError):  # the model is gone: the window closed
                    self._sorted.done.emit(token, ordered)

        threading.Thread(target=work, name="avi-table-sort", daemon=True).start()

    def _sort_ready(self, token: int, ordered: list[TableRow] | None) -> None:
        if token != self._order:  # the rows changed (and were sorted) since it started
            return
        if ordered is None:  # the sort failed: the rows keep the order they have, and say so
            self._sort_column, self._sort_order = self._sort_before
            self.sort_pending = False
            self.sort_given_up.emit(*self._sort_before)
            return

        def apply() -> None:
            self._visible = ordered
            self.sort_pending = False

        self._relayout(apply)

    def _relayout(self, change: Any, by_id: Mapping[str, TableRow] | None = None) -> None:
        """Reorder rows while keeping selections and the current row on the same initiative
        (found in ``by_id`` when ``change`` brings new row objects)."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        count = len(self._visible)
        held = [self._visible[i.row()] if i.row() < count else None for i in old]
        if by_id is not None:
            held = [None if row is None else by_id.get(row.id) for row in held]
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
        return self._cells.value(self._visible[index.row()], index.column(), int(role))
