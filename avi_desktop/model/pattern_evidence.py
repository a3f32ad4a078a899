"""Evidence for pattern hits: item means, low-item summaries and decisions, worded for a board.

Also which items a rule reads for a role (``role_items``): the instrument names them in its
``[pattern_items]``; an instrument without that table falls back to item tags.
"""

from __future__ import annotations

import statistics
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from avi_desktop.model.domain import StakeholderGroup
from avi_desktop.model.formatting import fmt_answer_of_five, item_mean_text
from avi_desktop.model.instrument import Instrument
from avi_desktop.model.pattern_facts import DecisionFacts
from avi_desktop.model.results import AssessmentResult, Evidence, fmt_date, fmt_score

# Evidence that only supports a finding (it is cited when something else triggered the pattern).
SUPPORTING_REFS: Final = frozenset({"success_criteria"})


@dataclass(frozen=True)
class GroupSpreadEvidence(Evidence):
    """The spread between groups' means, with every group's mean and the rule's threshold.

    A view that withholds small groups (``model.privacy.protect``) recomputes the spread over
    the groups it shows from these, so whether the pattern fired says nothing about a group it
    withholds; the facilitator's own, unprotected result keeps the spread over every group.
    """

    means: tuple[tuple[StakeholderGroup, float], ...] = ()
    threshold: float = 0.0

    def without(self, hidden: Collection[StakeholderGroup]) -> GroupSpreadEvidence | None:
        """The same evidence over the groups not in ``hidden``; None when it no longer holds."""
        shown = {group: mean for group, mean in self.means if group not in hidden}
        return spread_evidence(self.label, shown, self.threshold, self.ref)


def spread_evidence(
    label: str, group_means: Mapping[StakeholderGroup, float], threshold: float, ref: str
) -> GroupSpreadEvidence | None:
    """The widest gap between two groups' means (points) when it reaches ``threshold``."""
    if len(group_means) < 2:
        return None
    low = min(group_means, key=lambda g: group_means[g])
    high = max(group_means, key=lambda g: group_means[g])
    spread = group_means[high] - group_means[low]
    if spread < threshold:
        return None
    return GroupSpreadEvidence(
        label=label,
        value=f"{fmt_score(spread)} points (threshold {threshold:g}): "
        f"{low.label} {fmt_score(group_means[low])}, {high.label} {fmt_score(group_means[high])}",
        ref=ref,
        means=tuple(group_means.items()),
        threshold=threshold,
    )


def tagged_items(
    result: AssessmentResult, instrument: Instrument, tags: Sequence[str]
) -> list[tuple[str, float]]:
    """(item id, mean score after reverse keying) of scored items carrying any of ``tags``."""
    wanted = set(tags)
    found = []
    for item in instrument.items():
        figures = result.items.get(item.id)
        if wanted & set(item.tags) and figures is not None and figures.mean is not None:
            found.append((item.id, figures.mean))
    return found


def role_items(instrument: Instrument, role: str) -> tuple[str, ...]:
    """The items the instrument names for a rule's role; by tag when it names none."""
    named = instrument.pattern_items.get(role)
    if named is not None:
        return named
    wanted: set[str] = {
        "critical_governance": {"ethics", "governance"},
        "value_definition": {"value-definition"},
    }.get(role, set())
    if not wanted:
        return ()
    return tuple(item.id for item in instrument.items() if wanted <= set(item.tags))


def means(result: AssessmentResult, item_ids: Sequence[str]) -> list[tuple[str, float]]:
    found = []
    for item_id in item_ids:
        figures = result.items.get(item_id)
        if figures is not None and figures.mean is not None:
            found.append((item_id, figures.mean))
    return found


def low_items_evidence(
    result: AssessmentResult, instrument: Instrument, tags: Sequence[str], below: float, what: str
) -> list[Evidence]:
    # The average is the mean of the item means, so each item counts once however many answered.
    found = tagged_items(result, instrument, tags)
    if not found:
        return []
    average = statistics.fmean(mean for _, mean in found)
    if average >= below:
        return []
    evidence = [
        Evidence(
            label=f"Average of the {what} items",
            value=f"{fmt_answer_of_five(average)} over {len(found)} items "
            f"(below {below:g} counts as low)",
            ref=",".join(item_id for item_id, _ in found),
        )
    ]
    for item_id, mean in sorted(found, key=lambda pair: pair[1])[:3]:
        evidence.append(item_evidence(instrument, item_id, mean))
    return evidence


def item_evidence(instrument: Instrument, item_id: str, mean: float) -> Evidence:
    """One item's mean score as evidence, readable next to the statement it scores.

    A reverse-keyed statement (instrument 1.0) describes a problem ("decisions get stuck"), so a
    low score means respondents agreed with it; the value says so rather than leave "1.0 of 5"
    to be misread.
    """
    item = instrument.item(item_id)
    label = item.text.rstrip(". ")
    return Evidence(label=label, value=item_mean_text(mean, item.reverse), ref=item_id)


def decision_evidence(decision: DecisionFacts) -> Evidence:
    """A decision that departed from stated values, as evidence."""
    pressure = decision.pressure.strip().rstrip(".")
    if len(pressure) > 1 and not pressure[1].isupper():  # "The board's request" mid-sentence
        pressure = pressure[0].lower() + pressure[1:]  # but "AI progress" stays as written
    under = f" under pressure of {pressure}" if pressure else ""
    return Evidence(
        label=f"Decision of {fmt_date(decision.decided_on, short=True)}: {decision.title}",
        value=f"departed from {', '.join(decision.departed)}{under}",
        ref=decision.decision_id,
    )
