"""The main window: start page, or the portfolio table beside the selected initiative.

It opens and closes portfolios, routes menu actions to dialogs and wizards, and keeps the
table and the detail pane in step with the store. All writes go through ``PortfolioStore``.
Flows (dialogs, wizards, exports) see the window only through ``ui.host.FlowHost``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from avi_desktop.model.errors import AviError
from avi_desktop.ui import collector, session, workshop_flow
from avi_desktop.ui.actions import build_actions
from avi_desktop.ui.host import Selection
from avi_desktop.ui.pdf_kind import PdfKind
from avi_desktop.ui.portfolio_pane import PortfolioPane
from avi_desktop.ui.prefs import Preferences
from avi_desktop.ui.start_page import DemoBanner, StartPage
from avi_desktop.ui.workers import LatestJobs

if TYPE_CHECKING:
    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.detail_pane import DetailPane
    from avi_desktop.ui.export import ExportController
    from avi_desktop.ui.portfolio_view import PortfolioView


class MainWindow(QMainWindow):
    """One window per portfolio; the start page shows while none is open."""

    portfolio_opened = Signal(str)
    rows_loaded = Signal()
    table_shown = Signal()  # the file's rows are painted in the table, read before the store
    table_usable = Signal()  # ... and take input while the store opens (``ui.opening``)
    scores_loaded = Signal()
    portfolio_marks_loaded = Signal()  # which rows AI Theatre counts, for the pattern filter
    portfolio_page: QWidget  # built with the banner on first use (``ui.pane_build``)
    demo_banner: DemoBanner

    def __init__(self, prefs: Preferences | None = None, data_dir: Path | None = None) -> None:
        super().__init__()
        collector.install()  # before any worker runs: cycles are collected on this thread only
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("AVI Desktop"))
        self.prefs = prefs or Preferences()
        self.data_dir = data_dir
        self.store: PortfolioStore | None = None
        self.guide: QWidget | None = None  # Help > Guide, kept while it is open
        self._instrument: Instrument | None = None
        self.opening = False  # a previewed file's store is opening: its rows take input
        self.close_asked = False  # the window was closed meanwhile: it closes after the open
        self.jobs = LatestJobs()  # the table's "rows" and "scores" workers
        self.pane = PortfolioPane(self, self)  # loads the table and scores, shows the selection
        self._exports: ExportController | None = None
        self.undo_stack = QUndoStack(self)

        self.start_page = StartPage()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self._pane: tuple[PortfolioView, DetailPane, QSplitter] | None = None

        self.acts = build_actions(self, self.menuBar(), self.undo_stack, self._slots())
        self.addToolBar(self.acts.toolbar)
        self.start_page.new_requested.connect(self.new_portfolio)
        self.start_page.open_requested.connect(self.open_dialog)
        self.start_page.demo_requested.connect(self.open_demo)
        self.start_page.recent_requested.connect(self.open_path)
        self.start_page.pack_requested.connect(self.acts.open_pack.trigger)
        # A method, not a lambda: the link goes with the window (the stack clears as it dies).
        self.undo_stack.cleanChanged.connect(self._update_title)

        self.acts.toolbar.toggleViewAction().triggered.connect(self._toolbar_toggled)
        self.statusBar().showMessage(self.tr("Ready"))
        self._restore_geometry()
        self._show_page(self.start_page)
        self._refresh_recent()
        self.update_enabled()

    # -- geometry and preferences --------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry, state = self.prefs.geometry(), self.prefs.state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            # First run: most of the screen, so the scores and the ring show without scrolling,
            # but never less than a comfortable reading size nor more than the screen.
            metrics = self.fontMetrics()
            width, height = metrics.averageCharWidth() * 200, metrics.height() * 45
            screen = self.screen()
            if screen is not None:
                area = screen.availableGeometry()
                width = min(max(width, int(area.width() * 0.85)), area.width())
                height = min(max(height, int(area.height() * 0.85)), area.height())
            self.resize(width, height)
        if state is not None:
            self.restoreState(state)

    # -- the portfolio pane, built when a portfolio is first shown -----------------------------

    def _build_pane(self) -> tuple[PortfolioView, DetailPane, QSplitter]:
        """Table and detail pane are built on first use, so the first paint stays light."""
        if self._pane is None:
            from avi_desktop.ui.pane_build import build_pane

            self._pane = build_pane(self)
        return self._pane

    @property
    def exports(self) -> ExportController:
        """The running export and its signal, made on first use: its module loads the export
        dialogs, which the first paint need not wait for."""
        if self._exports is None:
            from avi_desktop.ui.export import ExportController

            self._exports = ExportController(self)
        return self._exports

    @property
    def portfolio_view(self) -> PortfolioView:
        return self._build_pane()[0]

    @property
    def detail(self) -> DetailPane:
        return self._build_pane()[1]

    @property
    def splitter(self) -> QSplitter:
        return self._build_pane()[2]

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.opening:  # put off until the store is open, then closed as usual
            self.close_asked = True
            event.ignore()
            return
        self.prefs.save_window(self.saveGeometry(), self.saveState())
        if self._pane is not None:
            self.prefs.save_splitter(self._pane[2].saveState())
        self.prefs.sync()
        self.close_portfolio()
        super().closeEvent(event)

    def _refresh_recent(self) -> None:
        recent = [p for p in self.prefs.recent() if p.exists()]
        self.start_page.set_recent(recent)
        menu = self.acts.recent_menu
        menu.clear()
        for path in recent:
            action = menu.addAction(path.name)
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        menu.setEnabled(bool(recent))

    def _show_page(self, page: QWidget) -> None:
        """Show the start page or the portfolio; the toolbar only serves an open portfolio."""
        self.stack.setCurrentWidget(page)
        self.acts.toolbar.setVisible(page is not self.start_page and self.prefs.toolbar_shown())

    def _toolbar_toggled(self, shown: bool) -> None:
        """Remember the user's own choice in View > Main toolbar."""
        self.prefs.set_toolbar_shown(shown)

    def update_enabled(self) -> None:
        has_store = self.store is not None
        for action in self.acts.portfolio_actions():
            action.setEnabled(has_store)
        rows = self._pane is not None and bool(self.portfolio_view.model.total())
        self.acts.while_opening(self.opening, previewed=rows and not has_store)
        if has_store:
            selected = self._pane is not None and bool(self.portfolio_view.current_id())
            for action in self.acts.selection_actions():
                action.setEnabled(selected)
            from avi_desktop.ui.private_scoring import open_workshop_id

            workshop = selected and open_workshop_id(self) is not None
            for action in self.acts.scoring_actions():
                action.setEnabled(bool(workshop))
        if self.store is not None and self.store.read_only:
            for action in self.acts.write_actions():
                action.setEnabled(False)
        workshop_flow.update_actions(self, self.acts)

    def _update_title(self, _clean: bool = False) -> None:
        if self.store is None:
            self.setWindowTitle(self.tr("AVI Desktop"))
        else:
            self.setWindowTitle(self.tr("{0} — AVI Desktop").format(Path(self.store.path).name))

    def show_error(self, message: str, title: str = "") -> None:
        """Show a user-facing error; never a traceback."""
        self.statusBar().showMessage(message, 10000)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title or self.tr("AVI Desktop"), message)

    # -- opening and closing -------------------------------------------------------------------

    def open_default(self) -> None:
        """At start-up: the last opened portfolio if it still exists, else (on the first launch)
        the demo."""
        last = self.prefs.last_opened()
        first_launch = self.prefs.first_launch()
        self.prefs.mark_launched()
        if last is not None and last.is_file() and self.open_path(last, quiet=True):
            return
        if first_launch:  # later launches without a portfolio stay on the start page
            self.open_demo(quiet=True)
        elif last is not None and not last.is_file():
            self.start_page.show_message(
                self.tr("The portfolio opened last, {0}, is no longer there.").format(last)
            )

    def open_path(self, path: Path, quiet: bool = False) -> bool:
        """Open a portfolio file; errors show on the start page (quiet) or in a message."""
        if self.opening:  # the window takes input while a previewed file opens: not another
            return False
        try:
            from avi_desktop.ui.opening import open_store

            store = open_store(self, Path(path), self.store is None and self._preview(Path(path)))
        except AviError as exc:
            self.open_failed(exc.message, quiet)
            return False
        except OSError as exc:
            self.open_failed(f"{exc.strerror or exc} ({path})", quiet)
            return False
        if store is None:  # cancelled at the passphrase prompt
            self._end_preview()
            return False
        self.set_store(store)
        return True

    def _preview(self, path: Path) -> bool:
        """Show the file's rows while the store opens (``ui.opening.preview``)."""
        from avi_desktop.ui import opening

        rows = session.preview_rows(path)
        if rows is None:  # encrypted, to upgrade, large or unreadable: the store decides
            return False
        self._build_pane()
        self._show_page(self.portfolio_page)
        self._show_demo_banner(path)
        opening.preview(self, rows)
        self.table_shown.emit()
        return True

    def _end_preview(self) -> None:
        """Take a preview's rows away again when the file did not open."""
        if self.store is None and self._pane is not None and self.portfolio_view.model.total():
            self.portfolio_view.set_loading(False)
            self.portfolio_view.model.set_rows([])
            self._show_page(self.start_page)

    def _show_demo_banner(self, path: Path) -> None:
        demo = path.parent / session.DEMO_NAME
        self.demo_banner.setVisible(
            path == demo and demo.parent == (self.data_dir or session.app_data_dir())
        )

    def open_failed(self, message: str, quiet: bool = False) -> None:
        self._end_preview()
        if self.store is None:
            self._show_page(self.start_page)
        self.start_page.show_message(message)
        if not quiet:
            self.show_error(message, self.tr("Cannot open the portfolio"))

    def open_dialog(self) -> None:
        last = self.prefs.last_opened()
        folder = str(last.parent) if last else ""
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open portfolio"), folder, self.tr("Portfolio (*.avip);;All files (*)")
        )
        if name:
            self.open_path(Path(name))

    def open_demo(self, quiet: bool = False) -> bool:
        try:
            path = session.demo_portfolio(self.data_dir)
        except AviError as exc:
            self.open_failed(exc.message, quiet)
            return False
        except OSError as exc:
            self.open_failed(str(exc), quiet)
            return False
        return self.open_path(path, quiet)

    def new_portfolio(self) -> None:
        from avi_desktop.ui.new_portfolio_dialog import NewPortfolioDialog

        last = self.prefs.last_opened()
        folder = last.parent if last else None
        dialog = NewPortfolioDialog(self, folder)
        if dialog.exec() != NewPortfolioDialog.DialogCode.Accepted:
            return
        try:
            store = session.create_portfolio(
                dialog.chosen_path(), dialog.passphrase.text(), dialog.organisation.text().strip()
            )
        except AviError as exc:
            self.show_error(exc.message, self.tr("Cannot create the portfolio"))
            return
        except OSError as exc:
            self.show_error(f"{exc.strerror or exc} ({exc.filename or ''})")
            return
        self.set_store(store)

    def set_store(self, store: PortfolioStore) -> None:
        """Show ``store`` in the window (closing any portfolio open before)."""
        self.close_portfolio()
        self.store = store
        self.prefs.add_recent(Path(store.path))
        self._refresh_recent()
        self.undo_stack.clear()
        self._build_pane()
        self._show_page(self.portfolio_page)
        self._show_demo_banner(Path(store.path))
        self.detail.can_edit = not store.read_only
        self.portfolio_view.can_add = not store.read_only
        self.pane.fit_pending = True
        self.reload_table()
        self.pane.check_intact()
        self._update_title()
        self.update_enabled()
        if store.read_only:
            self.statusBar().showMessage(self.tr("Opened read-only."))
        self.portfolio_opened.emit(str(store.path))

    def close_portfolio(self) -> None:
        self.jobs.cancel_all(wait=True)
        if self.store is None:
            return
        try:
            self.store.close()
        finally:
            self.store = None
            self.undo_stack.clear()
            self.portfolio_view.set_loading(False)
            self.portfolio_view.model.set_rows([])
            self.detail.show_empty()
            self._show_page(self.start_page)
            collector.thaw()  # cycles among the closed portfolio's objects can go now
            self.statusBar().clearMessage()  # no "Loading…" left behind on the start page
            self._update_title()
            self.update_enabled()

    # -- the table and its scores --------------------------------------------------------------

    def instrument(self) -> Instrument:
        """The portfolio's four-layer instrument (the bundled one), loaded on first use."""
        if self._instrument is None:
            from avi_desktop.model.instrument import bundled_instrument

            self._instrument = bundled_instrument()
            self.detail.set_instrument(self._instrument)
        return self._instrument

    def refresh(self) -> None:
        """View > Refresh: read the portfolio again, keeping the selected initiative.

        Its own slot: connected directly, ``triggered(checked)`` would arrive as ``select_id``.
        """
        self.reload_table()

    def reload_table(self, select_id: str | None = None) -> None:
        """Read the rows, then the scores, in workers (``ui.portfolio_pane``)."""
        self.pane.reload_table(select_id)

    def show_initiative(self, initiative_id: str) -> None:
        if self._pane is not None and self.store is None and self.portfolio_view.model.total():
            from avi_desktop.ui.opening import show_known

            show_known(self, initiative_id)  # a preview: what the plain read gave
        elif self._pane is not None:
            self.pane.show_initiative(initiative_id)

    def focus_search(self) -> None:
        self.portfolio_view.search.setFocus()
        self.portfolio_view.search.selectAll()

    def clear_filters(self) -> None:
        self.portfolio_view.clear_filters()

    # -- the door the flows get (ui.host.FlowHost) ---------------------------------------------

    def parent_widget(self) -> QWidget:
        return self

    def selected(self) -> Selection | None:
        if self._pane is None or self.store is None or not self.portfolio_view.current_id():
            return None
        row = self.portfolio_view.model.row_at(self.portfolio_view.table.currentIndex().row())
        return Selection(row.id, row.name)

    def show_status(self, message: str, timeout: int = 0) -> None:
        self.statusBar().showMessage(message, timeout)

    def changed(self, select_id: str | None) -> None:
        """Called by undo commands and flows after a write: refresh what is shown."""
        self.reload_table(select_id=select_id or "")

    # -- delegated flows (each in its own module, imported on first use) -----------------------

    def _slots(self) -> dict[str, Callable[..., Any]]:
        """What each action runs (``ui.actions`` names them; connected once, at start)."""
        from avi_desktop.ui.window_slots import slots

        return slots(self)

    def new_initiative(self) -> None:
        from avi_desktop.ui import initiative_flow

        initiative_flow.new_initiative(self)

    def edit_initiative(self) -> None:
        from avi_desktop.ui import initiative_flow

        initiative_flow.edit_initiative(self)

    def delete_initiative(self) -> None:
        from avi_desktop.ui import initiative_flow

        initiative_flow.delete_initiative(self)

    def export_pdf(self, kind: PdfKind, initiative_id: str | None = None) -> None:
        """The export dialog on ``kind``, remembering its folder in this user's preferences."""
        from avi_desktop.ui.export import export_pdf

        export_pdf(self, self.exports, kind, prefs=self.prefs, initiative_id=initiative_id)

    def run_assessment(self) -> None:
        from avi_desktop.ui.assessment_wizard import run_assessment_wizard

        run_assessment_wizard(self, lambda i: self.export_pdf(PdfKind.BRIEFING, i))

    def new_action(self, initial: dict[str, Any]) -> None:
        from avi_desktop.ui import action_flow

        action_flow.new_action(self, initial)

    def edit_action(self, action_id: str) -> None:
        from avi_desktop.ui import action_flow

        action_flow.change_action(self, action_id)
