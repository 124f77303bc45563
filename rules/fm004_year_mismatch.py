"""The ``year`` in the front matter disagrees with the year in the title or the H1.

``year: 2024`` with ``title: …2023年政府信息公开工作年度报告`` is a report copied from last year and
not fully updated (evaluations call this 内容雷同). The year is read from ``NNNN年`` in the title
and in the first level-1 heading.
"""
import re

from reportlint.api import finding

CODE = "FM004"
NAME = "year-mismatch"
SUMMARY = "Front matter year disagrees with the title or H1"
SUMMARY_ZH = "前置元数据的年度与标题不一致"
SEVERITY = "error"
REQUIRES_PROFILE = False

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def _title_year(text):
    m = _YEAR.search(text or "")
    return (int(m.group(1)), m.start(1), m.end(1)) if m else None


def check(doc, profile, options):
    fm = doc.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    year = fm.data.get("year")
    if not isinstance(year, int) or isinstance(year, bool):
        return
    title = fm.data.get("title")
    if isinstance(title, str):
        ty = _title_year(title)
        if ty and ty[0] != year:
            yield finding(fm.value_span("title"),
                          f"title says {ty[0]} but 'year' is {year}",
                          f"标题中的年度为 {ty[0]}，但 'year' 为 {year}")
    if doc.h1s:
        h1 = doc.h1s[0]
        hy = _title_year(h1.title)
        if hy and hy[0] != year:
            yield finding(h1.span, f"the H1 title says {hy[0]} but the front matter 'year' is {year}",
                          f"一级标题中的年度为 {hy[0]}，但前置元数据的 'year' 为 {year}")
