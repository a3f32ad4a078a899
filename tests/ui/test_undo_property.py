"""Undo never loses work: random sequences of window commands, undone and redone in full.

Each example applies a random sequence of the commands the window pushes (initiatives,
necessity and four-layer assessments with answers, actions, settings, stated values) to a real
portfolio on disk, undoes them all and compares every table with where it started (ids kept,
clock columns left out), then redoes them all and compares with where it ended.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from avi_desktop.model.audit import AuditEntity
from avi_desktop.model.domain import LAYERS, ActionStatus, Imperative, Stage
from avi_desktop.model.errors import AviError
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import action_flow, initiative_flow
from avi_desktop.ui.undo import (
    AddInitiative,
    ChangeSettings,
    EditInitiative,
    EditStatedValue,
    RecordCommand,
    record_change,
    snapshot,
)
from tests.ui.test_flow_host import FakeHost

_CLOCK_COLUMNS = frozenset({"created_at", "updated_at", "closed_at", "submitted_at"})
# The score cache's write counter only grows, like the trail; its figures are compared.
_COUNTERS = frozenset({"generation"})
_INSTRUMENT = bundled_instrument()
_ITEMS = [item.id for layer in _INSTRUMENT.layers for item in layer.items]

OPS = (
    "add_initiative",
    "edit_initiative",
    "delete_initiative",
    "add_necessity",
    "assessment",
    "add_action",
    "edit_action",
    "settings",
    "add_value",
    "edit_value",
)
WORDS = st.sampled_from(["Claims", "Fraud", "Triage", "Copilot", "Routing", "Pricing"])


def dump(store: PortfolioStore) -> dict[str, list[tuple[tuple[str, Any], ...]]]:
    """Every row of every table but the audit trail and its head (which only grow), ids as
    they are."""
    with store.engine.connect() as connection:
        names = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        trail = {"audit_events", "audit_head"}
        tables = [n for n in names if not n.startswith("sqlite_") and n not in trail]
        return {
            table: sorted(
                tuple(
                    (column, repr(value))
                    for column, value in row._mapping.items()
                    if column not in _CLOCK_COLUMNS and column not in _COUNTERS
                )
                for row in connection.execute(text(f'SELECT * FROM "{table}"'))
            )
            for table in tables
        }


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small portfolio made once; each example works on its own copy."""
    path = tmp_path_factory.mktemp("undo") / "template.avip"
    with PortfolioStore.create(path, organisation="Northwind") as store:
        first = store.add_initiative(
            name="Claims triage", stage=Stage.PILOT, stage_since=date(2026, 1, 5)
        )
        store.add_initiative(name="Fraud screening", stage_since=date(2026, 2, 1))
        store.add_action(first, imperative=Imperative.DEFINE_VALUE, title="Brief the adjusters")
        store.add_stated_value("Fairness", "Treat like cases alike.")
    return path


@contextmanager
def _copy(template: Path, qapp: Any) -> Iterator[FakeHost]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "portfolio.avip"
        shutil.copyfile(template, path)
        parent = QWidget()
        try:
            with PortfolioStore.open(path) as store:
                yield FakeHost(store, parent)
        finally:
            parent.deleteLater()


def _push_written(
    host: FakeHost, entity: AuditEntity, record_id: str, select_id: str | None
) -> None:
    """What a wizard does once its work is written: the record, created, onto the stack."""
    command = record_change(
        entity.value, host.portfolio, entity, record_id, None,
        select_id=select_id, changed=host.changed, failed=host.show_error,
    )  # fmt: skip
    host.undo_stack.push(command)


def _apply(host: FakeHost, op: str, pick: int, word: str) -> None:
    """Run one command as the window's flow does: written, then on the undo stack."""
    store = host.portfolio
    ids = store.initiative_ids()
    target = ids[pick % len(ids)] if ids else None
    common: dict[str, Any] = {"changed": host.changed, "failed": host.show_error}
    if op == "add_initiative" or target is None:
        initiative_flow.push(host, AddInitiative(store, {"name": f"{word} {pick}"}, **common))
    elif op == "edit_initiative":
        before = snapshot(store.get_initiative(target))
        after = {**before, "sponsor": word, "stage": list(Stage)[pick % len(Stage)]}
        edit = EditInitiative(store, target, before, after, **common)
        if not edit.is_empty:
            initiative_flow.push(host, edit)
    elif op == "delete_initiative":
        whole = store.export_record(AuditEntity.INITIATIVE, target)
        delete = RecordCommand(
            word, store, target, whole, None, entity=AuditEntity.INITIATIVE, select_id=None,
            **common,
        )  # fmt: skip
        initiative_flow.push(host, delete)
    elif op == "add_necessity":
        saved = store.add_necessity(
            target,
            answers={"problem_defined": True},
            outcome="justified",
            rationale="A good fit.",
            decided_by="Board",
        )
        _push_written(host, AuditEntity.NECESSITY_ASSESSMENT, saved, target)
    elif op == "assessment":
        assessment = store.create_assessment(
            target, title=word, instrument=_INSTRUMENT, assessed_on=date(2026, 3, 1)
        )
        respondent = store.add_respondent(assessment, name=word, group="ceos")
        store.set_answers(respondent, {item: 1 + (pick + n) % 5 for n, item in enumerate(_ITEMS)})
        _push_written(host, AuditEntity.ASSESSMENT, assessment, target)
    elif op == "add_action":
        fields = {"title": word, "imperative": list(Imperative)[pick % 4], "owner": word}
        action_flow.add_action(host, target, fields)
    elif op == "edit_action":
        actions = store.actions()
        if actions:
            chosen = actions[pick % len(actions)]
            status = list(ActionStatus)[pick % len(ActionStatus)]
            action_flow.edit_action(
                host, chosen.id, {"status": status, "due_on": date(2026, 1, 1 + pick % 28)}
            )
    elif op == "settings":
        before_settings = store.settings()
        targets = {layer: float((pick + n) % 101) for n, layer in enumerate(LAYERS)}
        after_settings = replace(before_settings, organisation=word, targets=targets)
        change = ChangeSettings(store, before_settings, after_settings, **common)
        if not change.is_empty:
            initiative_flow.push(host, change)
    elif op == "add_value":
        try:
            value_id = store.add_stated_value(f"{word} {pick}", word)
        except AviError:  # the name is taken: refused, nothing written, nothing to push
            return
        _push_written(host, AuditEntity.STATED_VALUE, value_id, None)
    elif op == "edit_value":
        values = store.stated_values()
        value = values[pick % len(values)]
        reword = EditStatedValue(
            store, value.id, (value.name, value.description), (value.name, word), **common
        )
        initiative_flow.push(host, reword)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 1000), WORDS), min_size=1, max_size=10
    )
)
def test_undo_all_returns_to_the_start_and_redo_all_to_the_end(
    template: Path, qapp: Any, steps: list[tuple[str, int, str]]
) -> None:
    with _copy(template, qapp) as host:
        start = dump(host.portfolio)
        for op, pick, word in steps:
            _apply(host, op, pick, word)
        end = dump(host.portfolio)
        stack = host.undo_stack
        while stack.canUndo():
            stack.undo()
        assert dump(host.portfolio) == start
        while stack.canRedo():
            stack.redo()
        assert dump(host.portfolio) == end
        assert host.errors == []
        assert host.portfolio.verify().ok
