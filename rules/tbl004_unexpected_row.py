"""A table has a row the format does not have.

Local variants exist (Beijing splits 其他对外管理服务事项 into 行政检查 and 行政确认; Hubei adds 其他主动
公开文件), so this is a warning. A row written twice and a row without any label are reported too.
The row is not read: its values take part in no check.
"""
from reportlint.api import finding, table_model

CODE = "TBL004"
NAME = "unexpected-row"
SUMMARY = "A table has a row the format does not have"
SUMMARY_ZH = "表格中有格式规定以外的行"
SEVERITY = "warning"


def check(doc, profile, options):
    model = table_model(doc, profile)
    for lt in model.tables.values():
        for x in lt.extra_rows:
            if x.duplicate_of:
                first = lt.rows[x.duplicate_of].row.line
                label = lt.row_label(x.duplicate_of) or "(the data row)"
                yield finding(x.span, f"{lt.name}: row '{label}' appears again (first at line {first}); "
                                      f"this one is not read",
                              f"{lt.name}中“{label}”行重复出现（首次在第 {first} 行），此行未被读取",
                              data={"table": lt.id, "row": x.duplicate_of})
            elif not x.written:
                yield finding(x.span, f"{lt.name}: a row without a label; it is not read",
                              f"{lt.name}中有一行没有行标题，未被读取", data={"table": lt.id})
            elif x.parent:
                parent = lt.row_label(x.parent)
                yield finding(x.span, f"{lt.name}: row '{x.written}' is not in the format (a local sub-row of "
                                      f"'{parent}'?); it is not checked",
                              f"{lt.name}中的“{x.written}”行不是格式规定的行（“{parent}”的地方细分？），未参与检查",
                              data={"table": lt.id, "parent": x.parent})
            else:
                yield finding(x.span, f"{lt.name}: row '{x.written}' is not in the format; it is not checked",
                              f"{lt.name}中的“{x.written}”行不是格式规定的行，未参与检查", data={"table": lt.id})
