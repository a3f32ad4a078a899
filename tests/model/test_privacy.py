"""model.privacy: withheld groups lose their figures, never their place in the totals."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from avi_desktop.model.domain import PatternId, StakeholderGroup
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import evaluate_assessment, initiative_overview
from avi_desktop.model.privacy import (
    protect,
    protect_overview,
    shown_groups,
    withheld_note,
    withheld_reason,
    withheld_text,
)
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


def _workshop(store: PortfolioStore, groups: dict[str, tuple[int, int]]) -> str:
    """A workshop whose members of each group (key: (members, answer)) all give one answer."""
    instrument = bundled_instrument()
    initiative = store.add_initiative(name="Privacy probe", stage="pilot")
    people = [
        (f"{key}-{n}", key, "") for key, (members, _) in groups.items() for n in range(members)
    ]
    assessment = store.create_workshop(
        initiative,
        title="Workshop",
        instrument=instrument,
        assessed_on=TODAY,
        participants=people,
    )
    store.set_assessment_status(assessment, "open")
    items = [item.id for item in instrument.items()]
    for respondent in store.get_assessment(assessment).respondents:
        answer = groups[respondent.name.split("-")[0]][1]
        store.set_answers(respondent.id, dict.fromkeys(items, answer), submitted=True)
    return assessment


@pytest.mark.parametrize(
    ("groups", "still_shown"),
    [
        # one person alone beside three: the three would give the one away with the totals
        ({"ceos": (3, 5), "employees": (1, 1)}, set()),
        # the smallest shown group goes with the lone respondent; the largest stays
        ({"ceos": (3, 5), "boards": (4, 3), "employees": (1, 1)}, {StakeholderGroup.BOARDS}),
        # two withheld groups of two hide only their combined mean of four people
        ({"ceos": (3, 5), "employees": (2, 1), "cfos": (2, 2)}, {StakeholderGroup.CEOS}),
    ],
)
def test_the_totals_never_give_a_withheld_group_away(
    store: PortfolioStore, groups: dict[str, tuple[int, int]], still_shown: set[StakeholderGroup]
) -> None:
    fill_portfolio(store)
    shown = protect(evaluate_assessment(store, _workshop(store, groups), today=TODAY), 3)
    assert set(shown.stakeholder_split) == still_shown
    hidden = sum(shown.withheld_groups.values())
    assert hidden >= 3  # what subtraction can recover is the mean of at least three people
    for layer, result in shown.layers.items():
        assert result.score is not None
        visible = sum(
            shown.group_sizes[g] * (scores[layer] or 0.0)
            for g, scores in shown.stakeholder_split.items()
        )
        remainder = (result.score * shown.respondents - visible) / hidden
        for group, n in shown.withheld_groups.items():
            if n < 3:  # the recoverable figure is never one small group's own mean
                answer = groups[group.value][1]
                own = 100 * (answer - 1) / 4
                assert len(shown.withheld_groups) > 1 or remainder != pytest.approx(own)
    note = withheld_note(shown, 3)
    assert "fewer than three respondents" in note
    shielding = [g for g, n in shown.withheld_groups.items() if n >= 3]
    for group in shielding:
        assert group.label in note.split("Also not shown:")[1]
        assert withheld_reason(shown, group, 3) != withheld_text(3)


# Three CEOs and four board members agree on what value means; one employee does not. The
# employee is withheld (with the CEOs, whose figures beside the totals would reveal theirs).
ONE_DISSENTER = {"ceos": (3, 5), "boards": (4, 5), "employees": (1, 3)}


def test_a_pattern_fired_only_by_a_withheld_group_is_not_shown(store: PortfolioStore) -> None:
    fill_portfolio(store)
    assessment = _workshop(store, ONE_DISSENTER)
    own = evaluate_assessment(store, assessment, today=TODAY)
    fragmented = PatternId.VALUE_FRAGMENTATION
    # The facilitator's own, unprotected record: the spread over every group, as before.
    (spread,) = next(h for h in own.patterns if h.pattern is fragmented).evidence
    assert spread.value == "50.0 points (threshold 25): Employees 50.0, CEOs 100.0"
    assert fragmented.value in {r.source for r in own.recommendations}
    assert protect(own, 1) is own

    shown = protect(own, 3)
    assert StakeholderGroup.EMPLOYEES in shown.withheld_groups
    assert fragmented not in {h.pattern for h in shown.patterns}
    assert [h.pattern for h in shown.patterns] == [
        h.pattern for h in own.patterns if h.pattern is not fragmented
    ]
    assert not [r for r in shown.recommendations if fragmented.value in r.source.split(",")]
    assert protect(shown, 3) == shown

    initiative = store.get_assessment(assessment).initiative_id
    overview = protect_overview(initiative_overview(store, initiative, today=TODAY), 3)
    assert fragmented not in {h.pattern for h in overview.patterns}
    assert not [r for r in overview.recommendations if fragmented.value in r.source.split(",")]
    unprotected = initiative_overview(store, initiative, today=TODAY)
    assert fragmented in {h.pattern for h in unprotected.patterns}


def test_a_spread_between_shown_groups_is_recomputed_without_the_withheld_one(
    store: PortfolioStore,
) -> None:
    fill_portfolio(store)
    groups = {"ceos": (3, 5), "boards": (4, 3), "cfos": (5, 5), "employees": (1, 1)}
    own = evaluate_assessment(store, _workshop(store, groups), today=TODAY)
    shown = protect(own, 3)
    assert set(shown.stakeholder_split) == {StakeholderGroup.BOARDS, StakeholderGroup.CFOS}
    fragmented = next(h for h in shown.patterns if h.pattern is PatternId.VALUE_FRAGMENTATION)
    spreads = [e.value for e in fragmented.evidence if e.label.startswith("Spread")]
    assert spreads == ["50.0 points (threshold 25): Boards 50.0, CFOs 100.0"]
    before = next(h for h in own.patterns if h.pattern is PatternId.VALUE_FRAGMENTATION)
    assert "Employees 0.0" in " ".join(e.value for e in before.evidence)


def test_the_table_and_the_paper_never_name_a_pattern_fired_only_by_a_withheld_group(
    store: PortfolioStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They list pattern titles without figures, but a title alone tells the withheld group's
    fact: they name what the initiative's protected page names, and no more."""
    from avi_desktop.model import layer_results
    from avi_desktop.model.overview import portfolio_overview

    fill_portfolio(store)
    initiative = store.get_assessment(_workshop(store, ONE_DISSENTER)).initiative_id
    fragmented = PatternId.VALUE_FRAGMENTATION
    title = "Value Fragmentation"
    page = protect_overview(initiative_overview(store, initiative), 3)
    named = {h.pattern for h in page.patterns}
    assert fragmented not in named and named  # the page names others, not this one
    read: list[bool] = []  # whether the paper's overview came from the cache
    real_read = layer_results.read_cached

    def spied(conn: Any) -> Any:
        kept = real_read(conn)
        read.append(kept is not None)
        return kept

    monkeypatch.setattr(layer_results, "read_cached", spied)

    def listed() -> tuple[set[str], set[PatternId], set[PatternId]]:
        table = set(store.cached_scores()[initiative].patterns)
        paper = {
            h.pattern
            for e in portfolio_overview(store).entries
            if e.initiative_id == initiative
            for h in e.patterns
        }
        read.clear()
        cached = {
            h.pattern
            for e in layer_results.cached_portfolio_overview(store).entries
            if e.initiative_id == initiative
            for h in e.patterns
        }
        assert read == [True]  # the cached overview, not a second computation
        return table, paper, cached

    table, paper, cached = listed()
    assert title not in table and paper == cached == named
    # Where every group may be shown, all three name it: the lists can see the pattern.
    store.update_settings(min_group_size=1)
    table, paper, cached = listed()
    assert title in table and fragmented in paper and fragmented in cached


def test_a_stricter_minimum_withholds_every_cached_title_until_the_cache_is_rebuilt(
    store: PortfolioStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a large portfolio a new minimum waits for a background rebuild; meanwhile the table
    must not name what it withholds."""
    from avi_desktop.model import score_cache

    fill_portfolio(store)
    initiative = store.get_assessment(_workshop(store, ONE_DISSENTER)).initiative_id
    store.update_settings(min_group_size=1)
    before = store.cached_scores()
    assert "Value Fragmentation" in before[initiative].patterns
    monkeypatch.setattr(score_cache, "SYNC_LIMIT", 1)  # as a large portfolio: no re-scoring
    store.update_settings(min_group_size=3)
    assert not store.score_cache_current()
    after = store.cached_scores()
    assert after[initiative].patterns == ()
    for key, scores in after.items():  # the rows that could not change keep their titles
        if "Value Fragmentation" not in before[key].patterns:
            assert scores.patterns == before[key].patterns, key
    store.rebuild_score_cache()
    shown = store.cached_scores()[initiative].patterns
    assert shown and "Value Fragmentation" not in shown
    store.update_settings(min_group_size=2)  # a looser one: nothing more is withheld
    assert store.cached_scores()[initiative].patterns == shown
