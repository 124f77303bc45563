"""An official section is missing.

The six sections of the format (一、总体情况 … 六、其他需要报告的事项) must each be present as a
heading (any level). Titles are matched after NFKC normalisation, ignoring whitespace, bracket
width and numbering, so ``### 3. 收到和处理政府信息公开申请情况`` counts as section 三. The finding
is placed at the heading the missing section should follow (or at the title when no earlier
section is there; the message then names the section it should come before).
"""
from reportlint.api import finding, section_map

CODE = "SEC002"
NAME = "missing-section"
SUMMARY = "An official section is missing"
SUMMARY_ZH = "缺少规定的章节"
SEVERITY = "error"


def check(doc, profile, options):
    sm = section_map(doc, profile)
    order = [s.id for s in profile.sections]
    for spec in sm.missing:
        before = [sid for sid in order[: order.index(spec.id)] if sid in sm.first]
        if before:
            anchor = sm.first[before[-1]]
            at, where_en, where_zh = anchor.span, f"after '{anchor.written}'", f"应位于“{anchor.written}”之后"
        else:
            at = doc.h1s[0].span if doc.h1s else doc.line_span(doc.body_start_line if doc.body_start_line <= len(doc.lines) else 1)
            after = [sid for sid in order[order.index(spec.id) + 1:] if sid in sm.first]
            if after:
                nxt = sm.first[after[0]].written
                where_en, where_zh = f"before '{nxt}'", f"应位于“{nxt}”之前"
            else:
                where_en, where_zh = "no official section was found", "未找到任何规定章节"
        yield finding(at, f"section '{spec.title}' is missing ({where_en})",
                      f"缺少章节“{spec.title}”（{where_zh}）", data={"section": spec.id})
