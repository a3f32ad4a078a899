"""The audit trail: reading it, verifying the file and its chain, changing the passphrase."""

from __future__ import annotations

from sqlalchemy import select, text

from avi_desktop.model import audit, file_check
from avi_desktop.model.audit import AuditAction, AuditEntity, VerifyReport
from avi_desktop.model.database import INTEGRITY_LIMIT
from avi_desktop.model.entities import AuditEvent
from avi_desktop.model.errors import ValidationError
from avi_desktop.model.store.base import StoreBase


class TrailPart(StoreBase):
    def audit_events(self) -> list[AuditEvent]:
        with self._read() as session:
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))

    def chain_head(self) -> str:
        """The head as printed on briefings (``SEQ:PREFIX``), read from the trail's last event."""
        with self._read() as session:
            last = session.execute(
                select(AuditEvent.seq, AuditEvent.digest).order_by(AuditEvent.seq.desc()).limit(1)
            ).first()
        return audit.format_head(last.seq, last.digest) if last else audit.format_head(0, "")

    def verify(self, expect_head: str | None = None) -> VerifyReport:
        """SQLite's integrity check, the audit hash chain and its head, then every record.

        ``expect_head`` (``SEQ:PREFIX``, printed earlier by ``verify`` or on a briefing) must
        still name an event of this trail; a malformed head raises ``ValidationError``.
        """
        if expect_head is not None:
            try:
                audit.parse_head(expect_head)
            except ValueError as exc:
                raise ValidationError(f"{exc}.") from exc
        with self._read() as session:
            rows = session.execute(text(f"PRAGMA integrity_check({INTEGRITY_LIMIT})")).scalars()
            problems = [str(row) for row in rows if row != "ok"]
            if problems:  # one line; SQLite's report of up to 20 lines goes to the support log
                summary = file_check.integrity_summary(problems, INTEGRITY_LIMIT)
                message = file_check.damaged(self.path, summary, problems).message
                return VerifyReport(False, 0, None, message)
            key = self._chain_key(session)
            if key is None and self.encrypted:
                # Events this version wrote into an encrypted file are keyed: without the
                # stored key they cannot verify, so a removed key shows as a rewritten chain.
                key = b""
            return audit.verify_session(session, expect_head, key)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt the file with a new passphrase; recorded in the audit trail (not the text).

        The chain key is re-wrapped under the new passphrase in the same transaction as the
        event, so the chain, and every head printed before, stays verifiable.
        """
        self.ensure_intact()  # re-encrypting writes every page
        with self._read() as session:
            key = self._chain_key(session, create=False)
        old = self._db._passphrase
        self._db.change_passphrase(new_passphrase)
        try:
            with self._change(AuditAction.CHANGE_PASSPHRASE, AuditEntity.PORTFOLIO) as change:
                if key is not None:
                    self._store_chain_key(change.session, key, new_passphrase)
        except BaseException:
            # The key is still wrapped under the old passphrase: put the file back under it,
            # or every later event would be chained with a key nobody can unwrap.
            if old is not None:
                self._db.change_passphrase(old)
            raise
