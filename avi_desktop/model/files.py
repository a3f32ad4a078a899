"""Writing files safely and naming them: the one atomic write and the one slug every export uses.

An export is written to a temporary file beside its target and renamed into place, so a failed
or interrupted export never leaves half a file where an older copy was.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import IO, Final

from avi_desktop.model.errors import ExportError

SLUG_LENGTH: Final = 60

# Letters that Unicode does not decompose into an ASCII base letter.
_FOLD: Final = str.maketrans(
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


def atomic_write(
    path: Path | str,
    write: Callable[[IO[bytes]], object],
    *,
    prefix: str | None = None,
    suffix: str = ".tmp",
    sync: bool = True,
) -> Path:
    """Call ``write`` on a temporary file beside ``path``, then rename it into place.

    ``sync`` flushes the data to disk before the rename, so a power cut cannot leave an empty
    file under the target's name. On any failure the temporary file is removed and the OSError
    is raised again (``write_export`` turns it into a message for the user). Returns the path.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(
        prefix=prefix if prefix is not None else f".{target.name}.", suffix=suffix, dir=folder
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target


def check_export_target(target: Path) -> None:
    """Fail early, before any work, when ``target`` cannot be an export's file."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(
            f"Cannot write {target.name}: the folder {folder} does not exist. "
            "Choose an existing folder."
        )
    if target.is_dir():
        raise ExportError(f"Cannot write {target}: it is a folder. Choose a file name.")


def write_export(
    path: Path | str,
    write: Callable[[IO[bytes]], object],
    *,
    prefix: str | None = None,
    suffix: str = ".tmp",
    sync: bool = True,
) -> Path:
    """``atomic_write`` for a file a user asked for: every failure is one ``ExportError``
    that says what to do, and an old file of the same name stays as it was."""
    target = Path(path)
    check_export_target(target)
    try:
        return atomic_write(target, write, prefix=prefix, suffix=suffix, sync=sync)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportError(
            f"Cannot write {target.name} in {target.parent}: {reason}. "
            "Choose a folder you can write to, or free some disk space, and export again."
        ) from exc


def slug(text: str, fallback: str = "export") -> str:
    """A file-name-safe, lower-case ASCII form of ``text`` ("Dr Ana Łopez" -> "dr-ana-lopez").

    Accents are folded to their base letters, everything else but letters and digits becomes a
    single hyphen, and the result is at most SLUG_LENGTH characters; ``fallback`` when nothing
    is left.
    """
    folded = text.translate(_FOLD)
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return cleaned[:SLUG_LENGTH].rstrip("-") or fallback
