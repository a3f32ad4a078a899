"""Workshop > Import response packs…: progress, the replace question, the result list, undo."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from avi_desktop.model.domain import AssessmentStatus, StakeholderGroup
from avi_desktop.model.instrument import bundled_instrument
from avi_desktop.model.packs import export_packs, fill_pack, read_pack, write_pack
from avi_desktop.model.participants import Participant, create_workshop
from avi_desktop.model.store import PortfolioStore
from avi_desktop.ui import response_import
from avi_desktop.ui.host import Selection
from avi_desktop.ui.response_import import ResponseImport, import_responses
from avi_desktop.ui.workshop_flow import latest_workshop
from tests.ui.test_flow_host import FakeHost

PEOPLE = [
    Participant("Ana", StakeholderGroup.EMPLOYEES),
    Participant("Ben", StakeholderGroup.EMPLOYEES),
    Participant("Cy", StakeholderGroup.CFOS),
    Participant("Dee", StakeholderGroup.CFOS),
]


def _initiative(store: PortfolioStore, name: str) -> str:
    return next(i for i in store.initiative_ids() if store.get_initiative(i).name == name)


def _workshop(store: PortfolioStore, initiative_id: str, title: str = "Offsite") -> str:
    return create_workshop(
        store, initiative_id, title=title, participants=PEOPLE, instrument=bundled_instrument()
    )


def filled_packs(store: PortfolioStore, assessment_id: str, folder: Path, base: int) -> list[Path]:
    """One answered pack per participant; person n answers every item ``base + n`` (1..5)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = export_packs(store, assessment_id, folder)
    items = [item.id for item in bundled_instrument().items()]
    for n, path in enumerate(paths):
        value = (base + n - 1) % 5 + 1
        write_pack(path, fill_pack(read_pack(path), dict.fromkeys(items, value)))
    return paths


@pytest.fixture
def host(qtbot: Any, small_portfolio: Path) -> Iterator[FakeHost]:
    parent = QWidget()
    qtbot.addWidget(parent)
    with PortfolioStore.open(small_portfolio) as store:
        initiative_id = _initiative(store, "Claims triage")
        fake = FakeHost(store, parent)
        fake.selection = Selection(initiative_id, "Claims triage")
        yield fake


def _run(qtbot: Any, host: FakeHost, paths: list[Path]) -> ResponseImport:
    run = import_responses(host, paths)
    assert run is not None, host.errors
    with qtbot.waitSignal(run.finished, timeout=30000):
        pass
    return run


def _answered(store: PortfolioStore, assessment_id: str) -> dict[str, set[int | None]]:
    found = store.get_assessment(assessment_id)
    return {r.name: {a.score for a in r.answers} for r in found.respondents}


def test_import_lists_every_file_and_is_one_undoable_command(
    qtbot: Any, host: FakeHost, tmp_path: Path
) -> None:
    store = host.portfolio
    assert host.selection is not None
    workshop = _workshop(store, host.selection.id)
    packs = filled_packs(store, workshop, tmp_path / "packs", base=1)[:3]
    other = _workshop(store, _initiative(store, "Fraud scoring"), "Elsewhere")
    stray = filled_packs(store, other, tmp_path / "other", base=2)[0]
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "avi-response-pack", "answ', encoding="utf-8")
    before = host.undo_stack.count()

    run = _run(qtbot, host, [*packs, stray, broken])

    assert run.report is not None and run.result_dialog is not None
    assert [i.respondent for i in run.report.imported] == ["Ana", "Ben", "Cy"]
    rows = {
        run.result_dialog.model.text(r, 0): (
            run.result_dialog.model.text(r, 1),
            run.result_dialog.model.text(r, 2),
        )
        for r in range(run.result_dialog.model.rowCount())
    }
    assert len(rows) == 5  # two files named ana.json are told apart by their folders
    assert rows["other/ana.json"] == ("Rejected", "The pack is for another assessment.")
    assert rows["packs/ana.json"] == ("Imported", "Ana (imported)")
    assert rows["broken.json"][0] == "Rejected" and "not valid JSON" in rows["broken.json"][1]
    assert sum(result == "Imported" for result, _ in rows.values()) == 3
    assert run.result_dialog.summary.text() == "3 imported, 2 rejected."
    assert _answered(store, workshop) == {"Ana": {1}, "Ben": {2}, "Cy": {3}, "Dee": set()}

    assert host.undo_stack.count() == before + 1
    host.undo_stack.undo()
    assert _answered(store, workshop) == {"Ana": set(), "Ben": set(), "Cy": set(), "Dee": set()}
    host.undo_stack.redo()
    assert _answered(store, workshop)["Cy"] == {3}


@pytest.mark.parametrize("replace", [True, False])
def test_a_respondent_who_answered_differently_is_replaced_only_when_the_facilitator_says_so(
    qtbot: Any, host: FakeHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    store = host.portfolio
    assert host.selection is not None
    workshop = _workshop(store, host.selection.id)
    first = filled_packs(store, workshop, tmp_path / "first", base=1)
    _run(qtbot, host, first[:2])
    second = filled_packs(store, workshop, tmp_path / "second", base=4)  # Ana 4, Ben 5, Cy 1...
    asked: list[list[str]] = []

    def ask(_parent: Any, already: list[Any]) -> bool:
        asked.append([r.path.name for r in already])
        return replace

    monkeypatch.setattr(response_import, "ask_replace", ask)
    count = host.undo_stack.count()

    run = _run(qtbot, host, [first[0], second[0], second[1], second[2]])

    assert asked == [[second[0].name, second[1].name]]  # only the two who answered differently
    assert run.report is not None and run.result_dialog is not None
    answered = _answered(store, workshop)
    assert answered["Cy"] == {1}
    outcomes = {i.path: i.outcome for i in run.report.imported}
    assert outcomes[first[0]] == "unchanged"
    if replace:
        assert answered["Ana"] == {4} and answered["Ben"] == {5}
        assert outcomes[second[0]] == outcomes[second[1]] == "replaced"
        assert not run.report.rejected
    else:
        assert answered["Ana"] == {1} and answered["Ben"] == {2}
        assert {r.path for r in run.report.rejected} == {second[0], second[1]}
        assert all(r.reason.startswith("Skipped") for r in run.report.rejected)
    texts = [run.result_dialog.model.text(r, 2) for r in range(run.result_dialog.model.rowCount())]
    assert len(texts) == 4
    # Both passes are one command: undo takes the import back whole.
    assert host.undo_stack.count() == count + 1
    host.undo_stack.undo()
    assert _answered(store, workshop) == {"Ana": {1}, "Ben": {2}, "Cy": set(), "Dee": set()}


def test_the_window_keeps_working_while_packs_import(
    qtbot: Any, host: FakeHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    assert host.selection is not None
    workshop = _workshop(store, host.selection.id)
    packs = filled_packs(store, workshop, tmp_path / "packs", base=2)
    real = store.record_responses

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.15)  # a slow USB stick: each file takes a while
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "record_responses", slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(20)
    steps: list[tuple[int, int]] = []
    run = import_responses(host, packs)
    assert run is not None
    run.progressed.connect(lambda d, t: steps.append((d, t)))
    started = time.monotonic()
    with qtbot.waitSignal(run.finished, timeout=30000):
        assert run.progress.isVisible()
    timer.stop()
    took = time.monotonic() - started
    assert took >= 0.5
    # The UI thread ran its timer all along: no gap anywhere near the import's length.
    during = [t for t in ticks if t >= started]
    assert len(during) >= 10
    assert max(b - a for a, b in pairwise(during)) < 0.3
    assert steps[-1] == (4, 4) and len(steps) >= 2
    assert not run.progress.isVisible()
    assert len(_answered(store, workshop)) == 4


def test_a_closed_workshop_takes_no_packs(host: FakeHost, tmp_path: Path) -> None:
    store = host.portfolio
    assert host.selection is not None
    workshop = _workshop(store, host.selection.id)
    packs = filled_packs(store, workshop, tmp_path / "packs", base=1)
    store.set_assessment_status(workshop, AssessmentStatus.CLOSED)
    assert import_responses(host, packs) is None
    assert host.errors and "closed" in host.errors[-1]
    assert host.undo_stack.count() == 0


def _cancel_when(
    run: ResponseImport,
    store: PortfolioStore,
    monkeypatch: pytest.MonkeyPatch,
    when: Callable[[int, int], bool],
) -> None:
    """Each file takes a while (a slow stick); Cancel is pressed at the progress ``when``
    accepts (done, total)."""
    real = store.record_responses

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.15)
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "record_responses", slow)
    button = run.progress.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    run.progressed.connect(lambda done, total: button.click() if when(done, total) else None)


def test_cancel_stops_between_files_and_keeps_what_was_imported(
    qtbot: Any, host: FakeHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    assert host.selection is not None
    workshop = _workshop(store, host.selection.id)
    packs = filled_packs(store, workshop, tmp_path / "packs", base=1)  # Ana 1 … Dee 4
    count = host.undo_stack.count()
    found = latest_workshop(host)
    assert found is not None
    run = ResponseImport(host, store, host.selection.id, found[2], packs)
    _cancel_when(run, store, monkeypatch, lambda done, _total: done == 1)
    with qtbot.waitSignal(run.finished, timeout=30000):
        run.start()

    assert run.report is not None and run.result_dialog is not None
    imported = [i.path for i in run.report.imported]
    assert 1 <= len(imported) < len(packs)  # stopped between files, not before the first
    assert not run.report.rejected
    assert imported + run.cancelled == packs  # every file is either in or never read
    answered = _answered(store, workshop)
    people = [p.name for p in PEOPLE]
    assert answered == {
        name: ({n + 1} if n < len(imported) else set()) for n, name in enumerate(people)
    }, "as if the cancelled files had never been chosen"
    dialog = run.result_dialog
    rows = [
        tuple(dialog.model.text(r, c) for c in range(3)) for r in range(dialog.model.rowCount())
    ]
    assert [row[1] for row in rows] == ["Imported"] * len(imported) + ["Not imported"] * len(
        run.cancelled
    )
    assert rows[-1][2] == "Cancelled before this file was read."
    assert dialog.windowTitle() == "Import cancelled"
    assert dialog.summary.text() == (
        f"Import cancelled: {len(imported)} imported, 0 rejected, "
        f"{len(run.cancelled)} not imported."
    )
    assert "Import cancelled" in host.status_bar.currentMessage()
    assert not run.progress.isVisible()
    # What was imported is one command, and undo takes it back whole.
    assert host.undo_stack.count() == count + 1
    host.undo_stack.undo()
    assert _answered(store, workshop) == {name: set() for name in people}


def test_cancel_during_the_replace_pass_keeps_the_replaced_and_asks_nothing_more(
    qtbot: Any, host: FakeHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = host.portfolio
    assert host.selection is not None
    workshop = _workshop(store, host.selection.id)
    _run(qtbot, host, filled_packs(store, workshop, tmp_path / "first", base=1))
    second = filled_packs(store, workshop, tmp_path / "second", base=2)  # all differ
    monkeypatch.setattr(response_import, "ask_replace", lambda _parent, _already: True)
    count = host.undo_stack.count()
    found = latest_workshop(host)
    assert found is not None
    run = ResponseImport(host, store, host.selection.id, found[2], second)
    passes: list[int] = []  # one entry as each pass reads its first file
    run.progressed.connect(lambda done, total: passes.append(total) if done == 1 else None)
    _cancel_when(run, store, monkeypatch, lambda done, _total: done == 1 and len(passes) == 2)
    with qtbot.waitSignal(run.finished, timeout=30000):
        run.start()

    assert run.report is not None
    replaced = [i.path for i in run.report.imported if i.outcome == "replaced"]
    assert 1 <= len(replaced) < len(second) and run.cancelled
    assert replaced + run.cancelled == second
    assert not run.report.rejected  # the files not read are listed as cancelled, not skipped
    assert host.undo_stack.count() == count + 1
    host.undo_stack.undo()
    assert _answered(store, workshop) == {"Ana": {1}, "Ben": {2}, "Cy": {3}, "Dee": {4}}
