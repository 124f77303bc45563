"""A total does not equal the sum of its parts.

Evaluates the profile's ``structural`` relations with exact decimal arithmetic. For
政府信息公开工作年度报告: 表三's 总计 column equals its six applicant columns (every row), （七）总计
equals the sum of every result row including every sub-row of （三）（四）（五）（六） (every column),
and each of 表四's three blocks' 总计 equals its four results.

The finding sits on the cell that should hold the total and names every term with its label
and value, the value the total would need and the difference. A relation with a blank,
non-numeric or missing term is not evaluated (a TBL finding already covers the cell). Relations
are data: add one to a profile (``relations:`` with ``expr``) and this rule checks it.
"""
from reportlint.api import relation_findings

CODE = "SUM001"
NAME = "total-mismatch"
SUMMARY = "A total does not equal the sum of its parts"
SUMMARY_ZH = "合计数与分项之和不符"
SEVERITY = "error"


def check(doc, profile, options):
    yield from relation_findings(doc, profile, "structural")
