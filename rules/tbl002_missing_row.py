"""A row of a table is missing.

Every data row of the format must be there (a row with nothing to report holds 0). The finding
sits on the row after which the missing one should appear and names the official label (several rows missing at the same place are one finding). Rows
that a label of the other edition explains (a 2021 report writing （六）其他处理 as one row, as in
2019) are not reported here but once by TBL014.
"""
from reportlint.api import finding, table_model

CODE = "TBL002"
NAME = "missing-row"
SUMMARY = "A required table row is missing"
SUMMARY_ZH = "表格缺少规定的行"
SEVERITY = "error"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for lt in model.tables.values():
        by_anchor = {}
        for spec, at in lt.missing_rows():
            by_anchor.setdefault(at, []).append(spec)
        for at, specs in by_anchor.items():
            labels = [lt.row_label(s.key) for s in specs]
            if len(labels) == 1:
                en = f"{lt.name}: row '{labels[0]}' is missing (it belongs after this row)"
                zh = f"{lt.name}缺少“{labels[0]}”行（应位于此行之后）"
            else:
                en = f"{lt.name}: {len(labels)} rows are missing after this row: " + ", ".join(f"'{x}'" for x in labels)
                zh = f"{lt.name}在此行之后缺少 {len(labels)} 行：" + "、".join(f"“{x}”" for x in labels)
            yield finding(at, en, zh, data={"table": lt.id, "rows": [s.key for s in specs]})
