"""A placeholder that becomes a matplotlib canvas only when a chart is first shown.

matplotlib is imported here, inside functions, so it never delays the first paint; the figure
is drawn on the next turn of the event loop, after the rest of the pane is already visible.

The chart always fits the pane's width and never shrinks its text: the pane's width is measured
in the system's small font (which follows the font scale), and the chart is laid out for that
many characters across, every text at least ``FONT_PT`` points drawn at the small font's pixel
size. A narrow pane or a large font gets a chart laid out differently (the ring's key below the
rings, fewer legend columns, a taller figure the pane scrolls), not smaller text; a wide pane
gets proportionally larger text, up to ``WIDEST_EMS`` characters across. A resize redraws it.
The mouse wheel over a chart scrolls the pane around it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FigureFactory = Callable[[float, float], "Figure"]
"""``factory(width_in, font_pt)``: the figure laid out ``width_in`` inches wide, no text under
``font_pt`` points."""

FONT_PT = 8.0  # the size a chart's smallest text is laid out at; drawn at the small font
WIDEST_EMS = 56.0  # a pane wider than this many small-font characters scales the chart up


def small_font_px(widget: QWidget) -> float:
    """The system's small font in pixels, scaled as the application font is scaled.

    The smaller of the platform's "smallest readable" and general fonts (some platforms report
    a smallest readable font larger than the general one), times the application font's scale
    against the general font, at the screen's logical DPI.
    """
    general = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    smallest = QFontDatabase.systemFont(QFontDatabase.SystemFont.SmallestReadableFont)
    small_pt = min(smallest.pointSizeF(), general) if general > 0 else smallest.pointSizeF()
    app_pt = QApplication.font().pointSizeF()
    scale = app_pt / general if general > 0 and app_pt > 0 else 1.0
    return small_pt * scale * widget.logicalDpiY() / 72.0


def chart_scale(
    width_px: float, floor_px: float, widest_ems: float = WIDEST_EMS
) -> tuple[float, float]:
    """The figure's width in inches and its zoom (pixels per inch) for a pane ``width_px``
    wide whose smallest text must be ``floor_px`` pixels."""
    font_px = max(floor_px, width_px / widest_ems)
    dpi = font_px * 72.0 / FONT_PT
    return width_px / dpi, dpi


class ChartView(QWidget):
    """Shows one figure at a time; ``show_figure`` builds it lazily."""

    def __init__(
        self, accessible_name: str, parent: QWidget | None = None, *, widest_ems: float = WIDEST_EMS
    ) -> None:
        super().__init__(parent)
        self.widest_ems = widest_ems
        self.setAccessibleName(accessible_name)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(self.tr("Drawing chart…"), self)
        self._layout.addWidget(self._placeholder)
        self._canvas: Any = None
        self._pending: FigureFactory | None = None
        self._factory: FigureFactory | None = None  # the one drawn, redrawn on a resize
        self._drawn_width = 0
        self._generation = 0
        self.dpi = 0.0  # the zoom of the figure drawn (pixels per inch)
        # Until the first figure: a height in text lines, so the pane does not jump much.
        self.setFixedHeight(self.fontMetrics().height() * 26)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._redraw)

    @property
    def canvas(self) -> Any:
        return self._canvas

    def clear(self, message: str = "") -> None:
        self._generation += 1
        self._pending = None
        self._factory = None
        if self._canvas is not None:
            self._canvas.hide()
        self._placeholder.setText(message)
        self._placeholder.show()

    def show_figure(self, factory: FigureFactory, description: str = "") -> None:
        """Draw ``factory(width_in, font_pt)`` on the next event-loop turn (``description``: its
        text alternative)."""
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
            figure = self._fitted(factory)
        except Exception as exc:  # a chart must never take the pane down
            self._placeholder.setText(self.tr("The chart could not be drawn: {0}").format(exc))
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self._factory = factory
        old = self._canvas
        self._canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]
        # The view carries the chart's name and text alternative; the canvas is its unnamed
        # drawing surface, so a screen reader announces the chart once, not twice.
        self._canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # nothing to do there by keyboard
        self._canvas.installEventFilter(self)
        self._layout.addWidget(self._canvas)
        self._placeholder.hide()
        if old is not None:
            self._layout.removeWidget(old)
            old.deleteLater()
        self._canvas.draw_idle()

    def _fitted(self, factory: FigureFactory) -> Figure:
        """The figure laid out for this pane's width in its small font, zoomed to the width."""
        width = max(self.width(), 160)
        inches, _ = chart_scale(width, small_font_px(self), self.widest_ems)
        figure = factory(inches, FONT_PT)
        dpi = width / figure.get_figwidth()
        figure._original_dpi = dpi  # type: ignore[attr-defined]  # the canvas scales from it
        figure.set_dpi(dpi)
        self.dpi = dpi
        self._drawn_width = width
        self.setFixedHeight(round(figure.get_figheight() * dpi))
        return figure

    def _redraw(self) -> None:
        if self._factory is not None and abs(self.width() - self._drawn_width) > 4:
            self._pending = self._factory
            self._draw(self._generation)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._factory is not None and event.size().width() != event.oldSize().width():
            self._resize_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The wheel over the chart scrolls whatever holds it (the chart has nothing to zoom)."""
        if watched is self._canvas and event.type() == QEvent.Type.Wheel:
            holder = self.parentWidget()
            while holder is not None and not isinstance(holder, QAbstractScrollArea):
                holder = holder.parentWidget()
            if holder is not None:
                QCoreApplication.sendEvent(holder.viewport(), event)
            return True
        return super().eventFilter(watched, event)
