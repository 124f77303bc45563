"""A percentage in the text does not follow from the counts it is a share of.

``其中予以公开及部分公开208件（17.46%）``, ``通过互联网提交申请有1件，占总数的50%``,
``其中予以公开或部分公开占58.5%``, ``答复…805件。予以公开及部分公开258件，占33.9%``: the
percentage is recomputed as part / whole × 100, where the part is the count stated with it (or,
when only the category is named, the table cells of that category) and the whole is the figure
the breakdown belongs to (the figure before ``其中``, the total named by ``在主动公开的信息中``, or
the count a sentence of parts follows). It is accepted when it equals the exact share rounded
half-up **or** truncated at the printed precision (``4.34%`` for 35/805 = 4.3478…%).

A count that contradicts its table cell (TXT001) is tried with the table's value too: a
percentage that follows from either is left to TXT001.

Severity: an error when the whole is certain — named by ``其中`` or ``在…中``, or, for a sentence
of parts without such a word, when another share of the same sentence follows from that whole.
When nothing in the text says what the percentage is a share of, the finding is a warning that
says which whole was assumed. Silence when the whole is not stated, is approximate (``5500余条``)
or is 0, when a count is approximate, when the category's table cells are unknown, and for rates
(``办结率100%``) and changes (``同比增长12%``), which are not shares.
"""
from decimal import ROUND_HALF_UP, Decimal

from reportlint.api import (ASSUMED, excerpt, finding, fits, num, percent_check, prose_of, quote, readings,
                            stated_values, whole_confirmed)

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
        if bd is None or pf is None or not pf.exact:
            continue
        whole = bd.whole.figure
        if whole is None or not whole.exact or whole.value == 0:
            continue
        whole_values = stated_values(doc, profile, bd.whole)
        if st.figure is not None:
            if not st.figure.exact:
                continue
            parts = stated_values(doc, profile, st)
            part_en = part_zh = excerpt(st)
        else:
            if bd.whole.scoped:
                continue  # a share of another body's or period's count: the tables say nothing of it
            rds = readings(doc, profile, st.concept)
            if not rds:
                continue
            parts = [rd.value for rd in rds]
            part_en = part_zh = rds[0].shown()
        if fits(pf, parts, whole_values):
            continue
        res = percent_check(pf.value, pf.decimals, parts[0], whole.value)
        if res is None:
            continue
        severity = None
        assumed_en = assumed_zh = ""
        if not whole_confirmed(doc, profile, bd, but=st):
            severity = "warning"
            assumed_en, assumed_zh = f" — {ASSUMED[0]}", f"——{ASSUMED[1]}"
        shown = f"{num(pf.value)}%"
        exact = num(res.exact.quantize(Decimal(1).scaleb(-(pf.decimals + 2)), rounding=ROUND_HALF_UP))
        calc = f"{num(parts[0])} / {num(whole.value)} × 100 = {exact}%"
        should, trunc = format(res.rounded, "f"), format(res.truncated, "f")  # at the printed precision
        alt_en = "" if res.rounded == res.truncated else f" or {trunc}% truncated"
        alt_zh = "" if res.rounded == res.truncated else f"，截断为{trunc}%"
        also_en = also_zh = ""
        others = [(p, w) for p in parts for w in whole_values if (p, w) != (parts[0], whole.value)]
        if others:
            tried = ", ".join(f"{num(p)} / {num(w)}" for p, w in others)
            also_en = f"; nor does it follow from the table's values ({tried})"
            also_zh = f"；按表格数值（{tried}）计算亦不符"
        whole_txt = f"“{quote(bd.whole.fragment())}”"
        yield finding(
            pf.span,
            f"{shown} does not match its counts: {calc}, so it should read {should}%{alt_en} "
            f"(part {part_en}, whole {whole_txt}{also_en}){assumed_en}",
            f"百分比{shown}与数量不符：{calc}，按所写精度四舍五入应为{should}%{alt_zh}"
            f"（部分：{part_zh}；总数：{whole_txt}{also_zh}）{assumed_zh}",
            severity=severity,
            data={"stated": str(pf.value), "part": str(parts[0]), "whole": str(whole.value),
                  "expected": str(res.rounded)})
