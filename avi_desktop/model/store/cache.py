"""The score cache from the store's side: is it current, and rebuilding it (``score_cache``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from avi_desktop.model import score_cache
from avi_desktop.model.score_cache import CachedScores
from avi_desktop.model.store.base import StoreBase


class ScoreCachePart(StoreBase):
    """Reading and rebuilding the cached table figures."""

    def score_cache_current(self, today: date | None = None) -> bool:
        """Whether the cached figures hold ``today`` (by default, today) under these rules."""
        return score_cache.cache_is_current(self.engine, today)

    def cached_scores(self) -> dict[str, CachedScores]:
        """Every initiative's cached figures (current or not: see ``score_cache_current``)."""
        with self.engine.connect() as conn:
            return score_cache.cached_scores(conn)

    def rebuild_score_cache(
        self,
        progress: Callable[[int, int], None] | None = None,
        *,
        only_due: bool = False,
        today: date | None = None,
    ) -> dict[str, CachedScores]:
        """Recompute and store every initiative's figures; return them.

        ``only_due``: when the rules are current and only the date has moved on, re-score just
        the initiatives whose figures it changed (``score_cache.rebuild``). A read-only store
        computes them in memory (``score_cache.in_memory``) and stores nothing.
        """
        with self.snapshot_engine() as reader:
            if self.read_only:
                with reader.connect() as conn, conn.begin():
                    return score_cache.in_memory(
                        conn, only_due=only_due, today=today, progress=progress
                    )
            self.ensure_intact()
            return score_cache.rebuild(
                reader, self._db.writer, progress=progress, today=today, only_due=only_due
            )
