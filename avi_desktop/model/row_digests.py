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
from collections.abc import Iterator
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


def forget_triggers(info: dict[Any, Any]) -> None:
    """After a rollback that may have taken the triggers with it: create them again next time."""
    info.pop(_READY, None)


def take_touched(connection: Connection) -> dict[str, str | None]:
    """The records touched since the last call, with their digests now; clears the list."""
    keys = list(connection.exec_driver_sql(f"SELECT record FROM {_TOUCHED}").scalars())
    connection.exec_driver_sql(f"DELETE FROM {_TOUCHED}")
    return {key: record_digest(connection, key) for key in sorted(keys)}


def clear_touched(connection: Connection) -> None:
    """Forget touched records (a change that records nothing, or one rolled back)."""
    connection.exec_driver_sql(f"DELETE FROM {_TOUCHED}")


def _hex(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"cannot digest a {type(value).__name__}")


# One row's text: its values in the order of its column names sorted (no per-row key sorting).
_ROW_JSON: Final = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, default=_hex)

# Columns added by a later revision, with the value every existing row was given. While a row
# holds that value the column is left out of its text, so a record digested before the
# upgrade digests the same after it; any other value is appended with its column's name.
ADDED_LATER: Final[dict[str, dict[str, Any]]] = {
    "decisions": {"pressure": "", "argued_by": ""},
    "stated_values": {"retired_on": None},
    "initiatives": {"kpi_actuals": "[]", "success_criteria": "{}", "stage_history": "[]"},
    "necessity_assessments": {"before_technology_decision": None},
}


def _rows(
    connection: Connection, table: str, sql: str, params: dict[str, Any] | None = None
) -> Iterator[Any]:
    """(row, its text) for every row a query on ``table`` returns, values as SQLite stores them."""
    result = connection.execute(text(sql), params or {})
    columns = list(result.keys())
    later = ADDED_LATER.get(table, {})
    order = sorted((i for i, c in enumerate(columns) if c not in later), key=columns.__getitem__)
    added = sorted((i for i, c in enumerate(columns) if c in later), key=columns.__getitem__)
    encode = _ROW_JSON.encode
    for row in result:
        values: list[Any] = [row[i] for i in order]
        values += [[columns[i], row[i]] for i in added if row[i] != later[columns[i]]]
        yield row, encode(values)


def _digest(parts: dict[str, list[str]]) -> str | None:
    """SHA-256 over each table's name and its rows' texts, sorted, one a line.

    A row's text is JSON on one line, so the lines cannot be confused with one another.
    """
    if not any(parts.values()):
        return None
    lines = []
    for table in sorted(parts):
        lines.append(f"#{table}")
        lines.extend(sorted(parts[table]))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def record_digest(connection: Connection, key: str) -> str | None:
    """The digest of one record as stored now, or None when none of its rows exist."""
    if key == SETTINGS:
        return _digest(
            {SETTINGS: [line for _, line in _rows(connection, SETTINGS, "SELECT * FROM settings")]}
        )
    kind, _, record_id = key.partition(":")
    table, children = RECORDS[kind]
    one = {"id": record_id}
    queries = [(table, f"SELECT * FROM {table} WHERE id = :id")]
    queries += [
        (child, f"SELECT * FROM {child} WHERE {column} = :id") for child, column in children
    ]
    return _digest(
        {part: [line for _, line in _rows(connection, part, sql, one)] for part, sql in queries}
    )


def all_digests(connection: Connection) -> dict[str, str]:
    """Every record now in the file with its digest (one pass over each table)."""
    parts: dict[str, dict[str, list[str]]] = {}
    settings = [line for _, line in _rows(connection, SETTINGS, "SELECT * FROM settings")]
    if settings:
        parts[SETTINGS] = {SETTINGS: settings}
    for kind, (table, children) in RECORDS.items():
        empty: dict[str, list[str]] = {table: [], **{child: [] for child, _ in children}}

        def record(record_id: str, kind: str = kind, empty: dict[str, list[str]] = empty) -> Any:
            key = f"{kind}:{record_id}"
            found = parts.get(key)
            if found is None:
                found = parts[key] = {name: [] for name in empty}
            return found

        for row, line in _rows(connection, table, f"SELECT * FROM {table}"):
            record(row.id)[table].append(line)
        for child, column in children:
            for row, line in _rows(connection, child, f"SELECT * FROM {child}"):
                record(row._mapping[column])[child].append(line)
    digests = {key: _digest(record) for key, record in parts.items()}
    return {key: digest for key, digest in digests.items() if digest is not None}


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
