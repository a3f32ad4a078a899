"""Issue 16's tampering cases: each one on a plain and an encrypted file, and what verify says.

Every case edits the file with SQL outside the application, the way a person with the file (and,
for the encrypted copy, its passphrase) could. A case marked ``head`` is caught only against a
head printed earlier (``verify --expect-head``) in a plain file: whoever can write a plain file
can also recompute its chain, and the test shows that it then verifies without the head.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection

from avi_desktop.model import audit
from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import Imperative
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.store import PortfolioStore

PASSPHRASE = "correct horse battery"
INSTRUMENT = Instrument("avi-four-layer", "1.0", "Test", "", (), {})
ITEMS = ("TC-01", "TC-02", "LA-01", "LA-02")


def fill(store: PortfolioStore) -> None:
    """A small portfolio written through the store: about 30 events of every kind."""
    claims = store.add_initiative(name="Claims triage", stage="pilot")
    store.add_initiative(name="Agent assist")
    store.add_action(claims, imperative=Imperative.MEASURE_VALUE, title="Define the KPI")
    assessment = store.create_assessment(
        claims, title="Baseline", instrument=INSTRUMENT, assessed_on=date(2026, 1, 15)
    )
    respondent = store.add_respondent(assessment, name="P01", group="employees")
    store.set_answers(respondent, dict.fromkeys(ITEMS, 3), submitted=True)
    value = store.add_stated_value("Human oversight", "A person decides on every denial.")
    store.add_decision(
        claims, decided_on=date(2026, 2, 1), title="Automated denials", stances={value: "departed"}
    )
    for n in range(22):
        store.update_initiative(claims, description=f"Revision {n}")


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, tuple[Path, str]]:
    """One plain and one encrypted portfolio, with the head each would print on a briefing."""
    folder = tmp_path_factory.mktemp("tampering")
    made = {}
    for encrypted in (False, True):
        path = folder / f"{'encrypted' if encrypted else 'plain'}.avip"
        with PortfolioStore.create(path, PASSPHRASE if encrypted else None) as store:
            fill(store)
            head = store.chain_head()
            assert store.verify().ok
        made[encrypted] = (path, head)
    return made


def sql(*statements: str) -> Callable[[Connection], None]:
    def tamper(connection: Connection) -> None:
        for statement in statements:
            connection.exec_driver_sql(statement)

    return tamper


def rechain(connection: Connection, start: int = 1) -> None:
    """Recompute every event's digest from ``start`` on by the documented formula, and the head."""
    rows = connection.exec_driver_sql(
        "SELECT seq, at, action, entity, entity_id, details, digest FROM audit_events ORDER BY seq"
    ).all()
    prev = audit.GENESIS if start == 1 else rows[start - 2].digest
    for row in rows[start - 1 :]:
        content = audit.canonical(
            seq=row.seq,
            at=datetime.fromisoformat(row.at),
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            details=json.loads(row.details),
        )
        digest = hashlib.sha256((prev + content).encode("utf-8")).hexdigest()
        connection.exec_driver_sql(
            "UPDATE audit_events SET prev_digest = ?, digest = ? WHERE seq = ?",
            (prev, digest, row.seq),
        )
        prev = digest
    last = connection.exec_driver_sql("SELECT max(seq) FROM audit_events").scalar() or 0
    connection.exec_driver_sql("UPDATE audit_head SET seq = ?, digest = ?", (last, prev))


def edit_then_rechain(connection: Connection) -> None:
    connection.exec_driver_sql(
        """UPDATE audit_events SET details = json_set(details, '$.name', 'Something else')
           WHERE seq = 2"""
    )
    rechain(connection, start=2)


def cut_tail_and_head(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM audit_events WHERE seq > 10")
    rechain(connection, start=11)


@dataclass(frozen=True)
class Case:
    name: str
    tamper: Callable[[Connection], None]
    says: str  # verify's problem line (a regular expression), given the head printed earlier
    # ... and without that head: "" for the same line; None where a plain file then verifies
    # (rewritten whole) and only the encrypted file's keyed chain catches it.
    alone: str | None = ""


LAST = "(SELECT max(seq) FROM audit_events)"
# The columns revision 0004 adds, dropped to make a file as an earlier version wrote it.
# The tables revision 0005 adds (the score cache), dropped for the same reason.
REVISION_0005_TABLES = ("score_cache", "score_cache_state")
REVISION_0006_COLUMNS = (("initiatives", "stage_history"),)
REVISION_0004_COLUMNS = (
    ("decisions", "pressure"),
    ("decisions", "argued_by"),
    ("stated_values", "retired_on"),
    ("initiatives", "kpi_actuals"),
    ("initiatives", "success_criteria"),
    ("necessity_assessments", "before_technology_decision"),
)
INSERT_INITIATIVE = """INSERT INTO initiatives (id, name, description, business_problem,
    expected_output, output_use, kpi_name, kpi_unit, kpi_baseline, kpi_target, business_unit,
    business_owner, data_ai_partner, sponsor, stage, stage_since, investment_to_date,
    affected_groups, tags, targets, created_at, updated_at)
    SELECT 'smuggled', 'Smuggled in', description,
    business_problem, expected_output, output_use, kpi_name, kpi_unit, kpi_baseline, kpi_target,
    business_unit, business_owner, data_ai_partner, sponsor, stage, stage_since,
    investment_to_date, affected_groups, tags, targets, created_at, updated_at
    FROM initiatives LIMIT 1"""
CASES = [
    # Edits of the trail itself.
    Case(
        "edit an event's details",
        sql("""UPDATE audit_events SET details = '{"name":"Other"}' WHERE seq = 5"""),
        r"audit event 5 \(.*\) was altered after it was recorded",
    ),
    Case(
        "delete an event in the middle",
        sql("DELETE FROM audit_events WHERE seq = 5"),
        r"audit event 5 is missing or out of order",
    ),
    Case(
        "swap two events",
        sql(
            "UPDATE audit_events SET seq = -4 WHERE seq = 4",
            "UPDATE audit_events SET seq = 4 WHERE seq = 5",
            "UPDATE audit_events SET seq = 5 WHERE seq = -4",
        ),
        r"audit event 4 ",
    ),
    Case(
        "change an event's time",
        sql("UPDATE audit_events SET at = '2020-01-01 00:00:00.000000' WHERE seq = 6"),
        r"audit event 6 \(.*\) was altered",
    ),
    Case(
        "change an event's action",
        sql("UPDATE audit_events SET action = 'delete' WHERE seq = 6"),
        r"audit event 6 \(delete .*\) was altered",
    ),
    Case(
        "change an event's entity id",
        sql("UPDATE audit_events SET entity_id = 'someone-else' WHERE seq = 3"),
        r"audit event 3 \(.*\) was altered",
    ),
    Case(
        "overwrite an event's digest",
        sql(f"UPDATE audit_events SET digest = '{'1' * 64}' WHERE seq = 7"),
        r"audit event 7 \(.*\) was altered",
    ),
    Case(
        "append a forged event",
        sql(
            f"""INSERT INTO audit_events SELECT seq + 1, at, 'delete', 'initiative', '', '{{}}',
                digest, '{"2" * 64}' FROM audit_events WHERE seq = {LAST}"""
        ),
        r"audit event \d+ \(delete initiative\) was altered",
    ),
    Case(
        "insert an event before the first",
        sql(
            f"""INSERT INTO audit_events VALUES (0, '2020-01-01 00:00:00', 'create', 'portfolio',
                '', '{{}}', '{audit.GENESIS}', '{"3" * 64}')"""
        ),
        r"audit event 0 is missing or out of order",
    ),
    Case(
        "make an event's details unreadable",
        sql("UPDATE audit_events SET details = 'not json' WHERE seq = 4"),
        r"audit event 4 \(.*\) was altered",
    ),
    # Deleting from the end, and rewriting the chain.
    Case(
        "delete the last event",
        sql(f"DELETE FROM audit_events WHERE seq = {LAST}"),
        r"events were deleted from the end of the trail",
    ),
    Case(
        "delete the last 20 events",
        sql(f"DELETE FROM audit_events WHERE seq > {LAST} - 20"),
        r"events were deleted from the end of the trail",
    ),
    Case(
        "delete every event",
        sql("DELETE FROM audit_events", "DELETE FROM audit_head"),
        r"events were deleted from the end, or this is a different file",
        alone=r"was added outside the application",
    ),
    Case(
        "delete the last events and move the head back",
        cut_tail_and_head,
        r"events were deleted from the end, or this is a different file",
        # The data still shows what the deleted events did.
        alone=r"initiative 'Claims triage' \(id .*\) was changed outside the application",
    ),
    Case(
        "edit an event and recompute every digest after it",
        edit_then_rechain,
        r"event \d+ is not the one printed earlier .*: the trail was rewritten",
        alone=None,
    ),
    # Edits of the data with no audit event at all.
    Case(
        "rename an initiative",
        sql("UPDATE initiatives SET name = 'Renamed' WHERE name = 'Agent assist'"),
        r"initiative 'Renamed' \(id [0-9a-f-]{36}\) was changed outside the application",
    ),
    Case(
        "change answer scores",
        sql("UPDATE answers SET score = 5"),
        r"respondent 'P01' \(id [0-9a-f-]{36}\) was changed outside the application",
    ),
    Case(
        "insert an initiative",
        sql(INSERT_INITIATIVE),
        r"initiative 'Smuggled in' \(id smuggled\) was added outside the application",
    ),
    Case(
        "delete an action",
        sql("DELETE FROM actions"),
        r"action 'Define the KPI' \(id [0-9a-f-]{36}\) was deleted outside the application",
    ),
    Case(
        "change the classification label",
        sql("""UPDATE settings SET value = '{"value": "PUBLIC"}' WHERE key = 'classification'"""),
        r"the portfolio settings were changed outside the application",
    ),
]


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_tampering_is_detected(
    case: Case,
    encrypted: bool,
    templates: dict[bool, tuple[Path, str]],
    tmp_path: Path,
) -> None:
    template, printed = templates[encrypted]
    path = tmp_path / template.name
    shutil.copyfile(template, path)
    passphrase = PASSPHRASE if encrypted else None
    with PortfolioStore.open(path, passphrase) as store, store.engine.begin() as connection:
        case.tamper(connection)
    with PortfolioStore.open(path, passphrase, read_only=True) as store:
        without_head = store.verify()
        with_head = store.verify(expect_head=printed)
    assert not with_head.ok
    if case.alone is None and encrypted:
        # Recomputed by the published formula, the keyed chain breaks where the edit is.
        for report in (with_head, without_head):
            assert re.search(r"audit event 2 \(.*\) was altered", report.problem), report
        return
    assert re.search(case.says, with_head.problem), with_head.problem
    if case.alone is None:
        # A plain file rewritten whole verifies on its own: the printed head is the anchor.
        assert without_head.ok, without_head.problem
    else:
        alone = case.alone or case.says
        assert not without_head.ok
        assert re.search(alone, without_head.problem), without_head.problem


def test_the_cases_are_the_issues_nineteen_and_one_more() -> None:
    assert len(CASES) == 20
    assert len({case.name for case in CASES}) == 20


def test_a_session_of_edits_through_the_store_verifies(store: PortfolioStore) -> None:
    """Every kind of write, undo's delete and restore included, keeps every record covered."""
    fill(store)
    claims = next(
        i for i in store.initiative_ids() if store.get_initiative(i).name == "Claims triage"
    )
    saved = store.export_record(AuditEntity.INITIATIVE, claims)
    store.delete_record(AuditEntity.INITIATIVE, claims)
    assert store.verify().ok
    store.restore_record(saved)
    store.update_settings(classification="INTERNAL")
    report = store.verify()
    assert report.ok, report.problem
    assert report.not_covered == 0
    delete, restore = store.audit_events()[-3:-1]
    assert (delete.action, restore.action) == ("delete", "restore")
    # The delete event records the initiative and every dependant as gone.
    assert delete.details["rows"].keys() == restore.details["rows"].keys()
    assert set(delete.details["rows"].values()) == {None}
    # The restore event vouches for everything it put back: the initiative and its dependants.
    kinds = {key.partition(":")[0] for key in restore.details["rows"]}
    assert kinds >= {"initiative", "assessment", "respondent", "action", "decision"}
    assert all(restore.details["rows"].values())


def test_verify_prints_the_head_and_checks_one_printed_earlier(
    templates: dict[bool, tuple[Path, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from avi_desktop.cli import main

    template, printed = templates[False]
    path = tmp_path / "plain.avip"
    shutil.copyfile(template, path)
    assert main(["verify", str(path), "--expect-head", printed]) == 0
    assert capsys.readouterr().out.startswith(
        f"OK: {printed.split(':')[0]} events verified; head {printed}"
    )
    with PortfolioStore.open(path) as store, store.engine.begin() as connection:
        cut_tail_and_head(connection)
    assert main(["verify", str(path), "--expect-head", printed]) == 1
    err = capsys.readouterr().err
    assert "events were deleted from the end, or this is a different file" in err
    assert "chain head: 10:" in err
    assert main(["verify", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["head"].startswith("10:")
    assert main(["verify", str(path), "--expect-head", "ten"]) != 0
    assert "is not a chain head" in capsys.readouterr().err


def test_changing_the_passphrase_keeps_the_keyed_chain_and_printed_heads(
    templates: dict[bool, tuple[Path, str]], tmp_path: Path
) -> None:
    template, printed = templates[True]
    path = tmp_path / "encrypted.avip"
    shutil.copyfile(template, path)
    with PortfolioStore.open(path, PASSPHRASE) as store:
        store.change_passphrase("a new passphrase")
        store.add_initiative(name="After the change")
    with PortfolioStore.open(path, "a new passphrase", read_only=True) as store:
        report = store.verify(expect_head=printed)
        assert report.ok, report.problem
        # The chain is keyed: the published plain formula does not give its digests.
        last = store.audit_events()[-1]
        content = audit.canonical(
            seq=last.seq,
            at=last.at,
            action=last.action,
            entity=last.entity,
            entity_id=last.entity_id,
            details=last.details,
        )
        assert audit.digest_of(last.prev_digest, content) != last.digest


def test_a_passphrase_change_that_cannot_record_itself_leaves_the_old_passphrase(
    templates: dict[bool, tuple[Path, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk between the rekey and its event must not leave the chain key unreadable."""
    from avi_desktop.model.errors import PortfolioError
    from avi_desktop.model.store.trail import TrailPart

    template, printed = templates[True]
    path = tmp_path / "encrypted.avip"
    shutil.copyfile(template, path)

    def disk_full(*_args: object) -> None:
        raise PortfolioError("The disk is full.")

    monkeypatch.setattr(TrailPart, "_store_chain_key", disk_full)
    with PortfolioStore.open(path, PASSPHRASE) as store, pytest.raises(PortfolioError):
        store.change_passphrase("a new passphrase")
    monkeypatch.undo()
    with PortfolioStore.open(path, PASSPHRASE) as store:
        store.add_initiative(name="After the failed change")
        report = store.verify(expect_head=printed)
    assert report.ok, report.problem


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_file_from_an_earlier_version_verifies_with_records_not_covered(
    encrypted: bool, templates: dict[bool, tuple[Path, str]], tmp_path: Path
) -> None:
    """Events without row digests (revision 0002 files, the old demo) are not tampering."""
    template, _ = templates[encrypted]
    passphrase = PASSPHRASE if encrypted else None
    path = tmp_path / "older.avip"
    shutil.copyfile(template, path)
    with PortfolioStore.open(path, passphrase) as store, store.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE audit_events SET details = json_remove(details, '$.rows')"
        )
        rechain(connection)
        connection.exec_driver_sql("DROP TABLE audit_head")
        for table, column in (*REVISION_0004_COLUMNS, *REVISION_0006_COLUMNS):
            connection.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        for table in REVISION_0005_TABLES:
            connection.exec_driver_sql(f"DROP TABLE {table}")
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0002'")
    with PortfolioStore.open(path, passphrase) as store:  # upgraded to head after a backup
        report = store.verify()
        assert report.ok, report.problem
        # Settings, two initiatives, an action, an assessment, a respondent, a value, a decision.
        assert report.not_covered == 8
        assert "8 records not covered" in report.summary()
        with store.engine.begin() as connection:
            sql(INSERT_INITIATIVE)(connection)
        assert store.verify().problem.startswith("initiative 'Smuggled in' (id smuggled) was added")
        with store.engine.begin() as connection:
            connection.exec_driver_sql("DELETE FROM initiatives WHERE id = 'smuggled'")
        claims = next(
            i for i in store.initiative_ids() if store.get_initiative(i).name == "Claims triage"
        )
        store.update_initiative(claims, description="Covered again")
        report = store.verify()
        assert report.ok and report.not_covered == 7
        # The first event this version writes starts the keyed chain of an encrypted file.
        last = store.audit_events()[-1]
        content = audit.canonical(
            seq=last.seq,
            at=last.at,
            action=last.action,
            entity=last.entity,
            entity_id=last.entity_id,
            details=last.details,
        )
        assert (audit.digest_of(last.prev_digest, content) == last.digest) is not encrypted
