"""A table in a table section is not one of the section's tables.

Converted reports often carry leftovers: placeholder tables (``| (数据项目) | 数量 |`` over dashes),
a table split so that a part has neither the official rows nor columns. Such a table is not read
(a warning); fix or remove it so that every number of the section is checked.
"""
from reportlint.api import finding, row_span, table_model

CODE = "TBL015"
NAME = "unrecognised-table"
SUMMARY = "A table in a table section is not recognised"
SUMMARY_ZH = "章节中的表格无法识别"
SEVERITY = "warning"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for u in model.unrecognised:
        names = "、".join(dict.fromkeys(profile.tables[t].name.zh for t in u.specs)) or "?"
        title = profile.section(u.section).title
        at = row_span(u.table.rows[0]) if u.table.rows else u.table.span
        yield finding(at, f"this table in section '{title}' is not recognised as {names} (none of its rows are "
                          "rows of the format); it is not checked",
                      f"“{title}”中的此表格无法识别为{names}（没有格式规定的行），未参与检查",
                      data={"section": u.section})
