"""The bundled demo portfolio: a fictional insurer's AI initiatives, built through the store.

Harbourline Mutual is invented. Its thirteen initiatives cover every stage, every necessity outcome
and each of the seven misalignment patterns, including a workshop where leaders disagree and an
initiative assessed twice so change over time shows. Answers are generated from per-layer score
profiles with a seeded random source, so the same build always gives the same answers.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from avi_desktop.model.domain import (
    LAYERS,
    AssessmentMode,
    AssessmentStatus,
    Imperative,
    Layer,
    NecessityOutcome,
    Stage,
    StakeholderGroup,
    ValueStance,
)
from avi_desktop.model.errors import PortfolioError
from avi_desktop.model.instrument import Instrument, bundled_instrument
from avi_desktop.model.store import PortfolioStore

ORGANISATION = "Harbourline Mutual"
G = StakeholderGroup


@dataclass(frozen=True)
class _Respondent:
    name: str
    role: str
    group: StakeholderGroup
    # Shift of this respondent's answers, per layer, in scale points (-2 .. +2).
    bias: Mapping[Layer, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Assessment:
    title: str
    assessed_on: date
    # Intended layer score (0-100) around which answers are drawn.
    profile: Mapping[Layer, float]
    respondents: tuple[_Respondent, ...]
    # Item tag -> intended item score on the 1-5 scale, overriding the layer profile.
    tag_scores: Mapping[str, float] = field(default_factory=dict)
    noise: float = 0.45
    mode: AssessmentMode = AssessmentMode.INDIVIDUAL


@dataclass(frozen=True)
class _Necessity:
    outcome: NecessityOutcome
    rationale: str
    decided_by: str
    decided_on: date
    conditions: tuple[str, ...] = ()
    # Knock-out answers to give, by meaning: "no_problem" or "simpler_option".
    knockout: str = ""


@dataclass(frozen=True)
class _Initiative:
    name: str
    description: str
    business_problem: str
    expected_output: str
    output_use: str
    business_unit: str
    business_owner: str
    data_ai_partner: str
    sponsor: str
    stage: Stage
    stage_since: date
    kpi_name: str = ""
    kpi_unit: str = ""
    kpi_baseline: float | None = None
    kpi_target: float | None = None
    investment: float | None = None
    groups: tuple[StakeholderGroup, ...] = ()
    tags: tuple[str, ...] = ()
    necessity: _Necessity | None = None
    assessments: tuple[_Assessment, ...] = ()
    actions: tuple[tuple[Imperative, str, str, date | None], ...] = ()


def _one(name: str, role: str, group: StakeholderGroup) -> tuple[_Respondent, ...]:
    return (_Respondent(name, role, group),)


def _profile(tech: float, lead: float, org: float, trust: float) -> dict[Layer, float]:
    return dict(zip(LAYERS, (tech, lead, org, trust), strict=True))


_WORKSHOP = (
    # Technology and finance leaders see a clear case; the people who will use it do not.
    _Respondent("P01", "Chief Financial Officer", G.CFOS, {Layer.LEADERSHIP: 1.1}),
    _Respondent("P02", "Chief Information Officer", G.CTOS_CIOS, {Layer.LEADERSHIP: 1.2}),
    _Respondent("P03", "Head of Data Science", G.CTOS_CIOS, {Layer.LEADERSHIP: 1.4}),
    _Respondent("P04", "Non-executive director", G.BOARDS, {Layer.LEADERSHIP: -0.2}),
    _Respondent("P05", "Chief Operating Officer", G.NON_TECHNICAL_CXOS, {Layer.LEADERSHIP: 0.1}),
    _Respondent(
        "P06", "Claims investigator", G.EMPLOYEES, {Layer.LEADERSHIP: -1.7, Layer.TRUST: -1.0}
    ),
    _Respondent(
        "P07", "Claims team leader", G.EMPLOYEES, {Layer.LEADERSHIP: -1.5, Layer.TRUST: -0.8}
    ),
    _Respondent(
        "P08", "Customer advocate", G.CUSTOMERS, {Layer.LEADERSHIP: -1.4, Layer.TRUST: -1.2}
    ),
)

INITIATIVES: tuple[_Initiative, ...] = (
    _Initiative(
        name="Claims triage assistant",
        description="Sorts incoming motor claims by complexity so simple ones settle same-day.",
        business_problem="Simple claims wait in the same queue as complex ones; customers wait "
        "eleven days on average for a settlement decision.",
        expected_output="A complexity grade and a suggested handling route for each new claim.",
        output_use="Claims handlers see the grade in the claims system and accept or override "
        "the route; overrides are reviewed weekly.",
        business_unit="Claims",
        business_owner="Maria Okafor (Director of Claims)",
        data_ai_partner="Tom Reilly (Head of Data Science)",
        sponsor="Chief Operating Officer",
        stage=Stage.PRODUCTION,
        stage_since=date(2025, 11, 3),
        kpi_name="Median days to settlement decision (simple claims)",
        kpi_unit="days",
        kpi_baseline=11.0,
        kpi_target=2.0,
        investment=640_000,
        groups=(G.EMPLOYEES, G.CUSTOMERS, G.REGULATORS),
        tags=("claims", "operations"),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED,
            "High volume, a measurable outcome, historical labels of good quality and a human "
            "who confirms every route: a good fit for a predictive model.",
            "Executive Risk Committee",
            date(2024, 9, 12),
        ),
        assessments=(
            _Assessment(
                "Baseline before go-live",
                date(2025, 9, 15),
                _profile(78, 62, 48, 58),
                _one("Maria Okafor", "Director of Claims", G.NON_TECHNICAL_CXOS),
            ),
            _Assessment(
                "Six months in production",
                date(2026, 5, 18),
                _profile(84, 79, 71, 74),
                _one("Maria Okafor", "Director of Claims", G.NON_TECHNICAL_CXOS),
            ),
        ),
        actions=(
            (
                Imperative.INVEST_CAPABILITY,
                "Train the remaining two claims teams on reading and overriding the grade",
                "Maria Okafor",
                date(2026, 12, 15),
            ),
            (
                Imperative.MEASURE_VALUE,
                "Add customer satisfaction on settled simple claims to the monthly scorecard",
                "Tom Reilly",
                date(2026, 10, 30),
            ),
        ),
    ),
    _Initiative(
        name="Fraud signal detection",
        description="Flags claims with patterns associated with organised fraud for investigation.",
        business_problem="Organised fraud rings cost an estimated 4 % of motor claims spend.",
        expected_output="A ranked list of claims and networks worth investigating.",
        output_use="The special investigations unit reviews the top of the list each morning.",
        business_unit="Claims",
        business_owner="Priya Shah (Head of Special Investigations)",
        data_ai_partner="Tom Reilly (Head of Data Science)",
        sponsor="Chief Financial Officer",
        stage=Stage.PILOT,
        stage_since=date(2026, 6, 1),
        kpi_name="Confirmed fraud value identified per quarter",
        kpi_unit="GBP thousands",
        kpi_baseline=850,
        kpi_target=1400,
        investment=410_000,
        groups=(G.EMPLOYEES, G.CUSTOMERS, G.REGULATORS),
        tags=("claims", "fraud"),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
            "Network patterns are hard to catch with rules alone, but wrongly flagged honest "
            "customers would be harmed.",
            "Executive Risk Committee",
            date(2026, 2, 20),
            conditions=(
                "No claim is declined on the model's flag alone.",
                "A fairness review across postcodes before any scale-up.",
            ),
        ),
        assessments=(
            _Assessment(
                "Leadership and frontline workshop",
                date(2026, 9, 8),
                _profile(76, 58, 55, 50),
                _WORKSHOP,
                noise=0.55,
                mode=AssessmentMode.WORKSHOP,
            ),
        ),
        actions=(
            (
                Imperative.ALIGN_LEADERSHIP,
                "Hold a structured session on what success means for investigators and finance",
                "Chief Financial Officer",
                date(2026, 11, 30),
            ),
        ),
    ),
    _Initiative(
        name="Underwriting risk scorer",
        description="Scores commercial property risks from survey reports and loss history.",
        business_problem="Underwriters spend two days per complex risk reading survey reports.",
        expected_output="A risk score with the survey passages that drove it.",
        output_use="Underwriters use the score to decide which risks need a full review.",
        business_unit="Commercial Underwriting",
        business_owner="James Whitfield (Chief Underwriting Officer)",
        data_ai_partner="Analytics Centre of Excellence",
        sponsor="Chief Executive",
        stage=Stage.PILOT,
        stage_since=date(2025, 7, 14),
        kpi_name="Underwriter hours per complex risk",
        kpi_unit="hours",
        kpi_baseline=16,
        kpi_target=6,
        investment=1_250_000,
        groups=(G.EMPLOYEES, G.CUSTOMERS),
        tags=("underwriting",),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED,
            "Unstructured survey text at volume; no rule-based alternative reads it.",
            "Underwriting Committee",
            date(2025, 3, 3),
        ),
        assessments=(
            _Assessment(
                "Pilot review",
                date(2026, 8, 25),
                _profile(86, 70, 40, 66),
                _one("James Whitfield", "Chief Underwriting Officer", G.NON_TECHNICAL_CXOS),
            ),
        ),
        actions=(
            (
                Imperative.INVEST_CAPABILITY,
                "Redesign the referral process with underwriters before extending the pilot",
                "James Whitfield",
                date(2027, 1, 31),
            ),
        ),
    ),
    _Initiative(
        name="Customer service chatbot",
        description="Answers policy questions on the website and app around the clock.",
        business_problem="Call volumes peak outside office hours and most calls are routine "
        "policy questions.",
        expected_output="Answers to routine questions, with a hand-over to an agent.",
        output_use="Customers act on the answer directly; agents take over hand-overs.",
        business_unit="Customer Service",
        business_owner="Hannah Cole (Director of Customer Experience)",
        data_ai_partner="Digital Channels team",
        sponsor="Chief Executive",
        stage=Stage.PRODUCTION,
        stage_since=date(2025, 4, 1),
        kpi_name="Share of routine contacts resolved without an agent",
        kpi_unit="%",
        kpi_baseline=0,
        kpi_target=40,
        investment=380_000,
        groups=(G.CUSTOMERS, G.EMPLOYEES, G.REGULATORS),
        tags=("customer", "generative"),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
            "Routine questions at volume suit a conversational assistant if customers always "
            "know they talk to a machine.",
            "Customer Committee",
            date(2024, 10, 8),
            conditions=("Every conversation says it is automated and offers a person.",),
        ),
        assessments=(
            _Assessment(
                "Annual review",
                date(2026, 7, 1),
                _profile(82, 74, 68, 38),
                _one("Hannah Cole", "Director of Customer Experience", G.NON_TECHNICAL_CXOS),
            ),
        ),
    ),
    _Initiative(
        name="CV screening for contact-centre hiring",
        description="Ranks applications for contact-centre roles.",
        business_problem="Recruiters receive 3,000 applications a month for 60 roles.",
        expected_output="A shortlist ranking of applicants.",
        output_use="Recruiters interview from the top of the ranking.",
        business_unit="People",
        business_owner="Daniel Moss (HR Operations Lead)",
        data_ai_partner="Vendor-provided model",
        sponsor="Chief People Officer",
        stage=Stage.SCALED,
        stage_since=date(2025, 2, 10),
        kpi_name="Time to hire",
        kpi_unit="days",
        kpi_baseline=38,
        kpi_target=21,
        investment=150_000,
        groups=(G.EMPLOYEES, G.COMMUNITIES, G.REGULATORS),
        tags=("people", "vendor"),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
            "Volume justifies support for recruiters; the risk of unfair exclusion needs controls.",
            "People Committee",
            date(2024, 11, 19),
            conditions=("Quarterly adverse-impact testing.", "Human review of every rejection."),
        ),
        assessments=(
            _Assessment(
                "Governance review",
                date(2026, 6, 12),
                _profile(70, 64, 58, 45),
                _one("Daniel Moss", "HR Operations Lead", G.NON_TECHNICAL_CXOS),
                tag_scores={"ethics": 1.8, "governance": 2.2},
            ),
        ),
    ),
    _Initiative(
        name="Dynamic pricing optimisation",
        description="Optimises home insurance renewal prices within regulatory limits.",
        business_problem="Renewal margins vary widely between similar customers.",
        expected_output="Recommended renewal price adjustments per policy.",
        output_use="Pricing analysts load approved adjustments into the rating engine.",
        business_unit="Pricing",
        business_owner="",
        data_ai_partner="Pricing Analytics",
        sponsor="Chief Financial Officer",
        stage=Stage.PROOF_OF_CONCEPT,
        stage_since=date(2026, 6, 20),
        kpi_name="Renewal margin variance",
        kpi_unit="percentage points",
        kpi_baseline=9,
        kpi_target=5,
        investment=220_000,
        groups=(G.CUSTOMERS, G.REGULATORS),
        tags=("pricing",),
        necessity=_Necessity(
            NecessityOutcome.INSUFFICIENT_INFORMATION,
            "Who owns the business outcome and how prices would be checked for fair value to "
            "customers are not yet settled.",
            "Pricing Committee",
            date(2026, 5, 28),
        ),
        assessments=(
            _Assessment(
                "Proof-of-concept checkpoint",
                date(2026, 9, 30),
                _profile(72, 55, 52, 50),
                _one("Aisha Karim", "Pricing Analytics Manager", G.CTOS_CIOS),
                tag_scores={"coordination": 1.6, "accountability": 1.8},
            ),
        ),
    ),
    _Initiative(
        name="Generative knowledge assistant",
        description="Answers staff questions from policy wordings and procedures.",
        business_problem="",
        expected_output="Answers to staff questions with links to source documents.",
        output_use="",
        business_unit="Operations",
        business_owner="Innovation Lab",
        data_ai_partner="Innovation Lab",
        sponsor="Chief Executive",
        stage=Stage.PILOT,
        stage_since=date(2026, 3, 2),
        investment=510_000,
        groups=(G.EMPLOYEES,),
        tags=("generative", "productivity"),
        assessments=(
            _Assessment(
                "Pilot pulse check",
                date(2026, 8, 4),
                _profile(74, 42, 46, 55),
                _one("Innovation Lab lead", "Head of Innovation", G.CTOS_CIOS),
            ),
        ),
    ),
    _Initiative(
        name="Broker email summarisation",
        description="Summarises long broker email threads for account managers.",
        business_problem="Account managers lose time reconstructing long broker threads.",
        expected_output="A summary of each thread with open requests.",
        output_use="",
        business_unit="Broker Distribution",
        business_owner="Leo Grant (Head of Broker Relations)",
        data_ai_partner="Digital Channels team",
        sponsor="Chief Distribution Officer",
        stage=Stage.PROOF_OF_CONCEPT,
        stage_since=date(2026, 8, 11),
        investment=45_000,
        groups=(G.EMPLOYEES, G.CUSTOMERS),
        tags=("generative",),
        necessity=_Necessity(
            NecessityOutcome.NOT_JUSTIFIED,
            "A shared inbox with thread tags and the existing CRM timeline meets the need at a "
            "fraction of the cost.",
            "Distribution Leadership Team",
            date(2026, 9, 2),
            knockout="simpler_option",
        ),
    ),
    _Initiative(
        name="Telematics driving score",
        description="Scores driving behaviour from app telematics for young-driver policies.",
        business_problem="Young drivers' premiums are high and do not reward safe driving.",
        expected_output="A monthly driving score per policy.",
        output_use="Scores above threshold earn a renewal discount.",
        business_unit="Personal Lines",
        business_owner="Sofia Marin (Director of Personal Lines)",
        data_ai_partner="Telematics partner",
        sponsor="Chief Executive",
        stage=Stage.PROOF_OF_CONCEPT,
        stage_since=date(2026, 10, 1),
        kpi_name="Claims frequency, young drivers",
        kpi_unit="claims per 100 policies",
        kpi_baseline=14,
        kpi_target=11,
        groups=(G.CUSTOMERS, G.REGULATORS, G.COMMUNITIES),
        tags=("motor",),
    ),
    _Initiative(
        name="Subrogation recovery predictor",
        description="Predicts which paid claims can be recovered from third parties.",
        business_problem="Recoverable claims are missed because review is manual.",
        expected_output="A recovery likelihood per paid claim.",
        output_use="The recoveries team works the list in order.",
        business_unit="Claims",
        business_owner="Maria Okafor (Director of Claims)",
        data_ai_partner="Tom Reilly (Head of Data Science)",
        sponsor="Chief Financial Officer",
        stage=Stage.IDEA,
        stage_since=date(2026, 9, 15),
        kpi_name="Recoveries per year",
        kpi_unit="GBP thousands",
        kpi_baseline=2100,
        kpi_target=2600,
        groups=(G.EMPLOYEES,),
        tags=("claims",),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED,
            "Clear financial outcome, labelled history, and a team ready to act on the list.",
            "Claims Leadership Team",
            date(2026, 10, 6),
        ),
    ),
    _Initiative(
        name="Voice analytics for complaints",
        description="Detects complaint signals in recorded calls.",
        business_problem="Complaints expressed on calls are not always logged.",
        expected_output="Flags on calls that contain an unlogged complaint.",
        output_use="Team leaders review flagged calls.",
        business_unit="Customer Service",
        business_owner="Hannah Cole (Director of Customer Experience)",
        data_ai_partner="Speech analytics vendor",
        sponsor="Chief Risk Officer",
        stage=Stage.PAUSED,
        stage_since=date(2026, 4, 20),
        kpi_name="Share of complaints logged",
        kpi_unit="%",
        kpi_baseline=72,
        kpi_target=95,
        investment=290_000,
        groups=(G.EMPLOYEES, G.CUSTOMERS, G.REGULATORS),
        tags=("customer", "conduct"),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
            "Regulatory duty to log complaints; call volume is beyond manual review.",
            "Conduct Risk Committee",
            date(2025, 6, 2),
            conditions=("Staff consultation before any individual performance use.",),
        ),
    ),
    _Initiative(
        name="Marketing content generator",
        description="Drafts campaign copy and social posts with a generative model.",
        business_problem="",
        expected_output="Draft copy for campaigns.",
        output_use="",
        business_unit="Marketing",
        business_owner="Chloe Bennett (Head of Brand)",
        data_ai_partner="Creative agency",
        sponsor="Chief Marketing Officer",
        stage=Stage.PILOT,
        stage_since=date(2026, 7, 6),
        investment=120_000,
        groups=(G.CUSTOMERS,),
        tags=("generative", "marketing"),
    ),
    _Initiative(
        name="Legacy document OCR",
        description="Digitised archived paper policy files.",
        business_problem="Archived paper files took days to retrieve for claims.",
        expected_output="Searchable text of archived files.",
        output_use="Claims handlers search the archive directly.",
        business_unit="Operations",
        business_owner="Operations Director",
        data_ai_partner="IT Operations",
        sponsor="Chief Operating Officer",
        stage=Stage.RETIRED,
        stage_since=date(2025, 12, 31),
        kpi_name="Archive retrieval time",
        kpi_unit="hours",
        kpi_baseline=72,
        kpi_target=1,
        investment=95_000,
        groups=(G.EMPLOYEES,),
        tags=("operations",),
        necessity=_Necessity(
            NecessityOutcome.JUSTIFIED,
            "Proven recognition technology for a one-off digitisation.",
            "Operations Board",
            date(2023, 5, 10),
        ),
    ),
)

STATED_VALUES: tuple[tuple[str, str], ...] = (
    (
        "Human judgement stays accountable",
        "A named person answers for every decision an AI system informs.",
    ),
    ("Fair to every customer", "No customer is disadvantaged by who they are or where they live."),
    ("Open about AI", "Customers and colleagues know when AI is involved and can ask a person."),
    (
        "Value before technology",
        "AI is built only for a defined problem with a measurable outcome.",
    ),
    ("Colleagues come with us", "People affected by AI are consulted and trained before it lands."),
)

# (initiative name, date, title, situation, actual logic, cost of the decision not made,
#  decided by, {value name: stance})
DECISIONS = (
    (
        "Customer service chatbot",
        date(2026, 2, 11),
        "Removed the 'talk to a person' button from the first screen",
        "Hand-over volumes were above plan and agent costs were over budget.",
        "Quarterly cost target for the contact centre.",
        "Keeping the button would have cost about 1.5 agents a month; it would have kept faith "
        "with customers who prefer a person.",
        "Director of Customer Experience",
        {"Open about AI": ValueStance.DEPARTED, "Fair to every customer": ValueStance.DEPARTED},
    ),
    (
        "CV screening for contact-centre hiring",
        date(2026, 3, 4),
        "Postponed the quarterly adverse-impact test",
        "The vendor's report was late and hiring targets for spring were at risk.",
        "Hiring volume for the spring campaign.",
        "Waiting would have delayed 40 hires by three weeks; testing would have shown whether "
        "older applicants were screened out.",
        "HR Operations Lead",
        {
            "Fair to every customer": ValueStance.DEPARTED,
            "Human judgement stays accountable": ValueStance.DEPARTED,
        },
    ),
    (
        "Claims triage assistant",
        date(2025, 10, 20),
        "Delayed go-live by six weeks to train claims handlers",
        "The model was ready; handlers had not yet been trained to override it.",
        "Handlers must be able to challenge the grade before it goes live.",
        "Six weeks of benefits, about 90,000 GBP, were forgone.",
        "Director of Claims",
        {
            "Colleagues come with us": ValueStance.UPHELD,
            "Human judgement stays accountable": ValueStance.UPHELD,
        },
    ),
    (
        "Broker email summarisation",
        date(2026, 9, 2),
        "Stopped the proof of concept in favour of inbox tagging",
        "The necessity assessment found a simpler option that met the need.",
        "Value before technology, applied as written.",
        "None: the simpler option was cheaper.",
        "Distribution Leadership Team",
        {"Value before technology": ValueStance.UPHELD},
    ),
    (
        "Generative knowledge assistant",
        date(2026, 4, 14),
        "Extended the pilot to all of Operations without a defined problem or KPI",
        "The pilot was popular in demonstrations and the board had asked for AI progress.",
        "Visible AI progress for the board report.",
        "Defining the problem first would have delayed the extension by a quarter.",
        "Chief Executive",
        {"Value before technology": ValueStance.DEPARTED},
    ),
)


def _draw(rng: random.Random, centre: float, noise: float) -> int:
    return max(1, min(5, round(rng.gauss(centre, noise))))


def _answers(
    instrument: Instrument, spec: _Assessment, respondent: _Respondent, rng: random.Random
) -> dict[str, int | None]:
    answers: dict[str, int | None] = {}
    for layer_spec in instrument.layers:
        centre = (
            1
            + 4 * spec.profile[layer_spec.layer] / 100
            + respondent.bias.get(layer_spec.layer, 0.0)
        )
        for item in layer_spec.items:
            wanted = centre
            for tag in item.tags:
                if tag in spec.tag_scores:
                    wanted = min(wanted, spec.tag_scores[tag] + respondent.bias.get(item.layer, 0))
            score = _draw(rng, wanted, spec.noise)
            # Reverse-keyed items are worded negatively: a good state is a low raw answer.
            answers[item.id] = 6 - score if item.reverse else score
    return answers


def build_demo(path: Path, *, instrument: Instrument | None = None) -> None:
    """Write the demo portfolio to ``path`` (which must not exist yet)."""
    if path.exists():
        raise PortfolioError(f"{path} already exists; choose another file name or delete it.")
    instrument = instrument or bundled_instrument()
    rng = random.Random(20261123)
    with PortfolioStore.create(path, organisation=ORGANISATION) as store:
        store.update_settings(classification="CONFIDENTIAL — BOARD USE ONLY")
        value_ids = {
            name: store.add_stated_value(name, description) for name, description in STATED_VALUES
        }
        ids: dict[str, str] = {}
        for spec in INITIATIVES:
            ids[spec.name] = _add_initiative(store, instrument, spec, rng)
        for name, on, title, situation, logic, cost, by, stances in DECISIONS:
            store.add_decision(
                ids[name],
                decided_on=on,
                title=title,
                situation=situation,
                actual_logic=logic,
                cost_of_decision_not_made=cost,
                decided_by=by,
                stances={value_ids[value]: stance for value, stance in stances.items()},
            )


def _add_initiative(
    store: PortfolioStore, instrument: Instrument, spec: _Initiative, rng: random.Random
) -> str:
    initiative_id = store.add_initiative(
        name=spec.name,
        description=spec.description,
        business_problem=spec.business_problem,
        expected_output=spec.expected_output,
        output_use=spec.output_use,
        kpi_name=spec.kpi_name,
        kpi_unit=spec.kpi_unit,
        kpi_baseline=spec.kpi_baseline,
        kpi_target=spec.kpi_target,
        business_unit=spec.business_unit,
        business_owner=spec.business_owner,
        data_ai_partner=spec.data_ai_partner,
        sponsor=spec.sponsor,
        stage=spec.stage,
        stage_since=spec.stage_since,
        investment_to_date=spec.investment,
        affected_groups=[group.value for group in spec.groups],
        tags=list(spec.tags),
    )
    if spec.necessity is not None:
        _add_necessity(store, initiative_id, spec)
    for assessment in spec.assessments:
        assessment_id = store.create_assessment(
            initiative_id,
            title=assessment.title,
            instrument=instrument,
            assessed_on=assessment.assessed_on,
            mode=assessment.mode,
        )
        for respondent in assessment.respondents:
            respondent_id = store.add_respondent(
                assessment_id, name=respondent.name, group=respondent.group, role=respondent.role
            )
            store.set_answers(respondent_id, _answers(instrument, assessment, respondent, rng))
        store.set_assessment_status(assessment_id, AssessmentStatus.CLOSED)
    for imperative, title, owner, due in spec.actions:
        store.add_action(initiative_id, imperative=imperative, title=title, owner=owner, due_on=due)
    return initiative_id


def _add_necessity(store: PortfolioStore, initiative_id: str, spec: _Initiative) -> None:
    necessity = spec.necessity
    assert necessity is not None
    store.add_necessity(
        initiative_id,
        answers=necessity_answers(spec, necessity),
        outcome=necessity.outcome,
        conditions=list(necessity.conditions),
        rationale=necessity.rationale,
        decided_by=necessity.decided_by,
        decided_on=necessity.decided_on,
    )


def necessity_answers(spec: _Initiative, necessity: _Necessity) -> dict[str, object]:
    """Answers to the bundled necessity instrument, consistent with the initiative's fields.

    An *Insufficient information* outcome leaves the accountable owner unanswered, as the
    initiative record does; a knock-out gives the answer that forces *Not justified*.
    """
    justified = necessity.outcome in (
        NecessityOutcome.JUSTIFIED,
        NecessityOutcome.JUSTIFIED_WITH_CONDITIONS,
    )
    answers: dict[str, object] = {
        "problem_defined": necessity.knockout != "no_problem",
        "problem_statement": spec.business_problem,
        "kpi_name": spec.kpi_name,
        "alternatives_considered": "Process redesign, business rules in the existing system, "
        "and additional staff.",
        "simpler_option_meets_need": necessity.knockout == "simpler_option",
        "alternatives_shortfall": necessity.rationale if justified else "",
        "uncertainty": "high" if justified else "moderate",
        "error_tolerance": "moderate" if justified else "low",
        "explanation_need": "important",
        "data_readiness": "ready" if justified else "unproven",
        "data_rights": True,
        "output_actor": f"{spec.business_unit} team" if spec.output_use else "",
        "workflow_entry": spec.output_use,
        "business_owner": spec.business_owner,
        "data_ai_partner": spec.data_ai_partner,
        "beneficiaries": ", ".join(group.label for group in spec.groups),
        "bears_risk": "Customers and the business unit",
    }
    if spec.kpi_baseline is not None:
        answers["kpi_baseline"] = spec.kpi_baseline
    if spec.kpi_target is not None:
        answers["kpi_target"] = spec.kpi_target
    return {key: value for key, value in answers.items() if value != ""}
