"""The parts listed after ``其中`` add up to more than the whole they break down.

``政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结40件`` — the
parts of one breakdown (results, applicant types, channels, case results, categories of
published information) are disjoint, so they cannot exceed their whole. Listing fewer than all
(a smaller sum) is normal. Parts in brackets (``其他处理319件（含申请人主动撤回157件）``) are asides,
not parts; a nested ``其中`` starts its own breakdown; a figure of another kind ends the list.
Approximate figures (``5500余条``) are never summed. When the whole or a part contradicts its
table cell, TXT001 reports that figure and this rule stays silent (one root cause, one finding).
"""
from decimal import Decimal

from reportlint.api import contradiction, finding, num, prose_of, quote

CODE = "TXT004"
NAME = "breakdown-exceeds-whole"
SUMMARY = "The parts of a breakdown add up to more than the stated whole"
SUMMARY_ZH = "分项之和超过所述总数"
SEVERITY = "error"


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for bd in analysis.breakdowns:
        whole = bd.whole.figure
        parts = [p for p in bd.parts if p.figure is not None]
        if whole is None or whole.approx or not parts or any(p.figure.approx for p in parts):
            continue
        if any(contradiction(doc, profile, st) for st in (bd.whole, *parts)):
            continue  # TXT001 names the figure that differs from its table cell: one root cause
        total = sum((p.figure.value for p in parts), Decimal(0))
        if total <= whole.value:
            continue
        terms = " + ".join(num(p.figure.value) for p in parts)
        listed = "、".join(quote(p.fragment(), 24) for p in parts)
        yield finding(
            whole.span,
            f"the parts listed after it add up to {terms} = {num(total)}, more than the stated whole "
            f"{num(whole.value)} (“{quote(bd.whole.fragment())}”; parts: {listed})",
            f"所列分项之和{terms} = {num(total)}，超过所述总数{num(whole.value)}"
            f"（“{quote(bd.whole.fragment())}”；分项：{listed}）",
            data={"whole": str(whole.value), "parts": [str(p.figure.value) for p in parts]})
