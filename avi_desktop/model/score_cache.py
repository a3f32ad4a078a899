"""The score cache: each initiative's latest table figures, kept in the portfolio file.

Scoring a 100,000-initiative portfolio takes seconds; the table needs only four figures per
initiative (alignment index, binding layer, worst band, pattern titles), the committee paper
each layer's results (``layer_results``, revision 0007). They are kept in the table
``score_cache`` (revision 0005) and kept right this way:

- Every ``StoreBase._change`` re-scores, inside its own transaction, the initiatives whose inputs
  it touched. Temporary triggers (on the connection only, like ``row_digests``) note the
  initiative behind every row written in the tables scores read; a change to the settings
  (but those only shown, ``DISPLAY_SETTINGS``) or the stated values may concern every
  initiative, so it re-scores all of them when the portfolio is small (``SYNC_LIMIT``) and
  otherwise marks the cache stale for a rebuild in the background.
- The cache is computed with rules that change between versions (the instrument, the pattern
  rules, the code), so its state row records their fingerprint (``rules_fingerprint``); when it
  differs, the cache is stale and a writable open rebuilds it in the background (``rebuild``),
  ``verify --repair-cache`` on the command line, while a read-only open computes scores in
  memory.
- Time alone can change a pattern (the Pilot Trap counts months at a pilot stage), so each row
  keeps the first day it could (``changes_on``, revision 0008, from ``patterns.changes_on``);
  from the earliest such day on, the cache is stale in the same way. A large portfolio is
  therefore rebuilt when an initiative crosses a threshold, not every morning.

The cache is derived data: it is never audited, and record digests leave it out (its rows
follow from records that are digested), so rebuilding it never shows in ``verify``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any, Final, NamedTuple

from sqlalchemy import Connection, Engine, text

from avi_desktop import __version__
from avi_desktop.model.domain import Band
from avi_desktop.model.layer_results import CachedResult

# Bump when scoring, patterns or recommendations change what the table shows in a way the
# fingerprint's file hashes cannot see (a frozen bundle has no source files to hash).
RULES_VERSION: Final = 1
# Up to this many initiatives, a change that concerns all of them re-scores all of them in its
# own transaction (an assessed initiative takes 1-2.5 ms here, so at most about 0.1-0.25 s);
# above it, the cache is marked stale and rebuilt in the background, so a settings change never
# holds the file, or the window, for seconds (measured: docs/performance.md).
SYNC_LIMIT: Final = 100
ALL: Final = "*"
_TOUCHED: Final = "avi_score_touched"
_READY: Final = "avi_score_triggers"
_CHUNK: Final = 500
_WRITE_PART: Final = 2_000

# Settings no cached figure depends on (an SQL list): writing them concerns no initiative.
DISPLAY_SETTINGS: Final = "('organisation', 'classification', 'currency')"
# table -> SQL naming the initiative a row's change concerns (``{r}`` is NEW or OLD).
_INITIATIVE_SQL: Final[dict[str, str]] = {
    "initiatives": "{r}.id",
    "assessments": "{r}.initiative_id",
    "necessity_assessments": "{r}.initiative_id",
    "actions": "{r}.initiative_id",
    "decisions": "{r}.initiative_id",
    "respondents": "(SELECT initiative_id FROM assessments WHERE id = {r}.assessment_id)",
    "answers": "(SELECT a.initiative_id FROM respondents p JOIN assessments a "
    "ON a.id = p.assessment_id WHERE p.id = {r}.respondent_id)",
    "decision_values": "(SELECT initiative_id FROM decisions WHERE id = {r}.decision_id)",
    "stated_values": f"'{ALL}'",
    # Every setting but those only shown or printed (no score reads them): a currency change
    # must not mark 100,000 initiatives stale.
    "settings": f"CASE WHEN {{r}}.key IN {DISPLAY_SETTINGS} THEN NULL ELSE '{ALL}' END",
}


class CachedScores(NamedTuple):
    """The table's figures for one initiative."""

    alignment_index: float | None
    binding_layer: str | None
    worst_band: str | None
    patterns: tuple[str, ...]


class CacheState(NamedTuple):
    digest: str
    generation: int
    updated_at: datetime | None
    next_change: date | None = None  # the earliest row's ``changes_on``


@cache
def rules_fingerprint() -> str:
    """What the figures were computed with: app version, RULES_VERSION, instrument files, code."""
    from avi_desktop.paths import resource

    return code_fingerprint(resource("instruments"), Path(__file__).resolve().parent)


def code_fingerprint(instruments: Path, model: Path) -> str:
    """The instrument files and every model module's source (scoring, patterns and the facts
    they read are spread over many of them, so all are hashed: a rule change anywhere shows).

    A frozen bundle carries no sources; its executable, rebuilt with every build, stands in.
    """
    digest = hashlib.sha256(f"{__version__}\n{RULES_VERSION}\n".encode())
    for path in sorted(instruments.glob("*.toml")):
        digest.update(path.name.encode() + b"\n" + path.read_bytes())
    sources = sorted(model.glob("*.py"))
    for source in sources:
        digest.update(source.name.encode() + b"\n" + source.read_bytes())
    if not sources and getattr(sys, "frozen", False):
        built = Path(sys.executable).stat()
        digest.update(f"bundle {built.st_size} {built.st_mtime_ns}".encode())
    return f"rules:{digest.hexdigest()[:40]}"


def worst_band(result: Any) -> str | None:
    """The least aligned band across layers (the table's summary column)."""
    if result is None:
        return None
    bands = {lr.band for lr in result.layers.values() if lr.band is not None}
    for band in (Band.GAP, Band.DEVELOPING, Band.ALIGNED):
        if band in bands:
            return band.value
    return None


def figures_of(entry: Any) -> CachedScores:
    """The table's figures from one ``overview.PortfolioEntry``."""
    latest = entry.latest
    return CachedScores(
        None if latest is None else latest.alignment_index,
        None if latest is None or latest.binding_layer is None else str(latest.binding_layer),
        worst_band(latest),
        tuple(hit.title for hit in entry.patterns),
    )


class Computed(NamedTuple):
    """A fresh computation: the table's figures, the paper's layer results (encoded) and the
    first day time alone could change them (ISO text, or None)."""

    scores: dict[str, CachedScores]
    results: dict[str, str]
    changes: dict[str, str | None]


def compute(
    conn: Connection,
    ids: Collection[str] | None = None,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, CachedScores]:
    """A fresh computation of the figures of ``ids`` (None: every initiative), on ``conn``."""
    return compute_all(conn, ids, today=today, progress=progress).scores


def compute_all(
    conn: Connection,
    ids: Collection[str] | None = None,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Computed:
    """``compute``, with each initiative's layer results as stored (``layer_results``)."""
    from sqlalchemy.orm import Session

    from avi_desktop.model.overview import _PortfolioData
    from avi_desktop.model.store.settings import load_settings

    changes_on = _changes_on()
    with Session(bind=conn) as session:  # inside a write, the settings it is writing
        minimum = load_settings(session).min_group_size
    data = _PortfolioData.read_on(conn, ids)
    total = len(data.initiatives)
    found = Computed({}, {}, {})
    for n, (entry, facts) in enumerate(data.entries(today, min_group_size=minimum), start=1):
        found.scores[entry.initiative_id] = figures_of(entry)
        found.results[entry.initiative_id] = CachedResult.of(entry).encode()
        found.changes[entry.initiative_id] = changes_on(entry, facts)
        if progress is not None and (n % 256 == 0 or n == total):
            progress(n, total)
    return found


def _changes_on() -> Callable[[Any, Any], str | None]:
    """``patterns.changes_on`` of an entry and its facts, with the rules its patterns were
    found with (imported once per computation, not once per initiative)."""
    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.overview import instrument_for
    from avi_desktop.model.patterns import changes_on

    def of(entry: Any, facts: Any) -> str | None:
        latest = entry.latest
        instrument = (
            bundled_instrument()
            if latest is None
            else instrument_for(latest.instrument_id, latest.instrument_version)
        )
        day = changes_on(instrument, facts)
        return None if day is None else day.isoformat()

    return of


# -- the state and the rows ------------------------------------------------------------------


def read_state(conn: Connection) -> CacheState:
    row = conn.execute(
        text("SELECT digest, generation, updated_at FROM score_cache_state WHERE id = 1")
    ).first()
    if row is None:
        return CacheState("stale:0", 0, None)
    updated = row[2]
    if isinstance(updated, str):
        updated = datetime.fromisoformat(updated)
    # Indexed: the smallest value is read from the index, not from 100,000 rows.
    first = conn.exec_driver_sql("SELECT min(changes_on) FROM score_cache").scalar()
    return CacheState(
        str(row[0]), int(row[1]), updated, None if first is None else date.fromisoformat(first)
    )


def is_current(state: CacheState, today: date | None = None) -> bool:
    """Whether the cache was computed with these rules, not marked stale since, and no row's
    figures can have changed with the date: computed on or before ``today`` (a clock set back
    gives a rebuild) and ``today`` before the first day time could change any row."""
    day = today or date.today()
    return (
        state.digest == rules_fingerprint()
        and state.updated_at is not None
        and state.updated_at.date() <= day
        and (state.next_change is None or day < state.next_change)
    )


def cache_is_current(engine_or_conn: Any, today: date | None = None) -> bool:
    """``is_current`` for an engine, a store or an open connection."""
    if isinstance(engine_or_conn, Connection):
        return is_current(read_state(engine_or_conn), today)
    engine: Engine = getattr(engine_or_conn, "engine", engine_or_conn)
    with engine.connect() as conn:
        return is_current(read_state(conn), today)


def _put_state(conn: Connection, digest: str, generation: int, updated: datetime | None) -> None:
    conn.execute(
        text(
            "INSERT OR REPLACE INTO score_cache_state (id, digest, generation, updated_at) "
            "VALUES (1, :digest, :generation, :updated)"
        ),
        {"digest": digest, "generation": generation, "updated": _stamp(updated)},
    )


def _stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(sep=" ")


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def _write_rows(
    conn: Connection, scores: dict[str, CachedScores], generation: int, computed: Computed
) -> None:
    """Write the rows ``_WRITE_PART`` at a time: the parameters of 100,000 rows held at once
    were tens of megabytes, and one statement for all of them held the interpreter for long
    stretches while the window waited."""
    results, changes = computed.results, computed.changes
    statement = text(
        "INSERT OR REPLACE INTO score_cache (initiative_id, alignment_index, binding_layer, "
        "worst_band, patterns, generation, results, changes_on) "
        "VALUES (:i, :a, :b, :w, :p, :g, :r, :c)"
    )
    keys = list(scores)
    for start in range(0, len(keys), _WRITE_PART):
        part = keys[start : start + _WRITE_PART]
        conn.execute(
            statement,
            [
                {
                    "i": key,
                    "a": (s := scores[key])[0],
                    "b": s[1],
                    "w": s[2],
                    "p": "\n".join(s[3]),
                    "g": generation,
                    "r": results[key],
                    "c": changes[key],
                }
                for key in part
            ],
        )


def withhold_patterns(conn: Connection) -> None:
    """Blank the cached titles of rows that name a pattern a stricter privacy minimum may
    withhold (``privacy.GROUP_PATTERNS``), until re-scored. Only those rows: rewriting all
    100,000, with their layer results, held the change for 0.15 s."""
    from avi_desktop.model.privacy import GROUP_PATTERNS

    # Any row whose titles contain the title: a longer title containing it is blanked too,
    # which only withholds more until the rebuild.
    for title in sorted(pattern.label for pattern in GROUP_PATTERNS):
        conn.execute(
            text("UPDATE score_cache SET patterns = '' WHERE instr(patterns, :t) > 0"),
            {"t": title},
        )


def _delete_rows(conn: Connection, ids: Iterable[str]) -> None:
    for part in _chunks(sorted(ids)):
        marks = ", ".join(f":k{n}" for n in range(len(part)))
        conn.execute(
            text(f"DELETE FROM score_cache WHERE initiative_id IN ({marks})"),
            {f"k{n}": key for n, key in enumerate(part)},
        )


_SHARED: dict[str, tuple[str, ...]] = {}


def parse_patterns(stored: str | None) -> tuple[str, ...]:
    """The stored titles as a tuple, one tuple object per distinct combination (a handful)."""
    if not stored:
        return ()
    found = _SHARED.get(stored)
    if found is None:
        if len(_SHARED) > 10_000:
            _SHARED.clear()
        found = _SHARED[stored] = tuple(stored.split("\n"))
    return found


def cached_scores(conn: Connection) -> dict[str, CachedScores]:
    """Every cached row (whatever the state says)."""
    rows = conn.execute(
        text(
            "SELECT initiative_id, alignment_index, binding_layer, worst_band, patterns "
            "FROM score_cache"
        )
    )
    return {r[0]: CachedScores(r[1], r[2], r[3], parse_patterns(r[4])) for r in rows}


# -- keeping it right inside each change -----------------------------------------------------


def install_triggers(conn: Connection) -> None:
    """The connection's temporary triggers noting which initiatives a write concerns."""
    info = conn.connection.info
    if info.get(_READY):
        return
    statements = [f"CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED} (initiative_id TEXT PRIMARY KEY)"]
    for table, key in _INITIATIVE_SQL.items():
        for when, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            inserts = " ".join(
                f"INSERT OR IGNORE INTO {_TOUCHED} SELECT v FROM (SELECT {key.format(r=r)} AS v) "
                "WHERE v IS NOT NULL;"
                for r in rows
            )
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS avi_score_{table}_{when.lower()} "
                f"AFTER {when} ON main.{table} BEGIN {inserts} END"
            )
    for statement in statements:
        conn.exec_driver_sql(statement)
    info[_READY] = True


def forget_triggers(info: dict[Any, Any]) -> None:
    """After a rollback that may have taken the triggers with it: create them again next time."""
    info.pop(_READY, None)


def refresh(conn: Connection) -> set[str] | None:
    """Re-score the initiatives the writes on ``conn`` touched since the last call.

    Returns their ids, or None when every initiative was concerned: re-scored in this
    transaction (a small portfolio) or marked stale for a rebuild (a large one).
    """
    touched = set(conn.exec_driver_sql(f"SELECT initiative_id FROM {_TOUCHED}").scalars())
    if not touched:
        return set()
    conn.exec_driver_sql(f"DELETE FROM {_TOUCHED}")
    state = read_state(conn)
    generation = state.generation + 1
    if ALL in touched:
        count = conn.exec_driver_sql("SELECT count(*) FROM initiatives").scalar_one()
        if count > SYNC_LIMIT:
            _put_state(conn, f"stale:{generation}", generation, state.updated_at)
            return None
        computed = compute_all(conn)
        conn.exec_driver_sql("DELETE FROM score_cache")
        _write_rows(conn, computed.scores, generation, computed)
        _put_state(conn, rules_fingerprint(), generation, datetime.now())
        return None
    computed = compute_all(conn, touched)
    _delete_rows(conn, touched - set(computed.scores))
    _write_rows(conn, computed.scores, generation, computed)
    # Stamped with the latest day any row was computed for: a clock set back before it finds
    # the cache stale, rather than rows computed for a later day current.
    stamp = None if state.updated_at is None else max(state.updated_at, datetime.now())
    _put_state(conn, state.digest, generation, stamp)
    return touched


def rebuild(
    reader: Engine,
    writer: Engine,
    *,
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
    only_due: bool = False,
) -> dict[str, CachedScores]:
    """Bring the cache up to date and store it; return the cache as stored.

    Every initiative is re-scored, unless ``only_due`` and the only thing out of date is the
    day (the rules are these and nothing marked the cache stale): then only the rows whose
    ``changes_on`` has come are, a few a day at 100,000 rather than all of them.

    Computed from one snapshot on ``reader`` (a read-only engine on the same file, so the
    window's edits never wait for it), then written in one short transaction on ``writer``:
    rows a change re-scored since (a newer generation) are kept, and the state is made current
    only when no change marked the cache stale meanwhile. ``progress`` may raise to cancel.
    """
    with reader.connect() as conn, conn.begin():
        before = read_state(conn)
        due = _due(conn, before, today or date.today()) if only_due else None
        computed = compute_all(conn, due, today=today, progress=progress)
        scores = computed.scores
    with writer.begin() as conn:
        now = read_state(conn)
        newer = set(
            conn.execute(
                text("SELECT initiative_id FROM score_cache WHERE generation > :g"),
                {"g": before.generation},
            ).scalars()
        )
        existing = set(conn.exec_driver_sql("SELECT id FROM initiatives").scalars())
        if due is None:
            conn.execute(
                text("DELETE FROM score_cache WHERE generation <= :g"), {"g": before.generation}
            )
        keep = {k: v for k, v in scores.items() if k in existing and k not in newer}
        del scores, existing  # 100,000 of each: not held while the cache is read back
        _write_rows(conn, keep, before.generation, computed)
        del keep, computed
        restaled = now.digest.startswith("stale:") and now.digest != before.digest
        digest = now.digest if restaled else rules_fingerprint()
        _put_state(conn, digest, now.generation, _moment(today))
        return cached_scores(conn)


def _moment(day: date | None) -> datetime:
    """When rows computed for ``day`` (None: today) were computed, for the state's stamp."""
    now = datetime.now()
    return now if day is None or day == now.date() else datetime.combine(day, time())


def in_memory(
    conn: Connection,
    *,
    only_due: bool = False,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, CachedScores]:
    """Every figure as ``rebuild`` would store it, written nowhere (a read-only file): the
    cached rows with the due ones re-scored when ``only_due`` allows, else all computed."""
    due = _due(conn, read_state(conn), today or date.today()) if only_due else None
    if due is None:
        return compute(conn, today=today, progress=progress)
    scores = cached_scores(conn)
    scores.update(compute(conn, due, today=today, progress=progress))
    return scores


def _due(conn: Connection, state: CacheState, day: date) -> list[str] | None:
    """The initiatives whose day has come, when that is all that is out of date (else None:
    every initiative is re-scored)."""
    if not (
        state.digest == rules_fingerprint()
        and state.updated_at is not None
        and state.updated_at.date() <= day
    ):
        return None
    return list(
        conn.execute(
            text("SELECT initiative_id FROM score_cache WHERE changes_on <= :day"),
            {"day": day.isoformat()},
        ).scalars()
    )
