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
    duplicated = {h.spec.id for h in sm.duplicates}
    for sid, hit in sm.first.items():
        if sid in duplicated:
            continue  # SEC004 reports the repetition; one of the copies is usually the empty one
        if not sm.has_content(doc, sid):
            yield finding(hit.span, f"section '{hit.spec.title}' is empty",
                          f"章节“{hit.spec.title}”没有内容", data={"section": sid})
