"""Tables as grids of cells with source positions.

markdown-it-py drops cell positions, so GFM pipe tables are re-split from their raw lines here
(an escaped ``\\|`` and a pipe inside a code span stay in the cell). HTML ``<table>`` blocks, as
pandoc writes them for merged cells, are parsed with the standard library's HTMLParser and their
``rowspan``/``colspan`` expanded (in :mod:`reportlint.htmltable`, loaded only for a document that
has one): every grid slot a merged cell covers refers to the same
:class:`Cell`, whose ``row``/``col`` is its top-left slot.
"""
from __future__ import annotations

import re

from .diagnostics import Span
from .records import Record

_MD_MARKUP = re.compile(r"(\*\*|__|(?<!\\)\*|`)")
_BR = re.compile(r"<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_MARKUP_CHARS = frozenset("<\\*_`")  # a cell without any of these is its own text
_PIPE_SPECIAL = re.compile(r"[\\`|]")  # what split_pipe_row must look at


class Cell(Record, eq=False):
    """One cell of a table grid: its source text, visible text and source span."""

    __slots__ = ("raw", "text", "span", "header", "row", "col", "rowspan", "colspan")

    raw: str  # the source text of the cell, trimmed
    text: str  # the cell's text: markup and tags removed, escapes resolved, trimmed ("" when blank)
    span: Span
    header: bool
    row: int  # grid position of the cell's top-left slot
    col: int
    rowspan: int
    colspan: int

    def __init__(
            self, raw: str, text: str, span: Span, header: bool = False, row: int = 0, col: int = 0,
            rowspan: int = 1, colspan: int = 1) -> None:
        self.raw = raw
        self.text = text
        self.span = span
        self.header = header
        self.row = row
        self.col = col
        self.rowspan = rowspan
        self.colspan = colspan

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def column(self) -> int:
        return self.span.column

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Cell({self.text!r} @{self.span.line}:{self.span.column})"


class Row(Record, eq=False):
    """One row of a table grid."""

    __slots__ = ("cells", "line", "header", "index", "_filled")

    cells: list[Cell]  # one per grid column (merged cells repeat the same Cell object)
    line: int
    header: bool
    index: int  # grid row: a cell whose ``row`` differs is merged into this row from above

    def __init__(self, cells: list[Cell], line: int, header: bool = False, index: int = -1) -> None:
        self.cells = cells
        self.line = line
        self.header = header
        self.index = index
        self._filled: list[Cell] | None = None  # the non-blank cells, each merged cell once (filled())

    def filled(self) -> list[Cell]:
        """The row's cells that are not blank, in order, each merged cell once (computed once:
        the table model asks for every row several times)."""
        cells = self._filled
        if cells is None:
            cells = self._filled = [c for c in dict.fromkeys(self.cells) if c.text.strip()]
        return cells

    def owns(self, cell: Cell) -> bool:
        """Whether ``cell`` starts in this row (not a rowspan cell of a row above)."""
        return self.index < 0 or cell.row == self.index

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


class Table(Record, eq=False):
    """A pipe or HTML table as a grid of cells (a merged cell is the same Cell in every slot it covers)."""

    kind: str  # "pipe" or "html"
    span: Span
    rows: list[Row]
    header_rows: int
    index: int  # position among the document's tables

    def __init__(
            self, kind: str, span: Span, rows: list[Row] | None = None, header_rows: int = 1, index: int = 0) -> None:
        self.kind = kind
        self.span = span
        self.rows = [] if rows is None else rows
        self.header_rows = header_rows
        self.index = index

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Cell | None:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r].cells):
            return self.rows[r].cells[c]
        return None


def clean_cell_text(raw: str) -> str:
    """Visible text of a cell: ``<br>`` becomes a line break, tags and emphasis markers go,
    ``\\|`` becomes ``|``."""
    if _MARKUP_CHARS.isdisjoint(raw):
        return raw.strip()  # most cells: plain text, nothing to remove
    text = _BR.sub("\n", raw)
    text = _TAG.sub("", text)
    text = text.replace("\\|", "|")
    text = _MD_MARKUP.sub("", text)
    return text.strip()


# --------------------------------------------------------------------------- pipe tables


def split_pipe_row(line: str) -> list[tuple[int, str]]:
    """Split one table line into cells; returns (start, text) of each cell's content: its
    character offset and its source text, leading/trailing whitespace excluded (an empty cell
    gives "" at the position just after its opening pipe)."""
    n = len(line)
    i = 0
    while i < n and line[i] in " \t":
        i += 1
    if i < n and line[i] == "|":
        i += 1
    if "\\" not in line and "`" not in line:
        return _split_plain(line)
    bounds: list[tuple[int, int]] = []
    start = i
    in_code = 0  # length of the backtick run that opened a code span
    while i < n:
        m = _PIPE_SPECIAL.search(line, i)  # jump to the next backslash, backtick or pipe
        if m is None:
            break
        i = m.start()
        ch = line[i]
        if ch == "\\":
            i += 2 if i + 1 < n else 1
            continue
        if ch == "`":
            j = i
            while j < n and line[j] == "`":
                j += 1
            run = j - i
            if in_code == 0:
                # only a code span if a closing run of the same length follows
                close = line.find("`" * run, j)
                while close != -1 and close + run < n and line[close + run] == "`":
                    close = line.find("`" * run, close + run + 1)
                if close != -1:
                    in_code = run
            elif run == in_code:
                in_code = 0
            i = j
            continue
        if not in_code:
            bounds.append((start, i))
            start = i + 1
        i += 1
    tail = line[start:]
    if tail.strip():
        bounds.append((start, n))
    return [_trimmed(s, line[s:e]) for s, e in bounds]


def _split_plain(line: str) -> list[tuple[int, str]]:
    """:func:`split_pipe_row` of a line without escapes or code spans: every pipe separates
    cells; text after the last pipe is a cell only if it is not blank (parse_pipe_table does the
    same inline)."""
    i = len(line) - len(line.lstrip(" \t"))
    if line[i:i + 1] == "|":
        i += 1
    pieces = line[i:].split("|")
    last = len(pieces) - 1
    out = []
    for k, piece in enumerate(pieces):
        body = piece.strip()
        if body:
            out.append((i + len(piece) - len(piece.lstrip()), body))
        elif k < last:
            out.append((i, ""))
        i += len(piece) + 1
    return out


def _trimmed(start: int, seg: str) -> tuple[int, str]:
    """``seg`` (at ``start``) without its surrounding whitespace, and where that begins; (start, "")
    when blank."""
    body = seg.strip()
    if not body:
        return start, ""
    return start + len(seg) - len(seg.lstrip()), body


_LINES: dict[str, tuple] = {}  # table line -> its cells (see _line_cells): the same lines recur in every report
_LINES_MAX = 8192  # entries kept (a line of at most _LINE_MAX characters): a long-running server stays bounded
_LINE_MAX = 1000


def _line_cells(text: str) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[int, ...] | None]:
    """The cells of one pipe-table line as (start column, end column, raw, text), 1-based
    columns, and the indexes of those whose text is not blank (None: all of them); memoised per
    line text (header lines and many body lines recur from report to report)."""
    got = _LINES.get(text)
    if got is not None:
        return got
    out = []
    if "\\" in text or "`" in text:
        for s, raw in split_pipe_row(text):
            out.append((s + 1, s + 1 + (len(raw) or 1), raw, clean_cell_text(raw)))
    else:
        # split_pipe_row's simple case (most lines), inline: every pipe separates cells; text
        # after the last pipe is a cell only if it is not blank
        i = len(text) - len(text.lstrip(" \t"))
        if text[i:i + 1] == "|":
            i += 1
        pieces = text[i:].split("|")
        last = len(pieces) - 1
        for k, piece in enumerate(pieces):
            raw = piece.strip()
            if raw:
                # 1-based column: the piece's leading whitespace ends where raw's first character is
                s = i + piece.find(raw[0]) + 1
                # ``raw`` is trimmed: clean_cell_text(raw) is raw when it has no markup
                out.append((s, s + len(raw), raw, raw if _MARKUP_CHARS.isdisjoint(raw) else clean_cell_text(raw)))
            elif k < last:
                out.append((i + 1, i + 2, "", ""))
            i += len(piece) + 1
    filled = tuple([c for c, cell in enumerate(out) if cell[3]])
    got = (tuple(out), filled if len(filled) < len(out) else None)
    if len(text) <= _LINE_MAX:
        if len(_LINES) >= _LINES_MAX:
            _LINES.clear()
        _LINES[text] = got
    return got


def parse_pipe_table(lines: list[str], first_line: int) -> Table:
    """``lines`` are the table's source lines (header, delimiter, body); ``first_line`` is the
    1-based number of the header line."""
    rows: list[Row] = []
    new_span = tuple.__new__  # Span(...) without the Python-level __new__ of a NamedTuple
    new = object.__new__
    for k, text in enumerate(lines):
        if k == 1:
            continue  # delimiter row
        lineno = first_line + k
        header = k == 0
        r = len(rows)
        cells = []
        found, filled = _line_cells(text)
        for c, (s, e, raw, clean) in enumerate(found):
            # Cell(raw, clean, span, header, r, c), without the call of __init__: a report has
            # hundreds of cells
            cell = new(Cell)
            cell.raw = raw
            cell.text = clean
            cell.span = new_span(Span, (lineno, s, lineno, e))
            cell.header = header
            cell.row = r
            cell.col = c
            cell.rowspan = cell.colspan = 1
            cells.append(cell)
        row = Row(cells, lineno, header, r)
        row._filled = cells[:] if filled is None else [cells[c] for c in filled]
        rows.append(row)
    last = first_line + len(lines) - 1
    return Table("pipe", Span(first_line, 1, last, len(lines[-1]) + 1), rows, header_rows=1)


# --------------------------------------------------------------------------- HTML tables


def parse_html_table(source: str, first_line: int, first_col: int = 1) -> Table | None:
    """Parse the first <table> in ``source`` (which starts at ``first_line``/``first_col``); see
    :func:`reportlint.htmltable.parse_html_table`."""
    from .htmltable import parse_html_table as parse

    return parse(source, first_line, first_col)
