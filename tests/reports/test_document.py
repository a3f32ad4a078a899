"""The document machinery: labels, page numbers, copies, metadata, encryption, writing."""

from __future__ import annotations

import errno
import getpass
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from avi_desktop.model.errors import ExportError
from avi_desktop.model.files import slug
from avi_desktop.reports import document
from avi_desktop.reports.document import DocumentSpec, output_paths, write_document
from avi_desktop.reports.options import DEFAULT_CLASSIFICATION, BriefingOptions
from avi_desktop.reports.styles import data_table, para, styles
from tests.reports.conftest import TODAY, Settings
from tests.reports.pdftext import BASE14, fonts, page_texts, squeeze

SPEC = DocumentSpec(
    kind="Test briefing",
    title="Quarterly AI review",
    subject="Test briefing: machinery",
    organisation="Northwind Mutual",
    fingerprint="fixed-content",
)


def long_story(_copy: Any, rows: int = 140) -> list[Any]:
    """A title and a table long enough to run over several pages."""
    st = styles()
    body = [[f"Row {n:03d}", f"{n * 1.5:.1f}", "A line of text"] for n in range(rows)]
    return [
        para("Quarterly AI review", st.title),
        data_table(["Name", "Score", "Note"], body, [200, 80, 200], numeric=(1,)),
    ]


def build(out: Path, options: BriefingOptions, **kwargs: Any) -> list[Path]:
    return write_document(SPEC, long_story, out, options, Settings(), **kwargs)


def test_label_and_page_x_of_y_on_every_page(out: Path, options: BriefingOptions) -> None:
    [path] = build(out, options)
    texts = page_texts(path)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        # Header and footer both carry the label: at least two occurrences per page.
        assert text.count("CONFIDENTIAL") >= 2
        assert f"Page {number} of {len(texts)}" in text
        assert "Quarterly AI review" in text


def test_table_splits_with_header_repeated(out: Path, options: BriefingOptions) -> None:
    [path] = build(out, options)
    texts = page_texts(path)
    rows_seen = []
    for text in texts:
        assert re.search(r"Name\s+Score\s+Note", text), "header row missing on a page"
        rows_seen += re.findall(r"Row (\d{3})", text)
    # Every row printed exactly once, in order, across the pages.
    assert rows_seen == [f"{n:03d}" for n in range(140)]


def test_classification_from_options_settings_or_default(tmp_path: Path) -> None:
    explicit = BriefingOptions(classification="SECRET — BOARD", deterministic=True, today=TODAY)
    [path] = write_document(SPEC, long_story, tmp_path / "a.pdf", explicit, Settings())
    assert all(text.count("SECRET — BOARD") >= 2 for text in page_texts(path))
    plain = BriefingOptions(deterministic=True, today=TODAY)
    settings = Settings(classification="INTERNAL")
    [path] = write_document(SPEC, long_story, tmp_path / "b.pdf", plain, settings)
    assert all(text.count("INTERNAL") >= 2 for text in page_texts(path))
    [path] = write_document(SPEC, long_story, tmp_path / "c.pdf", plain, None)
    assert all(text.count(DEFAULT_CLASSIFICATION) >= 2 for text in page_texts(path))


def test_watermark_on_every_page(out: Path) -> None:
    options = BriefingOptions(watermark="DRAFT FOR DISCUSSION", deterministic=True, today=TODAY)
    [path] = build(out, options)
    # pdftotext leaves diagonal text out, so read the watermark with pypdf.
    pages = PdfReader(path).pages
    assert len(pages) >= 3
    for page in pages:
        assert "DRAFT FOR DISCUSSION" in squeeze(page.extract_text())
    [plain] = build(out.with_name("plain.pdf"), BriefingOptions(deterministic=True, today=TODAY))
    assert "DRAFT" not in PdfReader(plain).pages[0].extract_text()


def test_metadata_set_on_purpose_without_user_or_path(tmp_path: Path) -> None:
    folder = tmp_path / "private-folder-name"
    folder.mkdir()
    options = BriefingOptions(prepared_by="Portfolio office", today=TODAY)
    [path] = build(folder / "out.pdf", options)
    meta = PdfReader(path).metadata
    assert meta is not None
    assert meta.title == "Quarterly AI review"
    assert meta.subject == "Test briefing: machinery"
    assert meta.creator == "AVI Desktop"
    assert meta.producer == "AVI Desktop"
    assert meta.author == "Northwind Mutual"
    raw = path.read_bytes()
    values = " ".join(str(v) for v in meta.values())
    user = getpass.getuser()
    for leak in (str(tmp_path), "private-folder-name", os.path.expanduser("~")):
        assert leak.encode() not in raw
        assert leak not in values
    assert f"/{user}/".encode() not in raw and user not in values
    try:
        login = os.getlogin()
    except OSError:
        login = user
    assert login not in values


def test_fonts_embedded_and_no_base14(out: Path, options: BriefingOptions) -> None:
    [path] = build(out, options)
    found = fonts(path)
    assert found
    for font in found:
        name = str(font["/BaseFont"]).lstrip("/")
        assert name.split("+")[-1] not in BASE14
        descriptor = font["/FontDescriptor"].get_object()  # type: ignore[attr-defined]
        assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_deterministic_builds_are_byte_identical(tmp_path: Path, options: BriefingOptions) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    [first] = build(tmp_path / "a" / "x.pdf", options)
    [second] = build(tmp_path / "b" / "x.pdf", options)
    assert first.read_bytes() == second.read_bytes()
    # ... while ordinary builds carry a fresh document id each time.
    loose = BriefingOptions(today=TODAY)
    [third] = build(tmp_path / "a" / "y.pdf", loose)
    [fourth] = build(tmp_path / "b" / "y.pdf", loose)
    ids = [re.search(r"AVI-[0-9A-F-]{14}", page_texts(p)[0]) for p in (third, fourth)]
    assert ids[0] and ids[1] and ids[0].group() != ids[1].group()


def test_recipient_copies_differ_only_in_copy_line_and_id(tmp_path: Path) -> None:
    options = BriefingOptions(recipients=("Ana Łopez", "Bo Li"), deterministic=True, today=TODAY)
    paths = build(tmp_path / "paper.pdf", options)
    assert [p.name for p in paths] == ["paper-ana-lopez.pdf", "paper-bo-li.pdf"]
    first, second = (page_texts(p) for p in paths)
    assert len(first) == len(second)
    ids = set()
    for number, (a, b) in enumerate(zip(first, second, strict=True), start=1):
        assert "Prepared for Ana Łopez — copy 1 of 2" in a
        assert "Prepared for Bo Li — copy 2 of 2" in b
        # With the copy line and the document id masked, the pages read the same.
        assert _masked(a) == _masked(b)
        ids.add(re.findall(r"Document (AVI-[0-9A-F-]{14})", a)[0])
        ids.add(re.findall(r"Document (AVI-[0-9A-F-]{14})", b)[0])
        assert f"Page {number} of {len(first)}" in a
    assert len(ids) == 2  # one id per copy, the same on every page of that copy


def _masked(text: str) -> str:
    text = re.sub(r"Prepared for .+? — copy \d+ of \d+", "<copy>", text)
    return squeeze(re.sub(r"AVI-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", "<id>", text))


def test_password_encrypts_with_aes256_and_restricts(out: Path) -> None:
    options = BriefingOptions(password="s3cret-pass", today=TODAY)
    [path] = build(out, options)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pikepdf.open(path, password="s3cret-pass") as pdf:
        assert pdf.is_encrypted
        info = pdf.encryption
        assert info.R == 6
        assert info.bits == 256
        assert info.stream_method.name == "aesv3"  # AES-256
        assert info.file_method.name == "aesv3"
        assert not pdf.owner_password_matched  # the owner password is a different one
        allow = pdf.allow
        assert not allow.print_lowres and not allow.print_highres
        assert not allow.extract
        assert not allow.modify_other and not allow.modify_annotation
    texts = page_texts(path, password="s3cret-pass")
    assert "Page 1 of" in texts[0]


def test_unwritable_folder_raises_export_error_and_leaves_nothing(
    tmp_path: Path, options: BriefingOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-folder" / "x.pdf"
    with pytest.raises(ExportError, match="does not exist"):
        build(missing, options)

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("avi_desktop.model.files.tempfile.mkstemp", refuse)
    with pytest.raises(ExportError, match=r"Permission denied.*folder you can write to"):
        build(tmp_path / "x.pdf", options)
    assert list(tmp_path.iterdir()) == []


def test_full_disk_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, options: BriefingOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.pdf"
    target.write_bytes(b"the earlier briefing")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("avi_desktop.model.files.os.fsync", full)
    with pytest.raises(ExportError, match="No space left on device"):
        build(target, options)
    assert target.read_bytes() == b"the earlier briefing"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf"]


def test_progress_reports_layout(out: Path, options: BriefingOptions) -> None:
    calls: list[tuple[int, int, str]] = []
    build(out, options, progress=lambda done, total, message: calls.append((done, total, message)))
    assert calls
    assert all(0 <= done <= total for done, total, _ in calls)
    done, total, message = calls[-1]
    assert done == total and "pages" in message


def test_control_block_and_dates(out: Path) -> None:
    options = BriefingOptions(
        version="2.1",
        prepared_by="Risk office",
        distribution="Audit committee",
        today=date(2026, 1, 2),
        deterministic=True,
        audit_head="85:fe1057c75a439bf7",
    )

    def story(copy: Any) -> list[Any]:
        return [document.control_block(copy, options, 400)]

    [path] = write_document(SPEC, story, out, options, Settings())
    text = squeeze(page_texts(path)[0])
    for expected in ("Version 2.1", "Date 2 January 2026", "Prepared by Risk office"):
        assert expected in text
    assert "Distribution Audit committee" in text
    assert re.search(r"Document id AVI-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", text)
    assert "Audit trail head 85:fe1057c75a439bf7" in text


def test_slug_and_output_paths() -> None:
    assert slug("Dr Ana Łopez-García") == "dr-ana-lopez-garcia"
    assert slug("***", "recipient") == "recipient"
    assert slug("***") == "export"
    assert slug("Ærø Œuvre ß " + "x" * 80) == ("aero-oeuvre-ss-" + "x" * 80)[:60]
    paths = output_paths(Path("/x/brief.pdf"), ["***"])
    assert [p.name for p in paths] == ["brief-recipient.pdf"]
    paths = output_paths(Path("/x/brief.pdf"), ["Bo Li", "Bo  Li", "Chair"])
    assert [p.name for p in paths] == ["brief-bo-li.pdf", "brief-bo-li-2.pdf", "brief-chair.pdf"]
    assert output_paths(Path("/x/brief.pdf"), []) == [Path("/x/brief.pdf")]


def test_heading_never_left_alone_at_the_foot_of_a_page(
    out: Path, options: BriefingOptions
) -> None:
    st = styles()

    def story(_copy: Any) -> list[Any]:
        filler = [para(f"Filler line {n}", st.body) for n in range(40)]
        block = data_table(["Evidence", "Value"], [["First fact", "1.0"]], [200, 100])
        return [*filler, para("Patterns detected", st.h1), block]

    # With 40 filler lines the heading would fit at the page foot but its table would not.
    [path] = write_document(SPEC, story, out, options, Settings())
    texts = page_texts(path)
    heading_page = next(i for i, t in enumerate(texts) if "Patterns detected" in t)
    assert "First fact" in texts[heading_page]
