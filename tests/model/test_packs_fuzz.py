"""The pack importer fuzzed: it never crashes and never imports part of a file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avi_desktop.model import packs
from avi_desktop.model.errors import PackError
from avi_desktop.model.store import PortfolioStore
from avi_desktop.paths import resource
from tests.model.test_packs import filled_packs, stored_answers, workshop

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)


SCHEMA = jsonschema.Draft202012Validator(
    json.loads(resource("schemas", packs.SCHEMA_FILE).read_text(encoding="utf-8"))
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PortfolioStore, str, Path]]:
    """One workshop and one valid filled pack, shared by every example."""
    folder = tmp_path_factory.mktemp("fuzz")
    with PortfolioStore.create(folder / "fuzz.avip", organisation="Fuzz") as store:
        assessment_id = workshop(store)
        paths = filled_packs(store, assessment_id, folder)
        yield store, assessment_id, paths[0]


def _expected(pack: dict[str, Any]) -> dict[str, int | None]:
    return {
        a["item"]: a["score"]
        for a in pack["answers"]
        if a["score"] is not None or a["not_applicable"]
    }


def _import_one(world: tuple[PortfolioStore, str, Path], data: bytes, tmp: Path) -> None:
    """Import ``data`` as a pack: either the whole pack is stored, or nothing changes."""
    store, assessment_id, _ = world
    before = stored_answers(store, assessment_id)
    events = len(store.audit_events())
    path = tmp / "fuzzed.json"
    path.write_bytes(data)
    report = packs.import_packs(store, [path], replace=True)  # must not raise
    after = stored_answers(store, assessment_id)
    if report.rejected:
        assert report.rejected[0].reason
        assert after == before and len(store.audit_events()) == events
        return
    pack = json.loads(data)
    respondent = pack["respondent"]["id"]
    assert after[respondent] == _expected(pack)
    assert {k: v for k, v in after.items() if k != respondent} == {
        k: v for k, v in before.items() if k != respondent
    }


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_never_crash_the_import(
    world: tuple[PortfolioStore, str, Path], tmp_path: Path, data: bytes
) -> None:
    _import_one(world, data, tmp_path)


@FUZZ
@given(cut=st.integers(min_value=0, max_value=100_000))
def test_a_truncated_pack_is_rejected(
    world: tuple[PortfolioStore, str, Path], tmp_path: Path, cut: int
) -> None:
    whole = world[2].read_bytes()
    data = whole[: cut % len(whole)]
    _import_one(world, data, tmp_path)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


@FUZZ
@given(choice=st.integers(min_value=0), value=json_values, redigest=st.booleans())
def test_a_pack_with_any_field_changed_is_taken_whole_or_not_at_all(
    world: tuple[PortfolioStore, str, Path],
    tmp_path: Path,
    choice: int,
    value: Any,
    redigest: bool,
) -> None:
    pack = json.loads(world[2].read_text(encoding="utf-8"))
    places = _paths(pack)[1:]
    where = places[choice % len(places)]
    holder = pack
    for step in where[:-1]:
        holder = holder[step]
    holder[where[-1]] = value
    if redigest:
        pack["digest"] = packs.digest(pack)
    try:
        packs.check_pack(pack)
    except PackError:
        pass
    else:  # whatever the importer takes, the shipped schema describes
        assert SCHEMA.is_valid(pack)
    _import_one(world, json.dumps(pack, ensure_ascii=False).encode("utf-8"), tmp_path)


@FUZZ
@given(scores=st.lists(st.sampled_from([None, 1, 2, 3, 4, 5, "na"]), min_size=1, max_size=80))
def test_any_valid_answers_are_imported_whole(
    world: tuple[PortfolioStore, str, Path], tmp_path: Path, scores: list[Any]
) -> None:
    pack = json.loads(world[2].read_text(encoding="utf-8"))
    for entry, score in zip(pack["answers"], scores, strict=False):
        entry["score"] = None if score in (None, "na") else score
        entry["not_applicable"] = score == "na"
        entry["comment"] = ""
    pack["digest"] = packs.digest(pack)
    _import_one(world, json.dumps(pack).encode("utf-8"), tmp_path)
