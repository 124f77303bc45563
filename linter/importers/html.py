"""A report page saved from a government website (.html) → blocks.

The page is parsed into a small tree with the standard library's HTMLParser. The article body is
found by weight: starting at ``<body>``, the walk goes down into the child that holds most of the
text outside links (navigation, header, footer, breadcrumb, share bars and the page's metadata
table are dropped first), and stops where the text spreads over several children. Tables keep
their ``rowspan``/``colspan``; ``&nbsp;`` is a space, so a cell holding only ``&nbsp;`` is blank;
Word's exported markup (``<o:p>``, conditional comments, ``mso-`` styles) is dropped. The title
and the publication date are read from the whole page (``<meta name="ArticleTitle">``, ``<h1>``,
``<title>``; ``<meta name="PubDate">`` or a ``发布日期`` / ``发布时间`` field).
"""
from __future__ import annotations

import codecs
import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

from ..gridtable import Grid, GridCell
from .model import ImportFailure, Para, Source, TableBlock

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr", "basefont", "frame", "keygen"}
DROP = {"script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form",
        "button", "select", "option", "textarea", "svg", "object", "embed", "head", "o:p", "xml", "map",
        "dialog", "canvas", "video", "audio", "frameset"}
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section", "article",
         "main", "center", "pre", "dl", "dt", "dd", "address", "figure", "figcaption", "caption", "body",
         "html", "hr", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "fieldset", "legend"}
CONTAINERS = {"body", "html", "div", "section", "article", "main", "center", "span", "font", "td", "tr",
              "tbody", "thead", "tfoot", "table", "blockquote", "form"}
CHROME_TOKENS = {"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "bread",
                 "footer", "foot", "header", "sidebar", "share", "copyright", "location", "position", "toolbar",
                 "banner", "topbar", "search", "dqwz", "wzdh", "sidenav", "subnav"}
BREADCRUMB = re.compile(r"^\s*(当前位置|您的位置|您现在的位置|所在位置|当前的位置)\s*[:：]")
META_KEYS = ("索引号", "发布机构", "发文机关", "发布日期", "成文日期", "发文字号", "主题分类", "公开方式", "有效性",
             "信息来源", "文号", "生成日期", "发布时间", "公开范围", "信息分类", "组配分类", "体裁分类", "公开时限",
             "所属机构", "公开日期", "来源", "浏览次数", "访问量")
PUBLISHED = re.compile(r"(?:发布日期|发布时间|公开日期|发布于|发表时间)\s*[:：]?\s*"
                       r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
PUB_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date.issued",
            "publish_time", "published_time", "og:release_date")
TITLE_META = ("articletitle", "og:title", "title", "dc.title")
_SPACE = re.compile(r"[ \t\n\r\f\v\xa0]+")
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.I)
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: "Node | None") -> None:
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str):
        return [n for n in self.iter() if n.tag == tag]


class _Builder(HTMLParser):
    """A forgiving tree builder: unclosed ``<p>``, ``<td>``, ``<tr>``, ``<li>`` close themselves the
    way browsers close them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack = [self.root]

    def _close_until(self, tags: set[str], stop: set[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            tag = self.stack[i].tag
            if tag in stop:
                return
            if tag in tags:
                del self.stack[i:]
                return

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag == "p":
            self._close_until({"p"}, {"td", "th", "div", "table", "li", "body", "blockquote"})
        elif tag in ("td", "th"):
            self._close_until({"td", "th"}, {"tr", "table"})
        elif tag == "tr":
            self._close_until({"tr"}, {"table"})
        elif tag in ("tbody", "thead", "tfoot"):
            self._close_until({"tbody", "thead", "tfoot", "tr"}, {"table"})
        elif tag == "li":
            self._close_until({"li"}, {"ul", "ol"})
        node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        node = Node(tag, {k.lower(): (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        tag = tag.lower()
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if tag in ("td", "th", "tr") and self.stack[i].tag == "table":
                return  # a stray end tag of a cell outside the current table: ignore it

    def handle_data(self, data):
        if data:
            self.stack[-1].children.append(data)


# --------------------------------------------------------------------------- decoding


def decode_html(data: bytes, path: Path) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    head = data[:4096].decode("ascii", errors="replace")
    m = re.search(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.I)
    tried = []
    for enc in ([m.group(1)] if m else []) + ["utf-8", "gb18030"]:
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(enc.lower(), enc)
        if enc in tried:
            continue
        tried.append(enc)
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    raise ImportFailure(f"{path}: cannot decode the page (tried {', '.join(tried)})")


def read_html(path: Path) -> Source:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if b"\0" in data[:1024] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFailure(f"{path}: not an HTML page (binary data)")
    text = decode_html(data, path)
    builder = _Builder()
    try:
        builder.feed(text)
        builder.close()
    except Exception as exc:  # noqa: BLE001 - HTMLParser is lenient; anything left is unreadable input
        raise ImportFailure(f"{path}: cannot parse the page ({exc})") from None
    return _Page(builder.root).read()


# --------------------------------------------------------------------------- the page


def _classes(node: Node) -> set[str]:
    raw = (node.attrs.get("class", "") + " " + node.attrs.get("id", "")).lower()
    return {t for t in re.split(r"[\s_\-]+", raw) if t}


def _text_of(node: Node, sep: str = "") -> str:
    out = []
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        elif c.tag in ("script", "style", "o:p", "head"):
            continue
        else:
            inner = _text_of(c, sep)
            out.append(sep + inner + sep if c.tag in BLOCK else inner)
    return "".join(out)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _date(y: str, m: str, d: str) -> str | None:
    try:
        return datetime.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _is_meta_table(table: Node) -> bool:
    text = _text_of(table, "\n")
    return sum(1 for k in META_KEYS if k in text) >= 2 and len(_clean(text)) < 600


class _Page:
    def __init__(self, root: Node) -> None:
        self.root = root
        self.source = Source()
        self.tables = 0
        self.last_text = ""

    def read(self) -> Source:
        self.source.published = self._published()
        self.source.titles = self._titles()
        body = next((n for n in self.root.iter() if n.tag == "body"), self.root)
        self._drop_chrome(body)
        weight: dict[int, int] = {}
        self._weigh(body, weight)
        main = self._main(body, weight)
        self._blocks(main)
        return self.source

    # ------------------------------------------------------------------ metadata

    def _metas(self):
        for n in self.root.iter():
            if n.tag == "meta":
                key = (n.attrs.get("name") or n.attrs.get("property") or n.attrs.get("itemprop") or "").lower()
                if key:
                    yield key, n.attrs.get("content", "")

    def _published(self) -> str | None:
        for key, value in self._metas():
            if key in PUB_META:
                m = re.search(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})", value)
                if m and _date(*m.groups()):
                    return _date(*m.groups())
        body = next((n for n in self.root.iter() if n.tag == "body"), self.root)
        m = PUBLISHED.search(_text_of(body, "\n"))
        return _date(*m.groups()) if m else None

    def _titles(self) -> list[str]:
        found = []
        for key, value in self._metas():
            if key in TITLE_META and _clean(value):
                found.append(_clean(value))
        for n in self.root.iter():
            if n.tag == "h1" or (n.tag in ("div", "p", "span", "td") and "title" in _classes(n)
                                 and len(_clean(_text_of(n))) <= 80):
                text = _clean(_text_of(n))
                if text:
                    found.append(text)
        for n in self.root.iter():
            if n.tag == "title":
                text = _clean(_text_of(n))
                if text:
                    found.append(re.split(r"\s*[_|｜—–-]{1,2}\s*", text)[0] if len(text) > 12 else text)
                    found.append(text)
        return found

    # ------------------------------------------------------------------ the article body

    def _drop_chrome(self, node: Node) -> None:
        keep = []
        for c in node.children:
            if isinstance(c, Node):
                if c.tag in DROP or "hidden" in c.attrs or _HIDDEN.search(c.attrs.get("style", "")):
                    continue
                if c.tag not in ("td", "th", "tr", "table", "tbody") and (_classes(c) & CHROME_TOKENS):
                    continue
                if c.tag != "body" and BREADCRUMB.match(_text_of(c)) and len(_clean(_text_of(c))) < 200:
                    continue
                if c.tag == "table" and _is_meta_table(c):
                    continue
                self._drop_chrome(c)
            keep.append(c)
        node.children = keep

    def _weigh(self, node: Node, weight: dict[int, int], in_link: bool = False) -> int:
        total = 0
        for c in node.children:
            if isinstance(c, str):
                if not in_link:
                    total += len(_SPACE.sub("", c))
            else:
                total += self._weigh(c, weight, in_link or c.tag == "a")
        weight[id(node)] = total
        return total

    def _layout_table(self, table: Node) -> bool:
        """A table used for the page layout (it holds other tables or long text), not a data table."""
        for n in table.iter():
            if n is not table and n.tag == "table":
                return True
            if n.tag in ("td", "th") and len(_SPACE.sub("", _text_of(n))) > 400:
                return True
        return False

    def _main(self, node: Node, weight: dict[int, int]) -> Node:
        while True:
            total = weight.get(id(node), 0)
            kids = [c for c in node.children if isinstance(c, Node)]
            if not kids or total == 0:
                return node
            best = max(kids, key=lambda c: weight.get(id(c), 0))
            if weight.get(id(best), 0) < 0.6 * total or best.tag not in CONTAINERS:
                return node
            if best.tag in ("table", "tbody", "thead", "tfoot", "tr", "td"):
                table = best
                while table is not None and table.tag != "table":
                    table = table.parent
                if table is None or not self._layout_table(table):
                    return node
            node = best

    # ------------------------------------------------------------------ blocks

    def _blocks(self, node: Node) -> None:
        self.pieces: list[tuple[str, bool]] = []
        self.para_attrs: dict = {}
        self._walk(node, bold=False, centered=False, heading=None)
        self._flush()

    def _flush(self) -> None:
        pieces = self.pieces
        self.pieces = []
        text = "".join(t for t, _ in pieces)
        text = "\n".join(_clean(line) for line in text.split("\n"))
        text = re.sub(r"\n{2,}", "\n", text).strip()
        if not text:
            return
        visible = [b for t, b in pieces if t.strip()]
        attrs = self.para_attrs
        self.source.blocks.append(Para(text, heading=attrs.get("heading"), bold=bool(visible) and all(visible),
                                       centered=attrs.get("centered", False)))
        self.last_text = text

    def _note(self, what: str) -> None:
        current = _clean("".join(t for t, _ in self.pieces))
        if current:
            where = f"in the paragraph '{_short(current)}'"
        else:
            where = f"after '{_short(self.last_text)}'" if self.last_text else "at the start"
        self.source.notes.append(f"{what} {where}: not imported")

    def _walk(self, node: Node, bold: bool, centered: bool, heading: int | None) -> None:
        for c in node.children:
            if isinstance(c, str):
                if not self.pieces:
                    self.para_attrs = {"heading": heading, "centered": centered}
                self.pieces.append((c, bold))
                continue
            tag = c.tag
            if tag in DROP or tag.startswith(("o:", "v:", "w:")):
                continue
            if tag == "br":
                self.pieces.append(("\n", True))
                continue
            if tag == "img":
                alt = c.attrs.get("alt", "").strip()
                self._note(f"an image{f' ({alt})' if alt else ''}")
                continue
            style = c.attrs.get("style", "")
            b = bold or tag in ("b", "strong") or bool(_BOLD_STYLE.search(style))
            cen = centered or tag == "center" or c.attrs.get("align", "").lower() == "center" \
                or bool(_CENTER_STYLE.search(style))
            if tag == "table" and not self._layout_table(c):
                self._flush()
                self.tables += 1
                where = f"table {self.tables}"
                grid = self._table(c, where)
                if grid.width:
                    self.source.blocks.append(TableBlock(grid, where))
                continue
            if tag in BLOCK:
                self._flush()
                h = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else heading
                self._walk(c, b, cen, h)
                self._flush()
            else:
                self._walk(c, b, cen, heading)

    # ------------------------------------------------------------------ tables

    def _rows(self, table: Node):
        for c in table.children:
            if isinstance(c, Node):
                if c.tag == "tr":
                    yield c, False
                elif c.tag in ("thead", "tbody", "tfoot"):
                    for r in c.children:
                        if isinstance(r, Node) and r.tag == "tr":
                            yield r, c.tag == "thead"

    def _cell_text(self, cell: Node) -> str:
        saved = (self.pieces, self.para_attrs, self.source.blocks, self.last_text)
        self.pieces, self.para_attrs, self.source.blocks = [], {}, []
        self._walk(cell, bold=False, centered=False, heading=None)
        self._flush()
        blocks = self.source.blocks
        self.pieces, self.para_attrs, self.source.blocks, self.last_text = saved
        lines = []
        for b in blocks:
            if isinstance(b, Para):
                lines.append(b.text)
            else:  # a table inside a cell
                self.source.notes.append("a table inside a table cell: its text was put in the cell")
                lines += [cell.text for row in b.grid.rows for cell in row if cell.text]
        return "\n".join(lines).strip()

    def _table(self, table: Node, where: str) -> Grid:
        rows_in = list(self._rows(table))
        n = len(rows_in)
        rows: list[list[GridCell]] = []
        covered: set[tuple[int, int]] = set()
        width = 0
        header_rows = 0
        header_run = True
        for r, (tr, in_thead) in enumerate(rows_in):
            row: list[GridCell] = []
            c = 0
            cells = [x for x in tr.children if isinstance(x, Node) and x.tag in ("td", "th")]
            if header_run and cells and (in_thead or all(x.tag == "th" for x in cells)):
                header_rows += 1
            else:
                header_run = False
            for cell in cells:
                while (r, c) in covered:
                    c += 1
                rowspan = min(_span(cell.attrs.get("rowspan")), n - r)
                colspan = _span(cell.attrs.get("colspan"))
                row.append(GridCell(self._cell_text(cell), rowspan, colspan, header=cell.tag == "th"))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        covered.add((r + dr, c + dc))
                c += colspan
            while (r, c) in covered:
                c += 1
            width = max(width, c)
            rows.append(row)
        return Grid(width, rows, header_rows=header_rows if header_rows < len(rows) else 0)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000)) if value else 1
    except ValueError:
        return 1


def _short(text: str, n: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"
