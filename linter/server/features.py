"""What the editor features say and write, in reportlint's own terms (1-based lines, columns in
code points): hover text for findings and table cells, and the edits of the suppression and
waiver actions. The protocol layer converts positions and wraps the results in LSP types.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..diagnostics import Diagnostic, Edit, Span

WAIVER_DAYS = 90  # a new waiver's end date: this many days from today (the user edits it)
WAIVER_REASON = {"en": "TODO: why this finding is accepted", "zh": "待填写：接受此问题的理由"}

_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_DISABLE_LINE = re.compile(r"<!--[ \t]*reportlint-disable-line\b(?P<sel>[^>]*?)[ \t]*(?:--[^>]*)?-->")


def tr(lang: str, en: str, zh: str) -> str:
    """``en`` or ``zh``, as ``lang`` says."""
    return zh if lang == "zh" else en


def contains(span: Span | tuple, line: int, column: int) -> bool:
    """Is (line, column) inside ``span`` (end exclusive; an empty span contains its start)?"""
    l1, c1, l2, c2 = span
    if (line, column) < (l1, c1):
        return False
    return (line, column) < (l2, max(c2, c1 + 1) if l1 == l2 else c2)


def findings_at(diagnostics: list[Diagnostic], line: int, column: int) -> list[Diagnostic]:
    return [d for d in diagnostics if contains((d.line, d.column, d.end_line, d.end_column), line, column)]


# --------------------------------------------------------------------------- hover


def rule_doc_url(template: str, code: str, name: str) -> str:
    """The documentation address of a rule: ``template`` with ``{code}``, ``{name}`` and
    ``{anchor}`` (the heading's anchor in docs/rules.md, e.g. ``sec006-section-title-variant``)."""
    return template.format(code=code, name=name, anchor=f"{code.lower()}-{name}")


def finding_hover(d: Diagnostic, rule: Any, lang: str, url: str | None) -> str:
    """A finding: its rule's code, name, summary and documentation, and the message."""
    severity = {"error": "错误", "warning": "警告", "info": "提示"}.get(d.severity, d.severity) if lang == "zh" else d.severity
    head = f"**{d.code}** `{d.name}` — {rule.summary.get(lang) if rule else ''} ({severity})"
    parts = [head, d.message.get(lang)]
    if d.fix is not None:
        unsafe = d.fix.applicability != "safe"
        parts.append(tr(lang, "Fix available: ", "可自动修复：") + d.fix.description.get(lang)
                     + (tr(lang, " (unsafe: check the result)", "（不安全：请核对结果）") if unsafe else ""))
    if rule is not None and rule.doc:
        parts.append(rule.doc)
    if url:
        parts.append(f"[{tr(lang, 'Documentation of', '规则说明')} {d.code}]({url})")
    return "\n\n".join(parts)


def cell_hover(doc: Any, line: int, column: int, lang: str) -> str | None:
    """A table cell (value, row label or column header) of the report's profile tables: its table,
    row and column, and the relations it takes part in with their current state."""
    edition = getattr(doc, "edition", None)
    if edition is None or doc.problem is not None:
        return None
    from ..tablemodel import table_model

    model = table_model(doc, edition)
    for tid, lt in model.tables.items():
        for (rk, ck), hit in lt.cells.items():
            if not hit.synthetic and contains(hit.span, line, column):
                return _value_cell(doc, edition, lt, rk, ck, hit, lang)
        for rk, rh in lt.rows.items():
            if rh.cell is not None and contains(rh.cell.span, line, column):
                return _label_cell(lt, lang, row=rk)
        for ck, ch in lt.columns.items():
            if ch.cell is not None and contains(ch.cell.span, line, column):
                return _label_cell(lt, lang, col=ck)
    return None


def _table_line(lt: Any, lang: str) -> str:
    name = lt.spec.name.get(lang)
    return tr(lang, "table: ", "表：") + f"{name} (`{lt.id}`)"


def _label_cell(lt: Any, lang: str, row: str | None = None, col: str | None = None) -> str:
    if row is not None:
        what = tr(lang, "row: ", "行：") + f"{lt.row_label(row)} (`{row}`)"
    else:
        what = tr(lang, "column: ", "列：") + f"{lt.column_label(col)} (`{col}`)"
    return "\n".join([f"**{lt.spec.name.get(lang)}**", "", f"- {_table_line(lt, lang)}", f"- {what}"])


def _value_cell(doc: Any, edition: Any, lt: Any, rk: str, ck: str, hit: Any, lang: str) -> str:
    from ..arith import document_evaluations, formula, num

    value = num(hit.value) if hit.value is not None else (hit.cell.text or tr(lang, "(blank)", "（空白）"))
    out = [f"**{hit.label}** = {value}", "",
           f"- {_table_line(lt, lang)}",
           "- " + tr(lang, "row: ", "行：") + f"{lt.row_label(rk) or rk} (`{rk}`)",
           "- " + tr(lang, "column: ", "列：") + f"{lt.column_label(ck)} (`{ck}`)"]
    if hit.value is None and hit.reason:
        out.append("- " + tr(lang, "not a number: ", "不是有效数字：") + hit.reason)
    key = (lt.id, rk, ck)
    lines = []
    for ev in document_evaluations(doc, edition):
        if not any(not r.prev and (r.table, r.row, r.col) == key for r in ev.relation.refs):
            continue
        if ev.status == "holds":
            state = tr(lang, "✓ holds", "✓ 成立")
        elif ev.status == "broken":
            state = tr(lang, "✗ broken", "✗ 不成立")
        else:
            why = {"missing": tr(lang, "a cell is missing", "缺少单元格"),
                   "invalid": tr(lang, "a cell is not a number", "有单元格不是有效数字")}.get(ev.skipped_because, ev.skipped_because)
            state = tr(lang, f"– not checked ({why})", f"– 未检查（{why}）")
        lines.append(f"- {state}{tr(lang, ': ', '：')}{_description(ev.relation, lang)}  \n  `{formula(ev, lang)}`")
    for rel in edition.relations:
        if rel.cross_year and any(not r.prev and (r.table, r.row, r.col) == key for r in rel.refs):
            lines.append("- " + tr(lang, "compared with last year's report (SUM004): ", "与上一年度报告比对（SUM004）：")
                         + _description(rel, lang))
    if lines:
        out += ["", tr(lang, "Relations:", "勾稽关系：")] + lines
    return "\n".join(out)


def _description(rel: Any, lang: str) -> str:
    desc = rel.description or {}
    return desc.get(lang) or desc.get("en") or rel.text


# --------------------------------------------------------------------------- suppression comments


def disable_action(doc: Any, d: Diagnostic, lang: str) -> tuple[str, Edit] | None:
    """(title, edit) that disables ``d``'s rule where ``d`` is: a ``reportlint-disable-line``
    comment at the end of its line (inside a table too: after a pipe row's last ``|`` or an HTML
    table's tag it changes nothing else), or ``reportlint-disable-file`` after the front matter
    for a finding in the front matter (a comment cannot go there)."""
    if doc is None or doc.problem is not None or not doc.lines:
        return None
    if d.line < doc.body_start_line:
        return tr(lang, f"Disable {d.code} for this file", f"在本文件禁用 {d.code}"), \
            Edit(Span(doc.body_start_line, 1, doc.body_start_line, 1),
                 f"<!-- reportlint-disable-file {d.code} -->\n")
    if d.line > len(doc.lines):
        return None
    text = doc.lines[d.line - 1]
    if _DELIMITER_ROW.match(text) and "|" in text:
        return None  # a comment would break the table
    title = tr(lang, f"Disable {d.code} for this line", f"在本行禁用 {d.code}")
    m = _DISABLE_LINE.search(text)
    if m is not None:  # add the code to the line's comment
        sel = m.group("sel")
        names = [w for w in re.split(r"[,，\s]+", sel) if w]
        if not names or d.code in names or d.name in names:
            return None  # already covered
        col = m.start("sel") + len(sel.rstrip()) + 1
        return title, Edit(Span(d.line, col, d.line, col), f", {d.code}")
    col = len(text.rstrip()) + 1
    return title, Edit(Span(d.line, col, d.line, col), f" <!-- reportlint-disable-line {d.code} -->")


def waiver_action(doc: Any, d: Diagnostic, lang: str, today: _dt.date) -> tuple[str, Edit] | None:
    """(title, edit) that adds a waiver for ``d`` on the line before the block holding it, with
    an end date ``WAIVER_DAYS`` from today and a placeholder reason for the user to fill in."""
    if doc is None or doc.problem is not None or d.line < doc.body_start_line:
        return None
    block = next((b for b in doc.blocks if b.span.line <= d.line <= b.span.end_line), None)
    if block is None:
        return None
    until = (today + _dt.timedelta(days=WAIVER_DAYS)).isoformat()
    reason = WAIVER_REASON["zh" if lang == "zh" else "en"]
    comment = f'<!-- reportlint-waive {d.code} until={until} reason="{reason}" -->\n'
    title = tr(lang, f"Waive {d.code} here until {until} (edit the reason)",
               f"豁免此处的 {d.code} 至 {until}（请填写理由）")
    return title, Edit(Span(block.span.line, 1, block.span.line, 1), comment)
