"""A value is implausible given the others (a plausibility relation does not hold).

The profile's ``heuristic`` relations are not written in the format but follow from what the
cells mean, e.g. 2021 表二: 本年制发件数 <= 现行有效件数 + 本年废止件数 (a document made this year is
either still valid or was repealed); 2019 表二: 对外公开总数量 >= 本年新公开数量. They can fail
legitimately, so this is a warning.
"""
from reportlint.api import relation_findings

CODE = "SUM003"
NAME = "implausible-value"
SUMMARY = "A value is implausible given the others"
SUMMARY_ZH = "数据之间的关系不合常理"
SEVERITY = "warning"


def check(doc, profile, options):
    yield from relation_findings(doc, profile, "heuristic")
