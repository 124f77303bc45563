"""The report must have exactly one level-1 heading: its title.

A missing H1 is reported at the first line of the body; every further H1 is reported where it
stands (section titles belong at level 2 or below).
"""
from reportlint.api import finding

CODE = "SEC001"
NAME = "title-heading"
SUMMARY = "The report needs exactly one H1 title"
SUMMARY_ZH = "报告应有且只有一个一级标题"
SEVERITY = "error"
REQUIRES_PROFILE = False


def check(doc, profile, options):
    if not doc.h1s:
        line = doc.body_start_line
        while line <= len(doc.lines) and not doc.lines[line - 1].strip():
            line += 1
        line = min(line, max(1, len(doc.lines)))
        yield finding(doc.line_span(line), "the report has no level-1 heading (# title)",
                      "报告缺少一级标题（# 标题）")
        return
    first = doc.h1s[0]
    for h in doc.h1s[1:]:
        yield finding(h.span,
                      f"a second level-1 heading '{h.title}'; the title is '{first.title}' (line {first.line}) — "
                      "use ## for sections",
                      f"出现第二个一级标题“{h.title}”；报告标题是第 {first.line} 行的“{first.title}”——章节请用 ##")
