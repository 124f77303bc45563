"""A table cell holds text that is not a number.

Text such as ``若干`` or a note next to the number (``22（其中修订 16 件）``) cannot be checked: write
the number alone and move notes out of the table (e.g. into a note below it). Units, Chinese
numerals and signed changes in words have rules of their own (TBL010-TBL012).
"""
from reportlint.api import finding, num, table_model

CODE = "TBL009"
NAME = "non-numeric-cell"
SUMMARY = "A table cell holds text that is not a number"
SUMMARY_ZH = "表格单元格填写了非数字内容"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.cells_with("non-numeric", "note"):
        t = c.cell.text.replace("\n", " ")
        data = {"table": c.table.id, "row": c.row_key, "column": c.col_key}
        if c.reason == "non-numeric":
            yield finding(c.span, f"{c.label} holds '{t}', which is not a number",
                          f"{c.label} 填写为“{t}”，不是数字", data=data)
        elif c.reason == "note":
            n = num(c.parsed.number)
            yield finding(c.span, f"{c.label} holds '{t}': a note next to the number {n}; write the number alone "
                                  "and move the note out of the table",
                          f"{c.label} 填写为“{t}”：数字 {n} 旁附有说明，单元格只应填写数字，说明请移至表外", data=data)
