"""File > Export: briefings, the committee paper, answers CSV and portfolio CSV.

Each export runs in a worker with a progress dialog that can be cancelled; errors come back as
a message. The flows take the door (``ui.host.FlowHost``) and an ``ExportController``, which
owns the running worker and its ``finished`` signal. The writing itself is done by ``reports``
and ``model.exports``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from avi_desktop.model.files import slug
from avi_desktop.ui.workers import ProgressFn, Worker, start

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.host import FlowHost

Job = Callable[[ProgressFn], Any]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def choose_save_path(parent: QWidget, title: str, suggested: str, filter_: str) -> Path | None:
    """Ask where to save; None when cancelled. Tests replace this."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_)
    return Path(name) if name else None


def _with_message(progress: ProgressFn) -> Callable[[int, int, str], None]:
    """Adapt the worker's progress to the briefings' ``progress(done, total, message)``."""

    def report(done: int, total: int, _message: str) -> None:
        progress(done, total)

    return report


class ExportController(QObject):
    """Owns the running export: keeps its worker alive and says when it is over.

    ``finished`` carries the written file, or "" when the export failed or was cancelled.
    """

    finished = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None

    def run(self, host: FlowHost, label: str, job: Job, out: Path) -> Worker:
        """Run ``job`` in a worker behind a cancellable progress dialog; report the outcome."""
        parent = host.parent_widget()
        dialog = QProgressDialog(label, _tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(_tr("Exporting"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        worker = Worker(job)
        self.worker = worker  # keep it alive until it reports

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)

        def finished(_result: Any) -> None:
            dialog.reset()
            self.worker = None
            host.show_status(_tr("Saved {0}").format(out), 10000)
            self.finished.emit(str(out))

        def failed(message: str) -> None:
            dialog.reset()
            self.worker = None
            self.finished.emit("")
            QMessageBox.warning(parent, _tr("Export failed"), message)

        def cancelled() -> None:
            dialog.reset()
            self.worker = None
            host.show_status(_tr("Export cancelled."), 10000)
            self.finished.emit("")

        worker.signals.progress.connect(progress)
        worker.signals.finished.connect(finished)
        worker.signals.failed.connect(failed)
        worker.signals.cancelled.connect(cancelled)
        dialog.canceled.connect(worker.cancel)
        return start(worker)


def _options(store: PortfolioStore) -> tuple[Any, Any]:
    from avi_desktop.reports import BriefingOptions

    settings = store.settings()
    return settings, BriefingOptions(
        classification=settings.classification, audit_head=store.chain_head()
    )


def _selected_id(host: FlowHost) -> str:
    chosen = host.selected()
    return chosen.id if chosen else ""


def export_brief(
    host: FlowHost, exports: ExportController, initiative_id: str | None = None
) -> None:
    """A briefing for ``initiative_id`` (by default the selected initiative) as a PDF."""
    store = host.store
    initiative_id = initiative_id or _selected_id(host)
    if store is None or not initiative_id:
        return
    name = store.get_initiative(initiative_id).name
    out = choose_save_path(
        host.parent_widget(),
        _tr("Export initiative briefing"),
        f"{slug(name)}.pdf",
        _tr("PDF (*.pdf)"),
    )
    if out is None:
        return
    instrument = host.instrument()

    def job(progress: ProgressFn) -> Any:
        from avi_desktop.model.overview import initiative_overview
        from avi_desktop.reports import write_initiative_brief

        settings, options = _options(store)
        progress(0, 1)
        overview = initiative_overview(store, initiative_id)
        return write_initiative_brief(
            overview, settings, instrument, out, options, progress=_with_message(progress)
        )

    exports.run(host, _tr("Writing the briefing for “{0}”…").format(name), job, out)


def export_paper(host: FlowHost, exports: ExportController) -> None:
    """The portfolio committee paper as a PDF."""
    store = host.store
    if store is None:
        return
    out = choose_save_path(
        host.parent_widget(),
        _tr("Export portfolio committee paper"),
        "committee-paper.pdf",
        _tr("PDF (*.pdf)"),
    )
    if out is None:
        return

    def job(progress: ProgressFn) -> Any:
        from avi_desktop.model.overview import portfolio_overview
        from avi_desktop.model.values_audit import portfolio_values_audit
        from avi_desktop.reports import write_portfolio_paper

        settings, options = _options(store)
        portfolio = portfolio_overview(store, progress=progress)
        return write_portfolio_paper(
            portfolio, settings, out, options, _with_message(progress), actions=store.actions(),
            values=portfolio_values_audit(store),
        )  # fmt: skip

    exports.run(host, _tr("Writing the committee paper…"), job, out)


def export_answers(host: FlowHost, exports: ExportController) -> None:
    """The answers of the selected initiative's latest assessment as a CSV file."""
    store = host.store
    initiative_id = _selected_id(host)
    if store is None or not initiative_id:
        return
    assessment_id = store.latest_assessment_id(initiative_id)
    if assessment_id is None:
        QMessageBox.information(
            host.parent_widget(),
            _tr("Export answers"),
            _tr("This initiative has no assessment yet; run a four-layer assessment first."),
        )
        return
    out = choose_save_path(
        host.parent_widget(),
        _tr("Export answers"),
        f"answers-{assessment_id[:8]}.csv",
        _tr("CSV (*.csv)"),
    )
    if out is None:
        return

    def job(progress: ProgressFn) -> Any:
        from avi_desktop.model.exports import write_answers_csv  # as ``export-answers`` does

        progress(0, 1)
        return write_answers_csv(store, assessment_id, out)

    exports.run(host, _tr("Writing the answers…"), job, out)


def export_portfolio_csv(host: FlowHost, exports: ExportController) -> None:
    """The portfolio table, every initiative with its scores, as a CSV file."""
    store = host.store
    if store is None:
        return
    out = choose_save_path(
        host.parent_widget(), _tr("Export portfolio table"), "portfolio.csv", _tr("CSV (*.csv)")
    )
    if out is None:
        return

    def job(progress: ProgressFn) -> Any:
        from avi_desktop.model.exports import write_portfolio_csv  # as ``export-portfolio`` does

        return write_portfolio_csv(store, out, progress)

    exports.run(host, _tr("Writing the portfolio table…"), job, out)
