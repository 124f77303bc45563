"""`reportlint new`: a blank report from the profile, checked with the real CLI.

For each edition and level, in both table shapes: checking the blank scaffold lists exactly what
remains (the blank tables, the empty sections, the publication date, and for a government the
topics it must mention), and once every blank cell holds a number (with consistent arithmetic)
and the sections have text, the check passes with no finding at all.
"""
from __future__ import annotations

import json
import re

import pytest

from clihelp import run_cli
from tablehelpers import parse

from reportlint.profile import ProfileRegistry
from reportlint.tablemodel import table_model

PROFILE = ProfileRegistry().get("gov-info-disclosure")
CASES = [(ed, level, shape) for ed in ("2019", "2021") for level in ("department", "government", "township")
         for shape in ("pipe", "html")]
YEAR = {"2019": 2020, "2021": 2024}
TEXT = {  # what an office writes in each section (no figures, so the prose rules have nothing to compare)
    "s1": "本机关认真贯彻落实《条例》，主动公开、依申请公开、政府信息管理、平台建设和监督保障工作有序开展。"
          "本年度工作考核、社会评议和责任追究结果情况良好。",
    "s5": "存在的主要问题是政策解读形式较为单一，下一步将丰富解读形式。",
    "s6": "本年度未收取信息处理费，无其他需要报告的事项。",
}


def new(tmp_path, edition, level, shape, *extra, name="report.md"):
    out = tmp_path / name
    args = ["new", "--organization", "某某市某某局", "--year", str(YEAR[edition]), "--level", level,
            "-o", str(out), *extra]
    if shape == "html":
        args.append("--html-tables")
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    return out


def check_json(path):
    proc = run_cli("check", "--format", "json", "--no-cache", str(path))
    return proc.returncode, json.loads(proc.stdout)


def values_for(edition, table_id, row, col, cell_type):
    """A number for every cell such that every relation of the profile holds."""
    spec = PROFILE.editions[edition].tables[table_id]
    if table_id == "t3":
        leaves = ["c_natural", "c_commercial", "c_research", "c_social", "c_legal", "c_other"]
        results = [r.key for r in spec.data_rows if r.key not in ("r_new", "r_carry_in", "r_total", "r_carry_out")]

        def leaf(r, c):
            if r in results:
                return (results.index(r) * 3 + leaves.index(c)) % 5
            if r == "r_carry_in":
                return 1 if c == "c_natural" else 0
            if r == "r_carry_out":
                return 2 if c in ("c_natural", "c_legal") else 0
            if r == "r_total":
                return sum(leaf(x, c) for x in results)
            return leaf("r_total", c) + leaf("r_carry_out", c) - leaf("r_carry_in", c)  # r_new

        return str(sum(leaf(row, c) for c in leaves) if col == "c_total" else leaf(row, col))
    if table_id == "t4":
        parts = {"maintain": 3, "correct": 1, "other": 2, "pending": 1}
        return str(sum(parts.values()) if col.endswith("_total") else parts[col.rsplit("_", 1)[1]])
    return {"count": "7", "signed_count": "2", "amount": "12.5"}[cell_type]


def fill(text: str, edition: str) -> str:
    """The scaffold with a number in every cell the table reader finds and text in every section
    (inserted at the cells' own positions: a pipe cell after its pipe, an HTML cell after its tag)."""
    doc = parse(text)
    model = table_model(doc, doc.edition)
    lines = text.split("\n")
    edits: dict[int, list[tuple[int, str]]] = {}
    count = 0
    for lt in model.tables.values():
        for (rk, ck), hit in lt.cells.items():
            assert hit.cell.is_blank, (lt.id, rk, ck, hit.cell.text)
            value = values_for(edition, lt.id, rk, ck, hit.column.type)
            line = lines[hit.cell.line - 1]
            col = hit.cell.column - 1
            if hit.physical.kind == "html":
                col = line.index(">", col) + 1  # into <td></td>
            edits.setdefault(hit.cell.line - 1, []).append((col, value))
            count += 1
    expected = sum(len(t.data_rows) * len(t.data_columns) for t in PROFILE.editions[edition].tables.values())
    assert count == expected  # the reader finds every cell of every table, each once
    for i, items in edits.items():
        for col, value in sorted(items, reverse=True):
            lines[i] = lines[i][:col] + value + lines[i][col:]
    out = "\n".join(lines)
    for section in PROFILE.editions[edition].sections:
        if section.id in TEXT:
            hint = f"<!-- {section.hint} -->"
            assert hint in out
            out = out.replace(hint, hint + "\n\n" + TEXT[section.id], 1)
    return out


@pytest.mark.parametrize("edition,level,shape", CASES)
def test_blank_scaffold_lists_what_remains_and_passes_once_filled(tmp_path, edition, level, shape):
    path = new(tmp_path, edition, level, shape)
    rc, findings = check_json(path)
    assert rc == 1
    got = sorted((f["code"], f["message"].split(":")[0]) for f in findings)
    ed = PROFILE.editions[edition]
    want = [("FM003", "'published' is empty — publication date, YYYY-MM-DD")]
    want += [("SEC005", f"section '{s.title}' is empty") for s in ed.sections if s.id in TEXT]
    want += [("TBL007", f"{t.name.zh} holds no values") for t in ed.tables.values()]
    if level == "government":
        want.append(("SEC007", "the report never mentions 工作考核、社会评议、责任追究"))
    assert got == sorted(want), json.dumps(findings, ensure_ascii=False, indent=1)
    one_cell = [f["message"] for f in findings if f["message"].startswith("表二（第二十条第（五）项）")]
    assert one_cell == ["表二（第二十条第（五）项） holds no values: its only cell is blank "
                        "(write 0 where there is nothing to report)"] or edition == "2019"

    filled = tmp_path / "filled.md"
    text = fill(path.read_text(encoding="utf-8"), edition)
    year = int(re.search(r"^year: (\d{4})$", text, re.M).group(1))  # published in time for its year (DATE001)
    filled.write_text(text.replace("published:  # TODO: 发布日期，格式 YYYY-MM-DD", f"published: {year + 1}-01-20"),
                      encoding="utf-8")
    rc, findings = check_json(filled)
    assert findings == [] and rc == 0, json.dumps(findings, ensure_ascii=False, indent=1)


def test_scaffold_labels_are_the_official_ones(tmp_path):
    """Every row and column label of every table, exactly as the profile has it."""
    text = new(tmp_path, "2021", "department", "pipe").read_text(encoding="utf-8")
    for spec in PROFILE.editions["2021"].tables.values():
        for item in spec.columns + spec.rows:
            if item.label:
                assert f"| {item.label} |" in text, item.label
    assert "| 规章 |  |  |  |" in text  # number cells blank, padding cells of a narrower part too
    assert text.count("\n## ") == 6


def test_published_option_and_front_matter(tmp_path):
    path = new(tmp_path, "2021", "township", "pipe", "--published", "2025-02-10")
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\nprofile: gov-info-disclosure\nedition: "2021"\n'
                           "title: 某某市某某局2024年政府信息公开工作年度报告\norganization: 某某市某某局\n"
                           "year: 2024\nlevel: township\npublished: 2025-02-10\n---\n\n"
                           "# 某某市某某局2024年政府信息公开工作年度报告\n")
    rc, findings = check_json(path)
    assert "FM003" not in {f["code"] for f in findings}


def test_edition_follows_the_year_unless_given(tmp_path):
    assert 'edition: "2019"' in new(tmp_path, "2019", "department", "pipe").read_text(encoding="utf-8")
    out = tmp_path / "x.md"
    proc = run_cli("new", "--organization", "某局", "--year", "2024", "--level", "department", "--edition", "2019",
                   "-o", str(out))
    assert proc.returncode == 0
    assert 'edition: "2019"' in out.read_text(encoding="utf-8")
    assert "edition 2019 is not the one for 2024" in proc.stderr


def test_stdout_without_output_and_no_overwrite_without_force(tmp_path):
    proc = run_cli("new", "--organization", "某局", "--year", "2024", "--level", "department")
    assert proc.returncode == 0 and proc.stdout.startswith("---\nprofile: gov-info-disclosure\n")
    out = tmp_path / "r.md"
    out.write_text("mine\n", encoding="utf-8")
    proc = run_cli("new", "--organization", "某局", "--year", "2024", "--level", "department", "-o", str(out))
    assert proc.returncode == 2 and "exists: pass --force" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    proc = run_cli("new", "--organization", "某局", "--year", "2024", "--level", "department", "-o", str(out),
                   "--force")
    assert proc.returncode == 0 and out.read_text(encoding="utf-8").startswith("---\n")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]  # no temporary file left behind


@pytest.mark.parametrize("args,message", [
    (["--level", "county"], "--level 'county' is not a level of profile 'gov-info-disclosure'"),
    ([], "--level is required: one of government, department, township"),
    (["--level", "department", "--edition", "2030"], "has no edition '2030'"),
    (["--level", "department", "--profile", "no-such-kind"], "unknown profile 'no-such-kind'"),
])
def test_usage_errors(args, message):
    proc = run_cli("new", "--organization", "某局", "--year", "2024", *args)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


CUSTOM_PROFILE = """\
profile: water-report
name: {zh: 供水工作年度报告, en: Water supply annual report}
front_matter_schema: water.frontmatter.schema.json
editions:
  - id: "1"
    sections:
      - {id: s1, title: 一、概况, hint: 概述本年度供水工作。}
      - {id: s2, title: 二、供水量, tables: [w1]}
    tables:
      - id: w1
        name: {zh: 供水量表, en: Supply table}
        section: s2
        row_label_levels: 2
        columns:
          - {key: c_item, label: 项目, type: row_label}
          - {key: g_vol, label: 供水量, type: group}
          - {key: c_city, label: 城区, type: count, parent: g_vol}
          - {key: c_rural, label: 农村, type: count, parent: g_vol}
          - {key: c_total, label: 合计, type: count}
        rows:
          - {key: g_q, label: 季度, data: false}
          - {key: r_q1, label: 第一季度, parent: g_q}
          - {key: r_q2, label: 第二季度, parent: g_q}
          - {key: r_year, label: 全年}
    relations:
      - id: row_total
        severity: error
        for_each: {r: {rows: w1}}
        expr: w1.{r}.c_total == w1.{r}.c_city + w1.{r}.c_rural
cell_types:
  count: {kind: integer, min: 0}
"""
CUSTOM_SCHEMA = {"type": "object", "required": ["profile", "title", "year"],
                 "properties": {"profile": {"const": "water-report"}, "edition": {"enum": ["1"]},
                                "title": {"type": "string"}, "organization": {"type": "string"},
                                "year": {"type": "integer"}}}


@pytest.mark.parametrize("shape", ["pipe", "html"])
def test_any_profile_with_tables(tmp_path, shape):
    """No code per report kind: a profile of another kind gets its scaffold, and checking it lists
    only the blank table and the empty section."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "water-report.yaml").write_text(CUSTOM_PROFILE, encoding="utf-8")
    (tmp_path / "profiles" / "water.frontmatter.schema.json").write_text(json.dumps(CUSTOM_SCHEMA),
                                                                         encoding="utf-8")
    (tmp_path / ".reportlint.toml").write_text('profile = "water-report"\nprofile-paths = ["profiles"]\n',
                                              encoding="utf-8")
    out = tmp_path / "r.md"
    proc = run_cli("new", "--profile", str(tmp_path / "profiles" / "water-report.yaml"), "--organization",
                   "某水务局", "--year", "2024", "-o", str(out), *(["--html-tables"] if shape == "html" else []))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert "# 某水务局2024年供水工作年度报告" in text and "<!-- 概述本年度供水工作。 -->" in text
    proc = run_cli("check", "--format", "json", "--no-cache", str(out), cwd=tmp_path)
    got = sorted((f["code"], f["message"]) for f in json.loads(proc.stdout))
    assert got == [("SEC005", "section '一、概况' is empty"),
                   ("TBL007", "供水量表 holds no values: all 9 cells are blank (write 0 where there is nothing to report)")]
