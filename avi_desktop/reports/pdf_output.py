"""A finished PDF on its way to disk: encrypted when asked, written atomically, folder checked."""

from __future__ import annotations

import hashlib
import io
import secrets
from pathlib import Path

from avi_desktop.model.files import write_export
from avi_desktop.reports.document_spec import CopyInfo


def encrypt(
    data: bytes, password: str, copy: CopyInfo, *, deterministic: bool, allow_print: bool = False
) -> bytes:
    """Encrypt with AES-256 (R=6): the password opens it; copying and changes restricted, and
    printing too unless ``allow_print``.

    The owner password is random, or, in deterministic mode, derived from the password and the
    document id. AES needs a fresh random IV per string, and qpdf gives an encrypted file a
    fresh file id, so encrypted output is not byte-identical between runs even when the content
    (dates, document ids, text) is.
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
        print_lowres=allow_print,
        print_highres=allow_print,
    )
    source = pikepdf.Pdf.open(io.BytesIO(data))
    buffer = io.BytesIO()
    try:
        source.save(
            buffer,
            encryption=pikepdf.Encryption(owner=owner, user=password, R=6, allow=permissions),
        )
    finally:
        source.close()
    return buffer.getvalue()


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it into place."""
    write_export(
        target, lambda handle: handle.write(data), prefix=f".{target.stem}-", suffix=".part"
    )
