"""Digests of the portfolio's records, so a change made without its audit event shows.

A *record* is the unit an audit event is about: an initiative row; a necessity assessment; an
assessment; a respondent together with its answers; an action; a stated value; a decision with
its stances; the settings as one record. Its key is ``kind:id`` (``settings`` alone for the
settings). Its digest is SHA-256 over every column of its rows exactly as stored (clock columns
included: nothing in these tables changes without an event), or None when the record is gone.

Which records a change touched is not written by hand in each store operation: temporary
triggers (on the connection only, never in the file) note the record key of every row
inserted, updated or deleted, cascades included, and ``StoreBase._change`` records the digests
of exactly those records in the event it appends. ``verify`` recomputes every record's digest
and compares it with the digest its latest event recorded.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, text

# kind -> (main table, [(child table, column naming the main row)])
RECORDS: Final[dict[str, tuple[str, tuple[tuple[str, str], ...]]]] = {
    "initiative": ("initiatives", ()),
    "necessity_assessment": ("necessity_assessments", ()),
    "assessment": ("assessments", ()),
    "respondent": ("respondents", (("answers", "respondent_id"),)),
    "action": ("actions", ()),
    "stated_value": ("stated_values", ()),
    "decision": ("decisions", (("decision_values", "decision_id"),)),
}
SETTINGS: Final = "settings"

# table -> SQL naming the record key of a row (``{r}`` is NEW or OLD inside a trigger).
_KEY_SQL: Final[dict[str, str]] = {
    **{table: f"'{kind}:' || {{r}}.id" for kind, (table, _) in RECORDS.items()},
    **{
        child: f"'{kind}:' || {{r}}.{column}"
        for kind, (_, children) in RECORDS.items()
        for child, column in children
    },
    SETTINGS: "'settings'",
}
_TOUCHED: Final = "avi_touched_records"
_READY: Final = "avi_record_triggers"


def install_triggers(connection: Connection) -> None:
    """Create the connection's temporary triggers once (kept with the pooled connection)."""
    info = connection.connection.info
    if info.get(_READY):
        return
    statements = [f"CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED} (record TEXT PRIMARY KEY)"]
    for table, key in _KEY_SQL.items():
        for when, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            inserts = " ".join(
                f"INSERT OR IGNORE INTO {_TOUCHED} VALUES ({key.format(r=r)});" for r in rows
            )
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS avi_{table}_{when.lower()} "
                f"AFTER {when} ON main.{table} BEGIN {inserts} END"
            )
    for statement in statements:
        connection.exec_driver_sql(statement)
    info[_READY] = True


def take_touched(connection: Connection) -> dict[str, str | None]:
    """The records touched since the last call, with their digests now; clears the list."""
    keys = list(connection.exec_driver_sql(f"SELECT record FROM {_TOUCHED}").scalars())
    connection.exec_driver_sql(f"DELETE FROM {_TOUCHED}")
    return {key: record_digest(connection, key) for key in sorted(keys)}


def clear_touched(connection: Connection) -> None:
    """Forget touched records (a change that records nothing, or one rolled back)."""
    connection.exec_driver_sql(f"DELETE FROM {_TOUCHED}")


def _row_text(row: Any) -> str:
    values = {
        column: value.hex() if isinstance(value, bytes) else value
        for column, value in row._mapping.items()
    }
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _digest(parts: dict[str, list[str]]) -> str | None:
    if not any(parts.values()):
        return None
    ordered = {table: sorted(rows) for table, rows in parts.items()}
    content = json.dumps(ordered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def record_digest(connection: Connection, key: str) -> str | None:
    """The digest of one record as stored now, or None when none of its rows exist."""
    if key == SETTINGS:
        rows = connection.execute(text("SELECT * FROM settings"))
        return _digest({SETTINGS: [_row_text(row) for row in rows]})
    kind, _, record_id = key.partition(":")
    table, children = RECORDS[kind]
    parts = {
        table: [
            _row_text(row)
            for row in connection.execute(
                text(f"SELECT * FROM {table} WHERE id = :id"), {"id": record_id}
            )
        ]
    }
    for child, column in children:
        parts[child] = [
            _row_text(row)
            for row in connection.execute(
                text(f"SELECT * FROM {child} WHERE {column} = :id"), {"id": record_id}
            )
        ]
    return _digest(parts)


def all_digests(connection: Connection) -> dict[str, str]:
    """Every record now in the file with its digest (one pass over each table)."""
    parts: dict[str, dict[str, list[str]]] = defaultdict(dict)
    settings = [_row_text(row) for row in connection.execute(text("SELECT * FROM settings"))]
    if settings:
        parts[SETTINGS][SETTINGS] = settings
    for kind, (table, children) in RECORDS.items():
        for row in connection.execute(text(f"SELECT * FROM {table}")):
            parts[f"{kind}:{row.id}"].setdefault(table, []).append(_row_text(row))
        for child, column in children:
            for row in connection.execute(text(f"SELECT * FROM {child}")):
                key = f"{kind}:{row._mapping[column]}"
                parts[key].setdefault(table, [])
                parts[key].setdefault(child, []).append(_row_text(row))
    found = {}
    for key, record in parts.items():
        if key != SETTINGS:
            table, children = RECORDS[key.partition(":")[0]]
            record.setdefault(table, [])
            for child, _ in children:
                record.setdefault(child, [])
        digest = _digest(record)
        if digest is not None:
            found[key] = digest
    return found


@dataclass(frozen=True)
class RecordFinding:
    """A record whose stored state does not match its latest audit event."""

    key: str
    problem: str  # "changed", "added" or "deleted"


def legacy_key(entity: str, entity_id: str) -> str | None:
    """The record an event written before row digests was about (to count it "not covered")."""
    if entity in ("settings", "portfolio"):
        return SETTINGS
    if entity in RECORDS and entity_id:
        return f"{entity}:{entity_id}"
    return None


def compare(
    expected: dict[str, str | None], legacy: set[str], current: dict[str, str]
) -> tuple[list[RecordFinding], int]:
    """Records that differ from their latest event, and how many only older events cover."""
    findings: list[RecordFinding] = []
    not_covered = 0
    for key in sorted(set(expected) | set(current)):
        now = current.get(key)
        if key not in expected:
            if key in legacy:
                not_covered += 1
            else:
                findings.append(RecordFinding(key, "added"))
        elif expected[key] != now:
            findings.append(RecordFinding(key, "deleted" if now is None else "changed"))
    return findings, not_covered


_NAME_COLUMNS: Final = {
    "initiative": "name",
    "assessment": "title",
    "respondent": "name",
    "action": "title",
    "stated_value": "name",
    "decision": "title",
}


def current_names(connection: Connection) -> dict[str, str]:
    """Record key -> the name or title it is shown by, for messages."""
    names = {}
    for kind, column in _NAME_COLUMNS.items():
        table = RECORDS[kind][0]
        for row in connection.execute(text(f"SELECT id, {column} FROM {table}")):
            names[f"{kind}:{row[0]}"] = str(row[1])
    return names
