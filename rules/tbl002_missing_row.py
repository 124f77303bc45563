"""A row of a table is missing.

Every data row of the format must be there (a row with nothing to report holds 0). The finding
sits on the row after which the missing one should appear and names the official label. Rows
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
        for spec, at in lt.missing_rows():
            label = lt.row_label(spec.key)
            yield finding(at, f"{lt.name}: row '{label}' is missing (it belongs after this row)",
                          f"{lt.name}缺少“{label}”行（应位于此行之后）",
                          data={"table": lt.id, "row": spec.key})
