"""The HTML page's tables: where each finding sits in a file's view, the tables with the cells
that findings point at marked, and the computation of each broken relation (``html_format``).

Everything here works on plain data: the diagnostics and the file's view (``reportlint.view``).
A finding sits in a cell when its span lies inside the cell's, in a row when it starts in the
row but covers more than one cell, in a table when it starts inside the table anywhere else,
and otherwise in the sentence (``quotes``) the view gives for its span.
"""
from __future__ import annotations

import re
from html import escape
from typing import Any

from ..diagnostics import SEVERITY_RANK
from ..invisible import escape as visible
from ..records import Record
from .html_style import WORDS

_NUMBER = re.compile(r"^[\s\d.,，+\-−%％]+$")
OPS = {"==": "=", "<=": "≤", ">=": "≥", "<": "<", ">": ">", "!=": "≠"}


def esc(text: Any) -> str:
    """Report text as HTML: markup escaped, and control, bidi and other invisible characters
    shown as escapes (``\\u202e``) so the page never reorders or hides what the file says."""
    return escape(visible(str(text)), quote=True)


def both(zh: str, en: str) -> str:
    """Two already-escaped HTML fragments, one per language (the page shows one)."""
    if zh == en:
        return zh
    return f'<span class="l-zh" lang="zh">{zh}</span><span class="l-en" lang="en">{en}</span>'


def word(key: str, *args: Any) -> str:
    zh, en = WORDS[key]
    return both(esc(zh.format(*args)), esc(en.format(*args)))


def pick(key: str, lang: str, *args: Any) -> str:
    """A word in one language, as plain text (for title attributes)."""
    zh, en = WORDS[key]
    return (zh if lang == "zh" else en).format(*args)


# --------------------------------------------------------------------------- anchoring


class Placed(Record):
    """A finding of a file, numbered in source order, and where it sits on the page."""

    n: int
    d: Any  # the Diagnostic
    kind: str  # "cell" | "row" | "table" | "quote" | "none"
    table: int  # index into the view's tables
    row: int
    col: int
    quote: dict | None

    def __init__(
            self, n: int, d: Any, kind: str = "none", table: int = -1, row: int = -1, col: int = -1,
            quote: dict | None = None) -> None:
        self.n = n
        self.d = d
        self.kind = kind
        self.table = table
        self.row = row
        self.col = col
        self.quote = quote


def _start(span) -> tuple[int, int]:
    return (span[0], span[1])


def _inside(pos: tuple[int, int], span) -> bool:
    start, end = (span[0], span[1]), (span[2], span[3])
    return start <= pos < max(end, (span[0], span[1] + 1))


def place(diagnostics: list, view: dict | None) -> list[Placed]:
    out = [Placed(i + 1, d) for i, d in enumerate(diagnostics)]
    if not view:
        return out
    quotes = {tuple(q["span"]): q for q in view.get("quotes", ())}
    for p in out:
        d = p.d
        start, end = (d.line, d.column), (d.end_line, d.end_column)
        for ti, table in enumerate(view.get("tables", ())):
            if not _inside(start, table["span"]):
                continue
            p.table = ti
            for ri, row in enumerate(table["rows"]):
                for cell in row["cells"]:
                    if _inside(start, cell["span"]):
                        cell_end = (cell["span"][2], max(cell["span"][3], cell["span"][1] + 1))
                        if end <= cell_end:
                            p.kind, p.row, p.col = "cell", cell["row"], cell["col"]
                        else:
                            p.kind, p.row = "row", ri
                        break
                if p.kind != "none":
                    break
            if p.kind == "none":
                p.kind = "table"
            break
        if p.kind == "none":
            q = quotes.get((d.line, d.column, d.end_line, d.end_column))
            if q is not None:
                p.kind, p.quote = "quote", q
    return out


# --------------------------------------------------------------------------- computations


def _op(op: str) -> str:
    return OPS.get(op, op)


def _terms(terms: list[dict], lang: str, named: bool) -> str:
    out = ""
    for i, t in enumerate(terms):
        value = esc(t.get("value", "?"))
        label = t.get("label") or ""
        if t.get("previous"):
            label = pick("previous", lang) + label
        text = f"{esc(label)} {value}" if named and label else value
        item = f'<span class="t" title="{esc(label)}">{text}</span>' if label else text
        sign = t.get("sign", 1)
        if i == 0:
            out = item if sign > 0 else f"−{item}"
        else:
            out += f" + {item}" if sign > 0 else f" − {item}"
    return out or "0"


def _short(cell: dict) -> str:
    row, col = cell.get("row_label") or "", cell.get("col_label") or ""
    return f"{row} / {col}" if row and col else (row or col or cell.get("label", ""))


def computation(data: dict, lang: str) -> str | None:
    """``（七）总计 / 自然人 = 20, but 6 + 6 + 4 + 3 + 3 + 4 = 26 (difference −6)``, as HTML in one
    language; None when the finding's data holds no relation."""
    total = data.get("total")
    if "terms" in data and total:
        terms = data["terms"]
        named = len(terms) <= 2
        expr = _terms(terms, lang, named)
        single = len(terms) == 1 and terms[0].get("sign", 1) > 0
        rhs = expr if single else f'{expr} = <span class="sum">{esc(data.get("expected"))}</span>'
        out = (f'<b>{esc(_short(total))}</b>{esc(pick("is", lang))}<span class="sum">{esc(total.get("value"))}</span>'
               f'{esc(pick("but", lang))}{rhs}')
        if data.get("difference"):
            out += esc(pick("difference", lang, data["difference"]))
        return out
    if "lhs" in data and "rhs" in data:
        def side(terms: list[dict], total: Any) -> str:
            expr = _terms(terms, lang, len(terms) <= 2)
            single = len(terms) == 1 and terms[0].get("sign", 1) > 0
            return expr if single else f'{expr} = <span class="sum">{esc(total)}</span>'

        return (f'{side(data["lhs"], data.get("lhs_sum"))} {esc(_op(data.get("op", "")))} '
                f'{side(data["rhs"], data.get("rhs_sum"))}{esc(pick("does_not_hold", lang))}')
    return None


def culprit_of(d: Any) -> dict | None:
    """The likely-culprit cell a finding names (SUM001/SUM002 ``culprit``, SUM005 ``cell``)."""
    data = d.data or {}
    if isinstance(data.get("culprit"), dict):
        return data["culprit"]
    if d.code == "SUM005" and isinstance(data.get("cell"), dict):
        return dict(data["cell"], suggested=data.get("value"))
    return None


def culprit_line(c: dict, lang: str) -> str:
    return esc(pick("culprit_line", lang, c.get("label", ""), c.get("value", "?"), c.get("suggested", "?")))


# --------------------------------------------------------------------------- tables


class Mark(Record):
    severity: str | None
    badges: list[tuple[int, str]]
    titles: list[str]
    culprit: bool
    terms: list[int]

    def __init__(
            self, severity: str | None = None, badges: list[tuple[int, str]] | None = None,
            titles: list[str] | None = None, culprit: bool = False, terms: list[int] | None = None) -> None:
        self.severity = severity
        self.badges = [] if badges is None else badges
        self.titles = [] if titles is None else titles
        self.culprit = culprit
        self.terms = [] if terms is None else terms


def _worse(a: str | None, b: str) -> str:
    return b if a is None or SEVERITY_RANK.get(b, 0) > SEVERITY_RANK.get(a, 0) else a


def _cell_at(table: dict, span) -> tuple[int, int] | None:
    pos = _start(span)
    for row in table["rows"]:
        for cell in row["cells"]:
            if _inside(pos, cell["span"]):
                return cell["row"], cell["col"]
    return None


def cell_id(fi: int, ti: int, r: int, c: int) -> str:
    return f"c{fi}-{ti}-{r}-{c}"


def render_table(fi: int, ti: int, table: dict, placed: list[Placed], lang: str) -> str:
    """One table of a file: caption, grid with marks, and the problems that sit in it."""
    cells: dict[tuple[int, int], Mark] = {}
    rows: dict[int, Mark] = {}
    caption_badges: list[tuple[int, str]] = []
    mine = [p for p in placed if p.table == ti]
    for p in mine:
        d = p.d
        msg = d.message.get(lang)
        if p.kind == "cell":
            m = cells.setdefault((p.row, p.col), Mark())
            m.severity = _worse(m.severity, d.severity)
            m.badges.append((p.n, d.severity))
            m.titles.append(f"{p.n}. {d.code}: {msg}")
        elif p.kind == "row":
            m = rows.setdefault(p.row, Mark())
            m.severity = _worse(m.severity, d.severity)
            m.badges.append((p.n, d.severity))
            m.titles.append(f"{p.n}. {d.code}: {msg}")
        else:
            caption_badges.append((p.n, d.severity))
        data = d.data or {}
        for t in data.get("terms") or (data.get("lhs") or []) + (data.get("rhs") or []):
            if t.get("previous") or not t.get("span"):
                continue
            at = _cell_at(table, t["span"])
            if at is not None and at != (p.row, p.col):
                m = cells.setdefault(at, Mark())
                if p.n not in m.terms:
                    m.terms.append(p.n)
        c = culprit_of(d)
        if c and c.get("span"):
            at = _cell_at(table, c["span"])
            if at is not None:
                m = cells.setdefault(at, Mark())
                if not m.culprit:
                    m.culprit = True
                    m.titles.insert(0, pick("culprit_line", lang, c.get("label", ""), c.get("value", "?"),
                                            c.get("suggested", "?")))
    out = [f'<figure class="rtable" id="t{fi}-{ti}">', _caption(table, caption_badges, fi)]
    out.append('<div class="scroll"><table class="grid">')
    header_open = False
    body_open = False
    for ri, row in enumerate(table["rows"]):
        if row["header"] and not body_open and not header_open:
            out.append("<thead>")
            header_open = True
        elif not row["header"] and not body_open:
            if header_open:
                out.append("</thead>")
                header_open = False
            out.append("<tbody>")
            body_open = True
        rm = rows.get(ri)
        cls = f' class="row-sev-{rm.severity}"' if rm else ""
        title = f' title="{esc(chr(10).join(rm.titles))}"' if rm else ""
        out.append(f"<tr{cls}{title}>")
        for k, cell in enumerate(row["cells"]):
            out.append(_cell(fi, ti, cell, cells.get((cell["row"], cell["col"])), rm if k == 0 else None, lang))
        if table.get("kind") == "pipe" and row["cells"]:  # a short pipe row: the cells it lacks, empty
            last = row["cells"][-1]
            out.append("<td></td>" * max(0, table.get("width", 0) - last["col"] - last["colspan"]))
        out.append("</tr>")
    out.append("</thead>" if header_open else "</tbody>" if body_open else "")
    out.append("</table></div>")
    out.append(_problems(fi, mine, lang))
    out.append("</figure>")
    return "\n".join(x for x in out if x)


def _caption(table: dict, badges: list[tuple[int, str]], fi: int) -> str:
    names = table.get("names") or []
    if names:
        name = both(esc("、".join(n["zh"] for n in names)), esc(", ".join(n["en"] for n in names)))
    else:
        name = word("table")
    span = table["span"]
    where = word("lines", span[0], span[2]) if span[2] != span[0] else word("line", span[0])
    section = f' · {esc(table["section"])}' if table.get("section") else ""
    marks = "".join(f' <a class="badge sev-{esc(s)}" href="#f{fi}-{n}">{n}</a>' for n, s in badges)
    return f'<figcaption>{name}{section} <span class="where">· {where}</span>{marks}</figcaption>'


def _cell(fi: int, ti: int, cell: dict, m: Mark | None, row_mark: Mark | None, lang: str) -> str:
    tag = "th" if cell.get("header") else "td"
    classes = []
    text = cell.get("text", "")
    if tag == "td" and text and _NUMBER.match(text):
        classes.append("num")
    attrs = []
    if cell.get("rowspan", 1) > 1:
        attrs.append(f'rowspan="{int(cell["rowspan"])}"')
    if cell.get("colspan", 1) > 1:
        attrs.append(f'colspan="{int(cell["colspan"])}"')
    titles: list[str] = []
    inner = "<br>".join(esc(x) for x in text.split("\n"))
    badges = ""
    if m is not None:
        attrs.append(f'id="{cell_id(fi, ti, cell["row"], cell["col"])}"')
        if m.culprit:
            classes.append("culprit")
        if m.severity:
            classes.append(f"sev-{m.severity}")
        if m.terms and not m.severity and not m.culprit:
            classes.append("term")
        titles.extend(m.titles)
        if m.terms:
            titles.append(pick("term_title", lang, ", ".join(map(str, m.terms))))
        badges = "".join(f'<a class="badge sev-{esc(s)}" href="#f{fi}-{n}">{n}</a>' for n, s in m.badges)
        if m.culprit:
            if not m.badges:
                badges += '<span class="badge star">★</span>'
            inner += f'<span class="tag">★ {word("culprit")}</span>'
    if row_mark is not None:
        badges += "".join(f'<a class="badge sev-{esc(s)}" href="#f{fi}-{n}">{n}</a>' for n, s in row_mark.badges)
    if cell.get("label"):
        titles.append(cell["label"])
    if titles:
        attrs.append(f'title="{esc(chr(10).join(titles))}"')
    if classes:
        attrs.insert(0, f'class="{" ".join(classes)}"')
    joined = (" " + " ".join(attrs)) if attrs else ""
    return f"<{tag}{joined}>{inner}{' ' + badges if badges else ''}</{tag}>"


def _problems(fi: int, mine: list[Placed], lang: str) -> str:
    """The problems that sit in a table, next to it: the computation of a broken relation, else
    the message."""
    if not mine:
        return ""
    items = []
    for p in mine:
        d = p.d
        data = d.data or {}
        zh, en = computation(data, "zh"), computation(data, "en")
        body = both(zh, en) if zh is not None else both(esc(d.message.zh), esc(d.message.en))
        c = culprit_of(d) if d.code != "SUM005" else None
        if c:
            body += f'<span class="culprit-line">{both(culprit_line(c, "zh"), culprit_line(c, "en"))}</span>'
        items.append(f'<li><a class="badge sev-{esc(d.severity)}" href="#f{fi}-{p.n}">{p.n}</a> '
                     f'<span class="code">{esc(d.code)}</span> {body}</li>')
    return (f'<div class="problems"><h4>{word("in_this_table")}</h4>'
            f'<ul class="calc">{"".join(items)}</ul></div>')
