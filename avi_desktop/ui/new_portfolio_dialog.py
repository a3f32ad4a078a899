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
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Repeat passphrase"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem"))
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
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

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
            self.error.setText(self.tr("Choose where to save the portfolio file."))
            return
        if self.chosen_path().exists():
            self.error.setText(self.tr("That file already exists; choose another name."))
            return
        if self.passphrase.text() != self.confirm.text():
            self.error.setText(self.tr("The two passphrases differ; type them again."))
            return
        super().accept()
