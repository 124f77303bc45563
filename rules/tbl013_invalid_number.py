"""A count holds a decimal or a negative number, or an amount is negative.

Counts (件数, 申请数, 案件数) are whole numbers of at least 0; amounts (本年收费金额) may have
decimals but are not negative. Only the 2019 format's 本年增/减 takes negative numbers. Relations
that involve the cell are not evaluated.
"""
from reportlint.api import finding, num, table_model

CODE = "TBL013"
NAME = "invalid-number"
SUMMARY = "A count holds a decimal or negative number"
SUMMARY_ZH = "数量填写了小数或负数"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.cells_with("decimal", "negative"):
        data = {"table": c.table.id, "row": c.row_key, "column": c.col_key}
        if c.reason == "decimal":
            yield finding(c.span, f"{c.label} is {num(c.parsed.number)}, but it counts things: a whole number",
                          f"{c.label} 为 {num(c.parsed.number)}，但该项为数量，应为整数", data=data)
        elif c.reason == "negative":
            what = "a count" if c.column.kind == "integer" else "an amount"
            what_zh = "数量" if c.column.kind == "integer" else "金额"
            yield finding(c.span, f"{c.label} is {num(c.parsed.number)}, but {what} cannot be negative",
                          f"{c.label} 为 {num(c.parsed.number)}，{what_zh}不能为负数", data=data)
