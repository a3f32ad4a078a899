"""actions, action add, action update: follow-up actions through the store, in the audit trail."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from avi_desktop.cli import main
from avi_desktop.model.domain import ActionStatus
from avi_desktop.model.follow_up import is_overdue
from avi_desktop.model.store import PortfolioStore


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_overdue_means_past_due_and_still_to_do() -> None:
    today = date(2026, 11, 28)
    yesterday = today - timedelta(days=1)
    assert is_overdue(yesterday, ActionStatus.OPEN, today)
    assert is_overdue(yesterday, ActionStatus.IN_PROGRESS, today)
    assert not is_overdue(today, ActionStatus.OPEN, today)
    assert not is_overdue(yesterday, ActionStatus.DONE, today)
    assert not is_overdue(yesterday, ActionStatus.DROPPED, today)
    assert not is_overdue(None, ActionStatus.OPEN, today)


def test_add_update_and_list_actions_each_recorded_in_the_trail(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(demo_copy)
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        initiative = store.initiative_ids()[0]
        events = len(store.audit_events())
    past = (date.today() - timedelta(days=3)).isoformat()
    status, out, err = _out(
        capsys, "action", "add", path, "--initiative", initiative[:6],
        "--title", "Name one accountable owner", "--imperative", "align_leadership",
        "--owner", "Chief Operating Officer", "--due", past,
    )  # fmt: skip
    assert (status, err) == (0, "")
    action_id = out.strip()
    assert len(action_id) == 36

    status, out, _ = _out(capsys, "actions", path, "--overdue", "--json")
    listed = {item["id"]: item for item in json.loads(out)}
    assert status == 0 and listed[action_id]["overdue"] is True
    assert listed[action_id]["initiative"]["id"] == initiative
    assert listed[action_id]["imperative"] == "align_leadership"
    assert listed[action_id]["due_on"] == past
    assert all(item["overdue"] for item in listed.values())

    status, out, err = _out(
        capsys, "action", "update", path, "--action", action_id[:8], "--status", "done"
    )
    assert (status, err) == (0, "") and "status" in out
    status, out, _ = _out(capsys, "actions", path, "--overdue", "--json")
    assert action_id not in {item["id"] for item in json.loads(out)}
    status, out, _ = _out(capsys, "actions", path, "--initiative", initiative[:8])
    assert "Name one accountable owner (Chief Operating Officer)" in out

    with PortfolioStore.open(demo_copy, read_only=True) as store:
        trail = store.audit_events()[events:]
        assert store.verify().ok
        (saved,) = [a for a in store.actions(initiative) if a.id == action_id]
    assert [(e.action, e.entity, e.entity_id) for e in trail] == [
        ("create", "action", action_id),
        ("update", "action", action_id),
    ]
    assert saved.status == ActionStatus.DONE and saved.owner == "Chief Operating Officer"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--imperative", "soon", "--title", "x"], "'soon' is not a valid imperative"),
        (["--imperative", "define_value", "--title", " "], "The title is required"),
        (
            ["--imperative", "define_value", "--title", "x", "--due", "31/01/2027"],
            "The due date must be a date (YYYY-MM-DD)",
        ),
    ],
)
def test_bad_action_input_is_one_line_and_changes_nothing(
    demo_copy: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        initiative = store.initiative_ids()[0]
        before = (len(store.audit_events()), [a.id for a in store.actions()])
    status, out, err = _out(
        capsys, "action", "add", str(demo_copy), "--initiative", initiative, *argv
    )
    assert status == 1 and out == "" and err.count("\n") == 1 and message in err
    with PortfolioStore.open(demo_copy, read_only=True) as store:
        assert (len(store.audit_events()), [a.id for a in store.actions()]) == before


def test_update_with_nothing_to_change_says_what_to_give(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _out(capsys, "action", "update", str(demo_copy), "--action", "abcd")
    assert status == 1 and "give --status, --owner, --due" in err
