"""The document model: one parse per file, shared by every rule.

Everything is computed lazily and at most once: a run whose rules never look at tables never
splits a table. Positions are 1-based lines and columns; a column counts characters (code
points), so a CJK character is one column.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .backref import backref
from .diagnostics import Span
from .frontmatter import FrontMatter, parse_front_matter, split_front_matter
from .records import Record
from .tables import Table, clean_cell_text, parse_html_table, parse_pipe_table

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it.token import Token

    from .profile import Edition

DEFAULT_MAX_BYTES = 1024 * 1024  # see Settings.max_file_size
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)


def strip_comments(text: str) -> str:
    """``text`` without its HTML comments (which are not part of the rendered report). Only the
    part up to the last '-->' is searched: an unclosed '<!--' after it would make the pattern
    scan to the end for each one."""
    if "<!--" not in text:
        return text
    closes = text.rfind("-->") + 3
    return COMMENT.sub("", text[:closes]) + text[closes:] if closes >= 3 else text


class FileProblem(Record):
    """Why a file could not be read as a Markdown document (the FILE rules report it)."""

    # "empty" | "binary" | "encoding" | "too-large" | "unreadable" | "not-regular" (a FIFO, device,
    # socket: never opened) | "outside-repository" (a symbolic link that leaves the repository)
    kind: str
    span: Span
    detail: dict[str, Any]

    def __init__(self, kind: str, span: Span, detail: dict[str, Any] | None = None) -> None:
        self.kind = kind
        self.span = span
        self.detail = {} if detail is None else detail


class Heading(Record, eq=False):
    """A Markdown heading: level, inline source, visible title, and the span of its text."""

    level: int
    raw: str  # the heading's inline source
    title: str  # visible text
    span: Span

    def __init__(self, level: int, raw: str, title: str, span: Span) -> None:
        self.level = level
        self.raw = raw
        self.title = title
        self.span = span

    @property
    def line(self) -> int:
        return self.span.line


class Paragraph(Record, eq=False):
    """A paragraph's inline source, with a map from text offsets to source positions."""

    text: str  # the paragraph's inline source, lines joined with "\n"
    span: Span
    # for each line of ``text``: (source line, 0-based column offset of the line's first character)
    line_starts: list[tuple[int, int]]

    def __init__(self, text: str, span: Span, line_starts: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.span = span
        self.line_starts = [] if line_starts is None else line_starts

    @property
    def line(self) -> int:
        return self.span.line

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of character ``offset`` of :attr:`text`."""
        k = self.text.count("\n", 0, offset)
        line_start = self.text.rfind("\n", 0, offset) + 1
        src_line, col0 = self.line_starts[k] if k < len(self.line_starts) else (self.span.line, 0)
        return src_line, col0 + (offset - line_start) + 1

    def span_of(self, start: int, end: int) -> Span:
        if "\n" not in self.text:  # one line (most paragraphs): :meth:`position` of both ends, inline
            line, col0 = self.line_starts[0] if self.line_starts else (self.span.line, 0)
            return Span(line, col0 + start + 1, line, col0 + max(start, end - 1) + 2)
        l1, c1 = self.position(start)
        l2, c2 = self.position(max(start, end - 1))
        return Span(l1, c1, l2, c2 + 1)


class Block(Record, eq=False):
    """A top-level block in document order."""

    kind: str  # heading, paragraph, table, html, comment (HTML comments only), list, blockquote, code, hr, other
    span: Span
    obj: Any  # Heading, Paragraph or Table when there is one

    def __init__(self, kind: str, span: Span, obj: Any = None) -> None:
        self.kind = kind
        self.span = span
        self.obj = obj


class Section(Record, eq=False):
    """A heading's section: its lines and the blocks inside it."""

    heading: Heading | None  # None for the preamble before the first heading
    level: int
    start_line: int
    end_line: int
    parent: "Section | None" = backref(default=None)  # the document holds every section
    children: list["Section"]
    blocks: list[Block]  # blocks directly or indirectly inside

    def __init__(
            self, heading: Heading | None, level: int, start_line: int, end_line: int,
            parent: "Section | None" = None, children: list["Section"] | None = None,
            blocks: list[Block] | None = None) -> None:
        self.heading = heading
        self.level = level
        self.start_line = start_line
        self.end_line = end_line
        self.parent = parent
        self.children = [] if children is None else children
        self.blocks = [] if blocks is None else blocks

    @property
    def title(self) -> str:
        return self.heading.title if self.heading else ""

    @property
    def span(self) -> Span:
        return self.heading.span if self.heading else Span(self.start_line, 1, self.start_line, 2)

    @property
    def has_content(self) -> bool:
        return any(b.kind not in ("heading", "comment") for b in self.blocks)


class Document:
    """A parsed report. Rules read it; nothing writes to it except the engine, which records the
    profile edition it resolved (``edition`` and ``edition_source``)."""

    def __init__(self, path: str, text: str = "", *, abspath: Path | None = None,
                 problem: FileProblem | None = None, bom: bool = False, newline: str = "\n") -> None:
        self.path = path
        self.abspath = abspath
        self.problem = problem
        self.bom = bom
        self.newline = newline  # "\r\n" when any line ends so, else "\n"
        self.text = text  # line endings normalised to "\n"
        # the text as in the file (after its byte-order mark): line endings as written (CRLF,
        # LF, lone CR, mixed); a fix edits this, so nothing else in the file changes
        self.source = text
        self.extra_boms = 0  # byte-order marks after the first one, left out of ``text``
        self.lines = text.split("\n") if text else []
        # set by the engine after profile resolution
        self.edition: Edition | None = None
        self.edition_source: str = ""
        self.profile_error: dict | None = None  # {"id": …, "known": […]} when unknown
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute):
        """Cache an analysis shared by several rules (e.g. which heading is which section):
        ``doc.memo("sections", lambda: ...)`` computes it once per document."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    # ------------------------------------------------------------------ front matter

    @cached_property
    def front_matter(self) -> FrontMatter | None:
        return parse_front_matter(self.lines)

    @cached_property
    def body_start_line(self) -> int:
        found = split_front_matter(self.lines)
        if found is None:
            return 1
        # an unclosed block (FM002) swallows nothing: the body starts right after the '---'
        return found[1] + 1 if found[2] else 2

    # ------------------------------------------------------------------ markdown

    @cached_property
    def _body_source(self) -> str:
        """The text handed to markdown-it: front matter lines blanked, so line numbers match."""
        skip = self.body_start_line - 1
        if skip <= 0:
            return self.text
        return "\n" * skip + "\n".join(self.lines[skip:])

    @cached_property
    def block_tokens(self) -> list[Token]:
        """Block-level tokens (inline children not parsed: cheap)."""
        from ._md import block_parser

        return block_parser().parse(self._body_source)

    @cached_property
    def tokens(self) -> list[Token]:
        """Full markdown-it-py tokens, inline children included (links, images, code spans)."""
        from ._md import full_parser

        return full_parser().parse(self._body_source)

    @cached_property
    def blocks(self) -> list[Block]:
        out: list[Block] = []
        toks = self.block_tokens
        heading_iter = iter(self.headings)
        para_by_line = {p.span.line: p for p in self.paragraphs}
        tables_by_line = {t.span.line: t for t in self.tables}
        html_tables = [t for t in self.tables if t.kind == "html"]  # in document order
        html_lines = [t.span.line for t in html_tables]
        kinds = {"bullet_list_open": "list", "ordered_list_open": "list", "blockquote_open": "blockquote",
                 "fence": "code", "code_block": "code", "hr": "hr", "html_block": "html"}
        for i, tok in enumerate(toks):
            if tok.level != 0 or tok.map is None or tok.nesting == -1:
                continue
            span = self._map_span(tok.map)
            if tok.type == "heading_open":
                out.append(Block("heading", span, next(heading_iter)))
            elif tok.type == "paragraph_open":
                out.append(Block("paragraph", span, para_by_line.get(span.line)))
            elif tok.type == "table_open":
                out.append(Block("table", span, tables_by_line.get(span.line)))
            elif tok.type == "html_block" and _TABLE_OPEN.search(tok.content):
                k = bisect_left(html_lines, span.line)  # the first HTML table starting in the block
                table = html_tables[k] if k < len(html_tables) and html_lines[k] <= span.end_line else None
                out.append(Block("table" if table else "html", span, table))
            elif tok.type == "html_block" and not strip_comments(tok.content).strip():
                out.append(Block("comment", span))  # renders as nothing
            else:
                out.append(Block(kinds.get(tok.type, "other"), span))
        # an HTML table with blank lines inside spans several html blocks: merge them
        merged: list[Block] = []
        for b in out:
            if merged and merged[-1].kind == "table" and merged[-1].obj is not None \
                    and b.span.line <= merged[-1].obj.span.end_line:
                continue
            merged.append(b)
        return merged

    def _map_span(self, m: list[int]) -> Span:
        start, end = m[0] + 1, max(m[0] + 1, m[1])
        last = self.lines[end - 1] if 0 < end <= len(self.lines) else ""
        return Span(start, 1, end, len(last) + 1)

    @cached_property
    def headings(self) -> list[Heading]:
        out = []
        toks = self.block_tokens
        for i, tok in enumerate(toks):
            if tok.type != "heading_open" or tok.map is None:
                continue
            inline = toks[i + 1]
            raw = inline.content
            line = tok.map[0] + 1
            src = self.lines[line - 1] if line <= len(self.lines) else ""
            first_line_raw = raw.split("\n", 1)[0]
            col0 = src.find(first_line_raw) if first_line_raw else len(src)
            if col0 < 0:
                col0 = 0
            end_col = col0 + len(first_line_raw) + 1
            out.append(Heading(int(tok.tag[1:]), raw, clean_cell_text(raw).replace("\n", " "),
                               Span(line, col0 + 1, line, max(end_col, col0 + 2))))
        return out

    @cached_property
    def h1s(self) -> list[Heading]:
        return [h for h in self.headings if h.level == 1]

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        out = []
        toks = self.block_tokens
        for i, tok in enumerate(toks):
            if tok.type != "paragraph_open" or tok.map is None:
                continue
            content = toks[i + 1].content
            first = tok.map[0] + 1
            starts = []
            for k, piece in enumerate(content.split("\n")):
                src_line = first + k
                src = self.lines[src_line - 1] if src_line <= len(self.lines) else ""
                off = src.find(piece) if piece else 0
                if off < 0:
                    off = len(src) - len(src.lstrip())
                starts.append((src_line, off))
            last_line, last_off = starts[-1]
            last_len = len(content.split("\n")[-1])
            out.append(Paragraph(content, Span(first, starts[0][1] + 1, last_line, last_off + last_len + 1), starts))
        return out

    @cached_property
    def tables(self) -> list[Table]:
        tables: list[Table] = []
        toks = self.block_tokens
        consumed_until = 0
        for tok in toks:
            if tok.map is None:
                continue
            if tok.type == "table_open":
                s, e = tok.map
                # markdown-it's table map may include a trailing blank line; trim it
                while e > s + 2 and not self.lines[e - 1].strip():
                    e -= 1
                tables.append(parse_pipe_table(self.lines[s:e], s + 1))
            elif tok.type == "html_block" and _TABLE_OPEN.search(tok.content):
                start = tok.map[0]
                if start < consumed_until:
                    continue
                tables.extend(self._html_tables(start))
                if tables:
                    consumed_until = tables[-1].span.end_line
        for i, t in enumerate(tables):
            t.index = i
        return tables

    def _html_tables(self, start: int) -> list[Table]:
        """Parse every <table> beginning in the html block at 0-based line ``start``; a table
        may run on past blank lines until its ``</table>``."""
        out = []
        line = start
        n = len(self.lines)
        while line < n:
            src_line = self.lines[line]
            m = _TABLE_OPEN.search(src_line)
            if not m:
                break
            depth = 0
            end = line
            for j in range(line, n):
                text = self.lines[j] if j != line else self.lines[j][m.start():]
                depth += len(_TABLE_OPEN.findall(text)) - len(_TABLE_CLOSE.findall(text))
                end = j
                if depth <= 0:
                    break
            source = "\n".join([self.lines[line][m.start():]] + self.lines[line + 1:end + 1])
            table = parse_html_table(source, line + 1, m.start() + 1)
            if table is None:
                break
            out.append(table)
            line = end + 1
            while line < n and not self.lines[line].strip():
                line += 1
            if line < n and not _TABLE_OPEN.match(self.lines[line].lstrip()):
                break
        return out

    # ------------------------------------------------------------------ sections

    @cached_property
    def sections(self) -> list[Section]:
        """Every heading's section, in document order (a flat list; see ``parent``/``children``).

        Built in one pass over the headings and one over the blocks: a block belongs to the
        innermost section that starts before it and to that section's ancestors (at most six
        levels), so the work is linear in the number of headings and blocks."""
        last = len(self.lines)
        secs: list[Section] = []
        stack: list[Section] = []
        for h in self.headings:
            sec = Section(h, h.level, h.line, last)
            while stack and stack[-1].level >= h.level:
                closed = stack.pop()
                closed.end_line = h.line - 1
            if stack:
                sec.parent = stack[-1]
                stack[-1].children.append(sec)
            stack.append(sec)
            secs.append(sec)
        starts = [s.start_line for s in secs]
        for b in self.blocks:
            line = b.span.line
            # the last section starting strictly before the block, then out to one that holds it
            sec = secs[bisect_left(starts, line) - 1] if starts and starts[0] < line else None
            while sec is not None and sec.end_line < line:
                sec = sec.parent
            while sec is not None:
                sec.blocks.append(b)
                sec = sec.parent
        return secs

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start_line for s in self.sections]

    def section_at(self, line: int) -> Section | None:
        """The innermost section holding ``line`` (a heading's line is in its own section)."""
        i = bisect_right(self._section_starts, line) - 1
        sec = self.sections[i] if i >= 0 else None
        while sec is not None and sec.end_line < line:
            sec = sec.parent
        return sec

    def source_between(self, start_line: int, end_line: int) -> str:
        return "\n".join(self.lines[start_line - 1:end_line])

    def line_span(self, line: int) -> Span:
        """The whole of one line (for findings about a line as a whole)."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        stripped = len(text) - len(text.lstrip())
        return Span(line, stripped + 1, line, max(len(text) + 1, stripped + 2))


# --------------------------------------------------------------------------- loading


def _looks_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= 2 and cjk >= len(text) * 0.05


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # tested before UTF-16's: FF FE starts both
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOM = "\ufeff"


def decode(path: str, data: bytes, *, abspath: Path | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Build a :class:`Document` from raw bytes; problems become ``doc.problem``."""
    first = Span(1, 1, 1, 2)
    if len(data) > max_bytes:
        return Document(path, abspath=abspath, problem=FileProblem(
            "too-large", first, {"size": len(data), "limit": max_bytes}))
    if not data.strip():
        return Document(path, abspath=abspath, problem=FileProblem("empty", first))
    if data.startswith(_UTF32_BOMS):
        return Document(path, abspath=abspath, problem=FileProblem("encoding", first, {"encoding": "UTF-32"}))
    if data.startswith(_UTF16_BOMS):
        return Document(path, abspath=abspath, problem=FileProblem("encoding", first, {"encoding": "UTF-16"}))
    if b"\x00" in data:  # anywhere: a PDF or Word file may start with kilobytes of text
        return Document(path, abspath=abspath, problem=FileProblem("binary", first))
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        col = len(before[line_start:].decode("utf-8", "replace")) + 1
        guess = "GB18030" if _looks_gb18030(body) else None
        return Document(path, abspath=abspath, problem=FileProblem(
            "encoding", Span(line, col, line, col + 1), {"encoding": guess, "byte": body[exc.start]}))
    source = text
    # a doubled byte-order mark (a file saved with a BOM by two tools in turn): the model reads
    # the text after all of them, ``extra_boms`` says how many (FILE006 reports them) and
    # ``source`` keeps them, so that a fix writes them back untouched
    extra = 0
    if bom and text.startswith(_BOM):
        extra = len(text) - len(text.lstrip(_BOM))
        text = text[extra:]
    newline = "\r\n" if "\r\n" in text else "\n"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = Document(path, text, abspath=abspath, bom=bom, newline=newline)
    doc.source, doc.extra_boms = source, extra
    return doc


def load(path: Path, display: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a report from disk: only a regular file, and never more than ``max_bytes`` (see
    :mod:`reportlint.safefile`); what cannot be read becomes ``doc.problem``."""
    from .safefile import FileTooLarge, NotRegularFile, read_limited

    display = display or str(path)
    first = Span(1, 1, 1, 2)
    try:
        data = read_limited(path, max_bytes)
    except NotRegularFile as exc:
        return Document(display, abspath=path, problem=FileProblem("not-regular", first, {"kind": exc.kind}))
    except FileTooLarge as exc:
        return Document(display, abspath=path, problem=FileProblem(
            "too-large", first, {"size": exc.size, "limit": max_bytes, "exact": exc.exact}))
    except OSError as exc:
        return Document(display, abspath=path, problem=FileProblem(
            "unreadable", first, {"error": exc.strerror or str(exc)}))
    return decode(display, data, abspath=path, max_bytes=max_bytes)


decode_document = decode  # the public name (reportlint.api): a document from bytes, e.g. an old version from git
