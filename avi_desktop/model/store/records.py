"""Records as saved row sets: export one with everything under it, delete it, put it back.

These are the inverses undo needs: a necessity assessment, an assessment with its respondents
and answers, an action, a stated value or a decision is exported table by table (every column,
ids kept), deleted, and restored exactly as it was. Each delete and restore is one audited
change like any other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from avi_desktop.model.audit import AuditAction, AuditEntity
from avi_desktop.model.domain import AssessmentStatus
from avi_desktop.model.entities import Assessment, Base, DecisionValue
from avi_desktop.model.errors import ReadOnlyError, ValidationError
from avi_desktop.model.store.base import StoreBase

# A tree of tables: (table, column pointing up, table it points to), parents first; the root
# row is selected by its own id.
Tree = tuple[tuple[str, str, str], ...]

INITIATIVE_TREE: Final[Tree] = (
    ("initiatives", "id", "initiatives"),
    ("necessity_assessments", "initiative_id", "initiatives"),
    ("assessments", "initiative_id", "initiatives"),
    ("respondents", "assessment_id", "assessments"),
    ("answers", "respondent_id", "respondents"),
    ("actions", "initiative_id", "initiatives"),
    ("decisions", "initiative_id", "initiatives"),
    ("decision_values", "decision_id", "decisions"),
)


@dataclass(frozen=True)
class Kind:
    """A kind of record: its tree of tables, what the audit trail calls it, and its name."""

    tree: Tree
    entity: AuditEntity
    what: str

    @property
    def table(self) -> str:
        return self.tree[0][0]


KINDS: Final[dict[AuditEntity, Kind]] = {
    kind.entity: kind
    for kind in (
        Kind(INITIATIVE_TREE, AuditEntity.INITIATIVE, "initiative"),
        Kind(
            (("necessity_assessments", "id", "necessity_assessments"),),
            AuditEntity.NECESSITY_ASSESSMENT,
            "necessity assessment",
        ),
        Kind(
            (
                ("assessments", "id", "assessments"),
                ("respondents", "assessment_id", "assessments"),
                ("answers", "respondent_id", "respondents"),
            ),
            AuditEntity.ASSESSMENT,
            "assessment",
        ),
        Kind((("actions", "id", "actions"),), AuditEntity.ACTION, "action"),
        Kind((("stated_values", "id", "stated_values"),), AuditEntity.STATED_VALUE, "stated value"),
        Kind(
            (("decisions", "id", "decisions"), ("decision_values", "decision_id", "decisions")),
            AuditEntity.DECISION,
            "decision",
        ),
    )
}


@dataclass(frozen=True)
class SavedRecord:
    """Every row of one record and what hangs under it, table by table, parents first."""

    entity: AuditEntity
    record_id: str
    rows: Mapping[str, Sequence[Mapping[str, Any]]]


def export_tree(session: Session, tree: Tree, root_id: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``tree`` under the root row ``root_id`` (empty lists when it is missing)."""
    tables = Base.metadata.tables
    ids: dict[str, list[Any]] = {tree[0][0]: [root_id]}
    saved: dict[str, list[dict[str, Any]]] = {}
    for name, key, parent in tree:
        table = tables[name]
        rows = session.execute(select(table).where(table.c[key].in_(ids[parent]))).mappings()
        saved[name] = [dict(row) for row in rows]
        if "id" in table.c:
            ids[name] = [row["id"] for row in saved[name]]
    return saved


def insert_tree(
    session: Session, tree: Tree, rows: Mapping[str, Sequence[Mapping[str, Any]]]
) -> None:
    """Insert saved rows, parents first, ids as they were."""
    tables = Base.metadata.tables
    for name, _, _ in tree:
        if rows.get(name):
            session.execute(tables[name].insert(), [dict(row) for row in rows[name]])


def _delete_root(session: Session, kind: Kind, record_id: str) -> None:
    """Delete the root row; the foreign keys cascade to everything under it."""
    table = Base.metadata.tables[kind.table]
    session.execute(delete(table).where(table.c.id == record_id))


def _refuse_closed(session: Session, *, saved_entity: AuditEntity, record_id: str) -> None:
    """A closed assessment is read-only, to undo as to everything else; reopen it first."""
    if saved_entity != AuditEntity.ASSESSMENT:
        return
    assessment = session.get(Assessment, record_id)
    if assessment is not None and assessment.status == AssessmentStatus.CLOSED:
        raise ReadOnlyError(
            f"The assessment '{assessment.title}' is closed and read-only; reopen it "
            "(Workshop ▸ Reopen workshop…) before changing it."
        )


def _replace_in_place(session: Session, kind: Kind, saved: SavedRecord) -> None:
    """Delete the root's children (cascading further down), update the root, insert the rest."""
    tables = Base.metadata.tables
    for name, key, parent in kind.tree[1:]:
        if parent == kind.table:
            session.execute(delete(tables[name]).where(tables[name].c[key] == saved.record_id))
    session.flush()
    root = tables[kind.table]
    (values,) = saved.rows[kind.table]
    session.execute(root.update().where(root.c.id == saved.record_id).values(dict(values)))
    insert_tree(session, kind.tree[1:], saved.rows)


class RecordsPart(StoreBase):
    def export_record(self, entity: AuditEntity, record_id: str) -> SavedRecord:
        """One record with everything under it, so it can be deleted and restored exactly."""
        kind = KINDS[entity]
        with self._read() as session:
            rows = export_tree(session, kind.tree, record_id)
        if not rows[kind.table]:
            raise ValidationError(f"There is no {kind.what} with id {record_id} in this portfolio.")
        return SavedRecord(entity, record_id, rows)

    def delete_record(self, entity: AuditEntity, record_id: str) -> None:
        """Delete a record with everything under it (a stated value only while no decision
        refers to it)."""
        kind = KINDS[entity]
        with self._change(AuditAction.DELETE, entity, record_id) as change:
            session = change.session
            if not export_tree(session, kind.tree[:1], record_id)[kind.table]:
                raise ValidationError(
                    f"There is no {kind.what} with id {record_id} in this portfolio."
                )
            if entity == AuditEntity.STATED_VALUE and session.scalar(
                select(exists().where(DecisionValue.value_id == record_id))
            ):
                raise ValidationError(
                    "A decision refers to this stated value, so it cannot be deleted."
                )
            _refuse_closed(session, saved_entity=entity, record_id=record_id)
            _delete_root(session, kind, record_id)
            change.details = {"what": kind.what}

    def restore_record(self, saved: SavedRecord) -> None:
        """Put a record back exactly as exported, replacing whatever it has become since.

        A record that still exists is updated in place and only what hangs under it is
        replaced: deleting its root would also cascade to rows of other records that refer to
        it (a stated value's stances belong to their decisions).
        """
        kind = KINDS[saved.entity]
        with self._change(AuditAction.RESTORE, saved.entity, saved.record_id) as change:
            session = change.session
            if export_tree(session, kind.tree[:1], saved.record_id)[kind.table]:
                _refuse_closed(session, saved_entity=saved.entity, record_id=saved.record_id)
                _replace_in_place(session, kind, saved)
            else:
                insert_tree(session, kind.tree, saved.rows)
            change.details = {"what": kind.what}
