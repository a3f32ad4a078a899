"""The portfolio page on a narrow window: the detail pane goes below the table, not beside it.

The table's filter row needs its width, and the detail pane needs room for the ring and its
key at the system's small font. On a small screen (1366 x 768 at a 2x scale factor leaves 683
logical pixels) or with a large system font both cannot stand side by side: the detail pane
was squeezed to a sliver that scrolled sideways. When they do not fit, the splitter turns
vertical, so each pane has the window's full width and scrolls down instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QSplitter, QStyle, QWidget

from avi_desktop.ui.chart_view import small_font_px

DETAIL_EMS = 34.0  # the detail pane beside the table needs this many small-font characters


class PaneOrientation(QObject):
    """Keeps ``splitter`` horizontal while both panes fit ``window``'s width, else vertical."""

    def __init__(self, window: QWidget, splitter: QSplitter) -> None:
        super().__init__(splitter)
        self._window = window
        self._splitter = splitter
        window.installEventFilter(self)

    def side_by_side_width(self) -> int:
        """The narrowest window in which the table and the detail pane fit side by side."""
        table, detail = self._splitter.widget(0), self._splitter.widget(1)
        if table is None or detail is None:
            return 0
        bar = detail.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        detail_px = DETAIL_EMS * small_font_px(detail) + bar
        return round(table.minimumSizeHint().width() + detail_px + self._splitter.handleWidth())

    def update(self) -> None:
        wanted = (
            Qt.Orientation.Horizontal
            if self._window.width() >= self.side_by_side_width()
            else Qt.Orientation.Vertical
        )
        if self._splitter.orientation() != wanted:
            self._splitter.setOrientation(wanted)
            along = (
                self._splitter.width()
                if wanted == Qt.Orientation.Horizontal
                else self._splitter.height()
            )
            self._splitter.setSizes([along // 2, along - along // 2])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.FontChange,
        ):
            self.update()
        return False
