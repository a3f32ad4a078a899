"""The audit trail: every change appends one event, chained by SHA-256 so tampering shows.

In an encrypted file the events this version writes are chained by HMAC-SHA256 with a random
key stored wrapped under a PBKDF2 key from the passphrase (``wrap_chain_key``), so the chain
cannot be recomputed without the passphrase. docs/security.md says what this proves.

Each event's digest is SHA-256 over the previous event's digest followed by the event's
canonical content, so changing, deleting or reordering any stored event breaks the chain from
that event on. The first event chains to 64 zeros.

Each event also records (under ``details["rows"]``) the digest of every record its change
produced (``row_digests``), and the chain's head is kept in ``audit_head``; ``verify`` checks
the chain, then the head, then every record against its latest event. The head is printed as
``SEQ:PREFIX`` (``format_head``) so a reader can copy it from paper and check the file later
with ``verify --expect-head``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, Final

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session

from avi_desktop.model import row_digests
from avi_desktop.model.entities import AuditEvent, AuditHead

GENESIS: Final = "0" * 64
ROWS_KEY: Final = "rows"
# 16 hex digits (64 bits): short enough to copy from paper, and forging a rewritten chain whose
# event at that sequence number has the same prefix takes about 2**64 hash computations.
HEAD_PREFIX: Final = 16
# PBKDF2 rounds for the key that wraps an encrypted file's chain key (about 0.1 s here).
KEY_ROUNDS: Final = 200_000


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
    head: str = ""
    # Records last changed by events written before row digests (older files): not checked.
    not_covered: int = 0
    # Every record found changed, added or deleted without its event, one line each.
    findings: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for people: "OK: 12 events verified ..." or "FAILED: ..."."""
        if self.ok:
            line = f"OK: {self.events} events verified"
            if self.head:
                line += f"; head {self.head}"
            if self.not_covered:
                line += (
                    f"; {self.not_covered} record{'s' if self.not_covered != 1 else ''} "
                    "not covered (last changed before this version recorded row digests)"
                )
            return line
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


def digest_of(prev_digest: str, content: str, key: bytes | None = None) -> str:
    """SHA-256 of the previous digest and the content; an HMAC-SHA256 when the chain is keyed."""
    data = (prev_digest + content).encode("utf-8")
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _wrapping(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, KEY_ROUNDS)


def wrap_chain_key(key: bytes, passphrase: str) -> tuple[str, str]:
    """(salt, wrapped key) as hex, to store: the key XOR a PBKDF2 key from the passphrase."""
    salt = secrets.token_bytes(16)
    wrapped = bytes(a ^ b for a, b in zip(key, _wrapping(passphrase, salt), strict=True))
    return salt.hex(), wrapped.hex()


def unwrap_chain_key(salt: str, wrapped: str, passphrase: str) -> bytes:
    """The chain key stored wrapped by ``wrap_chain_key``."""
    pad = _wrapping(passphrase, bytes.fromhex(salt))
    return bytes(a ^ b for a, b in zip(bytes.fromhex(wrapped), pad, strict=True))


def new_chain_key() -> bytes:
    return secrets.token_bytes(32)


def append_event(
    session: Session,
    action: AuditAction,
    entity: AuditEntity,
    entity_id: str = "",
    details: Mapping[str, Any] | None = None,
    *,
    key: bytes | None = None,
) -> AuditEvent:
    """Add the next event to the chain, inside the caller's transaction, and move the head.

    The file holds the enums' plain string values, exactly as before they were enums. With a
    ``key`` (an encrypted file's chain key) the event is chained by HMAC-SHA256.
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
            key,
        ),
    )
    session.add(event)
    head = session.get(AuditHead, 1)
    if head is None:
        session.add(AuditHead(id=1, seq=seq, digest=event.digest))
    else:
        head.seq, head.digest = seq, event.digest
    session.flush()
    return event


def format_head(seq: int, digest: str) -> str:
    """The head as printed and typed: ``123:1a2b3c4d5e6f7a8b``."""
    return f"{seq}:{digest[:HEAD_PREFIX]}" if seq else "0:empty"


def parse_head(head: str) -> tuple[int, str]:
    """``SEQ:PREFIX`` as (sequence, lower-case prefix); ValueError with a readable message."""
    seq_text, _, prefix = head.strip().partition(":")
    prefix = prefix.strip().lower()
    if (
        not seq_text.isdigit()
        or len(prefix) < 8
        or any(c not in "0123456789abcdef" for c in prefix)
    ):
        raise ValueError(
            f"{head!r} is not a chain head; it reads like 123:1a2b3c4d5e6f7a8b "
            "(the sequence number, a colon and at least 8 hex digits)"
        )
    return int(seq_text), prefix


def verify_events(events: Iterable[Any], key: bytes | None = None) -> VerifyReport:
    """Check the chain over events in stored ``seq`` order; report the first one that fails.

    Each event needs ``seq, at, action, entity, entity_id, details, prev_digest, digest``;
    ``at`` may be a datetime or its stored text and ``details`` a dict or its stored JSON text,
    so that a row edited outside the application is reported, not raised. With a ``key`` (an
    encrypted file), every event that records row digests must be chained by HMAC with it;
    older events, written before chains were keyed, by plain SHA-256.
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
        keyed = key if content is not None and _records_rows(event) else None
        if content is None or digest_of(prev, content, keyed) != event.digest:
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


def _records_rows(event: Any) -> bool:
    """Whether the event records row digests (written by this version: keyed when encrypted)."""
    details = event.details
    if isinstance(details, str):
        details = json.loads(details)
    return isinstance(details, dict) and ROWS_KEY in details


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


def verify_session(
    session: Session, expect_head: str | None = None, key: bytes | None = None
) -> VerifyReport:
    """Verify the chain stored in the file, its head, then every record against its event.

    ``expect_head`` is a head printed earlier (``SEQ:PREFIX``): the event at that sequence
    number must still be there with that digest, or the tail was deleted or the chain rewritten.
    """
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
    ).all()
    chain = verify_events(rows, key)
    if not chain.ok:
        return chain
    last_seq, last_digest = (rows[-1].seq, rows[-1].digest) if rows else (0, GENESIS)
    head = format_head(last_seq, last_digest)
    problem = _head_problem(session, last_seq, last_digest) or _expected_head_problem(
        rows, expect_head
    )
    if problem:
        return VerifyReport(False, chain.events, None, problem, head)
    connection = session.connection()
    findings, not_covered = _record_findings(connection, rows)
    if findings:
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        return VerifyReport(
            False, chain.events, None, findings[0] + more, head, not_covered, tuple(findings)
        )
    return VerifyReport(True, chain.events, head=head, not_covered=not_covered)


def _head_problem(session: Session, last_seq: int, last_digest: str) -> str:
    stored = session.execute(select(AuditHead.seq, AuditHead.digest)).first()
    if stored is None:
        return "" if last_seq == 0 else "the chain head recorded in the file is missing"
    if stored.seq > last_seq:
        return (
            f"the trail ends at event {last_seq} but the file's chain head names event "
            f"{stored.seq}: events were deleted from the end of the trail"
        )
    if stored.seq != last_seq or stored.digest != last_digest:
        return (
            f"the chain head recorded in the file ({format_head(stored.seq, stored.digest)}) "
            f"does not match the trail's last event ({format_head(last_seq, last_digest)})"
        )
    return ""


def _expected_head_problem(rows: Sequence[Any], expect_head: str | None) -> str:
    if expect_head is None:
        return ""
    seq, prefix = parse_head(expect_head)
    if seq > len(rows):
        return (
            f"the head printed earlier is {expect_head.strip()} but the trail now ends at event "
            f"{len(rows)}: events were deleted from the end, or this is a different file"
        )
    if seq and not rows[seq - 1].digest.startswith(prefix):
        return (
            f"event {seq} is not the one printed earlier as {expect_head.strip()} "
            f"(it reads {format_head(seq, rows[seq - 1].digest)}): the trail was rewritten, "
            "or this is a different file"
        )
    return ""


def _record_findings(connection: Any, rows: Sequence[Any]) -> tuple[list[str], int]:
    """Records that differ from their latest event, named; and how many are not covered."""
    expected: dict[str, str | None] = {}
    legacy: set[str] = set()
    names: dict[str, str] = {}
    for row in rows:
        details = json.loads(row.details)
        key = row_digests.legacy_key(row.entity, row.entity_id)
        label = details.get("name") or details.get("title")
        if key and isinstance(label, str):
            names[key] = label
        recorded = details.get(ROWS_KEY)
        if isinstance(recorded, dict):
            expected.update(recorded)
        elif key:
            legacy.add(key)
    current = row_digests.all_digests(connection)
    names.update(row_digests.current_names(connection))
    findings, not_covered = row_digests.compare(expected, legacy, current)
    return [_describe(finding, names) for finding in findings], not_covered


_DONE: Final = {
    "changed": "was changed outside the application",
    "added": "was added outside the application",
    "deleted": "was deleted outside the application",
}


def _describe(finding: row_digests.RecordFinding, names: Mapping[str, str]) -> str:
    if finding.key == row_digests.SETTINGS:
        return f"the portfolio settings {_DONE[finding.problem].replace('was', 'were')}"
    kind, _, record_id = finding.key.partition(":")
    name = names.get(finding.key)
    named = f" {name!r}" if name else ""
    return f"{kind.replace('_', ' ')}{named} (id {record_id}) {_DONE[finding.problem]}"
