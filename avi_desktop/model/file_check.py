"""Telling a damaged portfolio from a wrong passphrase, or from a file that is no portfolio.

A plain portfolio starts with "SQLite format 3". An encrypted one (SQLCipher 4, as this app
writes it) has no readable header at all: its first 16 bytes are a random salt and every page is
AES ciphertext followed by a 16-byte IV and a 64-byte HMAC-SHA512 in an 80-byte reserve. Without
the passphrase such a file cannot be told from random bytes, so the messages say so. With the
passphrase, page 1's HMAC settles it: when it matches, the passphrase is right and a file that
still will not open is damaged (cut short, or a page corrupt), not locked by a wrong passphrase.

The HMAC is checked here with hashlib, exactly as SQLCipher does (``sqlcipher_page_cipher``):
encryption key = PBKDF2-HMAC-SHA512(passphrase, salt, 256000, 32), HMAC key =
PBKDF2-HMAC-SHA512(encryption key, salt XOR 0x3a, 2, 32), MAC over page 1 from byte 16 up to the
end of its IV, then the page number as 4 little-endian bytes. A test holds it to SQLCipher.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Final

from avi_desktop.model.errors import PassphraseError, PortfolioError

# The damage report goes to whatever the entry point (command line, window) set up for the
# "avi_desktop" logger; the model never sets up logging itself.
log = logging.getLogger(__name__)

PLAIN_HEADER: Final = b"SQLite format 3\x00"

# SQLCipher 4 defaults, which this app never changes.
PAGE_SIZE: Final = 4096
SALT_SIZE: Final = 16
IV_SIZE: Final = 16
HMAC_SIZE: Final = 64
RESERVE: Final = 80  # IV + HMAC, rounded up to the AES block
KDF_ITERATIONS: Final = 256_000
HMAC_KDF_ITERATIONS: Final = 2
HMAC_SALT_MASK: Final = 0x3A
KEY_SIZE: Final = 32

# The schema alone fills more pages than this (38 at the first revision), so a shorter file,
# or one that is not whole pages, cannot be an intact encrypted portfolio.
MIN_PAGES: Final = 8


class FileKind(Enum):
    """What a file's size and first bytes can say about it, before any passphrase."""

    EMPTY = "empty"
    PLAIN = "plain"
    MAYBE_ENCRYPTED = "maybe encrypted"  # whole pages of random-looking bytes
    NOT_DATABASE = "not a database"  # neither, or too short to be an intact encrypted one


def file_kind(path: Path) -> FileKind:
    """Classify a file from its size and header, reading nothing past the first 16 bytes."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(PLAIN_HEADER))
    except OSError as exc:
        raise PortfolioError(f"{path} cannot be read ({exc.strerror}).") from exc
    if size == 0:
        return FileKind.EMPTY
    if head == PLAIN_HEADER:
        return FileKind.PLAIN
    whole_pages = size % PAGE_SIZE == 0
    # A writer killed before its first checkpoint leaves most of the file in the WAL.
    wal = Path(f"{path}-wal")
    pages_needed = 1 if wal.is_file() and wal.stat().st_size > 0 else MIN_PAGES
    if whole_pages and size >= pages_needed * PAGE_SIZE:
        return FileKind.MAYBE_ENCRYPTED
    return FileKind.NOT_DATABASE


def passphrase_opens(path: Path, passphrase: str) -> bool:
    """True when ``passphrase`` is the key of the encrypted file ``path`` (page 1's HMAC matches).

    Reads the first page only and writes nothing; False for a file shorter than one page.
    """
    try:
        with path.open("rb") as handle:
            page = handle.read(PAGE_SIZE)
    except OSError:
        return False
    if len(page) < PAGE_SIZE:
        return False
    salt = page[:SALT_SIZE]
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_SIZE)
    hmac_salt = bytes(byte ^ HMAC_SALT_MASK for byte in salt)
    hmac_key = hashlib.pbkdf2_hmac("sha512", key, hmac_salt, HMAC_KDF_ITERATIONS, KEY_SIZE)
    end = PAGE_SIZE - RESERVE + IV_SIZE  # ciphertext and IV; the HMAC follows
    expected = hmac.new(hmac_key, page[SALT_SIZE:end] + (1).to_bytes(4, "little"), "sha512")
    return hmac.compare_digest(expected.digest(), page[end : end + HMAC_SIZE])


def newest_backup(path: Path) -> Path | None:
    """The newest backup copy written beside ``path`` before a migration, if there is one."""
    try:
        copies = [
            copy
            for copy in path.parent.glob(f"{glob_escape(path.stem)}.backup-*{path.suffix}")
            if copy.is_file()
        ]
    except OSError:
        return None
    # Names carry a sortable UTC stamp (database.backup_path_for); the clock breaks ties.
    return max(copies, key=lambda copy: (copy.name, copy.stat().st_mtime), default=None)


def glob_escape(text: str) -> str:
    """``text`` with glob's special characters matched literally."""
    return re.sub(r"([*?\[])", r"[\1]", text)


def _restore_advice(path: Path) -> str:
    """ "restore a backup copy", naming the newest one beside the file when there is one."""
    backup = newest_backup(path)
    if backup is None:
        return "restore a backup copy"
    return f"restore a backup copy (the newest beside it is {backup.name})"


def not_a_portfolio(path: Path, reason: str = "") -> PortfolioError:
    """A file that is no portfolio, or one too damaged for anything in it to be read."""
    what = reason or "not a database, or too damaged to read"
    return PortfolioError(
        f"{path} is not a portfolio file ({what}). Choose a .avip portfolio file, "
        f"or {_restore_advice(path)}."
    )


def passphrase_needed(path: Path, how: str = "enter its passphrase to open it") -> PassphraseError:
    """No passphrase was given for a file that may be encrypted (or may be no portfolio)."""
    return PassphraseError(
        f"{path.name} is encrypted, or it is not a portfolio file (the two cannot be told "
        f"apart without the passphrase); {how}."
    )


def wrong_passphrase(path: Path) -> PassphraseError:
    """Page 1 does not open with the passphrase, and the file has an encrypted portfolio's shape."""
    return PassphraseError(
        f"The passphrase is not correct for {path.name}, or the file is not a portfolio. "
        "Check the passphrase and try again."
    )


def damaged(path: Path, what: str, details: Sequence[str] = ()) -> PortfolioError:
    """A portfolio that is damaged: one line for the user, the full report in the support log."""
    _log_details(path, what, details)
    where = _log_file()
    more = f" The details are in {where}." if where is not None and details else ""
    advice = _restore_advice(path)
    return PortfolioError(
        f"{path} is damaged ({what}). {advice[0].upper()}{advice[1:]}; "
        f"the file has been left as it is.{more}"
    )


def _log_file() -> Path | None:
    """The file the damage report is written to, if the entry point set one up."""
    logger: logging.Logger | None = log
    while logger is not None:
        for handler in logger.handlers:
            if isinstance(handler, logging.FileHandler):
                return Path(handler.baseFilename)
        logger = logger.parent if logger.propagate else None
    return None


def plain_damage(path: Path) -> str:
    """What is wrong with a plain file SQLite cannot read: cut short, or a page it cannot read.

    The header records the page size and, when its "valid-for" counter matches the change
    counter, the number of pages; a file shorter than that was cut short.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return "part of it cannot be read"
    if len(header) < 100:
        return "it is cut short"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96] and pages > 0
    if counted and size < pages * page_size:
        return "it is cut short"
    return "part of it cannot be read"


def refuse_encrypted(path: Path, passphrase: str, exc: BaseException | None) -> PortfolioError:
    """Why an encrypted-looking file did not open with ``passphrase``: damage, key, or neither."""
    if passphrase_opens(path, passphrase):
        size = path.stat().st_size
        details = [f"{size} bytes: {size // PAGE_SIZE} whole pages of {PAGE_SIZE} bytes"]
        if exc is not None:
            details.append(f"{type(exc).__name__}: {exc}")
        if size % PAGE_SIZE or size < MIN_PAGES * PAGE_SIZE:
            return damaged(path, "it is cut short", details)
        return damaged(path, "part of it cannot be read", details)
    if file_kind(path) is FileKind.MAYBE_ENCRYPTED:
        return wrong_passphrase(path)
    return not_a_portfolio(path)


def integrity_summary(problems: Sequence[str], limit: int) -> str:
    """SQLite's integrity report (many lines) as a few words: how many problems, on which pages."""
    lines = [line for problem in problems for line in problem.splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("*** in database")]
    count = f"{len(problems)} or more" if len(problems) >= limit else str(len(problems))
    noun = "problem" if count == "1" else "problems"
    pages = sorted(
        {int(page) for line in lines for page in re.findall(r"page (\d+)", line, re.IGNORECASE)}
    )
    where = ""
    if pages:
        shown = ", ".join(str(page) for page in pages[:3])
        where = f", on page {shown}" if len(pages) == 1 else f", on pages {shown}"
        if len(pages) > 3:
            where += " and others"
    return f"its integrity check found {count} {noun}{where}"


def _log_details(path: Path, what: str, details: Sequence[str]) -> None:
    """Write the full report to the support log (never a passphrase: details are SQLite's)."""
    if not details:
        return
    report = "\n".join(f"  {line}" for detail in details for line in detail.splitlines())
    log.warning("%s is damaged (%s):\n%s", path, what, report)


__all__ = [
    "PAGE_SIZE",
    "PLAIN_HEADER",
    "FileKind",
    "damaged",
    "file_kind",
    "integrity_summary",
    "newest_backup",
    "not_a_portfolio",
    "passphrase_needed",
    "passphrase_opens",
    "plain_damage",
    "refuse_encrypted",
    "wrong_passphrase",
]
