"""The few visual conventions shared by every screen: error text, notices, section headings.

Colours come from the palette where Qt has a role for them; the two that have none (error red,
notice amber) have a light and a dark variant, so dark desktop themes stay readable. Nothing
here relies on colour alone: errors are also bold and worded as what to do.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QDateEdit, QGroupBox, QLabel, QWidget


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
    edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    edit.setDisplayFormat("d MMM yyyy")
    return edit
