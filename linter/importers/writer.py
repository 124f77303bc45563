"""Blocks → a Markdown report with front matter.

Nothing is corrected, summed or filled in: paragraphs keep every character (Markdown syntax
characters are escaped so that they stay characters), table cells are written as they were (a
blank stays blank), and a table is a pipe table unless a cell is merged (or holds characters a
pipe table would read as markup), in which case it is the pandoc HTML shape with
``rowspan``/``colspan``. The title becomes the H1, official section titles (heading style, bold
paragraph or a paragraph that is just the title) become H2, other headings and bold short
paragraphs H3. The front matter is inferred from the title line where it says so; whatever is
left is named in a note.
"""
from __future__ import annotations

import re

from ..gridtable import Grid, render_html, render_pipe
from ..profile import Edition, Profile
from ..records import Record
from ..scaffold import front_matter
from ..structure import match_section_title
from .infer import infer_level, parse_title
from .model import Para, Source, TableBlock

_NUMBERED = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_PIPE_UNSAFE = frozenset("<\\*_`")  # what the table reader would take for markup in a pipe cell


class ImportOptions(Record):
    level: str | None
    organization: str | None
    year: int | None
    edition: str | None
    published: str | None

    def __init__(
            self, level: str | None = None, organization: str | None = None, year: int | None = None,
            edition: str | None = None, published: str | None = None) -> None:
        self.level = level
        self.organization = organization
        self.year = year
        self.edition = edition
        self.published = published


class ImportResult(Record):
    markdown: str
    notes: list[str]

    def __init__(self, markdown: str, notes: list[str] | None = None) -> None:
        self.markdown = markdown
        self.notes = [] if notes is None else notes


# --------------------------------------------------------------------------- Markdown text


_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _url_end(url: str) -> str:
    """A URL without the punctuation that ends the sentence around it (and an unbalanced ``)``)."""
    while url and (url[-1] in ".,;:!?'\"" or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def escape_line(line: str) -> str:
    """One line of paragraph text as Markdown that renders as exactly these characters; a web
    address becomes an autolink (``<https://…>``), so that it ends where it ends even when Chinese
    text follows it without a space."""
    out, pos = [], 0
    for m in _URL.finditer(line):
        url = _url_end(m.group(0))
        if len(url) <= len("https://"):
            continue
        out.append(_escape_inline(line[pos:m.start()]))
        out.append(f"<{url}>")
        pos = m.start() + len(url)
    out.append(_escape_inline(line[pos:]))
    return _escape_block_start("".join(out))


def _escape_inline(line: str) -> str:
    out = []
    for i, ch in enumerate(line):
        nxt = line[i + 1] if i + 1 < len(line) else ""
        prev = line[i - 1] if i else ""
        if ch == "\\" and nxt and (nxt.isascii() and not nxt.isalnum() and not nxt.isspace()):
            out.append("\\\\")
        elif ch in "*`":
            out.append("\\" + ch)
        elif ch == "_" and (not prev or not nxt or not prev.isalnum() or not nxt.isalnum()):
            out.append("\\_")
        elif ch == "<" and (nxt.isalpha() or nxt in "/!?"):
            out.append("\\<")
        elif ch == "&" and re.match(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", line[i:]):
            out.append("\\&")
        elif ch in "[]" and ("](" in line or "][" in line or "]:" in line):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _escape_block_start(text: str) -> str:
    # what would start a block: a heading, list, quote, fence, thematic break, setext underline, table
    m = re.match(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|~~~|\||[=\-]+\s*$|(?:\\\*\s*){3,}$)", text)
    if m:
        return "\\" + text
    m = re.match(r"^(\d{1,9})([.)])(?=\s|$)", text)
    if m:
        return m.group(1) + "\\" + text[len(m.group(1)):]
    return text


def one_line(text: str) -> str:
    """A title or heading on one line: its lines joined, with a space only between two Latin
    letters or digits (a title broken after 人民政府 is one word in Chinese)."""
    out = ""
    for line in (" ".join(ln.split()) for ln in text.split("\n")):
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def paragraph_markdown(text: str) -> str:
    lines = [ln.strip(" \t") for ln in text.split("\n")]
    return "\n".join(escape_line(ln) for ln in lines if ln.strip())


def table_markdown(grid: Grid) -> str:
    unsafe = any(_PIPE_UNSAFE & set(c.text) for row in grid.rows for c in row)
    if grid.merged or unsafe or grid.width == 0:
        return render_html(grid)
    return render_pipe(grid)


# --------------------------------------------------------------------------- the report


class _Writer:
    def __init__(self, source: Source, profile: Profile, opts: ImportOptions) -> None:
        self.source = source
        self.profile = profile
        self.opts = opts
        self.notes: list[str] = []
        self.name = profile.name.zh

    def _title_blocks(self) -> tuple[list[int], str | None]:
        """Indexes of the blocks that form the title, and the title."""
        blocks = self.source.blocks
        head = []
        for i, b in enumerate(blocks[:8]):
            if not isinstance(b, Para):
                break
            head.append(i)
        name = re.sub(r"\s+", "", self.name)

        def flat(i):
            return re.sub(r"\s+", "", blocks[i].text)

        def title_like(i):
            b = blocks[i]
            return len(flat(i)) <= 60 and (b.heading is not None and b.heading <= 1 or b.centered or b.bold)

        for i in head:
            if name in flat(i) and len(flat(i)) <= 80:  # a sentence that cites the name is no title
                if i - 1 in head and title_like(i - 1) and title_like(i) and re.match(r"^(19|20)\d\d", flat(i)) \
                        and name not in flat(i - 1) and not flat(i - 1).startswith("附件"):
                    return [i - 1, i], one_line(blocks[i - 1].text + "\n" + blocks[i].text)
                return [i], one_line(blocks[i].text)
            if i + 1 in head and title_like(i) and title_like(i + 1) and name not in flat(i + 1) \
                    and name in flat(i) + flat(i + 1):
                return [i, i + 1], one_line(blocks[i].text + "\n" + blocks[i + 1].text)
        for t in self.source.titles:
            if name in re.sub(r"\s+", "", t):
                return [], t
        for i in head:  # the name worded differently: a title-like line that states a year
            if title_like(i) and re.search(r"(19|20)\d\d\s*年", blocks[i].text):
                return [i], one_line(blocks[i].text)
        if self.source.titles:
            return [], self.source.titles[0]
        for i in head[:2]:
            if blocks[i].heading in (0, 1):
                return [i], one_line(blocks[i].text)
        return [], None

    def _edition(self, year: int | None) -> Edition:
        p = self.profile
        if self.opts.edition and self.opts.edition in p.editions:
            return p.editions[self.opts.edition]
        if year is not None and p.edition_for_year(year) is not None:
            return p.edition_for_year(year)
        return p.editions[p.default_edition]

    def _heading_level(self, para: Para, edition: Edition) -> int | None:
        text = one_line(para.text)
        short = len(text) <= 60
        if short and match_section_title(text, edition):
            return 2
        if para.heading is not None:
            return min(6, max(3, para.heading + 1))
        if para.bold and len(text) <= 40 and (text[-1] not in "。；;，,：:" or _NUMBERED.match(text)):
            return 3
        return None

    def write(self) -> ImportResult:
        opts = self.opts
        title_idx, title = self._title_blocks()
        org, year = parse_title(title, self.name) if title else (None, None)
        if opts.organization:
            org = opts.organization
        if opts.year:
            year = opts.year
        edition = self._edition(year)
        level = opts.level or infer_level(org, list(self.profile.levels))
        published = opts.published or self.source.published
        values = {"profile": self.profile.id, "edition": edition.id if (year or opts.edition) else None,
                  "title": title, "organization": org, "year": year, "level": level, "published": published}
        self._missing(values, org)
        out = [front_matter(self.profile, values)]
        if title is not None:
            out += [f"# {escape_line(one_line(title))}", ""]
        for i, block in enumerate(self.source.blocks):
            if i in title_idx:
                continue
            if isinstance(block, TableBlock):
                out.append(table_markdown(block.grid))
                continue
            level_md = self._heading_level(block, edition)
            if level_md:
                out += [f"{'#' * level_md} {escape_line(one_line(block.text))}", ""]
            else:
                out += [paragraph_markdown(block.text), ""]
        markdown = "\n".join(out).rstrip("\n") + "\n"
        self.notes += self.source.notes
        self.notes += self._unrecognised(markdown, edition)
        return ImportResult(markdown, self.notes)

    def _missing(self, values: dict, org: str | None) -> None:
        levels = ", ".join(self.profile.levels)
        if values["title"] is None:
            self.notes.append("no title found: add the report's title as the H1 and as `title` in the front matter")
        if values["organization"] is None:
            self.notes.append("front matter: fill in `organization` (the title line does not name it), "
                              "or pass --organization")
        if values["year"] is None:
            self.notes.append("front matter: fill in `year` (the title line does not state it), or pass --year")
        if values["level"] is None and self.profile.levels:
            said = f"'{org}' does not say which" if org else "unknown"
            self.notes.append(f"front matter: fill in `level` ({levels}): {said}; or pass --level")
        if values["published"] is None:
            self.notes.append("front matter: fill in `published` (YYYY-MM-DD): the document does not say when it "
                              "was published; or pass --published")

    def _unrecognised(self, markdown: str, edition: Edition) -> list[str]:
        """Tables that the profile's recogniser does not take for any of its tables."""
        from ..document import decode
        from ..tablemodel import table_model

        doc = decode("imported.md", markdown.encode("utf-8"))
        doc.edition = edition
        model = table_model(doc, edition)
        used = {id(t) for lt in model.tables.values() for t in lt.tables}
        foreign = [f.span for f in model.foreign_tables]
        out = []
        for t in doc.tables:
            if id(t) in used or any(t.span.line <= s.line <= t.span.end_line for s in foreign):
                continue
            first = next((c.text for r in t.rows for c in r.cells if c.text.strip()), "")
            out.append(f"the table at line {t.line} of the output ('{' '.join(first.split())[:20]}') is not one "
                       f"of the tables of {self.profile.name.en} edition {edition.id}: imported as it is")
        return out


def write_markdown(source: Source, profile: Profile, opts: ImportOptions | None = None) -> ImportResult:
    return _Writer(source, profile, opts or ImportOptions()).write()
