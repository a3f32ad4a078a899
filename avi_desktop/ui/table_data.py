"""The portfolio table's rows, their sort keys and filters, and the work done on them off the
UI thread (no Qt here: ``portfolio_model`` shows what this prepares).

At 100,000 initiatives, building the rows, filtering and sorting them take tenths of a second
of Python; a worker does it (``prepare``) and the model takes the result in one swap. Sorting
in a worker is done in slices (``gentle_sorted``): ``list.sort`` runs in C without letting the
UI thread take Python's lock, so one sort of 100,000 rows would pause the window as long.
"""

from __future__ import annotations

import heapq
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

from avi_desktop.model.domain import Band, Layer, Stage
from avi_desktop.model.table_rows import day_of, stage_of

# In the order shown (what a board reads first comes first), so the order a screen reader
# walks is the order on screen: the view never moves a section.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("stage", "Stage"),
    ("alignment_index", "Alignment index"),
    ("worst_band", "Worst band"),
    ("binding_layer", "Binding layer"),
    ("patterns", "Patterns"),
    ("latest_on", "Latest assessment"),
    ("business_owner", "Owner"),
    ("business_unit", "Business unit"),
)
_NAMES = [key for key, _ in COLUMNS]
COL_INDEX = _NAMES.index("alignment_index")
BAND_COLUMN = _NAMES.index("worst_band")
# Rows hold the stored keys as text; the enums are str, so they index these tables directly.
_BAND_RANK: dict[str, int] = {Band.GAP: 0, Band.DEVELOPING: 1, Band.ALIGNED: 2}
_STAGE_RANK: dict[str, int] = {stage: rank for rank, stage in enumerate(Stage)}
_LAYER_RANK: dict[str, int] = {layer: rank for rank, layer in enumerate(Layer)}
STAGE_LABELS: dict[str, str] = {stage: stage.label for stage in Stage}
LAYER_LABELS: dict[str, str] = {layer: layer.label for layer in Layer}
BAND_LABELS: dict[str, str] = {band: band.label for band in Band}

OVERDUE = "overdue"  # the actions filter's one choice
_INF = float("inf")
_LAST = "\U0010ffff"  # sorts after any text, so empty cells come last


@dataclass(slots=True, eq=False)
class TableRow:
    """One initiative as the table shows it; score fields are None until filled in.

    Compared by identity: the model finds a row among 100,000 with ``list.index``, which then
    runs in C instead of calling a generated ``__eq__`` per row.
    """

    id: str
    name: str
    stage: str
    business_unit: str
    business_owner: str
    latest_id: str | None = None
    latest_on: date | None = None
    alignment_index: float | None = None
    binding_layer: str | None = None
    worst_band: str | None = None
    patterns: tuple[str, ...] = ()
    overdue_actions: int = 0
    # Case-folded sort keys, computed once so a 100,000-row sort only compares strings.
    name_key: str = field(default="", repr=False)
    unit_key: str = field(default="", repr=False)
    owner_key: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.name_key = self.name.casefold()
        self.unit_key = _shared_key(self.business_unit)
        self.owner_key = _shared_key(self.business_owner)


_SHARED_KEYS: dict[str, str] = {}


def _shared_key(text: str) -> str:
    """One folded key object per distinct unit or owner (a few hundred among 100,000 rows)."""
    found = _SHARED_KEYS.get(text)
    if found is None:
        if len(_SHARED_KEYS) > 50_000:
            _SHARED_KEYS.clear()
        found = _SHARED_KEYS[text] = sys.intern(text.casefold() or _LAST)
    return found


@dataclass(frozen=True, slots=True)
class Scores:
    """What the score fill-in brings for one initiative."""

    alignment_index: float | None
    binding_layer: str | None
    worst_band: str | None
    patterns: tuple[str, ...]


def row_from_query(row: Any) -> TableRow:
    """Build a table row from one ``queries.portfolio_rows`` result, cached scores included."""
    patterns = getattr(row, "patterns", None)
    return TableRow(
        id=row.id,
        name=row.name or "",
        stage=row.stage or "",
        # Units and owners repeat across rows: one string object each saves memory at scale.
        business_unit=sys.intern(row.business_unit or ""),
        business_owner=sys.intern(row.business_owner or ""),
        latest_id=getattr(row, "latest_assessment_id", None),
        latest_on=getattr(row, "latest_assessed_on", None),
        alignment_index=getattr(row, "alignment_index", None),
        binding_layer=getattr(row, "binding_layer", None),
        worst_band=getattr(row, "worst_band", None),
        patterns=_patterns(patterns),
        overdue_actions=getattr(row, "overdue_actions", 0) or 0,
    )


_PATTERNS: dict[str, tuple[str, ...]] = {}


def _patterns(stored: str | None) -> tuple[str, ...]:
    """The cached titles as a tuple, one tuple object per distinct combination."""
    if not stored:
        return ()
    found = _PATTERNS.get(stored)
    if found is None:
        if len(_PATTERNS) > 10_000:
            _PATTERNS.clear()
        found = _PATTERNS[stored] = tuple(sys.intern(t) for t in stored.split("\n"))
    return found


def sort_key(column: int) -> Any:
    """A key function for one column; empty values sort last in ascending order."""
    name = COLUMNS[column][0]
    if name == "stage":
        return lambda r: _STAGE_RANK.get(r.stage, 99)
    if name == "name":
        return attrgetter("name_key")
    if name == "business_unit":
        return attrgetter("unit_key")
    if name == "business_owner":
        return attrgetter("owner_key")
    if name == "latest_on":
        return lambda r: r.latest_on or date.max
    if name == "alignment_index":
        return lambda r: _INF if r.alignment_index is None else r.alignment_index
    if name == "binding_layer":
        return lambda r: _LAYER_RANK.get(r.binding_layer or "", 99)
    if name == "worst_band":
        return lambda r: _BAND_RANK.get(r.worst_band or "", 99)
    # One string per row (rows with patterns first, fewer first, then by their titles): string
    # keys sort several times faster than tuples at 100,000 rows.
    return lambda r: f"0{len(r.patterns):02d}{', '.join(r.patterns)}" if r.patterns else "1"


@dataclass
class Filters:
    """The table's current filters; an empty value means no filter."""

    text: str = ""
    stage: str = ""
    band: str = ""
    pattern: str = ""
    owner: str = ""
    actions: str = ""  # "overdue": only initiatives with an overdue action

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return bool(
            self.text or self.stage or self.band or self.pattern or self.owner or self.actions
        )

    def accepts(self, row: TableRow) -> bool:
        if self.text:
            text = self.text.casefold()
            if text not in row.name_key and text not in row.owner_key and text not in row.unit_key:
                return False
        if self.stage and row.stage != self.stage:
            return False
        if self.band and row.worst_band != self.band:
            return False
        if self.pattern and self.pattern not in row.patterns:
            return False
        if self.actions == OVERDUE and not row.overdue_actions:
            return False
        return not (self.owner and row.business_owner != self.owner)


def row_from_tuple(row: tuple[Any, ...]) -> TableRow:
    """Build a table row from one ``model.table_rows`` cursor tuple (its ``COLUMNS``)."""
    return TableRow(
        row[0],
        row[1] or "",
        stage_of(row[2]),
        sys.intern(row[3] or ""),
        sys.intern(row[4] or ""),
        row[5],
        day_of(row[6]),
        row[8],
        row[9],
        row[10],
        _patterns(row[11]),
        row[7] or 0,
    )


_SLICE = 4_096  # rows sorted per ``list.sort`` call: a few milliseconds of C each


def gentle_sorted(rows: list[TableRow], key: Any, reverse: bool = False) -> list[TableRow]:
    """``sorted(rows, key=key, reverse=reverse)``, in slices merged in Python, so a worker
    running it lets the UI thread in every few milliseconds (same order: both are stable)."""
    if len(rows) <= _SLICE:
        return sorted(rows, key=key, reverse=reverse)
    parts = [
        sorted(rows[start : start + _SLICE], key=key, reverse=reverse)
        for start in range(0, len(rows), _SLICE)
    ]
    return list(heapq.merge(*parts, key=key, reverse=reverse))


class View(NamedTuple):
    """How the model shows its rows: the sort, the filters and the portfolio-level marks."""

    column: int
    descending: bool
    filters: Filters
    marks: Mapping[str, tuple[str, ...]]


class Prepared(NamedTuple):
    """Rows ready to be shown as ``view`` asks, built off the UI thread."""

    rows: list[TableRow]
    by_id: dict[str, TableRow]
    visible: list[TableRow]
    owners: list[str]
    titles: list[str]
    view: View


def prepare(
    rows: Iterable[TableRow], view: View, scores: Mapping[str, Any] | None = None
) -> Prepared:
    """Rows with ``scores`` (the cache's figures, when given) and marks filled in, filtered
    and sorted as ``view`` says, with the owner and pattern filters' choices."""
    every: list[TableRow] = []
    marks = view.marks
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per combination of titles
    for row in rows:
        if scores is not None and (found := scores.get(row.id)) is not None:
            row.alignment_index, row.binding_layer, row.worst_band = found[:3]
            row.patterns = shared.setdefault(tuple(found[3]), tuple(found[3]))
        if (marked := marks.get(row.id)) is not None:
            row.patterns = (*row.patterns, *marked)
        every.append(row)
    f = view.filters
    shown = [row for row in every if f.accepts(row)] if f.active else every
    visible = gentle_sorted(shown, sort_key(view.column), view.descending)
    return Prepared(
        every, {row.id: row for row in every}, visible, owners(every), titles(every), view
    )


# The choices are gathered with C-level loops (``map``, ``set``): at 100,000 rows a Python loop
# over the rows took 50-60 ms of the UI thread each time the filters were refilled.
_OWNER_OF = attrgetter("business_owner")
_PATTERNS_OF = attrgetter("patterns")


def owners(rows: Iterable[TableRow]) -> list[str]:
    """The owner filter's choices."""
    # Case decides between names that differ only by it, so the order is the same every time.
    return sorted(set(map(_OWNER_OF, rows)) - {""}, key=lambda name: (name.casefold(), name))


def titles(rows: Iterable[TableRow]) -> list[str]:
    """The pattern filter's choices."""
    found = list(map(_PATTERNS_OF, rows))
    # Rows share their tuples of titles (a handful of combinations): each is read once.
    distinct = dict(zip(map(id, found), found, strict=True)).values()
    return sorted(set().union(*distinct))
