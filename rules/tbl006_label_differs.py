"""A row or column label differs from the official one.

Labels are matched the way people write them: full-width or ASCII brackets and digits, spaces
and line breaks inside labels, ``1、`` for ``1.``, a missing numbering are all the same label and
are not reported. What is reported (a warning, the label is still read) is a label that only
resembles the official one: a typo (``2.其他法律行政止公开``, ``计结果维持``), outdated wording
(``规范性文件`` in a 2021 report), a wrong number, and placeholder headers (``数据1`` …) whose columns
had to be read by their position.

A fix replaces the label with the official one: safe for known deviations listed in the profile,
unsafe for a label that was only found by resemblance.
"""
from reportlint.api import cell_fix, finding, row_span, table_model

CODE = "TBL006"
NAME = "label-differs"
SUMMARY = "A table label differs from the official label"
SUMMARY_ZH = "表格标题与规定的标题不一致"
SEVERITY = "warning"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for lt in model.tables.values():
        hits = [("row", h) for h in lt.rows.values()] + \
               [("column", h) for h in lt.columns.values() if h.how != "position"]
        for kind, h in hits:
            if not h.differs or h.cell is None:
                continue
            official = (lt.spec.row if kind == "row" else lt.spec.column)(h.key).label
            what_zh = "行" if kind == "row" else "列"
            yield finding(h.cell, f"{lt.name}: {kind} label '{h.written}' differs from the official '{official}'",
                          f"{lt.name}的{what_zh}标题“{h.written}”与规定的“{official}”不一致",
                          fix=cell_fix(h.cell, official, h.written, "safe" if h.how == "deviation" else "unsafe"), data={"table": lt.id, "key": h.key})
        for p in lt.positional:
            written = ", ".join(w or "(none)" for w, _ in p.pairs)
            official = ", ".join(o for _, o in p.pairs)
            written_zh = "、".join(w or "（空）" for w, _ in p.pairs)
            official_zh = "、".join(o for _, o in p.pairs)
            more_en = f" (the same in {p.repeats} more table(s))" if p.repeats else ""
            more_zh = f"（另有 {p.repeats} 个表格相同）" if p.repeats else ""
            at = p.row if p.row is not None else p.table.rows[0]
            yield finding(row_span(at), f"{lt.name}: column headers {written} are not the official labels; "
                                        f"read by position as {official}{more_en}",
                          f"{lt.name}的列标题 {written_zh} 不是规定的标题，已按位置读作 {official_zh}{more_zh}",
                          data={"table": lt.id})
