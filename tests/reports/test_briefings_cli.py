"""The briefing commands on the demo portfolio: the real store, engine and charts end to end."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from avi_desktop.cli import main
from avi_desktop.model.demo import build_demo
from avi_desktop.model.domain import LAYERS, AssessmentMode
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import evaluate_assessment, initiative_overview
from avi_desktop.model.results import fmt_score
from avi_desktop.model.store import PortfolioStore
from tests.reports.pdftext import page_texts, squeeze


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.avip"
    build_demo(path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def scored_initiative(demo: Path) -> str:
    with PortfolioStore.open(demo, read_only=True) as store:
        for initiative_id in store.initiative_ids():
            if initiative_overview(store, initiative_id).previous is not None:
                return initiative_id
    raise AssertionError("the demo portfolio has no re-assessed initiative")


def test_brief_per_recipient_encrypted_with_engine_figures(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    initiative_id = scored_initiative(demo)
    monkeypatch.setenv("AVI_PDF_PASSWORD", "board-2026")
    status, out, err = run(
        capsys,
        "brief",
        str(demo),
        "--initiative",
        initiative_id,
        "-o",
        str(tmp_path / "b.pdf"),
        "--recipient",
        "Ana Łopez",
        "--recipient",
        "Chair",
        "--watermark",
        "DRAFT",
    )
    assert (status, err) == (0, "")
    paths = [Path(line) for line in out.splitlines()]
    assert [p.name for p in paths] == ["b-ana-lopez.pdf", "b-chair.pdf"]
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(paths[0])
    with PortfolioStore.open(demo, read_only=True) as store:
        view = initiative_overview(store, initiative_id)
        label = store.settings().classification
    assert view.latest is not None
    texts = page_texts(paths[1], password="board-2026")
    first = squeeze(texts[0])
    assert view.initiative.name in first
    assert fmt_score(view.latest.alignment_index) in first
    assert "Prepared for Chair — copy 2 of 2" in first
    detail = squeeze(" ".join(texts[1:]))
    for layer in LAYERS:
        lr = view.latest.layers[layer]
        assert f"{layer.label} {fmt_score(lr.score)} {fmt_score(lr.target)}" in detail
    for number, text in enumerate(texts, start=1):
        assert squeeze(text).count(label) >= 2
        assert f"Page {number} of {len(texts)}" in text


def test_paper_reports_progress_and_is_deterministic(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for name in ("a.pdf", "b.pdf"):
        status, out, err = run(
            capsys, "paper", str(demo), "-o", str(tmp_path / name), "--deterministic"
        )
        assert status == 0
        assert "Scoring initiatives" in err and "initiative sections" in err
        assert "Laid out" in err.splitlines()[-1]
        outputs.append(Path(out.strip()))
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    first = squeeze(page_texts(outputs[0])[0])
    assert "Portfolio committee paper" in first


def test_workshop_summary_and_questionnaire(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with PortfolioStore.open(demo, read_only=True) as store:
        workshop = next(
            a.id
            for i in store.initiative_ids()
            for a in store.get_initiative(i).assessments
            if a.mode == AssessmentMode.WORKSHOP.value
        )
        result = evaluate_assessment(store, workshop)
    status, out, err = run(
        capsys,
        "workshop-summary",
        str(demo),
        "--assessment",
        workshop,
        "-o",
        str(tmp_path / "w.pdf"),
    )
    assert (status, err) == (0, "")
    text = squeeze(" ".join(page_texts(Path(out.strip()))))
    assert f"{result.respondents} respondents" in text
    for layer in LAYERS:
        assert f"{layer.label} {fmt_score(result.layers[layer].score)}" in text

    status, out, err = run(capsys, "questionnaire", "-o", str(tmp_path / "q.pdf"))
    assert (status, err) == (0, "")
    body = squeeze(" ".join(page_texts(Path(out.strip()))))
    for item in bundled_instrument().items():
        assert item.id in body


def test_bad_output_and_password_file_fail_with_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "questionnaire", "-o", str(tmp_path / "nope" / "q.pdf"))
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and "does not exist" in err and "Traceback" not in err
    status, _, err = run(capsys, "questionnaire", "-o", str(tmp_path / "q.png"))
    assert status == 1 and "end 'q.png' with .pdf" in err
    empty = tmp_path / "pw.txt"
    empty.write_text("", encoding="utf-8")
    status, _, err = run(
        capsys, "questionnaire", "-o", str(tmp_path / "q.pdf"), "--password-file", str(empty)
    )
    assert status == 1 and "first line" in err
    assert not (tmp_path / "q.pdf").exists()
