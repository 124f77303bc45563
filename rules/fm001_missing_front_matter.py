"""The report has no YAML front matter.

Every report starts with a front matter block that says what it is::

    ---
    profile: gov-info-disclosure
    edition: "2021"
    title: 淮安市人民政府2024年政府信息公开工作年度报告
    organization: 淮安市人民政府
    year: 2024
    level: government
    published: 2025-02-25
    ---

Without it reportlint cannot tell the report's year, edition or level; the checks that need
them fall back to the configured defaults.
"""
from reportlint.api import finding

CODE = "FM001"
NAME = "missing-front-matter"
SUMMARY = "The report has no YAML front matter"
SUMMARY_ZH = "报告缺少 YAML 前置元数据"
SEVERITY = "error"
REQUIRES_PROFILE = False


def check(doc, profile, options):
    if doc.front_matter is None:
        yield finding(doc.line_span(1),
                      "the report has no front matter: start the file with a '---' block giving profile, edition, "
                      "title, organization, year, level and published",
                      "报告缺少前置元数据：文件应以 '---' 块开头，写明 profile、edition、title、organization、year、"
                      "level 和 published")
