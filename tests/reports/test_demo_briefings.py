"""Every briefing of the demo portfolio, written by the command line and read back.

One module-scoped run writes a briefing for each demo initiative, the committee paper, a
workshop summary for each workshop and the blank questionnaire; the tests then read the PDFs
with pdftotext, pypdf and pikepdf and hold them to the issue's bar: the label and "page x of y"
on every page, metadata set on purpose, fonts embedded, no raw values, a first page that holds
the whole summary, and every figure equal to the engine's (``score --json``).
"""

from __future__ import annotations

import contextlib
import getpass
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from avi_desktop.charts.style import LAYER_CODES
from avi_desktop.cli import main
from avi_desktop.model.domain import LAYERS, AssessmentMode, Layer, StakeholderGroup
from avi_desktop.model.overview import evaluate_assessment, portfolio_overview
from avi_desktop.model.results import fmt_score
from avi_desktop.model.store import PortfolioStore
from tests.reports.pdftext import BASE14, fonts, page_texts, printed_sizes, squeeze

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Written:
    """The briefings written from the demo portfolio, and what they were written from."""

    folder: Path
    label: str
    organisation: str
    briefs: dict[str, Path]  # initiative id -> file
    latest: dict[str, str]  # initiative id -> latest assessment id (assessed ones only)
    names: dict[str, str]  # initiative id -> name
    paper: Path
    workshops: dict[str, Path]  # assessment id -> file
    questionnaire: Path


def cli(*argv: str) -> str:
    """Run the command line in-process; return its standard output (fail on a non-zero exit)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    assert status == 0, err.getvalue()
    return out.getvalue()


def score(demo: Path, assessment_id: str) -> dict[str, object]:
    """The engine's figures, as ``avi-desktop score --json`` prints them."""
    data: dict[str, object] = json.loads(
        cli("score", str(demo), "--assessment", assessment_id, "--json")
    )
    return data


@pytest.fixture(scope="module")
def written(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    folder = tmp_path_factory.mktemp("briefings-of-the-demo")
    with PortfolioStore.open(demo, read_only=True) as store:
        settings = store.settings()
        initiatives = [store.get_initiative(i) for i in store.initiative_ids()]
        names = {i.id: i.name for i in initiatives}
        latest: dict[str, str] = {}
        workshops: list[str] = []
        for initiative in initiatives:
            dated = sorted(initiative.assessments, key=lambda a: (a.assessed_on, a.id))
            if dated:
                latest[initiative.id] = dated[-1].id
            workshops += [a.id for a in dated if a.mode == AssessmentMode.WORKSHOP.value]
    briefs: dict[str, Path] = {}
    for number, initiative_id in enumerate(names, start=1):
        out = folder / f"brief-{number:02d}.pdf"
        args = ("brief", str(demo), "--initiative", initiative_id, "-o", str(out))
        cli(*args, "--deterministic")
        briefs[initiative_id] = out
    paper = folder / "paper.pdf"
    cli("paper", str(demo), "-o", str(paper), "--deterministic")
    summaries: dict[str, Path] = {}
    for assessment_id in workshops:
        out = folder / f"workshop-{len(summaries) + 1}.pdf"
        cli("workshop-summary", str(demo), "--assessment", assessment_id, "-o", str(out))
        summaries[assessment_id] = out
    questionnaire = folder / "questionnaire.pdf"
    cli("questionnaire", "-o", str(questionnaire))
    return Written(
        folder=folder,
        label=settings.classification,
        organisation=settings.organisation,
        briefs=briefs,
        latest=latest,
        names=names,
        paper=paper,
        workshops=summaries,
        questionnaire=questionnaire,
    )


def every_pdf(written: Written) -> list[Path]:
    return [
        *written.briefs.values(),
        written.paper,
        *written.workshops.values(),
        written.questionnaire,
    ]


def test_the_demo_has_what_the_tests_need(written: Written) -> None:
    assert len(written.briefs) >= 10
    assert len(written.latest) >= 5  # assessed initiatives
    assert len(written.latest) < len(written.briefs)  # and some never assessed
    assert written.workshops  # at least one multi-respondent workshop


def test_label_and_page_x_of_y_on_every_page_of_every_briefing(written: Written) -> None:
    for path in every_pdf(written):
        texts = page_texts(path)
        # The questionnaire has no portfolio: it carries the default label.
        label = "CONFIDENTIAL" if path == written.questionnaire else written.label
        for number, text in enumerate(texts, start=1):
            assert squeeze(text).count(label) >= 2, f"{path.name} page {number}"
            assert f"Page {number} of {len(texts)}" in text, f"{path.name} page {number}"


_STREAMS = re.compile(rb"stream\r?\n.*?endstream", re.S)


def test_metadata_is_set_on_purpose(written: Written) -> None:
    leaks = [str(written.folder), str(written.folder.parent), getpass.getuser(), "/home/", "/tmp"]
    for path in every_pdf(written):
        meta = PdfReader(path).metadata
        assert meta is not None
        assert meta.creator == "AVI Desktop" and meta.producer == "AVI Desktop"
        assert meta.title and meta.subject
        values = " ".join(str(v) for v in meta.values())
        # Encoded streams are runs of arbitrary characters (ASCII85 spells "/tmp" now and
        # then): the file's own syntax is searched as written, the pages' contents decoded.
        raw = _STREAMS.sub(b"stream endstream", path.read_bytes())
        reader = PdfReader(path)
        decoded = b" ".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
        for leak in leaks:
            assert leak not in values, f"{path.name}: {leak}"
            assert leak.encode() not in raw, f"{path.name}: {leak}"
            assert leak.encode() not in decoded, f"{path.name}: {leak}"
    for initiative_id, path in written.briefs.items():
        meta = PdfReader(path).metadata
        assert meta is not None
        assert meta.title == written.names[initiative_id]
        assert meta.subject == f"Initiative briefing: AI value alignment of {meta.title}"
        assert meta.author == written.organisation


def test_fonts_are_embedded_and_none_is_base14(written: Written) -> None:
    for path in every_pdf(written):
        found = fonts(path)
        assert found, path.name
        for font in found:
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            assert name not in BASE14, f"{path.name}: {name}"
            descriptor = font["/FontDescriptor"].get_object()  # type: ignore[attr-defined]
            assert "/FontFile2" in descriptor, f"{path.name}: {name} is not embedded"


def test_no_raw_values_ids_or_missing_numbers_reach_the_reader(written: Written) -> None:
    raw_values = re.compile(
        r"\b(?:nan|NaN|inf|proof_of_concept|justified_with_conditions|not_justified|"
        r"insufficient_information|non_technical_cxos|ctos_cios|in_progress|"
        r"define_value|align_leadership|invest_organisation|measure_value)\b"
    )
    for path in every_pdf(written):
        text = squeeze(" ".join(page_texts(path)))
        assert not raw_values.search(text), f"{path.name}: {raw_values.search(text)}"
        assert not UUID.search(text), f"{path.name} shows an id: {UUID.search(text)}"
        assert "None of" in text or not re.search(r"\bNone\b(?!:)", text), path.name


def test_first_page_of_each_brief_holds_the_whole_summary(written: Written) -> None:
    for initiative_id, path in written.briefs.items():
        texts = [squeeze(t) for t in page_texts(path)]
        first = texts[0]
        assert first.startswith(written.names[initiative_id]), path.name
        for heading in ("What it is for", "What it means"):
            assert heading in first, f"{path.name}: {heading}"
        assert re.search(r"(What|Two things|Three things) to do next", first), path.name
        if initiative_id in written.latest:  # the figures are explained where they are shown
            for term in ("Alignment index:", "Binding layer:", "Bands:", "Agreement (r_wg"):
                assert term in first, f"{path.name}: {term}"
        # Page two opens the detail, so nothing of the summary ran over (the running header
        # and footer are drawn last, so they come at the end of the page's text).
        assert texts[1].startswith("Document control"), path.name


def test_brief_figures_equal_the_engines(demo: Path, written: Written) -> None:
    for initiative_id, assessment_id in written.latest.items():
        figures = score(demo, assessment_id)
        texts = [squeeze(t) for t in page_texts(written.briefs[initiative_id])]
        first, detail = texts[0], " ".join(texts[1:])
        index = fmt_score(figures["alignment_index"])  # type: ignore[arg-type]
        assert re.search(rf"{re.escape(index)} ?/ 100", first), initiative_id
        layers: dict[str, dict[str, float | None]] = figures["layers"]  # type: ignore[assignment]
        for key, lr in layers.items():
            # The ring on page one prints its figures as text: on the ring and beside it.
            if lr["score"] is not None:
                score_text = fmt_score(lr["score"])
                assert f"{LAYER_CODES[Layer(key)]} {score_text}" in first, initiative_id
                beside = f"{score_text} / {lr['target']:g} · gap {fmt_score(lr['gap'])}"
                assert beside in first, f"{initiative_id}: {beside}"
        for key, lr in layers.items():
            label = Layer(key).label
            row = f"{label} {fmt_score(lr['score'])} {fmt_score(lr['target'])} "
            row += fmt_score(lr["gap"])
            assert row in detail, f"{initiative_id}: {row}"
            if lr["rwg"] is not None:
                assert f"{lr['rwg']:.2f}" in detail
        assert f"Alignment index {index}" in detail
        split: dict[str, dict[str, float]] = figures["stakeholder_split"]  # type: ignore[assignment]
        if len(split) > 1:
            for group, by_layer in split.items():
                row = StakeholderGroup(group).label + " "
                row += " ".join(fmt_score(by_layer[layer.value]) for layer in LAYERS)
                assert row in detail, f"{initiative_id}: {row}"
        elif split:
            [group] = split
            assert f"one stakeholder group ({StakeholderGroup(group).label})" in detail
        groups: dict[str, dict[str, object]] = figures["stakeholder_groups"]  # type: ignore[assignment]
        for group, entry in groups.items():
            if entry["withheld"]:
                label = StakeholderGroup(group).label
                assert label not in split
                assert "fewer than three respondents" in detail, f"{initiative_id}: {label}"
        patterns: list[dict[str, object]] = figures["patterns"]  # type: ignore[assignment]
        for pattern in patterns:
            assert str(pattern["title"]) in detail
        # Every item of the appendix: mean, SD, n and N/A as the engine has them.
        with PortfolioStore.open(demo, read_only=True) as store:
            result = evaluate_assessment(store, assessment_id)
        appendix = detail[detail.index("Appendix: every item") :]
        for item_id, ir in result.items.items():
            sd = fmt_score(None if ir.variance is None else ir.variance**0.5)
            expected = f"{fmt_score(ir.mean)} {sd} {len(ir.scores)} {ir.n_not_applicable}"
            match = re.search(rf"{item_id} .*? (\S+ \S+ \d+ \d+)(?= |$)", appendix)
            assert match and match.group(1) == expected, f"{item_id}: {match and match.group(1)}"


def test_paper_figures_equal_the_engines(demo: Path, written: Written) -> None:
    texts = [squeeze(t) for t in page_texts(written.paper)]
    text = " ".join(texts)
    with PortfolioStore.open(demo, read_only=True) as store:
        overview = portfolio_overview(store)
    entries = overview.entries
    assert f"Portfolio committee paper · {len(entries)} initiatives" in texts[0]
    assessed = [e for e in entries if e.latest is not None]
    assert f"{len(assessed)} of {len(entries)} initiatives have a four-layer assessment" in texts[0]
    table = text[text.index("All initiatives") : text.index("Initiatives one by one")]
    for entry in assessed:
        assert entry.latest is not None
        figures = score(demo, entry.latest.assessment_id)
        layers: dict[str, dict[str, float | None]] = figures["layers"]  # type: ignore[assignment]
        row = " ".join(fmt_score(layers[layer.value]["score"]) for layer in LAYERS)
        row += " " + fmt_score(figures["alignment_index"])  # type: ignore[arg-type]
        assert row in table, f"{entry.name}: {row}"
    for hit in overview.portfolio_patterns:
        assert f"{hit.title}." in texts[0]


def test_workshop_figures_equal_the_engines(demo: Path, written: Written) -> None:
    for assessment_id, path in written.workshops.items():
        figures = score(demo, assessment_id)
        text = squeeze(" ".join(page_texts(path)))
        assert f"{figures['respondents']} respondents" in text
        layers: dict[str, dict[str, float | None]] = figures["layers"]  # type: ignore[assignment]
        for key, lr in layers.items():
            row = f"{Layer(key).label} {fmt_score(lr['score'])} {fmt_score(lr['sd'])} "
            row += f"{lr['rwg']:.2f}"
            assert row in text, row
            if lr["low_agreement"]:
                assert f"{Layer(key).label} (agreement {lr['rwg']:.2f})" in text  # page one says so
        spread: dict[str, float] = figures["value_spread"]  # type: ignore[assignment]
        row = "Value spread (points) " + " ".join(fmt_score(spread[k.value]) for k in LAYERS)
        if figures["stakeholder_split"]:
            assert row in text
        else:  # every group of the demo workshop is below three respondents
            assert "Value spread (points)" not in text
        groups: dict[str, dict[str, object]] = figures["stakeholder_groups"]  # type: ignore[assignment]
        withheld = [StakeholderGroup(g).label for g, e in groups.items() if e["withheld"]]
        if withheld and len(withheld) == len(groups):  # said once for all, not after each group
            assert "Every group has fewer than three respondents, so none is shown alone." in text
        elif withheld:
            start = text.index("Not shown alone (fewer than three respondents): ")
            said = text[start : text.index(".", start)]
            assert all(label in said for label in withheld), said
        assert all(StakeholderGroup(g).label in text for g in groups)
        with PortfolioStore.open(demo, read_only=True) as store:
            result = evaluate_assessment(store, assessment_id)
        table = text[text.index("Items with the most disagreement first") :]
        shown = re.findall(r"\b((?:TC|LA|OC|ST)-\d\d) ", table)
        variances = [result.items[i].variance or 0.0 for i in dict.fromkeys(shown)]
        assert variances == sorted(variances, reverse=True)  # most disagreement first


def test_questionnaire_prints_every_item_of_the_bundled_instrument(written: Written) -> None:
    from avi_desktop.model.instrument import bundled_instrument

    instrument = bundled_instrument()
    texts = page_texts(written.questionnaire)
    body = squeeze(" ".join(texts[1:]))
    for item in instrument.items():
        assert f"{item.id} {' '.join(item.text.split())}" in body
    assert body.count("Comment") == len(instrument.items())
    for field in ("Initiative", "Date", "Name or code", "Role"):
        assert field in squeeze(texts[0])


def test_no_word_of_any_briefing_prints_under_7_points(written: Written) -> None:
    # Charts and legends included: a chart scaled down to fit prints its text smaller.
    for path in every_pdf(written):
        sizes = printed_sizes(path)
        assert len(sizes) > 50, path.name  # the text was found, so the test can fail
        small = sorted(
            {(page, round(size, 1), text[:40]) for page, size, text in sizes if size < 6.99}
        )
        assert not small, f"{path.name}: {small[:10]}"


def test_technical_terms_are_explained_where_they_appear(written: Written) -> None:
    explanations = {
        "r_wg": ("Agreement (r_wg", "r_wg, within-group agreement", "r_wg: agreement"),
        "SD": ("SD is the spread", "SD: the spread", "SD: spread"),
        "reverse-keyed": ("scored in reverse (6 minus",),
    }
    for path in every_pdf(written):
        texts = [squeeze(t) for t in page_texts(path)]
        for number, page in enumerate(texts, start=1):
            for term, ways in explanations.items():
                if re.search(rf"\b{re.escape(term)}\b", page):
                    # explained on the page itself or on page one, which every reader sees
                    said = any(way in page or way in texts[0] for way in ways)
                    assert said, f"{path.name} page {number}: {term} unexplained"
        text = " ".join(texts)
        assert not re.search(r"\d\.\d\d of 5", text), path.name  # answers: one decimal
        assert "reverse-keyed:" not in text, path.name


def test_names_print_whole_amounts_carry_their_currency_and_headers_their_title(
    demo: Path, written: Written
) -> None:
    with PortfolioStore.open(demo, read_only=True) as store:
        initiatives = [store.get_initiative(i) for i in store.initiative_ids()]
    paper = page_texts(written.paper)
    tokens = set(" ".join(paper).split())
    for ini in initiatives:
        # a word split across lines ("Underwritin" / "g") would be missing as a whole token
        for word in f"{ini.name} {ini.business_unit or ''}".split():
            assert word in tokens, f"paper: {word!r} of {ini.name!r} is not printed whole"
    for path in written.briefs.values():
        text = squeeze(" ".join(page_texts(path)))
        assert "GBP thousands" not in text, path.name  # "850 GBP thousands" reads oddly
    fraud = [i for i in initiatives if (i.kpi_unit or "") == "GBP thousands"]
    assert fraud, "the demo states a KPI in GBP thousands"
    first = squeeze(page_texts(written.briefs[fraud[0].id])[0])
    assert re.search(r"from GBP [\d.,]+[km]? to GBP [\d.,]+[km]?", first), first[:400]
    for path in written.workshops.values():
        meta = PdfReader(path).metadata
        assert meta is not None and meta.title
        title = str(meta.title)
        for number, page in enumerate(page_texts(path), start=1):
            assert title in squeeze(page.replace("\n", " ")), f"{path.name} page {number}"


def test_a_director_reading_every_briefing_finds_nothing_that_reads_oddly(
    demo: Path, written: Written
) -> None:
    with PortfolioStore.open(demo, read_only=True) as store:
        stages = {i: store.get_initiative(i).stage for i in store.initiative_ids()}
    for path in [*written.briefs.values(), written.paper]:
        text = squeeze(" ".join(page_texts(path)))
        assert not re.search(r"\b1 (hours|days|minutes|weeks)\b", text), path.name
        assert not re.search(r"-\d+ % of the promised change", text), path.name
        assert "moved away from the target" not in text or "none of the promised" in text
        assert "Clear gaps: " not in text or re.search(r"Clear gaps: [\w ]+, ", text), path.name
        assert "index has moved" not in text, path.name
    for initiative_id, path in written.briefs.items():
        if stages[initiative_id].value == "retired":
            assert "Stop the initiative" not in squeeze(page_texts(path)[0]), path.name
    paper = squeeze(" ".join(page_texts(written.paper)))
    assert "most frequent pattern in single initiatives is" not in paper  # all found once
    for sentence in re.findall(r"[^.•]*: each is [^.]+\.", paper):
        assert sentence.count("“") >= 2, f"'each' said of one initiative: {sentence}"


def test_every_page_of_the_blank_questionnaire_asks_for_the_name_or_code(
    written: Written,
) -> None:
    for number, page in enumerate(page_texts(written.questionnaire), start=1):
        assert "Name or code" in page, f"questionnaire page {number}"
