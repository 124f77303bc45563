"""A table cell holds a Chinese numeral (``十``, ``二十三``) instead of digits.

Numbers in tables are written in Arabic digits. The fix writes the same number in digits
(safe: the numeral has exactly one value).
"""
from reportlint.api import cell_fix, finding, num, table_model

CODE = "TBL011"
NAME = "chinese-numeral"
SUMMARY = "A table cell holds a Chinese numeral"
SUMMARY_ZH = "表格单元格使用了中文数字"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.cells_with("chinese-numeral"):
        n = num(c.parsed.number)
        cell = c.cell
        fix = cell_fix(cell, n) if not c.parsed.unit else None
        yield finding(c.span, f"{c.label} holds the Chinese numeral '{cell.text}'; write {n}",
                      f"{c.label} 使用了中文数字“{cell.text}”，应写作 {n}", fix=fix,
                      data={"table": c.table.id, "row": c.row_key, "column": c.col_key})
