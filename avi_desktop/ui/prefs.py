"""Per-user preferences (QSettings): recent portfolios, window geometry, view choices.

Portfolio-level settings live in the portfolio file; only what belongs to this user on this
machine lives here. Tests pass an INI file so they never touch the real user settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from avi_desktop import APP_NAME

MAX_RECENT = 8


class Preferences:
    """Typed access to the few QSettings keys the window uses."""

    def __init__(self, ini_path: Path | None = None) -> None:
        if ini_path is None:
            # Named here, not from the application's names (which have no organisation, see
            # ``ui.app``): the same file or registry key as every earlier version used.
            self._qs = QSettings(
                QSettings.Format.NativeFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME
            )
        else:
            self._qs = QSettings(str(ini_path), QSettings.Format.IniFormat)

    def recent(self) -> list[Path]:
        value = self._qs.value("portfolio/recent", [])
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)):
            return []
        return [Path(str(p)) for p in items if p]

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        items = [p for p in self.recent() if p != path]
        items.insert(0, path)
        self._qs.setValue("portfolio/recent", [str(p) for p in items[:MAX_RECENT]])
        self._qs.setValue("portfolio/last", str(path))

    def last_opened(self) -> Path | None:
        value = self._qs.value("portfolio/last", "")
        return Path(str(value)) if value else None

    def clear_last(self) -> None:
        self._qs.remove("portfolio/last")

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def splitter(self) -> QByteArray | None:
        value = self._qs.value("window/splitter")
        return value if isinstance(value, QByteArray) else None

    def save_splitter(self, state: QByteArray) -> None:
        self._qs.setValue("window/splitter", state)

    def toolbar_shown(self) -> bool:
        value = self._qs.value("window/toolbar", True)
        return value not in (False, "false", "0", 0)

    def set_toolbar_shown(self, shown: bool) -> None:
        self._qs.setValue("window/toolbar", shown)

    def first_launch(self) -> bool:
        """True until ``mark_launched``: the first launch opens the demo."""
        return self._qs.value("app/launched", False) not in (True, "true", "1")

    def mark_launched(self) -> None:
        self._qs.setValue("app/launched", True)

    def export_folder(self) -> Path | None:
        """The folder the last PDF went to, or None before the first export."""
        value = self._qs.value("export/folder", "")
        return Path(str(value)) if value else None

    def export_choices(self) -> tuple[str, bool]:
        """Who prepares the exports, and whether a written PDF is opened."""
        opened = self._qs.value("export/open", False)
        return str(self._qs.value("export/prepared_by", "") or ""), opened in (True, "true", "1")

    def save_export(self, folder: Path, prepared_by: str, open_when_done: bool) -> None:
        self._qs.setValue("export/folder", str(folder))
        self._qs.setValue("export/prepared_by", prepared_by)
        self._qs.setValue("export/open", open_when_done)

    def sync(self) -> None:
        self._qs.sync()
