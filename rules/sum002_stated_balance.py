"""表三's stated balance does not hold: 一 + 二 ≠ （七）总计 + 四.

The format writes the relation into 表三's corner: “本列数据的勾稽关系为：第一项加第二项之和，
等于第三项加第四项之和” (new applications + carried over from last year = applications handled
this year + carried over to next year), for every column. It is the profile's ``stated``
relation. The finding sits on the balancing row, 四、结转下年度继续办理, and says what 结转 would
have to be for the balance to hold, with every term's label and value.
"""
from reportlint.api import relation_findings

CODE = "SUM002"
NAME = "stated-balance"
SUMMARY = "表三's stated balance 一 + 二 = （七） + 四 does not hold"
SUMMARY_ZH = "表三勾稽关系（第一项加第二项之和等于第三项加第四项之和）不成立"
SEVERITY = "error"


def check(doc, profile, options):
    yield from relation_findings(doc, profile, "stated")
