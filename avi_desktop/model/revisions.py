"""The schema's revisions and running its migrations; Alembic is imported only to migrate."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # importing this module must not load SQLAlchemy (``startup_rows``)
    from sqlalchemy import Connection

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    # configparser interpolation would read "%" in a folder name as a placeholder.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


# Every revision in migrations/versions, oldest first. Kept here so that opening a portfolio
# at head (the usual case) does not import Alembic, which costs about 0.15 s; a test checks
# that this list matches the migration scripts, so a new migration cannot be forgotten here.
REVISIONS: Final = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")


def known_revisions() -> tuple[str, list[str]]:
    """Return (head revision, every revision this version of the app knows)."""
    return REVISIONS[-1], list(REVISIONS)


def script_revisions() -> list[str]:
    """The revisions of the migration scripts themselves, oldest first, read by Alembic."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on an open connection (inside its transaction)."""
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)
