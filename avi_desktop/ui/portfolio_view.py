"""The portfolio table with its search box and filters (stage, band, pattern, owner, actions).

While rows load, or when there is nothing to list, a message takes the table's place: what is
happening, or what to do next (add the first initiative, clear the filters).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.domain import Band, Stage
from avi_desktop.ui import style
from avi_desktop.ui.help import portfolio_help
from avi_desktop.ui.portfolio_model import (
    BAND_COLUMN,
    COL_INDEX,
    OVERDUE,
    Filters,
    PortfolioTableModel,
)


class PortfolioView(QWidget):
    """Emits ``selected`` with the initiative id (or "" when nothing is selected)."""

    selected = Signal(str)
    activated = Signal(str)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PortfolioTableModel(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, owner or unit"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search initiatives"))
        for clear in self.search.findChildren(QAction):  # its clear button reads as this
            clear.setText(self.tr("Clear search"))
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.stage = self._combo(
            self.tr("Stage filter"), self.tr("All stages"), [(s.label, s.value) for s in Stage]
        )
        self.band = self._combo(
            self.tr("Band filter"), self.tr("All bands"), [(b.label, b.value) for b in Band]
        )
        self.pattern = self._combo(self.tr("Pattern filter"), self.tr("All patterns"), [])
        self.owner = self._combo(self.tr("Owner filter"), self.tr("All owners"), [])
        self.follow_up = self._combo(
            self.tr("Actions filter"),
            self.tr("All actions"),
            [(self.tr("Overdue actions"), OVERDUE)],
        )
        self.follow_up.setMinimumContentsLength(10)
        # Each filter has a visible label as its buddy, so a screen reader says what it
        # filters (a combo's own name is its current value there). Two rows of three keep the
        # table's side narrow enough for the detail pane at the first-run window size.
        bar = QGridLayout()
        fields = (
            (self.tr("&Search:"), self.search),
            (self.tr("Sta&ge:"), self.stage),
            (self.tr("&Band:"), self.band),
            (self.tr("&Pattern:"), self.pattern),
            (self.tr("Owne&r:"), self.owner),
            (self.tr("Ac&tions:"), self.follow_up),
        )
        for n, (text, field) in enumerate(fields):
            label = QLabel(text)
            label.setBuddy(field)
            row, column = divmod(n, 3)
            bar.addWidget(label, row, 2 * column)
            bar.addWidget(field, row, 2 * column + 1)
            bar.setColumnStretch(2 * column + 1, 2 if n == 0 else 1)

        self.table = QTableView()
        self.table.setModel(self.model)
        # While a large sort is worked out in a thread, the rows are not painted: each cell
        # painted asks Python for its roles, and each ask waits on the sorting thread for the
        # interpreter's lock (a 10 ms paint then took 40-70 ms). The rows do
        # not change until the sort is in; they are painted then.
        self.model.sort_pending_changed.connect(
            lambda pending: self.table.viewport().setUpdatesEnabled(not pending)
        )
        self.model.sort_given_up.connect(self._show_sort)
        self.table.setAccessibleName(self.tr("Portfolio of initiatives"))
        style.show_focus(self.table)
        self.table.setWhatsThis(portfolio_help())
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
        # Tab leaves the table for the detail pane (arrows move between rows), or a keyboard
        # user would be walked through every cell of every initiative.
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        # Titles wrap at word boundaries ("Alignment / index"), so numbers get narrow columns.
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
        )
        # Size columns from the rows in view plus a sample of 200, not Qt's default 1,000:
        # at 100,000 initiatives that is the difference between 0.4 s and a blink.
        header.setResizeContentsPrecision(200)
        self.count = QLabel()
        self.count.setAccessibleDescription(
            self.tr("Number of initiatives shown")
        )  # read as its text

        # The page shown instead of the table: loading, an empty portfolio, or no match.
        self.notice = style.heading("", 1.2)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setAccessibleDescription(self.tr("Portfolio status"))  # read as its text
        self.notice_detail = QLabel()
        self.notice_detail.setWordWrap(True)
        self.notice_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice_detail.setFixedWidth(self.fontMetrics().averageCharWidth() * 60)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: one query, no steps to count
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("Loading initiatives"))
        self.busy.setMaximumWidth(self.fontMetrics().averageCharWidth() * 40)
        self.notice_button = QPushButton()
        self.notice_button.setAccessibleName(self.tr("Next step"))  # renamed with its text
        self.notice_button.clicked.connect(self._notice_clicked)
        notice_page = QWidget()
        notice_layout = QVBoxLayout(notice_page)
        notice_layout.addStretch(1)
        notice_layout.addWidget(self.notice)
        # Stretches on both sides, not an alignment flag: wrapped text keeps its full height.
        detail_row = QHBoxLayout()
        detail_row.addStretch(1)
        detail_row.addWidget(self.notice_detail)
        detail_row.addStretch(1)
        notice_layout.addLayout(detail_row)
        notice_layout.addWidget(self.busy, 0, Qt.AlignmentFlag.AlignHCenter)
        notice_layout.addWidget(self.notice_button, 0, Qt.AlignmentFlag.AlignHCenter)
        notice_layout.addStretch(2)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(notice_page)
        self._loading = False
        self.can_add = True  # False for a read-only portfolio: no button that cannot work

        layout = QVBoxLayout(self)
        margin = self.fontMetrics().averageCharWidth()
        layout.setContentsMargins(margin, margin, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._apply)
        for combo in (self.stage, self.band, self.pattern, self.owner, self.follow_up):
            combo.currentIndexChanged.connect(self._apply)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda index: self.activated.emit(self.current_id()))
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)
        self._update_count()

    def _combo(self, name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        # Filters may shrink (and elide) in a narrow window; the search box keeps its room.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
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
            actions=str(self.follow_up.currentData() or ""),
        )

    def clear_filters(self) -> None:
        for combo in (self.stage, self.band, self.pattern, self.owner, self.follow_up):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.clear()
        self._apply()

    def _apply(self) -> None:
        keep = self.current_id()
        self.model.set_filters(self.filters())
        self.select(keep)

    def set_loading(self, loading: bool) -> None:
        """Say that rows are being read; the table keeps its old rows meanwhile, if any."""
        self._loading = loading
        self._update_count()

    @property
    def loading(self) -> bool:
        return self._loading

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        if self._loading:
            self.count.setText(self.tr("Loading initiatives…"))
        elif total == 0:
            self.count.setText(self.tr("No initiatives"))
        elif total == 1:
            self.count.setText(self.tr("{0} of 1 initiative").format(shown))
        else:
            self.count.setText(self.tr("{0} of {1} initiatives").format(shown, total))
        # Nothing to search or filter in an empty portfolio (typing ahead while loading is fine).
        for widget in (
            self.search,
            self.stage,
            self.band,
            self.pattern,
            self.owner,
            self.follow_up,
        ):
            widget.setEnabled(self._loading or total > 0)
        if self._loading and total == 0:
            self._show_notice(self.tr("Loading initiatives…"), "", "", busy=True)
        elif total == 0:
            self._show_notice(
                self.tr("This portfolio has no initiatives yet."),
                self.tr(
                    "Add the first one: what it is for and who owns it. Then run the necessity "
                    "and four-layer assessments from the Assessment menu."
                ),
                self.tr("&New initiative…") if self.can_add else "",
            )
        elif shown == 0:
            self._show_notice(
                self.tr("No initiative matches the search and filters."),
                "",
                self.tr("&Clear filters"),
            )
        else:
            self.pages.setCurrentWidget(self.table)

    def _show_notice(self, heading: str, text: str, button: str, busy: bool = False) -> None:
        self.notice.setText(heading)
        self.notice_detail.setText(text)
        self.notice_detail.setVisible(bool(text))
        self.busy.setVisible(busy)
        self.notice_button.setText(button)
        if button:
            self.notice_button.setAccessibleName(button.replace("&", ""))
        self.notice_button.setVisible(bool(button))
        self.pages.setCurrentIndex(1)

    def _notice_clicked(self) -> None:
        if self.model.total():
            self.clear_filters()
        else:
            self.new_requested.emit()

    def current_id(self) -> str:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return ""
        return self.model.row_at(index.row()).id

    def top_id(self) -> str:
        """The initiative in the table's top visible row ("" when none)."""
        row = self.table.rowAt(0)
        return self.model.row_at(row).id if 0 <= row < self.model.rowCount() else ""

    def keep_top(self, initiative_id: str) -> bool:
        """Scroll so ``initiative_id`` is the top row again, when it is still shown (True):
        rows read again (a reload, the store's rows after the plain ones) leave the table where
        it was; another portfolio's rows start at the top."""
        row = self.model.row_of(initiative_id) if initiative_id else -1
        if row < 0:
            self.table.scrollToTop()
            return False
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        return True

    def select(self, initiative_id: str | None, scroll: bool = True) -> None:
        row = self.model.row_of(initiative_id) if initiative_id else -1
        if row < 0:
            self.table.clearSelection()
            self.table.setCurrentIndex(self.model.index(-1, -1))
            self.selected.emit("")
            return
        index = self.model.index(row, 0)
        bar = self.table.verticalScrollBar()
        where = bar.value()
        self.table.setCurrentIndex(index)  # scrolls to it (the view's autoScroll)
        self.table.selectRow(row)
        if scroll:
            self.table.scrollTo(index)
        else:
            bar.setValue(where)

    def _current_changed(self) -> None:
        self.selected.emit(self.current_id())

    def fit_columns(self) -> None:
        """Size columns to their content (Qt samples at most 1,000 rows), within limits.

        Narrow enough that the patterns show beside the detail pane at the first-run size:
        the name gets the most room, titles wrap onto two lines (a column is never narrower
        than its title's longest word), and tooltips carry the full text of what is cut short.
        """
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        char = self.fontMetrics().averageCharWidth()
        words = 0
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            words = max(words, len(title.split()))
            longest_word = max((metrics.horizontalAdvance(w) for w in title.split()), default=0)
            if column in (COL_INDEX, BAND_COLUMN):  # short content: the width it needs
                widest = max(self.table.sizeHintForColumn(column), longest_word + 4 * char)
            else:
                widest = max(char * (24 if column == 0 else 14), longest_word + 4 * char)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        # Room for the wrapped titles (two lines at most: every title is one or two words).
        header.setMinimumHeight(metrics.lineSpacing() * min(words, 2) + 2 * char)

    def _show_sort(self, column: int, order: Qt.SortOrder) -> None:
        """The header's arrow back on the order the rows are in (a sort that failed)."""
        header = self.table.horizontalHeader()
        with QSignalBlocker(header):  # only the arrow: the rows are in this order already
            header.setSortIndicator(column, order)
        header.viewport().update()

    def sort_by_index(self) -> None:
        self.table.sortByColumn(COL_INDEX, Qt.SortOrder.DescendingOrder)
