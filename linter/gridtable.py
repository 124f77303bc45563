"""Tables as grids of cells with spans, written as Markdown: a pipe table (a merged cell's text
once, at its top-left slot, the slots it covers blank, as real reports write them) or the pandoc
HTML table shape with ``rowspan``/``colspan``. ``reportlint new`` and ``reportlint import`` write
their tables with it; the recogniser (``tables.py``/``tablerecognition.py``) reads both shapes back.
"""
from __future__ import annotations

import html

from .records import Record


class GridCell(Record):
    text: str
    rowspan: int
    colspan: int
    header: bool

    def __init__(self, text: str, rowspan: int = 1, colspan: int = 1, header: bool = False) -> None:
        self.text = text
        self.rowspan = rowspan
        self.colspan = colspan
        self.header = header


class Grid(Record):
    """A table as rows of cells with spans (the HTML model); ``width`` grid columns."""

    width: int
    rows: list[list[GridCell]]
    header_rows: int  # leading rows that form the header (``<thead>``)

    def __init__(self, width: int, rows: list[list[GridCell]] | None = None, header_rows: int = 0) -> None:
        self.width = width
        self.rows = [] if rows is None else rows
        self.header_rows = header_rows

    def slots(self) -> list[list[GridCell | None]]:
        """Every grid slot: the cell at its top-left slot, None in the slots a span covers."""
        out: list[list[GridCell | None]] = []
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            while len(out) <= r:
                out.append([None] * self.width)
            c = 0
            for cell in row:
                while (r, c) in covered:
                    c += 1
                if c >= self.width:
                    break
                out[r][c] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if dr or dc:
                            covered.add((r + dr, c + dc))
                c += cell.colspan
        return out

    @property
    def merged(self) -> bool:
        return any(c.rowspan > 1 or c.colspan > 1 for row in self.rows for c in row)


# --------------------------------------------------------------------------- rendering


def pipe_escape(text: str) -> str:
    """A cell's text for a pipe table: ``|`` escaped, line breaks as ``<br>``."""
    return text.replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>")


def render_pipe(grid: Grid) -> str:
    """A pipe table: a merged cell's text at its top-left slot, the slots it covers blank."""
    lines = []
    for r, row in enumerate(grid.slots()):
        cells = [pipe_escape(c.text) if c is not None else "" for c in row]
        lines.append("| " + " | ".join(cells) + " |")
        if r == 0:
            lines.append("|" + "---|" * grid.width)
    return "\n".join(lines) + "\n"


def render_html(grid: Grid) -> str:
    """The pandoc HTML table shape: one ``<tr>`` per line, spans as attributes."""
    out = ["<table>"]

    def row_html(row: list[GridCell], tag: str) -> list[str]:
        lines = ["<tr>"]
        for cell in row:
            attrs = ""
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            text = html.escape(cell.text, quote=False).replace("\n", "<br />")
            lines.append(f"<{tag}{attrs}>{text}</{tag}>")
        lines.append("</tr>")
        return lines

    if grid.header_rows:
        out.append("<thead>")
        for row in grid.rows[: grid.header_rows]:
            out += row_html(row, "th")
        out.append("</thead>")
    out.append("<tbody>")
    for row in grid.rows[grid.header_rows:]:
        out += row_html(row, "td")
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"
