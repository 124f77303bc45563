"""A column of a table is missing.

Every data column of the format must be there. The finding sits on the header row and names the
official label. When the table carries the other edition's columns instead (本年新制作数量 … in a
2021 report), TBL014 reports that once and this rule stays silent.
"""
from reportlint.api import finding, table_model

CODE = "TBL003"
NAME = "missing-column"
SUMMARY = "A required table column is missing"
SUMMARY_ZH = "表格缺少规定的列"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for lt in model.tables.values():
        for spec in lt.missing_columns():
            label = lt.column_label(spec.key)
            yield finding(lt.span, f"{lt.name}: column '{label}' is missing",
                          f"{lt.name}缺少“{label}”列", data={"table": lt.id, "column": spec.key})
