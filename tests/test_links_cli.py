"""The offline link rules through the real CLI: fixes, the repository root outside git, and
anchors of files that are not part of the run."""
import json
import os
import subprocess
import sys


def run(args, cwd):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "reportlint", "check", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=60)


def codes(proc):
    return sorted((d["line"], d["column"], d["code"]) for d in json.loads(proc.stdout))


def test_fixes_safe_and_unsafe(tmp_path):
    (tmp_path / "附件").mkdir()
    (tmp_path / "附件" / "Annex.pdf").write_bytes(b"")
    report = tmp_path / "report.md"
    original = (
        "# 报告\n\n"
        "网址为http://www.beijing.gov.cn/，如需了解更多政府信息，请登录查询。\n"
        "见[附件](附件/annex.pdf)、[门户]（https://www.gov.cn/）和 http：//www.gov.cn/zwgk 。\n"
        "[拼错](htp://www.gov.cn/) [网站](http://www.suqian.gov.cn/)\n"
    )
    report.write_bytes(original.replace("\n", "\r\n").encode("utf-8"))
    proc = run(["--fix", "--select", "LNK", "report.md"], tmp_path)
    text = report.read_bytes().decode("utf-8")
    assert "\r\n" in text  # line endings kept
    text = text.replace("\r\n", "\n")
    assert "网址为<http://www.beijing.gov.cn/>，如需了解" in text
    assert "[附件](附件/Annex.pdf)" in text
    assert "[门户](https://www.gov.cn/)和" in text
    assert "http://www.gov.cn/zwgk 。" in text
    assert "[拼错](htp://www.gov.cn/)" in text  # a guess: unsafe, not applied
    assert proc.returncode == 1 and "LNK006" in proc.stdout  # what is left is reported
    (tmp_path / ".reportlint.toml").write_text("[options.LNK008]\nrequire-https = true\n", encoding="utf-8")
    proc = run(["--fix", "--unsafe-fixes", "--select", "LNK", "report.md"], tmp_path)
    text = report.read_text(encoding="utf-8")
    assert "[拼错](http://www.gov.cn/)" in text  # the scheme guess, now applied
    assert "[网站](https://www.suqian.gov.cn/)" in text  # LNK008's fix is unsafe too
    assert proc.returncode == 0, proc.stdout  # only LNK008 warnings may be left


def test_root_outside_git_is_the_current_folder(tmp_path):
    reports = tmp_path / "reports"
    (reports / "2024").mkdir(parents=True)
    (reports / "2024" / "a.md").write_text("# a\n\n[上年](../../shared/b.md) [同级](../2023/b.md)\n", encoding="utf-8")
    # checked from reports/: ../../shared leaves the folder being checked
    proc = run(["--select", "LNK", "--format", "json", "2024/a.md"], reports)
    assert codes(proc) == [(3, 6, "LNK002"), (3, 30, "LNK001")]
    # checked from the folder above, the same link stays inside and is simply missing
    proc = run(["--select", "LNK", "--format", "json", "reports/2024/a.md"], tmp_path)
    assert codes(proc) == [(3, 6, "LNK001"), (3, 30, "LNK001")]


def test_anchors_of_files_outside_the_run_are_read(tmp_path):
    (tmp_path / ".git").mkdir()  # a repository root
    (tmp_path / "2023.md").write_text("# 2023年报告\n\n## 一、总体情况\n\n## 一、总体情况\n", encoding="utf-8")
    (tmp_path / "2024.md").write_text(
        "# 2024\n\n[上年](2023.md#一总体情况-1) [错](2023.md#二主动公开) [全角](2023.md#一、总体情况)\n",
        encoding="utf-8")
    proc = run(["--select", "LNK", "--format", "json", "2024.md"], tmp_path)
    found = json.loads(proc.stdout)
    assert [(d["line"], d["column"], d["code"]) for d in found] == [(3, 27, "LNK004"), (3, 47, "LNK004")]
    assert "did you mean '#一总体情况'" in found[1]["message"]


def test_messages_exist_in_both_languages(tmp_path):
    (tmp_path / "r.md").write_text("# r\n\n[x](missing.md) 网址http://www.gov.cn/，下载\n", encoding="utf-8")
    zh = run(["--select", "LNK", "--lang", "zh", "r.md"], tmp_path).stdout
    en = run(["--select", "LNK", "--lang", "en", "r.md"], tmp_path).stdout
    assert "链接目标“missing.md”不存在" in zh and "网址“http://www.gov.cn/”在第" in zh
    assert "link target 'missing.md' does not exist" in en and "the URL 'http://www.gov.cn/' ends at column" in en
