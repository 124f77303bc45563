"""Prose against tables: what the TXT rules share.

``prose_of(doc, edition)`` reads the document's prose with its profile's vocabulary and official
sections (so that a figure in section 四 is known to be about cases). ``readings(doc, edition,
concept)`` gives the ways a careful reader may take a stated concept from the tables (``收到…申请``
is 本年新收 or 本年新收 + 上年结转), each with its value and the real labels of its cells — or
``None`` when a cell it needs is not a number, not found, or breaks one of its table's own
relations (the SUM rules report that; such a table cannot arbitrate), so that nothing is said. A
blank cell is used only when its table's own totals prove its value (``reportlint.knowncells``).
``contradiction`` compares a stated count with its readings; ``claim_readings`` checks a claim;
``percent_check`` recomputes a printed percentage; ``excerpt`` quotes a statement with its
figure marked.

Severity (the README's policy): an error only when the number, the cell and the scope are
unambiguous; where the words allow another reading, a warning that says what it is; where the
tool cannot tell, nothing.
"""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from .arith import num as fmt
from .profileindex import columns_by_key, rows_by_key
from .records import Record
from .relations import Ref

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .profile import Edition
    from .prose import Claim, Concept, ProseAnalysis, Statement


def prose_of(doc: "Document", edition: "Edition") -> "ProseAnalysis":
    def compute():
        from .prose import ProseAnalysis, analyse, vocabulary_of
        from .structure import section_map

        vocabulary = vocabulary_of(edition.profile)
        if vocabulary is None:
            return ProseAnalysis()  # the profile says nothing about its prose
        sm = section_map(doc, edition)
        lines = {}
        for spec in edition.sections:
            rng = sm.lines_of(spec.id)
            if rng is not None:
                lines[spec.id] = rng
        return analyse(doc, vocabulary, lines)

    return doc.memo(f"prose-of:{edition.profile_id}:{edition.id}", compute)  # every TXT rule asks


# --------------------------------------------------------------------------- quoting


def quote(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else "…" + text[-(limit - 1):]


EXCERPT = 30  # characters quoted on either side of a marked figure


def excerpt(st: "Statement") -> str:
    """The statement's words with its figure marked: ``“…答复政府信息公开申请805件。予以公开及部分公开【258件】，占33.9%…”``
    — its clause, with the clause before it when the figure's own clause names little, at most
    ``EXCERPT`` characters either side of the figure."""
    fig, cl = st.figure, st.clause
    if fig is None:
        return f"“{quote(st.fragment())}”"
    nt = cl.norm
    start = cl.start
    prev = cl.previous()
    if prev is not None and fig.start - cl.start < 6:
        start = prev.start
    start = max(start, fig.start - EXCERPT)
    end = min(max(cl.end, fig.end), fig.end + EXCERPT)
    sent = cl.sentence
    lead = "…" if sent is not None and start > sent.start else ""
    tail = "…" if sent is not None and end < sent.end and nt.text[end:end + 1] not in ("。", "") else ""
    body = nt.source_text(start, fig.start) + "【" + nt.source_text(fig.start, fig.end) + "】" + nt.source_text(fig.end, end)
    return f"“{lead}{' '.join(body.split())}{tail}”"


# --------------------------------------------------------------------------- table readings


class Reading(Record):
    """One way of reading a concept from the tables: the sum of some cells."""

    value: Decimal
    label: str  # the cells' real labels, e.g. 表三 一、本年新收政府信息公开申请数量 / 总计
    cells: list  # CellHit objects
    terms: list[tuple[str, Decimal]]  # (label, value) of each cell
    refs: list[tuple[str, str, str]]
    derived: list[tuple[str, Decimal]]  # blank cells the table proves

    def __init__(
            self, value: Decimal, label: str, cells: list, terms: list[tuple[str, Decimal]],
            refs: list[tuple[str, str, str]] | None = None, derived: list[tuple[str, Decimal]] | None = None) -> None:
        self.value = value
        self.label = label
        self.cells = cells
        self.terms = terms
        self.refs = [] if refs is None else refs
        self.derived = [] if derived is None else derived

    def shown(self) -> str:
        """``label = value``, with the terms when there are a few."""
        if 1 < len(self.terms) <= 3:
            return f"{self.label} = {' + '.join(fmt(v) for _, v in self.terms)} = {fmt(self.value)}"
        return f"{self.label} = {fmt(self.value)}"

    def note(self) -> tuple[str, str]:
        """(en, zh) saying which of its cells are blank and follow from the table's own totals."""
        if not self.derived:
            return "", ""
        if len(self.derived) == len(self.terms) and len(self.terms) > 1:
            return ("these cells are blank in the table; their values follow from its own totals",
                    "这些单元格在表中空白，其值由表格自身合计推得")
        cells = "、".join(lb for lb, _ in self.derived[:3]) + ("…" if len(self.derived) > 3 else "")
        return (f"{cells} blank in the table; the value follows from its own totals",
                f"{cells}在表中空白，其值由表格自身合计推得")


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


def cell_value(doc: "Document", edition: "Edition", t: str, r: str, c: str):
    """(value, hit, derived?) of one cell, or None: a number, or a blank its table proves; not a
    cell of a table that contradicts itself there."""
    cache = doc.memo(f"txt-cell-values:{edition.profile_id}:{edition.id}", dict)
    key = (t, r, c)
    if key not in cache:
        cache[key] = _cell_value(doc, edition, t, r, c)
    return cache[key]


def _cell_value(doc, edition, t, r, c):
    from .knowncells import derived_cells

    lt = _model(doc, edition).get(t)
    if lt is None:
        return None
    hit = lt.cell(r, c)
    if hit is None or (t, r, c) in _broken_cells(doc, edition):
        return None
    if hit.value is not None:
        return hit.value, hit, False
    d = derived_cells(doc, edition).get(Ref(t, r, c))
    return (d.value, hit, True) if d is not None else None


def readings(doc: "Document", edition: "Edition", concept: "Concept | None") -> list[Reading] | None:
    """Every reading of ``concept`` the tables allow; ``None`` when one of them cannot be
    evaluated (an unknown or invalid cell, a table or row not found): then nothing may be said."""
    if concept is None or not concept.cells:
        return None
    key = f"txt-readings:{edition.profile_id}:{edition.id}:{concept.id}"
    return doc.memo(key, lambda: _readings(doc, edition, concept))


def _readings(doc: "Document", edition: "Edition", concept: "Concept") -> list[Reading] | None:
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
        hits, derived = [], []
        value = Decimal(0)
        for t, r, c in refs:
            got = cell_value(doc, edition, t, r, c)
            if got is None:
                return None
            v, hit, was_derived = got
            value += v
            hits.append((hit, v))
            if was_derived:
                derived.append((hit.label, v))
        terms = [(h.label, v) for h, v in hits]
        label = hits[0][0].label if len(hits) == 1 else _sum_label(lt, refs)
        out.append(Reading(value, label, [h for h, _ in hits], terms, refs, derived))
    return out or None


class Contradiction(Record):
    """A stated count that matches none of its readings; ``hint``: the one table cell near them
    that holds the stated number (``258 is 表三 （一）予以公开 / 自然人``)."""

    readings: list[Reading]
    hint: str | None

    def __init__(self, readings: list[Reading], hint: str | None = None) -> None:
        self.readings = readings
        self.hint = hint


def contradiction(doc: "Document", edition: "Edition", st: "Statement") -> Contradiction | None:
    """The readings a stated count contradicts (all of them: it matches none), or None when it
    matches one, is not comparable (approximate, hidden, scoped, no cells) or a cell is unknown."""
    fig = st.figure
    if fig is None or st.concept is None or st.scoped or not fig.exact or not fig.is_count:
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
    hint = doc.memo(f"txt-hint:{edition.profile_id}:{edition.id}:{st.concept.id}:{st.figure.value}",
                    lambda: _hint(doc, edition, st.figure.value, rds))
    return Contradiction(list(unique.values()), hint)


def _hint(doc, edition, value: Decimal, rds: list[Reading]) -> str | None:
    """The label of the one cell next to the readings' cells that holds ``value``: another column
    of their row, a sub-row of their row, or one term of a sum."""
    if value == 0:
        return None
    model = _model(doc, edition)
    seen: set[tuple[str, str, str]] = set()
    found: dict[str, None] = {}
    for rd in rds:
        for t, r, c in rd.refs:
            spec = edition.tables.get(t)
            lt = model.get(t)
            if spec is None or lt is None:
                continue
            near = [(t, r, col.key) for col in spec.data_columns if col.key != c]
            near += [(t, row.key, c) for row in spec.rows if row.parent == r and row.data]
            if len(rd.refs) > 1:
                near.append((t, r, c))
            for ref in near:
                if ref in seen or ref in rd.refs and len(rd.refs) == 1:
                    continue
                seen.add(ref)
                got = cell_value(doc, edition, *ref)
                if got is not None and got[0] == value:
                    found[got[1].label] = None
    return next(iter(found)) if len(found) == 1 else None


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
    spec = edition.tables.get(t)
    if spec is None or r not in rows_by_key(spec) or c not in columns_by_key(spec):
        return None
    got = cell_value(doc, edition, t, r, c)
    if got is None:
        return None
    v, hit, was_derived = got
    return Reading(v, hit.label, [hit], [(hit.label, v)], [(t, r, c)], [(hit.label, v)] if was_derived else [])


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


# --------------------------------------------------------------------------- claims


class ClaimReading(Record):
    """A claim read as being about ``subjects``: the cells above 0 that contradict it."""

    subjects: tuple[str, ...]
    against: list[Reading]
    unknown: int  # cells that could not be read

    def __init__(self, subjects: tuple[str, ...], against: list[Reading], unknown: int = 0) -> None:
        self.subjects = subjects
        self.against = against
        self.unknown = unknown


def claim_readings(doc: "Document", edition: "Edition", claim: "Claim") -> list[ClaimReading] | None:
    """Each reading of ``claim`` with the known cells that contradict it (cells above 0). None
    when no cell of any reading can be read (nothing may be said)."""
    out = []
    any_known = False
    for subjects in claim.readings:
        against, unknown = [], 0
        for subject in subjects:
            for ref in claim.spec.contradicted_by.get(subject, ()):
                t, r, c = _ref(ref)
                spec = edition.tables.get(t)
                if spec is None or r not in rows_by_key(spec) or c not in columns_by_key(spec):
                    continue  # not a cell of this edition
                rd = table_value(doc, edition, ref)
                if rd is None:
                    unknown += 1
                    continue
                any_known = True
                if rd.value > 0:
                    against.append(rd)
        out.append(ClaimReading(subjects, against, unknown))
    return out if any_known else None


# --------------------------------------------------------------------------- percentages


class PercentCheck(Record):
    """A printed percentage recomputed: the exact share, rounded and truncated at the printed precision."""

    ok: bool
    exact: Decimal
    rounded: Decimal
    truncated: Decimal

    def __init__(self, ok: bool, exact: Decimal, rounded: Decimal, truncated: Decimal) -> None:
        self.ok = ok
        self.exact = exact
        self.rounded = rounded
        self.truncated = truncated


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


def stated_values(doc: "Document", edition: "Edition", st: "Statement") -> list[Decimal]:
    """The values a stated count may stand for: as written, and its table's readings when the
    written one contradicts them."""
    out = [st.figure.value]
    c = contradiction(doc, edition, st)
    if c:
        out += [rd.value for rd in c.readings]
    return out


def fits(pf, parts: list[Decimal], wholes: list[Decimal]) -> bool:
    """Does the printed percentage ``pf`` follow from one of the parts over one of the wholes?"""
    for part in parts:
        for whole in wholes:
            res = percent_check(pf.value, pf.decimals, part, whole)
            if res is not None and res.ok:
                return True
    return False


def whole_confirmed(doc: "Document", edition: "Edition", bd, but=None) -> bool:
    """Is the whole of breakdown ``bd`` certain? A word (其中, 在…中) names it; for a sentence of
    parts without one (``implicit``), a share of another part (not ``but``) must follow from it."""
    if not bd.implicit:
        return True
    wholes = stated_values(doc, edition, bd.whole)
    return any(o is not but and o.percent is not None and o.percent.exact and o.figure is not None
               and o.figure.exact and fits(o.percent, [o.figure.value], wholes) for o in bd.shares)


ASSUMED = ("assuming the parts are of the count the sentence before ends with; the text does not say so",
           "按前句所述总数计算；正文未写明分项所属总数")


def pct(value: Decimal, decimals: int) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)}%"


def stated(st: "Statement") -> str:
    """``“全市共受理政府信息公开申请3119件”`` for messages."""
    return f"“{quote(st.fragment())}”"
