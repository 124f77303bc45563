"""A table cell holds a Chinese numeral (``十``, ``二十三``) instead of digits.

Numbers in tables are written in Arabic digits. The fix writes the same number in digits
(safe: the numeral has exactly one value).
"""
from reportlint.api import Edit, Fix, Message, finding, num, table_model

CODE = "TBL011"
NAME = "chinese-numeral"
SUMMARY = "A table cell holds a Chinese numeral"
SUMMARY_ZH = "表格单元格使用了中文数字"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.all_cells():
        if c.reason != "chinese-numeral":
            continue
        n = num(c.parsed.number)
        cell = c.cell
        fix = None
        if cell.span.line == cell.span.end_line and cell.raw == cell.text and not c.parsed.unit:
            fix = Fix((Edit(cell.span, n),), Message(f"write {n}", f"改为 {n}"), "safe")
        yield finding(c.span, f"{c.label} holds the Chinese numeral '{cell.text}'; write {n}",
                      f"{c.label} 使用了中文数字“{cell.text}”，应写作 {n}", fix=fix,
                      data={"table": c.table.id, "row": c.row_key, "column": c.col_key})
