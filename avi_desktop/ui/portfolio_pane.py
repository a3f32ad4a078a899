"""The table's loading and scoring, and the detail pane kept in step with the selection.

Rows come from one Core query in a worker, then scores in another, so the window stays
responsive while a large portfolio loads. The window owns the widgets and the signals
(``rows_loaded``, ``scores_loaded``); this controller only drives them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, SignalInstance

from avi_desktop.model.errors import AviError

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.detail_pane import DetailPane
    from avi_desktop.ui.portfolio_view import PortfolioView
    from avi_desktop.ui.workers import LatestJobs


class PaneWindow(Protocol):
    """What the controller drives of its window."""

    store: PortfolioStore | None
    jobs: LatestJobs
    rows_loaded: SignalInstance
    scores_loaded: SignalInstance

    @property
    def portfolio_view(self) -> PortfolioView: ...

    @property
    def detail(self) -> DetailPane: ...

    def instrument(self) -> Instrument: ...

    def update_enabled(self) -> None: ...

    def show_error(self, message: str, title: str = "") -> None: ...

    def show_status(self, message: str, timeout: int = 0) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("PortfolioPane", text)


class PortfolioPane(QObject):
    """Loads the window's table and scores and shows the selected initiative."""

    def __init__(self, window: PaneWindow, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        self._keep: str | None = None
        self.fit_pending = False  # size the columns once per portfolio, not on every reload

    def reload_table(self, select_id: str | None = None) -> None:
        """Read the rows in a worker, then fill in scores in another."""
        window = self._window
        if window.store is None:
            return
        from avi_desktop.ui.portfolio_loader import rows_job

        view = window.portfolio_view
        self._keep = select_id if select_id is not None else view.current_id()
        window.jobs.cancel_all()
        window.jobs.start("rows", rows_job(window.store), self._rows_ready, self._rows_failed)
        view.set_loading(True)
        if not view.model.all_rows():
            window.detail.show_empty(" ")  # nothing to select yet: no prompt to select
        window.show_status(_tr("Loading initiatives…"))

    def _rows_ready(self, rows: Any) -> None:
        view = self._window.portfolio_view
        view.model.set_rows(rows)
        view.set_loading(False)
        view.refresh_choices()
        if self.fit_pending:
            view.fit_columns()
        view.select(self._keep or (rows[0].id if rows else None))
        self.show_initiative(view.current_id())
        self._start_scores()  # before telling anyone, so a listener that reopens wins
        self._window.rows_loaded.emit()

    def _rows_failed(self, message: str) -> None:
        self._window.portfolio_view.set_loading(False)
        self._window.rows_loaded.emit()
        self._window.show_error(message, _tr("Cannot read the initiatives"))

    def _start_scores(self) -> None:
        from avi_desktop.ui.portfolio_loader import score_job

        window = self._window
        if window.store is None:  # closed while the rows were on their way
            return
        window.jobs.start(
            "scores",
            score_job(window.store),
            self._scores_ready,
            self._scores_failed,
            self._scores_progress,
        )
        window.show_status(_tr("Scoring the portfolio…"))

    def _scores_progress(self, done: int, total: int) -> None:
        self._window.show_status(_tr("Scoring the portfolio… {0} of {1}").format(done, total))

    def _scores_ready(self, scores: Any) -> None:
        view = self._window.portfolio_view
        view.model.set_scores(scores)
        view.refresh_choices()
        if self.fit_pending:  # the score columns have their content now; later, keep the
            self.fit_pending = False  # widths the user may have adjusted
            view.fit_columns()
        # The count sits under the table already; the status bar only says the work is done.
        self._window.show_status(_tr("Scores are up to date."), 5000)
        self._window.scores_loaded.emit()

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
            window.detail.show_empty("" if window.portfolio_view.model.all_rows() else " ")
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
