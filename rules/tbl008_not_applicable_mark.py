"""A table cell holds a "not applicable" mark instead of a number.

``/``, ``-``, ``—``, ``无`` and ``不适用`` are common in real reports, but every cell of the format is a
number: write 0 when there is nothing to report. Relations that involve the cell are not
evaluated.
"""
from reportlint.api import finding, table_model

CODE = "TBL008"
NAME = "not-applicable-mark"
SUMMARY = "A table cell holds a not-applicable mark instead of a number"
SUMMARY_ZH = "表格单元格填写了“无”“/”等符号而非数字"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.cells_with("not-applicable"):
        t = c.cell.text
        yield finding(c.span, f"{c.label} holds '{t}'; the format expects a number (write 0 if there is "
                              "nothing to report)",
                      f"{c.label} 填写为“{t}”，格式要求填写数字（无相关情况的填 0）",
                      data={"table": c.table.id, "row": c.row_key, "column": c.col_key})
