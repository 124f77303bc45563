"""A count stated in the text contradicts the table cell it names.

The text names a cell when its words leave no doubt (see ``reportlint.prose``): ``本年新收…申请N件``
is 表三 一、本年新收 / 总计; ``上年结转N件`` is 二、上年结转; ``办结/答复N件`` is （七）总计; ``结转下年度N件``
is 四、结转下年度继续办理; ``予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理N件`` and their
sub-rows (``属于国家秘密``, ``本机关不掌握相关政府信息`` …) are those rows' 总计 (a group: the sum of
its rows); ``自然人 / 法人或其他组织 / 商业企业…N件`` are the applicant columns; ``行政复议N件`` is 表四
行政复议 总计, ``行政诉讼N件`` the sum of both litigation blocks' 总计, and ``其中结果维持/纠正/其他结果/
尚未审结N件`` after them those results; ``制发/废止/现行有效 规范性文件（规章）N件``, ``作出行政处罚决定N件``
and ``行政事业性收费N万元`` are 表二 cells.

Several readings are accepted where reports differ: ``收到/受理…申请N件`` is 本年新收 in some
reports and 本年新收 + 上年结转 in others (applicant counts likewise); ``办理N件`` may also be
（七）总计. A finding is raised only when the figure matches none of them.

Precision over recall — nothing is said when:

- the figure is approximate (``5500余件``, ``近300件``, ``1.2万件``);
- it is about a change (``较上年增加5件``), another period (``2023年``, ``上半年``) or another body
  (``区政府办代表区政府受理…17件``, ``本级``, ``各部门``, ``其中某局…``): a report of a people's
  government may quote its general office's own count, which is not the table's scope;
- a cell it needs is blank, not a number, or not found (the TBL rules report that).
"""
from reportlint.api import contradiction, finding, num, prose_of, quote

CODE = "TXT001"
NAME = "count-contradicts-table"
SUMMARY = "A count stated in the text contradicts the table cell it names"
SUMMARY_ZH = "文中数字与其所指表格单元格不符"
SEVERITY = "error"


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for st in analysis.statements:
        rds = contradiction(doc, profile, st)
        if not rds:
            continue
        fig = st.figure
        frag = quote(st.fragment())
        if len(rds) == 1:
            en = f"the text says {num(fig.value)} (“{frag}”), but {rds[0].shown()}"
            zh = f"正文“{frag}”为{num(fig.value)}，与表格不符：{rds[0].shown()}"
        else:
            en = (f"the text says {num(fig.value)} (“{frag}”), which matches neither reading of the table: "
                  + " or ".join(rd.shown() for rd in rds))
            zh = f"正文“{frag}”为{num(fig.value)}，与表格的任一口径均不符：" + "；".join(rd.shown() for rd in rds)
        yield finding(fig.span, en, zh, data={
            "stated": str(fig.value), "concept": st.concept.id, "table": [str(rd.value) for rd in rds]})
