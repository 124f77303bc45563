"""The CLI's promises, each checked by running the real command."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CLEAN = EXAMPLES / "2024-huaian-2021-edition.md"


def run(*args, cwd=None, env=None, input=None):
    e = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR")}
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "reportlint", *map(str, args)], capture_output=True,
                          cwd=cwd, env=e, input=input)


def out(proc) -> str:
    return proc.stdout.decode("utf-8")


def err(proc) -> str:
    return proc.stderr.decode("utf-8")


def report(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def broken(text: str) -> str:
    """A copy of the clean example with one error in it (a missing section)."""
    return text.replace("## 五、存在的主要问题及改进情况", "## 五、存在的主要问题及改进情况\n\n## 五、存在的主要问题及改进情况")


def test_clean_examples_exit_0_and_say_so():
    proc = run("check", EXAMPLES)
    assert proc.returncode == 0, out(proc) + err(proc)
    assert out(proc) == "All checks passed (3 files).\n"
    assert err(proc) == ""


def test_findings_exit_1_sorted_text_lines_and_summary(tmp_path):
    src = CLEAN.read_text(encoding="utf-8")
    b = report(tmp_path, "b.md", broken(src))
    # another organisation: the same one's 2023 report would be compared with b.md (SUM004)
    a = report(tmp_path, "a.md", src.replace("year: 2024", "year: 2023").replace("organization: 淮安市人民政府",
                                                                               "organization: 淮安市某局")
               .replace("published: 2025-02-25", "published: 2024-02-26"))
    proc = run("check", tmp_path, cwd=tmp_path)
    assert proc.returncode == 1
    lines = out(proc).splitlines()
    assert lines[0].startswith("a.md:4:8: FM004 title says 2024")
    assert lines[1].startswith("a.md:11:3: FM004 ")
    assert any(ln.startswith("b.md:") and " SEC004 " in ln for ln in lines)
    assert lines == sorted(lines[:-1], key=lambda s: (s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2]))) + [lines[-1]]
    assert lines[-1] == "Found 3 problems (3 errors) in 2 of 2 files."


def test_findings_at_one_place_keep_the_rules_order(tmp_path):
    """Two sections missing after 一: SEC002 names them in the official order (二 before 三),
    not in the code-point order of their messages (三 U+4E09 sorts before 二 U+4E8C)."""
    src = CLEAN.read_text(encoding="utf-8")
    start, end = src.index("## 二、"), src.index("## 四、")
    proc = run("check", "--select", "SEC002", report(tmp_path, "r.md", src[:start] + src[end:]))
    lines = [ln for ln in out(proc).splitlines() if " SEC002 " in ln]
    assert len(lines) == 2, out(proc)
    assert "二、主动公开政府信息情况" in lines[0] and "三、收到和处理政府信息公开申请情况" in lines[1]


def test_warnings_alone_exit_0(tmp_path):
    src = CLEAN.read_text(encoding="utf-8").replace("## 五、存在的主要问题及改进情况", "## 五、政府信息公开工作存在的主要问题及改进情况")
    proc = run("check", report(tmp_path, "w.md", src))
    assert proc.returncode == 0
    assert " SEC006 " in out(proc)
    assert "1 warning" in out(proc)


def test_json_format_fields(tmp_path):
    src = CLEAN.read_text(encoding="utf-8").replace('edition: "2021"', 'edition: "2019"')
    proc = run("check", "--format", "json", report(tmp_path, "r.md", src), cwd=tmp_path)
    assert proc.returncode == 1
    data = json.loads(out(proc))
    assert len(data) == 1
    d = data[0]
    assert {k: d[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "name", "severity")} == {
        "path": "r.md", "line": 3, "column": 10, "end_line": 3, "end_column": 16, "code": "FM005",
        "name": "edition-year-mismatch", "severity": "error"}
    assert "2021" in d["message"] and d["messages"]["zh"] and d["messages"]["en"] == d["message"]


def test_json_clean_is_empty_array():
    proc = run("check", "--format", "json", EXAMPLES)
    assert proc.returncode == 0
    assert json.loads(out(proc)) == []


@pytest.mark.parametrize("env,lang_arg,expect", [
    ({"LANG": "zh_CN.UTF-8"}, None, "前置元数据"),
    ({"LANG": "en_US.UTF-8"}, None, "front matter"),
    ({"LANG": "en_US.UTF-8"}, "zh", "前置元数据"),
    ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, None, "前置元数据"),
])
def test_language(tmp_path, env, lang_arg, expect):
    p = report(tmp_path, "r.md", "# 无前置元数据\n")
    args = ["check", "--select", "FM001", p] + (["--lang", lang_arg] if lang_arg else [])
    proc = run(*args, env=env)
    assert expect in out(proc)


def test_select_and_ignore_by_code_prefix_and_name(tmp_path):
    src = CLEAN.read_text(encoding="utf-8").replace("year: 2024", "year: 2023").replace(
        "## 五、存在的主要问题及改进情况", "## 五、政府信息公开工作存在的主要问题及改进情况").replace(
        "published: 2025-02-25", "published: 2024-02-26")
    p = report(tmp_path, "r.md", src)
    codes = lambda proc: sorted({ln.split(" ")[1] for ln in out(proc).splitlines()[:-1]})  # noqa: E731
    assert codes(run("check", p)) == ["FM004", "SEC006"]
    assert codes(run("check", "--select", "FM", p)) == ["FM004"]
    assert codes(run("check", "--select", "section-title-variant", p)) == ["SEC006"]
    assert codes(run("check", "--ignore", "FM004,SEC006", p)) == []
    assert codes(run("check", "--select", "SEC", "--extend-select", "year-mismatch", p)) == ["FM004", "SEC006"]


def test_unknown_selector_is_usage_error(tmp_path):
    proc = run("check", "--select", "NOPE999", CLEAN)
    assert proc.returncode == 2
    assert "NOPE999" in err(proc) and "Traceback" not in err(proc)


def test_missing_path_is_usage_error(tmp_path):
    proc = run("check", tmp_path / "nope.md")
    assert proc.returncode == 2
    assert "nope.md: no such file or directory" in err(proc)


def test_bad_option_is_usage_error():
    proc = run("check", "--format", "xml", CLEAN)
    assert proc.returncode == 2


def test_directories_recurse_into_markdown_and_skip_hidden(tmp_path):
    src = CLEAN.read_text(encoding="utf-8")
    report(tmp_path, "reports/2024/a.md", src)
    report(tmp_path, "reports/2024/notes.txt", "not markdown")
    report(tmp_path, ".git/x.md", "")
    report(tmp_path, "reports/.drafts/y.md", "")
    proc = run("check", tmp_path)
    assert proc.returncode == 0, out(proc)
    assert "(1 file)" in out(proc)


def test_rules_lists_every_rule():
    proc = run("rules")
    assert proc.returncode == 0
    lines = out(proc).splitlines()
    codes = [ln.split()[0] for ln in lines]
    assert codes == sorted(codes)
    for code in ("FILE001", "FM001", "FM007", "SEC001", "SEC008"):
        assert code in codes
    line = next(ln for ln in lines if ln.startswith("SEC002"))
    assert line.split()[1:3] == ["missing-section", "error"]
    assert "An official section is missing" in line
    data = json.loads(out(run("rules", "--format", "json")))
    assert {"code", "name", "severity", "summary"} <= set(data[0])


def test_rules_explain_prints_docstring():
    proc = run("rules", "--explain", "missing-section")
    assert proc.returncode == 0
    assert "SEC002 (missing-section)" in out(proc)
    assert "numbering" in out(proc)


def test_no_file_is_modified_without_fix(tmp_path):
    src = CLEAN.read_text(encoding="utf-8").replace('edition: "2021"\n', "")
    p = report(tmp_path, "r.md", src)
    before = p.read_bytes()
    proc = run("check", p)
    assert proc.returncode == 0 and " FM006 " in out(proc)
    assert p.read_bytes() == before


def test_fix_adds_inferred_edition_keeping_crlf_and_bom(tmp_path):
    src = CLEAN.read_text(encoding="utf-8").replace('edition: "2021"\n', "")
    p = tmp_path / "r.md"
    p.write_bytes(b"\xef\xbb\xbf" + src.replace("\n", "\r\n").encode("utf-8"))
    proc = run("check", "--fix", p)
    assert proc.returncode == 0, out(proc) + err(proc)
    assert out(proc).startswith("All checks passed")
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    assert text.replace("\r\n", "\n") == src.replace("published: 2025-02-25\n---", 'published: 2025-02-25\nedition: "2021"\n---')
    assert not list(tmp_path.glob(".*.tmp"))
