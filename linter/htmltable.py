"""HTML ``<table>`` blocks (as pandoc writes them for merged cells) read into a :class:`Table`.

Parsed with the standard library's HTMLParser; ``rowspan``/``colspan`` are expanded so that every
grid slot a merged cell covers refers to the same :class:`Cell`, whose ``row``/``col`` is its
top-left slot. Kept apart from :mod:`reportlint.tables` so that a run over pipe tables never loads
``html.parser``.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .diagnostics import Span
from .tables import Cell, Row, Table

class _TableHTML(HTMLParser):
    """Collects the first top-level <table> of an HTML fragment (nested tables are flattened
    into their cell's text)."""

    def __init__(self, line_offset: int, col_offset_first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.line_offset = line_offset
        self.col0 = col_offset_first_line
        self.depth = 0
        self.rows: list[dict] = []  # {"cells": [...], "line": n, "thead": bool}
        self.cur_row: dict | None = None
        self.cur_cell: dict | None = None
        self.in_thead = False
        self.done = False
        self.start: tuple[int, int] | None = None
        self.end: tuple[int, int] | None = None

    def _pos(self) -> tuple[int, int]:
        line, off = self.getpos()
        col = off + 1 + (self.col0 if line == 1 else 0)
        return line + self.line_offset, col

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.start = self._pos()
            return
        if self.depth != 1:
            return
        if tag == "thead":
            self.in_thead = True
        elif tag == "tr":
            self._close_row()
            self.cur_row = {"cells": [], "line": self._pos()[0], "thead": self.in_thead}
        elif tag in ("td", "th"):
            if self.cur_row is None:
                self.cur_row = {"cells": [], "line": self._pos()[0], "thead": self.in_thead}
            self._close_cell()
            a = dict(attrs)
            self.cur_cell = {
                "tag": tag,
                "pos": self._pos(),
                "rowspan": _span_attr(a.get("rowspan")),
                "colspan": _span_attr(a.get("colspan")),
                "parts": [],  # (text, (line, col))
            }
        elif tag == "br" and self.cur_cell is not None:
            self.cur_cell["parts"].append(("\n", self._pos()))

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and self.cur_cell is not None and self.depth == 1:
            self.cur_cell["parts"].append(("\n", self._pos()))
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._close_row()
                self.end = self._pos()
                self.done = True
            return
        if self.depth != 1:
            return
        if tag in ("td", "th"):
            self._close_cell()
        elif tag == "tr":
            self._close_row()
        elif tag == "thead":
            self.in_thead = False

    def handle_data(self, data):
        if self.cur_cell is not None and self.depth >= 1 and not self.done:
            self.cur_cell["parts"].append((data, self._pos()))

    def _close_cell(self):
        if self.cur_cell is not None and self.cur_row is not None:
            self.cur_row["cells"].append(self.cur_cell)
        self.cur_cell = None

    def _close_row(self):
        self._close_cell()
        if self.cur_row is not None:
            self.rows.append(self.cur_row)
        self.cur_row = None


def _span_attr(value: str | None) -> int:
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return max(1, min(n, 1000))


def _cell_from_parts(c: dict) -> Cell:
    text_parts = []
    first = last = None
    for data, (line, col) in c["parts"]:
        text_parts.append(data)
        # locate first/last non-whitespace characters of this chunk
        cur_line, cur_col = line, col
        for ch in data:
            if not ch.isspace():
                if first is None:
                    first = (cur_line, cur_col)
                last = (cur_line, cur_col + 1)
            if ch == "\n":
                cur_line += 1
                cur_col = 1
            else:
                cur_col += 1
    raw = "".join(text_parts)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", raw).strip()
    if first is None:
        line, col = c["pos"]
        span = Span(line, col, line, col + 1)
    else:
        span = Span(first[0], first[1], last[0], last[1])
    return Cell(raw.strip(), text, span, header=(c["tag"] == "th"), rowspan=c["rowspan"],
                colspan=c["colspan"])


def parse_html_table(source: str, first_line: int, first_col: int = 1) -> Table | None:
    """Parse the first <table> in ``source`` (which starts at ``first_line``/``first_col``)."""
    p = _TableHTML(first_line - 1, first_col - 1)
    try:
        p.feed(source)
        p.close()
    except Exception:  # HTMLParser is lenient; never let odd markup take the run down
        return None
    if p.start is None:
        return None
    grid: list[list[Cell | None]] = []
    row_lines: list[int] = []
    row_header: list[bool] = []
    # the grid may not grow beyond what the source could mean: spans are cut at the last row
    # (rows past it are dropped anyway), and a table whose spans would fill more slots than
    # its source has characters (rowspan=65534 colspan=1000 on every row) is not read; a real
    # table spends about ten characters on a slot
    budget = 200_000 + len(source)
    slots = 0
    nrows = len(p.rows)
    for r, row in enumerate(p.rows):
        while len(grid) <= r:
            grid.append([])
            row_lines.append(row["line"])
            row_header.append(False)
        row_lines[r] = row["line"]
        c = 0
        cells = [_cell_from_parts(x) for x in row["cells"]]
        all_th = bool(cells) and all(x.header for x in cells)
        row_header[r] = row["thead"] or all_th
        for cell in cells:
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            cell.row, cell.col = r, c
            cell.rowspan = min(cell.rowspan, nrows - r)
            slots += cell.rowspan * cell.colspan
            if slots > budget:
                return None
            for dr in range(cell.rowspan):
                rr = r + dr
                while len(grid) <= rr:
                    grid.append([])
                    row_lines.append(row["line"])
                    row_header.append(False)
                for dc in range(cell.colspan):
                    cc = c + dc
                    while len(grid[rr]) <= cc:
                        grid[rr].append(None)
                    grid[rr][cc] = cell
            c += cell.colspan
    # rows that only exist because of a rowspan past the last <tr> are dropped
    grid = grid[: max(len(p.rows), 0)]
    width = max((len(g) for g in grid), default=0)
    if len(grid) * width > budget:  # ragged rows would be padded to an absurd width
        return None
    rows = []
    for r, g in enumerate(grid):
        cells = []
        for c in range(width):
            cell = g[c] if c < len(g) else None
            if cell is None:  # a ragged row: an implicit empty cell
                line = row_lines[r]
                cell = Cell("", "", Span(line, 1, line, 2), row=r, col=c)
            cells.append(cell)
        rows.append(Row(cells, row_lines[r], header=row_header[r], index=r))
    header_rows = 0
    for row in rows:
        if row.header:
            header_rows += 1
        else:
            break
    end_line, end_col = p.end if p.end else (first_line + source.count("\n"), 1)
    return Table("html", Span(p.start[0], p.start[1], end_line, end_col + len("</table>")), rows,
                 header_rows=header_rows)
