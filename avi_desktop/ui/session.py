"""Opening and creating portfolio files from the window: passphrases, the demo copy.

The model does the work (``PortfolioStore``, ``database.is_encrypted``); this module only asks
the user what the model needs and turns its errors into messages.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QWidget

from avi_desktop.model.errors import AviError, PassphraseError, PortfolioError
from avi_desktop.model.files import atomic_write
from avi_desktop.paths import resource

if TYPE_CHECKING:
    from avi_desktop.model.store import PortfolioStore
    from avi_desktop.ui.portfolio_model import TableRow

DEMO_NAME = "demo.avip"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Session", text)


def ask_passphrase(parent: QWidget | None, path: Path, retry: bool) -> str | None:
    """Ask for a portfolio's passphrase; None when the user cancels. Tests replace this."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    prompt = (
        _tr("The passphrase was wrong. Try again for {name}:")
        if retry
        else _tr("{name} looks encrypted (or it is not a portfolio). Enter its passphrase:")
    )
    text, ok = QInputDialog.getText(
        parent,
        _tr("Encrypted portfolio"),
        prompt.format(name=path.name),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def open_portfolio(
    parent: QWidget | None,
    path: Path,
    previewed: Callable[[], None] | None = None,
    selected: str = "",
) -> PortfolioStore | None:
    """Open ``path``, asking for the passphrase (again, when wrong) if it is encrypted.

    Returns None when the user cancels; raises ``AviError`` when the file cannot be opened.
    Opening checks the file and, the first time, imports the model: both run beside the UI
    thread, which keeps painting meanwhile. ``previewed`` is given when the file's rows are
    already shown (so it is a plain file at the schema head): then the window takes input
    meanwhile (``ui.opening.taking_input``), and ``previewed`` is called once it does;
    ``selected`` is the previewed row selected (its reads are prepared beside the UI thread).
    """
    from avi_desktop.ui.workers import beside_ui

    if not path.is_file():
        raise PortfolioError(
            _tr("{path} does not exist. Choose another portfolio file.").format(path=path)
        )
    if previewed is not None:
        from avi_desktop.ui.opening import taking_input

        return taking_input(partial(_open_store, path, None, selected), previewed)
    if not beside_ui(partial(_encrypted, path)):
        return beside_ui(partial(_open_store, path, None))
    retry = False
    while True:
        passphrase = ask_passphrase(parent, path, retry)
        if passphrase is None:
            return None
        try:
            return beside_ui(partial(_open_store, path, passphrase))
        except PassphraseError:
            retry = True


def preview_rows(path: Path) -> list[TableRow] | None:
    """The table's rows of ``path`` read without the store, or None when they cannot be."""
    from avi_desktop.model.startup_rows import preview_rows as read
    from avi_desktop.ui.portfolio_model import row_from_query

    found = read(path)
    return None if found is None else [row_from_query(row) for row in found]


def _encrypted(path: Path) -> bool:
    from avi_desktop.model.database import is_encrypted

    return is_encrypted(path)


def _open_store(path: Path, passphrase: str | None, selected: str = "") -> PortfolioStore:
    """Open the store, importing the model first (the first time), beside the UI thread.

    The modules the table's rows and the first initiative's detail need are imported here too,
    without Qt's import hook (``plain_imports``): a third cheaper, and off the UI thread.
    """
    import importlib

    from avi_desktop.ui.plain_imports import unhooked

    with unhooked():
        for name in _MODEL_MODULES:
            importlib.import_module(name)
    for name in _PANE_MODULES:  # Qt's own, so through its hook; none creates a Qt object
        importlib.import_module(name)
    from sqlalchemy.orm import configure_mappers

    from avi_desktop.model.instrument import bundled_instrument
    from avi_desktop.model.store import PortfolioStore

    # The first ORM query configures every mapper (about 50 ms), and the first detail reads
    # the instrument (TOML): here, not on the UI thread.
    configure_mappers()
    bundled_instrument()
    # The full integrity check runs beside the first reads (``PortfolioPane.check_intact``).
    store = PortfolioStore.open(path, passphrase=passphrase, deep_check=False)
    _warm(store, selected)
    return store


def _warm(store: PortfolioStore, initiative_id: str) -> None:
    """Run once, here, what the menus' state and the first detail run next on the UI thread:
    SQLAlchemy compiles each statement on first use (about 60 ms on the demo), and a compiled
    statement serves any initiative. ``initiative_id`` is the one selected, else the first."""
    from avi_desktop.model.overview import initiative_overview

    if not initiative_id:
        with store.engine.connect() as conn:
            first = conn.exec_driver_sql("SELECT id FROM initiatives LIMIT 1").scalar()
        if first is None:
            return
        initiative_id = str(first)
    try:
        store.get_initiative(initiative_id)
        latest = store.latest_assessment_id(initiative_id)
        if latest is not None:
            store.get_assessment(latest)
        initiative_overview(store, initiative_id)
    except AviError:  # gone meanwhile: the window says so when it reads it
        pass


# What opening a portfolio and showing it needs of the model (the store, the table's query,
# the detail's overview), imported before the store opens.
_MODEL_MODULES = (
    "avi_desktop.model.store",
    "avi_desktop.model.queries",
    "avi_desktop.model.score_cache",
    "avi_desktop.model.overview",
    "avi_desktop.model.privacy",
    "avi_desktop.charts.palette",  # the table's band colours (the charts load on first use)
)
# The panes a large file's window builds once its store is open (50-110 ms of imports that
# were the largest part of the open's longest UI pause at 100,000 initiatives).
_PANE_MODULES = (
    "avi_desktop.ui.pane_build",
    "avi_desktop.ui.portfolio_view",
    "avi_desktop.ui.detail_pane",
    "avi_desktop.ui.pane_orientation",
    "avi_desktop.ui.portfolio_pane",
)


def create_portfolio(path: Path, passphrase: str | None, organisation: str) -> PortfolioStore:
    """Create a new, empty portfolio file (encrypted when a passphrase is given)."""
    from avi_desktop.model.store import PortfolioStore

    if path.suffix.lower() != ".avip":
        path = path.with_suffix(".avip")
    return PortfolioStore.create(path, passphrase=passphrase or None, organisation=organisation)


def app_data_dir() -> Path:
    """The user's data folder for AVI Desktop (created when missing)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    folder = Path(location)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_portfolio(data_dir: Path | None = None) -> Path:
    """Return the user's copy of the demo portfolio, copying the bundled one on first use.

    The bundled file is never opened for writing: the user works on the copy.
    """
    target = (data_dir or app_data_dir()) / DEMO_NAME
    if target.is_file():
        return target
    bundled = resource("demo", DEMO_NAME)
    target.parent.mkdir(parents=True, exist_ok=True)
    if bundled.is_file():  # copied whole or not at all, readable by the user only (0600)
        with bundled.open("rb") as source:
            atomic_write(target, lambda stream: shutil.copyfileobj(source, stream))
    else:  # a source checkout where the demo was not built yet
        from avi_desktop.model.demo import build_demo

        build_demo(target)
    return target
