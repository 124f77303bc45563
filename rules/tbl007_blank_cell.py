"""A table cell that must hold a number is blank.

The format wants a number in every data cell, 0 when there is nothing to report. A blank is not
0 and is never treated as 0: relations that involve a blank cell are not evaluated. A row whose
cells are all blank is reported once, on that row's own line (from its label), and so is a table
that holds no value at all.
"""
from reportlint.api import finding, row_span, table_model

CODE = "TBL007"
NAME = "blank-cell"
SUMMARY = "A table cell is blank"
SUMMARY_ZH = "表格单元格为空"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    with_blanks = {c.table.id for c in model.cells_with("blank")}
    for lt in model.tables.values():
        if lt.id not in with_blanks:
            continue
        cells = list(lt.cells.values())
        if cells and all(c.reason == "blank" for c in cells):
            which = "its only cell is blank" if len(cells) == 1 else f"all {len(cells)} cells are blank"
            yield finding(lt.span, f"{lt.name} holds no values: {which} "
                                   "(write 0 where there is nothing to report)",
                          f"{lt.name}没有填写任何数据：{len(cells)} 个单元格均为空（无相关情况的填 0）",
                          data={"table": lt.id})
            continue
        by_row = {}
        for c in cells:
            by_row.setdefault(c.row_key, []).append(c)
        for rk, row_cells in by_row.items():
            blank = [c for c in row_cells if c.reason == "blank"]
            if not blank:
                continue
            if len(row_cells) > 1 and len(blank) == len(row_cells):
                label = lt.row_label(rk) or lt.name
                yield finding(lt.row_span(rk) or row_span(blank[0].row), f"{lt.name}: all {len(blank)} cells of row '{label}' are "
                                                      "blank (write 0 where there is nothing to report)",
                              f"{lt.name}“{label}”行的 {len(blank)} 个单元格均为空（无相关情况的填 0）",
                              data={"table": lt.id, "row": rk})
                continue
            for c in blank:
                yield finding(c.span, f"{c.label} is blank (write 0 if there is nothing to report; a blank is not 0)",
                              f"{c.label} 为空（无相关情况的填 0；空白不等于 0）",
                              data={"table": lt.id, "row": c.row_key, "column": c.col_key})
