"""Each initiative's layer results kept in the score cache (revision 0007), for the paper.

The committee paper prints, per initiative, the alignment index, the binding layer, each
layer's score, target and band, and the patterns found; scoring 500 initiatives from their
answers to get them took a third of the paper's time. ``score_cache`` writes them with the
table's figures, in the same statements (``score_cache.results``: compact JSON, every
``LayerResult`` field, the pattern ids; their titles are the row's ``patterns``), so they are
as current as the figures. A row written before 0007 holds NULL: the cache is not used for the
paper until it is rebuilt (the migration marks it stale).

What is kept is the part of an ``AssessmentResult`` the paper reads; ``CachedResult.result``
gives it back as one, with no items, respondent scores, group splits or recommendations, so it
is for the paper's portfolio overview only (``cached_portfolio_overview``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from avi_desktop.model.domain import Band, Layer, PatternId
from avi_desktop.model.results import AssessmentResult, LayerResult, PatternHit

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from avi_desktop.model.overview import PortfolioEntry, PortfolioOverview
    from avi_desktop.model.store import PortfolioStore


class CachedResult(NamedTuple):
    """What the paper prints of one initiative's latest evaluated assessment, and its patterns."""

    assessment_id: str | None  # None: no scored assessment (patterns from the facts alone)
    instrument_id: str
    instrument_version: str
    respondents: int
    alignment_index: float | None
    binding_layer: Layer | None
    layers: tuple[LayerResult, ...]  # in the result's order
    patterns: tuple[tuple[PatternId, str], ...]  # id and title, in the result's order

    @classmethod
    def of(cls, entry: PortfolioEntry) -> CachedResult:
        """The kept part of a freshly computed ``overview.PortfolioEntry``."""
        latest = entry.latest
        patterns = tuple((hit.pattern, hit.title) for hit in entry.patterns)
        if latest is None:
            return cls(None, "", "", 0, None, None, (), patterns)
        return cls(
            latest.assessment_id,
            latest.instrument_id,
            latest.instrument_version,
            latest.respondents,
            latest.alignment_index,
            latest.binding_layer,
            tuple(latest.layers.values()),
            patterns,
        )

    def encode(self) -> str:
        """Compact JSON; pattern titles are left out (the cache row's ``patterns`` has them)."""
        data: dict[str, Any] = {"p": [pattern.value for pattern, _ in self.patterns]}
        if self.assessment_id is not None:
            data |= {
                "a": self.assessment_id,
                "i": self.instrument_id,
                "v": self.instrument_version,
                "r": self.respondents,
                "x": self.alignment_index,
                "b": None if self.binding_layer is None else self.binding_layer.value,
                "l": [_layer_row(lr) for lr in self.layers],
            }
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def decode(cls, stored: str, titles: tuple[str, ...]) -> CachedResult | None:
        """The result from a cache row; None when the row cannot be read back whole."""
        try:
            data = json.loads(stored)
            ids = tuple(PatternId(key) for key in data["p"])
            if len(ids) != len(titles):
                return None
            patterns = tuple(zip(ids, titles, strict=True))
            if "a" not in data:
                return cls(None, "", "", 0, None, None, (), patterns)
            binding = data["b"]
            return cls(
                str(data["a"]),
                str(data["i"]),
                str(data["v"]),
                int(data["r"]),
                data["x"],
                None if binding is None else Layer(binding),
                tuple(_layer_of(row) for row in data["l"]),
                patterns,
            )
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def result(self) -> AssessmentResult | None:
        """The kept figures as an ``AssessmentResult`` (items, splits and advice left empty)."""
        if self.assessment_id is None:
            return None
        return AssessmentResult(
            assessment_id=self.assessment_id,
            instrument_id=self.instrument_id,
            instrument_version=self.instrument_version,
            respondents=self.respondents,
            layers={lr.layer: lr for lr in self.layers},
            alignment_index=self.alignment_index,
            binding_layer=self.binding_layer,
            respondent_scores=(),
            items={},
            stakeholder_split={},
            value_spread={},
            patterns=self.hits(),
        )

    def hits(self) -> tuple[PatternHit, ...]:
        """The patterns by id and title (their evidence is in the initiative's own briefing)."""
        return tuple(PatternHit(pattern, title, (), "") for pattern, title in self.patterns)


def _layer_row(lr: LayerResult) -> list[Any]:
    band = None if lr.band is None else lr.band.value
    flags = [int(lr.insufficient), int(lr.low_agreement)]
    return [lr.layer.value, lr.score, lr.target, lr.gap, band, lr.sd, lr.rwg, lr.n, *flags]


def _layer_of(row: list[Any]) -> LayerResult:
    layer, score, target, gap, band, sd, rwg, n, insufficient, low = row
    return LayerResult(
        layer=Layer(layer),
        score=score,
        target=target,
        gap=gap,
        band=None if band is None else Band(band),
        sd=sd,
        rwg=rwg,
        n=n,
        insufficient=bool(insufficient),
        low_agreement=bool(low),
    )


def read_cached(conn: Connection) -> dict[str, CachedResult] | None:
    """Every initiative's kept results; None when any row has none (written before 0007, or
    unreadable), so the caller computes instead. Whether the cache is current is not checked
    here (``score_cache.is_current``)."""
    from avi_desktop.model.score_cache import parse_patterns

    found: dict[str, CachedResult] = {}
    rows = conn.exec_driver_sql("SELECT initiative_id, patterns, results FROM score_cache")
    for initiative_id, titles, stored in rows:
        cached = None if stored is None else CachedResult.decode(stored, parse_patterns(titles))
        if cached is None:
            return None
        found[initiative_id] = cached
    return found


def cached_portfolio_overview(
    store: PortfolioStore,
    *,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PortfolioOverview:
    """``overview.portfolio_overview`` for the paper, from the cache when it is current.

    Without scoring: the initiatives' own columns (stage, necessity, KPI, decisions) are read as
    the full computation reads them, the layer results and patterns come from the cache. When
    the cache is not current today, lacks results or misses an initiative, every initiative is
    scored as before; both give the same paper (a test compares them).
    """
    from avi_desktop.model import overview
    from avi_desktop.model.score_cache import cache_is_current

    with store.engine.connect() as conn, conn.begin():
        cached = read_cached(conn) if cache_is_current(conn, today) else None
        # The initiatives' own columns, without the answers: the results are kept.
        data = None if cached is None else overview._PortfolioData._read_part(conn, None)
    if cached is None or data is None or any(row.id not in cached for row in data.initiatives):
        return overview.portfolio_overview(store, today=today, progress=progress)
    kept = {key: (result.result(), result.hits()) for key, result in cached.items()}
    return overview.overview_of(data, store, today=today, progress=progress, kept=kept)
