"""The one dialog behind every PDF export: which document, where, and how it is marked.

It asks for everything the command line offers (``reports.options.BriefingOptions``): the
classification, a watermark, recipients (one copy each), a password and whether the encrypted
copy may be printed, who prepared it, its version and its distribution. The folder is remembered
(the user's Documents folder at first, never the folder the application was started from), and
the PDF can be opened when it is written. The dialog only asks; ``ui.export`` does the writing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.model.files import slug
from avi_desktop.reports.options import BriefingOptions
from avi_desktop.ui.pdf_kind import PdfKind


@dataclass(frozen=True)
class ExportContext:
    """What the dialog needs to know about the open portfolio and the selection."""

    initiative_id: str = ""
    initiative_name: str = ""
    assessed: bool = False  # the initiative has an assessment to brief on
    workshop_id: str = ""  # its latest workshop assessment, if any
    participants: tuple[str, ...] = ()  # that workshop's respondents (names or codes)
    workshop_version: str = ""  # the instrument version that workshop was created with
    classification: str = ""  # the portfolio's default


@dataclass(frozen=True)
class PdfRequest:
    """What to write: the kind, the target file, the options, and whether to open it after."""

    kind: PdfKind
    out: Path
    options: BriefingOptions
    open_when_done: bool = False
    context: ExportContext = field(default_factory=ExportContext)


def default_folder() -> Path:
    """The user's Documents folder (their home when the platform has none)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs else Path.home()


class ExportDialog(QDialog):
    """Choose a PDF, its folder and file name, and how it is marked."""

    def __init__(
        self,
        context: ExportContext,
        kind: PdfKind,
        folder: Path,
        parent: QWidget | None = None,
        *,
        prepared_by: str = "",
        open_when_done: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export PDF"))
        self.context = context
        self._name_edited = False

        self.kind = QComboBox()
        labels = {
            PdfKind.BRIEFING: self.tr("Initiative briefing"),
            PdfKind.PAPER: self.tr("Portfolio committee paper"),
            PdfKind.WORKSHOP: self.tr("Workshop summary"),
            PdfKind.QUESTIONNAIRE: self.tr("Blank questionnaire"),
        }
        for item, text in labels.items():
            self.kind.addItem(text, item)
            if not self._available(item):
                index = self.kind.count() - 1
                self.kind.model().item(index).setEnabled(False)  # type: ignore[attr-defined]
        self.about = QLabel()
        self.about.setWordWrap(True)

        self.folder = QLineEdit(str(folder))
        self.folder.setAccessibleName(self.tr("Folder"))
        self.choose = QPushButton(self.tr("C&hoose…"))
        self.choose.setAccessibleName(self.tr("Choose the folder"))
        self.choose.clicked.connect(self._choose_folder)
        self.file_name = QLineEdit()
        self.file_name.textEdited.connect(self._mark_edited)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose)

        self.classification = QLineEdit()
        self.classification.setPlaceholderText(context.classification)
        self.watermark = QLineEdit()
        self.watermark.setPlaceholderText(self.tr("none (for example DRAFT)"))
        self.recipients = QPlainTextEdit()
        self.recipients.setTabChangesFocus(True)
        self.recipients.setPlaceholderText(self.tr("One name a line; each gets a marked copy"))
        lines = self.fontMetrics().lineSpacing()
        self.recipients.setMinimumHeight(lines * 4)
        self.recipients.setMaximumHeight(lines * 6)
        self.per_participant = QCheckBox(
            self.tr("One copy per participant ({0})").format(len(context.participants))
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("none: the PDF opens without one"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.allow_print = QCheckBox(self.tr("Readers with the password may &print it"))
        self.prepared_by = QLineEdit(prepared_by)
        self.version = QLineEdit("1.0")
        self.distribution = QLineEdit()
        self.distribution.setPlaceholderText(self.tr("for example Board members"))
        self.open_after = QCheckBox(self.tr("&Open the PDF when it is written"))
        self.open_after.setChecked(open_when_done)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight);")

        document = QFormLayout()
        document.addRow(self.tr("&Document:"), self.kind)
        document.addRow("", self.about)
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)
        document.addRow(folder_label, where)
        document.addRow(self.tr("File &name:"), self.file_name)
        marking = QFormLayout()
        marking.addRow(self.tr("&Classification:"), self.classification)
        marking.addRow(self.tr("&Watermark:"), self.watermark)
        copies = QVBoxLayout()
        copies.setContentsMargins(0, 0, 0, 0)
        copies.addWidget(self.recipients)
        copies.addWidget(self.per_participant)
        recipients_label = QLabel(self.tr("&Recipients:"))
        recipients_label.setBuddy(self.recipients)
        marking.addRow(recipients_label, copies)
        marking.addRow(self.tr("Pass&word:"), self.password)
        marking.addRow(self.tr("Con&firm password:"), self.confirm)
        marking.addRow("", self.allow_print)
        control = QFormLayout()
        control.addRow(self.tr("Prepared &by:"), self.prepared_by)
        control.addRow(self.tr("&Version:"), self.version)
        control.addRow(self.tr("Dis&tribution:"), self.distribution)
        boxes = []
        for title, form in (
            (self.tr("Document"), document),
            (self.tr("Marking and protection"), marking),
            (self.tr("Document control"), control),
        ):
            box = QGroupBox(title)
            box.setLayout(form)
            boxes.append(box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        for box in boxes:
            layout.addWidget(box)
        layout.addWidget(self.open_after)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.password.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.per_participant.toggled.connect(self._update)
        self.folder.textChanged.connect(self._update)
        self.file_name.textChanged.connect(self._update)
        self.select_kind(kind)
        self._kind_changed()
        self.resize(self.sizeHint())  # room for the recipients box, which Qt would squeeze
        self.kind.setFocus()

    # -- state -----------------------------------------------------------------------------

    def _available(self, kind: PdfKind) -> bool:
        if kind is PdfKind.BRIEFING:
            return bool(self.context.initiative_id)
        if kind is PdfKind.WORKSHOP:
            return bool(self.context.workshop_id)
        return True

    def select_kind(self, kind: PdfKind) -> None:
        """Show ``kind`` (the first available kind when it cannot be written here)."""
        wanted = kind if self._available(kind) else PdfKind.PAPER
        self.kind.setCurrentIndex(self.kind.findData(wanted))

    def current_kind(self) -> PdfKind:
        kind = self.kind.currentData()
        return kind if isinstance(kind, PdfKind) else PdfKind.PAPER

    def _mark_edited(self, _text: str) -> None:
        self._name_edited = True

    def _suggested_name(self) -> str:
        kind, name = self.current_kind(), self.context.initiative_name
        if kind is PdfKind.BRIEFING:
            return f"{slug(name)}.pdf"
        if kind is PdfKind.WORKSHOP:
            return f"{slug(name)}-workshop-summary.pdf"
        if kind is PdfKind.QUESTIONNAIRE:
            return "questionnaire.pdf"
        return "committee-paper.pdf"

    def _kind_changed(self, _index: int = 0) -> None:
        kind, name = self.current_kind(), self.context.initiative_name
        about = {
            PdfKind.BRIEFING: self.tr(
                "The briefing on “{0}”: a one-page summary, then the evidence."
            ).format(name),
            PdfKind.PAPER: self.tr(
                "Every initiative of the portfolio: summary, heat map, table, overdue actions."
            ),
            PdfKind.WORKSHOP: self.tr(
                "Agreement and dispersion in the latest workshop on “{0}”."
            ).format(name),
            PdfKind.QUESTIONNAIRE: self.tr("The four-layer statements to answer on paper."),
        }
        if kind is PdfKind.QUESTIONNAIRE and self.context.workshop_version:
            about[kind] = self.tr(
                "The four-layer statements of version {0}, as the workshop on “{1}” uses them, "
                "to answer on paper."
            ).format(self.context.workshop_version, name)
        self.about.setText(about[kind])
        if not self._name_edited:
            self.file_name.setText(self._suggested_name())
        participants = kind is PdfKind.QUESTIONNAIRE and bool(self.context.participants)
        self.per_participant.setVisible(participants)
        self.per_participant.setChecked(participants)
        self._update()

    def _update(self, *_args: object) -> None:
        protected = bool(self.password.text())
        self.allow_print.setEnabled(protected)
        if not protected:
            self.allow_print.setChecked(False)
        self.confirm.setEnabled(protected)
        self.recipients.setEnabled(not self._per_participant())
        problem = self.problem()
        self.error.setText(problem)
        self.ok.setEnabled(not problem)

    def _per_participant(self) -> bool:
        return not self.per_participant.isHidden() and self.per_participant.isChecked()

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def set_target(self, out: Path) -> None:
        """Put ``out`` into the folder and file-name fields (as a user would type it)."""
        self.folder.setText(str(out.parent))
        self.file_name.setText(out.name)
        self._name_edited = True

    # -- the answer ------------------------------------------------------------------------

    def problem(self) -> str:
        """Why the export cannot start yet, in one line; empty when it can."""
        if not self.file_name.text().strip():
            return self.tr("Give the file a name.")
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not folder.is_dir():
            return self.tr("Choose a folder that exists.")
        if self.password.text() and self.password.text() != self.confirm.text():
            return self.tr("The two passwords differ.")
        return ""

    def recipient_names(self) -> tuple[str, ...]:
        if self._per_participant():
            return self.context.participants
        lines = (line.strip() for line in self.recipients.toPlainText().splitlines())
        return tuple(line for line in lines if line)

    def target(self) -> Path:
        name = self.file_name.text().strip()
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        return Path(self.folder.text().strip()).expanduser() / name

    def request(self, audit_head: str = "") -> PdfRequest:
        """The export the user asked for (call after the dialog was accepted)."""
        options = BriefingOptions(
            classification=self.classification.text().strip() or self.context.classification,
            watermark=self.watermark.text().strip() or None,
            recipients=self.recipient_names(),
            password=self.password.text() or None,
            allow_print=bool(self.password.text()) and self.allow_print.isChecked(),
            prepared_by=self.prepared_by.text().strip(),
            version=self.version.text().strip() or "1.0",
            distribution=self.distribution.text().strip(),
            audit_head=audit_head,
        )
        return PdfRequest(
            self.current_kind(),
            self.target(),
            options,
            self.open_after.isChecked(),
            self.context,
        )
