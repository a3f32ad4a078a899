"""Patterns and the passing of time: ``patterns.changes_on`` names the first day the date alone
changes what ``detect_patterns`` finds, so the score cache may keep its figures until then."""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from avi_desktop.model import score_cache
from avi_desktop.model.database import create_database
from avi_desktop.model.domain import Stage
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import _PortfolioData
from avi_desktop.model.pattern_facts import InitiativeFacts, day_months_reach, months_between
from avi_desktop.model.patterns import changes_on, detect_patterns
from avi_desktop.model.store import PortfolioStore
from tests.model.old_files import insert_old_initiative

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(DAYS, st.integers(1, 40))
def test_the_day_months_are_reached_is_the_first_such_day(start: date, months: int) -> None:
    day = day_months_reach(start, months)
    assert months_between(start, day) == months
    assert months_between(start, day - timedelta(days=1)) == months - 1


@st.composite
def initiative_facts(draw: st.DrawFn) -> InitiativeFacts:
    """An initiative with a stage history of up to four stages, seen on some day."""
    began = draw(DAYS)
    history: list[tuple[Stage, date]] = []
    for _ in range(draw(st.integers(1, 4))):
        history.append((draw(st.sampled_from(list(Stage))), began))
        began += timedelta(days=draw(st.integers(0, 500)))
    today = began + timedelta(days=draw(st.integers(-30, 900)))
    stage, since = history[-1]
    return InitiativeFacts(
        initiative_id="i",
        name="Initiative",
        stage=stage,
        stage_since=since,
        today=today,
        stage_history=tuple(history),
    )


def found(facts: InitiativeFacts, day: date) -> tuple[str, ...]:
    seen = dataclasses.replace(facts, today=day)
    return tuple(hit.pattern for hit in detect_patterns(None, seen, None, bundled_instrument()))


@given(initiative_facts(), st.integers(1, 400))
def test_nothing_changes_before_that_day_and_something_does_on_it(
    facts: InitiativeFacts, later: int
) -> None:
    today = found(facts, facts.today)
    day = changes_on(bundled_instrument(), facts)
    if day is None:  # time alone changes nothing, however long it runs
        assert found(facts, facts.today + timedelta(days=later)) == today
        assert found(facts, facts.today + timedelta(days=40 * later)) == today
        return
    assert day > facts.today
    assert found(facts, day - timedelta(days=1)) == today
    assert found(facts, day) != today
    assert found(facts, min(day - timedelta(days=1), facts.today + timedelta(days=later))) == today


def test_with_results_every_demo_initiative_keeps_its_patterns_until_that_day(
    demo_source: Path,
) -> None:
    """The real rules over the demo's results, day by day across three years: between two
    days, the patterns differ only when ``changes_on`` of the first falls between them."""
    with PortfolioStore.open(demo_source, read_only=True) as store, store.engine.connect() as conn:
        data = _PortfolioData.read_on(conn)
    start = date.today()
    days = {start + timedelta(days=n) for n in range(0, 3 * 366, 23)}
    for _, facts in data.entries(start):
        day = changes_on(bundled_instrument(), facts)
        if day is not None:
            days |= {day - timedelta(days=1), day}
    seen = {
        day: {entry.initiative_id: (entry.patterns, facts) for entry, facts in data.entries(day)}
        for day in sorted(days)
    }
    ordered = sorted(seen)
    changed = 0
    for first, second in itertools.pairwise(ordered):
        for key, (patterns, facts) in seen[first].items():
            day = changes_on(bundled_instrument(), facts)
            same = [hit.pattern for hit in patterns] == [h.pattern for h in seen[second][key][0]]
            if day is None or second < day:
                assert same, (key, first, second)
            changed += not same
    assert changed  # the demo has pilots that cross the threshold within the three years


def test_a_0007_file_is_upgraded_with_its_cache_stale_until_rebuilt(tmp_path: Path) -> None:
    """Its rows say nothing of dates, so the cache it believed current is rebuilt once."""
    path = tmp_path / "at-0007.avip"
    create_database(path, revision="0007").close()
    began = date.today() - timedelta(days=30)
    with closing(sqlite3.connect(path)) as conn, conn:
        insert_old_initiative(conn, stage_since=began.isoformat())
        conn.execute(
            "INSERT INTO score_cache (initiative_id, alignment_index, binding_layer, worst_band,"
            " patterns, generation, results) VALUES ('i-1', NULL, NULL, NULL, '', 3, NULL)"
        )
        conn.execute(
            "UPDATE score_cache_state SET digest = ?, generation = 3, updated_at = ?",
            (score_cache.rules_fingerprint(), f"{date.today().isoformat()} 08:00:00"),
        )
    with PortfolioStore.open(path) as store:
        assert not store.score_cache_current()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT digest FROM score_cache_state").scalar() == (
                "stale:3"
            )
        store.rebuild_score_cache()
        assert store.score_cache_current()
        with store.engine.connect() as conn:
            state = score_cache.read_state(conn)
            index = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'score_cache'"
            ).scalars()
            assert "ix_score_cache_changes_on" in set(index)
    assert state.next_change == day_months_reach(began, 7)


def test_when_only_the_date_moved_on_only_the_initiatives_it_changed_are_rescored(
    demo_copy: Path,
) -> None:
    with PortfolioStore.open(demo_copy) as store:
        pilot = store.add_initiative(name="New pilot", stage=Stage.PILOT, stage_since=date.today())
        with store.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT initiative_id, changes_on FROM score_cache")
            kept: dict[str, str | None] = {key: on for key, on in rows}
        day = day_months_reach(date.today(), 7)
        assert kept[pilot] == day.isoformat()
        due = {key for key, on in kept.items() if on is not None and on <= day.isoformat()}
        with store.snapshot_engine() as engine, engine.connect() as conn, conn.begin():
            expected = score_cache.compute(conn, today=day)
        assert "AI Pilot Trap" in expected[pilot].patterns
        assert not store.score_cache_current(day)

        totals: list[int] = []
        # A read-only view of the same file scores the same way in memory and writes nothing.
        with PortfolioStore.open(demo_copy, read_only=True) as viewer:
            seen = viewer.rebuild_score_cache(
                lambda done, total: totals.append(total), only_due=True, today=day
            )
        assert seen == expected and set(totals) == {len(due)}
        assert not store.score_cache_current(day)

        totals.clear()
        stored = store.rebuild_score_cache(
            lambda done, total: totals.append(total), only_due=True, today=day
        )
        assert stored == expected == store.cached_scores()
        assert set(totals) == {len(due)} and len(due) < len(kept)
        assert store.score_cache_current(day)

        # Anything else out of date (here the rules) still re-scores every initiative.
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE score_cache_state SET digest = 'rules:older'")
        totals.clear()
        store.rebuild_score_cache(lambda done, total: totals.append(total), only_due=True)
        assert set(totals) == {len(kept)}
        assert store.score_cache_current()


def test_the_cache_is_stamped_with_the_latest_day_a_row_was_computed_for(
    demo_copy: Path,
) -> None:
    """Rows computed for a later day never read as current on an earlier one (a clock set
    back, a time zone crossed westwards)."""
    later = date.today() + timedelta(days=400)
    with PortfolioStore.open(demo_copy) as store:
        store.rebuild_score_cache(only_due=True, today=later)
        assert store.score_cache_current(later)
        assert not store.score_cache_current()  # today is before the day they hold
        store.rebuild_score_cache(only_due=True)  # every row again, for today
        assert store.score_cache_current()

        with store.engine.begin() as conn:  # as if the last rebuild ran yesterday
            conn.exec_driver_sql(
                "UPDATE score_cache_state SET updated_at = ?",
                (f"{date.today() - timedelta(days=1)} 09:00:00",),
            )
        first = store.initiative_ids()[0]
        store.update_initiative(first, kpi_name="Cycle time")  # a row computed today
        with store.engine.connect() as conn:
            state = score_cache.read_state(conn)
        assert state.updated_at is not None and state.updated_at.date() == date.today()
        assert not store.score_cache_current(date.today() - timedelta(days=1))
