"""The table-recognition layer (reportlint.tablemodel): every shape real reports take."""
from decimal import Decimal
from pathlib import Path

import pytest

from reportlint.api import parse_value, table_model
from tablehelpers import T2_2021, T3_KEYS_2021, T3_ROWS_2021, model_of, parse, report, t3_flat, t3_values, t4_flat

ROOT = Path(__file__).resolve().parent.parent


def _complete(m, tids=("t2_1", "t2_5", "t2_6", "t2_8", "t3", "t4")):
    for tid in tids:
        lt = m.get(tid)
        assert lt is not None, tid
        assert not lt.missing_rows(), (tid, [r.key for r, _ in lt.missing_rows()])
        assert not lt.missing_columns(), (tid, [c.key for c in lt.missing_columns()])
        assert not lt.extra_rows and not lt.extra_columns and not lt.foreign, tid
        assert all(c.value is not None for c in lt.cells.values()), [
            (c.label, c.cell.text) for c in lt.cells.values() if c.value is None]


@pytest.mark.parametrize("name", ["2024-huaian-2021-edition.md", "2024-huaian-2021-edition-html.md"])
def test_examples_2021(name):
    doc = parse((ROOT / "examples" / name).read_text(encoding="utf-8"))
    m = table_model(doc, doc.edition)
    _complete(m)
    assert m.value("t3", "r_total", "c_total") == Decimal(3050)
    assert m.value("t3", "r_new", "c_natural") == Decimal(3001)
    assert m.value("t2_8", "r_admin_fee", "c_fee_amount") == Decimal("96171.6")
    assert m.value("t4", "r_cases", "c_lita_total") == Decimal(20)
    assert len(m.get("t3").cells) == 25 * 7
    hit = m.cell("t3", "r_total", "c_natural")
    assert hit.label == "表三 （七）总计 / 自然人"
    assert doc.lines[hit.span.line - 1][hit.span.column - 1:hit.span.end_column - 1] == "2932"
    assert m.label("t4", "r_cases", "c_rev_total") == "表四 行政复议 总计"
    assert m.label("t3", "r_deny_secret", "c_total") == "表三 （三）不予公开 1.属于国家秘密 / 总计"
    assert m.get("t3").header_row is not None
    assert table_model(doc, doc.edition) is m  # memoised


def test_example_2019():
    doc = parse((ROOT / "examples" / "2020-xinjiekou-2019-edition.md").read_text(encoding="utf-8"))
    m = table_model(doc, doc.edition)
    _complete(m, ("t2_1", "t2_5", "t2_6", "t2_8", "t2_9", "t3", "t4"))
    assert m.value("t2_6", "r_penalty", "c_change") == Decimal(-263)
    assert m.value("t2_9", "r_central_proc", "c_proc_amount") == Decimal("13390.0654")
    assert m.value("t3", "r_other", "c_total") == Decimal(0)


MULTI_HEADER_T3 = """| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|
|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |
|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |
"""


def t3_three_label_columns(vals, repeat=False, typo=False):
    out = MULTI_HEADER_T3
    prev = {}
    for (label, group), key in zip(T3_ROWS_2021, T3_KEYS_2021):
        if typo and key == "r_deny_law":
            label = "2.其他法律行政止公开"
        top = "三、本年度办理结果" if group else label
        mid = group if group and group != "三、本年度办理结果" else (label if group else "")
        leaf = label if group and group != "三、本年度办理结果" else ""
        cols = [top, mid, leaf]
        shown = []
        for i, c in enumerate(cols):
            if not repeat and i < 2 and prev.get(i) == c and c and (leaf or i == 0) and key not in ("r_carry_out",):
                shown.append("")
            else:
                shown.append(c)
        for i, c in enumerate(cols):
            prev[i] = c
        out += "| " + " | ".join(shown) + " | " + " | ".join(str(v) for v in vals[key]) + " |\n"
    return out


@pytest.mark.parametrize("repeat", [False, True])
def test_three_label_columns_and_three_header_rows(repeat):
    vals = t3_values()
    m = model_of(report(T2_2021, t3_three_label_columns(vals, repeat=repeat), t4_flat()))
    _complete(m)
    for key in T3_KEYS_2021:
        for j, ck in enumerate(["c_natural", "c_commercial", "c_research", "c_social", "c_legal", "c_other", "c_total"]):
            assert m.value("t3", key, ck) == vals[key][j], (key, ck)


def test_typo_label_is_matched_and_marked():
    m = model_of(report(T2_2021, t3_three_label_columns(t3_values(), typo=True), t4_flat()))
    hit = m.get("t3").rows["r_deny_law"]
    assert hit.written == "2.其他法律行政止公开" and hit.differs


def test_whole_path_in_one_cell_and_leaf_only_labels():
    m = model_of(report(T2_2021, t3_flat(), t4_flat()))
    _complete(m)
    lt = m.get("t3")
    assert lt.rows["r_deny_secret"].written == "1.属于国家秘密"
    assert not any(h.differs for h in lt.rows.values())


def test_leaf_only_under_group_rows():
    vals = t3_values()
    out = "| 项目 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    groups_done = set()
    for (label, group), key in zip(T3_ROWS_2021, T3_KEYS_2021):
        if group and group not in groups_done:
            groups_done.add(group)
            out += f"| {group} |  |  |  |  |  |  |  |\n"
        out += "| " + label + " | " + " | ".join(str(v) for v in vals[key]) + " |\n"
    m = model_of(report(T2_2021, out, t4_flat()))
    _complete(m)
    assert m.value("t3", "r_other_misc", "c_total") == vals["r_other_misc"][6]


def test_table2_as_small_tables_under_headings():
    s2 = """### 第二十条第（一）项

| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 6 | 1 | 32 |

第二十条第（五）项：

| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政许可 | 517645 |

### 第二十条第（六）项
| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政处罚 | 693957 |
| 行政强制 | 2154 |

### 第二十条第（八）项
| 信息内容 | 本年收费金额（单位：万元） |
|---|---|
| 行政事业性收费 | 4068.208 |
"""
    m = model_of(report(s2, t3_flat(), t4_flat()))
    _complete(m)
    assert m.value("t2_5", "r_license", "c_decisions") == 517645
    assert m.value("t2_6", "r_coercion", "c_decisions") == 2154
    assert m.value("t2_8", "r_admin_fee", "c_fee_amount") == Decimal("4068.208")


def test_caption_in_a_cell_of_its_own_column_and_value_off_center():
    s2 = """|  | 第二十条第（一）项 |  |  |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 0 | 5 | 5 |
|  | 第二十条第（五）项 |  |  |
| 信息内容 | 本年处理决定数量 |  |  |
| 行政许可 |  | 550 |  |
|  | 第二十条第（六）项 |  |  |

| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政处罚 | 4119 |
| 行政强制 | 195 |
| 第二十条第（八）项 |  |
| 信息内容 | 本年收费金额（单位：万元） |
| 行政事业性收费 | 7730.28 |
|  |  |
"""
    m = model_of(report(s2, t3_flat(), t4_flat()))
    _complete(m)
    assert m.value("t2_5", "r_license", "c_decisions") == 550


T4_THREE_ROWS = """| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |
|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 计结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 10 | 1 | 0 | 0 | 11 | 0 | 0 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 5 |
"""


def test_table4_three_header_rows_with_typo():
    m = model_of(report(T2_2021, t3_flat(), T4_THREE_ROWS))
    lt = m.get("t4")
    assert lt.value("r_cases", "c_rev_maintain") == 10
    assert lt.value("r_cases", "c_lita_maintain") == 5
    assert lt.value("r_cases", "c_lita_total") == 5
    assert lt.columns["c_lita_maintain"].differs and lt.columns["c_lita_maintain"].written == "计结果维持"
    assert not lt.missing_columns()


def test_table4_split_under_headings():
    s4 = """### 行政复议
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 27 | 10 | 9 | 15 | 61 |

### 行政诉讼（未经复议直接起诉）
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 3 | 0 | 0 | 0 | 3 |

### 行政诉讼（复议后起诉）
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|
| 8 | 0 | 1 | 1 | 10 |
"""
    m = model_of(report(T2_2021, t3_flat(), s4))
    _complete(m)
    assert m.value("t4", "r_cases", "c_rev_total") == 61
    assert m.value("t4", "r_cases", "c_litd_total") == 3
    assert m.value("t4", "r_cases", "c_lita_total") == 10


def test_html_rowspan_colspan():
    text = (ROOT / "examples" / "2024-huaian-2021-edition-html.md").read_text(encoding="utf-8")
    m = model_of(text)
    lt = m.get("t3")
    assert lt.table.kind == "html"
    assert lt.value("r_other_misc", "c_natural") == 108


def test_label_variants_are_silent():
    vals = t3_values()
    labels = list(T3_ROWS_2021)
    labels[0] = ("本年新收政府信息公开申请数量", None)  # numbering missing
    labels[4] = ("1、属于国家秘密", "（三）不予公开")  # 1、 for 1.
    labels[2] = ("(一)予以公开", "三、本年度办理结果")  # ASCII brackets
    labels[6] = ("3.危及\"三安全一稳定\"", "（三）不予公开")  # straight quotes
    labels[16] = ("2. 重复 申请", "（五）不予处理")  # spaces inside
    s3 = t3_flat(vals, labels).replace("| 申请人情况 | 自然人 | 商业企业 |", "| 申请人情况 | 自 然 人 | 商业<br>企业 |")
    s4 = t4_flat().replace("行政复议：结果维持", "行政复议：结 果 维 持")
    m = model_of(report(T2_2021.replace("1 | 0 | 11", "１ | ０ | １１"), s3, s4))
    _complete(m)
    assert not any(h.differs for lt in m.tables.values() for h in list(lt.rows.values()) + list(lt.columns.values()))
    assert m.value("t2_1", "r_rules", "c_valid") == 11


def test_deviation_is_matched_and_differs():
    m = model_of(report(T2_2021.replace("| 行政规范性文件 |", "| 规范性文件 |"), t3_flat(), t4_flat()))
    hit = m.get("t2_1").rows["r_normdocs"]
    assert hit.differs and hit.written == "规范性文件"
    assert m.value("t2_1", "r_normdocs", "c_valid") == 66


def test_placeholder_headers_read_by_position():
    vals = t3_values()
    s3 = t3_flat(vals).replace("| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
                               "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |")
    m = model_of(report(T2_2021, s3, t4_flat()))
    lt = m.get("t3")
    assert not lt.missing_columns()
    assert lt.value("r_new", "c_natural") == vals["r_new"][0]
    assert lt.positional and lt.positional[0].pairs[0] == ("数据1", "自然人")
    assert lt.columns["c_natural"].how == "position"


def test_other_edition_labels_in_2021_report():
    s2 = T2_2021.replace("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                         "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |")
    s2 += "| 第二十条第（九）项 |  |  |  |\n| 信息内容 | 采购项目数量 | 采购总金额 |  |\n| 政府集中采购 | 43 | 13390.0654 |  |\n"
    vals = t3_values()
    rows = [(lab, g) for lab, g in T3_ROWS_2021 if g != "（六）其他处理"]
    keys = [k for k in T3_KEYS_2021 if not k.startswith("r_other_")]
    out = "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|---|\n"
    for (lab, g), k in zip(rows, keys):
        if k == "r_total":
            out += "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n"
        out += f"| {lab} | " + " | ".join(str(v) for v in vals[k]) + " |\n"
    m = model_of(report(s2, out, t4_flat()))
    t21 = m.get("t2_1")
    assert {f.written for f in t21.foreign} == {"本年新制作数量", "本年新公开数量", "对外公开总数量"}
    assert not t21.missing_columns() and not t21.extra_columns
    t3 = m.get("t3")
    assert [f.official for f in t3.foreign] == ["（六）其他处理"] and t3.foreign[0].edition == "2019"
    assert not t3.missing_rows()
    assert t3.cell("g_other", "c_total").value == 0
    assert [ft.spec.id for ft in m.foreign_tables] == ["t2_9"]
    assert m.foreign_tables[0].edition == "2019"


def test_missing_rows_and_columns_are_anchored():
    vals = t3_values()
    s3 = "\n".join(line for line in t3_flat(vals).splitlines() if "2.重复申请" not in line)
    s3 = "\n".join("|".join(line.split("|")[:4] + line.split("|")[5:]) for line in s3.splitlines())  # drop 科研机构
    m = model_of(report(T2_2021, s3, t4_flat()))
    lt = m.get("t3")
    missing = lt.missing_rows()
    assert [r.key for r, _ in missing] == ["r_noproc_repeat"]
    anchor = missing[0][1]
    assert anchor.line == lt.rows["r_noproc_petition"].row.line
    assert [c.key for c in lt.missing_columns()] == ["c_research"]


def test_missing_section_means_no_table_model_entry():
    text = report(T2_2021, t3_flat(), t4_flat()).replace("## 三、收到和处理政府信息公开申请情况", "## 收到的申请")
    m = model_of(text)
    assert m.get("t3") is None
    assert not [x for x in m.missing if x.spec.id == "t3"]


def test_table_missing_in_present_section():
    m = model_of(report(T2_2021, "", t4_flat()))
    assert [x.spec.id for x in m.missing] == ["t3"]


@pytest.mark.parametrize("text,kind,minimum,value,reason,number", [
    ("12", "integer", 0, 12, None, 12),
    ("１２", "integer", 0, 12, None, 12),
    ("1,234", "integer", 0, 1234, None, 1234),
    ("", "integer", 0, None, "blank", None),
    ("  ", "integer", 0, None, "blank", None),
    ("/", "integer", 0, None, "not-applicable", None),
    ("-", "integer", 0, None, "not-applicable", None),
    ("—", "integer", 0, None, "not-applicable", None),
    ("无", "integer", 0, None, "not-applicable", None),
    ("不适用", "integer", 0, None, "not-applicable", None),
    ("251000元", "decimal", 0, None, "unit", 251000),
    ("12件", "integer", 0, None, "unit", 12),
    ("十", "integer", 0, None, "chinese-numeral", 10),
    ("减263", "integer", None, None, "signed-words", -263),
    ("-263", "integer", None, -263, None, -263),
    ("－263", "integer", None, -263, None, -263),
    ("-2", "integer", 0, None, "negative", -2),
    ("1.5", "integer", 0, None, "decimal", Decimal("1.5")),
    ("96171.6", "decimal", 0, Decimal("96171.6"), None, Decimal("96171.6")),
    ("22（其中修订 16 件）", "integer", 0, None, "note", 22),
    ("若干", "integer", 0, None, "non-numeric", None),
])
def test_parse_value(text, kind, minimum, value, reason, number):
    v = parse_value(text, kind, minimum)
    assert (v.value, v.reason, v.number) == (value, reason, number)
