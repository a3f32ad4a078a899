"""Opening a portfolio file (``.avip``) safely: checks, one writer, encryption and migrations.

A portfolio is one SQLite database, optionally encrypted with SQLCipher. Opening it checks that
it is readable, intact and of a schema this version knows *before* anything is written, so a
wrong, damaged or newer file is refused and left exactly as it was. Writers take an exclusive
lock (see ``writer_lock``); readers (``read_only=True``) take none. Every file created here is
private to its owner (0600): the portfolio, SQLite's ``-wal``/``-shm`` (SQLite gives them the
portfolio's mode), the lock file and backups.

Journal mode: a writer works in WAL mode and puts the file back in rollback mode
(``journal_mode = DELETE``) on close. A ``mode=ro`` reader of a file in WAL mode must create
``-wal`` and ``-shm`` and cannot remove them, so they would stay behind; of a file in rollback mode
it creates and writes nothing. ``immutable=1`` creates nothing either, but promises SQLite that
nobody writes the file, so beside an open writer a reader could see torn pages: it is used only
in read-only folders, where no writer can work. So ``-wal``/``-shm`` exist only while a writer is
open (a reader alongside shares them). See SQLite's walro tests and the URI docs.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import ModuleType
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from avi_desktop.model import file_check
from avi_desktop.model.errors import (
    PassphraseError,
    PortfolioError,
    ReadOnlyError,
    SchemaTooNewError,
)
from avi_desktop.model.portfolio_files import (
    EXTENSION,
    KEEP_BACKUPS,
    backup_path_for,
    backups_of,
    create_private,
    disk_full,
    disk_full_message,
    remove_file,
    remove_partial_backups,
)
from avi_desktop.model.revisions import (
    MIGRATIONS_DIR,
    REVISIONS,
    known_revisions,
    script_revisions,
    upgrade,
)
from avi_desktop.model.writer_lock import WriterLock, take_writer_lock

PLAIN_HEADER: Final = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS: Final = 5000
INTEGRITY_LIMIT: Final = 20  # problems SQLite lists before it stops looking
_WRITE: Final = "avi_write"  # the execution option of ``Database.writer``

# Any DB-API connection (sqlite3 or sqlcipher3); their classes share no common base.
RawConnection = Any


# --------------------------------------------------------------------------- file inspection


def is_encrypted(path: Path | str) -> bool:
    """Return True when the file may be an encrypted portfolio, so the UI asks a passphrase.

    A plain SQLite file starts with "SQLite format 3"; a SQLCipher file is random-looking bytes
    in whole pages, which nothing but its passphrase tells from noise (``file_check``). Short or
    ragged files are neither and are refused on open without asking.
    """
    return file_check.file_kind(Path(path)) is file_check.FileKind.MAYBE_ENCRYPTED


def _file_kind(path: Path) -> file_check.FileKind:
    """Classify a file as plain, maybe encrypted, empty or not a database from its first bytes."""
    return file_check.file_kind(path)


# --------------------------------------------------------------------------- the database


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Database:
    """An open portfolio file: its engine, how it was opened and the writer lock it holds."""

    def __init__(
        self,
        path: Path,
        *,
        passphrase: str | None,
        read_only: bool,
        lock: WriterLock | None,
    ) -> None:
        self.path = path
        self.read_only = read_only
        self._passphrase = passphrase
        self._lock = lock
        self._engine: Engine | None = None
        self._writer: Engine | None = None
        self.backup: Path | None = None  # the copy written before this open migrated the file
        self.revision_opened: str | None = None  # the schema revision the file had when opened
        self._in_wal = False  # we switched the file to WAL: put it back at rest on close
        self.deep_check_pending = False  # opened after a quick check: see ``check``

    @property
    def encrypted(self) -> bool:
        return self._passphrase is not None

    @property
    def module(self) -> ModuleType:
        """The DB-API module for this file: sqlcipher3 when encrypted, sqlite3 otherwise."""
        if self.encrypted:
            from sqlcipher3 import dbapi2

            cipher: ModuleType = dbapi2
            return cipher
        return sqlite3

    @property
    def engine(self) -> Engine:
        """The engine for reads: its transactions begin DEFERRED, so they never wait for a
        writer (in WAL mode a reader keeps its snapshot beside an open write transaction)."""
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine

    @property
    def writer(self) -> Engine:
        """The same engine and pool for writes: its transactions begin IMMEDIATE, so a write
        takes the file's write lock before it reads anything and cannot fail half-way with
        "database is locked" when another connection wrote after its first read."""
        if self._writer is None:
            self._writer = self.engine.execution_options(**{_WRITE: True})
        return self._writer

    def connect(self, target: Path | None = None) -> RawConnection:
        """A raw DB-API connection to this file (or ``target``), keyed and with our pragmas."""
        module = self.module
        where = target or self.path
        if self.read_only and target is None:
            uri = where.as_uri() + "?mode=ro"
            if not os.access(where.parent, os.W_OK):
                # SQLite cannot create the WAL index in a read-only folder; no writer can be at
                # work there either (it could not take the lock), so the file cannot change.
                uri += "&immutable=1"
            conn = module.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = module.connect(str(where), isolation_level=None, check_same_thread=False)
        try:
            if self._passphrase is not None:
                # SQLCipher logs failed decryption to stderr by default; the user sees our message.
                conn.execute("PRAGMA cipher_log_level = NONE")
                conn.execute(f"PRAGMA key = {_quote(self._passphrase)}")
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = FULL")
        except Exception:
            conn.close()
            raise
        return conn

    def _make_engine(self) -> Engine:
        engine = create_engine(
            "sqlite://",
            creator=self.connect,
            module=self.module,
            poolclass=QueuePool,
            pool_size=2,
            max_overflow=4,
        )
        read_only = self.read_only

        # The driver is in autocommit mode (isolation_level=None); we open each transaction
        # ourselves so that reads and writes of one unit of work see one snapshot.
        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            write = not read_only and conn.get_execution_options().get(_WRITE, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    # -- opening --------------------------------------------------------------------------

    def _refuse(self, exc: Exception) -> PortfolioError:
        if self._passphrase is not None:
            # SQLCipher says "not a database" for a wrong key and a damaged page alike.
            return file_check.refuse_encrypted(self.path, self._passphrase, exc)
        # The header said SQLite, so a file SQLite cannot read is a damaged one.
        what = file_check.plain_damage(self.path)
        return file_check.damaged(self.path, what, [f"{type(exc).__name__}: {exc}"])

    def check(self, deep: bool = True) -> str:
        """Check the file before anything is written; return its schema revision.

        ``deep=False`` runs SQLite's quick check (pages and records: 0.09 s at 100,000
        initiatives) instead of the full one (indexes against their tables too: 0.5 s) when the
        file is at the schema head; the full check is then left to ``deep_check``, which
        ``StoreBase`` runs before the first write. A file to upgrade always gets the full check.

        Raises PassphraseError, PortfolioError (damaged, not a portfolio) or SchemaTooNewError.
        """
        module = self.module
        try:
            conn = self.connect()
        except module.Error as exc:
            raise self._refuse(exc) from exc
        try:
            try:
                tables = {
                    row[0]
                    for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                }
            except module.DatabaseError as exc:
                raise self._refuse(exc) from exc
            try:
                revision = None
                if "alembic_version" in tables:
                    found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                    revision = None if found is None else str(found[0])
                quick = not deep and revision == known_revisions()[0]
                check = "quick_check" if quick else "integrity_check"
                rows = conn.execute(f"PRAGMA {check}({INTEGRITY_LIMIT})").fetchall()
                problems = [str(row[0]) for row in rows if row[0] != "ok"]
            except module.DatabaseError as exc:
                raise self._refuse(exc) from exc
            if problems:
                # One line for the user; SQLite's report (up to 20 lines) goes to the support log.
                summary = file_check.integrity_summary(problems, INTEGRITY_LIMIT)
                raise file_check.damaged(self.path, summary, problems)
            if revision is None:
                raise PortfolioError(
                    f"{self.path} is a database but not an AVI Desktop portfolio. "
                    "Choose a .avip portfolio file."
                )
            head, known = known_revisions()
            if revision not in known:
                raise SchemaTooNewError(
                    f"{self.path.name} was written by a newer version of AVI Desktop; "
                    "update the app to open it. The file has been left as it is."
                )
            self.deep_check_pending = quick
            if revision != head and not self.read_only:
                self._backup(conn, revision)
            if not self.read_only:
                conn.execute("PRAGMA journal_mode = WAL")
                self._in_wal = True
        finally:
            conn.close()
        return revision

    def deep_check(self) -> None:
        """SQLite's full integrity check, on a connection of its own (readers beside it go on).

        Raises PortfolioError when the file is damaged, naming what SQLite found.
        """
        module = self.module
        try:
            conn = self.connect()
            try:
                rows = conn.execute(f"PRAGMA integrity_check({INTEGRITY_LIMIT})").fetchall()
            finally:
                conn.close()
        except module.DatabaseError as exc:
            raise self._refuse(exc) from exc
        problems = [str(row[0]) for row in rows if row[0] != "ok"]
        if problems:
            summary = file_check.integrity_summary(problems, INTEGRITY_LIMIT)
            raise file_check.damaged(self.path, summary, problems)

    def _backup(self, conn: RawConnection, revision: str) -> Path:
        """Copy the whole file (through SQLite, so WAL content is included) before migrating."""
        target = backup_path_for(self.path, revision)
        part = target.with_name(target.name + ".part")
        try:
            with suppress(FileNotFoundError):
                part.unlink()
            create_private(part)
            dest = self.connect(part)
            try:
                conn.backup(dest)
            finally:
                dest.close()
            os.replace(part, target)
        except (OSError, self.module.Error) as exc:
            with suppress(OSError):
                part.unlink()
            raise PortfolioError(
                f"Could not write a backup copy of {self.path.name} before upgrading it ({exc}); "
                "nothing was changed. Free some disk space and try again."
            ) from exc
        self.backup = target
        for old in backups_of(self.path)[:-KEEP_BACKUPS]:
            with suppress(OSError):
                old.unlink()
        return target

    def initialise(self, revision: str = "head") -> None:
        """Create the schema in a new, empty file."""
        conn = self.connect()
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            self._in_wal = True
        finally:
            conn.close()
        self.migrate(revision)

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema up to ``revision`` (the newest by default), in one transaction."""
        with self.writer.begin() as connection:
            upgrade(connection, revision)

    # -- passphrase and closing ---------------------------------------------------------

    def _at_rest(self) -> None:
        """Leave the file in rollback-journal mode, so readers create nothing (see the top).

        Switching checkpoints the WAL and removes ``-wal`` and ``-shm``. With a reader still open
        it gives up after a moment and the file stays in WAL mode, which is safe (the reader
        shares the side files and the next writer retries). A refused file is left as it was.
        """
        if not self._in_wal or not self.path.exists():
            return
        with suppress(OSError, self.module.Error):
            conn = self.connect()
            try:
                conn.execute("PRAGMA busy_timeout = 200")
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt the file with a new passphrase (SQLCipher ``PRAGMA rekey``)."""
        if self.read_only:
            raise ReadOnlyError(
                f"{self.path.name} is open read-only; its passphrase cannot change."
            )
        if not self.encrypted:
            raise PortfolioError(
                f"{self.path.name} is not encrypted, so it has no passphrase to change."
            )
        if not new_passphrase:
            raise PassphraseError("The new passphrase is empty; enter a passphrase.")
        if self._engine is not None:
            self._engine.dispose()
        conn = self.connect()
        try:
            conn.execute(f"PRAGMA rekey = {_quote(new_passphrase)}")
        finally:
            conn.close()
        self._passphrase = new_passphrase
        if self._engine is not None:
            self._engine.dispose()

    def close(self) -> None:
        """Close every connection, put the file at rest, and release the writer lock."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = self._writer = None
        if self._lock is not None:
            self._at_rest()
            self._lock.release()
            self._lock = None


@contextmanager
def _cleanup_on_error(action: Callable[[], None]) -> Iterator[None]:
    try:
        yield
    except BaseException:
        action()
        raise


def open_database(
    path: Path | str,
    *,
    passphrase: str | None = None,
    read_only: bool = False,
    deep_check: bool = True,
) -> Database:
    """Open an existing portfolio file, checked and migrated (backup first) to the newest schema.

    ``deep_check=False``: see ``Database.check`` (the window, which shows the rows meanwhile).
    """
    path = Path(path).expanduser().absolute()
    if not path.exists():
        raise PortfolioError(f"{path} was not found. Check the name and the folder.")
    if not path.is_file():
        raise PortfolioError(f"{path} is a folder, not a portfolio file.")
    kind = _file_kind(path)
    if kind is file_check.FileKind.EMPTY:
        raise file_check.not_a_portfolio(path, "it is empty")
    if kind is file_check.FileKind.NOT_DATABASE:
        if passphrase:  # a cut-short encrypted portfolio still opens page 1 with its key
            raise file_check.refuse_encrypted(path, passphrase, None)
        raise file_check.not_a_portfolio(path)
    encrypted = kind is file_check.FileKind.MAYBE_ENCRYPTED
    if encrypted and not passphrase:
        raise file_check.passphrase_needed(path)
    if not read_only and not os.access(path, os.W_OK):
        raise PortfolioError(
            f"{path} is read-only on disk. Open it read-only, or copy it to a folder you can "
            "write to."
        )
    lock = None if read_only else take_writer_lock(path)
    if lock is not None:
        remove_partial_backups(path)
    database = Database(
        path,
        passphrase=passphrase if encrypted else None,
        read_only=read_only,
        lock=lock,
    )
    with _cleanup_on_error(database.close):
        revision = database.check(deep=deep_check)
        database.revision_opened = revision
        head, _ = known_revisions()
        if revision != head:
            if read_only:
                raise PortfolioError(
                    f"{path.name} was written by an older version of AVI Desktop and must be "
                    f"upgraded first: run 'avi-desktop upgrade {path}', or open it in the window "
                    "(a backup copy is kept either way)."
                )
            try:
                database.migrate()
            except (OSError, sqlite3.Error, DBAPIError, database.module.Error) as exc:
                if not disk_full(exc, path.parent):
                    raise
                raise PortfolioError(_upgrade_disk_full_message(path, database.backup)) from exc
    return database


def _upgrade_disk_full_message(path: Path, backup: Path | None) -> str:
    """The upgrade ran in one transaction, so the file is as it was; the backup is kept."""
    kept = f" A backup copy was kept as {backup.name}." if backup is not None else ""
    return (
        f"The disk filled up while upgrading {path.name} to this version, so it was left as it "
        f"was.{kept} Free some disk space and open it again."
    )


def create_database(
    path: Path | str, *, passphrase: str | None = None, revision: str = "head"
) -> Database:
    """Create a new, empty portfolio file (encrypted when a passphrase is given).

    ``revision`` other than "head" writes an older schema: the self-test and the tests use it
    to prove the upgrade path.
    """
    path = Path(path).expanduser().absolute()
    if path.exists():
        raise PortfolioError(
            f"{path} already exists. Choose another name, or remove the file first."
        )
    if not path.parent.is_dir():
        raise PortfolioError(
            f"The folder {path.parent} does not exist. Choose a folder you can write to."
        )
    if passphrase == "":
        raise PassphraseError(
            "The passphrase is empty; enter a passphrase or leave encryption off."
        )
    lock = take_writer_lock(path)
    database = Database(path, passphrase=passphrase, read_only=False, lock=lock)

    with _cleanup_on_error(lambda: discard(database)):
        try:
            create_private(path)
            lock.lock_created()
            database.initialise(revision)
        except (OSError, sqlite3.Error, DBAPIError, database.module.Error) as exc:
            if disk_full(exc, path.parent):
                raise PortfolioError(disk_full_message(path)) from exc
            raise PortfolioError(f"Could not create {path} ({exc}).") from exc
    return database


def discard(database: Database, exc: BaseException | None = None) -> None:
    """Close a portfolio being created and remove it with its side files: nothing is left.

    When ``exc`` (what stopped the creation) is a full disk, raise the message that says so.
    """
    if database._engine is not None:
        database._engine.dispose()
        database._engine = database._writer = None
    remove_file(database.path, missing_ok=True)
    database._lock, lock = None, database._lock
    if lock is not None:
        lock.release()
    if exc is not None and disk_full(exc, database.path.parent):
        raise PortfolioError(disk_full_message(database.path)) from exc


def ensure_not_open(path: Path | str) -> None:
    """Raise PortfolioLockedError when a window or program has the file open for writing."""
    take_writer_lock(Path(path).expanduser().absolute()).release()


__all__ = [
    "BUSY_TIMEOUT_MS",
    "EXTENSION",
    "KEEP_BACKUPS",
    "MIGRATIONS_DIR",
    "PLAIN_HEADER",
    "REVISIONS",
    "Database",
    "RawConnection",
    "backup_path_for",
    "backups_of",
    "create_database",
    "create_private",
    "discard",
    "disk_full",
    "disk_full_message",
    "ensure_not_open",
    "is_encrypted",
    "known_revisions",
    "open_database",
    "remove_file",
    "script_revisions",
    "upgrade",
]
