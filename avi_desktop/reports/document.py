"""The document machinery every briefing shares.

A briefing is a story of flowables laid out on A4 with the classification label in the header
and footer of every page, "Page x of y", an optional diagonal watermark and, per recipient, a
copy line and a document id. The PDF is built in memory, encrypted with pikepdf when a password
is given, and only then written: to a temporary file in the target folder renamed into place,
so a failed export never leaves a half-written file or damages an older copy.
"""

from __future__ import annotations

import hashlib
import io
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from avi_desktop import APP_NAME
from avi_desktop.model.errors import ExportError
from avi_desktop.model.files import check_export_target as check_folder
from avi_desktop.model.files import slug
from avi_desktop.model.results import fmt_date
from avi_desktop.reports.document_spec import CopyInfo, DocumentSpec, StoryFactory
from avi_desktop.reports.fonts import FAMILY, register_fonts
from avi_desktop.reports.options import BriefingOptions, BriefingSettings, Progress
from avi_desktop.reports.page_furniture import (
    PAGE_MARGIN_MM,
    decorate_page,
    draw_watermark,
    numbered_canvas,
)
from avi_desktop.reports.pdf_output import encrypt, write_atomically
from avi_desktop.reports.styles import key_value_table, para, styles


def output_paths(out: Path, recipients: Sequence[str]) -> list[Path]:
    """The files a briefing writes: ``out``, or ``<stem>-<recipient-slug>.pdf`` per recipient."""
    if not recipients:
        return [out]
    paths: list[Path] = []
    seen: dict[str, int] = {}
    for name in recipients:
        base = slug(name, "recipient")
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
    """The document-control block: version, date, prepared by, distribution, copy, id and the
    portfolio's audit-trail head (to check the file against later: ``verify --expect-head``)."""
    rows: list[tuple[str, object]] = [
        ("Classification", copy.classification),
        ("Version", options.version or "1.0"),
        ("Date", fmt_date(copy.issued)),
        ("Prepared by", options.prepared_by or "—"),
        ("Distribution", options.distribution or ("Named recipients" if copy.recipient else "—")),
        ("Document id", copy.document_id),
    ]
    if options.audit_head:
        rows.append(("Audit trail head", options.audit_head))
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
        check_folder(target)
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
            data = encrypt(
                data,
                options.password,
                copy,
                deterministic=options.deterministic,
                allow_print=options.allow_print,
            )
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
            draw_watermark(canvas, pagesize, options.watermark)
        decorate_page(canvas, number, total, spec, copy)

    canvas_class = numbered_canvas(finish_page)
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
    "title_block",
    "write_atomically",
    "write_document",
]
