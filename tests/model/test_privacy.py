"""model.privacy: withheld groups lose their figures, never their place in the totals."""

from __future__ import annotations

from datetime import date

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.overview import evaluate_assessment, initiative_overview
from avi_desktop.model.privacy import protect, protect_overview, shown_groups, withheld_text
from avi_desktop.model.store import PortfolioStore
from tests.model.engine_helpers import fill_portfolio

TODAY = date(2026, 11, 23)


def test_protect_withholds_small_groups_and_their_evidence(store: PortfolioStore) -> None:
    ids = fill_portfolio(store)
    result = evaluate_assessment(store, ids["second"], today=TODAY)
    assert result.group_sizes == {StakeholderGroup.CFOS: 1, StakeholderGroup.EMPLOYEES: 1}
    quoted = [e.value for hit in result.patterns for e in hit.evidence if "CFOs" in e.value]
    assert quoted  # the engine's spread evidence names the groups and their means

    assert protect(result, 1) is result  # 1 turns the protection off
    shown = protect(result, 3)
    assert shown.stakeholder_split == {}
    assert shown.withheld_groups == result.group_sizes
    assert set(shown.value_spread.values()) == {None}
    assert (shown.layers, shown.alignment_index, shown.respondents) == (
        result.layers,
        result.alignment_index,
        result.respondents,
    )
    assert [h.pattern for h in shown.patterns] == [h.pattern for h in result.patterns]
    evidence = [e for hit in shown.patterns for e in hit.evidence]
    evidence += [e for rec in shown.recommendations for e in rec.evidence]
    for item in evidence:
        assert "CFOs" not in item.value and "Employees" not in item.value
    assert protect(shown, 3) == shown  # idempotent
    assert withheld_text(3) == "fewer than three respondents"
    assert withheld_text(25) == "fewer than 25 respondents"

    overview = protect_overview(initiative_overview(store, ids["claims"], today=TODAY), 3)
    assert overview.latest is not None and overview.latest.withheld_groups
    for hit in overview.patterns:
        assert all("CFOs" not in e.value for e in hit.evidence)


def test_no_point_is_marked_by_group_while_a_group_is_withheld(store: PortfolioStore) -> None:
    """Marking the others would leave the withheld group's members as the only plain points."""
    ids = fill_portfolio(store)
    result = evaluate_assessment(store, ids["second"], today=TODAY)
    groups = {r.respondent_id: r.group for r in store.response_sets(ids["second"])}
    assert shown_groups(protect(result, 1), groups) == groups
    assert shown_groups(protect(result, 3), groups) is None
