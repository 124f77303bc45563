"""A topic the report must cover is never mentioned.

The profile lists topics a report must mention, optionally only for some reports (``when``) or
within one section. For 政府信息公开工作年度报告:

- 条例 第五十条第（四）项: the reports of people's governments (``level: government``) must cover
  工作考核、社会评议和责任追究结果情况; the warning names the parts never mentioned.
- 2021 edition, section 六: whether 信息处理费 were collected (国办函〔2020〕109号).

A mention is a plain substring match of any of a topic's terms (e.g. 考核 or 工作考核), so the
check errs on the side of silence. HTML comments are not read: they are not part of the report
(the hints ``reportlint new`` writes name the topics).
"""
from reportlint.api import CompactText, compact, finding, section_map, strip_comments

CODE = "SEC007"
NAME = "missing-mention"
SUMMARY = "A required topic is never mentioned"
SUMMARY_ZH = "未提及规定应报告的内容"
SEVERITY = "warning"


def _applies(mention, data):
    for key, allowed in (mention.when or {}).items():
        if data.get(key) not in allowed:
            return False
    return True


def check(doc, profile, options):
    fm = doc.front_matter
    data = fm.data if fm is not None and fm.data else {}
    sm = section_map(doc, profile)
    # NFKC, whitespace removed; HTML comments are not part of the report
    body = CompactText(strip_comments(doc.source_between(doc.body_start_line, len(doc.lines))))
    for m in profile.mentions:
        if not _applies(m, data):
            continue
        if m.section:
            lines = sm.lines_of(m.section)
            if lines is None or not sm.has_content(doc, m.section):
                continue  # the section is missing or empty: SEC002 / SEC005 say so
            text = CompactText(strip_comments(doc.source_between(*lines)))
            at = sm.first[m.section].span
        else:
            text = body
            first = sm.first.get(profile.sections[0].id)
            at = first.span if first else (doc.h1s[0].span if doc.h1s else doc.line_span(1))
        missing = [group for group in m.terms if not any(compact(t) in text for t in group)]
        if not missing:
            continue
        names = "、".join(g[0] for g in missing)
        basis_en = f" (required by {m.basis})" if m.basis else ""
        basis_zh = f"（依据{m.basis}）" if m.basis else ""
        where_en = f" in section '{profile.section(m.section).title}'" if m.section else ""
        where_zh = f"“{profile.section(m.section).title}”中" if m.section else "报告"
        yield finding(at, f"the report never mentions {names}{where_en}: {m.description.en}{basis_en}",
                      f"{where_zh}未提及{names}：应报告{m.description.zh}{basis_zh}",
                      severity=m.severity, data={"mention": m.id, "missing": [g[0] for g in missing]})
