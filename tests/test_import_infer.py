"""What `reportlint import` infers for the front matter, and how it writes headings and titles."""
from __future__ import annotations

import pytest

from clihelp import run_cli
from docxbuild import build_docx

from reportlint.importers.infer import infer_level, parse_title
from reportlint.importers.model import Para, Source
from reportlint.importers.writer import ImportOptions, write_markdown
from reportlint.profile import ProfileRegistry

PROFILE = ProfileRegistry().get("gov-info-disclosure")
LEVELS = list(PROFILE.levels)
NAME = PROFILE.name.zh


@pytest.mark.parametrize("title,org,year", [
    ("洪泽区人民政府2023年政府信息公开工作年度报告", "洪泽区人民政府", 2023),
    ("2023年洪泽区人民政府政府信息公开工作年度报告", "洪泽区人民政府", 2023),
    ("某某市交通运输局关于2023年度政府信息公开工作年度报告", "某某市交通运输局", 2023),
    ("武汉市汉阳区人民政府办公室 2022 年度政府信息公开工作年度报告", "武汉市汉阳区人民政府办公室", 2022),
    ("2023年政府信息公开工作年度报告", None, 2023),
    # the report's name worded differently
    ("某某市交通运输局2023年政府信息公开年度报告", "某某市交通运输局", 2023),
    ("2023年洪泽区人民政府政府信息公开年度报告", "洪泽区人民政府", 2023),
    ("政府信息公开工作年度报告", None, None),
])
def test_title_line(title, org, year):
    assert parse_title(title, NAME) == (org, year)


@pytest.mark.parametrize("org,level", [
    ("淮安市人民政府", "government"), ("淮安市洪泽区人民政府", "government"),
    ("某县某某镇人民政府", "township"), ("某某乡", "township"), ("某某镇", "township"),
    ("北京市西城区人民政府新街口街道办事处", "township"), ("某某街道", "township"),
    ("某某市交通运输局", "department"), ("某某市发展和改革委", "department"), ("某某区政府办", "department"),
    ("某某市人民政府办公室", "department"), ("某某省教育厅", "department"),
    ("某某市公共资源交易中心", None), ("某某经济开发区管理委员会", None), ("测试市", None), (None, None),
])
def test_level_from_the_name(org, level):
    assert infer_level(org, LEVELS) == level


def _write(*blocks, **opts):
    return write_markdown(Source(blocks=list(blocks)), PROFILE, ImportOptions(**opts))


def test_title_split_over_two_paragraphs():
    result = _write(Para("洪泽区人民政府", bold=True, centered=True),
                    Para("2023年政府信息公开工作年度报告", bold=True, centered=True),
                    Para("一、总体情况", bold=True), Para("正文。"))
    assert "\n# 洪泽区人民政府2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n正文。\n" in result.markdown
    assert "organization: 洪泽区人民政府\nyear: 2023\nlevel: government\n" in result.markdown


def test_title_worded_differently():
    result = _write(Para("某某市交通运输局2023年政府信息公开年度报告", bold=True, centered=True),
                    Para("一、总体情况", bold=True), Para("正文。"))
    assert "\n# 某某市交通运输局2023年政府信息公开年度报告\n\n## 一、总体情况\n" in result.markdown
    assert "organization: 某某市交通运输局\nyear: 2023\nlevel: department\n" in result.markdown


def test_headings():
    result = _write(Para("某某局2024年政府信息公开工作年度报告", heading=0),
                    Para("一、总体情况"),  # a plain paragraph that is just the official title
                    Para("（一）主动公开情况。", bold=True),  # a bold sub-heading, numbered
                    Para("本年度，我局认真贯彻落实《条例》。", bold=True),  # bold, but a sentence
                    Para("五、存在问题及改进情况", heading=2),  # a variant title in a heading style
                    Para("工作要点", heading=3))
    md = result.markdown
    assert "\n## 一、总体情况\n" in md and "\n### （一）主动公开情况。\n" in md
    assert "\n本年度，我局认真贯彻落实《条例》。\n" in md
    assert "\n## 五、存在问题及改进情况\n" in md and "\n#### 工作要点\n" in md


def test_nothing_to_infer_names_every_key():
    result = _write(Para("工作总结"), Para("正文。"))
    notes = "\n".join(result.notes)
    for key in ("title", "organization", "year", "level", "published"):
        assert f"`{key}`" in notes, key
    assert "organization:  # TODO: 报告机关\n" in result.markdown


def test_options_override_what_the_title_says(tmp_path):
    path = build_docx(tmp_path / "r.docx", [("title", "洪泽区人民政府2023年政府信息公开工作年度报告"),
                                             ("section", "一、总体情况"), ("p", "正文。")])
    proc = run_cli("import", str(path), "--organization", "淮安市洪泽区人民政府", "--year", "2020",
                   "--level", "department", "--published", "2021-01-30")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith('---\nprofile: gov-info-disclosure\nedition: "2019"\n'
                                  "title: 洪泽区人民政府2023年政府信息公开工作年度报告\n"
                                  "organization: 淮安市洪泽区人民政府\nyear: 2020\nlevel: department\n"
                                  "published: 2021-01-30\n---\n")
    assert proc.stderr == ""
    proc = run_cli("import", str(path), "--level", "county")
    assert proc.returncode == 2 and "not a level of profile" in proc.stderr
    proc = run_cli("import", str(path), "--published", "2021-02-30")
    assert proc.returncode == 2 and "not a date" in proc.stderr


def test_title_broken_over_two_lines_of_one_paragraph():
    result = _write(Para("洪泽区人民政府\n2023年政府信息公开工作年度报告", heading=0), Para("一、总体情况", bold=True))
    assert "\ntitle: 洪泽区人民政府2023年政府信息公开工作年度报告\n" in result.markdown
    assert "\n# 洪泽区人民政府2023年政府信息公开工作年度报告\n" in result.markdown
