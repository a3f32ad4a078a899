"""The table's loading and scoring, and the detail pane kept in step with the selection.

Rows come with their cached scores from one query in a worker, which also filters and sorts
them; when the cache is not current, another worker rebuilds it and prepares the rows again.
The UI thread only swaps prepared rows in, so the window stays responsive at any size. The
window owns the widgets and the signals (``rows_loaded``, ``scores_loaded``); this controller
only drives them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, QTimer, SignalInstance

from avi_desktop.model.errors import AviError

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.detail_pane import DetailPane
    from avi_desktop.ui.portfolio_view import PortfolioView
    from avi_desktop.ui.workers import LatestJobs


INTACT_JOB = "intact"  # kept through reloads: only closing the portfolio stops it


def _ignore(result: object) -> None:
    """A job whose success needs nothing more."""


class PaneWindow(Protocol):
    """What the controller drives of its window."""

    store: PortfolioStore | None
    jobs: LatestJobs
    rows_loaded: SignalInstance
    scores_loaded: SignalInstance
    portfolio_marks_loaded: SignalInstance

    @property
    def portfolio_view(self) -> PortfolioView: ...

    @property
    def detail(self) -> DetailPane: ...

    def instrument(self) -> Instrument: ...

    def update_enabled(self) -> None: ...

    def show_error(self, message: str, title: str = "") -> None: ...

    def close_portfolio(self) -> None: ...

    def open_failed(self, message: str, quiet: bool = False) -> None: ...

    def show_status(self, message: str, timeout: int = 0) -> None: ...


FIT_SAMPLE_ROWS = 100


def _tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioPane", text)


class PortfolioPane(QObject):
    """Loads the window's table and scores and shows the selected initiative."""

    def __init__(self, window: PaneWindow, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        self._keep: str | None = None
        self._asked = ""  # the selection when the rows were asked for
        self._loaded = False  # the table holds the open portfolio's rows
        self._since_scores: set[str] = set()  # rows re-read while the scores job ran
        self._token = 0  # which load the steps queued by ``_in_turns`` belong to
        self.fit_pending = False  # size the columns once per portfolio, not on every reload

    def reload_table(self, select_id: str | None = None) -> None:
        """Bring the table up to date with the file.

        After a write (``select_id`` given) only the rows the store re-scored are read again,
        in a few milliseconds on the UI thread; otherwise, or when the write concerned every
        initiative, the rows are read in a worker with their cached scores, and the scores are
        rebuilt in another worker when the cache is not current.
        """
        window = self._window
        if window.store is None:
            return
        view = window.portfolio_view
        touched = window.store.take_rescored()
        if select_id is not None and touched is not None and self._loaded:
            self._update_rows(touched, select_id)
            return
        from avi_desktop.ui.portfolio_loader import rows_job

        # "" after a write that concerned no one initiative (settings, a stated value, their
        # undo): the selection stays where it was, as it does on a plain refresh.
        self._keep = select_id or view.current_id()
        self._asked = view.current_id()  # another one when the rows arrive: the user chose it
        self._loaded = False
        self._token += 1
        window.jobs.cancel_all(keep=(INTACT_JOB,))  # a reload does not make the file sound
        job = rows_job(window.store, view.model.view())
        window.jobs.start("rows", job, self._rows_ready, self._rows_failed)
        view.set_loading(True)
        if not view.model.total():
            window.detail.show_empty(" ")  # nothing to select yet: no prompt to select
        window.show_status(_tr("Loading initiatives…"))

    def _update_rows(self, ids: set[str], select_id: str) -> None:
        """Re-read the rows a write touched and show the selected initiative again."""
        from avi_desktop.ui.portfolio_loader import rows_of

        window = self._window
        view = window.portfolio_view
        keep = select_id or view.current_id()
        if ids and window.store is not None:
            choices = view.model.update_rows(ids, rows_of(window.store, ids))
            if window.jobs.running("scores"):
                self._since_scores |= ids  # the rebuild's result may predate this write
            if choices:  # an owner or a pattern came or went: refill the filters next turn
                QTimer.singleShot(0, self._refresh_choices)
            self._start_marks()
        if keep != view.current_id():
            view.select(keep)
        self.show_initiative(view.current_id())
        window.rows_loaded.emit()
        if not window.jobs.running("scores"):
            window.scores_loaded.emit()

    def _refresh_choices(self) -> None:
        if self._window.store is not None:
            self._window.portfolio_view.refresh_choices()

    def check_intact(self) -> None:
        """The full integrity check the quick open left (``StoreBase.ensure_intact``), in a
        worker beside the first reads: at 100,000 initiatives it took 0.5 s of the open."""
        window = self._window
        store = window.store
        if store is None:
            return

        def damaged(message: str) -> None:
            if window.store is store:  # not closed or replaced meanwhile
                window.close_portfolio()
                window.open_failed(message)

        window.jobs.start(INTACT_JOB, lambda progress: store.ensure_intact(), _ignore, damaged)

    def _in_turns(self, *steps: Callable[[], None]) -> None:
        """Run ``steps`` one per event-loop turn, so no single turn holds the UI thread long
        (each is tens of milliseconds at 100,000 rows); a newer load or a close drops the rest.
        """
        token = self._token

        def run(index: int) -> None:
            if token != self._token or self._window.store is None:
                return
            steps[index]()
            if index + 1 < len(steps):
                QTimer.singleShot(1, lambda: run(index + 1))

        run(0)

    def _rows_ready(self, loaded: Any) -> None:
        view = self._window.portfolio_view
        kept_top: list[bool] = []

        def show_rows() -> None:
            if view.current_id() != self._asked:
                self._keep = view.current_id()
            top = view.top_id()
            view.model.adopt(loaded.prepared)
            kept_top.append(view.keep_top(top))
            self._loaded = True
            view.set_loading(False)

        def fit() -> None:
            if self.fit_pending:
                self._fit_columns()
                if loaded.scores_current:  # the score columns are filled: fitted for good
                    self.fit_pending = False

        def select() -> None:
            first = view.model.row_at(0).id if view.model.rowCount() else None
            before = view.current_id()  # chosen since: it stays
            # Where the table was kept at its top row, it stays there too (no jump to the row).
            # The detail follows in a turn of its own: the table is painted first, and the
            # two first paints (the pane's are the slowest of the open) never add up.
            with QSignalBlocker(view):
                view.select(before or self._keep or first, scroll=not any(kept_top))

        def show() -> None:
            self.show_initiative(view.current_id())
            self._start_marks()
            if loaded.scores_current:
                self._scores_done()
                self._window.show_status("")  # loaded with their scores: nothing to wait for
            else:
                self._start_scores()  # before telling anyone, so a listener that reopens wins
            self._window.rows_loaded.emit()
            if loaded.scores_current:
                self._window.scores_loaded.emit()

        self._in_turns(show_rows, view.refresh_choices, fit, select, show)

    def _rows_failed(self, message: str) -> None:
        self._window.portfolio_view.set_loading(False)
        self._window.rows_loaded.emit()
        self._window.show_error(message, _tr("Cannot read the initiatives"))

    def _start_marks(self) -> None:
        """Find which rows a portfolio-level pattern counts (a light read of every initiative's
        own facts, in a worker), so the pattern filter offers AI Theatre too."""
        from avi_desktop.ui.portfolio_loader import marks_job

        window = self._window
        if window.store is not None:
            window.jobs.start(
                "marks", marks_job(window.store), self._marks_ready, self._marks_failed
            )

    def _marks_ready(self, marks: Any) -> None:
        window = self._window
        window.detail.set_portfolio_marks(marks)

        def refill() -> None:  # a turn of its own: tens of milliseconds at 100,000 rows
            self._refresh_choices()
            window.portfolio_marks_loaded.emit()

        # Called once every row has its marks (at once when none changed).
        window.portfolio_view.model.set_portfolio_marks(
            marks, finished=lambda: QTimer.singleShot(0, refill)
        )

    def _marks_failed(self, message: str) -> None:
        self._window.show_status(
            _tr("Portfolio-level patterns could not be found: {0}").format(message)
        )

    def _start_scores(self) -> None:
        from avi_desktop.ui.portfolio_loader import score_job

        window = self._window
        if window.store is None:  # closed while the rows were on their way
            return
        self._since_scores = set()
        window.jobs.start(
            "scores",
            score_job(window.store, window.portfolio_view.model.view()),
            self._scores_ready,
            self._scores_failed,
            self._scores_progress,
        )
        window.show_status(_tr("Scoring the portfolio…"))

    def _scores_progress(self, done: int, total: int) -> None:
        self._window.show_status(_tr("Scoring the portfolio… {0} of {1}").format(done, total))

    def _scores_ready(self, scores: Any) -> None:
        window = self._window
        view = window.portfolio_view

        def fill_in() -> None:
            view.model.adopt(scores, keep_places=True)  # prepared by the worker: one swap
            since, self._since_scores = self._since_scores, set()
            if since and window.store is not None:  # writes made while the rebuild ran win
                from avi_desktop.ui.portfolio_loader import rows_of

                view.model.update_rows(since, rows_of(window.store, since))

        def finish() -> None:
            self._scores_done()
            # The count sits under the table already; the status bar only says the work is done.
            window.show_status(_tr("Scores are up to date."), 5000)
            window.scores_loaded.emit()

        self._in_turns(fill_in, view.refresh_choices, finish)

    def _scores_done(self) -> None:
        if self.fit_pending:  # the score columns have their content now; later, keep the
            self.fit_pending = False  # widths the user may have adjusted
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Fit the columns to a sample of rows: the rows in view and the first ones after.

        Qt measures 1,000 rows per column by default: 0.4 s at 100,000 rows, against 20 ms
        for this sample, which the widths hardly ever differ from (tooltips show the rest).
        """
        view = self._window.portfolio_view
        view.table.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        view.fit_columns()

    def _scores_failed(self, message: str) -> None:
        self.fit_pending = False  # keep the user's column widths on later reloads
        self._window.show_status(_tr("Scores could not be computed: {0}").format(message))
        self._window.scores_loaded.emit()

    def show_initiative(self, initiative_id: str) -> None:
        """Show the initiative in the detail pane (or the empty pane's prompt)."""
        window = self._window
        window.update_enabled()
        if not initiative_id or window.store is None:
            # With no initiative at all there is nothing to select: no prompt to select one.
            window.detail.show_empty("" if window.portfolio_view.model.total() else " ")
            return
        from avi_desktop.model.overview import initiative_overview
        from avi_desktop.model.privacy import protect_overview

        try:
            window.instrument()
            overview = initiative_overview(window.store, initiative_id)
            minimum = window.store.settings().min_group_size
        except AviError as exc:
            window.detail.show_empty(exc.message)
            return
        # Small groups' figures never reach the screen, as in the briefings.
        window.detail.show_overview(protect_overview(overview, minimum))
