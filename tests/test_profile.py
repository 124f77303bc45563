"""Profiles are data, validated when loaded: an invalid one is a configuration error that names
the file, the line and the problem."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportlint.profile import ProfileError, ProfileRegistry, load_profile, schema_dir
from reportlint.relations import Ref

BUILTIN = schema_dir() / "profiles" / "gov-info-disclosure.yaml"


def test_builtin_profile_loads_with_both_editions():
    p = load_profile(BUILTIN)
    assert p.id == "gov-info-disclosure" and set(p.editions) == {"2019", "2021"}
    e19, e21 = p.editions["2019"], p.editions["2021"]
    assert [s.title for s in e21.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert "t2_9" in e19.tables and "t2_9" not in e21.tables
    assert len(e21.tables["t3"].data_rows) == 25 and len(e19.tables["t3"].data_rows) == 23
    assert p.edition_for_year(2020) is e19 and p.edition_for_year(2021) is e21 and p.edition_for_year(2030) is e21
    # relations are expanded and parsed: the 总计 column of every t3 data row, the stated balance per column
    by_id = {}
    for r in e21.relations:
        by_id.setdefault(r.id, []).append(r)
    assert len(by_id["t3_row_total"]) == 25 and len(by_id["t3_stated_balance"]) == 7
    results = by_id["t3_results_total"][0]
    assert len(results.rhs) == 2 + 8 + 3 + 5 + 3
    assert by_id["t3_stated_balance"][-1].report_at == Ref("t3", "r_carry_out", "c_total")
    assert by_id["t3_carry_over"][0].cross_year


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "my-report.yaml"
    p.write_text(text, encoding="utf-8")
    return p


MINIMAL = """profile: my-report
name: {zh: 我的报告, en: My report}
editions:
  - id: "1"
    sections:
      - id: s1
        title: 一、概况
    tables:
      - id: t1
        name: {zh: 表一, en: Table 1}
        section: s1
        columns:
          - {key: c_item, label: 项目, type: row_label}
          - {key: c_a, label: 甲, type: count}
          - {key: c_b, label: 乙, type: count}
          - {key: c_total, label: 合计, type: count}
        rows:
          - {key: r_1, label: 第一行}
    relations:
      - id: total
        severity: error
        expr: t1.r_1.c_total == t1.r_1.c_a + t1.r_1.c_b
cell_types:
  count: {kind: integer, min: 0}
"""


def test_a_user_profile_with_a_relation_needs_no_python(tmp_path):
    p = load_profile(write(tmp_path, MINIMAL))
    rel = p.editions["1"].relations[0]
    assert [str(t.ref) for t in rel.rhs] == ["t1.r_1.c_a", "t1.r_1.c_b"] and rel.op == "=="
    reg = ProfileRegistry([tmp_path])
    assert reg.get("my-report").id == "my-report" and "gov-info-disclosure" in reg.ids()


@pytest.mark.parametrize("change,line,text", [
    (("title: 一、概况", "title: [一、概况"), 8, "invalid YAML"),
    (("    sections:", "    sektions:"), 5, "Additional properties are not allowed ('sektions' was unexpected)"),
    (("        section: s1", "        section: s9"), 11, "unknown section 's9'"),
    (("label: 乙, type: count", "label: 乙, type: money"), 15, "unknown cell type 'money'"),
    (("{key: c_b, label: 乙", "{key: c_a, label: 乙"), 15, "duplicate key 'c_a'"),
    (("expr: t1.r_1.c_total ==", "expr: t1.r_2.c_total =="), 22, "unknown row 'r_2' in table 't1'"),
    (("expr: t1.r_1.c_total ==", "expr: t9.r_1.c_total =="), 22, "unknown table 't9'"),
    (("c_a + t1.r_1.c_b", "c_a + + t1.r_1.c_b"), 22, "expected a cell reference or a number"),
    (("c_a + t1.r_1.c_b", "c_a + eval('1')"), 22, "unexpected text"),
])
def test_invalid_profiles_name_file_line_and_problem(tmp_path, change, line, text):
    path = write(tmp_path, MINIMAL.replace(*change))
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    e = exc.value
    assert e.path == str(path) and e.line == line, str(e)
    assert text in e.message, str(e)
    assert str(e).startswith(f"{path}:{line}:")
