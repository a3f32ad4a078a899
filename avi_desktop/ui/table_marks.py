"""Portfolio-level marks (AI Theatre) put on the table's rows, a part at a time.

The marks arrive from a worker for every initiative a portfolio-level pattern counts: 70,000
rows of the 100,000-initiative benchmark. Putting them on every row in one turn kept the UI
thread for 0.15-0.3 s; here they go on in parts of ``PART`` rows, one part per event-loop turn.

Each row's patterns are rebuilt from its own (its patterns less any portfolio-level title) and
the marks current at that moment, so the parts may interleave with anything else that sets a
row's patterns (an edit, fresh rows from the file, new scores): whatever order they run in,
each row ends with its own patterns and the latest marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from avi_desktop.ui.table_data import TableRow

PART = 5_000

Marks = Mapping[str, tuple[str, ...]]


def _titles(values: Iterable[tuple[str, ...]]) -> set[str]:
    found = list(values)
    distinct = dict(zip(map(id, found), found, strict=True)).values()  # shared tuples once
    return set().union(*distinct)


class MarksOnRows:
    """Which rows still need their marks, and putting them on."""

    def __init__(self) -> None:
        self.titles: set[str] = set()  # every portfolio-level title seen: never a row's own
        self.pending: set[str] = set()

    def plan(self, old: Marks, new: Marks) -> bool:
        """Note the rows whose marks differ between ``old`` and ``new``; True when any do."""
        # The same marks (rows a worker prepared with them, or a marks job finding what the
        # last one found): compared in C in a few milliseconds, where the rest takes 50-80 ms.
        if old is new or old == new:
            return bool(self.pending)
        self.titles |= _titles(old.values()) | _titles(new.values())
        if not old or not new:  # the first marks, or the last taken away: every key
            self.pending.update(new or old)
        else:  # keys in one only (in C), and shared keys whose titles differ
            self.pending.update(old.keys() ^ new.keys())
            self.pending.update(
                key for key, titles in new.items() if old.get(key, titles) != titles
            )
        return bool(self.pending)

    def apply(self, rows: Mapping[str, TableRow], marks: Marks, limit: int = PART) -> bool:
        """Put ``marks`` on up to ``limit`` pending rows; True when none is left."""
        titles = self.titles
        shared: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
        for _ in range(min(limit, len(self.pending))):
            key = self.pending.pop()
            row = rows.get(key)
            if row is None:  # deleted, or another portfolio's
                continue
            pair = (row.patterns, marks.get(key, ()))
            combined = shared.get(pair)
            if combined is None:  # one tuple per combination, as rows read from the file share
                own = tuple(p for p in row.patterns if p not in titles)
                combined = shared[pair] = (*own, *pair[1])
            row.patterns = combined
        return not self.pending
