"""A portfolio's files on disk: private modes, backup names and pruning, a full disk."""

from __future__ import annotations

import errno
import os
import shutil
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

EXTENSION: Final = ".avip"
PRIVATE: Final = 0o600  # every file the app creates: its owner only (a stricter umask is kept)
LOW_SPACE: Final = 1 << 20  # bytes free below which an I/O error is a full disk
KEEP_BACKUPS: Final = 3  # migration backups kept per portfolio, the newest; older ones go


def backup_path_for(path: Path, revision: str, when: datetime | None = None) -> Path:
    """Name of the copy written next to ``path`` before migrating it from ``revision``."""
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.stem}.backup-{stamp}-rev{revision}{EXTENSION}")


def backups_of(path: Path) -> list[Path]:
    """The migration backups of ``path`` in its folder, oldest first (the names sort by time)."""
    prefix = f"{path.stem}.backup-"
    with suppress(OSError):
        return sorted(
            entry
            for entry in path.parent.iterdir()
            if entry.name.startswith(prefix) and entry.name.endswith(EXTENSION)
        )
    return []


def remove_partial_backups(path: Path) -> None:
    """Remove ``.part`` files a killed backup left; only a writer (holding the lock) calls it."""
    prefix, suffix = f"{path.stem}.backup-", f"{EXTENSION}.part"
    with suppress(OSError):
        for entry in path.parent.iterdir():
            if entry.name.startswith(prefix) and entry.name.endswith(suffix):
                with suppress(OSError):
                    entry.unlink()


def create_private(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only; FileExistsError if it exists.

    The umask still applies, so a stricter one is kept. SQLite treats an empty file as a new
    database and gives its ``-wal`` and ``-shm`` files the same mode.
    """
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))


def disk_full(exc: BaseException, folder: Path | None = None) -> bool:
    """True when ``exc`` (or its cause) is a full disk or a file-size limit, not a bad file.

    SQLite reports ENOSPC while writing pages as SQLITE_FULL, but while growing ``-shm`` as an
    I/O error (SQLITE_IOERR_SHMSIZE); so an I/O error with almost no space left in ``folder``
    counts as a full disk too.
    """
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return True
        name = getattr(seen, "sqlite_errorname", "")
        if name == "SQLITE_FULL" or "database or disk is full" in str(seen):
            return True
        if folder is not None and (name.startswith("SQLITE_IOERR") or "disk I/O" in str(seen)):
            with suppress(OSError):
                return shutil.disk_usage(folder).free < LOW_SPACE
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


def disk_full_message(path: Path) -> str:
    """What to tell the user when the disk filled up while writing ``path``."""
    return (
        f"The disk is full: {path.name} could not be written in {path.parent}, and nothing was "
        "left behind. Free some disk space, or choose a folder on another disk, and try again."
    )


def remove_file(path: Path, *, missing_ok: bool = False) -> None:
    """Remove a portfolio file and its SQLite sidecars (used before overwriting with --force)."""
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        if leftover.exists():
            try:
                leftover.unlink()
            except OSError:
                if not missing_ok:
                    raise
