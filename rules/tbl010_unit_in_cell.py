"""A table cell holds a number with a unit (``251000元``, ``12件``).

The unit of a column belongs in its header (本年收费金额（单位：万元）); cells hold the number alone.
A count with a count unit (件, 个, 项 …) or an amount already in the header's unit (万元 in a 万元
column) has a safe fix that removes the unit. A sum in another unit (251000元 in a 万元 column,
or a column whose unit the format does not state) is not converted: that is for a person to do.
"""
from reportlint.api import cell_fix, finding, num, table_model

CODE = "TBL010"
NAME = "unit-in-cell"
SUMMARY = "A table cell holds a unit besides its number"
SUMMARY_ZH = "表格单元格中带有单位"
SEVERITY = "error"

_COUNT_UNITS = {"件", "个", "项", "条", "次", "人", "人次", "家", "份", "起", "宗", "户", "笔"}


def _fix(c):
    unit = c.parsed.unit
    col = c.column
    header = (col.label or "") + " ".join(getattr(col, "variants", []) or [])
    ok = (col.kind == "integer" and unit in _COUNT_UNITS) or (col.kind == "decimal" and unit and unit in header)
    return cell_fix(c.cell, num(c.parsed.number)) if ok else None


def check(doc, profile, options):
    model = table_model(doc, profile)
    for c in model.cells_with("unit"):
        t = c.cell.text
        n = num(c.parsed.number)
        yield finding(c.span, f"{c.label} holds '{t}': write the number alone ({n}), in the unit of the column",
                      f"{c.label} 填写为“{t}”：单元格只填写数字（{n}），单位以表头为准",
                      fix=_fix(c), data={"table": c.table.id, "row": c.row_key, "column": c.col_key,
                                          "unit": c.parsed.unit})
