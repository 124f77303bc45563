"""reportlint.prose: figures, statements, breakdowns, percentages and claims read from text."""
from decimal import Decimal

import pytest

from reportlint.document import Document
from reportlint.profile import ProfileRegistry
from reportlint.prose import analyse, vocabulary_of

VOCABULARY = vocabulary_of(ProfileRegistry().get("gov-info-disclosure"))


def _analyse(text, year=2024):
    src = f"---\nyear: {year}\n---\n\n{text}\n"
    return analyse(Document("t.md", src), VOCABULARY)


def _figs(text):
    return [(f.value, f.unit, f.approx, f.chinese) for f in _analyse(text).figures]


@pytest.mark.parametrize("text, want", [
    ("共收到申请3119件", [(Decimal(3119), "件", False, False)]),
    ("共收到申请３１１９ 件", [(Decimal(3119), "件", False, False)]),  # full-width digits, space before the unit
    ("收到申请二十三件、两件", [(Decimal(23), "件", False, True), (Decimal(2), "件", False, True)]),
    ("收费1,234.5万元", [(Decimal("1234.5"), "万元", False, False)]),
    ("占比17.46%", [(Decimal("17.46"), "%", False, False)]),
    ("发布信息5500余条，约300件，近1.2万条", [(Decimal(5500), "条", True, False), (Decimal(300), "件", True, False),
                                      (Decimal(12000), "条", True, False)]),
    ("2024年1月1日，第二十条第（一）项，1.属于国家秘密，一件事，一条龙服务", []),
])
def test_figures(text, want):
    assert _figs(text) == want


def test_figure_positions_survive_line_breaks():
    a = _analyse("全市共受理政府信息公开申请3119\n件，答\n复3050 件。")
    (f1, f2) = a.figures
    assert (f1.span.line, f1.span.column) == (5, 14)
    assert (f2.span.line, f2.span.column) == (7, 2)
    assert [s.concept.id for s in a.statements] == ["apps.received", "apps.done"]


def _concepts(text, **kw):
    return [(s.concept.id if s.concept else None, str(s.value), s.scoped)
            for s in _analyse(text, **kw).statements if s.figure is not None]


@pytest.mark.parametrize("text, want", [
    ("全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。",
     [("apps.received", "3119", ""), ("apps.done", "3050", ""), ("apps.carry_in", "34", ""),
      ("apps.carry_out", "103", "")]),
    ("全年新收政府信息公开申请1541件，共办理政府信息公开申请1527件。",
     [("apps.new", "1541", ""), ("apps.handled", "1527", "")]),
    ("（二）依申请公开方面。本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
     [("apps.received", "70", ""), ("apps.done", "69", ""), ("apps.carry_out", "1", "")]),
    ("全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件。",
     [("apps.received", "75", ""), ("applicant.natural", "72", ""), ("applicant.commercial", "3", "")]),
    # the verb must end the words before the count: too far from it, the count is not read
    ("累计办理公民、法人或其他组织通过门户网站、邮寄等途径依申请公开信息合计12件。", [(None, "12", "narrower")]),
    ("全年受理行政许可申请1200件，收到群众来信12件，共收到12件。", [(None, "1200", ""), (None, "12", ""), (None, "12", "")]),
    ("依申请公开工作中，全年办结24件。", [("apps.done", "24", "")]),
    ("政府信息公开工作扎实推进。全年办结审批事项1200件，办结1100件。", [(None, "1200", ""), (None, "1100", "")]),
    ("政府信息公开行政复议351件，其中结果维持72件；政府信息公开行政诉讼46件，其中结果纠正5件。",
     [("review.total", "351", ""), ("review.maintain", "72", ""), ("lit.total", "46", ""), ("lit.correct", "5", "")]),
    ("制发行政规范性文件12件，废止规章1件，现行有效行政规范性文件80件，收取行政事业性收费1234.56万元。",
     [("t2.normdocs.made", "12", ""), ("t2.rules.repealed", "1", ""), ("t2.normdocs.valid", "80", ""),
      ("t2.fee", "1234.56", "")]),
    ("本单位2024年共主动公开政府信息458条。", [("proactive.total", "458", "")]),
    # not about the report's own year and body
    ("区政府办代表区政府受理政府信息公开申请17件。", [("apps.received", "17", "body")]),
    ("全市卫健系统共收到政府信息公开申请120件，其中市政府办公室收到政府信息公开申请8件。",
     [("apps.received", "120", "body"), ("apps.received", "8", "body")]),
    ("收到政府信息公开申请较上年增加5件。", [(None, "5", "change")]),
    ("2023年，本机关共收到政府信息公开申请30件。", [("apps.received", "30", "period")]),
    ("依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件74件。", [(None, "74", "")]),
    ("本机关作为复议机关办理行政复议案件12件。", [(None, "12", "")]),
    ("全年办理行政复议案件120件，其中政府信息公开类3件。", [(None, "120", ""), (None, "3", "")]),
    ("全年办理群众来信120件，办结网民留言230条。", [(None, "120", ""), (None, "230", "")]),
])
def test_statements(text, want):
    assert _concepts(text) == want


def test_breakdowns_and_asides():
    a = _analyse("市政府共受理政府信息公开申请1295件，办结1191件（含上年结转189件），均在法定期限内答复。"
                 "其中，予以公开及部分公开208件（17.46%），不予公开20件（1.68%），"
                 "其他处理319件（26.78%，含申请人主动撤回157件）。")
    (bd,) = a.breakdowns
    assert bd.whole.value == 1191  # 其中 at a sentence start: the last figure before it, asides excluded
    assert [(p.concept.id, p.value) for p in bd.parts] == [
        ("result.open_or_partial", 208), ("result.deny", 20), ("result.other", 319)]
    assert [str(s.percent.value) for s in bd.shares] == ["17.46", "1.68", "26.78"]


def test_nested_breakdown_and_end_of_list():
    a = _analyse("全年办结政府信息公开申请24件，其中不予公开3件，其中属于国家秘密2件、保护第三方合法权益1件，"
                 "无法提供4件；主动公开政府信息300条。")
    outer, inner = a.breakdowns
    assert [p.value for p in outer.parts] == [3, 4]
    assert inner.whole.value == 3 and [p.value for p in inner.parts] == [2, 1]


def test_topics_are_not_parts():
    a = _analyse("全年共收到政府信息公开申请10件，其中涉及征地拆迁6件，涉及房屋征收5件。")
    assert all(not bd.parts for bd in a.breakdowns)


def test_percentages_naming_a_category():
    a = _analyse("共办理政府信息公开申请1527件，其中予以公开或部分公开占58.5%、不予公开占7.3%，其他情况占5.2%。"
                 "办结率100%，同比增长12%。")
    (bd,) = a.breakdowns
    assert [(s.concept.id, str(s.percent.value)) for s in bd.shares] == [
        ("result.open_or_partial", "58.5"), ("result.deny", "7.3"), ("result.residual", "5.2")]
    assert len(a.percents) == 3  # rates and changes are not shares


@pytest.mark.parametrize("text, want", [
    ("共收到申请25件，均为自然人申请，所有申请均已办结，无下年度结转。", [("all_natural", ""), ("all_done", ""), ("none_carried", "")]),
    ("因政府信息公开被申请行政复议4件，均获维持；被提起行政诉讼3件，均已审结。", [("all_upheld", "review"), ("all_closed", "lit")]),
    ("因政府信息公开被申请行政复议、提起行政诉讼案件各1件，均获维持。", [("all_upheld", "review+lit")]),
    ("全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形。", [("no_correct", "review+lit")]),
    ("未发生因政府信息公开申请行政复议、提起行政诉讼情况。", [("no_cases", "review+lit")]),
    ("共收到政府信息公开申请5件，均在法定期限内予以答复。", []),  # timeliness, not completion
    ("各部门收到的申请均已办结。", []),  # another body
    ("共收到政府信息公开申请8件，上年结转的2件申请均已办结。", []),  # only the carried-over ones
    ("共收到政府信息公开申请8件，按时办结率100%。", []),  # a rate
    ("共收到政府信息公开申请58件（其中网上申请45件，信函申请13件），已全部办结。", [("all_done", "")]),
    ("因政府信息公开引起的案件，无论行政复议还是行政诉讼，均依法应诉。", []),
    ("本年度未发生新的政府信息公开行政复议案件。", []),  # cases carried over may still be open
])
def test_claims(text, want):
    assert [(c.kind, c.scope) for c in _analyse(text).claims] == want
