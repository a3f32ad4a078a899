"""The audit trail: every change appends one event, chained by SHA-256 so tampering shows.

Each event's digest is SHA-256 over the previous event's digest followed by the event's
canonical content, so changing, deleting or reordering any stored event breaks the chain from
that event on. The first event chains to 64 zeros.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session

from avi_desktop.model.entities import AuditEvent

GENESIS: Final = "0" * 64


class AuditAction(StrEnum):
    """What an event records; the values are hashed into the chain, so they never change."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    ANSWER = "answer"
    STATUS = "status"
    CHANGE_PASSPHRASE = "change_passphrase"


class AuditEntity(StrEnum):
    """What kind of thing an event is about; hashed into the chain like ``AuditAction``."""

    PORTFOLIO = "portfolio"
    SETTINGS = "settings"
    INITIATIVE = "initiative"
    NECESSITY_ASSESSMENT = "necessity_assessment"
    ASSESSMENT = "assessment"
    RESPONDENT = "respondent"
    ACTION = "action"
    STATED_VALUE = "stated_value"
    DECISION = "decision"


@dataclass(frozen=True)
class VerifyReport:
    """Outcome of checking a portfolio: ``first_bad_seq`` names the first event that fails."""

    ok: bool
    events: int
    first_bad_seq: int | None = None
    problem: str = ""

    def summary(self) -> str:
        """One line for people: "OK: 12 events verified" or "FAILED: ..."."""
        if self.ok:
            return f"OK: {self.events} events verified"
        return f"FAILED: {self.problem}"


def utcnow() -> datetime:
    """Now in UTC, naive (the file stores UTC without a zone), to the microsecond."""
    return datetime.now(UTC).replace(tzinfo=None)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value) if isinstance(value, set | frozenset) else list(value)
    return str(value)


def normalise_details(details: Mapping[str, Any]) -> dict[str, Any]:
    """Details as they will read back from the file (plain JSON), so the digest survives."""
    result: dict[str, Any] = json.loads(json.dumps(dict(details), default=_json_default))
    return result


def canonical(
    *, seq: int, at: datetime, action: str, entity: str, entity_id: str, details: Mapping[str, Any]
) -> str:
    """The exact text that is hashed for one event."""
    return json.dumps(
        {
            "seq": seq,
            "at": at.isoformat(),
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def digest_of(prev_digest: str, content: str) -> str:
    return hashlib.sha256((prev_digest + content).encode("utf-8")).hexdigest()


def append_event(
    session: Session,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: str = "",
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Add the next event to the chain, inside the caller's transaction.

    The file holds the enums' plain string values, exactly as before they were enums.
    """
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.digest).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev = (1, GENESIS) if last is None else (last.seq + 1, last.digest)
    at = utcnow()
    clean = normalise_details(details or {})
    what, kind = action.value, entity.value
    event = AuditEvent(
        seq=seq,
        at=at,
        action=what,
        entity=kind,
        entity_id=entity_id,
        details=clean,
        prev_digest=prev,
        digest=digest_of(
            prev,
            canonical(seq=seq, at=at, action=what, entity=kind, entity_id=entity_id, details=clean),
        ),
    )
    session.add(event)
    session.flush()
    return event


def verify_events(events: Iterable[Any]) -> VerifyReport:
    """Check the chain over events in stored ``seq`` order; report the first one that fails.

    Each event needs ``seq, at, action, entity, entity_id, details, prev_digest, digest``;
    ``at`` may be a datetime or its stored text and ``details`` a dict or its stored JSON text,
    so that a row edited outside the application is reported, not raised.
    """
    expected_seq = 1
    prev = GENESIS
    count = 0
    for event in events:
        seq = int(event.seq)
        if seq != expected_seq:
            missing = min(seq, expected_seq)
            return VerifyReport(
                False,
                count,
                missing,
                f"audit event {missing} is missing or out of order "
                f"(found event {seq} where event {expected_seq} belongs)",
            )
        if event.prev_digest != prev:
            return VerifyReport(
                False,
                count,
                seq,
                f"audit event {seq} does not follow event {seq - 1} "
                "(an event before it was removed, reordered or altered)",
            )
        content = _stored_content(event)
        if content is None or digest_of(prev, content) != event.digest:
            return VerifyReport(
                False,
                count,
                seq,
                f"audit event {seq} ({event.action} {event.entity}) was altered after it was "
                "recorded",
            )
        prev = event.digest
        expected_seq += 1
        count += 1
    return VerifyReport(True, count)


def _stored_content(event: Any) -> str | None:
    """Canonical content of a stored event, or None when its fields no longer parse."""
    try:
        at = event.at if isinstance(event.at, datetime) else datetime.fromisoformat(event.at)
        details = event.details
        if isinstance(details, str):
            details = json.loads(details)
    except (TypeError, ValueError):
        return None
    if not isinstance(details, dict):
        return None
    return canonical(
        seq=event.seq,
        at=at,
        action=event.action,
        entity=event.entity,
        entity_id=event.entity_id,
        details=details,
    )


def verify_session(session: Session) -> VerifyReport:
    """Verify the whole chain stored in the file the session reads (raw columns, no parsing)."""
    table = AuditEvent.__table__
    rows = session.execute(
        select(
            table.c.seq,
            type_coerce(table.c.at, Text).label("at"),
            table.c.action,
            table.c.entity,
            table.c.entity_id,
            type_coerce(table.c.details, Text).label("details"),
            table.c.prev_digest,
            table.c.digest,
        ).order_by(table.c.seq)
    )
    return verify_events(rows)
