"""Output formats and exit codes, through the real CLI."""
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from clihelp import CLEAN, VARIANT, VARIANT_LINE, as_organization, make_repo, run_cli

WAIVER = '<!-- reportlint-waive SEC006 until=2027-03-31 reason="沿用省级模板的章节标题" -->\n'


@pytest.fixture(scope="session")
def sarif_schema(tmp_path_factory) -> dict:
    """The official SARIF 2.1.0 schema, from a package (see tests/sarifschema.py)."""
    from sarifschema import sarif_schema_bytes

    return json.loads(sarif_schema_bytes(tmp_path_factory.mktemp("sarif-schema")))


@pytest.fixture
def repo(tmp_path):
    """Three organisations' reports: a.md with a SEC006 warning and an SUP001 error, b.md with a
    waived SEC006, c.md clean."""
    a = VARIANT.replace("## 一、总体情况", "<!-- reportlint-disable SEQ006 -->\n\n## 一、总体情况")
    b = VARIANT.replace("## 五、政府信息公开工作存在", WAIVER + "## 五、政府信息公开工作存在")
    return make_repo(tmp_path, {"reports/a.md": a, "reports/b.md": as_organization(b, "淮安市某局"),
                                "reports/c.md": as_organization(CLEAN, "淮安市另一局")})


def codes(proc):
    return [(d["path"], d["code"]) for d in json.loads(proc.stdout)]


TODAY = {"REPORTLINT_TODAY": "2026-11-26"}


def test_github_annotations_automatically_in_actions(repo):
    proc = run_cli("check", "reports", cwd=repo, env={**TODAY, "GITHUB_ACTIONS": "true"})
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == ("::error file=reports/a.md,line=15,col=1,endColumn=35,title=SUP001 (invalid-suppression)::"
                        "<!-- reportlint-disable SEQ006 -->: 'SEQ006' names no rule (not a code, a family prefix "
                        "or a rule name; see `reportlint rules`) (the comment suppresses nothing until corrected)")
    assert lines[1].startswith(f"::warning file=reports/a.md,line={VARIANT_LINE + 2},col=4,endColumn=")
    assert "title=SEC006 (section-title-variant)::section title" in lines[1]
    assert lines[2] == "Found 2 problems (1 error, 1 warning) in 1 of 3 files. 1 finding waived."
    # explicit --format wins over the environment
    assert run_cli("check", "--format", "text", "reports", cwd=repo, env={**TODAY, "GITHUB_ACTIONS": "true"}
                   ).stdout.startswith("reports/a.md:15:1: SUP001")


def test_github_escapes_workflow_command_characters(tmp_path):
    from reportlint.formatters.github_format import _data, _prop

    assert _data("50% done\nnext") == "50%25 done%0Anext"
    assert _prop("a:b,c") == "a%3Ab%2Cc"


def test_sarif_validates_against_the_official_schema(repo, sarif_schema):
    import jsonschema

    out = repo / "out" / "reportlint.sarif"
    proc = run_cli("check", "reports", "--output-file", str(out), cwd=repo, env=TODAY)
    assert proc.returncode == 1
    sarif = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(sarif_schema).validate(sarif)  # the schema is draft-07
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "reportlint"
    assert run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    open_results = [r for r in run["results"] if "suppressions" not in r]
    assert [(r["ruleId"], r["level"]) for r in open_results] == [("SUP001", "error"), ("SEC006", "warning")]
    sec = open_results[1]
    assert rules[sec["ruleIndex"]]["id"] == "SEC006"
    loc = sec["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "reports/a.md", "uriBaseId": "%SRCROOT%"}
    assert loc["region"]["startLine"] == VARIANT_LINE + 2 and loc["region"]["startColumn"] == 4
    # the waived finding is listed, with the waiver as an accepted in-source suppression
    waived = [r for r in run["results"] if "suppressions" in r]
    assert len(waived) == 1
    sup = waived[0]["suppressions"][0]
    assert sup["kind"] == "inSource" and sup["status"] == "accepted"
    assert sup["justification"] == "沿用省级模板的章节标题" and sup["properties"]["until"] == "2027-03-31"


def test_sarif_schema_rejects_a_broken_document(sarif_schema):
    """The validation above can fail: the same schema rejects a result without a message."""
    import jsonschema

    schema = sarif_schema
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "X"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(bad)


def test_junit_is_read_by_a_ci_parser(repo):
    junitparser = pytest.importorskip("junitparser")
    out = repo / "junit.xml"
    proc = run_cli("check", "reports", "--output-file", str(out), cwd=repo, env=TODAY)
    assert proc.returncode == 1
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = {s.name: s for s in xml}
    assert set(suites) == {"reports/a.md", "reports/b.md", "reports/c.md"}
    assert (suites["reports/a.md"].tests, suites["reports/a.md"].failures) == (2, 2)
    assert (suites["reports/c.md"].tests, suites["reports/c.md"].failures) == (1, 0)
    case = next(iter(suites["reports/a.md"]))
    assert case.classname == "reports/a.md"
    assert case.result[0].type == "error SUP001" and "SEQ006" in case.result[0].message


def test_gitlab_code_quality_with_stable_fingerprints(repo):
    proc = run_cli("check", "reports", "--format", "gitlab", cwd=repo, env=TODAY)
    first = json.loads(proc.stdout)
    assert [(i["check_name"], i["severity"], i["location"]["path"]) for i in first] == [
        ("SUP001", "major", "reports/a.md"), ("SEC006", "minor", "reports/a.md")]
    assert all(set(i) >= {"description", "check_name", "fingerprint", "severity", "location"} for i in first)
    assert first[1]["location"]["lines"]["begin"] == VARIANT_LINE + 2
    assert len({i["fingerprint"] for i in first}) == len(first)
    # lines added above the findings: same fingerprints, new line numbers
    a = repo / "reports" / "a.md"
    a.write_text(a.read_text(encoding="utf-8").replace("## 一、总体情况", "前言。\n\n## 一、总体情况", 1), encoding="utf-8")
    second = json.loads(run_cli("check", "reports", "--format", "gitlab", cwd=repo, env=TODAY).stdout)
    assert [i["fingerprint"] for i in second] == [i["fingerprint"] for i in first]
    assert second[1]["location"]["lines"]["begin"] == VARIANT_LINE + 4


def test_json_lists_waived_findings_and_statistics(repo):
    data = json.loads(run_cli("check", "reports", "--format", "json", cwd=repo, env=TODAY).stdout)
    assert [(d["path"], d["code"], d.get("suppressed", False)) for d in data] == [
        ("reports/a.md", "SUP001", False), ("reports/a.md", "SEC006", False), ("reports/b.md", "SEC006", True)]
    assert data[2]["waiver"] == {"line": VARIANT_LINE, "column": 1, "codes": ["SEC006"], "until": "2027-03-31",
                                 "reason": "沿用省级模板的章节标题"}
    stats = json.loads(run_cli("check", "reports", "--format", "json", "--statistics", cwd=repo, env=TODAY).stdout)
    assert stats["statistics"] == [{"code": "SEC006", "name": "section-title-variant", "severity": "warning",
                                    "count": 1},
                                   {"code": "SUP001", "name": "invalid-suppression", "severity": "error", "count": 1}]
    assert [(w["path"], w["line"], w["until"], [f["code"] for f in w["findings"]]) for w in stats["waivers"]] == [
        ("reports/b.md", VARIANT_LINE, "2027-03-31", ["SEC006"])]


def test_statistics_text(repo):
    proc = run_cli("check", "reports", "--statistics", cwd=repo, env=TODAY)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "1  SEC006  section-title-variant  [warning]",
        "1  SUP001  invalid-suppression  [error]",
        "Active waivers (1):",
        f"  reports/b.md:{VARIANT_LINE}: SEC006 until 2027-03-31 — 沿用省级模板的章节标题 [SEC006 {VARIANT_LINE + 1}:4]",
        "Found 2 problems (1 error, 1 warning) in 1 of 3 files. 1 finding waived.",
    ]


def test_waiver_expires_with_the_injected_date(repo):
    proc = run_cli("check", "reports/b.md", "--format", "gcc", cwd=repo, env={"REPORTLINT_TODAY": "2027-04-01"})
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        f"reports/b.md:{VARIANT_LINE}:1: error: SUP003 waiver for SEC006 expired on 2027-03-31; the 1 finding(s) "
        "it covered are reported again",
        f"reports/b.md:{VARIANT_LINE + 1}:4: warning: SEC006 section title '五、政府信息公开工作存在的主要问题及改进情况' "
        "differs from the official title '五、存在的主要问题及改进情况'",
    ]
    assert run_cli("check", "reports/b.md", cwd=repo, env={"REPORTLINT_TODAY": "2027-03-31"}).returncode == 0
    proc = run_cli("check", "reports/b.md", cwd=repo, env={"REPORTLINT_TODAY": "31.03.2027"})
    assert proc.returncode == 2 and "REPORTLINT_TODAY" in proc.stderr


def test_fail_on(repo):
    warn_only = ["reports/b.md", "reports/c.md"]
    b = repo / "reports" / "b.md"
    b.write_text(VARIANT, encoding="utf-8")
    assert run_cli("check", *warn_only, cwd=repo).returncode == 0
    assert run_cli("check", "--fail-on", "warning", *warn_only, cwd=repo).returncode == 1
    assert run_cli("check", "--fail-on", "never", "reports", cwd=repo).returncode == 0
    assert run_cli("check", "--fail-on", "error", "reports", cwd=repo).returncode == 1


def test_output_file_and_terminal_in_different_formats(repo):
    proc = run_cli("check", "reports", "--format", "gcc", "--output-file", "results/out.json",
                   "--output-format", "gitlab", cwd=repo, env=TODAY)
    assert proc.stdout.splitlines()[0].startswith("reports/a.md:15:1: error: SUP001")
    data = json.loads((repo / "results" / "out.json").read_text(encoding="utf-8"))
    assert [i["check_name"] for i in data] == ["SUP001", "SEC006"]
    # format from the suffix
    run_cli("check", "reports", "--output-file", "r.xml", cwd=repo, env=TODAY)
    assert (repo / "r.xml").read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    proc = run_cli("check", "reports", "--output-format", "sarif", cwd=repo)
    assert proc.returncode == 2 and "--output-format needs --output-file" in proc.stderr


def _run_in_pty(args, cwd, env=None):
    """Run the CLI with a terminal as standard output; returns what the terminal showed."""
    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    full_env.update({"TERM": "xterm", "LC_ALL": "C.UTF-8"}, **(env or {}))
    proc = subprocess.Popen([sys.executable, "-m", "reportlint", *args], cwd=cwd, stdout=slave,
                            stderr=subprocess.PIPE, env=full_env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_terminal_shows_source_and_colour_pipes_do_not(repo):
    shown = _run_in_pty(["check", "reports/a.md"], repo)
    assert "\033[" in shown and "^" * 44 in shown  # 22 CJK characters, two cells each
    plain = _run_in_pty(["check", "reports/a.md"], repo, env={"NO_COLOR": "1"})
    assert "\033[" not in plain
    assert f"{VARIANT_LINE + 2} | ## 五、政府信息公开工作存在的主要问题及改进情况\n" in plain
    assert f"\n{' ' * len(str(VARIANT_LINE))} |    {'^' * 44}\n" in plain
    quiet = _run_in_pty(["check", "--no-show-source", "--color", "never", "reports/a.md"], repo)
    assert "\033[" not in quiet and "^" not in quiet
    piped = run_cli("check", "reports/a.md", cwd=repo)
    assert "\033[" not in piped.stdout and " | " not in piped.stdout
    forced = run_cli("check", "--show-source", "--color", "always", "reports/a.md", cwd=repo, env={"NO_COLOR": "1"})
    assert "\033[1;33mSEC006\033[0m" in forced.stdout


def test_caret_sits_under_the_column(repo):
    proc = run_cli("check", "--show-source", "reports/a.md", cwd=repo)
    lines = proc.stdout.splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith(f"{VARIANT_LINE + 2} | "))
    src, caret = lines[i], lines[i + 1]
    prefix = len(f"{VARIANT_LINE + 2} | ")
    assert caret[:prefix].strip() == "|"
    assert caret[prefix:] == "   " + "^" * 44  # under column 4, after "## "
    assert src[prefix:prefix + 3] == "## "
    from reportlint.formatters.text_format import caret_line

    assert caret_line("| 合计 | 12 |", 8, 10, True) == "       " + "  " + "^^"  # "| 合计 | " is 9 cells wide
