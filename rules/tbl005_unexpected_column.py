"""A table has a column the format does not have.

A header that names no column of the format, over cells that hold values, is reported at the
header cell (a warning: local additions exist). The column is not read.
"""
from reportlint.api import finding, table_model

CODE = "TBL005"
NAME = "unexpected-column"
SUMMARY = "A table has a column the format does not have"
SUMMARY_ZH = "表格中有格式规定以外的列"
SEVERITY = "warning"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for lt in model.tables.values():
        for x in lt.extra_columns:
            yield finding(x.cell, f"{lt.name}: column '{x.written}' is not in the format; it is not checked",
                          f"{lt.name}中的“{x.written}”列不是格式规定的列，未参与检查", data={"table": lt.id})
