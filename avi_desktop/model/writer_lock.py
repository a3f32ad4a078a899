"""The one-writer rule: an exclusive advisory lock on a sidecar ``<file>.lock``.

A window or program that writes a portfolio holds it for as long as the file is open; readers
take none. The lock file names the holder's process id, for support.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path


class WriterLock:
    """An exclusive advisory lock on ``<file>.lock``, held while a window or program writes."""

    def __init__(self, portfolio: Path) -> None:
        self.path = portfolio.with_name(portfolio.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when someone else holds it."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                return False
            # The holder may have removed the file between our open and our lock: start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self._fd = fd
                return True
            _unlock(fd)
            os.close(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        if sys.platform != "win32":  # Windows cannot remove a file that is still open
            with suppress(OSError):
                os.unlink(self.path)
        _unlock(self._fd)
        os.close(self._fd)
        self._fd = None
        if sys.platform == "win32":
            with suppress(OSError):
                os.unlink(self.path)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
