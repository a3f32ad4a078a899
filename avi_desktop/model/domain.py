"""The framework's vocabulary: layers, stakeholder groups, stages, outcomes and imperatives.

Every enum value is the stable key used in the portfolio file, the JSON and CSV exports and the
instrument files; ``label`` is the text users read (``title`` would shadow ``str.title``). The
wording follows the founding paper.
"""

from __future__ import annotations

from enum import StrEnum


class Layer(StrEnum):
    """The four nested layers, from the centre outwards."""

    TECHNOLOGY = "technology"
    LEADERSHIP = "leadership"
    ORGANISATION = "organisation"
    TRUST = "trust"

    @property
    def label(self) -> str:
        return _LAYER_TITLES[self]

    @property
    def verb(self) -> str:
        """The paper's one-word role: technology enables, leadership defines, ..."""
        return _LAYER_VERBS[self]


LAYERS: tuple[Layer, ...] = (Layer.TECHNOLOGY, Layer.LEADERSHIP, Layer.ORGANISATION, Layer.TRUST)

_LAYER_TITLES = {
    Layer.TECHNOLOGY: "Technology Capability",
    Layer.LEADERSHIP: "Leadership Alignment",
    Layer.ORGANISATION: "Organisational Capability",
    Layer.TRUST: "Societal Trust",
}
_LAYER_VERBS = {
    Layer.TECHNOLOGY: "enables",
    Layer.LEADERSHIP: "defines",
    Layer.ORGANISATION: "translates",
    Layer.TRUST: "legitimises",
}


class StakeholderGroup(StrEnum):
    """The ten stakeholder groups of the paper's section 3, each with its own view of value."""

    BOARDS = "boards"
    CEOS = "ceos"
    CFOS = "cfos"
    CTOS_CIOS = "ctos_cios"
    NON_TECHNICAL_CXOS = "non_technical_cxos"
    EMPLOYEES = "employees"
    CUSTOMERS = "customers"
    REGULATORS = "regulators"
    POLICYMAKERS = "policymakers"
    COMMUNITIES = "communities"

    @property
    def label(self) -> str:
        return _GROUPS[self][0]

    @property
    def primary_view(self) -> str:
        return _GROUPS[self][1]

    @property
    def key_concern(self) -> str:
        return _GROUPS[self][2]


_GROUPS = {
    StakeholderGroup.BOARDS: (
        "Boards",
        "Long-term value protection, risk oversight and accountable governance",
        "Auditability and fiduciary duty",
    ),
    StakeholderGroup.CEOS: (
        "CEOs",
        "Strategic advantage and competitive differentiation",
        "Market position",
    ),
    StakeholderGroup.CFOS: (
        "CFOs",
        "Financial return and demonstrable cost reduction",
        "Profit and loss impact",
    ),
    StakeholderGroup.CTOS_CIOS: (
        "CTOs / CIOs",
        "Technical performance, reliability and scalability",
        "Robust systems",
    ),
    StakeholderGroup.NON_TECHNICAL_CXOS: (
        "Non-technical CXOs",
        "Operational, human and market outcomes",
        "Real-world impact",
    ),
    StakeholderGroup.EMPLOYEES: (
        "Employees",
        "Job security, skill development and meaningful work",
        "Fairness and transparency",
    ),
    StakeholderGroup.CUSTOMERS: (
        "Customers",
        "Trust, reliability, personalisation and quality of experience",
        "Ethical use",
    ),
    StakeholderGroup.REGULATORS: (
        "Regulators",
        "Compliance, risk mitigation and enforceable accountability",
        "Lawful operation",
    ),
    StakeholderGroup.POLICYMAKERS: (
        "Policymakers",
        "Societal outcomes, economic direction and public legitimacy",
        "The public interest",
    ),
    StakeholderGroup.COMMUNITIES: (
        "Communities",
        "Social trust, lived impact and ethical acceptability",
        "Dignity and agency",
    ),
}


class Stage(StrEnum):
    """Where an initiative stands in its life."""

    IDEA = "idea"
    PROOF_OF_CONCEPT = "proof_of_concept"
    PILOT = "pilot"
    PRODUCTION = "production"
    SCALED = "scaled"
    PAUSED = "paused"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return _STAGE_TITLES[self]


_STAGE_TITLES = {
    Stage.IDEA: "Idea",
    Stage.PROOF_OF_CONCEPT: "Proof of concept",
    Stage.PILOT: "Pilot",
    Stage.PRODUCTION: "Production",
    Stage.SCALED: "Scaled",
    Stage.PAUSED: "Paused",
    Stage.RETIRED: "Retired",
}


class NecessityOutcome(StrEnum):
    """Whether AI is the right tool for the problem (the paper's necessity assessment)."""

    JUSTIFIED = "justified"
    JUSTIFIED_WITH_CONDITIONS = "justified_with_conditions"
    NOT_JUSTIFIED = "not_justified"
    INSUFFICIENT_INFORMATION = "insufficient_information"

    @property
    def label(self) -> str:
        return _OUTCOME_TITLES[self]


_OUTCOME_TITLES = {
    NecessityOutcome.JUSTIFIED: "Justified",
    NecessityOutcome.JUSTIFIED_WITH_CONDITIONS: "Justified with conditions",
    NecessityOutcome.NOT_JUSTIFIED: "Not justified — reconsider",
    NecessityOutcome.INSUFFICIENT_INFORMATION: "Insufficient information",
}


class AssessmentMode(StrEnum):
    INDIVIDUAL = "individual"
    WORKSHOP = "workshop"


class AssessmentStatus(StrEnum):
    """A closed assessment is read-only."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Band(StrEnum):
    """Aligned when S >= target, developing when S >= target - 20, gap below that."""

    ALIGNED = "aligned"
    DEVELOPING = "developing"
    GAP = "gap"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Imperative(StrEnum):
    """The four leadership imperatives of the paper's section 8."""

    DEFINE_VALUE = "define_value"
    ALIGN_LEADERSHIP = "align_leadership"
    INVEST_CAPABILITY = "invest_capability"
    MEASURE_VALUE = "measure_value"

    @property
    def label(self) -> str:
        return _IMPERATIVE_TITLES[self]


_IMPERATIVE_TITLES = {
    Imperative.DEFINE_VALUE: "Define value before deploying capability",
    Imperative.ALIGN_LEADERSHIP: "Align leadership priorities before scaling",
    Imperative.INVEST_CAPABILITY: "Invest in organisational capability as a strategic priority",
    Imperative.MEASURE_VALUE: "Measure value beyond technical metrics",
}


class ActionStatus(StrEnum):
    """Where a follow-up action stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class ValueStance(StrEnum):
    """How one decision related to one stated value (the values decision audit)."""

    UPHELD = "upheld"
    DEPARTED = "departed"


class PatternId(StrEnum):
    """The seven misalignment patterns of the paper's section 6."""

    PILOT_TRAP = "pilot_trap"
    AI_THEATRE = "ai_theatre"
    VALUE_FRAGMENTATION = "value_fragmentation"
    TRUST_CEILING = "trust_ceiling"
    COORDINATION_FAILURE = "coordination_failure"
    MOMENTUM_WITHOUT_DIRECTION = "momentum_without_direction"
    ETHICAL_DRIFT = "ethical_drift"

    @property
    def label(self) -> str:
        return _PATTERN_TITLES[self]


_PATTERN_TITLES = {
    PatternId.PILOT_TRAP: "AI Pilot Trap",
    PatternId.AI_THEATRE: "AI Theatre",
    PatternId.VALUE_FRAGMENTATION: "Value Fragmentation",
    PatternId.TRUST_CEILING: "Trust Ceiling",
    PatternId.COORDINATION_FAILURE: "Coordination Failure",
    PatternId.MOMENTUM_WITHOUT_DIRECTION: "Momentum without Direction",
    PatternId.ETHICAL_DRIFT: "Ethical Drift",
}

DEFAULT_TARGET = 75.0
DEVELOPING_MARGIN = 20.0
DEFAULT_CLASSIFICATION = "CONFIDENTIAL"
