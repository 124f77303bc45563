"""A table the format requires is missing from its section.

Sections 二, 三 and 四 each hold tables (表二 with one block per 第二十条 item, 表三, 表四). A
table is recognised by its labels, wherever it sits in its section and whatever its shape; the
finding is placed at the section's heading. When the section itself is missing, only SEC002 is
reported. When the section holds a table whose rows are not the table's rows at all, the
finding says so (the table is there, but unreadable as the official one).
"""
from reportlint.api import finding, table_model

CODE = "TBL001"
NAME = "missing-table"
SUMMARY = "A required table is missing"
SUMMARY_ZH = "缺少规定的表格"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for m in model.missing:
        if not m.spec.required:
            continue
        title = profile.section(m.section).title
        name = m.spec.name.zh
        if m.near is not None:
            yield finding(m.span, f"{name} is missing from section '{title}': the table at line {m.near.line} "
                                  f"has none of its rows",
                          f"“{title}”中缺少{name}：第 {m.near.line} 行的表格中没有{name}的任何一行",
                          data={"table": m.spec.id})
        else:
            yield finding(m.span, f"{name} is missing from section '{title}'",
                          f"“{title}”中缺少{name}", data={"table": m.spec.id})
