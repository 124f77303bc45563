"""One cell explains several broken totals: the likely culprit.

A wrong number usually breaks more than one relation: a cell of 表三 is in its row's 总计 and in
its column's （七）总计. Each broken relation is reported at its total (SUM001, SUM002); this note
sits on the one cell that alone explains all of them and gives the value that would make every
one of them hold. It is only given when that cell is the single such explanation.
"""
from reportlint.api import cell_data, document_evaluations, finding, likely_culprits, num

CODE = "SUM005"
NAME = "likely-culprit"
SUMMARY = "One cell explains several broken totals"
SUMMARY_ZH = "一个单元格导致多处合计不符"
SEVERITY = "info"


def check(doc, profile, options):
    for c in likely_culprits(document_evaluations(doc, profile)):
        if c.cell.span is None:
            continue
        labels = list(dict.fromkeys(e.target.cell.label for e in c.relations if e.target is not None))
        totals, totals_zh = "; ".join(labels), "；".join(labels)
        n = len(c.relations)
        yield finding(c.cell.span,
                      f"{c.cell.label} = {num(c.cell.value)} is the likely culprit: it breaks {n} relations "
                      f"(reported at {totals}); with {num(c.value)} all of them hold",
                      f"{c.cell.label} = {num(c.cell.value)} 可能是出错的单元格：它导致 {n} 处关系不成立"
                      f"（见 {totals_zh}）；若为 {num(c.value)}，这些关系全部成立",
                      data={"value": str(c.value), "relations": [e.relation.id for e in c.relations],
                            "cell": cell_data(c.cell), "totals": labels})
