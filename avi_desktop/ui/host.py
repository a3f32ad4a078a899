"""The narrow door a flow (dialog, wizard, export) uses to reach whatever hosts it.

Flows get this door, never the window: they read the open store and the selection, show an
error or a status line, announce a change and push undoable commands. The window's own state
(its table, its workers, its signals) stays the window's; a test can host a flow with a few
real widgets and a store, and no window at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget

    from avi_desktop.model.instrument import Instrument
    from avi_desktop.model.store import PortfolioStore


class Selection(NamedTuple):
    """The initiative selected in the host, as its id and the name shown for it."""

    id: str
    name: str


class FlowHost(Protocol):
    """What a flow may use of its host, and nothing more."""

    @property
    def store(self) -> PortfolioStore | None:
        """The open portfolio, or None when none is open."""
        ...

    @property
    def undo_stack(self) -> QUndoStack:
        """Where undoable commands go once they have run."""
        ...

    def parent_widget(self) -> QWidget:
        """The parent of the flow's dialogs and messages."""
        ...

    def selected(self) -> Selection | None:
        """The selected initiative, or None when nothing (or no portfolio) is selected."""
        ...

    def instrument(self) -> Instrument:
        """The portfolio's four-layer instrument; raises ``AviError`` when it cannot load."""
        ...

    def show_error(self, message: str, title: str = "") -> None:
        """Show a user-facing error; never a traceback."""
        ...

    def show_status(self, message: str, timeout: int = 0) -> None:
        """A passing line in the status bar (``timeout`` in ms; 0 keeps it)."""
        ...

    def changed(self, select_id: str | None) -> None:
        """Something was written: show it again, selecting ``select_id`` (None: the first)."""
        ...
