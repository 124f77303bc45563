"""Prose against tables: what the TXT rules share.

``prose_of(doc, edition)`` runs :func:`reportlint.prose.analyse` with the document's official
sections (so that a figure in section 四 is known to be about cases). ``readings(doc, edition,
concept)`` gives the ways a careful reader may take a stated concept from the tables (``收到…申请``
is 本年新收 or 本年新收 + 上年结转), each with its value and the real labels of its cells — or
``None`` when a cell it needs is blank, not a number, not found, or breaks one of its table's own
relations (the SUM rules report that; such a table cannot arbitrate), so that nothing is said.
``percent_check`` recomputes a printed percentage.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .arith import num as fmt
from .profileindex import columns_by_key, rows_by_key
from .prose import Concept, ProseAnalysis, Statement, analyse
from .structure import section_map

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .profile import Edition


def prose_of(doc: "Document", edition: "Edition") -> ProseAnalysis:
    def compute():
        sm = section_map(doc, edition)
        lines = {}
        for spec in edition.sections:
            rng = sm.lines_of(spec.id)
            if rng is not None:
                lines[spec.id] = rng
        return analyse(doc, lines)

    return doc.memo(f"prose-of:{edition.profile_id}:{edition.id}", compute)  # every TXT rule asks


# --------------------------------------------------------------------------- formatting


def quote(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-(limit - 1):]


# --------------------------------------------------------------------------- table readings


@dataclass
class Reading:
    """One way of reading a concept from the tables: the sum of some cells."""

    value: Decimal
    label: str  # the cells' real labels, e.g. 表三 一、本年新收政府信息公开申请数量 / 总计
    cells: list  # CellHit objects
    terms: list[tuple[str, Decimal]]  # (label, value) of each cell

    def shown(self) -> str:
        """``label = value``, with the terms when there are a few."""
        if 1 < len(self.terms) <= 3:
            return f"{self.label} = {' + '.join(fmt(v) for _, v in self.terms)} = {fmt(self.value)}"
        return f"{self.label} = {fmt(self.value)}"


def _model(doc: "Document", edition: "Edition"):
    from .tablemodel import table_model

    return table_model(doc, edition)


def _ref(text: str) -> tuple[str, str, str]:
    t, r, c = text.split(".")
    return t, r, c


def _sum_label(lt, refs: list[tuple[str, str, str]]) -> str:
    """A short name for a sum of cells: ``表三 （三）不予公开（8项合计）/ 总计``,
    ``表三 一、本年新收… + 二、上年结转… / 总计``, ``表四 未经复议直接起诉 总计 + 复议后起诉 总计``."""
    spec = lt.spec
    rows = list(dict.fromkeys(r for _, r, _ in refs))
    cols = list(dict.fromkeys(c for _, _, c in refs))
    if len(rows) * len(cols) != len(set((r, c) for _, r, c in refs)):
        return " + ".join(lt.label(r, c) for _, r, c in refs)

    def part(keys, items, label_of, unit):
        if len(keys) == 1:
            return label_of(keys[0])
        parents = {getattr(items(k), "parent", None) for k in keys}
        if len(parents) == 1 and None not in parents:
            parent = items(parents.pop())
            siblings = [x.key for x in (spec.rows if unit == "项" else spec.columns)
                        if x.parent == parent.key and x.data]
            if parent is not None and parent.label and set(siblings) == set(keys):
                return f"{parent.label}（{len(keys)}{unit}合计）"
        return " + ".join(label_of(k) for k in keys)

    row_text = part(rows, spec.row, lt.row_label, "项")
    col_text = part(cols, spec.column, lt.column_label, "列")
    return f"{lt.name} {row_text} / {col_text}" if row_text else f"{lt.name} {col_text}"


def _broken_cells(doc: "Document", edition: "Edition") -> set[tuple[str, str, str]]:
    """Cells that take part in a broken error-level relation of their own table (the SUM rules
    report them): a table that contradicts itself cannot arbitrate what the text says."""
    from .arith import document_evaluations

    def compute():
        out = set()
        for ev in document_evaluations(doc, edition):
            if ev.broken and ev.relation.severity == "error":
                for t in ev.terms:
                    if t.cell is not None and t.cell.key:
                        out.add(tuple(t.cell.key[1:4]))
        return out

    return doc.memo(f"txt-broken-cells:{edition.profile_id}:{edition.id}", compute)


def _row_known(lt, key: str) -> bool:
    return key in lt.rows or key in getattr(lt, "group_rows", {})


def readings(doc: "Document", edition: "Edition", concept: Concept | None) -> list[Reading] | None:
    """Every reading of ``concept`` the tables allow; ``None`` when one of them cannot be
    evaluated (a blank or invalid cell, a table or row not found): then nothing may be said."""
    if concept is None or not concept.cells:
        return None
    model = _model(doc, edition)
    out: list[Reading] = []
    for alternative in concept.cells:
        refs = [_ref(r) for r in alternative]
        table_id = refs[0][0]
        spec = edition.tables.get(table_id)
        if spec is None or any(r not in rows_by_key(spec) or c not in columns_by_key(spec) for _, r, c in refs):
            continue  # this edition has no such cell: not a reading here
        lt = model.get(table_id)
        if lt is None:
            return None
        explained = getattr(lt, "explained", set())
        if any(r in explained or c in explained for _, r, c in refs):
            continue  # absent because the table follows the other edition's layout
        if any(not rows_by_key(spec)[r].data for _, r, _ in refs) and not all(_row_known(lt, r) for _, r, _ in refs):
            continue  # a group row carries values only in some layouts
        hits = []
        broken = _broken_cells(doc, edition)
        for t, r, c in refs:
            hit = lt.cell(r, c)
            if hit is None or hit.value is None or (t, r, c) in broken:
                return None
            hits.append(hit)
        value = sum((h.value for h in hits), Decimal(0))
        terms = [(h.label, h.value) for h in hits]
        label = hits[0].label if len(hits) == 1 else _sum_label(lt, refs)
        out.append(Reading(value, label, hits, terms))
    return out or None


def contradiction(doc: "Document", edition: "Edition", st: Statement) -> list[Reading] | None:
    """The readings a stated count contradicts (all of them: it matches none), or None when it
    matches one, is not comparable (approximate, scoped, no cells) or a cell is unknown."""
    fig = st.figure
    if fig is None or st.concept is None or st.scoped or fig.approx or not fig.is_count:
        return None
    key = f"txt-contradiction:{edition.profile_id}:{edition.id}:{id(st)}"
    return doc.memo(key, lambda: _contradiction(doc, edition, st))


def _contradiction(doc, edition, st):
    rds = readings(doc, edition, st.concept)
    if not rds or any(same_value(st.figure, rd.value) for rd in rds):
        return None
    unique: dict[Decimal, Reading] = {}
    for rd in rds:
        unique.setdefault(rd.value, rd)
    return list(unique.values())


def same_value(fig, value: Decimal) -> bool:
    """Equal, or — for an amount the text writes with fewer decimals than the table
    (``收费1235万元`` for 1234.56) — equal at the text's precision."""
    if fig.value == value:
        return True
    exp = value.normalize().as_tuple().exponent
    if isinstance(exp, int) and -exp > fig.decimals:
        q = Decimal(1).scaleb(-fig.decimals)
        return value.quantize(q, rounding=ROUND_HALF_UP) == fig.value
    return False


def table_value(doc: "Document", edition: "Edition", ref: str) -> Reading | None:
    """One cell (``t3.r_carry_out.c_total``) as a :class:`Reading`, or None."""
    t, r, c = _ref(ref)
    lt = _model(doc, edition).get(t)
    if lt is None:
        return None
    hit = lt.cell(r, c)
    if hit is None or hit.value is None or (t, r, c) in _broken_cells(doc, edition):
        return None
    return Reading(hit.value, hit.label, [hit], [(hit.label, hit.value)])


def table_sum(doc: "Document", edition: "Edition", refs: list[str]) -> list[Reading] | None:
    """Several cells; None when any is missing (the rule then says nothing)."""
    out = []
    for ref in refs:
        t, r, c = _ref(ref)
        spec = edition.tables.get(t)
        if spec is None or r not in rows_by_key(spec) or c not in columns_by_key(spec):
            continue
        rd = table_value(doc, edition, ref)
        if rd is None:
            return None
        out.append(rd)
    return out


# --------------------------------------------------------------------------- percentages


@dataclass
class PercentCheck:
    """A printed percentage recomputed: the exact share, rounded and truncated at the printed precision."""

    ok: bool
    exact: Decimal
    rounded: Decimal
    truncated: Decimal


def percent_check(stated: Decimal, decimals: int, part: Decimal, whole: Decimal) -> PercentCheck | None:
    """Is ``stated`` (printed with ``decimals`` digits) part/whole as a percentage, rounded
    half-up or truncated at that precision? None when the whole is 0."""
    if whole == 0:
        return None
    exact = part * Decimal(100) / whole
    q = Decimal(1).scaleb(-decimals)
    rounded = exact.quantize(q, rounding=ROUND_HALF_UP)
    truncated = exact.quantize(q, rounding=ROUND_DOWN)
    return PercentCheck(stated in (rounded, truncated), exact, rounded, truncated)


def pct(value: Decimal, decimals: int) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}%"


def stated(st: Statement) -> str:
    """``“全市共受理政府信息公开申请3119件”`` for messages."""
    return f"“{quote(st.fragment())}”"
