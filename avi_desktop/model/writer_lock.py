"""The one-writer rule: an exclusive OS lock on the portfolio file, named in ``<file>.lock``.

A window or program that writes a portfolio holds it for as long as the file is open; readers
take none. Two locks are held: ``flock`` on the sidecar ``<file>.lock``, whose contents name the
holder's process id for support, and ``flock`` on the portfolio file itself. The second is what
keeps a second writer out when somebody deletes the sidecar (a new sidecar is a new file, so its
lock proves nothing); a crashed writer's locks go with its process, so nothing stays blocked.

``flock`` locks and the POSIX record locks SQLite takes are separate on Linux and the BSDs, so
the two never interfere. Closing *any* descriptor of a file drops the POSIX locks the process
holds on it, though, so the portfolio's descriptor is opened once per writer and closed only
after its connections are; a process never opens a second one for a file it already holds.
On Windows an open file cannot be deleted and ``msvcrt`` locks are mandatory (they would block
SQLite's own reads), so there the sidecar's lock alone is enough and is the only one taken.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path

from avi_desktop.model.errors import PortfolioError, PortfolioLockedError
from avi_desktop.model.portfolio_files import PRIVATE, disk_full, disk_full_message

# (device, inode) of every portfolio this process holds the writer lock of.
_HELD: set[tuple[int, int]] = set()


class WriterLock:
    """Exclusive OS locks on ``<file>.lock`` and the portfolio, held while a program writes."""

    def __init__(self, portfolio: Path) -> None:
        self.portfolio = portfolio
        self.path = portfolio.with_name(portfolio.name + ".lock")
        self._fd: int | None = None
        self._file_fd: int | None = None
        self._key: tuple[int, int] | None = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when someone else holds it."""
        fd = self._lock_sidecar()
        if fd is None:
            return False
        if sys.platform != "win32" and self.portfolio.exists():
            if not self._lock_portfolio():
                _unlock(fd)
                os.close(fd)
                return False
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:  # a full disk: take nothing, leave nothing
            self.release()
            raise
        return True

    def _lock_sidecar(self) -> int | None:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE)
            if not _try_lock(fd):
                os.close(fd)
                return None
            # The holder may have removed the file between our open and our lock: start again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except FileNotFoundError:
                same = False
            if same:
                return fd
            _unlock(fd)
            os.close(fd)

    def _lock_portfolio(self) -> bool:
        """Lock the portfolio file itself (POSIX), which survives the sidecar being deleted."""
        stat = self.portfolio.stat()
        key = (stat.st_dev, stat.st_ino)
        if key in _HELD:  # never open (and so close) a second descriptor: see the module doc
            return False
        fd = os.open(self.portfolio, os.O_RDONLY)
        if not _try_lock(fd):
            os.close(fd)
            return False
        _HELD.add(key)
        self._file_fd, self._key = fd, key
        return True

    def lock_created(self) -> None:
        """Lock the portfolio once it exists: a new file is created after the sidecar's lock."""
        if self._fd is not None and self._file_fd is None and sys.platform != "win32":
            self._lock_portfolio()

    def release(self) -> None:
        """Release both locks; call it after the file's connections are closed."""
        if self._file_fd is not None:
            _unlock(self._file_fd)
            os.close(self._file_fd)
            self._file_fd = None
        if self._key is not None:
            _HELD.discard(self._key)
            self._key = None
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


def take_writer_lock(path: Path) -> WriterLock:
    """The writer lock of ``path``, or the error that tells the user why it cannot be had."""
    lock = WriterLock(path)
    try:
        acquired = lock.acquire()
    except OSError as exc:
        if disk_full(exc, path.parent):
            raise PortfolioError(disk_full_message(path)) from exc
        raise PortfolioError(
            f"Cannot write in the folder {path.parent} ({exc.strerror}). Choose a folder you can "
            "write to, or open the portfolio read-only."
        ) from exc
    if not acquired:
        raise PortfolioLockedError(
            f"{path.name} is open in another window or program; close it there, "
            "or open it read-only."
        )
    return lock


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
