"""The score cache always equals a fresh computation: after random edits, rebuilds and upgrades."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import suppress
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avi_desktop.model import score_cache
from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import Layer, NecessityOutcome, Stage
from avi_desktop.model.errors import AviError
from avi_desktop.model.layer_results import CachedResult, read_cached
from avi_desktop.model.overview import _PortfolioData
from avi_desktop.model.pattern_facts import day_months_reach
from avi_desktop.model.queries import portfolio_rows
from avi_desktop.model.store import PortfolioStore
from avi_desktop.paths import resource

OPS = (
    "stage",
    "stage_since",
    "owner",
    "kpi",
    "add_initiative",
    "delete_initiative",
    "necessity",
    "reopen_latest",
    "delete_assessment",
    "decision",
    "value",
    "settings",
)


def fresh(store: PortfolioStore) -> dict[str, score_cache.CachedScores]:
    with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
        return score_cache.compute(conn)


def fresh_results(store: PortfolioStore) -> dict[str, CachedResult]:
    """Each initiative's layer results from a fresh evaluation (not through the cache's code)."""
    with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
        data = _PortfolioData.read_on(conn)
        entries = data.entries(None, min_group_size=store.settings().min_group_size)
        return {entry.initiative_id: CachedResult.of(entry) for entry, _ in entries}


def kept_results(store: PortfolioStore) -> dict[str, CachedResult] | None:
    with store.engine.connect() as conn:
        return read_cached(conn)


def kept_changes(store: PortfolioStore) -> dict[str, str | None]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT initiative_id, changes_on FROM score_cache")
        return {key: day for key, day in rows}


def fresh_changes(store: PortfolioStore) -> dict[str, str | None]:
    with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
        return score_cache.compute_all(conn).changes


def _apply(store: PortfolioStore, op: str, pick: int, n: int) -> None:
    ids = store.initiative_ids()
    target = ids[pick % len(ids)] if ids else None
    if op == "add_initiative" or target is None:
        store.add_initiative(name=f"Added {n}", stage=Stage.PILOT, stage_since=date(2024, 1, 1))
    elif op == "stage":
        store.update_initiative(target, stage=list(Stage)[pick % len(Stage)])
    elif op == "stage_since":
        store.update_initiative(target, stage_since=date.today() - timedelta(days=40 * pick))
    elif op == "owner":
        store.update_initiative(target, business_owner="" if pick % 2 else f"Owner {pick}")
    elif op == "kpi":
        store.update_initiative(target, kpi_name="" if pick % 2 else "Cycle time")
    elif op == "delete_initiative":
        store.delete_initiative(target)
    elif op == "necessity":
        outcome = list(NecessityOutcome)[pick % len(NecessityOutcome)]
        store.add_necessity(target, answers={}, outcome=outcome, decided_on=date.today())
    elif op == "reopen_latest":
        latest = store.latest_assessment_id(target)
        if latest is not None:
            store.reopen_assessment(latest, reason="More answers")
    elif op == "delete_assessment":
        found = store.assessment_ids(target)
        if found:
            store.delete_record(AuditEntity.ASSESSMENT, found[pick % len(found)])
    elif op == "decision":
        store.add_decision(target, decided_on=date.today(), title=f"Decision {n}", stances={})
    elif op == "value":
        store.add_stated_value(f"Value {n}")
    else:
        store.update_settings(min_group_size=3 + pick % 3)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50)), min_size=1, max_size=8))
def test_cache_equals_a_fresh_computation_after_random_edits(
    demo_source: Path, edits: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.avip"
        shutil.copyfile(demo_source, path)
        with PortfolioStore.open(path) as store:
            assert store.score_cache_current()
            store.take_rescored()
            for n, (op, pick) in enumerate(edits):
                before = store.cached_scores()
                with suppress(AviError):  # an edit the store refuses changes nothing
                    _apply(store, op, pick, n)
                after = store.cached_scores()
                assert after == fresh(store), op
                assert kept_results(store) == fresh_results(store), op
                assert kept_changes(store) == fresh_changes(store), op
                touched = store.take_rescored()
                changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
                assert touched is None or changed <= touched, op
            assert store.score_cache_current()
            assert store.verify().ok


def test_a_change_to_every_initiative_marks_a_large_cache_stale_until_rebuilt(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(score_cache, "SYNC_LIMIT", 3)
    with PortfolioStore.open(demo_copy) as store:
        store.take_rescored()
        store.update_settings(min_group_size=4)
        assert store.take_rescored() is None
        assert not store.score_cache_current()
        first = store.initiative_ids()[0]
        store.update_initiative(first, kpi_name="")  # an edit while stale is still cached
        assert store.cached_scores()[first] == fresh(store)[first]
        rebuilt = store.rebuild_score_cache()
        assert store.score_cache_current()
        assert rebuilt == store.cached_scores() == fresh(store)
        assert kept_results(store) == fresh_results(store)


def test_a_rebuild_keeps_what_an_edit_wrote_while_it_ran(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy) as store:
        # An idea (never live) moved to a long pilot: the Pilot Trap must appear.
        first = next(
            i for i in store.initiative_ids() if store.get_initiative(i).stage == Stage.IDEA
        )
        edited: list[bool] = []

        def progress(done: int, total: int) -> None:
            if not edited:  # mid-rebuild, from the snapshot's point of view
                edited.append(True)
                store.update_initiative(first, stage=Stage.PILOT, stage_since=date(2020, 1, 1))

        rebuilt = store.rebuild_score_cache(progress=progress)
        assert edited
        assert rebuilt == store.cached_scores() == fresh(store)
        assert kept_results(store) == fresh_results(store)
        assert "AI Pilot Trap" in rebuilt[first].patterns
        assert store.score_cache_current()


def test_a_stale_mark_during_a_rebuild_leaves_the_cache_stale(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(score_cache, "SYNC_LIMIT", 3)
    with PortfolioStore.open(demo_copy) as store:
        marked: list[bool] = []

        def progress(done: int, total: int) -> None:
            if not marked:
                marked.append(True)
                store.update_settings(min_group_size=5)

        store.rebuild_score_cache(progress=progress)
        assert not store.score_cache_current()
        store.rebuild_score_cache()
        assert store.score_cache_current()


def test_other_rules_make_the_cache_stale(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with PortfolioStore.open(demo_copy) as store:
        assert store.score_cache_current()
        monkeypatch.setattr(score_cache, "rules_fingerprint", lambda: "rules:other")
        assert not store.score_cache_current()
        store.rebuild_score_cache()
        assert store.score_cache_current()


def test_the_cache_holds_until_the_first_day_time_changes_a_figure(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy) as store:
        # A pilot begun today: the Pilot Trap is 7 months away (more than 6 months).
        pilot = store.add_initiative(name="New pilot", stage=Stage.PILOT, stage_since=date.today())
        cached = store.cached_scores()
        with store.engine.connect() as conn:
            state = score_cache.read_state(conn)
        assert state.next_change is not None and state.next_change > date.today()
        last = state.next_change - timedelta(days=1)
        # Current every day up to the day before, and what it holds is right on that day...
        assert store.score_cache_current(last)
        with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
            assert score_cache.compute(conn, today=last) == cached
            on_the_day = score_cache.compute(conn, today=state.next_change)
        # ...and stale on the day a figure does change.
        assert not store.score_cache_current(state.next_change)
        assert on_the_day != cached
        # The new pilot's own day: seven whole months after it began, and the pattern with it.
        kept = kept_changes(store)
        assert state.next_change.isoformat() == min(day for day in kept.values() if day)
        trap = date.fromisoformat(str(kept[pilot]))
        assert trap == day_months_reach(date.today(), 7)
        with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
            before = score_cache.compute(conn, [pilot], today=trap - timedelta(days=1))
            after = score_cache.compute(conn, [pilot], today=trap)
        assert "AI Pilot Trap" not in cached[pilot].patterns + before[pilot].patterns
        assert "AI Pilot Trap" in after[pilot].patterns
        # A clock set back before the day it was computed gives a rebuild too.
        assert not store.score_cache_current(date.today() - timedelta(days=1))


def test_the_fingerprint_covers_the_version_the_rules_and_the_code(tmp_path: Path) -> None:
    first = score_cache.rules_fingerprint()
    assert first.startswith("rules:") and len(first) == 46
    score_cache.rules_fingerprint.cache_clear()
    assert score_cache.rules_fingerprint() == first  # stable between processes and checkouts

    model = Path(score_cache.__file__).parent
    instruments = resource("instruments")
    shutil.copytree(model, tmp_path / "model", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(instruments, tmp_path / "instruments")
    assert score_cache.code_fingerprint(tmp_path / "instruments", tmp_path / "model") == first
    # a rule the facts feed, outside the modules named scoring or patterns
    facts = tmp_path / "model" / "pattern_facts.py"
    facts.write_text(facts.read_text().replace("max(0, ", "max(1, ", 1))
    changed = score_cache.code_fingerprint(tmp_path / "instruments", tmp_path / "model")
    assert changed != first
    toml = next((tmp_path / "instruments").glob("*.toml"))
    toml.write_text(toml.read_text() + "\n")
    later = score_cache.code_fingerprint(tmp_path / "instruments", tmp_path / "model")
    assert later not in (first, changed)


def test_an_upgraded_file_is_rebuilt_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "old.avip"
    shutil.copyfile(Path(__file__).parent / "data" / "demo-0003.avip", path)
    with PortfolioStore.open(path) as store:
        assert not store.score_cache_current()
        assert store.cached_scores() == {}
        assert kept_results(store) == {}
        assert store.rebuild_score_cache() == fresh(store)
        assert kept_results(store) == fresh_results(store)
        assert store.score_cache_current()
        report = store.verify()
        assert report.ok, report.problem


def test_read_only_computes_in_memory_and_writes_nothing(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy) as store, store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM score_cache")
        conn.exec_driver_sql("UPDATE score_cache_state SET digest = 'stale:9'")
    before = demo_copy.read_bytes()
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        assert not store.score_cache_current()
        computed = store.rebuild_score_cache()
        assert computed == fresh(store) and len(computed) == len(store.initiative_ids())
        assert store.cached_scores() == {}
    assert demo_copy.read_bytes() == before


def test_rows_carry_the_cached_scores(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        cached = store.cached_scores()
        rows = portfolio_rows(store)
        some = [row.id for row in rows[:3]]
        assert [r.id for r in portfolio_rows(store, ids=some)] == some
    scored = [row for row in rows if row.alignment_index is not None]
    assert scored
    for row in rows:
        held: Any = cached[row.id]
        patterns = tuple(row.patterns.split("\n")) if row.patterns else ()
        assert (row.alignment_index, row.binding_layer, row.worst_band, patterns) == held


def test_a_setting_no_score_reads_leaves_a_large_cache_current(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(score_cache, "SYNC_LIMIT", 3)
    with PortfolioStore.open(demo_copy) as store:
        store.take_rescored()
        before = store.cached_scores()
        with store.snapshot_engine() as engine, engine.connect() as conn:
            generation = score_cache.read_state(conn).generation
        store.update_settings(currency="EUR", organisation="Renamed", classification="Internal")
        assert store.settings().currency == "EUR"
        assert store.take_rescored() == set()  # nothing re-scored
        assert store.score_cache_current()
        assert store.cached_scores() == before
        with store.snapshot_engine() as engine, engine.connect() as conn:
            assert score_cache.read_state(conn).generation == generation
        # A change of the targets, which the bands are measured against, still concerns all.
        store.update_settings(targets={Layer.TECHNOLOGY: 80.0})
        assert store.take_rescored() is None
        assert not store.score_cache_current()
