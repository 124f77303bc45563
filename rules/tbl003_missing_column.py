"""A column of a table is missing.

Every data column of the format must be there. The finding sits on the header row and names the
official label (all missing columns of a table in one finding). When the table carries the other edition's columns instead (本年新制作数量 … in a
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
        missing = lt.missing_columns()
        if not missing:
            continue
        labels = [lt.column_label(c.key) for c in missing]
        if len(labels) == 1:
            en, zh = f"{lt.name}: column '{labels[0]}' is missing", f"{lt.name}缺少“{labels[0]}”列"
        else:
            en = f"{lt.name}: {len(labels)} columns are missing: " + ", ".join(f"'{x}'" for x in labels)
            zh = f"{lt.name}缺少 {len(labels)} 列：" + "、".join(f"“{x}”" for x in labels)
        yield finding(lt.span, en, zh, data={"table": lt.id, "columns": [c.key for c in missing]})
