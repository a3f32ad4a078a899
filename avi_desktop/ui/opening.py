"""A previewed portfolio takes input while its store opens.

Opening the store imports SQLAlchemy and the model (about 0.3 s of CPU, three bare windows'
first paint) and checks the file. When the file's rows are already on screen
(``model.startup_rows``), the user need not wait for that: the store opens in a thread while the
window's own event loop runs, user input included, so the table scrolls, sorts, searches and
selects at once. What needs the store waits: its actions are disabled (``update_enabled``),
opening another file is refused, closing the window is put off until the open is over, and the
detail pane shows what the plain read gave (``preview_html``) under an "Opening…" line. When the
store is open, its own read replaces the plain rows, keeping the selection, sort and search.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal, SignalInstance

from avi_desktop.model.results import fmt_date, fmt_number
from avi_desktop.ui.table_data import BAND_LABELS, LAYER_LABELS, STAGE_LABELS, TableRow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.detail_pane import DetailPane
    from avi_desktop.ui.portfolio_view import PortfolioView

T = TypeVar("T")


class OpeningWindow(Protocol):
    """What this module drives of the window."""

    opening: bool  # a previewed file's store is opening
    close_asked: bool  # the window was closed meanwhile

    @property
    def portfolio_view(self) -> PortfolioView: ...

    @property
    def detail(self) -> DetailPane: ...

    @property
    def table_usable(self) -> SignalInstance: ...

    def update_enabled(self) -> None: ...

    def parent_widget(self) -> QWidget: ...

    def repaint(self) -> None: ...

    def close(self) -> bool: ...


class _Done(QObject):
    """Tells the UI thread's loop that the thread's work is over (a queued signal)."""

    over = Signal()


def taking_input(work: Callable[[], T], started: Callable[[], None] | None = None) -> T:
    """Run ``work`` in a thread while the UI thread's event loop runs, input included; return
    what it returns (or raise what it raised). ``started`` runs on the loop's first turn.

    Unlike ``workers.beside_ui`` this takes the user's input meanwhile, so the caller must have
    disabled whatever cannot run before ``work`` is done.
    """
    app = QCoreApplication.instance()
    if app is None:
        return work()
    outcome: dict[str, Any] = {}
    loop = QEventLoop()
    done = _Done()
    done.over.connect(loop.quit)  # queued: the loop is running by the time it arrives

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised on the UI thread below
            outcome["error"] = exc
        finally:
            done.over.emit()

    if started is not None:
        QTimer.singleShot(0, started)
    threading.Thread(target=run, name="avi-opening", daemon=True).start()
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


def _tr(text: str) -> str:
    return QCoreApplication.translate("Opening", text)


def preview_html(row: TableRow) -> str:
    """What the plain read knows of an initiative, for the detail pane while the store opens:
    the table's own figures (the cached scores), said as the table says them."""
    facts = [
        (_tr("Stage"), STAGE_LABELS.get(row.stage, row.stage)),
        (_tr("Business unit"), row.business_unit or "—"),
        (_tr("Business owner"), row.business_owner or "—"),
        (_tr("Latest assessment"), fmt_date(row.latest_on, short=True)),
        (
            _tr("Alignment index"),
            "—" if row.alignment_index is None else fmt_number(row.alignment_index, 1),
        ),
        (_tr("Binding layer"), LAYER_LABELS.get(row.binding_layer or "", "—")),
        (_tr("Worst band"), BAND_LABELS.get(row.worst_band or "", "—")),
        (_tr("Patterns"), ", ".join(row.patterns) or "—"),
    ]
    lines = "".join(f"<b>{escape(k)}:</b> {escape(v)}<br>" for k, v in facts)
    return lines + "<p><i>" + escape(_tr("Opening the portfolio…")) + "</i></p>"


def preview(window: OpeningWindow, rows: list[TableRow]) -> None:
    """Show rows read without the store (``model.startup_rows``: a few ms, where opening
    imports the model and checks the file), the first selected as the store's rows will have
    it, painted before the open starts taking its share of the CPU."""
    view = window.portfolio_view
    view.model.set_rows(rows)
    view.fit_columns()  # a few ms at this size (at most ``startup_rows.PREVIEW_LIMIT`` rows)
    view.select(view.model.row_at(0).id if view.model.rowCount() else None)
    window.repaint()


def open_store(window: OpeningWindow, path: Path, previewed: bool) -> PortfolioStore | None:
    """Open ``path``'s store; a previewed file's rows take input meanwhile, with the window's
    store actions and other opens disabled, and a close put off until the open is over."""
    from avi_desktop.ui import session

    window.opening = previewed
    window.update_enabled()
    try:
        return session.open_portfolio(
            window.parent_widget(),
            path,
            window.table_usable.emit if previewed else None,
            window.portfolio_view.current_id() if previewed else "",
        )
    finally:
        window.opening = False
        window.update_enabled()
        if window.close_asked:
            window.close_asked = False
            QTimer.singleShot(0, window.close)


def show_known(window: OpeningWindow, initiative_id: str) -> None:
    """The detail pane while the store opens: what the table's row says, "Opening…" below."""
    model = window.portfolio_view.model
    row = model.row_of(initiative_id) if initiative_id else -1
    if row < 0:
        window.detail.show_empty()
    else:
        window.detail.show_opening(model.row_at(row).name, preview_html(model.row_at(row)))
    window.update_enabled()
