"""The prose vocabulary is profile data: validated with file:line errors, plain data in the loaded
profile, and enough on its own to give a new report kind prose checks (no Python)."""
import json
from pathlib import Path

import pytest

from reportlint.engine import Linter
from reportlint.profile import ProfileError, ProfileRegistry, load_profile
from reportlint.settings import Settings

BUILTIN = Path(__file__).resolve().parent.parent / "schemas" / "profiles" / "gov-info-disclosure.yaml"

LIBRARY = """\
profile: library-report
name: {zh: 图书馆年度报告, en: Library annual report}
cell_types:
  count: {kind: integer, min: 0}
prose:
  figures:
    count_units: [册, 人次]
  words:
    bought: [购置, 新购, 采购]
  concepts:
    - {id: books.bought, role: whole, dim: books, zh: 新购图书, en: books bought, cells: [[t1.r_books.c_count]]}
    - {id: loans, role: whole, dim: loans, zh: 借阅人次, en: loans, cells: [[t1.r_loans.c_count]]}
  scopes:
    change: {zh: 变化量, en: a change, words: [增加, 减少]}
  counts:
    - {concept: books.bought, units: [册], before: '({bought})(各类)?(图书)?(共)?$'}
    - {concept: loans, units: [人次], before: '借阅(共)?$'}
editions:
  - id: "1"
    sections:
      - {id: s1, title: 一、馆藏情况, tables: [t1]}
    tables:
      - id: t1
        name: {zh: 表一, en: Table 1}
        section: s1
        columns:
          - {key: c_item, label: 项目, type: row_label}
          - {key: c_count, label: 数量, type: count}
        rows:
          - {key: r_books, label: 新购图书}
          - {key: r_loans, label: 借阅人次}
"""

REPORT = """\
---
profile: library-report
title: 某馆2024年度报告
year: 2024
---

# 某馆2024年度报告

## 一、馆藏情况

全年新购图书1200册，较上年增加300册；借阅共5600人次。

| 项目 | 数量 |
|---|---:|
| 新购图书 | 1250 |
| 借阅人次 | 5600 |
"""


def _registry(tmp_path, text, name="library-report"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return ProfileRegistry([path]), path


def test_a_new_report_kind_gets_prose_checks_from_its_profile_alone(tmp_path):
    registry, _ = _registry(tmp_path, LIBRARY)
    linter = Linter(Settings(select=["TXT"]), profiles=registry)
    result = linter.lint_text(REPORT, "report.md")
    assert not linter.errors, linter.errors
    assert [(d.line, d.column, d.code) for d in result.diagnostics] == [(11, 7, "TXT001")]
    (d,) = result.diagnostics
    assert "表一 新购图书 / 数量 = 1250, not 1200" in d.message.en  # 300册 is a change: not compared


def test_the_loaded_profile_keeps_its_vocabulary_as_plain_data():
    """What the compiled-profile cache stores must stay plain (dicts, lists, strings)."""
    prose = load_profile(BUILTIN).prose
    assert json.loads(json.dumps(prose, ensure_ascii=False)) == prose


def _error(tmp_path, old: str, new: str) -> ProfileError:
    text = BUILTIN.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "gov-info-disclosure.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    return exc.value


@pytest.mark.parametrize("old, new, message", [
    ("cells: [[t3.r_new.c_total]],\n       complete: [[applicant.natural, applicant.org]]}",
     "cells: [[t3.r_newer.c_total]],\n       complete: [[applicant.natural, applicant.org]]}",
     "unknown table cell 't3.r_newer.c_total'"),
    ("- {concept: lit.after, units: [件], topic: cases, core: '复议后(起诉|提起)'}",
     "- {concept: lit.later, units: [件], topic: cases, core: '复议后(起诉|提起)'}",
     "unknown concept 'lit.later'"),
    ("- {concept: lit.after, units: [件], topic: cases, core: '复议后(起诉|提起)'}",
     "- {concept: lit.after, units: [件], topic: cases, core: '{reconsidered}后(起诉|提起)'}",
     "unknown word list {reconsidered}"),
    ("- {concept: lit.after, units: [件], topic: cases, core: '复议后(起诉|提起)'}",
     "- {concept: lit.after, units: [件], topic: cases, core: '复议后(起诉|提起'}",
     "invalid pattern"),
    ("- {concept: lit.after, units: [件], topic: cases, core: '复议后(起诉|提起)'}",
     "- {concept: lit.after, units: [件], topic: lawsuits, core: '复议后(起诉|提起)'}",
     "unknown topic 'lawsuits'"),
    ("- {concept: lit.after, units: [件], topic: cases, core: '复议后(起诉|提起)'}",
     "- {concept: lit.after, units: [件], topik: cases, core: '复议后(起诉|提起)'}",
     "Additional properties are not allowed ('topik' was unexpected)"),
])
def test_a_bad_vocabulary_is_a_load_time_error_with_file_and_line(tmp_path, old, new, message):
    err = _error(tmp_path, old, new)
    assert message in err.message
    line = BUILTIN.read_text(encoding="utf-8").split("\n").index(
        next(ln for ln in BUILTIN.read_text(encoding="utf-8").split("\n") if old.split("\n")[0] in ln)) + 1
    assert err.line in (line, line + 1), (err.line, line, err.message)
    assert err.path.endswith("gov-info-disclosure.yaml")


def test_the_cli_reports_a_bad_vocabulary_as_a_configuration_error(tmp_path):
    import subprocess
    import sys

    text = BUILTIN.read_text(encoding="utf-8").replace("core: '复议后(起诉|提起)'", "core: '复议后(起诉'", 1)
    (tmp_path / "profiles").mkdir()
    (tmp_path / "profiles" / "gov-info-disclosure.yaml").write_text(text, encoding="utf-8")
    (tmp_path / ".reportlint.toml").write_text('profile-paths = ["profiles"]\n', encoding="utf-8")
    (tmp_path / "r.md").write_text("---\nprofile: gov-info-disclosure\nyear: 2024\n---\n\n# 报告\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "r.md", "--no-cache"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "gov-info-disclosure.yaml:" in proc.stderr and "invalid pattern" in proc.stderr
    assert "Traceback" not in proc.stderr
