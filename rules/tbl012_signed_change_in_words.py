"""A change is written in words (``减263``, ``增加5``) instead of a signed number.

The 2019 format's 本年增/减 column holds a signed number: a decrease is negative (``-263``; Hubei's
filling notes: “减用负值表示，如-8”). In a column that takes signed numbers the fix writes ``-263``
(safe: 减 says minus). In a count column a change has no place at all: there is no fix.
"""
from reportlint.api import cell_fix, finding, num, table_model

CODE = "TBL012"
NAME = "signed-change-in-words"
SUMMARY = "A change is written in words instead of a signed number"
SUMMARY_ZH = "增减数以文字表示而非带符号的数字"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.cells_with("signed-words"):
        n = num(c.parsed.number)
        cell = c.cell
        signed_column = c.column.min is None
        fix = cell_fix(cell, n) if signed_column else None
        if signed_column:
            en = f"{c.label} holds '{cell.text}': write the change as a signed number, {n}"
            zh = f"{c.label} 填写为“{cell.text}”：增减数应以带符号的数字表示，即 {n}"
        else:
            en = f"{c.label} holds '{cell.text}', a change in words; the column holds a count"
            zh = f"{c.label} 填写为“{cell.text}”，是文字表示的增减；该列应填写数量"
        yield finding(c.span, en, zh, fix=fix, data={"table": c.table.id, "row": c.row_key, "column": c.col_key})
