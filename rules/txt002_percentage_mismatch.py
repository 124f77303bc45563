"""A percentage in the text does not follow from the counts it is a share of.

``其中予以公开及部分公开208件（17.46%）``, ``通过互联网提交申请有1件，占总数的50%``,
``其中予以公开或部分公开占58.5%``: the percentage is recomputed as part / whole × 100, where the
part is the count stated with it (or, when only the category is named, the table cells of that
category) and the whole is the figure the breakdown belongs to (the figure before ``其中``, or the
total named by ``在主动公开的信息中``). It is accepted when it equals the exact share rounded
half-up **or** truncated at the printed precision (``0.21%`` for 1/458 = 0.218…%).

Silence when the whole is not stated, is approximate (``5500余条``) or is 0, when a count is
approximate, when the category's table cells are blank, and for rates (``办结率100%``) and changes
(``同比增长12%``), which are not shares; and when the part or the whole contradicts its table
cell (TXT001 reports that figure).
"""
from decimal import ROUND_HALF_UP, Decimal

from reportlint.api import contradiction, finding, num, percent_check, prose_of, quote, readings

CODE = "TXT002"
NAME = "percentage-mismatch"
SUMMARY = "A stated percentage does not match the counts it is a share of"
SUMMARY_ZH = "文中百分比与其所占数量不符"
SEVERITY = "error"


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for st in analysis.percents:
        bd = st.breakdown
        pf = st.percent
        if bd is None or pf is None or pf.approx:
            continue
        whole = bd.whole.figure
        if whole is None or whole.approx or whole.value == 0:
            continue
        if contradiction(doc, profile, bd.whole) or (st.figure is not None and contradiction(doc, profile, st)):
            continue  # TXT001 reports the count that differs from its table cell
        whole_txt = f"“{quote(bd.whole.fragment())}”"
        if st.figure is not None:
            if st.figure.approx:
                continue
            parts = [(st.figure.value, f"“{quote(st.fragment())}”", f"“{quote(st.fragment())}”")]
        else:
            if bd.whole.scoped:
                continue  # a share of another body's or period's count: the tables say nothing of it
            rds = readings(doc, profile, st.concept)
            if not rds:
                continue
            parts = [(rd.value, rd.shown(), rd.shown()) for rd in rds]
        checks = [(percent_check(pf.value, pf.decimals, part, whole.value), part, en, zh)
                  for part, en, zh in parts]
        checks = [c for c in checks if c[0] is not None]
        if not checks or any(c[0].ok for c in checks):
            continue
        res, part, part_en, part_zh = checks[0]
        shown = f"{num(pf.value)}%"
        exact = num(res.exact.quantize(Decimal(1).scaleb(-(pf.decimals + 2)), rounding=ROUND_HALF_UP))
        calc = f"{num(part)} / {num(whole.value)} × 100 = {exact}%"
        alt_en = "" if res.rounded == res.truncated else f" or {num(res.truncated)}% truncated"
        alt_zh = "" if res.rounded == res.truncated else f"，截断为{num(res.truncated)}%"
        yield finding(
            pf.span,
            f"{shown} does not match its counts: {calc}, so it should read {num(res.rounded)}%{alt_en} "
            f"(part {part_en}, whole {whole_txt})",
            f"百分比{shown}与数量不符：{calc}，按所写精度四舍五入应为{num(res.rounded)}%{alt_zh}"
            f"（部分：{part_zh}；总数：{whole_txt}）",
            data={"stated": str(pf.value), "part": str(part), "whole": str(whole.value),
                  "expected": str(res.rounded)})
