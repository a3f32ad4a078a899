"""Ask where to create a new portfolio, for whom, and whether to encrypt it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop.ui.style import mark_error


class NewPortfolioDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New portfolio"))
        self._folder = folder or Path.home()
        self.path = QLineEdit(str(self._folder / "portfolio.avip"))
        self.path.setAccessibleName(self.tr("Portfolio file"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.setAccessibleName(self.tr("Choose the portfolio file"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName(self.tr("Organisation"))
        self.organisation.setPlaceholderText(self.tr("Printed on every briefing"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Repeat passphrase"))
        self.error = mark_error(QLabel())
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.hide()
        form = QFormLayout()
        for label, widget in (
            (self.tr("&File"), row),
            (self.tr("&Organisation"), self.organisation),
        ):
            text = QLabel(label)
            form.addRow(text, widget)
            text.setBuddy(self.path if widget is row else self.organisation)
        for label, edit in (
            (self.tr("&Passphrase (optional)"), self.passphrase),
            (self.tr("&Repeat passphrase"), self.confirm),
        ):
            text = QLabel(label)
            text.setBuddy(edit)
            form.addRow(text, edit)
        hint = QLabel(
            self.tr(
                "With a passphrase the file is encrypted. Keep the passphrase safe: without it the "
                "portfolio cannot be opened by anyone, including you."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Wide enough for a typical folder path to show in full.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("New portfolio"), self.path.text(), self.tr("Portfolio (*.avip)")
        )
        if name:
            self.path.setText(name)

    def chosen_path(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".avip" else path.with_suffix(".avip")

    def accept(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._fail(self.tr("Choose where to save the portfolio file."))
            return
        if not self.chosen_path().parent.is_dir():
            self._fail(self.tr("That folder does not exist; choose another place."))
            return
        if self.chosen_path().exists():
            self._fail(self.tr("That file already exists; choose another name."))
            return
        if self.passphrase.text() != self.confirm.text():
            self._fail(self.tr("The two passphrases differ; type them again."))
            return
        super().accept()
