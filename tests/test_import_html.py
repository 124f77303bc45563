"""`reportlint import` of report pages saved from government websites, through the real CLI.

Two realistic pages (tests/fixtures/import/): a CMS page around the real-derived 008 report
(header, navigation, breadcrumb, 政府信息公开 metadata table, share bar, footer, script and style),
and a GB2312 page whose article was pasted from Word (MsoNormal, ``<o:p>``, ``mso-`` styles,
``&nbsp;`` in a blank cell) with 023-hanyang's text and its real defect, a blank cell. Imported,
each gets exactly the findings of the same report converted by hand (tests/fixtures/corpus/).
"""
from __future__ import annotations

import pytest

from clihelp import run_cli
from importhelpers import CORPUS, FIXTURES, PUBLISHED_MISSING, findings, import_

CHROME = ["当前位置", "您现在的位置", "首页", "索引号", "分享到", "打印本页", "备案号", "浏览次数", "主办", "搜索",
          "pageTitle", "float: left", "MsoNormal", "mso-", "o:p", "&nbsp;", "\xa0"]


def test_cms_page(tmp_path):
    text, stderr = import_(FIXTURES / "testshi-2025-page.html", tmp_path / "r.md", "--level", "government")
    # the page states its publication date (PubDate), which the hand-converted source may lack
    hand = [f for f in findings(CORPUS / "008-testshi-2025-html.md") if f != PUBLISHED_MISSING]
    assert findings(tmp_path / "r.md") == hand
    for chrome in CHROME:
        assert chrome not in text, chrome
    # front matter from the page: the title (ArticleTitle), year and organisation from it, the
    # publication date from PubDate; the level given, as 测试市 does not say it
    assert text.startswith('---\nprofile: gov-info-disclosure\nedition: "2021"\ntitle: 测试市2025年政府信息公开工作年度报告\n'
                           "organization: 测试市\nyear: 2025\nlevel: government\npublished: 2026-01-20\n---\n\n"
                           "# 测试市2025年政府信息公开工作年度报告\n\n根据《中华人民共和国政府信息公开条例》规定编制本报告。")
    assert text.count("# 测试市2025年") == 1
    assert '<td colspan="3" rowspan="3">（本列数据的勾稽关系为' in text and '<td rowspan="22">三、本年度办理结果</td>' in text
    assert stderr == ""


def test_cms_page_without_level_names_the_key(tmp_path):
    _, stderr = import_(FIXTURES / "testshi-2025-page.html", tmp_path / "r.md")
    assert stderr.splitlines() == [
        f"reportlint import: {FIXTURES / 'testshi-2025-page.html'}: front matter: fill in `level` "
        "(government, department, township): '测试市' does not say which; or pass --level"]
    assert "\nlevel:  # TODO: 机关层级" in (tmp_path / "r.md").read_text(encoding="utf-8")


def test_word_exported_page_with_a_blank_cell(tmp_path):
    text, stderr = import_(FIXTURES / "hanyang-2022-word-page.html", tmp_path / "r.md")
    # the page states its publication date (发布日期), which the hand-converted excerpt may lack
    hand = [f for f in findings(CORPUS / "023-hanyang-office-2022-excerpt.md") if f != PUBLISHED_MISSING]
    assert ("TBL007", "表二（第二十条第（一）项） 规章 / 现行有效件数 is blank (write 0 if there is nothing to report; "
                      "a blank is not 0)") in hand
    assert findings(tmp_path / "r.md") == hand
    for chrome in CHROME:
        assert chrome not in text, chrome
    assert text.startswith("---\nprofile: gov-info-disclosure\nedition: \"2021\"\n"
                           "title: 武汉市汉阳区人民政府办公室2022年度政府信息公开工作年度报告\n"
                           "organization: 武汉市汉阳区人民政府办公室\nyear: 2022\nlevel: department\n"
                           "published: 2023-01-19\n---\n")
    assert "<td>规章</td>\n<td>0</td>\n<td>0</td>\n<td></td>" in text  # &nbsp; is blank, not 0
    assert "<td>商业<br />企业</td>" in text  # two paragraphs in a cell: a line break, every character kept
    assert "\n## 一、总体情况\n" in text  # a bold Word paragraph
    assert stderr == ""


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_page_details(tmp_path):
    body = ("<div class='nav'><a href='/'>首页</a></div>"
            "<div class='content'><h1>某某区统计局2023年政府信息公开工作年度报告</h1>"
            "<p>一、总体情况</p><p>全年主动公开政府信息<b>1136</b>条。<img src='chart.png' alt='统计图'></p>"
            "<p><strong>（一）主动公开情况</strong></p><p>第一行<br>第二行</p>"
            "<p>二、主动公开政府信息情况</p>"
            "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
            "<tr><td>规章</td><td>&nbsp;</td><td>减263</td><td>251000元</td></tr></table>"
            "<p>发布时间：2024年1月31日</p></div>")
    page = tmp_path / "p.htm"
    page.write_text(_page(body), encoding="utf-8")
    text, stderr = import_(page, tmp_path / "p.md")
    assert "title: 某某区统计局2023年政府信息公开工作年度报告\norganization: 某某区统计局\nyear: 2023\n" \
           "level: department\npublished: 2024-01-31\n" in text
    assert "\n## 一、总体情况\n" in text and "\n### （一）主动公开情况\n" in text
    assert "全年主动公开政府信息1136条。" in text and "第一行\n第二行" in text
    assert "| 规章 |  | 减263 | 251000元 |" in text  # a pipe table: nothing merged; cells as written
    assert "首页" not in text
    assert "an image (统计图) in the paragraph '全年主动公开政府信息1136条。': not imported" in stderr


def test_gbk_page_without_declared_charset(tmp_path):
    page = tmp_path / "g.html"
    page.write_bytes(_page("<div><p>某某镇人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p></div>")
                     .replace("<meta charset='utf-8'>", "").encode("gb18030"))
    text, _ = import_(page, tmp_path / "g.md")
    assert "organization: 某某镇人民政府\nyear: 2023\nlevel: township\n" in text


@pytest.mark.parametrize("data,message", [
    (b"\x00\x01\x02binary", "not an HTML page"),
])
def test_unreadable_page(tmp_path, data, message):
    page = tmp_path / "x.html"
    page.write_bytes(data)
    proc = run_cli("import", str(page))
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_old_page_laid_out_with_tables(tmp_path):
    """Older sites lay the whole page out with nested tables: the data tables are found inside."""
    report = ("<p align=center><b>某某县农业农村局2023年政府信息公开工作年度报告</b></p>"
              "<p>一、总体情况</p><p>" + "本局认真贯彻落实《条例》，" * 30 + "</p>"
              "<p>二、主动公开政府信息情况</p>"
              "<table border=1><tr><td colspan=4>第二十条第（一）项</td></tr>"
              "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
              "<tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr></table>")
    body = ("<table width=1000><tr><td class='topnav'><a href='/'>首页</a> <a href='/a'>机构概况</a> "
            "<a href='/b'>政务公开</a></td></tr>"
            "<tr><td><table width=100%><tr><td>您的位置：<a href='/'>首页</a> &gt; 年度报告</td></tr>"
            f"<tr><td id=content>{report}</td></tr></table></td></tr>"
            "<tr><td>版权所有：某某县人民政府 技术支持：某某公司 联系电话：0000-0000000</td></tr></table>")
    page = tmp_path / "old.html"
    page.write_text(_page(body), encoding="utf-8")
    text, _ = import_(page, tmp_path / "old.md")
    assert "\n# 某某县农业农村局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n" in text
    assert '<td colspan="4">第二十条第（一）项</td>' in text
    for chrome in ("首页", "您的位置", "版权所有", "机构概况"):
        assert chrome not in text, chrome
