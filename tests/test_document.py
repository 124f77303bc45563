"""The shared document model: front matter positions, sections, paragraphs and table cells."""
from __future__ import annotations

from reportlint.document import decode


def doc_of(text: str):
    return decode("t.md", text.encode("utf-8"))


def test_front_matter_keeps_key_and_value_positions():
    d = doc_of('---\nprofile: gov-info-disclosure\nyear: 2024  # comment\nedition: "2021"\n---\n\n# T\n')
    fm = d.front_matter
    assert fm.data == {"profile": "gov-info-disclosure", "year": 2024, "edition": "2021"}
    assert tuple(fm.key_span("year")) == (3, 1, 3, 5)
    assert tuple(fm.value_span("year")) == (3, 7, 3, 11)
    assert tuple(fm.value_span("edition")) == (4, 10, 4, 16)
    assert d.body_start_line == 6
    assert d.headings[0].line == 7


def test_pipe_table_cells_have_their_own_positions_counting_characters():
    text = "\n".join([
        "| 信息内容 | 本年制发件数 | 备注 |",
        "|---|---:|---|",
        "| 规章 |  | x \\| y `a|b` |",
        "|行政规范性文件|8|",
    ])
    t = doc_of(text).tables[0]
    assert [r.texts() for r in t.rows] == [["信息内容", "本年制发件数", "备注"], ["规章", "", "x | y a|b"], ["行政规范性文件", "8"]]
    h = t.rows[0].cells
    assert [(c.line, c.column, c.span.end_column) for c in h] == [(1, 3, 7), (1, 10, 16), (1, 19, 21)]
    blank = t.rows[1].cells[1]
    assert blank.is_blank and (blank.line, blank.column) == (3, 7)
    assert [(c.line, c.column) for c in t.rows[2].cells] == [(4, 2), (4, 10)]
    assert t.rows[0].header and not t.rows[1].header and t.header_rows == 1


def test_html_table_rowspan_colspan_expanded_with_positions():
    text = "\n".join([
        "# T",
        "",
        "<table>",
        "<thead><tr><th colspan=\"2\" rowspan=\"2\">角</th><th colspan=\"2\">申请人情况</th></tr>",
        "<tr><th>自然人</th><th>总计</th></tr></thead>",
        "<tbody><tr><td rowspan=\"2\">三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>1</td></tr>",
        "<tr><td>（二）部分公开<br/>（区分处理的）</td><td> 2 </td><td></td></tr>",
        "</tbody></table>",
    ])
    t = doc_of(text).tables[0]
    assert t.kind == "html" and t.header_rows == 2 and t.width == 4
    assert [r.texts() for r in t.rows] == [
        ["角", "角", "申请人情况", "申请人情况"],
        ["角", "角", "自然人", "总计"],
        ["三、本年度办理结果", "（一）予以公开", "1", "1"],
        ["三、本年度办理结果", "（二）部分公开\n（区分处理的）", "2", ""],
    ]
    merged = t.rows[3].cells[0]
    assert merged is t.rows[2].cells[0] and (merged.row, merged.col, merged.rowspan) == (2, 0, 2)
    two = t.rows[3].cells[2]
    assert (two.line, two.column, two.span.end_column) == (7, 38, 39)
    assert (t.rows[2].cells[2].line, t.rows[2].cells[2].column) == (6, 62)


def test_sections_tree_and_paragraph_positions():
    text = "\n".join([
        "# 标题", "", "## 一、总体情况", "", "第一段，共收到申请2件。", "第二行 3 件。", "", "### （一）主动公开", "", "内容",
        "", "## 二、主动公开政府信息情况", "", "- 列表项 5 条",
    ])
    d = doc_of(text)
    assert [(s.title, s.level, s.start_line, s.end_line) for s in d.sections] == [
        ("标题", 1, 1, 14), ("一、总体情况", 2, 3, 11), ("（一）主动公开", 3, 8, 11), ("二、主动公开政府信息情况", 2, 12, 14)]
    assert d.sections[2].parent is d.sections[1]
    p = d.paragraphs[0]
    off = p.text.index("3")
    assert p.position(off) == (6, 5)
    assert p.position(p.text.index("2")) == (5, 10)
    assert d.paragraphs[-1].text == "列表项 5 条" and d.paragraphs[-1].span.column == 3
    assert [b.kind for b in d.blocks] == ["heading", "heading", "paragraph", "heading", "paragraph", "heading", "list"]


def test_a_linted_document_is_freed_by_reference_counting():
    """Back-references in the model (a cell hit's table, a section's parent, a clause's sentence,
    a figure's clause) are weak: dropping a linted document frees it and everything it built
    at once, leaving no reference cycle for the garbage collector."""
    import gc
    import weakref
    from pathlib import Path

    from reportlint.document import load
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    linter = Linter(Settings())
    for path in sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.md")):
        linter.lint_path(path)  # warm up: imports, profiles, caches
        gc.collect()
        gc.disable()
        try:
            doc = load(path)
            linter.lint_document(doc)
            models = [v for k, v in doc._memo.items() if k.startswith("tablemodel:")]
            proses = [v for k, v in doc._memo.items() if k.startswith("prose:")]
            assert models and proses and doc.tables and any(s.parent for s in doc.sections)
            cell = next(models[0].all_cells())
            assert cell.table.cell(cell.row_key, cell.col_key) is cell
            clause = proses[0].figures[0].clause
            assert clause.sentence.clauses and clause in clause.sentence.clauses
            parts = [doc, doc.tables[0], doc.sections[-1], cell, cell.table, clause, clause.sentence]
            refs = [weakref.ref(x) for x in parts]
            del doc, models, proses, cell, clause, parts
            assert [r() for r in refs] == [None] * len(refs), path.name
            assert gc.collect() == 0, path.name
        finally:
            gc.enable()
