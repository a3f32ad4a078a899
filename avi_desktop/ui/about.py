"""About and privacy: what the app does, that it never uses the network, where files live."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from avi_desktop import APP_NAME, __version__


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, portfolio: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About and privacy"))
        self.setAccessibleName(self.windowTitle())
        self.text = QLabel(self._html(portfolio))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.text.setAccessibleDescription(self.tr("About and privacy text"))  # read as its text
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.folder_button: QPushButton | None = None
        if portfolio is not None:
            # The system's file manager on this computer: a local action, no network involved.
            self.folder_button = buttons.addButton(
                self.tr("Show the &folder"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.folder_button.setAccessibleName(self.tr("Show the portfolio's folder"))
            folder = str(portfolio.parent)
            self.folder_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(folder))
            )
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def _html(self, portfolio: Path | None) -> str:
        parts = [
            f"<h2>{escape(APP_NAME)} {escape(__version__)}</h2>",
            "<p>"
            + escape(
                self.tr(
                    "Assesses AI initiatives against the four nested layers of the AI Value "
                    "Alignment framework: technology enables, leadership defines, organisation "
                    "translates, society legitimises. Value is realised only when all four are "
                    "aligned; the weakest layer caps what an initiative can deliver."
                )
            )
            + "</p>",
            "<h3>" + escape(self.tr("Privacy")) + "</h3>",
            "<p><b>"
            + escape(
                self.tr(
                    "This application never connects to any network. It sends nothing anywhere: "
                    "no telemetry, no updates, no cloud."
                )
            )
            + "</b> "
            + escape(
                self.tr(
                    "Everything you enter stays in the portfolio file on this computer, which you "
                    "can see, copy and back up like any other file."
                )
            )
            + "</p>",
        ]
        if portfolio is None:
            parts.append("<p>" + escape(self.tr("No portfolio is open.")) + "</p>")
        else:
            backups = portfolio.parent / (portfolio.stem + ".backup-*.avip")
            where = escape(self.tr("Open portfolio file:"))
            note = escape(
                self.tr(
                    "Backups are written next to it, in the same folder, before the file is "
                    "upgraded to a newer format, named like:"
                )
            )
            parts.append(
                f"<p>{where}<br><tt>{escape(str(portfolio))}</tt></p>"
                f"<p>{note}<br><tt>{escape(str(backups))}</tt></p>"
            )
        return "".join(parts)
