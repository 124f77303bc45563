"""The official sections are not in the official order.

The sections must follow the order of the format (一 to 六). The sections that break the order
are the fewest that, taken out, leave the rest in order; each is reported at its heading.
"""
from reportlint.api import finding, section_map

CODE = "SEC003"
NAME = "section-order"
SUMMARY = "Sections are out of the official order"
SUMMARY_ZH = "章节顺序不符合规定"
SEVERITY = "error"


def _longest_increasing(seq):
    """Indices of one longest strictly increasing subsequence of ``seq``."""
    n = len(seq)
    best = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: (best[k], -k))
    keep = set()
    while i != -1:
        keep.add(i)
        i = prev[i]
    return keep


def check(doc, profile, options):
    sm = section_map(doc, profile)
    hits = [sm.first[s.id] for s in profile.sections if s.id in sm.first]
    hits.sort(key=lambda h: h.line)
    orders = [h.spec.order for h in hits]
    keep = _longest_increasing(orders)
    for i, hit in enumerate(hits):
        if i in keep:
            continue
        after = next((hits[j] for j in range(i - 1, -1, -1) if j in keep and hits[j].spec.order > hit.spec.order), None)
        ref_en = f" but comes after '{after.spec.title}'" if after else ""
        ref_zh = f"，却出现在“{after.spec.title}”之后" if after else ""
        yield finding(hit.span, f"section '{hit.spec.title}' is out of order: it is section {hit.spec.order} of "
                                f"{len(profile.sections)}{ref_en}",
                      f"章节“{hit.spec.title}”顺序错误：应为第 {hit.spec.order} 个章节（共 {len(profile.sections)} 个）{ref_zh}",
                      data={"section": hit.spec.id})
