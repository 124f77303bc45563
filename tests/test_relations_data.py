"""Relations are data: a user adds one to a profile, without Python, and the SUM rules check it;
a relation naming an unknown table, row or column is a load-time error naming file and line."""
import subprocess
import sys
from pathlib import Path

import pytest

from reportlint.engine import Linter
from reportlint.profile import ProfileError, ProfileRegistry, load_profile
from reportlint.settings import Settings
from tablehelpers import T2_2021, report, t3_flat, t4_flat

BUILTIN = Path(__file__).resolve().parent.parent / "schemas" / "profiles" / "gov-info-disclosure.yaml"

# added to the 2021 edition's relations (the last edition in the file)
EXTRA = """      - id: t2_6_penalties_at_least_coercions
        kind: heuristic
        severity: warning
        description: {zh: 行政处罚决定不少于行政强制决定, en: there are at least as many 行政处罚 as 行政强制 decisions}
        expr: t2_6.r_penalty.c_decisions >= t2_6.r_coercion.c_decisions
      - id: t4_review_small
        kind: structural
        severity: error
        description: {zh: 行政复议总计不超过100, en: 行政复议 总计 is at most 100}
        expr: t4.r_cases.c_rev_total <= 100
"""


def _profile_with(tmp_path, extra: str) -> Path:
    text = BUILTIN.read_text(encoding="utf-8").rstrip("\n") + "\n" + extra
    path = tmp_path / "gov-info-disclosure.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _lint(profile_path, text):
    linter = Linter(Settings(select=["SUM"]), profiles=ProfileRegistry([profile_path]))
    result = linter.lint_text(text, "report.md")
    assert not linter.errors, linter.errors
    return result.diagnostics


def test_a_relation_added_to_the_profile_is_checked(tmp_path):
    path = _profile_with(tmp_path, EXTRA)
    clean = report(T2_2021, t3_flat(), t4_flat())
    assert _lint(path, clean) == []
    bad = report(T2_2021.replace("| 行政处罚 | 39 |", "| 行政处罚 | 3 |"), t3_flat(),
                 t4_flat((50, 60, 0, 0, 110, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0)))
    diags = _lint(path, bad)
    got = {(d.code, d.severity) for d in diags}
    assert got == {("SUM003", "warning"), ("SUM001", "error")}
    msgs = " ".join(d.message.en for d in diags)
    assert "行政处罚 3 >= 行政强制 8" in msgs  # every term by label and value
    assert "表四 行政复议 总计" in msgs and "110 <= 100" in msgs
    # the built-in profile knows neither relation
    assert Linter(Settings(select=["SUM"])).lint_text(bad, "report.md").diagnostics == []


@pytest.mark.parametrize("expr,problem", [
    ("t9.r_cases.c_rev_total <= 100", "unknown table 't9'"),
    ("t4.r_nothing.c_rev_total <= 100", "unknown row 'r_nothing' in table 't4'"),
    ("t4.r_cases.c_nothing <= 100", "unknown column 'c_nothing' in table 't4'"),
    ("t4.r_cases.c_rev_total <= ", "expected a cell reference or a number"),
])
def test_a_bad_relation_is_a_load_time_error_with_file_and_line(tmp_path, expr, problem):
    path = _profile_with(tmp_path, EXTRA.replace("t4.r_cases.c_rev_total <= 100", expr))
    line = next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if expr.strip() in ln)
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    assert exc.value.path == str(path)
    assert exc.value.line == line
    assert problem in exc.value.message
    assert str(exc.value).startswith(f"{path}:{line}:")


def _cli_repo(tmp_path, extra):
    repo = tmp_path / "repo"
    (repo / "profiles").mkdir(parents=True)
    (repo / "profiles" / "gov-info-disclosure.yaml").write_text(_profile_with(tmp_path, extra).read_text(encoding="utf-8"),
                                                                 encoding="utf-8")
    (repo / ".reportlint.toml").write_text('profile-paths = ["profiles"]\n', encoding="utf-8")
    return repo


def test_the_cli_uses_a_relation_added_through_profile_paths(tmp_path):
    repo = _cli_repo(tmp_path, EXTRA)
    (repo / "r.md").write_text(report(T2_2021.replace("| 行政处罚 | 39 |", "| 行政处罚 | 3 |"), t3_flat(), t4_flat()),
                               encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--select", "SUM", "--lang", "en", "r.md"],
                          capture_output=True, text=True, cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # a warning only
    assert "SUM003" in proc.stdout and "行政处罚 3 >= 行政强制 8 does not hold" in proc.stdout


def test_the_cli_reports_a_bad_relation_as_a_configuration_error(tmp_path):
    """A broken profile is exit code 2 with file:line, never a traceback."""
    repo = _cli_repo(tmp_path, EXTRA.replace("t4.r_cases.c_rev_total <= 100", "t4.r_cases.c_nothing <= 1"))
    (repo / "r.md").write_text(report(T2_2021, t3_flat(), t4_flat()), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "r.md"], capture_output=True, text=True, cwd=repo)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    line = next(i for i, ln in enumerate((repo / "profiles" / "gov-info-disclosure.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if "c_nothing" in ln)
    assert f"gov-info-disclosure.yaml:{line}:" in proc.stderr and "unknown column 'c_nothing'" in proc.stderr
    assert "Traceback" not in proc.stderr
