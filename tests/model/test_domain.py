"""The labelled enums: stored keys unchanged, a label beside each, and none forgotten."""

from __future__ import annotations

import pytest

from avi_desktop.model.domain import (
    ActionStatus,
    AssessmentMode,
    AssessmentStatus,
    Band,
    Imperative,
    LabelledEnum,
    Layer,
    NecessityOutcome,
    PatternId,
    Stage,
    StakeholderGroup,
    ValueStance,
)

SHOWN: tuple[type[LabelledEnum], ...] = (
    Layer,
    StakeholderGroup,
    Stage,
    NecessityOutcome,
    AssessmentMode,
    AssessmentStatus,
    Band,
    Imperative,
    ActionStatus,
    ValueStance,
    PatternId,
)


@pytest.mark.parametrize("kind", SHOWN, ids=lambda kind: kind.__name__)
def test_every_member_has_a_label_and_keeps_its_key(kind: type[LabelledEnum]) -> None:
    for member in kind:
        assert member.label.strip() and member.label != member.value
        assert kind(member.value) is member
        assert str(member) == member.value == f"{member}"


def test_labels_read_as_before() -> None:
    assert Layer.TRUST.label == "Societal Trust"
    assert Layer.TRUST.verb == "legitimises"
    assert StakeholderGroup.CTOS_CIOS.label == "CTOs / CIOs"
    assert StakeholderGroup.CFOS.primary_view.startswith("Financial return")
    assert StakeholderGroup.CFOS.key_concern == "Profit and loss impact"
    assert Stage.PROOF_OF_CONCEPT.label == "Proof of concept"
    assert NecessityOutcome.NOT_JUSTIFIED.label == "Not justified — reconsider"
    assert ActionStatus.IN_PROGRESS.label == "In progress"
    assert Band.DEVELOPING.label == "Developing"
    assert PatternId.PILOT_TRAP.label == "AI Pilot Trap"


def test_a_member_without_a_label_is_refused_when_the_enum_is_defined() -> None:
    with pytest.raises(TypeError, match="'draft' needs a label"):

        class Unlabelled(LabelledEnum):
            DRAFT = "draft"


def test_each_group_keeps_the_papers_key_concern() -> None:
    """Section 3's table: what each stakeholder group worries about most, in its own terms."""
    from avi_desktop.model.domain import StakeholderGroup

    concerns = {group: group.key_concern for group in StakeholderGroup}
    assert concerns[StakeholderGroup.POLICYMAKERS] == "National interest"
    assert concerns[StakeholderGroup.BOARDS] == "Auditability and fiduciary duty"
    assert concerns[StakeholderGroup.COMMUNITIES] == "Dignity and agency"
    assert all(group.primary_view for group in StakeholderGroup)
