"""Blank cells whose value a table's own arithmetic proves (for the TXT rules).

A blank is never read as 0 (the TBL rules report it). But a table often leaves cells blank that
its own totals determine: 表三 with every 总计 of the result rows left blank while each row's
applicant columns and the （七）总计 row are filled, or 表四 with 结果纠正 blank and 总计 = 结果维持 +
尚未审结. The TXT rules may then compare a sentence with such a cell, because its value is not a
guess:

- an error-level ``==`` relation of the profile with exactly one blank term determines it
  (``总计 = 258 + 12 + blank + blank + 1 + 1`` once the two blanks are known);
- a relation whose blank terms all sit on one side, with every other term known, and whose known
  terms already balance proves each of those blanks 0 — counts cannot be negative (the column's
  cell type has ``min: 0``).

These steps repeat until nothing changes. A table in which a relation then fails (or a value
would be negative or fractional in an integer column) contradicts itself: none of its derived
values is used.
"""
from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from .cellvalue import BLANK
from .records import Record
from .relations import Ref

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .profile import Edition
    from .relations import Relation


class Derived(Record):
    """A blank cell's value and how it follows: the relation and the terms it was solved from."""

    value: Decimal
    relation: "Relation"
    terms: list[tuple[Ref, Decimal]]  # the other cells, with values

    def __init__(
            self, value: Decimal, relation: "Relation", terms: list[tuple[Ref, Decimal]] | None = None) -> None:
        self.value = value
        self.relation = relation
        self.terms = [] if terms is None else terms


def derived_cells(doc: "Document", edition: "Edition") -> dict[Ref, Derived]:
    """The blank cells of ``doc``'s tables whose value their table proves (memoised)."""
    return doc.memo(f"derived-cells:{edition.profile_id}:{edition.id}", lambda: _derive(doc, edition))


def _derive(doc: "Document", edition: "Edition") -> dict[Ref, Derived]:
    from .arith import in_document_relations, model_lookup
    from .profileindex import columns_by_key
    from .tablemodel import table_model

    model = table_model(doc, edition)
    lookup, substitute = model_lookup(model)
    values: dict[Ref, Decimal] = {}
    blanks: set[Ref] = set()
    equations: list[tuple["Relation", list[tuple[int, Ref | None, Decimal | None]]]] = []
    for rel in in_document_relations(edition):
        if rel.severity != "error" or rel.op != "==":
            continue
        terms = [(t.sign, t.ref, t.const) for t in rel.lhs] + [(-t.sign, t.ref, t.const) for t in rel.rhs]
        missing = [ref for _, ref, _ in terms if ref is not None and lookup(ref) is None]
        if missing:
            groups = {tuple(children): group for children, group in substitute(missing)}
            done = {c for children in groups for c in children}
            if any(ref not in done for ref in missing):
                continue  # a cell the table does not have: nothing follows
            new, seen = [], set()
            for sign, ref, const in terms:
                if ref in done:
                    group = next(g for ch, g in groups.items() if ref in ch)
                    if group not in seen:
                        seen.add(group)
                        new.append((sign, group, None))
                    continue
                new.append((sign, ref, const))
            terms = new
        usable = True
        for _, ref, _ in terms:
            if ref is None:
                continue
            cell = lookup(ref)
            if cell is None:
                usable = False
            elif cell.value is not None:
                values[ref] = cell.value
            elif cell.reason == BLANK:
                blanks.add(ref)
            else:
                usable = False  # not a number: the TBL rules say so, nothing is derived from it
        if usable:
            equations.append((rel, terms))
    if not blanks:
        return {}

    def nonnegative(ref: Ref) -> bool:
        spec = edition.tables.get(ref.table)
        col = columns_by_key(spec).get(ref.col) if spec is not None else None
        return col is not None and col.min is not None and col.min >= 0

    def integral(ref: Ref) -> bool:
        spec = edition.tables.get(ref.table)
        col = columns_by_key(spec).get(ref.col) if spec is not None else None
        return col is not None and col.kind == "integer"

    derived: dict[Ref, Derived] = {}
    broken: set[str] = set()  # tables that contradict themselves
    changed = True
    while changed:
        changed = False
        for rel, terms in equations:
            unknown = [(s, r) for s, r, _ in terms if r is not None and r not in values]
            if not unknown:
                continue
            rest = sum((s * (values[r] if r is not None else c) for s, r, c in terms
                        if r is None or r in values), Decimal(0))
            known = [(r, values[r]) for _, r, _ in terms if r is not None and r in values]
            if len(unknown) == 1:
                s, ref = unknown[0]
                x = -rest / s
                if (nonnegative(ref) and x < 0) or (integral(ref) and x != x.to_integral_value()):
                    broken.add(ref.table)
                    continue
                values[ref] = x
                derived[ref] = Derived(x, rel, known)
                changed = True
            elif len({s for s, _ in unknown}) == 1 and all(nonnegative(r) for _, r in unknown):
                s = unknown[0][0]
                total = -rest / s  # what the unknown cells add up to
                if total == 0:
                    for _, ref in unknown:
                        values[ref] = Decimal(0)
                        derived[ref] = Derived(Decimal(0), rel, known)
                    changed = True
                elif total < 0:
                    broken.add(unknown[0][1].table)
    for rel, terms in equations:
        if all(r is None or r in values for _, r, _ in terms):
            if sum((s * (values[r] if r is not None else c) for s, r, c in terms), Decimal(0)) != 0:
                broken |= {r.table for _, r, _ in terms if r is not None}  # the table contradicts itself
    return {ref: d for ref, d in derived.items() if ref.table not in broken}
