"""The framework's vocabulary: layers, stakeholder groups, stages, outcomes and imperatives.

Every enum value is the stable key used in the portfolio file, the JSON and CSV exports and the
instrument files; ``label`` is the text users read (``title`` would shadow ``str.title``). The
wording follows the founding paper.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A StrEnum whose members are declared as ``KEY = "stored key", "Label users read"``.

    The value stays the stored key alone, so files, exports and comparisons with plain strings
    are unchanged; ``label`` is declared beside it instead of in a separate dictionary.
    """

    _value_: str
    _label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # Runs once per member, when the class is defined (``Stage("pilot")`` is a lookup and
        # never gets here); ``label`` has a default only so that type checkers read such a
        # lookup as a call with one argument.
        if not label:
            raise TypeError(f"{cls.__name__} member '{value}' needs a label")
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return self._label


class Layer(LabelledEnum):
    """The four nested layers, from the centre outwards."""

    TECHNOLOGY = "technology", "Technology Capability"
    LEADERSHIP = "leadership", "Leadership Alignment"
    ORGANISATION = "organisation", "Organisational Capability"
    TRUST = "trust", "Societal Trust"

    @property
    def verb(self) -> str:
        """The paper's one-word role: technology enables, leadership defines, ..."""
        return _LAYER_VERBS[self]


LAYERS: tuple[Layer, ...] = (Layer.TECHNOLOGY, Layer.LEADERSHIP, Layer.ORGANISATION, Layer.TRUST)

_LAYER_VERBS = {
    Layer.TECHNOLOGY: "enables",
    Layer.LEADERSHIP: "defines",
    Layer.ORGANISATION: "translates",
    Layer.TRUST: "legitimises",
}


class StakeholderGroup(LabelledEnum):
    """The ten stakeholder groups of the paper's section 3, each with its own view of value."""

    BOARDS = "boards", "Boards"
    CEOS = "ceos", "CEOs"
    CFOS = "cfos", "CFOs"
    CTOS_CIOS = "ctos_cios", "CTOs / CIOs"
    NON_TECHNICAL_CXOS = "non_technical_cxos", "Non-technical CXOs"
    EMPLOYEES = "employees", "Employees"
    CUSTOMERS = "customers", "Customers"
    REGULATORS = "regulators", "Regulators"
    POLICYMAKERS = "policymakers", "Policymakers"
    COMMUNITIES = "communities", "Communities"

    @property
    def primary_view(self) -> str:
        return _VIEWS[self][0]

    @property
    def key_concern(self) -> str:
        return _VIEWS[self][1]


# Each group's primary view of value and its key concern (the paper's table 1).
_VIEWS = {
    StakeholderGroup.BOARDS: (
        "Long-term value protection, risk oversight and accountable governance",
        "Auditability and fiduciary duty",
    ),
    StakeholderGroup.CEOS: (
        "Strategic advantage and competitive differentiation",
        "Market position",
    ),
    StakeholderGroup.CFOS: (
        "Financial return and demonstrable cost reduction",
        "Profit and loss impact",
    ),
    StakeholderGroup.CTOS_CIOS: (
        "Technical performance, reliability and scalability",
        "Robust systems",
    ),
    StakeholderGroup.NON_TECHNICAL_CXOS: (
        "Operational, human and market outcomes",
        "Real-world impact",
    ),
    StakeholderGroup.EMPLOYEES: (
        "Job security, skill development and meaningful work",
        "Fairness and transparency",
    ),
    StakeholderGroup.CUSTOMERS: (
        "Trust, reliability, personalisation and quality of experience",
        "Ethical use",
    ),
    StakeholderGroup.REGULATORS: (
        "Compliance, risk mitigation and enforceable accountability",
        "Lawful operation",
    ),
    StakeholderGroup.POLICYMAKERS: (
        "Societal outcomes, economic direction and public legitimacy",
        "National interest",
    ),
    StakeholderGroup.COMMUNITIES: (
        "Social trust, lived impact and ethical acceptability",
        "Dignity and agency",
    ),
}


class Stage(LabelledEnum):
    """Where an initiative stands in its life."""

    IDEA = "idea", "Idea"
    PROOF_OF_CONCEPT = "proof_of_concept", "Proof of concept"
    PILOT = "pilot", "Pilot"
    PRODUCTION = "production", "Production"
    SCALED = "scaled", "Scaled"
    PAUSED = "paused", "Paused"
    RETIRED = "retired", "Retired"


class NecessityOutcome(LabelledEnum):
    """Whether AI is the right tool for the problem (the paper's necessity assessment)."""

    JUSTIFIED = "justified", "Justified"
    JUSTIFIED_WITH_CONDITIONS = "justified_with_conditions", "Justified with conditions"
    NOT_JUSTIFIED = "not_justified", "Not justified — reconsider"
    INSUFFICIENT_INFORMATION = "insufficient_information", "Insufficient information"


class AssessmentMode(LabelledEnum):
    """One respondent at a time, or a whole workshop answering together."""

    INDIVIDUAL = "individual", "Individual"
    WORKSHOP = "workshop", "Workshop"


class AssessmentStatus(LabelledEnum):
    """A closed assessment is read-only."""

    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Band(LabelledEnum):
    """Aligned when S >= target, developing when S >= target - 20, gap below that."""

    ALIGNED = "aligned", "Aligned"
    DEVELOPING = "developing", "Developing"
    GAP = "gap", "Gap"


class Imperative(LabelledEnum):
    """The four leadership imperatives of the paper's section 8."""

    DEFINE_VALUE = "define_value", "Define value before deploying capability"
    ALIGN_LEADERSHIP = "align_leadership", "Align leadership priorities before scaling"
    INVEST_CAPABILITY = (
        "invest_capability",
        "Invest in organisational capability as a strategic priority",
    )
    MEASURE_VALUE = "measure_value", "Measure value beyond technical metrics"


class ActionStatus(LabelledEnum):
    """Where a follow-up action stands."""

    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


# An action in one of these is finished: it is never overdue.
CLOSED_ACTIONS: frozenset[ActionStatus] = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


class ValueStance(LabelledEnum):
    """How one decision related to one stated value (the values decision audit)."""

    UPHELD = "upheld", "Upheld"
    DEPARTED = "departed", "Departed"


class PatternId(LabelledEnum):
    """The seven misalignment patterns of the paper's section 6."""

    PILOT_TRAP = "pilot_trap", "AI Pilot Trap"
    AI_THEATRE = "ai_theatre", "AI Theatre"
    VALUE_FRAGMENTATION = "value_fragmentation", "Value Fragmentation"
    TRUST_CEILING = "trust_ceiling", "Trust Ceiling"
    COORDINATION_FAILURE = "coordination_failure", "Coordination Failure"
    MOMENTUM_WITHOUT_DIRECTION = "momentum_without_direction", "Momentum without Direction"
    ETHICAL_DRIFT = "ethical_drift", "Ethical Drift"


DEFAULT_TARGET = 75.0
DEVELOPING_MARGIN = 20.0
DEFAULT_CLASSIFICATION = "CONFIDENTIAL"
