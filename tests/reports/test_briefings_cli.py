"""The briefing commands on the demo portfolio: the real store, engine and charts end to end."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from avi_desktop.cli import main
from avi_desktop.model.domain import LAYERS, AssessmentMode
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.overview import evaluate_assessment, initiative_overview
from avi_desktop.model.results import fmt_score
from avi_desktop.model.store import PortfolioStore
from tests.reports.pdftext import page_texts, squeeze


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
        initiative_id[:8],  # the short id the listings show
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
        head = store.chain_head()
    assert view.latest is not None
    texts = page_texts(paths[1], password="board-2026")
    # The document control carries the trail's head, to check the file against later.
    assert f"Audit trail head {head}" in squeeze(" ".join(texts))
    assert re.fullmatch(r"\d+:[0-9a-f]{16}", head)
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


def _masked(text: str) -> str:
    """A page's text with the copy line and the document id blanked out."""
    text = re.sub(r"Prepared for .+? — copy \d+ of \d+", "<copy>", text)
    return squeeze(re.sub(r"AVI-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", "<id>", text))


def test_recipient_copies_of_a_real_brief_differ_only_where_they_should(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    initiative_id = scored_initiative(demo)
    status, out, err = run(
        capsys,
        "brief",
        str(demo),
        "--initiative",
        initiative_id,
        "-o",
        str(tmp_path / "board.pdf"),
        "--recipient",
        "A B",
        "--recipient",
        "C D",
        "--deterministic",
    )
    assert (status, err) == (0, "")
    first, second = (Path(line) for line in out.splitlines())
    assert first.read_bytes() != second.read_bytes()
    a, b = page_texts(first), page_texts(second)
    assert len(a) == len(b)
    ids = set()
    for number, (page_a, page_b) in enumerate(zip(a, b, strict=True), start=1):
        assert "Prepared for A B — copy 1 of 2" in page_a
        assert "Prepared for C D — copy 2 of 2" in page_b
        assert _masked(page_a) == _masked(page_b), f"page {number} differs beyond copy and id"
        ids |= set(re.findall(r"AVI-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", page_a + page_b))
    assert len(ids) == 2  # one document id per copy, the same on all its pages
    assert PdfReader(first).metadata == PdfReader(second).metadata


def test_password_file_gives_aes256_r6_with_printing_copying_changes_restricted(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password_file = tmp_path / "password.txt"
    password_file.write_text("board pass 2026\nignored second line\n", encoding="utf-8")
    target = tmp_path / "locked.pdf"
    status, _, err = run(
        capsys,
        "brief",
        str(demo),
        "--initiative",
        scored_initiative(demo),
        "-o",
        str(target),
        "--password-file",
        str(password_file),
    )
    assert (status, err) == (0, "")
    assert b"board pass" not in target.read_bytes()
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(target)
    with pikepdf.open(target, password="board pass 2026") as pdf:
        info = pdf.encryption
        assert (info.R, info.bits) == (6, 256)
        assert info.stream_method.name == info.string_method.name == "aesv3"
        assert not pdf.owner_password_matched
        allow = pdf.allow
        assert not (allow.print_lowres or allow.print_highres)
        assert not allow.extract
        assert not (allow.modify_other or allow.modify_annotation or allow.modify_form)
        assert not allow.modify_assembly
        assert str(pdf.docinfo["/Creator"]) == "AVI Desktop"
    texts = page_texts(target, password="board pass 2026")
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text


def test_deterministic_brief_is_byte_identical_and_dated_from_source_date_epoch(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773446400")  # 14 March 2026, 00:00 UTC
    initiative_id = scored_initiative(demo)
    paths = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        target = tmp_path / name / "brief.pdf"
        args = ("brief", str(demo), "--initiative", initiative_id, "-o", str(target))
        status, _, err = run(capsys, *args, "--deterministic")
        assert (status, err) == (0, "")
        paths.append(target)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert "14 March 2026" in page_texts(paths[0])[0]
    # Without --deterministic the document id is fresh each time, so the bytes differ.
    loose = tmp_path / "loose.pdf"
    status, _, _ = run(capsys, "brief", str(demo), "--initiative", initiative_id, "-o", str(loose))
    assert status == 0 and loose.read_bytes() != paths[0].read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    status, _, err = run(capsys, "questionnaire", "-o", str(tmp_path / "q.pdf"), "--deterministic")
    assert status == 1 and "SOURCE_DATE_EPOCH" in err and err.count("\n") == 1


def _unwritable_folder(tmp_path: Path) -> Path:
    """A real folder this process cannot create files in (root ignores permission bits)."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    system = Path("/sys")
    if system.is_dir() and not _can_create_in(system):
        return system
    pytest.skip("running as root with no read-only folder to write into")


def _can_create_in(folder: Path) -> bool:
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def test_unwritable_folder_gives_one_clear_line_and_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _unwritable_folder(tmp_path)
    before = set(os.listdir(folder))
    try:
        status, out, err = run(capsys, "questionnaire", "-o", str(folder / "blank.pdf"))
        assert status == 1 and out == ""
        assert err.count("\n") == 1 and "Traceback" not in err
        assert "Cannot write blank.pdf" in err and "folder you can write to" in err
        assert set(os.listdir(folder)) == before  # neither the PDF nor a temporary file
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o755)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs POSIX resource limits")
def test_full_disk_keeps_the_older_file_and_leaves_no_partial_file(tmp_path: Path) -> None:
    """A real write failure: the process may not write files larger than 20 kB (EFBIG)."""
    import resource
    import signal
    import subprocess
    import sys

    target = tmp_path / "blank.pdf"
    target.write_bytes(b"the earlier questionnaire")

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run(
        [sys.executable, "-m", "avi_desktop", "questionnaire", "-o", str(target)],
        preexec_fn=limit,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "File too large" in result.stderr and "free some disk space" in result.stderr
    assert target.read_bytes() == b"the earlier questionnaire"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blank.pdf"]


def test_an_initiative_brief_loads_no_plotting_library(demo: Path, tmp_path: Path) -> None:
    """The brief's charts are painted straight onto the page, so a fresh process writing one
    never pays for importing matplotlib (or svglib, or numpy): that is what keeps it near a
    second. The ring and trend must still be on the page, as text a reader can search."""
    import subprocess
    import sys

    initiative_id = scored_initiative(demo)
    out = tmp_path / "brief.pdf"
    script = (
        "import sys\n"
        "from avi_desktop.cli import main\n"
        "status = main(sys.argv[1:])\n"
        "print(sorted(m for m in ('matplotlib', 'svglib', 'numpy', 'lxml') if m in sys.modules))\n"
        "sys.exit(status)\n"
    )
    argv = ["brief", str(demo), "--initiative", initiative_id, "-o", str(out)]
    result = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    texts = page_texts(out)
    assert "Gap to target" in texts[0] and "Assessment date" in " ".join(texts)  # ring, trend


def test_a_deterministic_password_protected_brief_keeps_its_document_id_and_may_allow_printing(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Encryption makes fresh random values, so only the content stays the same between runs."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1773446400")
    monkeypatch.setenv("AVI_PDF_PASSWORD", "board pass 2026")
    initiative_id = scored_initiative(demo)
    texts = []
    for name in ("one", "two"):
        target = tmp_path / f"{name}.pdf"
        args = ("brief", str(demo), "--initiative", initiative_id, "-o", str(target))
        status, _, err = run(capsys, *args, "--deterministic", "--allow-print")
        assert (status, err) == (0, ""), err
        with pikepdf.open(target, password="board pass 2026") as pdf:
            assert pdf.encryption.R == 6
            assert pdf.allow.print_lowres and pdf.allow.print_highres
            assert not pdf.allow.extract and not pdf.allow.modify_other
        texts.append(page_texts(target, password="board pass 2026"))
    ids = [re.findall(r"Document id\s*([0-9A-Za-z-]+)", " ".join(t)) for t in texts]
    assert ids[0] and ids[0] == ids[1]
    assert texts[0] == texts[1] and "14 March 2026" in texts[0][0]


def test_allow_print_without_a_password_is_refused_in_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AVI_PDF_PASSWORD", raising=False)
    target = tmp_path / "open.pdf"
    args = ("brief", str(demo), "--initiative", scored_initiative(demo), "-o", str(target))
    status, _, err = run(capsys, *args, "--allow-print")
    assert status == 1 and err.count("\n") == 1
    assert "--allow-print applies to a password-protected copy" in err
    assert not target.exists()


def test_a_questionnaire_for_an_assessment_has_the_statements_of_its_version(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil
    from datetime import date

    old, new = bundled_instrument("1.0"), bundled_instrument()
    demo = Path(shutil.copy(demo, tmp_path / "demo.avip"))  # the shared demo stays as built
    with PortfolioStore.open(demo) as store:
        initiative = store.initiative_ids()[0]
        workshop = store.create_assessment(
            initiative, title="Workshop on the old statements", instrument=old,
            assessed_on=date(2026, 11, 2), mode=AssessmentMode.WORKSHOP,
        )  # fmt: skip
    out_file = str(tmp_path / "q.pdf")
    status, out, err = run(
        capsys, "questionnaire", str(demo), "--assessment", workshop[:8], "-o", out_file
    )
    assert (status, err) == (0, "")
    body = squeeze(" ".join(page_texts(Path(out.strip()))))
    old_texts = {item.text for item in old.items()}
    new_texts = {item.text for item in new.items()}
    assert [text for text in old_texts - new_texts if text not in body] == []
    assert [text for text in new_texts - old_texts if text in body] == []

    status, _, err = run(capsys, "questionnaire", "--assessment", workshop, "-o", out_file)
    assert status == 1 and "Give both the portfolio file and --assessment" in err
    status, _, err = run(
        capsys, "questionnaire", str(demo), "--assessment", workshop, "--instrument",
        str(tmp_path / "x.toml"), "-o", out_file,
    )  # fmt: skip
    assert status == 1 and "exclude each other" in err
