"""Finding the profile's tables in a report, in every shape real reports take.

``table_model(doc, edition)`` (memoised per document) finds each logical table of the edition
(``t2_1`` … ``t4``) inside its section **by its labels, not by its position**, and maps every
data cell it can to ``(row key, column key)``. It copes with:

- one GFM pipe table per section in the official layout, or several small tables, each under a
  heading or paragraph naming its 项 (``第二十条第（一）项``), or caption rows inside one table;
- header rows spread over two or three rows (merged cells left empty, as PDF extraction and
  pandoc write them), flattened headers (``行政复议：结果维持``), a group named only in the
  heading above a table (``### 行政诉讼（未经复议直接起诉）``);
- one to three label columns with merged cells empty or repeated, the whole path in one cell
  (``（三）不予公开：1.属于国家秘密``), or only the leaf label under a group row;
- HTML tables (rowspan/colspan already expanded by :mod:`reportlint.tables`);
- label variants: NFKC, whitespace, ``1、`` for ``1.``, missing numbering, the profile's
  ``variants`` (silent) and ``deviations`` (matched, reported), and typos (fuzzy, reported);
- placeholder headers (``数据1`` …): columns are then read by position and that is reported;
- labels of the profile's other edition (``本年新制作数量`` in a 2021 report, a single-row
  ``（六）其他处理``): recorded as :attr:`LogicalTable.foreign` so that one finding explains them.

Rules read the result; they never look at raw tables again. Everything a rule reports names
cells with :meth:`LogicalTable.label` (``表三 （七）总计 / 自然人``), never with internal keys.

Use (``from reportlint.api import table_model``)::

    model = table_model(doc, profile)          # TableModel, computed once per document
    lt = model.get("t3")                       # LogicalTable, or None (missing: model.missing)
    lt.table, lt.header_row                    # the physical Table (reportlint.tables) and its header Row
    hit = lt.cell("r_total", "c_natural")      # CellHit, or None (row/column absent)
    hit.cell, hit.span                         # the Cell (with its span) holding the value
    hit.value                                  # Decimal, or None when not a valid number …
    hit.reason                                 # … and why: blank, not-applicable, unit, chinese-numeral …
    hit.parsed.number                          # the number the text stands for (251000元 → 251000)
    hit.label                                  # '表三 （七）总计 / 自然人'
    model.value("t3", "r_total", "c_total")    # shortcut: Decimal or None

Keys are the profile's (``schemas/profiles/*.yaml``). A group row that carries values (the 2019
single row （六）其他处理 in a 2021 report) is a cell under the group's key (``g_other``).
"""
from __future__ import annotations

import re
import weakref
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from .cellvalue import Value, looks_numeric, parse_value
from .diagnostics import Edit, Fix, Message, Span
from .profileindex import columns_by_key, derived, rows_by_key
from .records import Record
from .tables import Cell, Row, Table
from .text import label_key, leading_numbering, strip_numbering

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .profile import ColumnSpec, Edition, RowSpec, TableSpec

FUZZY_RATIO = 0.8
FUZZY_MIN_LEN = 4

# how a label was matched; the last four differ from the official label and are reported
EXACT, NORMALISED, VARIANT, DEVIATION, NUMBERING, FUZZY, POSITION = (
    "exact", "normalised", "variant", "deviation", "numbering", "fuzzy", "position")
RANK = {EXACT: 0, NORMALISED: 1, VARIANT: 2, DEVIATION: 3, NUMBERING: 4, FUZZY: 5, POSITION: 6}
DIFFERS = (DEVIATION, NUMBERING, FUZZY, POSITION)

_PATH_SEP = re.compile(r"[：:]")
_TRAILING_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_BRACKETS = re.compile(r"[()\[\]【】]")
_DELIMITER = re.compile(r"^:?-{3,}:?$")


@lru_cache(maxsize=4096)
def caption_key(text: str) -> str:
    return _BRACKETS.sub("", label_key(text))


# --------------------------------------------------------------------------- label index


class _Item(Record, frozen=True):
    """One row or column label of a profile table, with the keys it is matched by."""

    key: str
    label: str
    lk: str
    core: str
    numbering: str
    variants: tuple[tuple[str, str], ...]  # (label_key, core)
    deviations: tuple[tuple[str, str], ...]
    order: int
    data: bool
    parent: str | None

    def __init__(
            self, key: str, label: str, lk: str, core: str, numbering: str,
            variants: tuple[tuple[str, str], ...], deviations: tuple[tuple[str, str], ...], order: int,
            data: bool, parent: str | None) -> None:
        self.key = key
        self.label = label
        self.lk = lk
        self.core = core
        self.numbering = numbering
        self.variants = variants
        self.deviations = deviations
        self.order = order
        self.data = data
        self.parent = parent


def _keys(text: str) -> tuple[str, str]:
    lk = label_key(text)
    return lk, strip_numbering(lk)


_INDEXES: dict[int, tuple[list, "LabelIndex"]] = {}


class LabelIndex:
    """The labels of a table's rows or columns, matched the way people write them."""

    def __init__(self, items) -> None:
        self.items: list[_Item] = []
        for i, it in enumerate(items):
            if it.label is None:
                continue
            lk, core = _keys(it.label)
            self.items.append(_Item(
                it.key, it.label, lk, core, leading_numbering(it.label),
                tuple(_keys(v) for v in (getattr(it, "variants", None) or [])),
                tuple(_keys(v) for v in (getattr(it, "deviations", None) or [])),
                i, bool(getattr(it, "data", True)), getattr(it, "parent", None)))
        self.by_key = {it.key: it for it in self.items}
        self.lks = {it.lk for it in self.items}
        self._cache: dict[str, list] = {}

    @classmethod
    def of(cls, items: list) -> "LabelIndex":
        """The index of a profile's row or column list, built once per process: profiles are
        immutable once loaded, and the same labels recur in every report, so the matches
        cached in the index serve every document."""
        hit = _INDEXES.get(id(items))
        if hit is None or hit[0] is not items:
            hit = _INDEXES[id(items)] = (items, cls(items))
        return hit[1]

    def match(self, text: str) -> list[tuple[_Item, str, float]]:
        """Candidates for ``text``, best first: (item, how, similarity)."""
        if not text or not text.strip():
            return []
        cached = self._cache.get(text)
        if cached is None:
            if len(self._cache) >= 16384:  # the labels of every report a server has seen: bounded
                self._cache.clear()
            cached = self._cache[text] = self._match_sorted(text)
        return cached

    def _match_sorted(self, text: str) -> list[tuple[_Item, str, float]]:
        out = self._match(text)
        if not out:
            stripped = _TRAILING_NOTE.sub("", text.strip())
            if stripped and stripped != text.strip():
                out = [(it, DEVIATION if RANK[how] < RANK[DEVIATION] else how, r)
                       for it, how, r in self._match(stripped)]
        out.sort(key=lambda x: (RANK[x[1]], -x[2], x[0].order))
        return out

    def _match(self, text: str) -> list[tuple[_Item, str, float]]:
        lk, core = _keys(text)
        if not lk:
            return []
        num = leading_numbering(text)
        out = []
        fuzzy = []
        for it in self.items:
            if text.strip() == it.label:
                out.append((it, EXACT, 1.0))
            elif lk == it.lk:
                out.append((it, NORMALISED, 1.0))
            elif core and core == it.core:
                out.append((it, NORMALISED if (not num or num == it.numbering) else NUMBERING, 1.0))
            elif any(lk == v or (core and core == c) for v, c in it.variants):
                out.append((it, VARIANT, 1.0))
            elif any(lk == v or (core and core == c) for v, c in it.deviations):
                out.append((it, DEVIATION, 1.0))
            elif len(core) >= FUZZY_MIN_LEN and (not num or not it.numbering or num == it.numbering):
                if 2 * min(len(core), len(it.core)) < FUZZY_RATIO * (len(core) + len(it.core)):
                    continue
                from difflib import SequenceMatcher  # rarely reached: most labels match exactly

                sm = SequenceMatcher(None, core, it.core, autojunk=False)
                if sm.quick_ratio() < FUZZY_RATIO:
                    continue
                r = sm.ratio()
                if r >= FUZZY_RATIO:
                    fuzzy.append((it, FUZZY, r))
        if out:
            return out
        return fuzzy


# --------------------------------------------------------------------------- results


class ColumnHit(Record, eq=False):
    """A column of a logical table found in a physical table: where its values are, how its header was matched."""

    __slots__ = ("key", "spec", "table", "col", "end", "cell", "how", "written")

    key: str
    spec: "ColumnSpec"
    table: Table
    col: int  # grid column of the value
    end: int  # exclusive end of the grid columns the value may sit in (merged header)
    cell: Cell | None  # the header cell naming the column (None: read by position, no header)
    how: str
    written: str

    def __init__(
            self, key: str, spec: "ColumnSpec", table: Table, col: int, end: int, cell: Cell | None, how: str,
            written: str) -> None:
        self.key = key
        self.spec = spec
        self.table = table
        self.col = col
        self.end = end
        self.cell = cell
        self.how = how
        self.written = written

    @property
    def differs(self) -> bool:
        return self.how in DIFFERS


class RowHit(Record, eq=False):
    """A row of a logical table found in a physical table, and how its label was matched."""

    __slots__ = ("key", "spec", "table", "row", "cell", "how", "written")

    key: str
    spec: "RowSpec"
    table: Table
    row: Row
    cell: Cell | None  # the label cell (None: unlabeled row)
    how: str
    written: str

    def __init__(
            self, key: str, spec: "RowSpec", table: Table, row: Row, cell: Cell | None, how: str,
            written: str) -> None:
        self.key = key
        self.spec = spec
        self.table = table
        self.row = row
        self.cell = cell
        self.how = how
        self.written = written

    @property
    def differs(self) -> bool:
        return self.how in DIFFERS

    @property
    def span(self) -> Span:
        """The row's label cell (the one naming this row alone), on the row's own line."""
        return label_span(self.row, self.cell)

    @property
    def row_span(self) -> Span:
        """The whole row, from its label cell to its last cell (for findings about the row)."""
        return row_span(self.row, self.cell)


class CellHit(Record, eq=False):
    """One data cell of a logical table, read as a number of its column's kind when it is made
    (every check reads the values: ``value`` and ``parsed`` are plain attributes)."""

    __slots__ = ("table_ref", "row_key", "col_key", "column", "cell", "row", "physical", "synthetic", "parsed",
                 "value", "__weakref__")

    # the logical table, which holds its cells: a weak reference (``table``) breaks the cycle. Not
    # a backref: a report has hundreds of cell hits, and a plain field is built three times faster
    table_ref: "weakref.ref[LogicalTable]"
    row_key: str
    col_key: str
    column: "ColumnSpec"  # the column's spec (of ``col_key``)
    cell: Cell
    row: Row
    physical: Table
    synthetic: bool  # the row has no cell there at all (a short pipe row)
    parsed: Value  # what the cell's text says (``parsed.number``: the number it stands for, 251000元 → 251000)
    value: Decimal | None  # the cell's number, or None when it is not a valid number for its column (``reason``)

    def __init__(
            self, table_ref: "weakref.ref[LogicalTable]", row_key: str, col_key: str, column: "ColumnSpec",
            cell: Cell, row: Row, physical: Table, synthetic: bool = False, parsed: Value | None = None) -> None:
        self.table_ref = table_ref
        self.row_key = row_key
        self.col_key = col_key
        self.column = column
        self.cell = cell
        self.row = row
        self.physical = physical
        self.synthetic = synthetic
        self.parsed = parsed = parsed if parsed is not None else read_cell(cell.text, column)
        self.value = parsed.value

    @property
    def table(self) -> "LogicalTable":
        return self.table_ref()

    @property
    def span(self) -> Span:
        return self.cell.span

    @property
    def reason(self) -> str | None:
        """Why the cell's text is not a valid number (None when it is): blank, not-applicable, unit …"""
        return self.parsed.reason

    @property
    def label(self) -> str:
        return self.table.label(self.row_key, self.col_key)


def read_cell(text: str, column: "ColumnSpec") -> Value:
    """A cell's text read as a number of ``column``'s kind."""
    return parse_value(text, "decimal" if column.kind == "decimal" else "integer", column.min)


class ExtraRow(Record, eq=False):
    """A row that is none of the table's: a local sub-row, a repeated row, or values under an unknown label."""

    table: Table
    row: Row
    cell: Cell | None
    written: str
    parent: str | None  # an official row this one looks like a sub-row of
    duplicate_of: str | None  # the row key it repeats

    def __init__(
            self, table: Table, row: Row, cell: Cell | None, written: str, parent: str | None = None,
            duplicate_of: str | None = None) -> None:
        self.table = table
        self.row = row
        self.cell = cell
        self.written = written
        self.parent = parent
        self.duplicate_of = duplicate_of

    @property
    def span(self) -> Span:
        return label_span(self.row, self.cell)


class ExtraColumn(Record, eq=False):
    """A column with values under a header that is none of the table's."""

    table: Table
    cell: Cell
    written: str

    def __init__(self, table: Table, cell: Cell, written: str) -> None:
        self.table = table
        self.cell = cell
        self.written = written


class ForeignLabel(Record, eq=False):
    """A label that belongs to another edition of the profile."""

    kind: str  # "row" | "column"
    key: str  # the key in the other edition
    official: str  # the label in the other edition
    written: str
    span: Span
    edition: str  # the other edition's id

    def __init__(self, kind: str, key: str, official: str, written: str, span: Span, edition: str) -> None:
        self.kind = kind
        self.key = key
        self.official = official
        self.written = written
        self.span = span
        self.edition = edition


class PositionalHeader(Record, eq=False):
    """Columns read by position because their headers are not the official labels."""

    table: Table
    row: Row | None
    pairs: list[tuple[str, str]]  # (written, official)
    repeats: int  # further tables with the same headers

    def __init__(self, table: Table, row: Row | None, pairs: list[tuple[str, str]], repeats: int = 0) -> None:
        self.table = table
        self.row = row
        self.pairs = pairs
        self.repeats = repeats


class Part(Record, eq=False):
    """A run of rows of one physical table: header rows, then body rows."""

    table: Table
    header: list[int]
    body: list[int]
    context: list[str]  # headings/paragraphs just above
    contributed: bool
    hits: dict

    def __init__(
            self, table: Table, header: list[int] | None = None, body: list[int] | None = None,
            context: list[str] | None = None, contributed: bool = False, hits: dict | None = None) -> None:
        self.table = table
        self.header = [] if header is None else header
        self.body = [] if body is None else body
        self.context = [] if context is None else context
        self.contributed = contributed
        self.hits = {} if hits is None else hits


def _new_dict(_spec) -> dict:
    return {}


class LogicalTable(Record, eq=False):
    """One table of the profile as found in a document."""

    spec: "TableSpec"
    section: str
    caption_span: Span | None
    parts: list[Part]
    columns: dict[str, ColumnHit]
    rows: dict[str, RowHit]
    group_rows: dict[str, RowHit]  # group rows that carry values
    cells: dict[tuple[str, str], CellHit]
    extra_rows: list[ExtraRow]
    extra_columns: list[ExtraColumn]
    foreign: list[ForeignLabel]
    positional: list[PositionalHeader]
    explained: set[str]  # keys whose absence a foreign label explains
    header_rows: list[Row]

    def __init__(
            self, spec: "TableSpec", section: str, caption_span: Span | None = None,
            parts: list[Part] | None = None, columns: dict[str, ColumnHit] | None = None,
            rows: dict[str, RowHit] | None = None, group_rows: dict[str, RowHit] | None = None,
            cells: dict[tuple[str, str], CellHit] | None = None, extra_rows: list[ExtraRow] | None = None,
            extra_columns: list[ExtraColumn] | None = None, foreign: list[ForeignLabel] | None = None,
            positional: list[PositionalHeader] | None = None, explained: set[str] | None = None,
            header_rows: list[Row] | None = None) -> None:
        self.spec = spec
        self.section = section
        self.caption_span = caption_span
        self.parts = [] if parts is None else parts
        self.columns = {} if columns is None else columns
        self.rows = {} if rows is None else rows
        self.group_rows = {} if group_rows is None else group_rows
        self.cells = {} if cells is None else cells
        self.extra_rows = [] if extra_rows is None else extra_rows
        self.extra_columns = [] if extra_columns is None else extra_columns
        self.foreign = [] if foreign is None else foreign
        self.positional = [] if positional is None else positional
        self.explained = set() if explained is None else explained
        self.header_rows = [] if header_rows is None else header_rows

    # ---- where it is

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def tables(self) -> list[Table]:
        out: list[Table] = []
        for p in self.parts:
            if p.contributed and p.table not in out:
                out.append(p.table)
        return out

    @property
    def table(self) -> Table | None:
        """The first physical table holding this table's cells."""
        t = self.tables
        return t[0] if t else (self.parts[0].table if self.parts else None)

    @property
    def header_row(self) -> Row | None:
        """The header row that names the columns (the lowest header row of the first table)."""
        return self.header_rows[0] if self.header_rows else None

    @property
    def span(self) -> Span:
        if self.header_row is not None:
            return row_span(self.header_row)
        t = self.table
        if t is not None and t.rows:
            return row_span(t.rows[0])
        return self.caption_span or Span(1, 1, 1, 2)

    # ---- cells

    def cell(self, row_key: str, col_key: str) -> CellHit | None:
        return self.cells.get((row_key, col_key))

    def value(self, row_key: str, col_key: str) -> Decimal | None:
        hit = self.cells.get((row_key, col_key))
        return hit.value if hit is not None else None

    def has_row(self, row_key: str) -> bool:
        return row_key in self.rows or row_key in self.group_rows

    # ---- labels

    @property
    def name(self) -> str:
        return self.spec.name.zh

    # labels depend on the profile only: each is built once per process (derived)

    def row_label(self, row_key: str) -> str:
        cache = derived(self.spec, "row-labels", _new_dict)
        if row_key not in cache:
            cache[row_key] = self._row_label(row_key)
        return cache[row_key]

    def _row_label(self, row_key: str) -> str:
        rows = rows_by_key(self.spec)
        spec = rows.get(row_key)
        if spec is None or spec.label is None:
            return ""
        parent = rows.get(spec.parent) if spec.parent else None
        if parent is not None and parent.parent is not None and parent.label:
            return f"{parent.label} {spec.label}"
        return spec.label

    def column_label(self, col_key: str) -> str:
        cache = derived(self.spec, "column-labels", _new_dict)
        if col_key not in cache:
            cache[col_key] = self._column_label(col_key)
        return cache[col_key]

    def _column_label(self, col_key: str) -> str:
        columns = columns_by_key(self.spec)
        spec = columns.get(col_key)
        if spec is None:
            return col_key
        same = [c for c in self.spec.data_columns if label_key(c.label) == label_key(spec.label)]
        if len(same) > 1 and spec.parent:
            parent = columns.get(spec.parent)
            if parent is not None:
                return f"{parent.label} {spec.label}"
        return spec.label

    def label(self, row_key: str, col_key: str) -> str:
        """The cell's human name: ``表三 （七）总计 / 自然人``, ``表四 行政复议 总计``."""
        cache = derived(self.spec, "cell-labels", _new_dict)
        label = cache.get((row_key, col_key))
        if label is None:
            rl = self.row_label(row_key)
            cl = self.column_label(col_key)
            label = cache[row_key, col_key] = f"{self.name} {rl} / {cl}" if rl else f"{self.name} {cl}"
        return label

    # ---- what is missing

    def missing_rows(self) -> list[tuple["RowSpec", Span]]:
        """Required data rows not found, with where each should appear (the row it should
        follow, or the header row)."""
        out = []
        for i, r in enumerate(self.spec.rows):
            if not r.data or not r.required or r.key in self.rows or r.key in self.explained:
                continue
            if r.parent and r.parent in self.explained:
                continue
            out.append((r, self._anchor_before(i)))
        return out

    def _anchor_before(self, index: int) -> Span:
        for r in reversed(self.spec.rows[:index]):
            hit = self.rows.get(r.key) or self.group_rows.get(r.key)
            if hit is not None:
                return hit.row_span
        return self.span

    def row_span(self, row_key: str) -> Span | None:
        """Where a finding about a whole row goes: the row's own line, from its most specific
        label cell to its last cell (None when the row is not there)."""
        hit = self.rows.get(row_key) or self.group_rows.get(row_key)
        return hit.row_span if hit is not None else None

    def missing_columns(self) -> list["ColumnSpec"]:
        return [c for c in self.spec.data_columns
                if c.required and c.key not in self.columns and c.key not in self.explained]


class ForeignTable(Record, eq=False):
    """A table of another edition (e.g. 第二十条第（九）项 in a 2021 report)."""

    spec: "TableSpec"
    edition: str
    section: str
    span: Span
    labels: list[str]

    def __init__(self, spec: "TableSpec", edition: str, section: str, span: Span, labels: list[str]) -> None:
        self.spec = spec
        self.edition = edition
        self.section = section
        self.span = span
        self.labels = labels


class UnrecognisedTable(Record, eq=False):
    """A table in a section whose rows match none of the section's tables."""

    table: Table
    section: str
    specs: list[str]

    def __init__(self, table: Table, section: str, specs: list[str]) -> None:
        self.table = table
        self.section = section
        self.specs = specs


class MissingTable(Record, eq=False):
    """A table of the edition not found in its section."""

    spec: "TableSpec"
    section: str
    span: Span  # the section title
    near: Table | None  # a table in the section none of whose rows could be read

    def __init__(self, spec: "TableSpec", section: str, span: Span, near: Table | None = None) -> None:
        self.spec = spec
        self.section = section
        self.span = span
        self.near = near


class TableModel(Record):
    """Every table of an edition found in one document (see the module docstring)."""

    edition: "Edition"
    tables: dict[str, LogicalTable]
    missing: list[MissingTable]
    foreign_tables: list[ForeignTable]
    unrecognised: list[UnrecognisedTable]

    def __init__(
            self, edition: "Edition", tables: dict[str, LogicalTable] | None = None,
            missing: list[MissingTable] | None = None, foreign_tables: list[ForeignTable] | None = None,
            unrecognised: list[UnrecognisedTable] | None = None) -> None:
        self.edition = edition
        self.tables = {} if tables is None else tables
        self.missing = [] if missing is None else missing
        self.foreign_tables = [] if foreign_tables is None else foreign_tables
        self.unrecognised = [] if unrecognised is None else unrecognised

    def get(self, table_id: str) -> LogicalTable | None:
        return self.tables.get(table_id)

    def cell(self, table_id: str, row_key: str, col_key: str) -> CellHit | None:
        lt = self.tables.get(table_id)
        return lt.cell(row_key, col_key) if lt is not None else None

    def value(self, table_id: str, row_key: str, col_key: str) -> Decimal | None:
        hit = self.cell(table_id, row_key, col_key)
        return hit.value if hit is not None else None

    def label(self, table_id: str, row_key: str, col_key: str) -> str:
        lt = self.tables.get(table_id)
        if lt is None:
            spec = self.edition.tables[table_id]
            lt = LogicalTable(spec, spec.section)
        return lt.label(row_key, col_key)

    def all_cells(self):
        for lt in self.tables.values():
            yield from lt.cells.values()

    def cells_with(self, *reasons: str):
        """The cells whose value could not be read for one of ``reasons`` (see reportlint.cellvalue)."""
        if None in reasons:
            return (c for c in self.all_cells() if c.reason in reasons)
        unreadable = self.__dict__.get("_unreadable")
        if unreadable is None:  # found once: most cells are valid numbers, several rules ask
            # all_cells(), without a generator
            unreadable = self.__dict__["_unreadable"] = [c for lt in self.tables.values() for c in lt.cells.values()
                                                          if c.parsed.reason is not None]
        return (c for c in unreadable if c.reason in reasons)


def cell_fix(cell: Cell, replacement: str, part: str | None = None, applicability: str = "safe") -> Fix | None:
    """A fix replacing a cell's text, or only ``part`` of it; None when the cell spans lines or its
    source is not its plain text (markup), where an edit could not be placed safely."""
    if cell.span.line != cell.span.end_line or cell.raw != cell.text or "\n" in cell.text:
        return None
    part = cell.raw if part is None else part
    if not part or cell.raw.count(part) != 1:
        return None
    start = cell.span.column + cell.raw.index(part)
    span = Span(cell.span.line, start, cell.span.line, start + len(part))
    return Fix((Edit(span, replacement),), Message(f"write '{replacement}'", f"改为“{replacement}”"), applicability)


# --------------------------------------------------------------------------- helpers


def row_span(row: Row, start: Cell | None = None) -> Span:
    """The source span of a table row: from ``start`` (its most specific label cell), else its
    first cell, to its last cell on that line. Only the row's own cells count: a label cell
    spanning several rows (``<td rowspan="20">三、本年度办理结果</td>``) belongs to the row where it
    is written, so a finding about this row goes on this row's line; starting at ``start`` also
    skips the labels a pipe table repeats on every row (``| 三、本年度办理结果 | （三）不予公开 | 1.…``)."""
    cells = [c for c in _distinct(row.cells) if row.owns(c)]
    if not cells:
        return Span(row.line, 1, row.line, 2)
    first = start if start is not None and row.owns(start) and start in cells else \
        min(cells, key=lambda c: (c.span.line, c.span.column))
    same_line = [c for c in cells if c.span.line == first.span.line and c.span.end_line == first.span.line
                 and c.span.column >= first.span.column]
    last = max(same_line or [first], key=lambda c: c.span.end_column)
    return Span(first.span.line, first.span.column, last.span.end_line, last.span.end_column)


def label_span(row: Row, cell: Cell | None) -> Span:
    """Where a row is named: its label cell when the row owns it, else the row's own cells."""
    if cell is not None and row.owns(cell):
        return cell.span
    return row_span(row)


def _header_signature(rows: list[Row], pipe: bool = False) -> tuple:
    """What column mapping reads of header rows: per row, each slot's (text, index of the first
    slot of its cell) — a merged cell fills several slots with the same cell (never in a
    ``pipe`` table)."""
    if pipe:
        return tuple(tuple(zip([c.text for c in row.cells], range(len(row.cells)))) for row in rows)
    out = []
    for row in rows:
        first: dict[int, int] = {}
        out.append(tuple((c.text, first.setdefault(id(c), j)) for j, c in enumerate(row.cells)))
    return tuple(out)


def _distinct(cells: list[Cell]) -> list[Cell]:
    """The cells in order, each merged cell once (cells compare and hash by identity)."""
    return list(dict.fromkeys(cells))


@lru_cache(maxsize=8192)
def _split_path(text: str) -> tuple[str, ...]:
    """``（三）不予公开：1.属于国家秘密`` → its parts; a colon inside brackets does not split
    (``本年收费金额（单位：万元）``). Cached: the same labels recur in every report."""
    if ":" not in text and "：" not in text:
        part = text.strip()
        return (part,) if part else ()
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "(（[【":
            depth += 1
        elif ch in ")）]】":
            depth = max(0, depth - 1)
        if depth == 0 and _PATH_SEP.match(ch):
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return tuple(p for p in (x.strip() for x in parts) if p)


def _column_matches(lt: LogicalTable, written: str, key: str) -> bool:
    """Whether ``written`` is (a way of writing) the label of column ``key``."""
    return any(it.key == key and RANK[how] <= RANK[VARIANT] for it, how, _ in LabelIndex.of(lt.spec.columns).match(written))


def table_model(doc: "Document", edition: "Edition") -> TableModel:
    """Every table of ``edition`` found in ``doc`` (computed once per document)."""
    return doc.memo(f"tablemodel:{edition.profile_id}:{edition.id}", lambda: _Recogniser(doc, edition).run())


# --------------------------------------------------------------------------- recognition


class _SpecIndex:
    def __init__(self, spec: "TableSpec") -> None:
        self.spec = spec
        self.rows = LabelIndex.of(spec.rows)
        self.cols = LabelIndex.of(spec.columns)
        self.unlabeled_rows = [r for r in spec.rows if r.label is None and r.data]
        self.caption = caption_key(spec.caption) if spec.caption else ""
        self.corner = label_key(spec.corner_note) if spec.corner_note else ""
        self.data_columns = spec.data_columns  # (a property that builds a list)
        self.data_cols = {c.key for c in self.data_columns}
        self.label_cols = {c.key for c in spec.columns if c.kind == "row_label"}
        self.row_specs = rows_by_key(spec)


_FOREIGN_OK = (EXACT, NORMALISED, VARIANT)


def _is_corner(text: str, idx: _SpecIndex) -> bool:
    if not idx.corner:
        return False
    return _corner_like(label_key(text), idx.corner)


@lru_cache(maxsize=4096)
def _corner_like(k: str, corner: str) -> bool:
    """Whether a header text (label key ``k``) is the table's corner note ``corner``."""
    if len(k) >= 6 and (k in corner or corner in k):
        return True
    if len(k) < 10:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, k, corner, autojunk=False).ratio() >= 0.6


class _Segment(Record, eq=False):
    """Rows that belong to one table of a section (a caption starts a new segment)."""

    spec_id: str | None
    foreign_edition: str | None
    caption_span: Span | None
    parts: list[Part]

    def __init__(
            self, spec_id: str | None, foreign_edition: str | None = None, caption_span: Span | None = None,
            parts: list[Part] | None = None) -> None:
        self.spec_id = spec_id
        self.foreign_edition = foreign_edition
        self.caption_span = caption_span
        self.parts = [] if parts is None else parts


def _edition_indexes(edition: "Edition") -> tuple[dict[str, _SpecIndex], dict[str, list[tuple[str, _SpecIndex]]],
                                                 list[tuple[str, _SpecIndex]]]:
    """The label indexes of an edition's tables and of its other editions' tables (built once
    per process: they depend on the profile only)."""
    def spec_index(spec: "TableSpec") -> _SpecIndex:
        return derived(spec, "spec-index", _SpecIndex)

    index = {tid: spec_index(t) for tid, t in edition.tables.items()}
    others: dict[str, list[tuple[str, _SpecIndex]]] = {}
    other_only: list[tuple[str, _SpecIndex]] = []
    for ed in edition.other_editions():
        for tid, t in ed.tables.items():
            others.setdefault(tid, []).append((ed.id, spec_index(t)))
            if tid not in edition.tables:
                other_only.append((ed.id, spec_index(t)))
    return index, others, other_only


class _Recogniser:
    def __init__(self, doc: "Document", edition: "Edition") -> None:
        self.doc = doc
        self.edition = edition
        # table id -> index; table id -> other editions' specs; tables only other editions have
        self.index, self.others, self.other_only = derived(edition, "recogniser", _edition_indexes)

    # ---- entry point

    def run(self) -> TableModel:
        from .structure import section_map

        model = TableModel(self.edition)
        sm = section_map(self.doc, self.edition)
        for section in self.edition.sections:
            own = [tid for tid in section.tables if tid in self.edition.tables]
            foreign_here = [(e, i) for e, i in self.other_only if i.spec.section == section.id]
            if not own and not foreign_here:
                continue
            lines = sm.lines_of(section.id)
            if lines is None:
                continue  # the section itself is missing: SEC002 reports it, nothing else
            lo, hi = lines
            blocks = [b for b in self.doc.blocks if lo <= b.span.line <= hi]
            found: dict[str, LogicalTable] = {}
            claimed: set[int] = set()
            for seg in self._segments(blocks, own, foreign_here):
                self._assign(seg, section.id, own, found, model, foreign_here, claimed)
            for lt in found.values():
                claimed |= {id(p.table) for p in lt.parts if p.contributed}
            for tid in own:
                lt = found.get(tid)
                if lt is not None and (lt.rows or lt.group_rows):
                    self._finish(lt)
                    model.tables[tid] = lt
                else:
                    near = lt.parts[0].table if lt is not None and lt.parts else None
                    if near is not None:
                        claimed.add(id(near))
                    model.missing.append(MissingTable(self.edition.tables[tid], section.id,
                                                      sm.first[section.id].span, near))
            for b in blocks:
                t = b.obj
                if b.kind == "table" and t is not None and id(t) not in claimed and any(
                        not c.is_blank for r in t.rows for c in r.cells) and not self._elsewhere(t, own):
                    model.unrecognised.append(UnrecognisedTable(t, section.id, own))
        return model

    def _elsewhere(self, table: Table, own: list[str]) -> bool:
        """Whether ``table`` is one of another section's tables (misplaced, or its own section's
        title is missing: SEC rules report that, not TBL015)."""
        for tid, idx in self.index.items():
            if tid in own:
                continue
            hits = sum(1 for r in table.rows for c in _distinct(r.cells[:3]) if not c.is_blank and idx.rows.match(c.text))
            if hits >= 2:
                return True
        return False

    # ---- segments: which rows belong to which table of the section

    def _caption_of(self, text: str, own: list[str], foreign_here) -> tuple[str, str | None] | None:
        k = caption_key(text)
        if not k:
            return None
        for tid in own:
            cap = self.index[tid].caption
            if cap and cap in k:
                return tid, None
        for ed, idx in foreign_here:
            if idx.caption and idx.caption in k:
                return idx.spec.id, ed
        return None

    def _caption_row(self, cells: list[Cell], own, foreign_here) -> tuple[str, str | None] | None:
        """The table a row names (its non-blank ``cells``: one or two, see :meth:`_segments`)."""
        texts = [c.text for c in cells]
        if len(caption_key(texts[0])) > 40:
            return None
        if any(looks_numeric(t) for t in texts):
            return None
        return self._caption_of(texts[0], own, foreign_here)

    def _segments(self, blocks, own: list[str], foreign_here) -> list[_Segment]:
        segs: list[_Segment] = []
        current: _Segment | None = None
        pending: tuple[str, str | None, Span] | None = None
        context: list[str] = []
        for b in blocks:
            if b.kind in ("heading", "paragraph") and b.obj is not None:
                text = b.obj.title if b.kind == "heading" else b.obj.text
                first = text.split("\n", 1)[0]
                cap = self._caption_of(first, own, foreign_here) if len(caption_key(first)) <= 60 else None
                if cap is not None:
                    pending = (cap[0], cap[1], b.span)
                    context = [text]
                else:
                    context.append(text)
                continue
            if b.kind != "table" or b.obj is None:
                continue
            table: Table = b.obj
            if pending is not None:
                current = _Segment(pending[0], pending[1], pending[2])
                segs.append(current)
                pending = None
            elif current is None:
                current = _Segment(None)
                segs.append(current)
            part = Part(table, context=list(context))
            current.parts.append(part)
            context = []
            for r, row in enumerate(table.rows):
                cells = row.filled()
                # a caption row has one or two filled cells (most rows: a label and values)
                cap = self._caption_row(cells, own, foreign_here) if 0 < len(cells) <= 2 else None
                if cap is not None:
                    current = _Segment(cap[0], cap[1], row_span(row))
                    segs.append(current)
                    part = Part(table)
                    current.parts.append(part)
                    continue
                part.body.append(r)
        return segs

    # ---- assigning segments to tables

    def _assign(self, seg: _Segment, section: str, own: list[str], found: dict[str, LogicalTable],
                model: TableModel, foreign_here, claimed: set[int]) -> None:
        if seg.foreign_edition is not None:
            idx = next(i for e, i in foreign_here if i.spec.id == seg.spec_id and e == seg.foreign_edition)
            labels: list[str] = []
            for part in seg.parts:
                claimed.add(id(part.table))
                for r in part.body:
                    for c in part.table.rows[r].filled():
                        if c.text not in labels and (
                                idx.rows.match(c.text) or any(x[0].data for x in idx.cols.match(c.text))):
                            labels.append(c.text)
            model.foreign_tables.append(ForeignTable(idx.spec, seg.foreign_edition, section,
                                                     seg.caption_span or Span(1, 1, 1, 2), labels))
            return
        parts = self._split_parts(seg.parts, own)
        if seg.spec_id is not None:
            lt = found.setdefault(seg.spec_id, LogicalTable(self.edition.tables[seg.spec_id], section))
            if lt.caption_span is None:
                lt.caption_span = seg.caption_span
            for p in parts:
                self._read_part(lt, p)
            return
        for p in parts:
            tid = own[0] if len(own) == 1 else self._best_spec(p, own, found)
            if tid is None:
                continue
            lt = found.setdefault(tid, LogicalTable(self.edition.tables[tid], section))
            self._read_part(lt, p)

    def _best_spec(self, part: Part, own: list[str], found) -> str | None:
        best, best_score = None, 0
        for tid in own:
            idx = self.index[tid]
            score = 0
            for r in part.header + part.body:
                for c in part.table.rows[r].filled():
                    if idx.rows.match(c.text):
                        score += 3
                    elif idx.cols.match(c.text):
                        score += 1
            if tid in found and found[tid].rows:
                score -= 1  # prefer a table not seen yet
            if score > best_score:
                best, best_score = tid, score
        return best

    def _row_kind(self, row: Row, idxs: list[_SpecIndex], known: dict[str, str | None]) -> str:
        """'empty', 'data', 'header' or 'unknown' (``idxs``: the indexes of the section's tables,
        ``known``: what the first cell alone says, by its text, for those tables)."""
        cells = row.filled()
        if not cells:
            return "empty"
        first = cells[0].text
        if first[0] in "-:" and _DELIMITER.match(first) and all(_DELIMITER.match(c.text) for c in cells):
            return "empty"  # a stray delimiter row (|---|---|) inside a table
        # what the first cell alone says (a corner note, a row label), once per process and label
        kind = known.get(first, "")
        if kind == "":
            kind = None
            leaf = (_split_path(first) or [first])[-1]
            for idx in idxs:
                if _is_corner(first, idx):
                    kind = "header"
                    break
                if idx.rows.match(first) or idx.rows.match(leaf):
                    kind = "data"
                    break
            if len(known) >= 16384:
                known.clear()
            known[first] = kind
        if kind is not None:
            return kind
        if any(looks_numeric(c.text) for c in cells):
            return "data"
        for idx in idxs:
            if any(idx.cols.match(c.text) or idx.cols.match((_split_path(c.text) or [""])[-1]) for c in cells):
                return "header"
        return "unknown"

    def _split_parts(self, parts: list[Part], own: list[str]) -> list[Part]:
        """Split each physical table's rows into runs of header rows followed by body rows."""
        idxs = [self.index[t] for t in own] + [i for t in own for _, i in self.others.get(t, [])]
        # what first cells say, by the section's tables: once per process and label
        known = derived(self.edition, "row-kinds", _new_dict).setdefault(tuple(own), {})
        unlabeled = len(own) == 1 and bool(self.index[own[0]].unlabeled_rows)
        out: list[Part] = []
        for p in parts:
            cur = Part(p.table, context=p.context)
            seen_data = False
            for r in p.body:
                kind = self._row_kind(p.table.rows[r], idxs, known)
                if kind == "empty":
                    if not (unlabeled and cur.header):
                        continue
                    kind = "data"  # 表四's unlabeled data row, left blank
                if kind == "header" or (kind == "unknown" and not seen_data):
                    if seen_data:
                        out.append(cur)
                        cur = Part(p.table)
                        seen_data = False
                    cur.header.append(r)
                else:
                    seen_data = True
                    cur.body.append(r)
            if cur.header or cur.body:
                out.append(cur)
        return out

    # ---- columns

    def _foreign_column(self, spec_id: str, text: str) -> tuple[str, _Item] | None:
        """A data column label of another edition that is not (also) one of ours."""
        leaf = (_split_path(text) or [text])[-1]
        own = self.index[spec_id]
        for ed, oidx in self.others.get(spec_id, []):
            fc = [x for x in (oidx.cols.match(text) or oidx.cols.match(leaf)) if x[1] in _FOREIGN_OK and x[0].data
                  and x[0].key in oidx.data_cols]
            if fc and fc[0][0].lk not in own.cols.lks:
                return ed, fc[0][0]
        return None

    def _map_columns(self, lt: LogicalTable, part: Part) -> dict[str, ColumnHit]:
        table = part.table
        header_rows = [table.rows[r] for r in part.header]
        width = max([len(r.cells) for r in header_rows] + [len(table.rows[r].cells) for r in part.body] + [0])
        pipe = table.kind == "pipe"
        layout = self._column_layout(lt.spec.id, _header_signature(header_rows, pipe), width, pipe,
                                     label_key(" ".join(part.context)))
        hits_at, foreign_at, unknown_at, label_cols = layout
        by_key = columns_by_key(lt.spec)
        hits: dict[str, ColumnHit] = {}
        for key, j, end, h, how, written in hits_at:
            hits[key] = ColumnHit(key, by_key.get(key), table, j, end, header_rows[h].cells[j], how, written)
        for j, h, ed, it in foreign_at:
            c = header_rows[h].cells[j]
            lt.foreign.append(ForeignLabel("column", it.key, it.label, c.text, c.span, ed))
        if not foreign_at and (unknown_at or not hits.keys() >= self.index[lt.spec.id].data_cols):
            # (with every data column named and no unknown header, there is nothing to read by position)
            self._positional(lt, part, hits, {j: header_rows[h].cells[j] for j, h in unknown_at}, set(label_cols))
        return hits

    def _column_layout(self, spec_id: str, sig: tuple, width: int, pipe: bool, ctx_key: str) -> tuple:
        """Which header cell names which column, from the header rows' texts and merged cells
        alone (:func:`_header_signature`): the same headers map the same way in every report, so
        a layout is worked out once per process (for headers of reasonable size)."""
        if len(ctx_key) > 400 or width > 64:
            return self._work_out_layout(spec_id, sig, width, pipe, ctx_key)
        cache = derived(self.edition, "column-layouts", _new_dict)
        key = (spec_id, sig, width, pipe, ctx_key)
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= 4096:
                cache.clear()
            hit = cache[key] = self._work_out_layout(spec_id, sig, width, pipe, ctx_key)
        return hit

    def _work_out_layout(self, spec_id: str, sig: tuple, width: int, pipe: bool, ctx_key: str) -> tuple:
        """(data columns as (key, grid column, end, header row, how, written), other editions'
        columns as (grid column, header row, edition, item), unknown headers as (grid column,
        header row), label columns) for header rows ``sig``: per row, each cell's (text, index of
        its first slot in the row) — a merged cell fills several slots."""
        idx = self.index[spec_id]
        # per header row and grid column: the run (start, end, text) of the header cell covering it;
        # in pipe tables a merged header cell is followed by empty cells, which it covers
        runs: list[list[tuple[int, int, str] | None]] = []
        sticky: dict[tuple[int, int], str] = {}  # flattened headers: 行政复议：结果维持 | 结果纠正 …
        for h, cells in enumerate(sig):
            slots: list[tuple[int, int, str] | None] = [None] * width
            prefix = ""
            j = 0
            while j < len(cells):
                text, first = cells[j]
                if not text.strip():
                    j += 1
                    continue
                pth = _split_path(text)
                if len(pth) > 1:
                    prefix = " ".join(pth[:-1])
                if prefix:
                    sticky[(h, j)] = prefix
                k = j + 1
                while k < len(cells) and (cells[k][1] == first or (pipe and not cells[k][0].strip())):
                    k += 1
                end = width if (pipe and k >= len(cells)) else k
                for x in range(j, min(end, width)):
                    slots[x] = (j, end, text)
                j = k
            runs.append(slots)
        hits: dict[str, list] = {}
        taken: set[str] = set()
        last_order = -1
        label_cols: set[int] = set()
        unknown: dict[int, int] = {}
        foreign_cols: dict[int, tuple[int, str, _Item]] = {}
        for j in range(width):
            leaf = None
            for h in range(len(sig) - 1, -1, -1):
                cells = sig[h]
                text = cells[j][0] if j < len(cells) else None
                if text is None or not text.strip() or _is_corner(text, idx):
                    continue
                run = runs[h][j]
                if run is None or run[0] != j:
                    break  # the continuation of a merged header cell that starts further left
                pth = _split_path(text) or [text]
                cands = idx.cols.match(text) or idx.cols.match(pth[-1])
                data_cands = [x for x in cands if x[0].key in idx.data_cols]
                if data_cands:
                    leaf = (h, text, data_cands, pth)
                    break
                if cands:
                    if any(x[0].key in idx.label_cols for x in cands):
                        label_cols.add(j)
                    continue  # a group label: not a data column by itself
                foreign = self._foreign_column(spec_id, text)
                if foreign is not None:
                    foreign_cols[j] = (h, foreign[0], foreign[1])
                else:
                    unknown[j] = h
                break
            if leaf is None:
                continue
            h, text, cands, pth = leaf
            if all(x[1] == FUZZY for x in cands):
                foreign = self._foreign_column(spec_id, text)
                if foreign is not None:
                    foreign_cols[j] = (h, foreign[0], foreign[1])
                    continue
            ancestors = [label_key(" ".join(pth[:-1]))] if len(pth) > 1 else []
            if (h, j) in sticky:
                ancestors.append(label_key(sticky[(h, j)]))
            for hh in range(h):
                run = runs[hh][j]
                if run is not None:
                    ancestors.append(label_key(run[2]))
            if ctx_key:
                ancestors.append(ctx_key)

            def score(x, ancestors=ancestors):
                it = x[0]
                s = 0
                p = it.parent
                while p:
                    pit = idx.cols.by_key.get(p)
                    if pit is not None and any(pit.core and pit.core in a for a in ancestors):
                        s += 1
                    p = pit.parent if pit is not None else None
                return (-s, it.key in taken, RANK[x[1]], it.order <= last_order, it.order)

            it, how, _ = cands[0] if len(cands) == 1 else min(cands, key=score)
            if it.key in taken:
                unknown[j] = h
                continue
            run = runs[h][j]
            taken.add(it.key)
            last_order = it.order
            hits[it.key] = [it.key, j, run[1], h, how, pth[-1]]
        starts = sorted(hit[1] for hit in hits.values())
        for hit in hits.values():
            nxt = [s for s in starts if s > hit[1]]
            hit[2] = max(hit[1] + 1, min([hit[2]] + nxt[:1]))
        return (tuple(tuple(hit) for hit in hits.values()),
                tuple((j, h, ed, it) for j, (h, ed, it) in foreign_cols.items()),
                tuple(unknown.items()), frozenset(label_cols))

    def _value_start(self, row: Row) -> int:
        """Index of the first value cell of a body row whose columns are not known."""
        last_text = -1
        for j, c in enumerate(row.cells):
            if c.is_blank:
                continue
            if looks_numeric(c.text):
                break
            last_text = j
        return last_text + 1

    def _positional(self, lt: LogicalTable, part: Part, hits: dict[str, ColumnHit], unknown: dict[int, Cell],
                    label_cols: set[int]) -> None:
        """Read columns whose headers are not the official labels by their position, when the
        number of unnamed columns is exactly the number of official columns missing there."""
        data_cols = self.index[lt.spec.id].data_columns
        body = [part.table.rows[r] for r in part.body]
        if body and not all(c.key in hits for c in data_cols):
            widths = [len(r.cells) for r in body]
            w = max(set(widths), key=widths.count)
            if hits:
                vs = min(min(h.col for h in hits.values()), max(self._value_start(r) for r in body))
            else:
                vs = max(w - len(data_cols), 0)
            vs = max([vs] + [j + 1 for j in label_cols])
            mapped = {h.col for h in hits.values()}
            pairs: list[tuple[str, str]] = []
            order = [c.key for c in data_cols]
            i = 0
            while i < len(order):
                if order[i] in hits:
                    i += 1
                    continue
                k = i
                while k < len(order) and order[k] not in hits:
                    k += 1
                lo_col = hits[order[i - 1]].end if i > 0 else vs
                hi_col = hits[order[k]].col if k < len(order) else w
                free = [j for j in range(lo_col, hi_col) if j not in mapped and j not in label_cols]
                if len(free) == k - i:
                    for key, j in zip(order[i:k], free):
                        cell = unknown.pop(j, None)
                        written = cell.text if cell is not None else ""
                        official = columns_by_key(lt.spec).get(key).label
                        same = bool(written) and bool(_column_matches(lt, written, key))
                        hits[key] = ColumnHit(key, columns_by_key(lt.spec).get(key), part.table, j, j + 1, cell,
                                              EXACT if same else POSITION, written)
                        if not same:
                            pairs.append((written, official))
                i = k
            if pairs:
                row = part.table.rows[part.header[-1]] if part.header else None
                prev = next((p for p in lt.positional if p.pairs == pairs), None)
                if prev is not None:
                    prev.repeats += 1
                else:
                    lt.positional.append(PositionalHeader(part.table, row, pairs))
        for j, c in unknown.items():
            if j in label_cols or (hits and j < min(h.col for h in hits.values())):
                continue
            if any(j < len(r.cells) and not r.cells[j].is_blank for r in body):
                lt.extra_columns.append(ExtraColumn(part.table, c, c.text))

    # ---- rows

    def _read_part(self, lt: LogicalTable, part: Part) -> None:
        """Read one part; a part that yields no row of the table leaves no trace (it is reported
        as an unrecognised table instead)."""
        saved = (len(lt.extra_rows), len(lt.extra_columns), len(lt.foreign), len(lt.positional),
                 [p.repeats for p in lt.positional], set(lt.columns), len(lt.header_rows))
        self._read_part_rows(lt, part)
        if part.contributed or any(f for f in lt.foreign[saved[2]:]):
            return
        del lt.extra_rows[saved[0]:], lt.extra_columns[saved[1]:], lt.positional[saved[3]:]
        for p, n in zip(lt.positional, saved[4]):
            p.repeats = n
        for key in set(lt.columns) - saved[5]:
            del lt.columns[key]
        del lt.header_rows[saved[6]:]

    def _read_part_rows(self, lt: LogicalTable, part: Part) -> None:
        lt.parts.append(part)
        table = part.table
        idx = self.index[lt.spec.id]
        hits = self._map_columns(lt, part) if part.header else {}
        if not hits and not part.header and part.body:
            # a continuation without header (a table split over pages): reuse the columns above
            prev = next((p for p in reversed(lt.parts[:-1]) if p.hits), None)
            width = len(table.rows[part.body[0]].cells)
            if prev is not None and prev.body and len(prev.table.rows[prev.body[0]].cells) == width:
                hits = {k: ColumnHit(h.key, h.spec, table, h.col, h.end, h.cell, h.how, h.written)
                        for k, h in prev.hits.items()}
            else:
                self._positional(lt, part, hits, {}, set())
        part.hits = hits
        if part.header and hits and not lt.header_rows:
            lt.header_rows.append(table.rows[part.header[-1]])
        for key, h in hits.items():
            lt.columns.setdefault(key, h)
        first_data = min((h.col for h in hits.values()), default=None)
        body_width = len(table.rows[part.body[0]].cells) if part.body else 0
        data_hits = self._data_hits(hits, idx)
        prev_labels: list[Cell | None] = []
        prev_label: tuple[list[Cell], Cell] | None = None  # path and leaf of the last labelled row
        for r in part.body:
            row = table.rows[r]
            cells = row.cells
            fd = first_data if first_data is not None else self._value_start(row)
            row_data = data_hits
            if hits and table.kind == "pipe" and len(cells) != body_width:
                # a ragged row: its values are the cells after its label, in column order
                vs = self._value_start(row)
                if len(cells) - vs == len(hits) and vs != fd:
                    ordered = sorted(hits.values(), key=lambda x: x.col)
                    row_hits = {x.key: ColumnHit(x.key, x.spec, table, vs + i, vs + i + 1, x.cell, x.how, x.written)
                                for i, x in enumerate(ordered)}
                    row_data = self._data_hits(row_hits, idx)
                    fd = vs
            label_cells = cells[:fd]
            if len(label_cells) == 1 and label_cells[0].text:  # one label column (most tables), not blank
                leaf = label_cells[0]
                path = [leaf]
                prev_labels = path
            else:
                # a cell's text is trimmed: ``not c.text`` is ``c.is_blank``
                blank = [not c.text for c in label_cells]
                leaf_i = len(blank) - 1
                while leaf_i >= 0 and blank[leaf_i]:
                    leaf_i -= 1
                path = []
                for i in range(leaf_i + 1):
                    c = label_cells[i]
                    if blank[i]:
                        if i < len(prev_labels) and prev_labels[i] is not None:
                            c = prev_labels[i]  # a merged label cell left empty: the one above (never blank)
                        else:
                            continue
                    if c not in path:
                        path.append(c)
                prev_labels = [c if not blank[i] else (prev_labels[i] if i < len(prev_labels) else None)
                               for i, c in enumerate(label_cells)]
                leaf = label_cells[leaf_i] if leaf_i >= 0 else None
            self._read_row(lt, idx, part, row, leaf, path, row_data, prev_label)
            if leaf is not None:
                prev_label = (path, leaf)

    def _foreign_row(self, lt: LogicalTable, text: str) -> tuple[str, _Item] | None:
        leaf = (_split_path(text) or [text])[-1]
        own = self.index[lt.spec.id]
        for ed, oidx in self.others.get(lt.spec.id, []):
            fc = [x for x in (oidx.rows.match(text) or oidx.rows.match(leaf)) if x[1] in _FOREIGN_OK]
            if fc and fc[0][0].lk not in own.rows.lks:
                return ed, fc[0][0]
        return None

    def _read_row(self, lt: LogicalTable, idx: _SpecIndex, part: Part, row: Row, leaf: Cell | None,
                  path: list[Cell], data_hits: list[ColumnHit], prev_label: tuple[list[Cell], Cell] | None) -> None:
        values, has_values = self._values(row, data_hits)
        if leaf is None:
            if idx.unlabeled_rows and values:
                self._record_row(lt, idx, part, row, idx.unlabeled_rows[0].key, None, EXACT, "", values)
            elif has_values:
                lt.extra_rows.append(ExtraRow(part.table, row, None, ""))
            return
        text = leaf.text
        pth = _split_path(text) or [text]
        cands = idx.rows.match(text)
        written = text
        groups = ()  # the groups the label names before its own (``（三）不予公开：1.属于国家秘密``)
        if not cands and len(pth) > 1:
            cands = idx.rows.match(pth[-1])
            written = pth[-1]
            groups = pth[:-1]
        # another edition's label: only asked when ours match no better than fuzzily (the best
        # candidate comes first: when it is fuzzy, all are)
        foreign = self._foreign_row(lt, text) if not cands or cands[0][1] == FUZZY else None
        if cands and foreign is not None:
            cands = []
        if not cands:
            if foreign is not None:
                ed, fit = foreign
                lt.foreign.append(ForeignLabel("row", fit.key, fit.label, text, leaf.span, ed))
                return
            parent = None
            for c in path[:-1]:
                pc = [x for x in idx.rows.match(c.text) if x[0].data]
                if pc:
                    parent = pc[0][0].key
            if has_values or parent is not None:
                lt.extra_rows.append(ExtraRow(part.table, row, leaf, text, parent))
                if parent is not None and parent not in lt.rows:
                    # an official row split into local sub-rows (Beijing: 其他对外管理服务事项 →
                    # 行政检查, 行政确认): the official row is there, its values are not
                    pcell = next(c for c in path[:-1] if idx.rows.match(c.text))
                    lt.rows[parent] = RowHit(parent, rows_by_key(lt.spec).get(parent), part.table, row, pcell, NORMALISED, pcell.text)
                    part.contributed = True
            return

        if len(cands) == 1:
            it, how, _ = cands[0]
        else:
            # the row's ancestors (label cells to its left, groups in its label), else the last labelled row's
            ancestors = [label_key(c.text) for c in path[:-1]] + [label_key(p) for p in groups]
            if not ancestors and prev_label is not None:
                ancestors = [label_key(c.text) for c in prev_label[0][:-1]] + \
                    [label_key(p) for p in _split_path(prev_label[1].text)[:-1]]

            def score(x):
                it = x[0]
                s = 0
                p = it.parent
                while p:
                    pit = idx.rows.by_key.get(p)
                    if pit is not None and any(a and pit.core and (pit.core in a or a in pit.core) for a in ancestors):
                        s += 1
                    p = pit.parent if pit is not None else None
                return (RANK[x[1]], -s, it.key in lt.rows, it.order)

            it, how, _ = min(cands, key=score)
        if it.data:
            self._record_row(lt, idx, part, row, it.key, leaf, how, written, values)
            return
        if not has_values:
            return  # a group row: context for the rows below
        # a group row carrying values: the other edition's single row (（六）其他处理 in 2021)
        lt.group_rows.setdefault(it.key, RowHit(it.key, rows_by_key(lt.spec).get(it.key), part.table, row, leaf, how, written))
        for col, cell, synth in values:
            lt.cells.setdefault((it.key, col.key), CellHit(weakref.ref(lt), it.key, col.key, col.spec, cell, row, part.table, synth))
        part.contributed = True
        for ed, oidx in self.others.get(lt.spec.id, []):
            fc = [x for x in oidx.rows.match(text) if x[0].data and x[1] in _FOREIGN_OK + (DEVIATION,)]
            if fc:
                lt.foreign.append(ForeignLabel("row", fc[0][0].key, fc[0][0].label, text, leaf.span, ed))
                lt.explained.add(it.key)
                break

    @staticmethod
    def _data_hits(hits: dict[str, ColumnHit], idx: _SpecIndex) -> list[ColumnHit]:
        """The data columns of ``hits`` in column order (the same for every row of a part)."""
        return [h for k, h in sorted(hits.items(), key=lambda kv: kv[1].col) if k in idx.data_cols]

    @staticmethod
    def _values(row: Row, data_hits: list[ColumnHit]) -> tuple[list[tuple[ColumnHit, Cell, bool]], bool]:
        """The row's value cells under the data columns ``data_hits`` (:meth:`_data_hits`) as
        (column, cell, synthetic: the row is too short to have one), and whether one is not
        blank. (A cell's text is trimmed: ``not c.text`` is ``c.is_blank``, inlined: every value
        cell asks.)"""
        out = []
        cells = row.cells
        n = len(cells)
        filled = False
        for h in data_hits:
            if h.col < n:
                cell = cells[h.col]
                if cell.text:
                    filled = True
                else:
                    inside = [c for c in _distinct(cells[h.col:h.end]) if c.text]
                    if len(inside) == 1:
                        cell = inside[0]  # a value placed anywhere under its merged header
                        filled = True
                out.append((h, cell, False))
            else:
                last = cells[-1] if cells else None
                line = last.span.end_line if last else row.line
                col = last.span.end_column + 1 if last else 1
                out.append((h, Cell("", "", Span(line, col, line, col + 1), col=h.col), True))
        return out, filled

    def _record_row(self, lt: LogicalTable, idx: _SpecIndex, part: Part, row: Row, key: str, leaf: Cell | None,
                    how: str, written: str, values) -> None:
        if key in lt.rows and values and all((key, col.key) in lt.cells for col, _, _ in values):
            lt.extra_rows.append(ExtraRow(part.table, row, leaf, written, duplicate_of=key))
            return
        if key not in lt.rows:
            lt.rows[key] = RowHit(key, idx.row_specs.get(key), part.table, row, leaf, how, written)
        ref = weakref.ref(lt)
        cells = lt.cells
        table = part.table
        new = object.__new__
        for col, cell, synth in values:
            ck = (key, col.key)
            if ck not in cells:
                # CellHit(ref, key, col.key, col.spec, cell, row, table, synth), without the call
                # of __init__ (and of read_cell): a report has hundreds of them
                hit = cells[ck] = new(CellHit)
                hit.table_ref = ref
                hit.row_key = key
                hit.col_key = col.key
                hit.column = spec = col.spec
                hit.cell = cell
                hit.row = row
                hit.physical = table
                hit.synthetic = synth
                hit.parsed = v = parse_value(cell.text, "decimal" if spec.kind == "decimal" else "integer", spec.min)
                hit.value = v.value
        part.contributed = True

    # ---- after all parts

    def _finish(self, lt: LogicalTable) -> None:
        # a row of the other edition under a parent that is one of our data rows written as a bare
        # group row (2021 sub-rows of （六）其他处理 in a 2019 report): that row is not blank
        for f in lt.foreign:
            if f.kind != "row":
                continue
            for ed, oidx in self.others.get(lt.spec.id, []):
                it = oidx.rows.by_key.get(f.key) if ed == f.edition else None
                parent = oidx.rows.by_key.get(it.parent) if it is not None and it.parent else None
                if parent is None:
                    continue
                own = next((r for r in lt.spec.rows if r.data and r.label and label_key(r.label) == parent.lk), None)
                if own is not None and own.key in lt.rows and all(
                        c.cell.is_blank for (rk, _), c in lt.cells.items() if rk == own.key):
                    for k in [k for k in lt.cells if k[0] == own.key]:
                        del lt.cells[k]
                    lt.explained.add(own.key)
        if any(f.kind == "column" for f in lt.foreign):
            lt.explained |= {c.key for c in lt.spec.data_columns if c.key not in lt.columns}
