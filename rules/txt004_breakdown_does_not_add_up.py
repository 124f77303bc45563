"""The parts a text lists for a whole do not add up to it.

``政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结40件`` — the
parts of one breakdown (results, applicant types, channels, case results, categories of
published information) are disjoint, so they cannot add up to more than their whole. A list that
names only some parts may add up to less; but a list that names them all — every category of the
profile's ``complete`` set for that whole (the six results of 表三 for ``答复…N件``, the four case
results for ``行政复议N件``), or ending with the rest (``其他1件``) — must add up to the whole
exactly: ``答复…805件。予以公开及部分公开258件，不予公开35件，…无法提供265件，不予处理158件，其他处理0件``
adds up to 716.

Parts in brackets (``其他处理319件（含申请人主动撤回157件）``) are asides, not parts; a nested
``其中`` starts its own breakdown; a figure of another kind ends the list. A sentence of parts
without ``其中`` right after a sentence that ends with its whole is a breakdown of that whole when
the parts are of the kind the whole's ``complete`` set names; when no share in the sentence follows
from that whole (nothing confirms which count the parts are of), the finding is a warning that
says so. Approximate figures (``5500余条``) are
never summed. When the whole or a part contradicts its table cell, TXT001 reports that figure and
this rule stays silent (one root cause, one finding).
"""
from decimal import Decimal

from reportlint.api import ASSUMED, contradiction, excerpt, finding, num, prose_of, quote, whole_confirmed

CODE = "TXT004"
NAME = "breakdown-does-not-add-up"
SUMMARY = "The parts of a breakdown do not add up to the stated whole"
SUMMARY_ZH = "分项之和与所述总数不符"
SEVERITY = "error"


def _complete(bd) -> bool:
    """Does the breakdown name all parts of its whole?"""
    concepts = [p.concept for p in bd.parts if p.concept is not None]
    if concepts and concepts[-1].residual:
        return True
    w = bd.whole.concept
    if w is None or not w.complete:
        return False
    named = set()
    for c in concepts:
        named.add(c.id)
        named |= c.subs
    return any(group <= named for group in w.complete)


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for bd in analysis.breakdowns:
        whole = bd.whole.figure
        parts = [p for p in bd.parts if p.figure is not None]
        if whole is None or not whole.exact or not parts or not all(p.figure.exact for p in parts):
            continue
        if any(contradiction(doc, profile, st) for st in (bd.whole, *parts)):
            continue  # TXT001 names the figure that differs from its table cell: one root cause
        total = sum((p.figure.value for p in parts), Decimal(0))
        if total == whole.value or (total < whole.value and not _complete(bd)):
            continue
        terms = " + ".join(num(p.figure.value) for p in parts)
        listed = "、".join(quote(p.fragment(), 24) for p in parts)
        frag = excerpt(bd.whole)
        if total > whole.value:
            en = f"more than the stated whole {num(whole.value)}"
            zh = f"超过所述总数{num(whole.value)}"
        else:
            en = f"less than the stated whole {num(whole.value)}, though they name every part of it"
            zh = f"少于所述总数{num(whole.value)}，而所列分项已涵盖其全部类别"
        severity = None
        if not whole_confirmed(doc, profile, bd):
            severity = "warning"
            en += f" — {ASSUMED[0]}"
            zh += f"——{ASSUMED[1]}"
        yield finding(
            whole.span,
            f"{frag}: the parts listed for it add up to {terms} = {num(total)}, {en} (parts: {listed})",
            f"{frag}：所列分项之和{terms} = {num(total)}，{zh}（分项：{listed}）",
            severity=severity,
            data={"whole": str(whole.value), "parts": [str(p.figure.value) for p in parts]})
