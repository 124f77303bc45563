"""Building small reports in tests: front matter + the six sections + the given tables."""
from __future__ import annotations

from reportlint.document import decode
from reportlint.engine import resolve_edition
from reportlint.profile import ProfileRegistry
from reportlint.settings import Settings

_REGISTRY = ProfileRegistry()


def front(edition: str = "2021", year: int = 2024, org: str = "某某市某某局") -> str:
    return (f"---\nprofile: gov-info-disclosure\nedition: \"{edition}\"\ntitle: {org}{year}年政府信息公开工作年度报告\n"
            f"organization: {org}\nyear: {year}\nlevel: department\npublished: {year + 1}-01-20\n---\n\n"
            f"# {org}{year}年政府信息公开工作年度报告\n\n")


def report(s2: str = "", s3: str = "", s4: str = "", *, edition: str = "2021", year: int | None = None,
           org: str = "某某市某某局") -> str:
    year = year or (2020 if edition == "2019" else 2024)
    return (front(edition, year, org)
            + "## 一、总体情况\n\n本机关认真贯彻落实条例。\n\n"
            + "## 二、主动公开政府信息情况\n\n" + (s2 or "本年度无。") + "\n\n"
            + "## 三、收到和处理政府信息公开申请情况\n\n" + (s3 or "本年度无。") + "\n\n"
            + "## 四、政府信息公开行政复议、行政诉讼情况\n\n" + (s4 or "本年度无。") + "\n\n"
            + "## 五、存在的主要问题及改进情况\n\n问题与改进。\n\n"
            + "## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n")


def parse(text: str, path: str = "report.md"):
    doc = decode(path, text.encode("utf-8"))
    resolve_edition(doc, _REGISTRY, Settings())
    return doc


def model_of(text: str):
    from reportlint.tablemodel import table_model

    doc = parse(text)
    return table_model(doc, doc.edition)


T3_ROWS_2021 = [
    ("一、本年新收政府信息公开申请数量", None), ("二、上年结转政府信息公开申请数量", None),
    ("（一）予以公开", "三、本年度办理结果"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果"),
    ("1.属于国家秘密", "（三）不予公开"), ("2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("3.危及“三安全一稳定”", "（三）不予公开"), ("4.保护第三方合法权益", "（三）不予公开"),
    ("5.属于三类内部事务信息", "（三）不予公开"), ("6.属于四类过程性信息", "（三）不予公开"),
    ("7.属于行政执法案卷", "（三）不予公开"), ("8.属于行政查询事项", "（三）不予公开"),
    ("1.本机关不掌握相关政府信息", "（四）无法提供"), ("2.没有现成信息需要另行制作", "（四）无法提供"),
    ("3.补正后申请内容仍不明确", "（四）无法提供"),
    ("1.信访举报投诉类申请", "（五）不予处理"), ("2.重复申请", "（五）不予处理"), ("3.要求提供公开出版物", "（五）不予处理"),
    ("4.无正当理由大量反复申请", "（五）不予处理"), ("5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("3.其他", "（六）其他处理"),
    ("（七）总计", "三、本年度办理结果"), ("四、结转下年度继续办理", None),
]

T3_HEADER_FLAT = "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
T3_KEYS_2021 = ["r_new", "r_carry_in", "r_open", "r_partial", "r_deny_secret", "r_deny_law", "r_deny_safety",
                "r_deny_third", "r_deny_internal", "r_deny_process", "r_deny_enforce", "r_deny_query",
                "r_unable_nothold", "r_unable_create", "r_unable_unclear", "r_noproc_petition", "r_noproc_repeat",
                "r_noproc_pub", "r_noproc_massive", "r_noproc_confirm", "r_other_nocorrect", "r_other_nofee",
                "r_other_misc", "r_total", "r_carry_out"]


def t3_values(n_results: int = 25) -> dict[str, list[int]]:
    """Consistent table-3 values: row k of the results has k % 3 per column."""
    vals: dict[str, list[int]] = {}
    results = T3_KEYS_2021[2:-2]
    for i, k in enumerate(results):
        six = [(i + j) % 3 for j in range(6)]
        vals[k] = six + [sum(six)]
    total = [sum(vals[k][j] for k in results) for j in range(7)]
    vals["r_total"] = total
    carry_out = [1, 0, 0, 0, 1, 0, 2]
    carry_in = [2, 0, 0, 0, 0, 0, 2]
    vals["r_carry_out"] = carry_out
    vals["r_carry_in"] = carry_in
    vals["r_new"] = [total[j] + carry_out[j] - carry_in[j] for j in range(7)]
    return vals


def t3_flat(vals=None, labels=None) -> str:
    """Table 3 as one pipe table, one label column, group prefixes on the first sub-row."""
    vals = vals or t3_values()
    out = T3_HEADER_FLAT
    seen_groups = set()
    for (label, group), key in zip(labels or T3_ROWS_2021, T3_KEYS_2021):
        shown = label
        if group and group not in seen_groups and group != "三、本年度办理结果":
            shown = f"{group}：{label}"
        if group:
            seen_groups.add(group)
        out += "| " + shown + " | " + " | ".join(str(v) for v in vals[key]) + " |\n"
    return out


T4_FLAT = ("| 行政复议：结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉：结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 复议后起诉：结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")


def t4_flat(values=(1, 2, 0, 0, 3, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0)) -> str:
    return T4_FLAT + "| " + " | ".join(str(v) for v in values) + " |\n"


T2_2021 = """| 第二十条第（一）项 |  |  |  |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 1 | 0 | 11 |
| 行政规范性文件 | 8 | 26 | 66 |
| 第二十条第（五）项 |  |  |  |
| 信息内容 | 本年处理决定数量 |  |  |
| 行政许可 | 447 |  |  |
| 第二十条第（六）项 |  |  |  |
| 信息内容 | 本年处理决定数量 |  |  |
| 行政处罚 | 39 |  |  |
| 行政强制 | 8 |  |  |
| 第二十条第（八）项 |  |  |  |
| 信息内容 | 本年收费金额（单位：万元） |  |  |
| 行政事业性收费 | 96.6 |  |  |
"""
