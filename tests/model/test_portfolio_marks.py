"""Portfolio-level pattern marks are read beside the writer, never through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from avi_desktop.model.portfolio_marks import portfolio_pattern_marks
from avi_desktop.model.store import PortfolioStore


def test_marks_read_through_a_snapshot_so_edits_never_wait_for_them(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer's engine begins IMMEDIATE: a read of every initiative through it would hold
    the write lock for seconds at 100,000 initiatives while the window's edits wait."""
    with PortfolioStore.open(demo_copy) as store:
        expected = portfolio_pattern_marks(store)
        assert any("AI Theatre" in " ".join(titles) for titles in expected.values())

        def refuse(self: PortfolioStore) -> None:
            raise AssertionError("read through the writer's engine")

        monkeypatch.setattr(PortfolioStore, "engine", property(refuse))
        assert portfolio_pattern_marks(store) == expected


@pytest.mark.parametrize("edits", [0, 1, 2])
def test_the_light_read_marks_what_every_initiatives_full_facts_mark(
    demo_copy: Path, edits: int
) -> None:
    """Only the columns AI Theatre reads are read; the marks equal those found from every
    initiative's full facts, also after KPI values, targets and stages change."""
    from datetime import date

    from avi_desktop.model.domain import Stage
    from avi_desktop.model.overview import initiative_facts_query
    from avi_desktop.model.pattern_facts import InitiativeFacts
    from avi_desktop.model.patterns import detect_portfolio_patterns
    from avi_desktop.model.portfolio_marks import portfolio_title

    with PortfolioStore.open(demo_copy) as store:
        ids = store.initiative_ids()
        for n, ini in enumerate(ids[: edits * 6]):
            if n % 3 == 0:
                store.update_initiative(ini, stage=Stage.PRODUCTION)
            elif n % 3 == 1:
                store.update_initiative(ini, kpi_name="")
            else:
                store.update_initiative(ini, kpi_baseline=10.0, kpi_target=5.0)
        with store.snapshot_engine() as engine, engine.connect() as conn:
            rows = list(conn.execute(initiative_facts_query()))
        facts = [InitiativeFacts.from_initiative(r, date.today(), decisions=()) for r in rows]
        expected: dict[str, tuple[str, ...]] = {}
        for hit in detect_portfolio_patterns(facts):
            for ref in {evidence.ref for evidence in hit.evidence}:
                expected[ref] = (*expected.get(ref, ()), portfolio_title(hit))
        expected = {ref: titles for ref, titles in expected.items() if ref in set(ids)}
        assert expected  # AI Theatre is found in the demo, and in each edited portfolio
        assert portfolio_pattern_marks(store) == expected


def test_two_searches_give_the_same_title_tuples_so_they_compare_by_identity(
    demo_source: Path,
) -> None:
    with PortfolioStore.open(demo_source, read_only=True) as store:
        first = portfolio_pattern_marks(store)
        second = portfolio_pattern_marks(store)
    assert first and first == second
    assert all(second[key] is titles for key, titles in first.items())
