"""Workshop > Import response packs…: many pack files into the selected workshop, off the UI thread.

``model.packs.import_packs`` runs in a ``ui.workers.Worker`` with a progress bar, so the window
keeps painting. Packs from someone who already answered differently are never replaced silently:
the facilitator is asked (replace these / skip them) and only those files go through a second
pass with ``replace``. Both passes are one undoable command, since they change one assessment
record, and a result dialog lists every file imported and every file rejected with its reason.

Cancel stops between files: what was imported stays (still one undoable command) and the files
not yet read are left as if they had never been chosen, listed as not imported.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.errors import AviError
from avi_desktop.model.packs import Imported, ImportReport, Rejected, import_packs
from avi_desktop.ui import workers
from avi_desktop.ui.records_model import RecordsModel, fit_height, records_view
from avi_desktop.ui.undo import push_saved
from avi_desktop.ui.workshop_flow import LatestAssessment, latest_workshop

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.model.store.records import SavedRecord
    from avi_desktop.ui.host import FlowHost

_RUNNING: set[ResponseImport] = set()  # kept alive until their last signal arrives


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResponseImport", text)


_OUTCOMES = {
    "added": "imported",
    "replaced": "imported, earlier answers replaced",
    "unchanged": "already imported, nothing changed",
}


def ask_replace(parent: QWidget, already: Sequence[Rejected]) -> bool:
    """Ask whether to replace the earlier answers of these respondents (True) or skip them."""
    names = "".join(f"\n• {r.path.name}" for r in already)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Already answered"))
    box.setText(
        _tr(
            "{0} packs come from participants who have already answered differently:{1}\n\n"
            "Replace their earlier answers with these packs, or skip these files?"
        ).format(len(already), names)
    )
    replace = box.addButton(_tr("&Replace these"), QMessageBox.ButtonRole.AcceptRole)
    skip = box.addButton(_tr("&Skip them"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(skip)
    box.exec()
    return box.clickedButton() is replace


def merge(first: ImportReport, second: ImportReport | None, skipped: bool) -> ImportReport:
    """One report for both passes: the second pass's verdict replaces the first's for its files."""
    again = {r.path for r in first.rejected if r.already_answered}
    rejected: list[Rejected] = []
    for r in first.rejected:
        if r.path in again and skipped:
            rejected.append(
                Rejected(r.path, _tr("Skipped: {0}").format(r.reason), already_answered=True)
            )
        elif r.path not in again or second is None:
            rejected.append(r)
    imported: list[Imported] = list(first.imported)
    if second is not None:
        imported += second.imported
        rejected += second.rejected
    return ImportReport(tuple(imported), tuple(rejected))


class UntilCancelled(list[Path]):
    """The chosen files, handed to ``import_packs`` one at a time until ``stop`` is set.

    ``import_packs`` reads its files in order and reports every file it has read, so once
    the user cancels it ends after the file it is on; ``taken`` counts the files handed out.
    One call for all files, because the workshop is read once per call.
    """

    def __init__(self, paths: Sequence[Path], stop: threading.Event) -> None:
        super().__init__(paths)
        self.stop, self.taken = stop, 0

    def __iter__(self) -> Iterator[Path]:
        for path in list.__iter__(self):
            if self.stop.is_set():
                return
            self.taken += 1
            yield path

    def rest(self) -> list[Path]:
        """The files never handed out."""
        return self[self.taken :]  # list slicing, not the stopping iteration


def shown_names(paths: Sequence[Path]) -> dict[Path, str]:
    """Each file's name, with its folder where two files of the import share a name."""
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.name] = counts.get(path.name, 0) + 1
    return {p: p.name if counts[p.name] == 1 else f"{p.parent.name}/{p.name}" for p in paths}


def summary_text(report: ImportReport, cancelled: Sequence[Path] = ()) -> str:
    """One line on the outcome: counts, and whether the import was cancelled."""
    counts = _tr("{0} imported, {1} rejected").format(len(report.imported), len(report.rejected))
    if not cancelled:
        return counts + "."
    return _tr("Import cancelled: {0}, {1} not imported.").format(counts, len(cancelled))


class ImportResultDialog(QDialog):
    """Every file of the import with what became of it."""

    def __init__(
        self,
        report: ImportReport,
        parent: QWidget | None = None,
        cancelled: Sequence[Path] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_result")
        self.setWindowTitle(
            _tr("Import cancelled") if cancelled else _tr("Response packs imported")
        )
        self.model = RecordsModel([_tr("File"), _tr("Result"), _tr("Participant or reason")])
        paths = [i.path for i in report.imported] + [r.path for r in report.rejected]
        paths += cancelled
        names = shown_names(paths)
        rows = [
            (names[i.path], _tr("Imported"), f"{i.respondent} ({_tr(_OUTCOMES[i.outcome])})")
            for i in report.imported
        ]
        rows += [(names[r.path], _tr("Rejected"), r.reason) for r in report.rejected]
        rows += [
            (names[p], _tr("Not imported"), _tr("Cancelled before this file was read."))
            for p in cancelled
        ]
        self.model.set_rows(rows, [str(p) for p in paths])
        self.table = records_view(self.model, _tr("Imported and rejected files"), wrap=(2,))
        fit_height(self.table)
        self.summary = QLabel(summary_text(report, cancelled))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 130, self.fontMetrics().height() * 24)


class ResponseImport(QObject):
    """One import run: first pass, the replace question, second pass, result, undo command."""

    finished = Signal(object)  # the merged ImportReport (after the result dialog is open)
    progressed = Signal(int, int)

    def __init__(
        self,
        host: FlowHost,
        store: PortfolioStore,
        initiative_id: str,
        workshop: LatestAssessment,
        paths: Sequence[Path],
    ) -> None:
        super().__init__(host.parent_widget())
        self._host, self._store, self._select = host, store, initiative_id
        self.workshop, self.paths = workshop, list(paths)
        self._before: SavedRecord = store.export_record(AuditEntity.ASSESSMENT, workshop.id)
        self._first: ImportReport | None = None
        self._worker: workers.Worker | None = None
        self.result_dialog: ImportResultDialog | None = None
        self.report: ImportReport | None = None
        self.cancelled: list[Path] = []  # files never read: the user cancelled before them
        self._stop = threading.Event()
        self._files: UntilCancelled | None = None
        self.progress = QProgressDialog(
            _tr("Importing response packs…"),
            _tr("Cancel"),
            0,
            len(self.paths),
            host.parent_widget(),
        )
        self.progress.canceled.connect(self.cancel)
        self.progress.setWindowTitle(_tr("Import response packs"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)

    def start(self) -> None:
        _RUNNING.add(self)
        self.progress.show()
        self._pass(self.paths, replace=False)

    def cancel(self) -> None:
        """Stop after the file being read; the rest are left as if never chosen."""
        self._stop.set()
        self._host.show_status(_tr("Cancelling the import after the current file…"))

    def _pass(self, paths: Sequence[Path], *, replace: bool) -> None:
        store, target = self._store, self.workshop.id
        self.progress.setMaximum(len(paths))
        self.progress.setValue(0)
        files = self._files = UntilCancelled(paths, self._stop)

        def job(progress: workers.ProgressFn) -> ImportReport:
            return import_packs(
                store, files, replace=replace, assessment_id=target, progress=progress
            )

        worker = workers.Worker(job)
        worker.signals.progress.connect(self._progress)
        worker.signals.finished.connect(self._second if replace else self._first_done)
        worker.signals.failed.connect(self._failed)
        self._worker = workers.start(worker)

    def _progress(self, done: int, total: int) -> None:
        if self._stop.is_set():
            return  # the bar was closed by Cancel; setting it would show it again
        self.progress.setValue(done)
        self.progress.setLabelText(_tr("Importing response packs… {0} of {1}").format(done, total))
        self.progressed.emit(done, total)

    def _stopped_before(self) -> None:
        """Note the files this pass never read (none unless the user cancelled)."""
        if self._files is not None:
            self.cancelled += self._files.rest()

    def _first_done(self, report: Any) -> None:
        self._first = report
        self._stopped_before()
        already = [r for r in report.rejected if r.already_answered]
        if self._stop.is_set() and already:  # cancelled: no more questions, nothing replaced
            self._finish(merge(report, None, skipped=True))
            return
        if not already:
            self._finish(report)
            return
        self.progress.hide()
        if ask_replace(self._host.parent_widget(), already):
            self.progress.show()
            self._pass([r.path for r in already], replace=True)
        else:
            self._finish(merge(report, None, skipped=True))

    def _second(self, report: Any) -> None:
        assert self._first is not None
        self._stopped_before()
        self._finish(merge(self._first, report, skipped=False))

    def _failed(self, message: str) -> None:
        self.progress.close()
        self._host.show_error(message, _tr("Cannot import the response packs"))
        if self._first is not None:  # the first pass was written: keep it undoable
            self._push(self._first)
        self._done(None)

    def _push(self, report: ImportReport) -> None:
        written = [i for i in report.imported if i.outcome != "unchanged"]
        if not written:
            return
        text = _tr("Import {0} response packs into “{1}”").format(len(written), self.workshop.title)
        push_saved(
            self._host, text, AuditEntity.ASSESSMENT, self.workshop.id, self._before,
            select_id=self._select,
        )  # fmt: skip

    def _finish(self, report: ImportReport) -> None:
        self.progress.close()
        self._push(report)
        done = _tr("{0} packs imported, {1} rejected.").format(
            len(report.imported), len(report.rejected)
        )
        self._host.show_status(
            summary_text(report, self.cancelled) if self.cancelled else done, 8000
        )
        self.result_dialog = ImportResultDialog(report, self._host.parent_widget(), self.cancelled)
        self.result_dialog.open()
        self._done(report)

    def _done(self, report: ImportReport | None) -> None:
        self.report = report
        self._worker = None
        _RUNNING.discard(self)
        self.finished.emit(report)


def import_responses(host: FlowHost, paths: Sequence[Path] | None = None) -> ResponseImport | None:
    """Pick pack files and import them into the selected initiative's workshop."""
    found = latest_workshop(host)
    if found is None:
        return None
    store, initiative_id, workshop = found
    if workshop.closed:
        host.show_error(
            _tr(
                "“{0}” is closed. Reopen it (Workshop ▸ Reopen workshop…) to import answers."
            ).format(workshop.title)
        )
        return None
    if paths is None:
        names, _ = QFileDialog.getOpenFileNames(
            host.parent_widget(),
            _tr("Import response packs"),
            "",
            _tr("Response packs (*.json);;All files (*)"),
        )
        paths = [Path(n) for n in names]
    if not paths:
        return None
    try:
        run = ResponseImport(host, store, initiative_id, workshop, paths)
    except AviError as exc:
        host.show_error(exc.message)
        return None
    run.start()
    return run
