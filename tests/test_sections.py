"""Which heading is which official section: the outline decides between candidates, numbers that
disagree with the text are remembered, and the section map is linear in the number of headings.

The real-report cases are Markdown fixtures (tests/fixtures/sec/overview-subtopics*.md,
shanghai-numbering.md, title-copied-number-wins.md); these tests pin the decisions in between."""
from __future__ import annotations

from pathlib import Path

import pytest

from linework import lines_executed

from reportlint.document import decode
from reportlint.engine import Linter
from reportlint.settings import Settings
from reportlint.structure import numbering_of

FRONT = ('---\nprofile: gov-info-disclosure\nedition: "2021"\ntitle: 测试市交通运输局2024年政府信息公开工作年度报告\n'
         "organization: 测试市交通运输局\nyear: 2024\nlevel: department\npublished: 2025-01-20\n---\n\n"
         "# 测试市交通运输局2024年政府信息公开工作年度报告\n\n")
OFFICIAL = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def report(*titles: str) -> str:
    """A report whose outline is ``titles`` (``"## 一、总体情况"``, or a plain line), each with a sentence."""
    return FRONT + "".join(f"{t}\n\n本年度无相关情况，未收取信息处理费。\n\n" for t in titles)


def lint(text: str, select=("SEC",)):
    linter = Linter(Settings(select=list(select)))
    result = linter.lint_text(text, "report.md")
    assert not linter.errors and not result.errors
    return result


def findings(text: str, select=("SEC",)):
    return sorted((d.line, d.code, d.message.en) for d in lint(text, select).diagnostics)


def line_of(text: str, title: str) -> int:
    return text.split("\n").index(title) + 1


@pytest.mark.parametrize("text, want", [
    ("一、总体情况", (1, 1, "一")), ("（二）主动公开", (2, 2, "（二）")), ("(三)收到", (2, 3, "（三）")),
    ("3. 收到和处理", (3, 3, "3")), ("3、收到和处理", (3, 3, "3")), ("第五部分 存在的主要问题", (0, 5, "第五部分")),
    ("六.其他需要报告的事项", (1, 6, "六")), ("（1）规章", (4, 1, "（1）")), ("十二、其他", (1, 12, "十二")),
])
def test_numbering_of_reads_style_value_and_shows_it(text, want):
    n = numbering_of(text)
    assert (n.rank, n.value, n.shown) == want


@pytest.mark.parametrize("text", ["主动公开政府信息情况", "2024 年工作中存在问题的改进情况", "2.1 规章", "一是强化流程管控"])
def test_numbering_of_is_none_for_unnumbered_titles(text):
    assert numbering_of(text) is None


def test_a_subtopic_repeating_an_official_title_is_not_that_section():
    text = report("## 一、总体情况", "### （一）主动公开政府信息情况", "### （二）依申请公开政府信息情况",
                  *[f"## {t}" for t in OFFICIAL[1:]])
    # the report has no table at all: each is missing from its real section, nothing else is said
    assert sorted((line, code) for line, code, _ in findings(text, ("SEC", "TBL"))) == \
        [(line_of(text, "## 二、主动公开政府信息情况"), "TBL001")] * 4 + \
        [(line_of(text, "## 三、收到和处理政府信息公开申请情况"), "TBL001"),
         (line_of(text, "## 四、政府信息公开行政复议、行政诉讼情况"), "TBL001")]


def test_a_sub_heading_repeating_its_own_section_title_is_not_a_duplicate():
    text = report(*[f"## {t}" for t in OFFICIAL[:2]], "### 主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[2:]])
    assert findings(text) == []


def test_a_copy_at_the_level_of_the_sections_is_a_duplicate():
    text = report(*[f"## {t}" for t in OFFICIAL], "## 六、其他需要报告的事项")
    assert [(c, m) for _, c, m in findings(text)] == [
        ("SEC004", f"section '六、其他需要报告的事项' appears again (first at line {line_of(text, '## 六、其他需要报告的事项')})")]


def test_the_copy_at_the_sections_level_wins_over_an_earlier_one_below_it():
    # an official-style title at a deeper level first, then the same title where the sections are
    text = report("## 一、总体情况", "### 二、主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[1:]])
    assert findings(text) == []  # below the sections' level, and another heading is section 二


def test_an_official_title_at_another_level_is_the_section_when_nothing_else_is():
    text = report("## 一、总体情况", "### 二、主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[2:]])
    assert findings(text) == []  # any heading level is tolerated


def test_an_unnumbered_sub_heading_taken_as_a_section_says_so_and_its_parent_is_not_empty():
    titles = ["## 一、总体情况", "### 主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[2:]]]
    text = FRONT + "## 一、总体情况\n\n### 主动公开政府信息情况\n\n本年度主动公开政府信息12条。\n\n" + \
        "".join(f"{t}\n\n本年度无相关情况，未收取信息处理费。\n\n" for t in titles[2:])
    got = findings(text)
    assert [(line, code) for line, code, _ in got] == [(line_of(text, "### 主动公开政府信息情况"), "SEC006")]
    assert "sub-heading of '一、总体情况'" in got[0][2]  # and no SEC005 for 一, whose text is under it


def test_a_subtopic_numbered_as_item_one_is_never_section_two():
    text = report("## 一、总体情况", "### （一）主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[2:]])
    assert [(c, m) for _, c, m in findings(text)] == [
        ("SEC002", "section '二、主动公开政府信息情况' is missing (after '一、总体情况')")]


def test_numbering_style_deeper_than_the_sections_nests_at_the_same_level_but_agreeing_numbers_do_not_warn():
    # the tolerant outline of sec-tolerant-titles.md: mixed styles, every number right
    text = report("### 1. 总体情况", "### 二 、 主动公开政府信息情况", "### （三）收到和处理政府信息公开申请情况",
                  "### 四、 政府信息公开行政复议、行政诉讼情况", "### 第五部分 存在的主要问题及改进情况", "### 六.其他需要报告的事项")
    assert findings(text) == []


def test_numbers_that_are_not_the_official_ones_are_warnings_naming_the_official_section():
    text = report("## 一、总体情况", "## 一、主动公开政府信息情况", "## 二、收到和处理政府信息公开申请情况",
                  "## 三、政府信息公开行政复议、行政诉讼情况", "## 四、存在的主要问题及改进情况", "## 五、其他需要报告的事项")
    got = findings(text)
    assert [c for _, c, _ in got] == ["SEC006"] * 5
    assert got[0][2] == ("section numbered 一 is the official 二、主动公开政府信息情况 ('一、主动公开政府信息情况'); "
                         "number the sections as the format does")
    zh = [d.message.zh for d in lint(text).diagnostics]
    assert "编号为“五”的章节是规定的“六、其他需要报告的事项”（“五、其他需要报告的事项”），请按规定的序号编排章节" in zh


def test_a_plain_text_title_with_a_wrong_number_is_reported_as_plain_and_as_misnumbered():
    text = report(*[f"## {t}" for t in OFFICIAL[:5]], "五、其他需要报告的事项")
    assert [c for _, c, _ in findings(text)] == ["SEC006", "SEC008"]


def test_a_repeated_title_whose_number_names_a_missing_section_in_between_is_that_section():
    text = report("## 一、总体情况", "## 二、主动公开政府信息情况", "## 三、主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[3:]])
    got = findings(text)
    assert [(line, c) for line, c, _ in got] == [(line_of(text, "## 三、主动公开政府信息情况"), "SEC006")]
    assert "read by its number as that section" in got[0][2]


def test_a_repeated_title_whose_number_does_not_fit_the_order_stays_a_duplicate():
    # 三 is missing, but a section 四 comes before the repeat: its number cannot be right
    text = report("## 一、总体情况", "## 二、主动公开政府信息情况", "## 四、政府信息公开行政复议、行政诉讼情况",
                  "## 三、主动公开政府信息情况", *[f"## {t}" for t in OFFICIAL[4:]])
    assert sorted(c for _, c, _ in findings(text)) == ["SEC002", "SEC004"]


# --------------------------------------------------------------------------- hostile outlines


def _work(text: str) -> int:
    """Lines of reportlint's own code executed to lint ``text`` with the SEC and TBL rules and to
    look up the section of every line: the work done, independent of the machine's speed."""
    import reportlint

    roots = (str(Path(reportlint.__file__).parent), str(Path(__file__).resolve().parents[1] / "rules"))
    linter = Linter(Settings(select=["SEC", "TBL"]))
    linter.lint_text(FRONT, "warm.md")  # registry, profile and caches: not part of the work measured
    results = []

    def run():
        results.append(linter.lint_text(text, "report.md"))
        doc = decode("report.md", text.encode("utf-8"))
        for line in range(1, len(doc.lines) + 1):
            doc.section_at(line)

    count = lines_executed(roots, run)
    assert not results[0].errors
    return count


@pytest.mark.parametrize("shape", ["outline", "copies", "subtopics"])
def test_many_headings_take_linear_work(shape):
    """Issue 14: 16,000 headings took 15.8 s and 100,000 took 662 s (every block compared with every
    section, every lookup a scan). Four times the headings must cost about four times the work; a
    quadratic step would cost sixteen times."""
    def text(n):
        if shape == "outline":  # headings of every level, none of them a section
            body = "".join(f"{'#' * (2 + i % 5)} 小标题{i}\n\n正文{i}。\n\n" for i in range(n))
        elif shape == "copies":  # one section title repeated: n candidates for one section
            body = "".join("## 二、主动公开政府信息情况\n\n正文。\n\n" for _ in range(n))
        else:  # sub-topics repeating an official title under a section, and the sections
            body = "## 一、总体情况\n\n" + "".join(f"### （{i}）主动公开政府信息情况\n\n正文。\n\n" for i in range(n)) + \
                "".join(f"## {t}\n\n正文。\n\n" for t in OFFICIAL[1:])
        return FRONT + body

    small, large = _work(text(300)), _work(text(1200))
    assert large < 5.5 * small, (small, large)


def test_section_at_finds_the_innermost_section_of_any_line():
    text = "# T\n\n## A\n\na\n\n### B\n\nb\n\n## C\n\nc\n"
    doc = decode("t.md", text.encode())
    titles = [(doc.section_at(i).title if doc.section_at(i) else None) for i in range(1, len(doc.lines) + 1)]
    assert titles == ["T", "T"] + ["A"] * 4 + ["B"] * 4 + ["C"] * 4
    a, b = doc.sections[1], doc.sections[2]
    assert [x.kind for x in a.blocks] == ["paragraph", "heading", "paragraph"] and b.parent is a
    assert [x.kind for x in b.blocks] == ["paragraph"]


def test_where_the_sections_are_numbered_1_2_a_flattened_subtopic_numbered_yi_is_still_a_subtopic():
    text = report("## 1. 总体情况", "## （一）主动公开政府信息情况", "## 2. 主动公开政府信息情况",
                  "## 3. 收到和处理政府信息公开申请情况", "## 4. 政府信息公开行政复议、行政诉讼情况",
                  "## 5. 存在的主要问题及改进情况", "## 6. 其他需要报告的事项")
    assert findings(text) == []
