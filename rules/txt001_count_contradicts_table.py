"""A count stated in the text contradicts the table cell it names.

The text names a cell when its words leave no doubt; which words name which cell is the
profile's prose vocabulary (``prose:`` in ``schemas/profiles/gov-info-disclosure.yaml``). For the
政府信息公开工作年度报告: ``本年新收…申请N件`` is 表三 一、本年新收 / 总计; ``上年结转N件`` is 二、上年结转;
``办结/答复N件`` is （七）总计; ``结转下年度 / 转下一年度N件`` is 四、结转下年度继续办理; a result category
names its row even before a verb (``同意公开答复9件`` is （一）予以公开, ``不予公开答复2件`` the （三）
group, ``予以公开及部分公开258件`` （一）+（二）), and so do the reasons (``属于国家秘密``,
``本机关不掌握相关政府信息`` …); ``自然人 / 法人或其他组织 / 商业企业…N件`` are the applicant columns;
``行政复议N件`` is 表四 行政复议 总计, ``行政诉讼N件`` the sum of both litigation blocks' 总计, and
``其中结果维持/纠正/其他结果/尚未审结N件`` after them those results; ``制发/废止/现行有效 规范性文件
（规章）N件``, ``作出行政处罚决定N件`` and ``行政事业性收费N万元`` are 表二 cells.

Several readings are accepted where reports differ: ``收到/受理…申请N件`` is 本年新收 in some
reports and 本年新收 + 上年结转 in others (applicant counts likewise); ``办理N件`` may also be
（七）总计. A finding is raised only when the figure matches none of them, and it names every
reading with its computation and, when one cell next to them holds the stated number, that cell
(``258 is 表三 （一）予以公开 / 自然人``). A blank cell is used only when its table's own totals
prove its value (the message says so).

Precision over recall — nothing is said when:

- a figure's category or verb is not understood (``办结的申请中XX答复3件``), or it is a subset
  (``其中办结…``);
- the figure is approximate (``5500余件``, ``近300件``, ``1.2万件``) or touches an invisible character
  (a bidi control or zero-width space shows the reader other digits than the text holds);
- its words make it about something else than the table counts: a change (``较上年增加5件``),
  another period (``2023年``, ``上半年``), another body (``区政府办代表区政府受理…17件``, ``本级``,
  ``各部门``), a narrower or different set (``清理并集中发布现行有效…393件``, ``累计``, ``截至6月``,
  ``通过…渠道``);
- a cell it needs is not a number, not found, or its table contradicts itself (the TBL and SUM
  rules report that).
"""
from reportlint.api import contradiction, excerpt, finding, num, prose_of

CODE = "TXT001"
NAME = "count-contradicts-table"
SUMMARY = "A count stated in the text contradicts the table cell it names"
SUMMARY_ZH = "文中数字与其所指表格单元格不符"
SEVERITY = "error"


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for st in analysis.statements:
        c = contradiction(doc, profile, st)
        if not c:
            continue
        fig = st.figure
        said = num(fig.value)
        quoted = excerpt(st)
        rds = c.readings
        if len(rds) == 1:
            en = f"{quoted} names {rds[0].shown()}, not {said}"
            zh = f"{quoted}所指为{rds[0].shown()}，而非{said}"
        else:
            en = (f"{quoted} names {' or '.join(rd.shown() for rd in rds)} (the words allow either reading), "
                  f"not {said}")
            zh = f"{quoted}所指为{'或'.join(rd.shown() for rd in rds)}（两种口径均可），而非{said}"
        notes_en, notes_zh = [], []
        if c.hint:
            notes_en.append(f"{said} is {c.hint}")
            notes_zh.append(f"{said}是{c.hint}")
        for rd in rds:
            n_en, n_zh = rd.note()
            if n_en:
                notes_en.append(n_en)
                notes_zh.append(n_zh)
        if notes_en:
            en += f" ({'; '.join(notes_en)})"
            zh += f"（{'；'.join(notes_zh)}）"
        yield finding(fig.span, en, zh, data={
            "stated": str(fig.value), "concept": st.concept.id, "table": [str(rd.value) for rd in rds],
            "cells": [rd.label for rd in rds], "hint": c.hint})
