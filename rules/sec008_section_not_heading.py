"""A section title is written as plain text instead of a heading.

Converted reports often lose the heading markup: the line ``六、其他需要报告的事项`` is there, but as
an ordinary paragraph. The section is recognised (and not reported as missing); make the line a
heading (``## 六、其他需要报告的事项``) so that it shows in outlines and links.
"""
from reportlint.api import finding, section_map

CODE = "SEC008"
NAME = "section-not-heading"
SUMMARY = "A section title is plain text, not a heading"
SUMMARY_ZH = "章节标题未使用标题格式"
SEVERITY = "warning"


def check(doc, profile, options):
    sm = section_map(doc, profile)
    for hit in sm.hits:
        if hit.how == "plain":
            yield finding(hit.span, f"section title '{hit.written}' is plain text; make it a heading (## {hit.spec.title})",
                          f"章节标题“{hit.written}”是普通文本，应使用标题格式（## {hit.spec.title}）",
                          data={"section": hit.spec.id})
