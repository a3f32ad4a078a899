"""The main window's portfolio page: the table beside the detail pane, under the sample banner.

Built the first time a portfolio is shown, never at start-up, so the first paint stays light;
and imported then, with the widgets it needs. The flows the page's buttons start go through
the window's actions, so a read-only portfolio refuses them in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from avi_desktop.ui.detail_pane import DetailPane
from avi_desktop.ui.pane_orientation import PaneOrientation
from avi_desktop.ui.portfolio_view import PortfolioView
from avi_desktop.ui.start_page import DemoBanner

if TYPE_CHECKING:
    from avi_desktop.ui.main_window import MainWindow


def build_pane(window: MainWindow) -> tuple[PortfolioView, DetailPane, QSplitter]:
    """The page's widgets, wired to ``window``, and the page added to its stack."""
    view, detail = PortfolioView(), DetailPane()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("main_splitter")
    splitter.addWidget(view)
    splitter.addWidget(detail)
    state = window.prefs.splitter()
    if state is not None:
        splitter.restoreState(state)
    else:
        width = window.width()
        splitter.setSizes([width // 2, width // 2])  # the ring needs about half
    PaneOrientation(window, splitter).update()  # below the table on a narrow window
    window.stack.addWidget(_with_demo_banner(window, splitter))
    acts = window.acts
    view.selected.connect(window.show_initiative)
    view.new_requested.connect(acts.new_initiative.trigger)
    view.activated.connect(lambda _id: window.edit_initiative())
    detail.assess_requested.connect(acts.assess.trigger)
    detail.necessity_requested.connect(acts.necessity.trigger)
    detail.action_requested.connect(window.new_action)
    detail.action_edit_requested.connect(window.edit_action)
    decisions = detail.decisions
    decisions.add_requested.connect(lambda: _decision_flow(window, "new_decision"))
    decisions.edit_requested.connect(lambda i: _decision_flow(window, "change_decision", i))
    decisions.delete_requested.connect(lambda i: _decision_flow(window, "delete_decision", i))
    return view, detail, splitter


def _decision_flow(window: MainWindow, name: str, *args: str) -> None:
    """Run a ``ui.decision_flow`` function, imported on first use: it imports the model, which
    the page must not wait for (it shows a file's rows before the store opens)."""
    from avi_desktop.ui import decision_flow

    getattr(decision_flow, name)(window, *args)


def _with_demo_banner(window: MainWindow, splitter: QSplitter) -> QWidget:
    """The portfolio page: the sample-portfolio banner (shown on the demo) over the panes."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    window.demo_banner = DemoBanner()
    window.demo_banner.follow(window.acts.new_portfolio, window.acts.open_portfolio)
    window.demo_banner.hide()
    layout.addWidget(window.demo_banner)
    layout.addWidget(splitter, 1)
    window.portfolio_page = page
    return page
