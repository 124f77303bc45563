"""An official section appears more than once.

Usually a copy-paste accident, or a sub-heading that repeats the section title. The second and
later occurrences are reported.
"""
from reportlint.api import finding, section_map

CODE = "SEC004"
NAME = "duplicate-section"
SUMMARY = "A section appears more than once"
SUMMARY_ZH = "章节重复出现"
SEVERITY = "error"


def check(doc, profile, options):
    sm = section_map(doc, profile)
    for hit in sm.duplicates:
        first = sm.first[hit.spec.id]
        yield finding(hit.span, f"section '{hit.spec.title}' appears again (first at line {first.line})",
                      f"章节“{hit.spec.title}”重复出现（首次出现在第 {first.line} 行）", data={"section": hit.spec.id})
