"""Rows as an older version wrote them, for the tests that upgrade a file."""

from __future__ import annotations

import sqlite3


def insert_old_initiative(
    conn: sqlite3.Connection,
    *,
    stage_since: str = "2025-03-01",
    kpi_name: str = "",
    kpi_unit: str = "",
    business_unit: str = "",
    business_owner: str = "",
) -> None:
    """Initiative "i-1" (Claims triage, a pilot) in the columns every revision has had."""
    conn.execute(
        "INSERT INTO initiatives (id, name, description, business_problem, expected_output,"
        " output_use, kpi_name, kpi_unit, business_unit, business_owner, data_ai_partner,"
        " sponsor, stage, stage_since, affected_groups, tags, targets, created_at, updated_at)"
        " VALUES ('i-1', 'Claims triage', '', '', '', '', ?, ?, ?, ?, '', '', 'pilot', ?,"
        " '[]', '[]', '{}', '2025-03-01 10:00:00.000000', '2025-03-01 10:00:00.000000')",
        (kpi_name, kpi_unit, business_unit, business_owner, stage_since),
    )
