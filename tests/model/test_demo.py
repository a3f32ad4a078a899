"""The bundled demo portfolio: realistic, complete, and showing each pattern where designed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from avi_desktop.model.database import known_revisions
from avi_desktop.model.demo import INITIATIVES, ORGANISATION, build_demo
from avi_desktop.model.domain import (
    LAYERS,
    AssessmentMode,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
)
from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.overview import PortfolioOverview, portfolio_overview
from avi_desktop.model.store import PortfolioStore
from avi_desktop.model.values_audit import values_audit
from avi_desktop.paths import resource

TODAY = date(2026, 11, 23)

# The initiative each pattern is built to show, as a director would be told.
DESIGNED = {
    PatternId.PILOT_TRAP: "Underwriting risk scorer",
    PatternId.TRUST_CEILING: "Customer service chatbot",
    PatternId.VALUE_FRAGMENTATION: "Fraud signal detection",
    PatternId.MOMENTUM_WITHOUT_DIRECTION: "Generative knowledge assistant",
    PatternId.COORDINATION_FAILURE: "Dynamic pricing optimisation",
    PatternId.ETHICAL_DRIFT: "CV screening for contact-centre hiring",
}


def test_covers_every_stage_and_every_necessity_outcome(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        initiatives = [store.get_initiative(i) for i in store.initiative_ids()]
        assert store.settings().organisation == ORGANISATION
        assert len(initiatives) == len(INITIATIVES) >= 12
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


def test_each_pattern_fires_on_the_initiative_built_to_show_it(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        overview = portfolio_overview(store, today=TODAY)
    by_name = {entry.name: entry for entry in overview.entries}
    for pattern, name in DESIGNED.items():
        hits = [hit for hit in by_name[name].patterns if hit.pattern == pattern]
        assert hits, f"{pattern} should fire on {name}"
        assert hits[0].evidence and hits[0].explanation
    assert [hit.pattern for hit in overview.portfolio_patterns] == [PatternId.AI_THEATRE]
    healthy = by_name["Claims triage assistant"]
    assert healthy.patterns == ()
    assert healthy.latest is not None and healthy.latest.alignment_index is not None
    assert healthy.latest.alignment_index > 75


def test_values_audit_shows_departures(demo_source: Path) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        audit = values_audit(store.stated_values(), store.decisions())
    by_name = {value.name: value for value in audit.values}
    assert len(audit.decisions) == 5
    assert by_name["Fair to every customer"].departed == 2
    assert by_name["Fair to every customer"].enactment_gap == 1.0
    assert by_name["Colleagues come with us"].enactment_gap == 0.0


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "exists.avip"
    path.write_bytes(b"keep me")
    with pytest.raises(PortfolioError, match="already exists"):
        build_demo(path)
    assert path.read_bytes() == b"keep me"


def test_bundled_copy_matches_a_fresh_build(demo_source: Path, tmp_path: Path) -> None:
    """The committed demo must be rebuilt when the schema or the builder changes."""
    bundled = tmp_path / "bundled.avip"
    shutil.copyfile(resource("demo", "demo.avip"), bundled)
    head, _ = known_revisions()
    with PortfolioStore.open(bundled, read_only=True) as store:
        assert store.verify().ok
        bundled_view = portfolio_overview(store, today=TODAY)
        with store.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert revision == head, "rebuild it: avi-desktop demo resources/demo/demo.avip --force"
    with PortfolioStore.open(demo_source, read_only=True) as store:
        fresh_view = portfolio_overview(store, today=TODAY)

    def summary(view: PortfolioOverview) -> list[tuple[str, float | None, list[float | None]]]:
        return sorted(
            (
                e.name,
                e.latest.alignment_index if e.latest else None,
                [e.latest.layers[k].score if e.latest else None for k in LAYERS],
            )
            for e in view.entries
        )

    assert summary(bundled_view) == summary(fresh_view)
