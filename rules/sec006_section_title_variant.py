"""A section title differs from the official wording.

Known variants seen in real reports (e.g. ``五、政府信息公开工作存在的主要问题及改进情况`` for
``五、存在的主要问题及改进情况``) and near misses that keep the section's numbering (typos such as
``四、政府信息公开行政法复议、行政诉讼情况``) are accepted as the section, with this warning naming
the official title. Differences of whitespace, bracket width and numbering style are not
reported.
"""
from reportlint.api import finding, section_map

CODE = "SEC006"
NAME = "section-title-variant"
SUMMARY = "A section title is not the official wording"
SUMMARY_ZH = "章节标题与规定表述不一致"
SEVERITY = "warning"


def check(doc, profile, options):
    sm = section_map(doc, profile)
    for hit in sm.hits:
        if hit.how in ("variant", "fuzzy"):
            yield finding(hit.span, f"section title '{hit.written}' differs from the official title '{hit.spec.title}'",
                          f"章节标题“{hit.written}”与规定标题“{hit.spec.title}”不一致",
                          data={"section": hit.spec.id, "official": hit.spec.title})
