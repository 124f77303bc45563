"""Plain-data views of linted reports, for output formats that show a report's tables (``html``).

Formatters never see the document model: a format that wants more than the diagnostics says so
(``WANTS_VIEWS = True`` in its module) and the CLI then builds one view per file *after* the run,
from the file on disk or the standard-input text. Results that came from the result cache get
their view like any other, and runs in the other formats pay nothing.

A view is JSON-serialisable data; spans are ``[line, column, end_line, end_column]`` (1-based,
end column exclusive, as in diagnostics)::

    {"path": "reports/a.md", "title": "…（the H1）", "edition": {"profile": …, "id": "2021"} | None,
     "tables": [{"index": 0, "kind": "pipe" | "html", "span": […], "section": "三、收到和…",
                 "names": [{"id": "t3", "zh": "表三", "en": "Table 3"}],   # recognised tables in it
                 "width": 8, "header_rows": 1,
                 "rows": [{"line": 40, "header": false, "label": "（七）总计",  # the logical row label
                           "cells": [{"row": 0, "col": 0, "rowspan": 1, "colspan": 1, "text": "…",
                                      "header": false, "span": […], "label": "表三 （七）总计 / 自然人"}]}]}],
     "quotes": [{"span": […the finding's span], "text": "the sentence", "mark": [start, end]}]}

Each table cell is listed once, in the row of its top-left slot, with its ``rowspan``/``colspan``
as in the source (an HTML table's merged cells). ``quotes`` holds, for every finding outside the
tables, the sentence (of a paragraph; else the source line) it points at and the offsets of the
finding's text in it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

_SENTENCE_END = re.compile(r"[。！？!?]+[”’）)]*")
QUOTE_LIMIT = 160  # longer sentences are cut around the marked text


def build_views(linter: Any, paths: Iterable[str], diagnostics: Iterable[Any],
                sources: dict[str, str] | None = None) -> dict[str, dict]:
    """A view for each of ``paths`` (display paths of linted files), read from disk or, for
    standard input, from ``sources``; the settings and profile are those the file was linted with."""
    from . import document as docmod
    from .engine import resolve_edition

    by_path: dict[str, list] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    sources = sources or {}
    out: dict[str, dict] = {}
    for path in paths:
        settings = linter.settings_for(path)
        if path in sources:
            doc = docmod.decode(path, sources[path].encode("utf-8"), abspath=Path(path).resolve(),
                                max_bytes=settings.max_file_size)
        else:
            doc = linter.load(Path(path), settings)  # never a FIFO, never through a link out of the repository
        if doc.problem is None:
            try:
                resolve_edition(doc, linter.profiles_for(settings), settings)
            except Exception:  # noqa: BLE001 - a view without labels is still a view
                doc.edition = None
        out[path] = document_view(doc, [_span(d) for d in by_path.get(path, [])])
    return out


def _span(d: Any) -> tuple[int, int, int, int]:
    return (d.line, d.column, d.end_line, d.end_column)


def document_view(doc: Any, finding_spans: list[tuple[int, int, int, int]]) -> dict:
    """The view of one document; ``finding_spans`` are where its findings are (for ``quotes``)."""
    view: dict[str, Any] = {"path": doc.path, "title": "", "edition": None, "tables": [], "quotes": []}
    if doc.problem is not None:
        return view
    if doc.h1s:
        view["title"] = doc.h1s[0].title
    if doc.edition is not None:
        view["edition"] = {"profile": doc.edition.profile_id, "id": doc.edition.id}
    labels = _logical_labels(doc)
    for table in doc.tables:
        view["tables"].append(_table_view(doc, table, labels.get(id(table))))
    table_lines = [(t.span.line, t.span.end_line) for t in doc.tables]
    seen = set()
    for span in finding_spans:
        if span in seen or any(a <= span[0] <= b for a, b in table_lines):
            continue
        seen.add(span)
        quote = _quote(doc, span)
        if quote is not None:
            view["quotes"].append(quote)
    return view


# --------------------------------------------------------------------------- tables


def _logical_labels(doc: Any) -> dict[int, dict]:
    """For each physical table (by id) holding recognised tables: their names and the labels of
    its rows and data cells."""
    if doc.edition is None:
        return {}
    from .tablemodel import table_model

    try:
        model = table_model(doc, doc.edition)
    except Exception:  # noqa: BLE001 - the rules report what they can; the view stays plain
        return {}
    out: dict[int, dict] = {}

    def info(table) -> dict:
        return out.setdefault(id(table), {"names": [], "rows": {}, "cells": {}})

    for lt in model.tables.values():
        for part in lt.parts:
            if part.contributed:
                names = info(part.table)["names"]
                if all(n["id"] != lt.id for n in names):
                    names.append({"id": lt.id, "zh": lt.spec.name.zh, "en": lt.spec.name.en})
        for key, hit in list(lt.rows.items()) + list(lt.group_rows.items()):
            info(hit.table)["rows"].setdefault(id(hit.row), lt.row_label(key))
        for hit in lt.cells.values():
            if not hit.synthetic:
                info(hit.physical)["cells"][id(hit.cell)] = hit.label
    return out


def _table_view(doc: Any, table: Any, labels: dict | None) -> dict:
    labels = labels or {"names": [], "rows": {}, "cells": {}}
    section = doc.section_at(table.span.line)
    width = table.width
    nrows = len(table.rows)
    rows = []
    seen: set[int] = set()
    for r, row in enumerate(table.rows):
        cells = []
        for c, cell in enumerate(row.cells):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            entry: dict[str, Any] = {
                "row": r, "col": c,
                "rowspan": max(1, min(cell.rowspan, nrows - r)), "colspan": max(1, min(cell.colspan, width - c)),
                "text": cell.text, "header": bool(cell.header or row.header), "span": list(cell.span)}
            label = labels["cells"].get(id(cell))
            if label:
                entry["label"] = label
            cells.append(entry)
        out_row: dict[str, Any] = {"line": row.line, "header": bool(row.header), "cells": cells}
        label = labels["rows"].get(id(row))
        if label:
            out_row["label"] = label
        rows.append(out_row)
    return {"index": table.index, "kind": table.kind, "span": list(table.span),
            "section": section.title if section is not None else "", "names": labels["names"],
            "width": width, "header_rows": table.header_rows, "rows": rows}


# --------------------------------------------------------------------------- sentences


def _quote(doc: Any, span: tuple[int, int, int, int]) -> dict | None:
    line, col, end_line, end_col = span
    for para in doc.paragraphs:
        if para.span.line <= line <= para.span.end_line:
            start = _offset(para, line, col)
            if start is None:
                continue
            end = _offset(para, end_line, end_col) if end_line <= para.span.end_line else None
            end = len(para.text) if end is None else max(end, start)
            return _sentence(para.text, start, end, span)
    if not 0 < line <= len(doc.lines):
        return None
    text = doc.lines[line - 1]
    if not text.strip():
        return None
    start = min(col - 1, len(text))
    end = min(end_col - 1, len(text)) if end_line == line else len(text)
    lead = len(text) - len(text.lstrip())
    return _trimmed(text[lead:].rstrip(), start - lead, max(start, end) - lead, span)


def _offset(para: Any, line: int, col: int) -> int | None:
    """The offset in ``para.text`` of source position (line, col), or None when not in it."""
    pos = 0
    for k, piece in enumerate(para.text.split("\n")):
        src_line, col0 = para.line_starts[k] if k < len(para.line_starts) else (None, 0)
        if src_line == line:
            return pos + max(0, min(col - 1 - col0, len(piece)))
        pos += len(piece) + 1
    return None


def _sentence(text: str, start: int, end: int, span) -> dict:
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= end:
            stop = m.end()
            break
    else:
        stop = len(text)
    piece = text[begin:stop]
    lead = len(piece) - len(piece.lstrip())
    return _trimmed(piece.strip(), start - begin - lead, end - begin - lead, span)


def _trimmed(text: str, start: int, end: int, span) -> dict:
    """``text`` with the marked part ``[start, end)``, cut to about QUOTE_LIMIT characters around it."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if len(text) > QUOTE_LIMIT:
        room = max(20, (QUOTE_LIMIT - (end - start)) // 2)
        a, b = max(0, start - room), min(len(text), end + room)
        prefix = "…" if a > 0 else ""
        suffix = "…" if b < len(text) else ""
        text = prefix + text[a:b] + suffix
        start, end = start - a + len(prefix), end - a + len(prefix)
    return {"span": list(span), "text": text, "mark": [start, end]}
