"""The bundled demo portfolio: realistic, complete, and showing each pattern where designed."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from avi_desktop.model.database import known_revisions
from avi_desktop.model.demo import build_demo
from avi_desktop.model.demo_data import DemoDataError, load_demo
from avi_desktop.model.domain import (
    AssessmentMode,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
)
from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.overview import initiative_overview, portfolio_overview
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.values_audit import ValueStatus, values_audit
from avi_desktop.paths import resource

TODAY = date(2026, 11, 23)
REBUILD = "rebuild it: avi-desktop demo resources/demo/demo.avip --force"

# The initiative each pattern is built to show, as a director would be told.
DESIGNED = {
    PatternId.PILOT_TRAP: "Underwriting risk scorer",
    PatternId.TRUST_CEILING: "Customer service chatbot",
    PatternId.VALUE_FRAGMENTATION: "Fraud signal detection",
    PatternId.MOMENTUM_WITHOUT_DIRECTION: "Generative knowledge assistant",
    PatternId.COORDINATION_FAILURE: "Dynamic pricing optimisation",
    PatternId.ETHICAL_DRIFT: "CV screening for contact-centre hiring",
}
# Live systems whose KPI was never measured or has not moved: the portfolio's AI theatre.
THEATRE = {
    "Customer service chatbot",
    "CV screening for contact-centre hiring",
    "Marketing content generator",
    "Claims photo damage estimator",
    "Agent call summarisation",
    "Generative knowledge assistant",  # no KPI at all
}


def test_covers_every_stage_and_every_necessity_outcome(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        initiatives = [store.get_initiative(i) for i in store.initiative_ids()]
        content = load_demo()
        assert store.settings().organisation == content.organisation
        assert len(initiatives) == len(content.initiatives) >= 14
        assert {Stage(i.stage) for i in initiatives} == set(Stage)
        outcomes = {
            NecessityOutcome(n.outcome) for i in initiatives for n in i.necessity_assessments
        }
        assert outcomes == set(NecessityOutcome)
        assert sum(len(i.actions) for i in initiatives) >= 4


def test_has_a_disagreeing_workshop_and_a_reassessed_initiative(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        assessments = store.assessments()
        workshops = [a for a in assessments if a.mode == AssessmentMode.WORKSHOP]
        assert len(workshops) == 1
        workshop = workshops[0]
        assert len(workshop.respondents) == 8
        assert len({r.stakeholder_group for r in workshop.respondents}) >= 5
        per_initiative: dict[str, int] = {}
        for assessment in assessments:
            per_initiative[assessment.initiative_id] = (
                per_initiative.get(assessment.initiative_id, 0) + 1
            )
        assert max(per_initiative.values()) >= 2
        overview = portfolio_overview(store, today=TODAY)
    fraud = next(e for e in overview.entries if e.name == "Fraud signal detection")
    assert fraud.latest is not None
    leadership = fraud.latest.layers[Layer.LEADERSHIP]
    assert leadership.low_agreement and leadership.rwg is not None and leadership.rwg < 0.7
    spread = fraud.latest.value_spread[Layer.LEADERSHIP]
    assert spread is not None and spread >= 25


def test_each_pattern_fires_on_the_initiative_built_to_show_it_and_nowhere_else(
    demo_source: Path,
) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        overview = portfolio_overview(store, today=TODAY)
    by_name = {entry.name: entry for entry in overview.entries}
    built_for = {name: pattern for pattern, name in DESIGNED.items()}
    for name, entry in by_name.items():
        shown = [hit.pattern for hit in entry.patterns]
        assert shown == ([built_for[name]] if name in built_for else []), name
        for hit in entry.patterns:
            assert hit.evidence and hit.explanation
    assert [hit.pattern for hit in overview.portfolio_patterns] == [PatternId.AI_THEATRE]
    (theatre,) = overview.portfolio_patterns
    named = {
        e.label for e in theatre.evidence if e.ref in {x.initiative_id for x in overview.entries}
    }
    assert named == THEATRE
    healthy = by_name["Claims triage assistant"]
    assert healthy.patterns == ()
    assert healthy.latest is not None and healthy.latest.alignment_index is not None
    assert healthy.latest.alignment_index > 75


def test_necessity_records_say_whether_they_came_before_the_technology(
    demo_source: Path,
) -> None:
    from avi_desktop.model.portfolio_summary import necessity_concerns

    with PortfolioStore.open(demo_source, read_only=True) as store:
        timing = {
            store.get_initiative(n.initiative_id).name: n.before_technology_decision
            for i in store.initiative_ids()
            for n in store.get_initiative(i).necessity_assessments
        }
        entries = portfolio_overview(store).entries
    assert None not in timing.values()
    after = {name for name, before in timing.items() if before is False}
    assert after == {"CV screening for contact-centre hiring", "Voice analytics for complaints"}
    assert len(after) < len(timing) / 4  # most were assessed first, as the paper asks
    late = {c.name for c in necessity_concerns(entries) if "after the technology" in c.concern}
    assert late == after


def test_records_that_contradict_each_other_are_named_where_built(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        found = {
            store.get_initiative(i).name: [
                rec
                for rec in initiative_overview(store, i, today=TODAY).recommendations
                if rec.id.startswith("REC-contradiction-")
            ]
            for i in store.initiative_ids()
        }
    assert {name for name, recs in found.items() if recs} == {"Dynamic pricing optimisation"}
    (rec,) = found["Dynamic pricing optimisation"]
    assert rec.title.startswith("Correct the record")
    assert "proof of concept" in rec.title
    assert rec.evidence[0].value.startswith("Stopped the proof of concept")


def test_values_audit_shows_departures(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        audit = values_audit(store.stated_values(), store.decisions())
    by_name = {value.name: value for value in audit.values}
    assert len(audit.decisions) == 7
    assert by_name["Fair to every customer"].departed == 2
    assert by_name["Fair to every customer"].enactment_gap == 1.0
    assert by_name["Fair to every customer"].status is ValueStatus.ASPIRATIONAL
    assert by_name["Colleagues come with us"].enactment_gap == 0.0
    with PortfolioStore.open(demo_source, read_only=True) as store:
        decisions = store.decisions()
    assert all(d.pressure and d.argued_by for d in decisions)


def test_history_stays_comparable_across_instrument_versions(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        versions = [(a.title, a.instrument_version) for a in store.assessments()]
        claims = next(
            store.get_initiative(i)
            for i in store.initiative_ids()
            if store.get_initiative(i).name == "Claims triage assistant"
        )
        overview = initiative_overview(store, claims.id, today=TODAY)
    assert versions.count(("Baseline before go-live", "1.0")) == 1
    assert all(v == "2.0" for title, v in versions if title != "Baseline before go-live")
    assert [p.alignment_index is not None for p in overview.trend] == [True, True]
    assert overview.comparison is not None


def test_live_initiatives_record_what_their_kpi_did(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        initiatives = [store.get_initiative(i) for i in store.initiative_ids()]
    measured = {i.name for i in initiatives if i.kpi_actuals}
    assert measured == {"Claims triage assistant", "Claims photo damage estimator"}
    for initiative in initiatives:
        dates = [point["date"] for point in initiative.kpi_actuals]
        assert dates == sorted(dates)


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "exists.avip"
    path.write_bytes(b"keep me")
    with pytest.raises(PortfolioError, match="already exists"):
        build_demo(path)
    assert path.read_bytes() == b"keep me"


# Columns the comparison leaves out: they hold the clock time of the build (created_at and the
# like, the audit event's ``at``), or are hashed from it and from the random ids (the audit
# chain's digests; ``store.verify()`` checks the chain itself).
_CLOCK_COLUMNS = frozenset(
    {"created_at", "updated_at", "closed_at", "submitted_at", "at", "prev_digest", "digest"}
)
# Inside each audit event's details, the row digests (``details["rows"]``) are hashed from the
# rows' clock columns, so that one key is left out too; the rest of the details is compared.
_DIGEST_KEYS = frozenset({"rows"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _dump(store: PortfolioStore) -> dict[str, list[dict[str, object]]]:
    """Every row of every table, in insertion order, comparable between two builds.

    Ids are random UUIDs, so each becomes the table and position of the row it names
    ("initiatives[2]") wherever it appears: in id and foreign-key columns and inside JSON.
    """
    with store.engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        rows = {
            table: [
                dict(row._mapping)
                for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY rowid'))
            ]
            for table in tables
            if not table.startswith("sqlite_")
        }
    labels = {
        row["id"]: f"{table}[{n}]"
        for table, table_rows in rows.items()
        for n, row in enumerate(table_rows)
        if isinstance(row.get("id"), str) and _UUID.fullmatch(row["id"])
    }

    def comparable(value: object) -> object:
        if isinstance(value, str) and value.startswith("{") and '"rows"' in value:
            details = {k: v for k, v in json.loads(value).items() if k not in _DIGEST_KEYS}
            value = json.dumps(details)
        if isinstance(value, str):
            return _UUID.sub(lambda found: labels.get(found[0], "unknown id"), value)
        return value

    return {
        table: [
            {
                column: comparable(value)
                for column, value in row.items()
                if column not in _CLOCK_COLUMNS
            }
            for row in table_rows
        ]
        for table, table_rows in rows.items()
    }


def test_bundled_copy_matches_a_fresh_build(demo_source: Path, tmp_path: Path) -> None:
    """The committed demo must be rebuilt when the schema, the builder or its data change."""
    bundled = tmp_path / "bundled.avip"
    shutil.copyfile(resource("demo", "demo.avip"), bundled)
    head, _ = known_revisions()
    with PortfolioStore.open(bundled, read_only=True) as store:
        assert store.verify().ok
        with store.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        bundled_dump = _dump(store)
    assert revision == head, REBUILD
    with PortfolioStore.open(demo_source, read_only=True) as store:
        fresh_dump = _dump(store)
    assert list(bundled_dump) == list(fresh_dump), REBUILD
    for table, rows in fresh_dump.items():
        assert len(bundled_dump[table]) == len(rows), f"{table}: {REBUILD}"
        for n, (old, new) in enumerate(zip(bundled_dump[table], rows, strict=True)):
            assert old == new, f"{table}[{n}] differs; {REBUILD}"
    assert len(fresh_dump["answers"]) >= 500


def test_the_dump_notices_a_changed_answer(demo_copy: Path) -> None:
    """The comparison above sees a single answer changed by one point."""
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        before = _dump(store)
    with PortfolioStore.open(demo_copy) as store, store.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE answers SET score = CASE score WHEN 5 THEN 4 ELSE score + 1 END"
                " WHERE id = (SELECT min(id) FROM answers WHERE score IS NOT NULL)"
            )
        )
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        after = _dump(store)
    assert before["initiatives"] == after["initiatives"]
    assert before["answers"] != after["answers"]


# (file, text in the bundled file, what it becomes, the start of the error that must follow)
MISTAKES = [
    (
        "initiatives.toml",
        'stage = "pilot"\nstage_since = 2026-06-01',
        'stage = "pilots"\nstage_since = 2026-06-01',
        'initiatives.toml, initiative 2 "Fraud signal detection": stage must be one of idea,',
    ),
    (
        "initiatives.toml",
        '{ name = "P03", role = "Head of Data Science", group = "ctos_cios"',
        '{ name = "P03", role = "Head of Data Science", group = "cto"',
        'initiatives.toml, initiative 2 "Fraud signal detection", assessment 1 "Leadership and '
        'frontline workshop", respondent 3 "P03": group must be one of',
    ),
    (
        "initiatives.toml",
        'sponsor = "Chief Executive"',
        'sponser = "Chief Executive"',
        'initiatives.toml, initiative 3 "Underwriting risk scorer": sponser is not a known key',
    ),
    (
        "initiatives.toml",
        "profile = { technology = 78, leadership = 62, organisation = 48, trust = 58 }",
        "profile = { technology = 78, leadership = 62, organisation = 48 }",
        'initiatives.toml, initiative 1 "Claims triage assistant", assessment 1 "Baseline before '
        'go-live": profile needs all four layers',
    ),
    (
        "initiatives.toml",
        "tag_scores = { ethics = 1.8,",
        "tag_scores = { ethic = 1.8,",
        'initiatives.toml, initiative 5 "CV screening for contact-centre hiring", assessment 1 '
        '"Governance review": tag_scores.ethic is not an item tag',
    ),
    (
        "initiatives.toml",
        "kpi_actuals = [\n    { date = 2026-01-31, value = 7.5 },",
        "kpi_actuals = [\n    { date = 2026-01-31, value = 'seven' },",
        'initiatives.toml, initiative 1 "Claims triage assistant", KPI actual 1: value must be '
        "a number",
    ),
    (
        "initiatives.toml",
        "stage_since = 2025-11-03",
        "stage_since = 2025-11-31",
        "initiatives.toml: is not valid TOML",
    ),
    (
        "initiatives.toml",
        "before_technology_decision = false",
        'before_technology_decision = "no"',
        'initiatives.toml, initiative 5 "CV screening for contact-centre hiring", necessity: '
        "before_technology_decision must be true or false, got 'no'",
    ),
    (
        "portfolio.toml",
        'initiative = "Customer service chatbot"',
        'initiative = "Customer service bot"',
        "portfolio.toml, decision 1 \"Kept the 'talk to a person' button on the first "
        "screen\": initiative names 'Customer service bot', which initiatives.toml lacks",
    ),
    (
        "portfolio.toml",
        '{ "Value before technology" = "upheld" }',
        '{ "Value before technology" = "kept" }',
        'portfolio.toml, decision 4 "Stopped the proof of concept in favour of inbox tagging": '
        "stances.'Value before technology' must be one of upheld, departed; got 'kept'",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "error"), MISTAKES)
def test_a_mistake_in_a_demo_file_is_named_by_file_and_entry(
    tmp_path: Path, name: str, old: str, new: str, error: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(resource("demo"), data, ignore=shutil.ignore_patterns("*.avip"))
    original = (data / name).read_text(encoding="utf-8")
    assert original.count(old) >= 1
    (data / name).write_text(original.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DemoDataError) as raised:
        load_demo(data)
    assert raised.value.message.startswith(error)
    target = tmp_path / "demo.avip"
    with pytest.raises(DemoDataError):
        build_demo(target, data=data)
    assert not target.exists(), "the data is checked before the portfolio file is created"
