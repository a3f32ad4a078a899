"""The few visual conventions shared by every screen: error text, notices, section headings.

Colours come from the palette where Qt has a role for them; the two that have none (error red,
notice amber) have a light and a dark variant, so dark desktop themes stay readable. Nothing
here relies on colour alone: errors are also bold and worded as what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDateEdit


def _dark() -> bool:
    palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mark_error(label: QLabel) -> QLabel:
    """Style a label that says what is wrong with an input and what to do."""
    colour = "#ff8a80" if _dark() else "#b3261e"
    label.setStyleSheet(f"color: {colour}; font-weight: bold;")
    label.setWordWrap(True)
    return label


def mark_notice(label: QLabel) -> QLabel:
    """Style a boxed notice that explains a decisive answer (a knock-out, a forced outcome)."""
    if _dark():
        colours = "background: #4a3a12; color: #ffe7b3; border: 1px solid #a07a20;"
    else:
        colours = "background: #fff4d6; color: #3d2e00; border: 1px solid #d9a520;"
    label.setStyleSheet(f"QLabel {{ {colours} border-radius: 4px; padding: 8px; }}")
    label.setWordWrap(True)
    return label


def bold_title(box: QGroupBox) -> QGroupBox:
    """A group box whose title is bold while its contents keep the normal font."""
    normal = QFont(box.font())
    normal.setBold(False)  # set explicitly, or the children would inherit the bold title
    title = QFont(normal)
    title.setBold(True)
    box.setFont(title)
    for child in box.findChildren(QWidget):
        if child.parentWidget() is box:
            child.setFont(normal)
    return box


def heading(text: str, scale: float = 1.0) -> QLabel:
    """A bold section heading inside a page (for places where a group box would be too much)."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def window_dates(edit: QDateEdit) -> QDateEdit:
    """A date field in the window's one style, 14 Mar 2026 (as ``fmt_date(short=True)``).

    Month names in English whatever the desktop's locale, as everywhere else in the window.
    """
    from PySide6.QtCore import QLocale  # here: made with its enums, it slowed the first paint

    edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    edit.setDisplayFormat("d MMM yyyy")
    return edit


# The selection colour: white text on it reads at 5.25:1 (Fusion's own #308cc6 gives 3.69:1).
SELECTION = "#2a6fb0"
SWATCH_OUTLINE = "#1a1a1a"  # 17:1 against a white row


def use_readable_selection(app: QApplication) -> None:
    """Set a selection colour that white text reads on at 4.5:1 or more, focused or not."""
    palette = app.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)


def swatch(colour: QColor, size: int = 12) -> QIcon:
    """A colour swatch that shows on any row: a dark outline (against a light row) around a
    white ring (against the selection), so the mark keeps 3:1 whatever its own colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.fillRect(0, 0, size, size, QColor(SWATCH_OUTLINE))
    painter.fillRect(1, 1, size - 2, size - 2, QColor("#ffffff"))
    painter.fillRect(2, 2, size - 4, size - 4, colour)
    painter.end()
    return QIcon(pixmap)


def show_focus(widget: QWidget) -> QWidget:
    """A frame in the selection colour while ``widget`` has the keyboard focus.

    Fusion draws no focus for a table (or a label's links), so a keyboard user could not tell
    where Tab had landed.
    """
    kind = type(widget).__name__
    widget.setStyleSheet(f"{kind}:focus {{ border: 2px solid {SELECTION}; }}")
    return widget
