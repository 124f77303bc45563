"""The front matter is not valid YAML (or is not closed, or is an alias bomb).

Reported at the line and column where the YAML parser stopped. Duplicate keys are errors too:
YAML would silently keep only one of the values. A block whose aliases expand to thousands of
values (a "billion laughs" bomb) is refused without expanding it.
"""
from reportlint.api import finding

CODE = "FM002"
NAME = "invalid-front-matter"
SUMMARY = "Front matter is not valid YAML"
SUMMARY_ZH = "前置元数据不是有效的 YAML"
SEVERITY = "error"
REQUIRES_PROFILE = False


def check(doc, profile, options):
    fm = doc.front_matter
    if fm is not None and fm.error is not None:
        yield finding(fm.error.span, fm.error.message_en, fm.error.message_zh)
