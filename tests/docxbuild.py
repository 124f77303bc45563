"""Word documents built with python-docx the way offices make them, for the import tests.

A document is a list of items: ``("title", text)`` (centred bold paragraph, or the Title style),
``("section", text)`` (a bold paragraph, or a Heading 1), ``("p", text)`` and ``("table", rows,
merges)`` where ``rows`` gives the text of every grid slot (only the top-left slot of a merged
range holds text) and ``merges`` the merged ranges ``(r0, c0, r1, c1)``, inclusive. Merges are
made with python-docx's ``merge``, which writes ``w:gridSpan`` and ``w:vMerge`` as Word does.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def build_docx(path: Path, items: list, *, titles: str = "bold") -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for item in items:
        kind = item[0]
        if kind == "title":
            if titles == "heading":
                doc.add_paragraph(item[1], style="Title")
            else:
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.add_run(item[1]).bold = True
        elif kind == "section":
            if titles == "heading":
                doc.add_heading(item[1], level=1)
            else:
                doc.add_paragraph().add_run(item[1]).bold = True
        elif kind == "p":
            doc.add_paragraph(item[1])
        elif kind == "table":
            rows, merges = item[1], item[2]
            table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if text:
                        table.cell(r, c).text = text
            for r0, c0, r1, c1 in merges:
                table.cell(r0, c0).merge(table.cell(r1, c1))
        else:  # pragma: no cover - a mistake in a test
            raise ValueError(kind)
    doc.save(str(path))
    return path


def corpus_paragraphs(name: str) -> list:
    """The title, section titles and paragraphs of a corpus report (tables left out), each
    paragraph as one Word paragraph (the hard line breaks of the PDF joined)."""
    text = (ROOT / "tests" / "fixtures" / "corpus" / name).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    body = re.sub(r"<!--.*?-->", "", body, flags=re.S)
    items = []
    for block in re.split(r"\n\s*\n", body):
        lines = [ln for ln in block.strip().split("\n") if ln.strip()]
        if not lines or lines[0].startswith("|"):
            continue
        if lines[0].startswith("# "):
            items.append(("title", lines[0][2:].strip()))
        elif lines[0].startswith("## "):
            items.append(("section", lines[0][3:].strip()))
        else:
            items.append(("p", "".join(lines)))
    return items


# --------------------------------------------------------------------------- 003-hongze-2023's tables, whole

HONGZE_T2 = (
    [["第二十条第（一）项", "", "", ""],
     ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     ["规章", "0", "0", "0"],
     ["行政规范性文件", "0", "5", "5"],
     ["第二十条第（五）项", "", "", ""],
     ["信息内容", "本年处理决定数量", "", ""],
     ["行政许可", "550", "", ""],
     ["第二十条第（六）项", "", "", ""],
     ["信息内容", "本年处理决定数量", "", ""],
     ["行政处罚", "4119", "", ""],
     ["行政强制", "195", "", ""],
     ["第二十条第（八）项", "", "", ""],
     ["信息内容", "本年收费金额（单位：万元）", "", ""],
     ["行政事业性收费", "7730.28", "", ""]],
    # caption rows span the table; single-value headers and values span the three value columns
    [(0, 0, 0, 3), (4, 0, 4, 3), (5, 1, 5, 3), (6, 1, 6, 3), (7, 0, 7, 3), (8, 1, 8, 3), (9, 1, 9, 3),
     (10, 1, 10, 3), (11, 0, 11, 3), (12, 1, 12, 3), (13, 1, 13, 3)],
)

_SEVEN_ZERO = ["0"] * 6
HONGZE_T3_ROWS = [  # (label path, the seven values) as printed; typos and the 2019-style （六） kept
    (["一、本年新收政府信息公开申请数量"], ["21", "0", "0", "0", "0", "0", "21"]),
    (["二、上年结转政府信息公开申请数量"], ["0"] * 7),
    (["三、本年度办理结果", "（一）予以公开"], ["0"] * 7),
    (["三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"], ["4"] + _SEVEN_ZERO[:5] + ["4"]),
    (["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"], ["1"] + _SEVEN_ZERO[:5] + ["1"]),
    (["三、本年度办理结果", "（三）不予公开", "2.其他法律行政止公开"], ["0"] * 7),
    (["三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"], ["0"] * 7),
    (["三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"], ["0"] * 7),
    (["三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"], ["0"] * 7),
    (["三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"], ["1"] + _SEVEN_ZERO[:5] + ["1"]),
    (["三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"], ["1"] + _SEVEN_ZERO[:5] + ["1"]),
    (["三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"], ["0"] * 7),
    (["三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"], ["10"] + _SEVEN_ZERO[:5] + ["10"]),
    (["三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"], ["3"] + _SEVEN_ZERO[:5] + ["3"]),
    (["三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"], ["0"] * 7),
    (["三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"], ["1"] + _SEVEN_ZERO[:5] + ["1"]),
    (["三、本年度办理结果", "（五）不予处理", "2.重复申请"], ["0"] * 7),
    (["三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"], ["0"] * 7),
    (["三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"], ["0"] * 7),
    (["三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"], ["0"] * 7),
    (["三、本年度办理结果", "（六）其他处理"], ["0"] * 7),
    (["三、本年度办理结果", "（七）总计"], ["21", "0", "0", "0", "0", "0", "21"]),
    (["四、结转下年度继续办理"], ["0"] * 7),
]
T3_LEAVES = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def table3(rows_in, header: str = "two-row"):
    """表三 with three label columns whose group labels are merged down over their rows, under a
    two-row header (申请人情况 left out, as many offices do) or the official three-row one."""
    if header == "two-row":
        rows = [[CORNER, "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
                ["", "", "", ""] + T3_LEAVES + [""]]
        merges = [(0, 0, 1, 2), (0, 3, 1, 3), (0, 4, 0, 8), (0, 9, 1, 9)]
    else:
        rows = [[CORNER, "", "", "申请人情况", "", "", "", "", "", ""],
                ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
                ["", "", "", ""] + T3_LEAVES + [""]]
        merges = [(0, 0, 2, 2), (0, 3, 0, 9), (1, 3, 2, 3), (1, 4, 1, 8), (1, 9, 2, 9)]
    top = len(rows)
    groups: dict[tuple[int, str], list[int]] = {}
    for i, (path, values) in enumerate(rows_in):
        r = top + i
        labels = ["", "", ""]
        for depth, label in enumerate(path):
            key = (depth, "/".join(path[:depth + 1]))
            if depth < len(path) - 1:
                if key not in groups:
                    labels[depth] = label
                groups.setdefault(key, []).append(r)
            else:
                labels[depth] = label
        rows.append(labels + values)
        depth = len(path) - 1
        if depth < 2:
            merges.append((r, depth, r, 2))  # a leaf label spans the label columns to its right
    for (depth, _), rs in groups.items():
        if len(rs) > 1:
            merges.append((rs[0], depth, rs[-1], depth))  # a group label merged down over its rows
    return rows, merges


def table4(values, leaves_after=("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")):
    five = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
            five + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
            [""] * 5 + five + list(leaves_after),
            list(values)]
    merges = [(0, 0, 0, 4), (0, 5, 0, 14)] + [(1, c, 2, c) for c in range(5)] + [(1, 5, 1, 9), (1, 10, 1, 14)]
    return rows, merges


HONGZE_T4 = table4(["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"],
                   leaves_after=("计结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))


def hongze_items(t3_header: str = "two-row") -> list:
    """003-hongze-2023 as its office would have written it in Word, tables whole, with its real
    defects: 表四 总计 0 under 10/1/0/0 and 5/0/0/0, the typos 2.其他法律行政止公开 and 计结果维持."""
    items = []
    for item in corpus_paragraphs("003-hongze-2023.md"):
        items.append(item)
        if item == ("section", "二、主动公开政府信息情况"):
            items.append(("table",) + HONGZE_T2)
        elif item == ("section", "三、收到和处理政府信息公开申请情况"):
            items.append(("table",) + table3(HONGZE_T3_ROWS, t3_header))
        elif item == ("section", "四、政府信息公开行政复议、行政诉讼情况"):
            items.append(("table",) + HONGZE_T4)
    return items


# --------------------------------------------------------------------------- 023-hanyang-2022 (an excerpt)

HANYANG_T2 = (
    [["第二十条第(一)项", "", "", ""],
     ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数 (历史累计)"],
     ["规章", "0", "0", ""],  # the real defect: 现行有效件数 left blank
     ["行政规范性文件", "5", "12", "8"],
     ["第二十条第(五)项", "", "", ""],
     ["信息内容", "本年处理决定数量", "", ""],
     ["行政许可", "0", "", ""],
     ["第二十条第(六)项", "", "", ""],
     ["信息内容", "本年处理决定数量", "", ""],
     ["行政处罚", "0", "", ""],
     ["行政强制", "0", "", ""],
     ["第二十条第(八)项", "", "", ""],
     ["信息内容", "本年收费金额(单位:万元)", "", ""],
     ["行政事业性收费", "0", "", ""]],
    HONGZE_T2[1],  # the same layout: captions across, single values across the three value columns
)
HANYANG_T3 = (
    [["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "", "", "", "", "", ""],
     ["", "自然人", "法人或其他组织", "", "", "", "", "总计"],
     ["", "", "商业\n企业", "科研\n机构", "社会公益组织", "法律服务机构", "其他", ""],
     ["一、本年新收政府信息公开申请数量", "8", "0", "0", "0", "0", "0", "8"],
     ["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"]],
    [(0, 0, 2, 0), (0, 1, 0, 7), (1, 1, 2, 1), (1, 2, 1, 6), (1, 7, 2, 7)],
)


def hanyang_items() -> list:
    """023-hanyang-2022 (the page excerpt, which ends inside 表三) as a Word document, with its
    real defect: the blank 规章 现行有效件数 cell."""
    items = []
    for item in corpus_paragraphs("023-hanyang-office-2022-excerpt.md"):
        items.append(item)
        if item == ("section", "二、主动公开政府信息情况"):
            items.append(("table",) + HANYANG_T2)
        elif item[0] == "p" and item[1].startswith("2022年,区政府办公室共收到8份"):
            items.append(("table",) + HANYANG_T3)
    return items
