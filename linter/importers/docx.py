"""Word (.docx) → blocks, with python-docx for the package, the styles and run properties.

Text is read from the paragraph XML itself, so nothing the reader sees is lost or added: runs
inside hyperlinks, fields, content controls and tracked insertions count, deleted text and field
codes do not; a line break inside a paragraph stays a line break. Tables are rebuilt from the
cell properties: python-docx returns a merged cell again at every grid position it covers and
has no notion of a vertical span, so each ``w:tc`` is read once, its ``w:gridSpan`` giving the
colspan and ``w:vMerge`` (``restart`` / continue) growing the rowspan of the cell above. A merged
number is therefore written once. Images, text boxes, charts, equations, embedded objects and
footnotes are not imported; each is reported.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..gridtable import Grid, GridCell
from .model import ImportFailure, Para, Source, TableBlock
from .numbering import Numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.I)
_TITLE_STYLE = re.compile(r"^(?:title|标题)$", re.I)


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _local(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _ns(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _val(el, default=None):
    if el is None:
        return default
    return el.get(q("val"), default)


def _int(value, default: int = 1) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def _on(el) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``): True, False, or None when absent."""
    if el is None:
        return None
    return _val(el, "true").lower() not in ("0", "false", "off", "none")


def read_docx(path: Path) -> Source:
    try:
        import docx
    except ImportError:
        raise ImportFailure("importing Word files needs python-docx: pip install 'reportlint[import]'") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        raise ImportFailure(f"{path}: not a readable Word (.docx) document ({_reason(exc)})") from None
    return _Reader(document).read()


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    if "Package not found" in text:
        return "not a .docx package"
    if "no item named" in text:
        return "a zip file without the parts of a Word document"
    return text.splitlines()[0][:120]


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.source = Source()
        self.styles = {}
        for style in document.styles:
            try:
                self.styles[style.style_id] = style
            except Exception:  # noqa: BLE001 - a style python-docx cannot read is just skipped
                continue
        self.numbering = Numbering.of(document)
        self.tables = 0
        self.last_text = ""
        self.pending: list[str] = []  # what the paragraph being read holds that is not imported

    # ------------------------------------------------------------------ document order

    def read(self) -> Source:
        self._blocks(self.document.element.body)
        return self.source

    def _blocks(self, parent) -> None:
        for el in parent.iterchildren():
            name = _local(el)
            if _ns(el) != W:
                continue
            if name == "p":
                para = self._para(el)
                if para is not None:
                    self.source.blocks.append(para)
            elif name == "tbl":
                cells = [tc for tr in self._rows(el) for tc in self._cells(tr)]
                if len(cells) == 1:  # a frame around text (some offices box the whole report): its content
                    self._blocks(cells[0])
                    continue
                self.tables += 1
                where = f"table {self.tables}"
                self.source.blocks.append(TableBlock(self._table(el, where), where))
            elif name == "sdt":  # a content control: its content
                inner = el.find(q("sdtContent"))
                if inner is not None:
                    self._blocks(inner)
            elif name in ("customXml", "ins", "moveTo"):
                self._blocks(el)

    # ------------------------------------------------------------------ paragraphs

    def _style(self, style_id: str | None):
        return self.styles.get(style_id) if style_id else None

    def _style_chain(self, style):
        seen = 0
        while style is not None and seen < 10:
            yield style
            style = style.base_style
            seen += 1

    def _para_style(self, p):
        ppr = p.find(q("pPr"))
        sid = _val(ppr.find(q("pStyle"))) if ppr is not None else None
        style = self._style(sid)
        if style is None:
            try:
                style = self.document.styles.default(1)  # WD_STYLE_TYPE.PARAGRAPH
            except Exception:  # noqa: BLE001
                style = None
        return style

    def _heading_level(self, p, style) -> int | None:
        for st in self._style_chain(style):
            name = st.name or ""
            m = _HEADING_STYLE.match(name.strip())
            if m:
                return int(m.group(1))
            if _TITLE_STYLE.match(name.strip()):
                return 0
        lvl = self._para_property(p, style, "outlineLvl")
        if lvl is not None and lvl.isdigit() and int(lvl) < 9:
            return int(lvl) + 1
        return None

    def _para_property(self, p, style, tag: str) -> str | None:
        """A paragraph property's value: set on the paragraph, else by its style or a base style."""
        for el in [p] + [st.element for st in self._style_chain(style)]:
            ppr = el.find(q("pPr"))
            value = _val(ppr.find(q(tag))) if ppr is not None else None
            if value is not None:
                return value
        return None

    def _centered(self, p, style) -> bool:
        return self._para_property(p, style, "jc") == "center"

    def _style_bold(self, style) -> bool | None:
        for st in self._style_chain(style):
            rpr = st.element.find(q("rPr"))
            b = _on(rpr.find(q("b"))) if rpr is not None else None
            if b is not None:
                return b
        return None

    def _run_bold(self, r, para_bold: bool | None) -> bool:
        rpr = r.find(q("rPr"))
        if rpr is not None:
            b = _on(rpr.find(q("b")))
            if b is not None:
                return b
            rs = self._style(_val(rpr.find(q("rStyle"))))
            b = self._style_bold(rs)
            if b is not None:
                return b
        return bool(para_bold)

    def _para(self, p, in_table: str | None = None) -> Para | None:
        style = self._para_style(p)
        para_bold = self._style_bold(style)
        pieces: list[tuple[str, bool]] = []
        self.pending = []
        self._inline(p, pieces, para_bold, in_table)
        text = "".join(t for t, _ in pieces)
        number = self.numbering.label(p, style) if self.numbering else ""
        if number:
            text = number + text
        stripped = text.strip()
        for what in self.pending:
            if in_table:
                where = f"in {in_table}"
            elif stripped:
                where = f"in the paragraph '{_short(stripped)}'"
            else:
                where = f"after '{_short(self.last_text)}'" if self.last_text else "at the start"
            self.source.notes.append(f"{what} {where}: not imported")
        self.pending = []
        if not stripped:
            return None
        self.last_text = stripped
        visible = [(t, b) for t, b in pieces if t.strip()]
        bold = bool(visible) and all(b for _, b in visible)
        return Para(stripped, heading=self._heading_level(p, style), bold=bold, centered=self._centered(p, style))

    def _note(self, what: str, in_table: str | None) -> None:
        self.pending.append(what)  # said once the paragraph's text is known

    def _inline(self, el, out: list, para_bold, in_table) -> None:
        for child in el.iterchildren():
            if _ns(child) != W:
                if _local(child) in ("oMath", "oMathPara"):
                    self._note("an equation", in_table)
                continue
            name = _local(child)
            if name == "r":
                self._run(child, out, para_bold, in_table)
            elif name in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "bdo", "dir",
                          "sdt", "sdtContent"):
                self._inline(child, out, para_bold, in_table)
            # del, moveFrom (tracked deletions), bookmarks, proofing marks, comments: no text

    def _run(self, r, out: list, para_bold, in_table) -> None:
        bold = None
        for child in r.iterchildren():
            name = _local(child)
            ns = _ns(child)
            if ns == W and name == "t":
                if bold is None:
                    bold = self._run_bold(r, para_bold)
                out.append((child.text or "", bold))
            elif ns == W and name == "tab":
                out.append(("\t", True))
            elif ns == W and name in ("br", "cr"):
                if child.get(q("type")) not in ("page", "column"):
                    out.append(("\n", True))
            elif ns == W and name == "noBreakHyphen":
                out.append(("-", True))
            elif ns == W and name == "sym":
                self._note(f"a symbol character (font {child.get(q('font')) or '?'}, code {child.get(q('char')) or '?'})",
                           in_table)
            elif ns == W and name in ("drawing", "pict", "object"):
                self._note(_drawing_kind(child), in_table)
            elif ns == W and name in ("footnoteReference", "endnoteReference"):
                kind = "a footnote" if name == "footnoteReference" else "an endnote"
                self._note(f"{kind} (its text)", in_table)
            elif ns != W and name in ("oMath", "oMathPara"):
                self._note("an equation", in_table)
            elif ns != W and name == "AlternateContent":  # a drawing in its modern and legacy forms
                self._note(_drawing_kind(child), in_table)

    # ------------------------------------------------------------------ tables

    def _rows(self, tbl):
        return _children(tbl, "tr")

    def _cells(self, tr):
        return _children(tr, "tc")

    def _cell_text(self, tc, where: str) -> str:
        lines = []
        for el in tc.iterchildren():
            name = _local(el)
            if name == "p":
                para = self._para(el, in_table=where)
                lines.append(para.text if para else "")
            elif name == "tbl":
                self.source.notes.append(f"a table inside a cell of {where}: its text was put in the cell")
                for tr in self._rows(el):
                    for inner in self._cells(tr):
                        text = self._cell_text(inner, where)
                        if text:
                            lines.append(text)
            elif name in ("sdt", "customXml"):
                inner = el.find(q("sdtContent")) if name == "sdt" else el
                if inner is not None:
                    text = self._cell_text(inner, where)
                    if text:
                        lines.append(text)
        return "\n".join(lines).strip()

    def _table(self, tbl, where: str) -> Grid:
        rows: list[list[GridCell]] = []
        owner: dict[tuple[int, int], GridCell] = {}  # grid slot -> the cell covering it
        origin: dict[int, tuple[int, int]] = {}  # id(cell) -> its top-left slot
        header_rows = 0
        header_run = True
        width = 0
        for r, tr in enumerate(self._rows(tbl)):
            trpr = tr.find(q("trPr"))
            before = _int(_val(trpr.find(q("gridBefore"))), 0) if trpr is not None else 0
            after = _int(_val(trpr.find(q("gridAfter"))), 0) if trpr is not None else 0
            if header_run and trpr is not None and _on(trpr.find(q("tblHeader"))):
                header_rows += 1
            else:
                header_run = False
            row: list[GridCell] = []
            c = 0
            if before:
                cell = GridCell("", colspan=before)
                row.append(cell)
                for k in range(before):
                    owner[(r, k)] = cell
                c = before
            for tc in self._cells(tr):
                tcpr = tc.find(q("tcPr"))
                span = _int(_val(tcpr.find(q("gridSpan")))) if tcpr is not None else 1
                vmerge = tcpr.find(q("vMerge")) if tcpr is not None else None
                hmerge = tcpr.find(q("hMerge")) if tcpr is not None else None
                text = self._cell_text(tc, where)
                while (r, c) in owner:  # slots already covered (never by Word itself; be safe)
                    c += 1
                above = owner.get((r - 1, c))
                if vmerge is not None and _val(vmerge, "continue") != "restart" and above is not None \
                        and origin[id(above)][1] == c and above.colspan == span:
                    above.rowspan += 1
                    for k in range(span):
                        owner[(r, c + k)] = above
                    if text:
                        self.source.notes.append(f"{where}: a vertically merged cell continues with its own text "
                                                 f"'{_short(text)}'; it was added to the merged cell")
                        above.text = (above.text + "\n" + text).strip()
                    c += span
                    continue
                if hmerge is not None and _val(hmerge, "continue") != "restart" and row and \
                        origin[id(row[-1])][1] + row[-1].colspan == c and origin[id(row[-1])][0] == r:
                    prev = row[-1]  # the legacy horizontal merge: this cell widens the one before
                    prev.colspan += span
                    for k in range(span):
                        owner[(r, c + k)] = prev
                    if text:
                        prev.text = (prev.text + "\n" + text).strip()
                    c += span
                    continue
                if vmerge is not None and _val(vmerge, "continue") != "restart":
                    self.source.notes.append(f"{where}: a vertically merged cell has no cell above it to "
                                             "continue; it is written as a cell of its own")
                cell = GridCell(text, colspan=span)
                row.append(cell)
                origin[id(cell)] = (r, c)
                for k in range(span):
                    owner[(r, c + k)] = cell
                c += span
            if after:
                cell = GridCell("", colspan=after)
                row.append(cell)
                origin[id(cell)] = (r, c)
                c += after
            width = max(width, c)
            rows.append(row)
        grid = Grid(width, rows, header_rows=header_rows if header_rows < len(rows) else 0)
        for row in rows:
            for cell in row:
                cell.header = False
        return grid


def _children(parent, name: str):
    """The ``w:<name>`` children of a table or row, also those inside content controls."""
    for el in parent.iterchildren():
        local = _local(el)
        if local == name:
            yield el
        elif local in ("sdt", "customXml"):
            inner = el.find(q("sdtContent")) if local == "sdt" else el
            if inner is not None:
                yield from _children(inner, name)


def _drawing_kind(el) -> str:
    names = {_local(x) for x in el.iter() if isinstance(x.tag, str)}
    if "txbxContent" in names or "textbox" in names:
        box = next((x for x in el.iter(q("txbxContent"))), None)
        text = "".join(t.text or "" for t in box.iter(q("t"))) if box is not None else ""
        return f"a text box ('{_short(text)}')" if text.strip() else "a text box"
    if "chart" in names:
        return "a chart"
    if _local(el) == "object" or "OLEObject" in names:
        return "an embedded object"
    return "an image"


def _short(text: str, n: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"
