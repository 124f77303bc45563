"""Finding the profile's tables in a report, in every shape real reports take.

``table_model(doc, edition)`` (memoised per document) finds each logical table of the edition
(``t2_1`` … ``t4``) inside its section **by its labels, not by its position**, and maps every
data cell it can to ``(row key, column key)``, in every shape real reports take (how:
:mod:`reportlint.tablerecognition`; label matching: :mod:`reportlint.labelindex`). This module
holds what it finds: the logical tables, their rows, columns and cells, and what is missing or
foreign.

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

import weakref
from decimal import Decimal
from typing import TYPE_CHECKING

from .cellvalue import Value, parse_value
from .diagnostics import Edit, Fix, Message, Span
from .labelindex import DIFFERS
from .profileindex import columns_by_key, derived, rows_by_key
from .records import Record
from .tables import Cell, Row, Table
from .text import label_key

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document
    from .profile import ColumnSpec, Edition, RowSpec, TableSpec


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


def new_memo(_obj) -> dict:
    """A new empty memo, for :func:`reportlint.profileindex.derived` (one per profile object)."""
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
        cache = derived(self.spec, "row-labels", new_memo)
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
        cache = derived(self.spec, "column-labels", new_memo)
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
        cache = derived(self.spec, "cell-labels", new_memo)
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
    cells = [c for c in distinct_cells(row.cells) if row.owns(c)]
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


def distinct_cells(cells: list[Cell]) -> list[Cell]:
    """The cells in order, each merged cell once (cells compare and hash by identity)."""
    return list(dict.fromkeys(cells))


def table_model(doc: "Document", edition: "Edition") -> TableModel:
    """Every table of ``edition`` found in ``doc`` (computed once per document)."""
    return doc.memo(f"tablemodel:{edition.profile_id}:{edition.id}", lambda: _recognise(doc, edition))


def _recognise(doc: "Document", edition: "Edition") -> TableModel:
    from .tablerecognition import recognise  # (which imports this module)

    return recognise(doc, edition)
