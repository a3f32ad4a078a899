"""The glue every view uses: evaluated assessments, one initiative, the whole portfolio."""

from __future__ import annotations

from datetime import date

import pytest

from avi_desktop.model.domain import LAYERS, AssessmentStatus, Layer, PatternId, Stage
from avi_desktop.model.errors import InstrumentError
from avi_desktop.model.exports import score_json
from avi_desktop.model.overview import (
    evaluate_assessment,
    initiative_overview,
    instrument_for,
    portfolio_overview,
)
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import fill_portfolio, small_instrument

TODAY = date(2026, 11, 23)


def test_evaluate_assessment_uses_recorded_targets_and_attaches_patterns(
    store: PortfolioStore,
) -> None:
    ids = fill_portfolio(store)
    result = evaluate_assessment(store, ids["second"], today=TODAY)
    assert result.assessment_id == ids["second"]
    assert result.respondents == 2
    # Ann 75 and Bo 25 on leadership: S = 50; other layers 75.
    assert result.layers[Layer.LEADERSHIP].score == pytest.approx(50.0)
    assert result.layers[Layer.TECHNOLOGY].score == pytest.approx(75.0)
    assert result.layers[Layer.LEADERSHIP].target == 75.0
    assert result.binding_layer == Layer.LEADERSHIP
    assert result.alignment_index == pytest.approx(100 * (0.75**3 * 0.5) ** 0.25)
    assert [hit.pattern for hit in result.patterns] == [
        PatternId.PILOT_TRAP,
        PatternId.VALUE_FRAGMENTATION,
    ]
    assert any(rec.source == "leadership" for rec in result.recommendations)


def test_initiative_overview_with_history(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    overview = initiative_overview(store, ids["claims"], today=TODAY)
    assert overview.initiative.name == "Claims triage"
    assert overview.necessity is not None and overview.necessity.outcome == "justified"
    assert overview.latest is not None and overview.latest.assessment_id == ids["second"]
    assert overview.previous is not None and overview.previous.assessment_id == ids["first"]
    assert [p.assessment_id for p in overview.trend] == [ids["first"], ids["second"]]
    assert overview.trend[0].layer_scores[Layer.TRUST] == pytest.approx(50.0)
    comparison = overview.comparison
    assert comparison is not None
    assert comparison.deltas[Layer.TECHNOLOGY] == pytest.approx(25.0)
    assert comparison.deltas[Layer.LEADERSHIP] == pytest.approx(0.0)
    assert comparison.appeared == (PatternId.VALUE_FRAGMENTATION,)
    assert comparison.resolved == ()
    assert overview.patterns == overview.latest.patterns
    assert overview.actions == () and overview.decisions == ()


def test_initiative_without_assessment_gets_initiative_level_patterns(
    store: PortfolioStore,
) -> None:
    ids = fill_portfolio(store)
    overview = initiative_overview(store, ids["idea"], today=TODAY)
    assert overview.latest is None and overview.previous is None and overview.trend == ()
    # Proof of concept with no necessity assessment, no KPI and no owner.
    assert [hit.pattern for hit in overview.patterns] == [
        PatternId.COORDINATION_FAILURE,
        PatternId.MOMENTUM_WITHOUT_DIRECTION,
    ]
    # One synthesis of the two (they reinforce each other), then each, the most serious first.
    assert [rec.source for rec in overview.recommendations] == [
        "momentum_without_direction,coordination_failure",
        "momentum_without_direction",
        "coordination_failure",
    ]


def test_portfolio_overview_orders_and_reports_progress(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    seen: list[tuple[int, int]] = []
    overview = portfolio_overview(
        store, today=TODAY, progress=lambda n, total: seen.append((n, total))
    )
    assert overview.organisation == "Northwind"
    assert seen == [(1, 2), (2, 2)]
    first, last = overview.entries
    assert first.initiative_id == ids["claims"] and first.latest is not None
    assert first.latest.assessment_id == ids["second"]  # the draft is skipped
    assert first.stage == Stage.PILOT and first.business_unit == "Operations"
    assert last.latest is None  # unscored last
    assert overview.portfolio_patterns == ()


def test_an_unknown_instrument_is_a_clear_error() -> None:
    with pytest.raises(InstrumentError, match=r"'ours' 3.*load that instrument"):
        instrument_for("ours", "3")


def test_draft_only_initiative_counts_as_unscored(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    for key in ("first", "second"):
        assert store.get_assessment(ids[key]).status == AssessmentStatus.CLOSED.value
    overview = initiative_overview(store, ids["claims"], today=TODAY)
    assert all(p.assessment_id != ids["draft"] for p in overview.trend)
    assert set(overview.trend[1].layer_scores) == set(LAYERS)


def test_bulk_portfolio_read_matches_the_single_assessment_path(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    store.add_necessity(
        ids["claims"],
        answers={},
        outcome="not_justified",
        decided_on=date(2026, 2, 1),
        rationale="Rules would do.",
        decided_by="Board",
    )
    entry = next(
        e
        for e in portfolio_overview(store, today=TODAY).entries
        if e.initiative_id == ids["claims"]
    )
    single = evaluate_assessment(store, ids["second"], today=TODAY)
    assert entry.latest is not None
    assert score_json(entry.latest) == score_json(single)
    # The newest necessity assessment is in force on both paths.
    assert PatternId.MOMENTUM_WITHOUT_DIRECTION in [hit.pattern for hit in entry.patterns]
    assert [r.respondent_id for r in entry.latest.respondent_scores[::4]] == [
        r.respondent_id for r in single.respondent_scores[::4]
    ]


def test_an_assessment_with_another_instrument(store: PortfolioStore) -> None:
    own = small_instrument()  # id "test"
    initiative = store.add_initiative(
        name="Own", stage="idea", stage_since=date(2026, 1, 1), business_owner="Ann"
    )
    assessment = store.create_assessment(
        initiative, title="Ours", instrument=own, assessed_on=date(2026, 3, 1)
    )
    respondent = store.add_respondent(assessment, name="Ann", group="boards")
    store.set_answers(respondent, {item.id: 5 for item in own.items()})
    store.set_assessment_status(assessment, AssessmentStatus.OPEN)
    (entry,) = portfolio_overview(store, today=TODAY).entries
    assert entry.latest is None  # shown unscored, the rest of the portfolio unaffected
    with pytest.raises(InstrumentError, match="'test'"):
        evaluate_assessment(store, assessment)
    result = evaluate_assessment(store, assessment, instrument=own, today=TODAY)
    assert result.alignment_index == pytest.approx(100.0)
