"""The start page: new portfolio, open, open recent, open the demo portfolio."""

from __future__ import annotations

from pathlib import Path

# The Qt enum namespace is not imported here: loading it costs tens of milliseconds, and
# this page is part of the first paint.
from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class StartPage(QWidget):
    """Emits what the user chose; the main window does the opening."""

    new_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)
    pack_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Start page"))
        title = QLabel(self.tr("AVI Desktop"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Ask whether AI is the right tool, score each initiative on the four nested layers "
                "— technology enables, leadership defines, organisation translates, society "
                "legitimises — and see where value is lost."
            )
        )
        intro.setWordWrap(True)
        self.new_button = self._button(
            self.tr("&New portfolio…"),
            self.tr("Start an empty portfolio file, encrypted with a passphrase if you wish."),
            self.new_requested,
        )
        self.open_button = self._button(
            self.tr("&Open portfolio…"),
            self.tr("Open a portfolio file (.avip) on this computer or a shared drive."),
            self.open_requested,
        )
        self.demo_button = self._button(
            self.tr("Open the &demo portfolio"),
            self.tr(
                "Explore a worked example: an insurer's AI initiatives, already assessed. "
                "Changes stay in your own copy."
            ),
            self.demo_requested,
        )
        self.pack_button = self._button(
            self.tr("Answer a response &pack…"),
            self.tr(
                "A participant of a workshop: open the .json pack the facilitator gave you and "
                "answer it. No portfolio is needed."
            ),
            self.pack_requested,
        )
        recent_label = self.recent_label = QLabel(self.tr("&Recent portfolios"))
        self._paths: list[Path] = []
        self.recent = QListWidget()
        self.recent.setAccessibleName(self.tr("Recent portfolios"))
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._activated)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleDescription(self.tr("Message"))  # read as its text
        self.message.hide()

        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(self.message)
        column.addSpacing(self.fontMetrics().height())
        for button in (self.new_button, self.open_button, self.demo_button, self.pack_button):
            column.addWidget(button)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(recent_label)
        column.addWidget(self.recent)
        privacy = QLabel(
            self.tr(
                "Private by design: AVI Desktop never connects to any network, and everything "
                "you enter stays on this computer."
            )
        )
        privacy.setWordWrap(True)
        # A quiet footnote, in the palette's secondary text colour.
        privacy.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(privacy)
        holder = QWidget()
        holder.setLayout(column)
        holder.setFixedWidth(self.fontMetrics().averageCharWidth() * 80)
        # Stretches on both sides, not an alignment flag: wrapped text keeps its full height.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(holder)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def _button(self, text: str, description: str, signal: SignalInstance) -> QCommandLinkButton:
        button = QCommandLinkButton(text, description)
        button.setAccessibleName(text.replace("&", ""))
        button.setAccessibleDescription(description)
        button.clicked.connect(signal.emit)
        return button

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        self._paths = list(paths)
        self.recent.setVisible(bool(paths))
        self.recent_label.setText(
            self.tr("&Recent portfolios") if paths else self.tr("No recent portfolios yet.")
        )
        for path in paths:
            item = QListWidgetItem(f"{path.name} — {path.parent}")
            item.setToolTip(str(path))
            self.recent.addItem(item)
        # As tall as its entries (no tall empty box), scrolling beyond eight.
        rows = max(1, min(len(paths), 8))
        self.recent.setSpacing(2)
        row_height = max(self.recent.sizeHintForRow(0), self.fontMetrics().height()) + 4
        self.recent.setFixedHeight(rows * row_height + 2 * self.recent.frameWidth() + 4)
        if paths:
            self.recent.setCurrentRow(0)

    def show_message(self, text: str) -> None:
        """A problem opening a file, shown above the choices (hidden when empty)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))
        if text:
            from avi_desktop.ui.style import mark_error

            mark_error(self.message)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(self._paths[self.recent.row(item)])


class DemoBanner(QFrame):
    """Above the demo portfolio: it is a sample, and where a portfolio of one's own starts."""

    new_requested = Signal()
    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demo_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # The notice colours of ``ui.style`` (dark text on amber, 10.9:1; light on brown).
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colours = (
            "background: #4a3a12; color: #ffe7b3; border: 1px solid #a07a20;"
            if dark
            else "background: #fff4d6; color: #3d2e00; border: 1px solid #d9a520;"
        )
        self.setStyleSheet(f"QFrame#demo_banner {{ {colours} }} QLabel {{ border: none; }}")
        self.setAccessibleName(self.tr("Sample portfolio"))
        self.text = QLabel(
            self.tr(
                "<b>This is a sample portfolio.</b> Its organisation and initiatives are "
                "invented, to show how AVI Desktop works; what you change stays in this copy. "
                "Start your own portfolio, or open one you already have."
            )
        )
        self.text.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New portfolio…"))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.open_button = QPushButton(self.tr("Open portfolio…"))
        self.open_button.clicked.connect(self.open_requested.emit)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.open_button)

    def follow(self, new_portfolio: QAction, open_portfolio: QAction) -> None:
        """Run the window's actions, and be enabled as they are: not while a file opens (the
        buttons stayed enabled then, and clicking one did nothing)."""
        for action, button, asked in (
            (new_portfolio, self.new_button, self.new_requested),
            (open_portfolio, self.open_button, self.open_requested),
        ):
            asked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            button.setEnabled(action.isEnabled())
