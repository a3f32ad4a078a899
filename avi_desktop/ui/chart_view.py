"""A placeholder that becomes a matplotlib canvas only when a chart is first shown.

matplotlib is imported here, inside functions, so it never delays the first paint; the figure
is drawn on the next turn of the event loop, after the rest of the pane is already visible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FigureFactory = Callable[[], "Figure"]


class ChartView(QWidget):
    """Shows one figure at a time; ``show_figure`` builds it lazily."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(self.tr("Drawing chart…"), self)
        self._layout.addWidget(self._placeholder)
        self._canvas: Any = None
        self._pending: FigureFactory | None = None
        self._generation = 0
        # A fixed height in text lines: the chart grows with the system font size.
        self.setFixedHeight(self.fontMetrics().height() * 26)

    @property
    def canvas(self) -> Any:
        return self._canvas

    def clear(self, message: str = "") -> None:
        self._generation += 1
        self._pending = None
        if self._canvas is not None:
            self._canvas.hide()
        self._placeholder.setText(message)
        self._placeholder.show()

    def show_figure(self, factory: FigureFactory, description: str = "") -> None:
        """Draw ``factory()`` on the next event-loop turn (``description``: text alternative)."""
        self._generation += 1
        generation = self._generation
        self._pending = factory
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        QTimer.singleShot(0, lambda: self._draw(generation))

    def draw_now(self) -> None:
        """Draw a pending figure immediately (screenshots and tests)."""
        self._draw(self._generation)

    def _draw(self, generation: int) -> None:
        if generation != self._generation or self._pending is None:
            return
        factory, self._pending = self._pending, None
        try:
            figure = factory()
        except Exception as exc:  # a chart must never take the pane down
            self._placeholder.setText(self.tr("The chart could not be drawn: {0}").format(exc))
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        old = self._canvas
        self._canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        self._canvas.setAccessibleName(self.accessibleName())
        self._canvas.setAccessibleDescription(self.accessibleDescription())
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._layout.addWidget(self._canvas)
        self._placeholder.hide()
        if old is not None:
            self._layout.removeWidget(old)
            old.deleteLater()
        self._canvas.draw_idle()
