"""A section title differs from the official wording or numbering.

Known variants seen in real reports (e.g. ``五、政府信息公开工作存在的主要问题及改进情况`` for
``五、存在的主要问题及改进情况``) and near misses that keep the section's numbering (typos such as
``四、政府信息公开行政法复议、行政诉讼情况``) are accepted as the section, with this warning naming
the official title. Differences of whitespace, bracket width and numbering style are not
reported.

A title whose number is not the section's official number is the section its wording names
(reports following the Shanghai layout number the statutory parts ``一、主动公开政府信息情况`` …
``五、其他需要报告的事项``); the warning names the official number and title. A repeated title whose
number names a section that is otherwise missing (``三、主动公开政府信息情况`` between 二 and 四) is
read as that section, and its wording is reported. A sub-heading taken as a section because no
other heading is that section is said to be one.
"""
from reportlint.api import finding, section_map

CODE = "SEC006"
NAME = "section-title-variant"
SUMMARY = "A section title is not the official wording or numbering"
SUMMARY_ZH = "章节标题或序号与规定不一致"
SEVERITY = "warning"


def check(doc, profile, options):
    sm = section_map(doc, profile)
    duplicated = {id(h) for h in sm.duplicates}  # SEC004 reports those
    for hit in sm.hits:
        if id(hit) in duplicated:
            continue
        official = hit.spec.title
        data = {"section": hit.spec.id, "official": official}
        if hit.how == "numbered":
            en = (f"section title '{hit.written}' differs from the official title '{official}': read by its number "
                  f"as that section (its wording is that of '{hit.worded_as.title}', which is at line "
                  f"{sm.first[hit.worded_as.id].line})")
            zh = (f"章节标题“{hit.written}”与规定标题“{official}”不一致：按其序号视为该章节（其文字是"
                  f"“{hit.worded_as.title}”的标题，该章节在第 {sm.first[hit.worded_as.id].line} 行）")
        elif hit.ordinal_differs:
            n = hit.numbering.shown
            data["numbered"] = n
            if hit.how in ("variant", "fuzzy"):
                en = (f"section title '{hit.written}' differs from the official title '{official}': "
                      f"the section numbered {n} is the official {official}")
                zh = f"章节标题“{hit.written}”与规定标题“{official}”不一致：编号为“{n}”的章节是规定的“{official}”"
            else:
                en = (f"section numbered {n} is the official {official} ('{hit.written}'); "
                      "number the sections as the format does")
                zh = f"编号为“{n}”的章节是规定的“{official}”（“{hit.written}”），请按规定的序号编排章节"
        elif hit.how in ("variant", "fuzzy"):
            en = f"section title '{hit.written}' differs from the official title '{official}'"
            zh = f"章节标题“{hit.written}”与规定标题“{official}”不一致"
        elif hit.parent is not None:
            en = f"section title '{hit.written}' is taken as the official {official}"
            zh = f"章节标题“{hit.written}”被视为规定的“{official}”"
        else:
            continue
        if hit.parent is not None:
            en += (f", but it is a sub-heading of '{hit.parent.written}' (taken as the section because no other "
                   "heading is); give it the level of the other sections")
            zh += f"，但它是“{hit.parent.written}”下的小标题（因没有其他标题是该章节而视为该章节），请使用与其他章节相同的标题级别"
        yield finding(hit.span, en, zh, data=data)
