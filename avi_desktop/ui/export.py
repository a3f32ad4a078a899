"""File > Export: briefings, the committee paper, answers CSV and portfolio CSV.

Each export runs in a worker with a progress dialog that can be cancelled; errors come back as
a message. The flows take the door (``ui.host.FlowHost``) and an ``ExportController``, which
owns the running worker and its ``finished`` signal. The writing itself is done by ``reports``
and ``model.exports``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QProgressDialog, QWidget

from avi_desktop.model.domain import AssessmentMode
from avi_desktop.model.errors import AviError
from avi_desktop.ui.export_dialog import (
    ExportContext,
    ExportDialog,
    PdfRequest,
    default_folder,
)
from avi_desktop.ui.pdf_kind import PdfKind
from avi_desktop.ui.workers import ProgressFn, Worker, start

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.host import FlowHost
    from avi_desktop.ui.prefs import Preferences

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

    def run(
        self,
        host: FlowHost,
        label: str,
        job: Job,
        out: Path,
        after: Callable[[Any], None] | None = None,
    ) -> Worker:
        """Run ``job`` in a worker behind a cancellable progress dialog; report the outcome.

        ``after(result)`` runs once the job has succeeded (opening the written PDF).
        """
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

        def finished(result: Any) -> None:
            dialog.reset()
            self.worker = None
            host.show_status(_tr("Saved {0}").format(out), 10000)
            self.finished.emit(str(out))
            if after is not None:
                after(result)

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


def pdf_job(store: PortfolioStore, request: PdfRequest, instrument: Callable[[], Any]) -> Job:
    """The worker's job for ``request``: read what the document needs, then write it.

    ``instrument()`` gives the portfolio's instrument: the blank questionnaire's statements
    unless it is for a workshop, which is answered on the version it was created with.
    """
    options, out, context = request.options, request.out, request.context

    def job(progress: ProgressFn) -> Any:
        from avi_desktop import reports
        from avi_desktop.model.overview import (
            evaluate_assessment,
            initiative_overview,
            instrument_for,
            portfolio_overview,
        )

        settings = store.settings()
        report = _with_message(progress)
        progress(0, 1)
        if request.kind is PdfKind.PAPER:
            from avi_desktop.model.values_audit import portfolio_values_audit

            portfolio = portfolio_overview(store, progress=progress)
            return reports.write_portfolio_paper(
                portfolio, settings, out, options, report, actions=store.actions(),
                values=portfolio_values_audit(store),
            )  # fmt: skip
        if request.kind is PdfKind.QUESTIONNAIRE:
            statements = instrument()
            if context.workshop_id:
                workshop = store.get_assessment(context.workshop_id)
                statements = instrument_for(workshop.instrument_id, workshop.instrument_version)
            return reports.write_questionnaire(
                statements, out, options, settings=settings, progress=report
            )
        if request.kind is PdfKind.WORKSHOP:
            assessment = store.get_assessment(context.workshop_id)
            return reports.write_workshop_summary(
                evaluate_assessment(store, context.workshop_id),
                assessment,
                instrument_for(assessment.instrument_id, assessment.instrument_version),
                out,
                options,
                initiative_name=context.initiative_name,
                groups={r.id: r.stakeholder_group for r in assessment.respondents},
                settings=settings,
                progress=report,
            )
        overview = initiative_overview(store, context.initiative_id)
        brief_instrument = None  # the assessment's own, else the portfolio's
        if overview.latest is not None:
            with contextlib.suppress(AviError):
                brief_instrument = instrument_for(
                    overview.latest.instrument_id, overview.latest.instrument_version
                )
            if brief_instrument is None:
                with contextlib.suppress(AviError):
                    brief_instrument = instrument()
        return reports.write_initiative_brief(
            overview, settings, brief_instrument, out, options, progress=report
        )

    return job


def _selected_id(host: FlowHost) -> str:
    chosen = host.selected()
    return chosen.id if chosen else ""


def show_dialog(dialog: ExportDialog) -> bool:
    """Run the export dialog; True when the user asked for the export. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def open_file(path: Path) -> None:
    """Open a written PDF in the user's viewer (a local file: nothing goes over a network)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def export_context(store: PortfolioStore, initiative_id: str) -> ExportContext:
    """The selection as the export dialog needs it: names, assessments, workshop participants."""
    classification = store.settings().classification
    if not initiative_id:
        return ExportContext(classification=classification)
    assessments = store.assessments(initiative_id)
    workshops = [a for a in assessments if a.mode is AssessmentMode.WORKSHOP]
    latest = max(workshops, key=lambda a: (a.assessed_on, a.created_at), default=None)
    return ExportContext(
        initiative_id=initiative_id,
        initiative_name=store.get_initiative(initiative_id).name,
        assessed=bool(assessments),
        workshop_id=latest.id if latest else "",
        participants=tuple(r.name for r in latest.respondents) if latest else (),
        workshop_version=latest.instrument_version if latest else "",
        classification=classification,
    )


def export_pdf(
    host: FlowHost,
    exports: ExportController,
    kind: PdfKind,
    *,
    prefs: Preferences | None = None,
    initiative_id: str | None = None,
) -> None:
    """Ask for a PDF in the export dialog (``kind`` chosen first), then write it in a worker.

    ``prefs`` remembers the folder, who prepared it and whether to open it; without it the
    dialog starts in the user's Documents folder and remembers nothing.
    """
    store = host.store
    if store is None:
        return
    initiative_id = initiative_id or _selected_id(host)
    if kind is PdfKind.BRIEFING and not initiative_id:
        return
    prepared_by, open_when_done = prefs.export_choices() if prefs else ("", False)
    folder = prefs.export_folder() if prefs else None
    dialog = ExportDialog(
        export_context(store, initiative_id),
        kind,
        folder if folder is not None and folder.is_dir() else default_folder(),
        host.parent_widget(),
        prepared_by=prepared_by,
        open_when_done=open_when_done,
    )
    if not show_dialog(dialog):
        return
    request = dialog.request(store.chain_head())
    if prefs is not None:
        prefs.save_export(request.out.parent, request.options.prepared_by, request.open_when_done)
    job = pdf_job(store, request, host.instrument)
    after = _open_first if request.open_when_done else None
    exports.run(host, _tr("Writing {0}…").format(request.out.name), job, request.out, after)


def _open_first(paths: Any) -> None:
    if isinstance(paths, list) and paths:
        open_file(Path(paths[0]))


def export_brief(
    host: FlowHost,
    exports: ExportController,
    initiative_id: str | None = None,
    prefs: Preferences | None = None,
) -> None:
    """A briefing for ``initiative_id`` (by default the selected initiative), via the dialog."""
    export_pdf(host, exports, PdfKind.BRIEFING, prefs=prefs, initiative_id=initiative_id)


def export_paper(
    host: FlowHost, exports: ExportController, prefs: Preferences | None = None
) -> None:
    """The portfolio committee paper, via the dialog."""
    export_pdf(host, exports, PdfKind.PAPER, prefs=prefs)


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
