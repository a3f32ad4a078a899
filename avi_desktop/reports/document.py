"""The document machinery every briefing shares.

A briefing is a story of flowables laid out on A4 with the classification label in the header
and footer of every page, "Page x of y", an optional diagonal watermark and, per recipient, a
copy line and a document id. The PDF is built in memory, encrypted with pikepdf when a password
is given, and only then written: to a temporary file in the target folder renamed into place,
so a failed export never leaves a half-written file or damages an older copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from avi_desktop.model.errors import ExportError
from avi_desktop.model.results import fmt_date
from avi_desktop.reports.fonts import BOLD, FAMILY, register_fonts
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.styles import INK, MUTED, RULE, key_value_table, para, styles

APP_NAME = "AVI Desktop"
PAGE_MARGIN_MM = 18.0


@dataclass(frozen=True)
class DocumentSpec:
    """What a briefing is, for its metadata and its identity.

    ``fingerprint`` is a stable summary of the input (ids and figures); in deterministic mode the
    document ids are derived from it, so identical input gives identical bytes.
    """

    kind: str  # "Initiative briefing", ...
    title: str
    subject: str
    organisation: str
    fingerprint: str


@dataclass(frozen=True)
class CopyInfo:
    """One copy being built: who it is for and how it is marked."""

    classification: str
    document_id: str
    recipient: str  # "" when copies are not personalised
    number: int
    copies: int
    issued: date

    @property
    def copy_line(self) -> str:
        """'Prepared for NAME — copy n of N', or '' for an unpersonalised briefing."""
        if not self.recipient:
            return ""
        return f"Prepared for {self.recipient} — copy {self.number} of {self.copies}"


StoryFactory = Callable[[CopyInfo], list[Any]]

# Letters that Unicode does not decompose into an ASCII base letter.
_FOLD = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Þ": "Th",
        "þ": "th",
        "ı": "i",
    }
)


def slug(name: str) -> str:
    """A file-name-safe form of a recipient's name ("Dr Ana Łopez" -> "dr-ana-lopez")."""
    folded = name.translate(_FOLD)
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()
    return cleaned or "recipient"


def output_paths(out: Path, recipients: Sequence[str]) -> list[Path]:
    """The files a briefing writes: ``out``, or ``<stem>-<recipient-slug>.pdf`` per recipient."""
    if not recipients:
        return [out]
    paths: list[Path] = []
    seen: dict[str, int] = {}
    for name in recipients:
        base = slug(name)
        seen[base] = seen.get(base, 0) + 1
        suffix = base if seen[base] == 1 else f"{base}-{seen[base]}"
        paths.append(out.with_name(f"{out.stem}-{suffix}{out.suffix or '.pdf'}"))
    return paths


def document_id(spec: DocumentSpec, options: BriefingOptions, recipient: str, number: int) -> str:
    """A short id printed on every page: random, or derived from the content when deterministic."""
    if options.deterministic:
        key = "\x1f".join(
            (
                spec.kind,
                spec.title,
                spec.fingerprint,
                options.classification_for(None),
                options.version,
                options.date_printed().isoformat(),
                recipient,
                str(number),
                str(len(options.recipients)),
            )
        )
        raw = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12].upper()
    else:
        raw = secrets.token_hex(6).upper()
    return f"AVI-{raw[0:4]}-{raw[4:8]}-{raw[8:12]}"


def control_block(copy: CopyInfo, options: BriefingOptions, width: float) -> Any:
    """The document-control block: version, date, prepared by, distribution, copy and id."""
    rows: list[tuple[str, object]] = [
        ("Classification", copy.classification),
        ("Version", options.version or "1.0"),
        ("Date", fmt_date(copy.issued)),
        ("Prepared by", options.prepared_by or "—"),
        ("Distribution", options.distribution or ("Named recipients" if copy.recipient else "—")),
        ("Document id", copy.document_id),
    ]
    if copy.recipient:
        rows.append(("Copy", copy.copy_line))
    return key_value_table(rows, [32 * 2.8346, width - 32 * 2.8346])


def write_document(
    spec: DocumentSpec,
    story: StoryFactory,
    out: Path,
    options: BriefingOptions,
    settings: BriefingSettings | None = None,
    *,
    progress: Progress | None = None,
    landscape: bool = False,
) -> list[Path]:
    """Build one PDF per copy from ``story`` and write each atomically; return the paths."""
    register_fonts()
    classification = options.classification_for(settings)
    recipients = options.recipients
    targets = output_paths(out, recipients)
    copies = max(1, len(recipients))
    for target in targets:
        _check_folder(target)
    written: list[Path] = []
    for index, target in enumerate(targets):
        recipient = recipients[index] if recipients else ""
        copy = CopyInfo(
            classification=classification,
            document_id=document_id(spec, options, recipient, index + 1),
            recipient=recipient,
            number=index + 1,
            copies=copies,
            issued=options.date_printed(),
        )
        data = build_pdf(spec, story(copy), copy, options, progress=progress, landscape=landscape)
        if options.password:
            data = encrypt(data, options.password, copy, deterministic=options.deterministic)
        write_atomically(target, data)
        written.append(target)
    return written


def build_pdf(
    spec: DocumentSpec,
    flowables: list[Any],
    copy: CopyInfo,
    options: BriefingOptions,
    *,
    progress: Progress | None = None,
    landscape: bool = False,
) -> bytes:
    """Lay out ``flowables`` and return the unencrypted PDF bytes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as to_landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    pagesize = to_landscape(A4) if landscape else A4
    margin = PAGE_MARGIN_MM * mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin + 6 * mm,
        bottomMargin=margin + 8 * mm,
        title=spec.title,
        subject=spec.subject,
        author=spec.organisation or "",
        creator=APP_NAME,
        producer=APP_NAME,
        keywords=[],
        invariant=1 if options.deterministic else 0,
        initialFontName=FAMILY,
        initialFontSize=9,
        lang="en-GB",
    )
    frame = Frame(
        doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", showBoundary=0
    )

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    if progress is not None:
        doc.setProgressCallBack(_layout_progress(progress))

    def finish_page(canvas: Any, number: int, total: int) -> None:
        # The watermark goes over the content, translucent: drawn underneath, the charts'
        # white backgrounds and the tables' fills would hide it.
        if options.watermark:
            _draw_watermark(canvas, pagesize, options.watermark)
        _decorate(canvas, number, total, spec, copy)

    canvas_class = _numbered_canvas(finish_page)
    try:
        doc.build(keep_headings(flowables), canvasmaker=canvas_class)
    except Exception as exc:  # ReportLab raises LayoutError and plain exceptions alike
        if isinstance(exc, ExportError):
            raise
        raise ExportError(
            f"The {spec.kind.lower()} could not be laid out ({exc}); "
            "shorten the longest text field and try again."
        ) from exc
    return buffer.getvalue()


HEADING_STYLES = frozenset({"h1", "h2", "h3"})


def keep_headings(flowables: list[Any]) -> list[Any]:
    """Bind each heading to what follows it, so no heading is left alone at a page's foot.

    ReportLab's keepWithNext does not hold when the next flowable is itself a KeepTogether
    block, which is how tables with captions and pattern blocks are built here.
    """
    from reportlab.platypus import KeepTogether, Paragraph

    out: list[Any] = []
    index = 0
    while index < len(flowables):
        item = flowables[index]
        is_heading = isinstance(item, Paragraph) and item.style.name in HEADING_STYLES
        if is_heading and index + 1 < len(flowables):
            group = [item]
            index += 1
            # Consecutive headings (h1 then h2) travel together with the first content.
            while index < len(flowables):
                following = flowables[index]
                index += 1
                if isinstance(following, KeepTogether):
                    group += list(following._content)
                    break
                group.append(following)
                if not (
                    isinstance(following, Paragraph) and following.style.name in HEADING_STYLES
                ):
                    break
            out.append(KeepTogether(group))
            continue
        out.append(item)
        index += 1
    return out


def _layout_progress(progress: Progress) -> Callable[[str, int], None]:
    """Turn ReportLab's layout callbacks into ``progress(done, total, message)`` calls.

    ``done`` and ``total`` count the flowables laid out. A call is made when layout reaches a
    new page, at most about once per tenth of the flowables, so a short briefing names a few of
    its pages once each and a 500-initiative paper reports steadily in about ten lines, never
    the same page twice.
    """
    state = {"total": 0, "page": 1, "reported_page": 0, "last": 0}

    def callback(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            state["total"] = int(value)
        elif kind == "PAGE":
            state["page"] = int(value)
        elif kind == "PROGRESS" and state["total"]:
            step = max(1, state["total"] // 10)
            first = state["reported_page"] == 0
            if state["page"] != state["reported_page"] and (first or value - state["last"] >= step):
                state["last"] = int(value)
                state["reported_page"] = state["page"]
                progress(int(value), state["total"], f"Laying out page {state['page']}")
        elif kind == "FINISHED" and state["total"]:
            pages = state["page"]
            progress(state["total"], state["total"], f"Laid out {pages} page{'s' * (pages != 1)}")

    return callback


def _numbered_canvas(decorate: Callable[[Any, int, int], None]) -> Any:
    """A canvas class that holds pages back until the end, so each can say 'Page x of y'."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def _decorate(canvas: Any, number: int, total: int, spec: DocumentSpec, copy: CopyInfo) -> None:
    """Header and footer: classification top and bottom, title, copy line, id, page x of y."""
    from reportlab.lib.colors import Color
    from reportlab.lib.units import mm

    width, height = canvas._pagesize
    left = PAGE_MARGIN_MM * mm
    right = width - PAGE_MARGIN_MM * mm
    ink = Color(*INK)
    muted = Color(*MUTED)
    canvas.saveState()
    # Header: classification centred and bold, the title on the left.
    top = height - 11 * mm
    canvas.setFillColor(ink)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(width / 2, top, copy.classification)
    canvas.setFillColor(muted)
    canvas.setFont(FAMILY, 7.5)
    # The title and kind share what the centred label leaves free on each side.
    side = (right - left) / 2 - canvas.stringWidth(copy.classification, BOLD, 9) / 2 - 12
    canvas.drawString(left, top, _fit(canvas, spec.title, FAMILY, 7.5, side))
    canvas.drawRightString(right, top, _fit(canvas, spec.kind, FAMILY, 7.5, side))
    canvas.setStrokeColor(Color(*RULE))
    canvas.setLineWidth(0.5)
    canvas.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
    # Footer: rule, copy line and id on the left, page x of y on the right, label centred below.
    base = 9 * mm
    canvas.line(left, base + 8 * mm, right, base + 8 * mm)
    canvas.setFillColor(muted)
    canvas.setFont(FAMILY, 7.5)
    left_text = f"Document {copy.document_id}"
    if copy.copy_line:
        left_text = f"{copy.copy_line} · {left_text}"
    canvas.drawString(left, base + 4 * mm, left_text)
    canvas.drawRightString(right, base + 4 * mm, f"Page {number} of {total}")
    canvas.setFillColor(ink)
    canvas.setFont(BOLD, 9)
    canvas.drawCentredString(width / 2, base, copy.classification)
    canvas.restoreState()


def _fit(canvas: Any, value: str, font: str, size: float, width: float) -> str:
    """``value`` shortened with an ellipsis to fit ``width`` points."""
    if canvas.stringWidth(value, font, size) <= width:
        return value
    while value and canvas.stringWidth(value + "…", font, size) > width:
        value = value[:-1]
    return value + "…"


def _draw_watermark(canvas: Any, pagesize: tuple[float, float], label: str) -> None:
    """A light, translucent diagonal label across the page."""
    from reportlab.lib.colors import Color

    width, height = pagesize
    canvas.saveState()
    canvas.setFillColor(Color(0.5, 0.5, 0.53, alpha=0.16))
    size = 64.0
    diagonal = (width**2 + height**2) ** 0.5 * 0.8
    while size > 18 and canvas.stringWidth(label, BOLD, size) > diagonal:
        size -= 4
    canvas.setFont(BOLD, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45 if width < height else 30)
    canvas.drawCentredString(0, -size / 3, label)
    canvas.restoreState()


def encrypt(data: bytes, password: str, copy: CopyInfo, *, deterministic: bool) -> bytes:
    """Encrypt with AES-256 (R=6): the password opens it; printing, copying, changes restricted.

    The owner password is random, or, in deterministic mode, derived from the password and the
    document id. AES needs a fresh random IV per string, so encrypted output is not
    byte-identical between runs even when the content is.
    """
    import pikepdf

    if deterministic:
        owner = hashlib.sha256(f"owner\x1f{password}\x1f{copy.document_id}".encode()).hexdigest()
    else:
        owner = secrets.token_urlsafe(32)
    if owner == password:  # cannot happen in practice; keeps the two distinct by construction
        owner += "-owner"
    permissions = pikepdf.Permissions(
        accessibility=True,
        extract=False,
        modify_annotation=False,
        modify_assembly=False,
        modify_form=False,
        modify_other=False,
        print_lowres=False,
        print_highres=False,
    )
    source = pikepdf.Pdf.open(io.BytesIO(data))
    buffer = io.BytesIO()
    try:
        source.save(
            buffer,
            encryption=pikepdf.Encryption(owner=owner, user=password, R=6, allow=permissions),
            deterministic_id=deterministic,
        )
    finally:
        source.close()
    return buffer.getvalue()


def _check_folder(target: Path) -> None:
    """Fail early, before any layout work, when the target folder cannot take the file."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(
            f"Cannot write {target.name}: the folder {folder} does not exist. "
            "Choose an existing folder."
        )
    if target.is_dir():
        raise ExportError(f"Cannot write {target}: it is a folder. Choose a file name.")


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place."""
    folder = target.parent
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
        temp_name = ""
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"Cannot write {target.name} in {folder}: {reason}. "
            "Choose a folder you can write to, or free some disk space, and export again."
        ) from exc
    finally:
        if temp_name:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)


def title_block(spec: DocumentSpec, subtitle: str) -> list[Any]:
    """The title lines at the top of a briefing's first page."""
    st = styles()
    return [para(spec.title, st.title), para(subtitle, st.subtitle)]


__all__ = [
    "APP_NAME",
    "CopyInfo",
    "DocumentSpec",
    "StoryFactory",
    "build_pdf",
    "control_block",
    "document_id",
    "encrypt",
    "output_paths",
    "slug",
    "title_block",
    "write_atomically",
    "write_document",
]
