"""A statement in the text contradicts what the tables show.

Claims checked (each only where its sentence is about 政府信息公开 applications or cases):

- ``所有申请均已办结`` / ``均已按要求办理完成`` while 表三 四、结转下年度继续办理 / 总计 > 0 (not ``上年结转的申请均已办结``;
  not ``办结率100%``, which agencies compute over the applications that were due);
- ``无结转`` / ``无下年度结转`` while that cell > 0;
- ``均获维持`` while 表四 shows 结果纠正 or 尚未审结 cases (for 行政复议, 行政诉讼 or both, as the
  sentence says);
- ``均已结案`` / ``均已审结`` while 表四 shows 尚未审结 cases;
- ``未发生…被纠错 / 败诉`` while 表四 shows 结果纠正 cases;
- ``未发生行政复议 / 行政诉讼`` while 表四 shows cases;
- ``均为自然人申请`` while 表三 一、本年新收 has applications from 法人或其他组织;
- ``未收到政府信息公开申请`` while 表三 一、本年新收 / 总计 > 0.

``均在法定期限内予以答复`` is about timeliness, not about every application being finished, and is
not a claim. Nothing is said when a cell involved is blank or not a number.
"""
from decimal import Decimal

from reportlint.api import finding, num, prose_of, quote, table_sum

CODE = "TXT005"
NAME = "claim-contradicts-table"
SUMMARY = "A statement in the text contradicts the tables"
SUMMARY_ZH = "文中表述与表格矛盾"
SEVERITY = "error"

_T4 = "t4.r_cases."
_CASES = {
    "review": ["c_rev_total"],
    "lit": ["c_litd_total", "c_lita_total"],
}
_RESULT = {
    ("review", "correct"): ["c_rev_correct"], ("lit", "correct"): ["c_litd_correct", "c_lita_correct"],
    ("review", "pending"): ["c_rev_pending"], ("lit", "pending"): ["c_litd_pending", "c_lita_pending"],
}
_ORG = ["c_commercial", "c_research", "c_social", "c_legal", "c_other"]

_MEANING = {
    "all_done": ("says every application was completed", "称所有申请均已办结"),
    "none_carried": ("says nothing was carried over", "称无结转"),
    "all_upheld": ("says every case was upheld", "称均获维持"),
    "all_closed": ("says every case is closed", "称均已结案"),
    "no_correct": ("says no case was corrected or lost", "称未发生纠错或败诉"),
    "no_cases": ("says there was no case", "称未发生行政复议或行政诉讼"),
    "all_natural": ("says every applicant was a natural person", "称均为自然人申请"),
    "no_apps": ("says no application was received", "称未收到申请"),
}


def _kinds(scope):
    return ["review", "lit"] if scope == "both" else [scope]


def _contradiction(doc, profile, claim):
    """The table cells that contradict ``claim`` (each > 0), or [] / None (cannot tell)."""
    if claim.kind in ("all_done", "none_carried"):
        refs = ["t3.r_carry_out.c_total"]
    elif claim.kind == "no_apps":
        refs = ["t3.r_new.c_total"]
    elif claim.kind == "all_natural":
        refs = [f"t3.r_new.{c}" for c in _ORG]
    elif claim.kind == "all_upheld":
        refs = [_T4 + c for k in _kinds(claim.scope) for what in ("correct", "pending") for c in _RESULT[(k, what)]]
    elif claim.kind == "all_closed":
        refs = [_T4 + c for k in _kinds(claim.scope) for c in _RESULT[(k, "pending")]]
    elif claim.kind == "no_correct":
        refs = [_T4 + c for k in _kinds(claim.scope) for c in _RESULT[(k, "correct")]]
    elif claim.kind == "no_cases":
        refs = [_T4 + c for k in _kinds(claim.scope) for c in _CASES[k]]
    else:
        return None
    rds = table_sum(doc, profile, refs)
    if rds is None:
        return None
    return [rd for rd in rds if rd.value > 0]


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for claim in analysis.claims:
        bad = _contradiction(doc, profile, claim)
        if not bad:
            continue
        meaning_en, meaning_zh = _MEANING[claim.kind]
        shown = "; ".join(f"{rd.label} = {num(rd.value)}" for rd in bad)
        shown_zh = "；".join(f"{rd.label} = {num(rd.value)}" for rd in bad)
        frag = quote(claim.fragment())
        yield finding(
            claim.span,
            f"the text {meaning_en} (“{frag}”), but {shown}",
            f"正文{meaning_zh}（“{frag}”），但表格显示：{shown_zh}",
            data={"claim": claim.kind, "cells": {rd.label: str(rd.value) for rd in bad},
                  "total": str(sum((rd.value for rd in bad), Decimal(0)))})
