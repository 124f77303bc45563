"""An official section appears more than once.

Usually a copy-paste accident. Every occurrence but the one taken as the section is reported:
the first, unless a later one sits at the level of the other official sections and the first
does not, or carries the official number and the first does not. A sub-heading that repeats an
official title (the sub-topic ``### （一）主动公开政府信息情况`` of 一、总体情况) is not a repetition
of the section.
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
        if first.line < hit.line:
            en = f"section '{hit.spec.title}' appears again (first at line {first.line})"
            zh = f"章节“{hit.spec.title}”重复出现（首次出现在第 {first.line} 行）"
        else:
            en = f"section '{hit.spec.title}' appears more than once (the one at line {first.line} is taken as the section)"
            zh = f"章节“{hit.spec.title}”重复出现（以第 {first.line} 行的为该章节）"
        yield finding(hit.span, en, zh, data={"section": hit.spec.id})
