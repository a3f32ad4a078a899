"""Small-group privacy: no view shows a stakeholder group's figures when too few of it answered.

With one or two people in a group, the group's mean is their own answer. Every document, chart
and export that names groups calls :func:`protect` first, which keeps the totals (layer scores,
SD, r_wg, alignment index: the withheld respondents still count in them) and drops only the
per-group figures of groups below the portfolio's ``min_group_size``. The value spread is
recomputed over the groups still shown, since a spread against one shown group would give the
withheld group's mean away. For the same reason the totals must not give it away by
subtraction: when the withheld respondents together number fewer than the minimum, the smallest
shown groups are withheld with them until they do (everyone belongs to one group, so a layer
score is the mean over every group's members and the hidden remainder is exactly those people).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import is_dataclass, replace
from typing import Any, Final, TypeVar, cast

from avi_desktop.model.domain import LAYERS, Layer, PatternId, StakeholderGroup
from avi_desktop.model.pattern_evidence import SUPPORTING_REFS, GroupSpreadEvidence
from avi_desktop.model.results import (
    AssessmentResult,
    Evidence,
    HistoryComparison,
    PatternHit,
    Recommendation,
)

_O = TypeVar("_O")

DEFAULT_MIN_GROUP_SIZE: Final = 3
MIN_GROUP_SIZE_RANGE: Final = (1, 20)  # 1 turns the protection off

_WORDS: Final = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]


def number_in_words(value: int) -> str:
    """'three' for 3 (up to twenty), else the digits."""
    return _WORDS[value] if 0 <= value < len(_WORDS) else str(value)


def withheld_text(min_group_size: int) -> str:
    """What a view prints in place of a withheld group's figures: 'fewer than three respondents'."""
    return f"fewer than {number_in_words(min_group_size)} respondents"


def withheld(result: AssessmentResult, group: StakeholderGroup, min_group_size: int) -> bool:
    """True when the group answered but too few of it did for its figures to be shown."""
    n = result.group_sizes.get(group)
    return n is not None and 0 < n < min_group_size


def protect(result: AssessmentResult, min_group_size: int) -> AssessmentResult:
    """The result with withheld groups' figures removed and listed in ``withheld_groups``.

    Idempotent; a result already protected at a larger minimum stays as it is for those groups.
    """
    hidden = {
        group: n
        for group, n in result.group_sizes.items()
        if withheld(result, group, min_group_size) and group in result.stakeholder_split
    }
    if not hidden:
        return result
    shown = sorted(
        (g for g in result.stakeholder_split if g not in hidden),
        key=lambda g: (result.group_sizes.get(g, 0), list(StakeholderGroup).index(g)),
    )
    # The overall layer score and the shown groups' means and sizes would otherwise give the
    # hidden remainder's mean: hide the smallest shown groups with it until it is large enough.
    while shown and sum(hidden.values()) < min_group_size:
        group = shown.pop(0)
        hidden[group] = result.group_sizes.get(group, 0)
    labels = [g.label for g in hidden]
    note = f"not shown: a group named here has {withheld_text(min_group_size)}"
    split = {g: v for g, v in result.stakeholder_split.items() if g not in hidden}
    spread: dict[Layer, float | None] = {}
    for layer in LAYERS:
        means = [m for scores in split.values() if (m := scores.get(layer)) is not None]
        spread[layer] = max(means) - min(means) if len(means) >= 2 else None
    patterns, dropped = shown_patterns(result.patterns, hidden)
    return replace(
        result,
        stakeholder_split=split,
        value_spread=spread,
        withheld_groups={**result.withheld_groups, **hidden},
        patterns=redact(patterns, labels, note),
        recommendations=redact(shown_advice(result.recommendations, hidden, dropped), labels, note),
    )


def _spread_over_shown(
    evidence: Sequence[Evidence], hidden: Collection[StakeholderGroup]
) -> tuple[Evidence, ...]:
    """``evidence`` with each spread between groups recomputed over the groups shown."""
    kept: list[Evidence] = []
    for e in evidence:
        if isinstance(e, GroupSpreadEvidence):
            if (shown := e.without(hidden)) is not None:
                kept.append(shown)
        else:
            kept.append(e)
    return tuple(kept)


def shown_patterns(
    hits: Sequence[PatternHit], hidden: Collection[StakeholderGroup]
) -> tuple[tuple[PatternHit, ...], set[PatternId]]:
    """The patterns as computed over the groups shown, and those that fired only on a withheld
    group's figures: a pattern shown as fired (even with its figures redacted) would tell one
    fact about the group it withholds."""
    kept: list[PatternHit] = []
    dropped: set[PatternId] = set()
    for hit in hits:
        evidence = _spread_over_shown(hit.evidence, hidden)
        if evidence == hit.evidence:
            kept.append(hit)
        elif any(e.ref not in SUPPORTING_REFS for e in evidence):
            kept.append(replace(hit, evidence=evidence))
        else:
            dropped.add(hit.pattern)
    return tuple(kept), dropped


# The patterns whose evidence can be a spread between groups (``patterns._group_spread``),
# so whether they fire can depend on a group the minimum withholds.
GROUP_PATTERNS: Final = frozenset({PatternId.VALUE_FRAGMENTATION})


def patterns_shown(
    result: AssessmentResult | None, hits: tuple[PatternHit, ...], min_group_size: int
) -> tuple[PatternHit, ...]:
    """``hits`` as a protected view of ``result`` shows them (``protect``): without the
    patterns that fired only on a withheld group. For lists that name patterns without their
    figures (the portfolio table, the committee paper), so they never name more than the
    initiative's own page."""
    if result is None or min_group_size <= 1:
        return hits
    hidden = protect(result, min_group_size).withheld_groups
    return shown_patterns(hits, hidden)[0] if hidden else hits


def shown_advice(
    recs: Sequence[Recommendation], hidden: Collection[StakeholderGroup], dropped: set[PatternId]
) -> tuple[Recommendation, ...]:
    """Advice without what answers a pattern not shown (the synthesis naming it included)."""
    gone = {p.value for p in dropped}
    return tuple(
        replace(rec, evidence=_spread_over_shown(rec.evidence, hidden))
        for rec in recs
        if not gone & set(rec.source.split(","))
    )


def withheld_reason(result: AssessmentResult, group: StakeholderGroup, min_group_size: int) -> str:
    """Why a withheld group shows no figures: too few respondents, or to shield a smaller group."""
    if result.withheld_groups.get(group, 0) < min_group_size:
        return withheld_text(min_group_size)
    return "withheld with a smaller group, whose figures it would reveal"


_T = TypeVar("_T", PatternHit, Recommendation)


def redact(hits: Sequence[_T], labels: Sequence[str], note: str) -> tuple[_T, ...]:
    """Patterns or recommendations whose evidence quoting a withheld group's figure says ``note``.

    Evidence names a group by its display label followed by its mean ("Employees 22.5"); the
    label is the only handle the engine's evidence gives, so that is what is matched.
    """
    out: list[_T] = []
    for hit in hits:
        evidence = tuple(
            replace(e, value=note) if any(label in e.value for label in labels) else e
            for e in hit.evidence
        )
        out.append(replace(hit, evidence=evidence) if evidence != hit.evidence else hit)
    return tuple(out)


def protect_overview(overview: _O, min_group_size: int) -> _O:
    """An initiative overview whose latest result, patterns and advice are protected."""
    latest: AssessmentResult | None = getattr(overview, "latest", None)
    if latest is None or not is_dataclass(overview) or isinstance(overview, type):
        return overview
    shown = protect(latest, min_group_size)
    if not shown.withheld_groups:
        return overview
    hidden = shown.withheld_groups
    labels = [g.label for g in hidden]
    note = f"not shown: a group named here has {withheld_text(min_group_size)}"
    patterns, dropped = shown_patterns(getattr(overview, "patterns", ()), hidden)
    advice = shown_advice(getattr(overview, "recommendations", ()), hidden, dropped)
    changes: dict[str, Any] = {
        "latest": shown,
        "patterns": redact(patterns, labels, note),
        "recommendations": redact(advice, labels, note),
    }
    comparison = getattr(overview, "comparison", None)
    previous: AssessmentResult | None = getattr(overview, "previous", None)
    if isinstance(comparison, HistoryComparison):
        # "appeared" or "resolved" would tell the same fact as the pattern itself.
        before = () if previous is None else protect(previous, min_group_size).patterns
        was = {h.pattern for h in before}
        now = {h.pattern for h in shown.patterns}
        changes["comparison"] = replace(
            comparison,
            appeared=tuple(p for p in comparison.appeared if p in now and p not in was),
            resolved=tuple(p for p in comparison.resolved if p in was and p not in now),
        )
    changed: Any = replace(overview, **changes)
    return cast(_O, changed)


def min_group_size_of(settings: object) -> int:
    """The portfolio's minimum from any settings object (the default when it has none)."""
    value = getattr(settings, "min_group_size", None)
    return value if isinstance(value, int) and value >= 1 else DEFAULT_MIN_GROUP_SIZE


def shown_groups(
    result: AssessmentResult, groups: Mapping[str, StakeholderGroup] | None
) -> dict[str, StakeholderGroup] | None:
    """The respondent-to-group mapping a chart may mark points with: none at all while any
    group is withheld, since the only unmarked points would then be that group's members."""
    if groups is None or result.withheld_groups:
        return None
    return dict(groups)


def withheld_note(result: AssessmentResult, min_group_size: int) -> str:
    """One or two sentences naming the withheld groups, or '' when none is withheld."""
    if not result.withheld_groups:
        return ""
    ordered = [g for g in StakeholderGroup if g in result.withheld_groups]
    small = [g.label for g in ordered if result.withheld_groups[g] < min_group_size]
    shield = [g.label for g in ordered if result.withheld_groups[g] >= min_group_size]
    note = ""
    if small:
        note = (
            f"Not shown: {_listed(small)} ({withheld_text(min_group_size)} in "
            f"{'that group' if len(small) == 1 else 'each of these groups'})."
        )
    if shield:
        note += (
            f" Also not shown: {_listed(shield)}, whose figures beside the totals would reveal "
            f"the smaller group's."
        )
    return note.strip() + " Their answers count in the layer scores and the agreement figures."


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
