"""The audit trail: reading it, verifying the file and its chain, changing the passphrase."""

from __future__ import annotations

from sqlalchemy import select, text

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditAction, AuditEntity, VerifyReport
from avi_desktop.model.entities import AuditEvent
from avi_desktop.model.store.base import StoreBase


class TrailPart(StoreBase):
    def audit_events(self) -> list[AuditEvent]:
        with self._read() as session:
            return list(session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))

    def verify(self) -> VerifyReport:
        """SQLite's integrity check, then the audit hash chain from the first event."""
        with self._read() as session:
            rows = session.execute(text("PRAGMA integrity_check(20)")).scalars().all()
            problems = [str(row) for row in rows if row != "ok"]
            if problems:
                return VerifyReport(False, 0, None, f"the file is damaged: {problems[0]}")
            return audit.verify_session(session)

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-encrypt the file with a new passphrase; recorded in the audit trail (not the text)."""
        self._db.change_passphrase(new_passphrase)
        with self._change(AuditAction.CHANGE_PASSPHRASE, AuditEntity.PORTFOLIO):
            pass
