"""The shares of one whole stated in the text add up to more than 100%.

``其中予以公开或部分公开占58.5%、不予公开占7.3%、…`` — percentages of the same whole (the parts of
one breakdown, or categories of one kind listed in one sentence) can sum to a little more than
100% because each was rounded: up to half a unit of the printed precision each. A sum beyond that
is an error (a share taken from another base, a typo). Less than 100% is fine: reports list the
main categories only.
"""
from decimal import Decimal

from reportlint.api import finding, num, prose_of, quote

CODE = "TXT003"
NAME = "shares-exceed-whole"
SUMMARY = "Percentages of one whole add up to more than 100%"
SUMMARY_ZH = "同一总数的各项占比之和超过100%"
SEVERITY = "error"


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for group in analysis.share_groups:
        pcts = [st.percent for st in group if st.percent is not None]
        if len(pcts) < 2 or not all(p.exact for p in pcts):
            continue
        total = sum((p.value for p in pcts), Decimal(0))
        slack = sum((Decimal(5).scaleb(-(p.decimals + 1)) for p in pcts), Decimal(0))
        if total <= 100 + slack:
            continue
        last = pcts[-1]
        terms = " + ".join(f"{num(p.value)}%" for p in pcts)
        first, end = group[0].clause, group[-1].clause
        said = f"“{quote(first.norm.source_text(first.start, end.end), 60)}”"
        yield finding(
            last.span,
            f"these shares of one whole add up to {terms} = {num(total)}%, more than 100% "
            f"(rounding explains at most {num(100 + slack)}%): {said}",
            f"同一总数的各项占比之和为{terms} = {num(total)}%，超过100%（四舍五入最多可达{num(100 + slack)}%）：{said}",
            data={"total": str(total), "shares": [str(p.value) for p in pcts]})
