"""What every part of the store shares: the open file, read sessions and the one write path.

``_change`` is the only way a part writes: it opens one transaction, turns database errors into
messages a user can act on, and appends the change's audit event inside the same transaction,
so the file never holds a change without its record (nor a record without its change). The
event carries the digests of the records the change touched, found by temporary triggers, so no
store operation writes them by hand.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Self, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from avi_desktop.model import audit, row_digests, score_cache
from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.database import Database
from avi_desktop.model.entities import AuditHead, Base
from avi_desktop.model.errors import AviError, PortfolioError, ReadOnlyError, ValidationError

RowT = TypeVar("RowT", bound=Base)


def get_row(session: Session, kind: type[RowT], entity_id: str, what: str) -> RowT:
    """The row with this id, or a message naming what is missing."""
    found = session.get(kind, entity_id)
    if found is None:
        raise ValidationError(f"There is no {what} with id {entity_id} in this portfolio.")
    return found


@dataclass
class Change:
    """One write in progress: the session to change and what its audit event will record.

    The body fills in ``entity_id`` (when only known inside) and ``details``; a body that turns
    out to change nothing calls ``nothing_changed`` so no event is written.
    """

    session: Session
    entity_id: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    recorded: bool = True

    def nothing_changed(self) -> None:
        self.recorded = False


class StoreBase:
    """The open portfolio file and its sessions; the parts of the store build on it."""

    def __init__(self, database: Database) -> None:
        self._db = database
        self._key_cache: dict[tuple[str, str], bytes] = {}
        self._rescored: set[str] | None = set()
        # a worker's write and the window's read of what it re-scored may interleave
        self._rescored_lock = threading.Lock()
        self._intact_lock = threading.Lock()
        self._damage: PortfolioError | None = None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._db.path

    @property
    def read_only(self) -> bool:
        return self._db.read_only

    @property
    def encrypted(self) -> bool:
        return self._db.encrypted

    @property
    def engine(self) -> Any:
        """The SQLAlchemy engine, for read paths in ``queries`` (never for writes)."""
        return self._db.engine

    @contextmanager
    def _read(self) -> Iterator[Session]:
        session = Session(self._db.engine, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        except OperationalError as exc:
            raise PortfolioError(f"Could not read {self.path.name} ({exc.orig}).") from exc
        finally:
            session.close()

    def ensure_intact(self) -> None:
        """Finish the full integrity check left from a quick open (``deep_check=False``).

        Run once, by whoever comes first (the window's worker, or the first write, which waits
        for it); the damage it found is raised then and on every later call, so nothing is
        ever written to a damaged file.
        """
        with self._intact_lock:
            if self._db.deep_check_pending:
                try:
                    self._db.deep_check()
                except PortfolioError as exc:
                    self._damage = exc
                finally:
                    self._db.deep_check_pending = False
            if self._damage is not None:
                raise self._damage

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction; rolled back whole on any error, so nothing half-written stays."""
        if self.read_only:
            raise ReadOnlyError(
                f"{self.path.name} is open read-only; open it for editing to make changes."
            )
        self.ensure_intact()
        session = Session(self._db.writer, expire_on_commit=False)
        try:
            with session.begin():
                yield session
        except AviError:
            raise
        except IntegrityError as exc:
            raise ValidationError(
                f"The change breaks a rule of the portfolio ({exc.orig}); nothing was saved."
            ) from exc
        except DBAPIError as exc:
            raise PortfolioError(
                f"Could not save to {self.path.name} ({exc.orig}); nothing was changed. "
                "Check there is free disk space and try again."
            ) from exc
        finally:
            session.close()

    @contextmanager
    def _change(
        self, action: AuditAction, entity: AuditEntity, entity_id: str = ""
    ) -> Iterator[Change]:
        """One write and its audit event, committed together or not at all.

        The event records the digest of every record the body touched (``row_digests``), so
        ``verify`` can tell a row changed with its event from one changed without.
        """
        info: dict[Any, Any] | None = None
        try:
            with self._write() as session:
                connection = session.connection()
                info = connection.connection.info
                row_digests.install_triggers(connection)
                score_cache.install_triggers(connection)
                row_digests.clear_touched(connection)
                change = Change(session, entity_id)
                yield change
                session.flush()
                # The figures the table shows follow the change in the same transaction.
                rescored = score_cache.refresh(connection)
                if change.recorded:
                    rows = row_digests.take_touched(connection)
                    details = {**change.details, audit.ROWS_KEY: rows}
                    key = self._chain_key(session, create=True)
                    audit.append_event(session, action, entity, change.entity_id, details, key=key)
        except BaseException:
            # Temporary triggers created in a transaction that rolled back went with it: the
            # next change on this pooled connection must create them again.
            if info is not None:
                row_digests.forget_triggers(info)
                score_cache.forget_triggers(info)
            raise
        self._note_rescored(rescored)

    def _note_rescored(self, ids: set[str] | None) -> None:
        with self._rescored_lock:
            if self._rescored is not None:
                self._rescored = None if ids is None else self._rescored | ids

    def take_rescored(self) -> set[str] | None:
        """The initiatives whose cached scores changed since the last call (None: perhaps all).

        The window reloads just these rows after an edit instead of the whole table.
        """
        with self._rescored_lock:
            found, self._rescored = self._rescored, set()
        return found

    @contextmanager
    def snapshot_engine(self) -> Iterator[Engine]:
        """A read-only engine on this file for long reads, on connections of its own.

        Long reads in a worker then never hold one of the writer's pooled connections, and the
        reader sees one snapshot whatever is written meanwhile.
        """
        if self.read_only:
            yield self.engine
            return
        reader = Database(self.path, passphrase=self._db._passphrase, read_only=True, lock=None)
        try:
            yield reader.engine
        finally:
            reader.close()

    def _chain_key(self, session: Session, *, create: bool = False) -> bytes | None:
        """An encrypted file's chain key (None for a plain file), made on its first write.

        The key is random and stored wrapped under a PBKDF2 key from the passphrase, so the
        chain cannot be recomputed without the passphrase, and changing the passphrase only
        re-wraps it: heads printed earlier stay valid. Events written before a file had a key
        (by earlier versions) stay chained by plain SHA-256.
        """
        passphrase = self._db._passphrase
        if passphrase is None:
            return None
        head = session.get(AuditHead, 1)
        if head is not None and head.key_salt and head.wrapped_key:
            cached = self._key_cache.get((head.key_salt, head.wrapped_key))
            if cached is None:
                cached = audit.unwrap_chain_key(head.key_salt, head.wrapped_key, passphrase)
                self._key_cache = {(head.key_salt, head.wrapped_key): cached}
            return cached
        if not create:
            return None
        key = audit.new_chain_key()
        self._store_chain_key(session, key, passphrase)
        return key

    def _store_chain_key(self, session: Session, key: bytes, passphrase: str) -> None:
        salt, wrapped = audit.wrap_chain_key(key, passphrase)
        head = session.get(AuditHead, 1)
        if head is None:
            head = AuditHead(id=1, seq=0, digest=audit.GENESIS)
            session.add(head)
        head.key_salt, head.wrapped_key = salt, wrapped
        self._key_cache = {(salt, wrapped): key}
