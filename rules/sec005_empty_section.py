"""An official section has no content.

A section heading followed directly by the next section (or by sub-headings with nothing under
them) says nothing. Write the content, or state explicitly that there is nothing to report
(e.g. ``本年度无其他需要报告的事项。``).
"""
from reportlint.api import finding, section_map

CODE = "SEC005"
NAME = "empty-section"
SUMMARY = "A section has no content"
SUMMARY_ZH = "章节没有内容"
SEVERITY = "error"


def check(doc, profile, options):
    sm = section_map(doc, profile)
    for sid, hit in sm.first.items():
        lines = sm.lines_of(sid)
        start, end = lines
        has_content = any(b.kind != "heading" and start <= b.span.line <= end for b in doc.blocks
                          if not (hit.paragraph is not None and b.obj is hit.paragraph))
        if hit.paragraph is not None and "\n" in hit.paragraph.text:
            has_content = True  # the plain-text title line is followed by text in the same paragraph
        if not has_content:
            yield finding(hit.span, f"section '{hit.spec.title}' is empty",
                          f"章节“{hit.spec.title}”没有内容", data={"section": sid})
