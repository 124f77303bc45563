"""`reportlint import` of Word documents, through the real CLI.

The documents are built with python-docx the way offices make them (tests/docxbuild.py) from a
real report, 003-hongze-2023, with its real defects (表四 总计 0 under 10/1/0/0 and 5/0/0/0, two
typos, the 2019-style （六） row). Imported, they must get exactly the findings of the same report
converted by hand (tests/fixtures/corpus/003-hongze-2023.md).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from clihelp import run_cli
from docxbuild import HONGZE_T2, build_docx, hanyang_items, hongze_items
from importhelpers import CORPUS, FIXTURES, findings, import_, other_notes, published_of

from reportlint.document import decode

HONGZE = CORPUS / "003-hongze-2023.md"
HAND = None


def hand_findings():
    global HAND
    if HAND is None:
        HAND = findings(HONGZE)
        codes = [c for c, _ in HAND]
        assert codes.count("SUM001") == 2 and "TBL006" in codes  # the real defects are there to be found
    return HAND


@pytest.mark.parametrize("titles,t3_header", [("bold", "two-row"), ("heading", "three-row")])
def test_word_report_gets_the_findings_of_the_hand_written_one(tmp_path, titles, t3_header):
    docx = build_docx(tmp_path / "report.docx", hongze_items(t3_header), titles=titles)
    text, stderr = import_(docx, tmp_path / "report.md", *published_of(HONGZE))
    assert findings(tmp_path / "report.md") == hand_findings()
    assert other_notes(stderr) == []  # everything was mapped, and inferred but the publication date
    assert text.startswith("---\nprofile: gov-info-disclosure\nedition: \"2021\"\n"
                           "title: 洪泽区人民政府2023年政府信息公开工作年度报告\norganization: 洪泽区人民政府\n"
                           "year: 2023\nlevel: government\npublished:")
    assert "\n---\n\n# 洪泽区人民政府2023年政府信息公开工作年度报告\n" in text
    for title in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert f"\n## {title}\n" in text


def test_blank_word_cell_stays_blank(tmp_path):
    """023-hanyang-2022 in Word: the blank 规章 现行有效件数 cell is reported as blank, exactly as in
    the hand-converted report (not dropped, not shifted, not 0)."""
    docx = build_docx(tmp_path / "hy.docx", hanyang_items())
    hand_path = CORPUS / "023-hanyang-office-2022-excerpt.md"
    text, stderr = import_(docx, tmp_path / "hy.md", *published_of(hand_path))
    hand = findings(hand_path)
    assert "TBL007" in [c for c, _ in hand]
    assert findings(tmp_path / "hy.md") == hand
    assert "<td>规章</td>\n<td>0</td>\n<td>0</td>\n<td></td>" in text
    assert "level: department" in text and other_notes(stderr) == []


def test_readme_workflow(tmp_path):
    """The documented workflow, as a user types it: import, then check (which finds the real defects)."""
    import os
    import subprocess
    import sys

    from clihelp import snippet

    build_docx(tmp_path / "x.docx", hongze_items())
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(["bash", "-c", snippet("import")], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr  # the report's errors (表四 总计) fail the check
    assert "SUM001" in proc.stdout and "fill in `published`" in proc.stderr
    assert (tmp_path / "x.md").is_file()


def test_word_document_saved_by_libreoffice(tmp_path):
    """The same document after a round trip through LibreOffice (which writes the merges and the
    table grid its own way: 表四 gets a 16th grid column)."""
    text, stderr = import_(FIXTURES / "hongze-2023-libreoffice.docx", tmp_path / "lo.md",
                           *published_of(HONGZE))
    assert findings(tmp_path / "lo.md") == hand_findings()
    assert other_notes(stderr) == []


def _tables(markdown: str):
    return decode("x.md", markdown.encode("utf-8")).tables


def test_merged_numbers_are_never_duplicated(tmp_path):
    """python-docx returns a merged cell at every grid position it covers; the import writes it once."""
    import docx as python_docx

    rows = [["项目", "甲", "乙", "丙"],
            ["合计", "550", "", ""],        # one number across three columns
            ["上半年", "12", "3", "4"],     # 12 merged down over two rows
            ["下半年", "", "5", "6"]]
    path = build_docx(tmp_path / "m.docx", [("p", "表"), ("table", rows, [(1, 1, 1, 3), (2, 1, 3, 1)])])
    naive = python_docx.Document(str(path)).tables[0]
    assert [c.text for c in naive.rows[1].cells] == ["合计", "550", "550", "550"]  # the trap
    assert [c.text for c in naive.rows[3].cells] == ["下半年", "12", "5", "6"]
    text, _ = import_(path, tmp_path / "m.md")
    assert text.count("550") == 1 and text.count(">12<") == 1
    table = _tables(text)[0]
    assert table.kind == "html"
    first = table.rows[1].cells[1]
    assert first.text == "550" and first.colspan == 3
    assert table.rows[1].cells[2] is first and table.rows[1].cells[3] is first
    twelve = table.rows[2].cells[1]
    assert twelve.text == "12" and twelve.rowspan == 2 and table.rows[3].cells[1] is twelve
    assert [c.text for c in table.rows[3].cells] == ["下半年", "12", "5", "6"]  # the same cell, read once


def test_table2_caption_rows_and_single_value_spans(tmp_path):
    path = build_docx(tmp_path / "t2.docx", [("table",) + HONGZE_T2])
    text, _ = import_(path, tmp_path / "t2.md")
    assert '<td colspan="4">第二十条第（五）项</td>' in text
    assert '<td colspan="3">550</td>' in text and text.count("550") == 1


def test_every_cell_as_written(tmp_path):
    """A blank stays blank, 减263 and 251000元 stay, nothing is summed; a table without merges is a
    pipe table, with ``|`` escaped."""
    rows = [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            ["行政处罚", "491", "减263", ""],
            ["行政事业性收费", "251000元", " 12 ", "a|b"]]
    path = build_docx(tmp_path / "c.docx", [("table", rows, [])])
    text, _ = import_(path, tmp_path / "c.md")
    assert "| 行政处罚 | 491 | 减263 |  |" in text
    assert "| 行政事业性收费 | 251000元 | 12 | a\\|b |" in text
    table = _tables(text)[0]
    assert [c.text for c in table.rows[2].cells] == ["行政事业性收费", "251000元", "12", "a|b"]


def test_paragraph_characters_are_kept(tmp_path):
    paras = ["# 不是标题", "1. 不是列表", "注*：见<附件>与 a_b 及 _c_ 和 `代码`", "- 项目", "2023年\n第二行", "　　全角缩进的段落"]
    path = build_docx(tmp_path / "p.docx", [("title", "某某局2023年政府信息公开工作年度报告")] + [("p", p) for p in paras])
    text, _ = import_(path, tmp_path / "p.md")
    from markdown_it import MarkdownIt
    import html

    body = text.split("---\n", 2)[2]
    rendered = MarkdownIt("commonmark").render(body)
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for p in paras:
        assert p.strip().replace("　　", "") in shown or p.strip() in shown, p
    assert "<h" not in rendered.split("</h1>", 1)[1] and "<li>" not in rendered and "<code>" not in rendered


def test_auto_numbered_section_titles(tmp_path):
    """Word numbers the section titles itself (一、 in numbering.xml, not in the text)."""
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    numbering = doc.part.numbering_part.element
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text, level):
        p = doc.add_paragraph()
        p.add_run(text).bold = True
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    doc.add_paragraph("某某局2023年政府信息公开工作年度报告")
    numbered("总体情况", 0)
    numbered("主动公开情况", 1)
    numbered("依申请公开情况", 1)
    numbered("主动公开政府信息情况", 0)
    numbered("平台建设情况", 1)
    doc.save(str(tmp_path / "n.docx"))
    text, _ = import_(tmp_path / "n.docx", tmp_path / "n.md")
    assert "\n## 一、总体情况\n" in text and "\n### （一）主动公开情况\n" in text
    assert "\n### （二）依申请公开情况\n" in text
    assert "\n## 二、主动公开政府信息情况\n" in text and "\n### （一）平台建设情况\n" in text


def test_report_framed_in_a_one_cell_table(tmp_path):
    """Some offices put the whole report in a one-cell table as a frame: its content is the report."""
    from docx import Document

    doc = Document()
    frame = doc.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].add_run("某某局2023年政府信息公开工作年度报告").bold = True
    frame.add_paragraph().add_run("一、总体情况").bold = True
    frame.add_paragraph("正文。")
    inner = frame.add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "信息内容", "本年处理决定数量"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "行政许可", "5"
    doc.save(str(tmp_path / "f.docx"))
    text, _ = import_(tmp_path / "f.docx", tmp_path / "f.md")
    assert "\n# 某某局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n\n| 信息内容 | 本年处理决定数量 |\n" in text


def _png(path: Path) -> Path:
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"\x00\xff\x00\x00"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def test_what_could_not_be_mapped_is_said_on_stderr(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = Document()
    doc.add_paragraph("某某局2023年政府信息公开工作年度报告")
    doc.add_paragraph().add_run("一、总体情况").bold = True
    doc.add_paragraph("全年主动公开政府信息。").add_run().add_picture(str(_png(tmp_path / "x.png")))
    p = doc.add_paragraph("见下图")
    p._p.append(parse_xml(f'<w:r {w}><w:footnoteReference w:id="1"/></w:r>'))
    box = doc.add_paragraph("框外文字")
    box._p.append(parse_xml(
        f'<w:r {w} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        f'<w:p><w:r><w:t>文本框里的数字 12</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "新闻发布会", "场次"
    table.cell(1, 0).text, table.cell(1, 1).text = "全年", "12"
    doc.save(str(tmp_path / "odd.docx"))
    proc = run_cli("import", str(tmp_path / "odd.docx"), "-o", str(tmp_path / "odd.md"))
    assert proc.returncode == 0
    err = proc.stderr
    assert "an image in the paragraph '全年主动公开政府信息。': not imported" in err
    assert "a footnote (its text) in the paragraph '见下图': not imported" in err
    assert "a text box ('文本框里的数字 12') in the paragraph '框外文字': not imported" in err
    assert "('新闻发布会') is not one of the tables of" in err
    assert "fill in `level`" not in err  # 局: a department
    assert "fill in `published`" in err
    assert all(line.startswith(f"reportlint import: {tmp_path / 'odd.docx'}: ") for line in err.splitlines())
    text = (tmp_path / "odd.md").read_text(encoding="utf-8")
    assert "level: department" in text and "文本框" not in text


@pytest.mark.parametrize("name,data,message", [
    ("corrupt.docx", b"PK\x03\x04 this is not really a zip", "not a readable Word (.docx) document"),
    ("plain.docx", b"just text", "not a readable Word (.docx) document"),
    ("notword.docx", None, "a zip file without the parts of a Word document"),
    ("missing.docx", "absent", "no such file"),
    ("report.pdf", b"%PDF-1.4", "cannot import .pdf"),
])
def test_unreadable_input_is_a_usage_error_without_traceback(tmp_path, name, data, message):
    path = tmp_path / name
    if data is None:
        import zipfile

        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "not a document")
    elif data != "absent":
        path.write_bytes(data)
    proc = run_cli("import", str(path), "-o", str(tmp_path / "out.md"))
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("reportlint: error: ")
    assert not (tmp_path / "out.md").exists()


def test_folder_and_existing_output(tmp_path):
    (tmp_path / "d.docx").mkdir()
    proc = run_cli("import", str(tmp_path / "d.docx"))
    assert proc.returncode == 2 and "is a folder" in proc.stderr
    path = build_docx(tmp_path / "r.docx", [("p", "某某局2023年政府信息公开工作年度报告")])
    (tmp_path / "r.md").write_text("mine\n", encoding="utf-8")
    proc = run_cli("import", str(path), "-o", str(tmp_path / "r.md"))
    assert proc.returncode == 2 and "exists: pass --force" in proc.stderr
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == "mine\n"
    proc = run_cli("import", str(path))  # no -o: standard output
    assert proc.returncode == 0 and proc.stdout.startswith("---\n") and "# 某某局2023年" in proc.stdout


def test_missing_python_docx_says_which_extra(tmp_path):
    shadow = tmp_path / "shadow" / "docx"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named docx')\n", encoding="utf-8")
    path = tmp_path / "r.docx"
    path.write_bytes(b"PK")
    import os

    env = {"PYTHONPATH": str(tmp_path / "shadow") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = run_cli("import", str(path), env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "needs python-docx: pip install 'reportlint[import]'" in proc.stderr
