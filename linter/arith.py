"""Evaluating a profile's relations on a document's tables, with exact Decimal arithmetic.

A relation (``reportlint.relations``) is evaluated only when every term is a valid number: a
blank, non-numeric or missing cell makes it *skipped* (the TBL rules already report the cell;
nothing is ever guessed). One exception keeps real reports checkable: when every sub-row of a
group is absent but the group's own row carries values (the 2019 single row （六）其他处理 in a 2021
report), the group row stands for the sum of its sub-rows.

Each evaluation knows the cell it is reported at (``report_at`` in the profile, else the side
that is a single cell, e.g. the 总计) and, for ``==``, the value that cell would need.
Messages name every term by its label and value: ``表三 （七）总计 / 自然人 is 12, but …``.
"""
from __future__ import annotations

from functools import cached_property
from decimal import Decimal
from operator import mul
from typing import Callable

from .diagnostics import Message, Span
from .profileindex import derived, rows_by_key
from .records import Record
from .relations import Ref, Relation, compare


class Cellref(Record):
    """What an evaluation needs to know about one cell."""

    value: Decimal | None
    label: str  # full label: 表三 （七）总计 / 自然人
    row_label: str
    col_label: str
    span: Span | None
    reason: str | None  # why value is None
    key: tuple  # (prev, table, row, col): identifies the cell

    def __init__(
            self, value: Decimal | None, label: str, row_label: str, col_label: str, span: Span | None = None,
            reason: str | None = None, key: tuple = ()) -> None:
        self.value = value
        self.label = label
        self.row_label = row_label
        self.col_label = col_label
        self.span = span
        self.reason = reason
        self.key = key


class _HitRef:
    """A :class:`Cellref` over a table-model cell whose labels are only built when a message
    needs them (most relations hold, and then no label is ever read)."""

    __slots__ = ("_lt", "_hit", "value", "span", "reason", "key", "__dict__")

    def __init__(self, lt, hit, ref: Ref) -> None:
        self._lt, self._hit = lt, hit
        parsed = hit.parsed
        self.value, self.span, self.reason = parsed.value, hit.span, parsed.reason
        self.key = (False, ref.table, ref.row, ref.col)

    @cached_property
    def label(self) -> str:
        return self._hit.label

    @cached_property
    def row_label(self) -> str:
        return rows_by_key(self._lt.spec).get(self.key[2]).label or ""

    @cached_property
    def col_label(self) -> str:
        return self._lt.column_label(self.key[3])


class TermValue(Record, eq=False):
    """One term of an evaluated relation: its sign and its cell (or constant)."""

    sign: int
    ref: Ref | None
    cell: Cellref | None
    const: Decimal | None

    def __init__(
            self, sign: int, ref: Ref | None, cell: Cellref | None, const: Decimal | None = None) -> None:
        self.sign = sign
        self.ref = ref
        self.cell = cell
        self.const = const

    @property
    def value(self) -> Decimal:
        return self.const if self.ref is None else self.cell.value  # type: ignore[union-attr]


class Evaluation(Record):
    """A relation evaluated on one document: holds, broken or skipped (and why), with every term."""

    relation: Relation
    status: str  # "holds" | "broken" | "skipped"
    lhs: list[TermValue]
    rhs: list[TermValue]
    skipped_because: str  # "missing" | "invalid" | "previous-year"
    target: TermValue | None
    target_side: str

    def __init__(
            self, relation: Relation, status: str, lhs: list[TermValue] | None = None,
            rhs: list[TermValue] | None = None, skipped_because: str = "", target: TermValue | None = None,
            target_side: str = "lhs") -> None:
        self.relation = relation
        self.status = status
        self.lhs = [] if lhs is None else lhs
        self.rhs = [] if rhs is None else rhs
        self.skipped_because = skipped_because
        self.target = target
        self.target_side = target_side

    @property
    def lhs_sum(self) -> Decimal:
        return sum((t.sign * t.value for t in self.lhs), Decimal(0))

    @property
    def rhs_sum(self) -> Decimal:
        return sum((t.sign * t.value for t in self.rhs), Decimal(0))

    @property
    def broken(self) -> bool:
        return self.status == "broken"

    def solve(self, term: TermValue) -> Decimal | None:
        """The value ``term``'s cell would need for the relation to hold (``==`` only)."""
        if self.relation.op != "==" or term.ref is None:
            return None
        own, other = (self.lhs, self.rhs) if any(x is term for x in self.lhs) else (self.rhs, self.lhs)
        rest = sum((t.sign * t.value for t in own if t is not term), Decimal(0))
        opp = sum((t.sign * t.value for t in other), Decimal(0))
        return (opp - rest) / term.sign

    @property
    def expected(self) -> Decimal | None:
        return self.solve(self.target) if self.target is not None else None

    @property
    def terms(self) -> list[TermValue]:
        return self.lhs + self.rhs

    @property
    def cell_keys(self) -> set[tuple]:
        """The keys of the cells the relation read."""
        return {t.cell.key for t in self.terms if t.cell is not None}


Lookup = Callable[[Ref], "Cellref | None"]
Substitute = Callable[[list[Ref]], "list[tuple[list[Ref], Ref]]"]


def evaluate(relation: Relation, lookup: Lookup, substitute: Substitute | None = None) -> Evaluation:
    """Evaluate ``relation``; ``lookup(ref)`` gives a cell or None when it is not in the report;
    ``substitute(missing_refs)`` may name group rows that stand for missing sub-rows."""
    missing: list[Ref] = []
    sides = {"lhs": _term_values(relation.lhs, lookup, missing), "rhs": _term_values(relation.rhs, lookup, missing)}
    substituted = False
    if missing and substitute is not None:
        for children, group in substitute(missing):
            group_cell = lookup(group)
            if group_cell is None:
                continue
            for side in ("lhs", "rhs"):
                idx = [i for i, t in enumerate(sides[side]) if t.ref in children]
                if len(idx) == len(children) and len({sides[side][i].sign for i in idx}) == 1:
                    sign = sides[side][idx[0]].sign
                    first = idx[0]
                    sides[side] = [t for i, t in enumerate(sides[side]) if i not in idx]
                    sides[side].insert(first, TermValue(sign, group, group_cell))
                    missing = [m for m in missing if m not in children]
                    substituted = True
    ev = Evaluation(relation, "skipped", sides["lhs"], sides["rhs"])
    if substituted:
        _choose_target(ev)
    else:  # the terms are the relation's: where it is reported depends on the relation only
        _set_target(ev, derived(relation, "target", _relation_target))
    if missing:
        ev.skipped_because = "previous-year" if all(m.prev for m in missing) else "missing"
        return ev
    if any(t.ref is not None and t.cell.value is None for t in ev.terms):
        ev.skipped_because = "invalid"
        return ev
    ev.status = "holds" if compare(relation.op, ev.lhs_sum, ev.rhs_sum) else "broken"
    return ev


def _term_values(terms, lookup: Lookup, missing: list[Ref]) -> list[TermValue]:
    """The terms of one side with their cells; references not in the report go to ``missing``."""
    out = []
    for t in terms:
        ref = t.ref
        if ref is None:
            out.append(TermValue(t.sign, None, None, t.const))
            continue
        cell = lookup(ref)
        if cell is None:
            missing.append(ref)
        out.append(TermValue(t.sign, ref, cell))
    return out


def _choose_target(ev: Evaluation) -> None:
    _set_target(ev, _target_position(ev.relation, [t.ref for t in ev.lhs], [t.ref for t in ev.rhs]))


def _relation_target(relation: Relation) -> tuple[str, int] | None:
    return _target_position(relation, [t.ref for t in relation.lhs], [t.ref for t in relation.rhs])


def _set_target(ev: Evaluation, position: tuple[str, int] | None) -> None:
    if position is not None:
        side, i = position
        ev.target, ev.target_side = getattr(ev, side)[i], side


def _target_position(relation: Relation, lhs: list[Ref | None], rhs: list[Ref | None]) -> tuple[str, int] | None:
    """Where a relation with these terms is reported (side, index of the term): at ``report_at``,
    else at the side that is a single current-year cell, else at the first current-year cell."""
    sides = (("lhs", lhs), ("rhs", rhs))
    if relation.report_at is not None:
        for side, refs in sides:
            for i, ref in enumerate(refs):
                if ref == relation.report_at:
                    return side, i
    for side, refs in sides:
        current = [i for i, ref in enumerate(refs) if ref is not None and not ref.prev]
        if len(refs) == 1 and current:
            return side, current[0]
    for side, refs in sides:
        for i, ref in enumerate(refs):
            if ref is not None and not ref.prev:
                return side, i
    return None


# --------------------------------------------------------------------------- messages


def num(n: Decimal | None) -> str:
    if n is None:
        return "?"
    s = format(n, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s or "0"


def signed(n: Decimal) -> str:
    return ("+" if n > 0 else "") + num(n)


def _short(t: TermValue, ev: Evaluation, lang: str) -> str:
    if t.ref is None:
        return num(t.const)
    c = t.cell
    refs = [x.ref for x in ev.terms if x.ref is not None]
    prev = ("last year's " if lang == "en" else "上年报告") if t.ref.prev else ""
    if len({(r.table, r.col) for r in refs}) == 1 and c.row_label:
        name = c.row_label
    elif len({(r.table, r.row) for r in refs}) == 1:
        name = c.col_label
        heads = {x.cell.col_label.split(" ", 1)[0] for x in ev.terms if x.cell is not None}
        if len(heads) == 1 and " " in name:
            name = name.split(" ", 1)[1]  # 行政复议 结果维持 + 行政复议 结果纠正 …: the group is said once
    else:
        name = c.label
    return f"{prev}{name} {num(c.value)}"


def _expr(terms: list[tuple[int, TermValue]], ev: Evaluation, lang: str) -> str:
    out = ""
    for i, (sign, t) in enumerate(terms):
        text = _short(t, ev, lang)
        if i == 0:
            out = text if sign > 0 else f"−{text}"
        else:
            out += f" + {text}" if sign > 0 else f" − {text}"
    return out or "0"


def formula(ev: Evaluation, lang: str) -> str:
    """The relation with each term's name and value, e.g. ``（七）总计 2932 = （一）予以公开 1288 + …``
    (the relation's own text when a term is not in the report)."""
    if any(t.ref is not None and t.cell is None for t in ev.terms):
        return ev.relation.text

    def side(terms):
        return _expr([(t.sign, t) for t in terms], ev, lang)
    op = {"==": "=", "<=": "≤", ">=": "≥"}.get(ev.relation.op, ev.relation.op)
    return f"{side(ev.lhs)} {op} {side(ev.rhs)}"


def describe(ev: Evaluation) -> Message:
    """Explain a broken relation at its target cell, naming every term with label and value."""
    rel = ev.relation
    desc = rel.description or {}
    rule_en = f" Rule: {desc['en']}." if desc.get("en") else ""
    rule_zh = f"规则：{desc['zh']}。" if desc.get("zh") else ""
    t = ev.target
    label = t.cell.label if t is not None and t.cell is not None else rel.text
    if rel.op == "==" and t is not None:
        expected = ev.expected
        own = ev.lhs if ev.target_side == "lhs" else ev.rhs
        other = ev.rhs if ev.target_side == "lhs" else ev.lhs
        # target = (Σ other − Σ own-without-target) / sign
        solved = [(x.sign * t.sign, x) for x in other] + [(-x.sign * t.sign, x) for x in own if x is not t]
        diff = t.value - expected
        single = len(solved) == 1 and solved[0][0] > 0
        src_en = f"{_expr(solved, ev, 'en')}" if single else f"{_expr(solved, ev, 'en')} = {num(expected)}"
        src_zh = f"{_expr(solved, ev, 'zh')}" if single else f"{_expr(solved, ev, 'zh')} = {num(expected)}"
        en = (f"{label} is {num(t.value)}, but {src_en}: it would have to be "
              f"{num(expected)} (difference {signed(diff)}).{rule_en}")
        zh = f"{label} 为 {num(t.value)}，但 {src_zh}，应为 {num(expected)}（相差 {signed(diff)}）。{rule_zh}"
        return Message(en, zh)
    def side(terms, total, lang):
        expr = _expr([(x.sign, x) for x in terms], ev, lang)
        return expr if len(terms) == 1 and terms[0].sign > 0 else f"{expr} = {num(total)}"

    en = f"{label}: {side(ev.lhs, ev.lhs_sum, 'en')} {rel.op} {side(ev.rhs, ev.rhs_sum, 'en')} does not hold.{rule_en}"
    zh = f"{label}：{side(ev.lhs, ev.lhs_sum, 'zh')} {rel.op} {side(ev.rhs, ev.rhs_sum, 'zh')} 不成立。{rule_zh}"
    return Message(en, zh)


# --------------------------------------------------------------------------- documents


_UNSEEN = object()


def model_lookup(model) -> tuple[Lookup, Substitute]:
    """Lookup and group substitution over a :class:`~reportlint.tablemodel.TableModel`
    (current-year references only)."""

    seen: dict[Ref, _HitRef | None] = {}

    def lookup(ref: Ref) -> Cellref | None:
        found = seen.get(ref, _UNSEEN)
        if found is not _UNSEEN:
            return found
        found = None
        lt = None if ref.prev else model.get(ref.table)
        if lt is not None:
            hit = lt.cell(ref.row, ref.col)
            if hit is not None:
                found = _HitRef(lt, hit, ref)
        seen[ref] = found
        return found

    def substitute(missing: list[Ref]) -> list[tuple[list[Ref], Ref]]:
        out = []
        seen = set()
        for ref in missing:
            lt = model.get(ref.table)
            if lt is None or ref.prev:
                continue
            spec = rows_by_key(lt.spec).get(ref.row)
            if spec is None or not spec.parent or (ref.table, spec.parent, ref.col) in seen:
                continue
            seen.add((ref.table, spec.parent, ref.col))
            if spec.parent not in lt.group_rows:
                continue
            children = [Ref(ref.table, r.key, ref.col) for r in lt.spec.rows if r.parent == spec.parent and r.data]
            if all(c in missing for c in children):
                out.append((children, Ref(ref.table, spec.parent, ref.col)))
        return out

    return lookup, substitute


def in_document_relations(edition) -> list[Relation]:
    """The relations of ``edition`` that need no other report (not ``prev.``), once per process."""
    return derived(edition, "in-document-relations", lambda ed: [r for r in ed.relations if not r.cross_year])


def document_evaluations(doc, edition) -> list[Evaluation]:
    """Every in-document relation of ``edition`` evaluated on ``doc`` (computed once)."""
    def compute():
        from .tablemodel import table_model

        model = table_model(doc, edition)
        lookup, substitute = model_lookup(model)
        # each table's cells' values by (row, column), None when not a valid number
        values = {tid: {rc: hit.value for rc, hit in lt.cells.items()} for tid, lt in model.tables.items()}
        out: list[Evaluation] = []
        for r, sides in derived(edition, "in-document-value-terms", _in_document_value_terms):
            if _holds_on_values(r, sides, values):
                out.append(_Holding(r, lambda r=r: evaluate(r, lookup, substitute)))
            else:
                out.append(evaluate(r, lookup, substitute))
        return out

    return doc.memo(f"relations:{edition.profile_id}:{edition.id}", compute)


def _value_terms(relation: Relation) -> tuple[tuple, tuple]:
    """Each side's terms: (table, signs, (row, column) of each cell) when all its terms are
    cells of one table (the signs as Decimals), else its terms as (sign, (table, (row, column))
    or None, constant)."""
    def side(terms):
        if terms and all(t.ref is not None for t in terms) and len({t.ref.table for t in terms}) == 1:
            return (terms[0].ref.table, tuple(Decimal(t.sign) for t in terms),
                    tuple((t.ref.row, t.ref.col) for t in terms))
        return tuple((t.sign, (t.ref.table, (t.ref.row, t.ref.col)) if t.ref is not None else None, t.const)
                     for t in terms)
    return side(relation.lhs), side(relation.rhs)


def _in_document_value_terms(edition) -> list[tuple[Relation, tuple[tuple, tuple]]]:
    """Each in-document relation of ``edition`` with its sides' terms (:func:`_value_terms`)."""
    return [(r, _value_terms(r)) for r in in_document_relations(edition)]


def _holds_on_values(relation: Relation, sides: tuple[tuple, tuple],
                     values: dict[str, dict[tuple[str, str], Decimal | None]]) -> bool:
    """Whether every cell of an in-document relation is in the report with a valid number and
    the relation holds: what :func:`evaluate` would say, summed in the same order, from the
    cells' values alone (``values``: every cell of the document's table model, by table and by
    (row, column), None when not a valid number)."""
    sums = []
    for terms in sides:
        if terms and type(terms[0]) is str:  # (table, signs, cells): cells of one table
            try:
                # sum(sign * value), as Evaluation does, in C (Decimal * None: a cell is
                # missing or not a valid number, and evaluate says why)
                sums.append(sum(map(mul, terms[1], map(values.get(terms[0], _NONE).get, terms[2])), _ZERO))
            except TypeError:
                return False
            continue
        total = _ZERO
        for sign, key, const in terms:
            value = const if key is None else values.get(key[0], _NONE).get(key[1])
            if value is None:
                return False  # missing or not a valid number: evaluate says why
            total = total + sign * value
        sums.append(total)
    return compare(relation.op, sums[0], sums[1])


_NONE: dict = {}  # the values of a table that is not in the report
_ZERO = Decimal(0)


class _Holding(Evaluation):
    """An evaluation that holds, found from the cells' values alone: its terms and target are
    worked out by :func:`evaluate` only if someone reads them (most relations hold, and then
    nobody does)."""

    def __init__(self, relation: Relation, full: Callable[[], Evaluation]) -> None:
        self.relation, self.status, self.skipped_because = relation, "holds", ""
        self._full: Callable[[], Evaluation] | Evaluation = full

    def _evaluation(self) -> Evaluation:
        if callable(self._full):
            self._full = self._full()
        return self._full

    @property
    def cell_keys(self) -> set[tuple]:
        # it was seen to hold on the cells of all its references as they are (this year's, none
        # substituted), so they are the keys model_lookup gives them; no need to evaluate it
        return {(False, t.ref.table, t.ref.row, t.ref.col) for t in (*self.relation.lhs, *self.relation.rhs)
                if t.ref is not None}

    lhs = property(lambda self: self._evaluation().lhs)
    rhs = property(lambda self: self._evaluation().rhs)
    target = property(lambda self: self._evaluation().target)
    target_side = property(lambda self: self._evaluation().target_side)


class Culprit(Record):
    """A cell that alone explains several broken relations, and the value that would mend them all."""

    cell: Cellref
    value: Decimal  # the value that would satisfy every broken relation
    relations: list[Evaluation]

    def __init__(self, cell: Cellref, value: Decimal, relations: list[Evaluation]) -> None:
        self.cell = cell
        self.value = value
        self.relations = relations


def likely_culprits(evaluations: list[Evaluation]) -> list[Culprit]:
    """Cells that alone explain several broken error relations: each relation the cell is in is
    broken, one value of the cell would make all of them hold, and in each of them no other cell
    could do the same."""
    broken = [e for e in evaluations if e.broken and e.relation.op == "==" and e.relation.severity == "error"]
    by_cell: dict[tuple, list[tuple[Evaluation, TermValue]]] = {}
    for e in broken:
        for t in e.terms:
            if t.cell is not None and t.cell.key:
                by_cell.setdefault(t.cell.key, []).append((e, t))
    in_holding = None  # cells of holding relations: read only when a cell is in two broken ones
    candidates: dict[tuple, Culprit] = {}
    for key, items in by_cell.items():
        if len(items) < 2:
            continue
        if in_holding is None:
            in_holding = set().union(*(e.cell_keys for e in evaluations if e.status == "holds"))
        if key in in_holding:
            continue
        values = {e.solve(t) for e, t in items}
        if len(values) != 1:
            continue
        candidates[key] = Culprit(items[0][1].cell, values.pop(), [e for e, _ in items])
    out = []
    for key, c in candidates.items():
        unique = all(sum(1 for t in e.terms if t.cell is not None and t.cell.key in candidates) == 1
                     for e in c.relations)
        if unique:
            out.append(c)
    return out


def relation_findings(doc, edition, kind: str):
    """Findings for the broken in-document relations of one ``kind``, at their target cells.
    Their ``data`` carries the cells and the computation (:func:`relation_data`) and, when one
    cell alone explains this and other broken relations, that cell as ``culprit``."""
    from .diagnostics import finding

    evaluations = document_evaluations(doc, edition)
    culprits: dict[int, Culprit] | None = None
    for ev in evaluations:
        if ev.relation.kind != kind or not ev.broken or ev.target is None or ev.target.cell.span is None:
            continue
        if culprits is None:  # only once a relation is broken
            culprits = {id(e): c for c in likely_culprits(evaluations) for e in c.relations}
        msg = describe(ev)
        data = relation_data(ev)
        culprit = culprits.get(id(ev))
        if culprit is not None:
            data["culprit"] = dict(cell_data(culprit.cell), suggested=num(culprit.value))
        yield finding(ev.target.cell.span, msg.en, msg.zh, severity=ev.relation.severity, data=data)


# --------------------------------------------------------------------------- plain data


def cell_data(cell: Cellref) -> dict:
    """One cell as plain data: labels, value and source span (``[line, column, end_line, end_column]``)."""
    out = {"label": cell.label, "row_label": cell.row_label, "col_label": cell.col_label, "value": num(cell.value)}
    if cell.span is not None:
        out["span"] = list(cell.span)
    return out


def _term_data(t: TermValue, sign: int) -> dict:
    if t.ref is None:
        return {"sign": sign, "value": num(t.const), "constant": True}
    out = {"sign": sign, "label": t.cell.label, "value": num(t.cell.value)}
    if t.cell.span is not None:
        out["span"] = list(t.cell.span)
    if t.ref.prev:
        out["previous"] = True  # a cell of last year's report: its span is in another file
    return out


def relation_data(ev: Evaluation) -> dict:
    """A broken relation as plain data, for formats that show the computation next to the table.

    ``total``: the cell the relation is reported at. For ``==``, ``terms`` are the signed cells
    (or constants) whose sum the total should equal, ``expected`` that sum and ``difference``
    total − expected: ``（七）总计 / 自然人 = 20, but 6 + 6 + 4 + 3 + 3 + 4 = 26``. For the other
    comparisons, ``lhs`` and ``rhs`` are the two sides as written and ``lhs_sum``/``rhs_sum`` their sums."""
    rel, t = ev.relation, ev.target
    out: dict = {"relation": rel.id, "op": rel.op, "expected": None}
    if t is not None and t.cell is not None:
        out["total"] = cell_data(t.cell)
    if rel.op == "==" and t is not None and t.cell is not None:
        own = ev.lhs if ev.target_side == "lhs" else ev.rhs
        other = ev.rhs if ev.target_side == "lhs" else ev.lhs
        out["terms"] = [_term_data(x, x.sign * t.sign) for x in other] + \
                       [_term_data(x, -x.sign * t.sign) for x in own if x is not t]
        out["expected"] = num(ev.expected)
        out["difference"] = signed(t.value - ev.expected)
    else:
        out.update(lhs=[_term_data(x, x.sign) for x in ev.lhs], rhs=[_term_data(x, x.sign) for x in ev.rhs],
                   lhs_sum=num(ev.lhs_sum), rhs_sum=num(ev.rhs_sum))
    return out
