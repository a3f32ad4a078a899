"""The support log: a small rotating file in the user's data folder.

A defect must never show a user a traceback, yet support needs one: the user reads one plain
line that says where this file is, and the file keeps the full traceback. It records what the
program did, never what a user entered: no passphrase, no answer, no comment. Database errors
are written without their statement parameters, which could hold any of those.
"""

from __future__ import annotations

import logging
import os
import sys
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from avi_desktop import APP_NAME, __version__

LOGGER_NAME = "avi_desktop"
LOG_NAME = "avi-desktop.log"
MAX_BYTES = 1_000_000  # then rotated: a support file stays small enough to send by mail
BACKUPS = 3

log = logging.getLogger(LOGGER_NAME)


def data_dir() -> Path:
    """The user's data folder, where Qt's AppDataLocation puts it, found without Qt.

    The command line needs the same folder as the window but must not import Qt.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    # The window sets no organisation name, so Qt's AppDataLocation is ".../AVI Desktop" once
    # (it was ".../AVI Desktop/AVI Desktop" before: ``move_doubled_folder`` moves that one).
    return base / APP_NAME


def move_doubled_folder(folder: Path | None = None) -> None:
    """Move what an older version kept in ``<data>/AVI Desktop`` up into ``<data>``.

    Only what is not already there is moved (nothing is overwritten); the old folder is removed
    once empty. Any failure leaves things where they were: they are only a demo copy and logs.
    """
    folder = folder or data_dir()
    old = folder / APP_NAME
    if not old.is_dir():
        return
    try:
        for entry in old.iterdir():
            target = folder / entry.name
            if not target.exists():
                entry.rename(target)
        old.rmdir()
    except OSError:
        return


class _PrivateFileHandler(RotatingFileHandler):
    """Log files readable by their owner only: paths and errors are nobody else's business."""

    def _open(self) -> TextIOWrapper:
        def opener(path: str, flags: int) -> int:
            return os.open(path, flags, 0o600)

        return open(
            self.baseFilename, "a", encoding=self.encoding, errors=self.errors, opener=opener
        )


def _hide_parameters(exc: BaseException | None) -> None:
    """Make SQLAlchemy errors in a chain print their statement without its parameters."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if hasattr(exc, "hide_parameters"):
            exc.hide_parameters = True
        exc = exc.__cause__ or exc.__context__


class _Formatter(logging.Formatter):
    def formatException(self, ei: Any) -> str:
        _hide_parameters(ei[1])
        return super().formatException(ei)


def describe(exc: BaseException) -> str:
    """``Type: message`` for a one-line report, with database parameters left out."""
    _hide_parameters(exc)
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _file_handler() -> _PrivateFileHandler | None:
    for handler in log.handlers:
        if isinstance(handler, _PrivateFileHandler):
            return handler
    return None


def log_file() -> Path | None:
    """The file the log is written to, or None while it is not set up."""
    handler = _file_handler()
    return Path(handler.baseFilename) if handler is not None else None


def setup(folder: Path | None = None) -> Path | None:
    """Write the log to ``folder`` (default: the data folder); None when it cannot be written.

    Calling it again with the same folder changes nothing; with another folder, moves the log.
    A log that cannot be written never stops the program: it only loses the details.
    """
    if folder is None:
        move_doubled_folder()
    path = (folder or data_dir()) / LOG_NAME
    current = _file_handler()
    if current is not None:
        if Path(current.baseFilename) == path:
            return path
        shutdown()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = _PrivateFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, delay=True)
    except OSError:
        return None
    handler.setFormatter(_Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    return path


def shutdown() -> None:
    """Close the log file (tests, and a move to another folder)."""
    handler = _file_handler()
    if handler is not None:
        log.removeHandler(handler)
        handler.close()


def started(what: str) -> None:
    """One line at start-up, so a support log says which version wrote what follows."""
    log.info(
        "%s %s started (Python %s, %s)", what, __version__, sys.version.split()[0], sys.platform
    )


def unexpected(exc: BaseException, during: str) -> str:
    """Log a defect with its traceback; return the sentence telling the user where it is."""
    log.error("Unexpected error during %s", during, exc_info=(type(exc), exc, exc.__traceback__))
    path = log_file()
    if path is None:
        return "Please report it."
    return f"The details are in {path}; please send that file when you report it."
