"""The layer results kept in the score cache (revision 0007): written, read back and upgraded."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from avi_desktop.model.database import create_database
from avi_desktop.model.domain import Layer, PatternId
from avi_desktop.model.layer_results import CachedResult, read_cached
from avi_desktop.model.store import PortfolioStore
from tests.model.old_files import insert_old_initiative
from tests.model.test_score_cache import fresh_results, kept_results


def test_every_initiative_has_its_results_and_they_read_back_whole(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        kept = kept_results(store)
        assert kept is not None and kept == fresh_results(store)
        assert set(kept) == set(store.initiative_ids())
    scored = [r for r in kept.values() if r.assessment_id is not None]
    assert scored and any(r.patterns for r in kept.values())
    for cached in scored:
        result = cached.result()
        assert result is not None and [lr.layer for lr in cached.layers] == list(result.layers)
        assert all(isinstance(layer, Layer) for layer in result.layers)
    unscored = [r for r in kept.values() if r.assessment_id is None]
    assert all(r.result() is None for r in unscored)


def test_a_damaged_row_is_not_used() -> None:
    good = CachedResult(None, "", "", 0, None, None, (), ((PatternId.AI_THEATRE, "AI Theatre"),))
    stored = good.encode()
    assert CachedResult.decode(stored, ("AI Theatre",)) == good
    assert CachedResult.decode(stored, ()) is None  # titles and ids disagree
    assert CachedResult.decode("{not json", ("AI Theatre",)) is None
    assert CachedResult.decode('{"p":["no_such_pattern"]}', ("X",)) is None
    assert CachedResult.decode('{"p":[],"a":"x"}', ()) is None  # a result cut short


def test_a_row_without_results_makes_the_cache_unusable_for_the_paper(demo_copy: Path) -> None:
    with PortfolioStore.open(demo_copy) as store:
        with store.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE score_cache SET results = NULL WHERE rowid = (SELECT min(rowid) "
                "FROM score_cache)"
            )
        assert kept_results(store) is None
        store.rebuild_score_cache()
        assert kept_results(store) == fresh_results(store)


def test_a_0006_file_is_upgraded_with_its_cache_stale_until_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "at-0006.avip"
    create_database(path, revision="0006").close()
    with closing(sqlite3.connect(path)) as conn, conn:
        insert_old_initiative(conn, stage_since="2020-03-01")
        conn.execute(
            "INSERT INTO score_cache (initiative_id, alignment_index, binding_layer, worst_band,"
            " patterns, generation) VALUES ('i-1', NULL, NULL, NULL, 'AI Pilot Trap', 3)"
        )
        conn.execute("UPDATE score_cache_state SET digest = 'rules:old', generation = 3")
        columns = {row[1] for row in conn.execute("PRAGMA table_info(score_cache)")}
        assert "results" not in columns
    with PortfolioStore.open(path) as store:
        assert not store.score_cache_current()
        with store.engine.connect() as conn:
            assert read_cached(conn) is None  # the row from before 0007 has no results
            state = conn.exec_driver_sql("SELECT digest FROM score_cache_state").scalar_one()
        assert state == "stale:3"
        store.rebuild_score_cache()
        assert store.score_cache_current()
        kept = kept_results(store)
        assert kept == fresh_results(store)
        assert kept is not None and kept["i-1"].patterns[0][0] is PatternId.PILOT_TRAP
