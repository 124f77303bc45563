"""The README's pre-commit, GitHub Actions and configuration snippets, run for real."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clihelp import CLEAN, ROOT, VARIANT, make_repo, run_cli, snippet

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args, cwd, env=None, check=True):
    full = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    home = Path(cwd).parent / "home"  # outside the repository: caches written there are never committed
    home.mkdir(exist_ok=True)
    full.update(GIT_ENV, HOME=str(home), **(env or {}))
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd,
                          env=full, capture_output=True, text=True, check=check)


def broken(text: str) -> str:
    """The clean report with an error: section 二 renamed beyond recognition (SEC002)."""
    out = text.replace("## 二、主动公开政府信息情况", "## 二、其他内容")
    assert out != text
    return out


def head_commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"{ROOT} is not a git checkout: the pre-commit test installs the hook from its HEAD commit")
    return proc.stdout.strip()


def test_pre_commit_hook_refuses_a_bad_report_and_accepts_the_fix(tmp_path):
    import yaml  # pre-commit depends on PyYAML

    config = yaml.safe_load(snippet("pre-commit"))
    hooks = config["repos"][0]["hooks"]
    assert [h["id"] for h in hooks] == ["reportlint"]
    # the hook definition: Python, Markdown files only, file names passed
    defs = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert defs["reportlint"]["language"] == "python" and defs["reportlint"]["types"] == ["markdown"]
    assert defs["reportlint"].get("pass_filenames", True) is True
    # the README snippet, pointed at this checkout's HEAD commit
    config["repos"][0]["repo"] = str(ROOT)
    config["repos"][0]["rev"] = head_commit()
    repo = tmp_path / "reports-repo"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / ".reportlint.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    (repo / "reports").mkdir()
    (repo / "drafts").mkdir()
    (repo / "drafts" / "wip.md").write_text(broken(CLEAN), encoding="utf-8")  # excluded: never blocks
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": os.path.dirname(sys.executable)
           + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **env})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = repo / "reports" / "2024-淮安.md"
    report.write_text(broken(CLEAN), encoding="utf-8")
    git("add", ".", cwd=repo)
    proc = git("commit", "-m", "add report", cwd=repo, env=env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "reportlint" in out and "Failed" in out
    assert "reports/2024-淮安.md:" in out and "SEC002" in out
    assert "drafts/wip.md" not in out
    assert git("rev-parse", "--verify", "HEAD", cwd=repo, check=False).returncode != 0  # nothing committed
    # fix it: the commit goes through (a warning alone does not block)
    report.write_text(VARIANT, encoding="utf-8")
    git("add", ".", cwd=repo)
    proc = git("commit", "-m", "add report", cwd=repo, env=env, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout + proc.stderr


def _workflow_script():
    import yaml

    wf = yaml.safe_load(snippet("github-actions"))
    on = wf.get("on", wf.get(True))  # PyYAML reads the key `on` as True
    assert "pull_request" in on
    steps = wf["jobs"]["reportlint"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    check = next(s for s in steps if s.get("name") == "Check the changed reports")
    assert check["shell"] == "bash" and check["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == "reportlint.sarif"
    keep = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert keep["with"]["path"] == "reportlint.html" and "always()" in keep["if"]
    assert wf["permissions"]["security-events"] == "write"
    return check["run"]


def test_github_actions_workflow_checks_only_the_changed_reports(tmp_path):
    script = _workflow_script()
    origin = tmp_path / "origin"
    origin.mkdir()
    git("init", "-q", cwd=origin)
    (origin / "reports").mkdir()
    (origin / "reports" / "old bad.md").write_text(broken(CLEAN), encoding="utf-8")  # not part of the PR
    (origin / "reports" / "kept.md").write_text(CLEAN, encoding="utf-8")
    git("add", ".", cwd=origin)
    git("commit", "-qm", "base", cwd=origin)
    work = tmp_path / "work"
    git("clone", "-q", str(origin), str(work), cwd=tmp_path)
    git("checkout", "-qb", "pr", cwd=work)
    (work / "reports" / "新 报告.md").write_text(broken(CLEAN), encoding="utf-8")
    (work / "reports" / "kept.md").write_text(VARIANT, encoding="utf-8")
    (work / "notes.txt").write_text("not a report\n", encoding="utf-8")
    git("add", ".", cwd=work)
    git("commit", "-qm", "pr", cwd=work)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    env.update(GITHUB_ACTIONS="true", BASE_REF="main",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stdout + proc.stderr  # the new report has an error
    lines = proc.stdout.splitlines()
    assert any(ln.startswith("::error file=reports/新 报告.md,line=") and "SEC002" in ln for ln in lines), lines
    assert any(ln.startswith("::warning file=reports/kept.md,line=") and "SEC006" in ln for ln in lines), lines
    assert not any("old bad.md" in ln for ln in lines)
    assert lines[-1].startswith("Found ") and "of 2 files" in lines[-1]
    sarif = json.loads((work / "reportlint.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"reports/%E6%96%B0%20%E6%8A%A5%E5%91%8A.md", "reports/kept.md"}
    page = (work / "reportlint.html").read_text(encoding="utf-8")  # the artifact: one page, both reports
    assert page.startswith("<!DOCTYPE html>") and 'data-path="reports/新 报告.md"' in page
    assert 'data-code="SEC002"' in page and 'data-code="SEC006"' in page
    # a pull request that changes no report: the step passes without running the check
    git("checkout", "-q", "main", cwd=work)
    git("checkout", "-qb", "pr2", cwd=work)
    (work / "notes.txt").write_text("x\n", encoding="utf-8")
    git("add", ".", cwd=work)
    git("commit", "-qm", "pr2", cwd=work)
    (work / "reportlint.sarif").unlink()
    (work / "reportlint.html").unlink()
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "No report changed.", proc.stdout + proc.stderr


def test_configuration_snippet_is_valid(tmp_path):
    repo = make_repo(tmp_path, {"pyproject.toml": '[project]\nname = "reports"\n\n' + snippet("config")})
    proc = run_cli("config", "--show", "reports/2019/x.md", "--format", "json", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)
    assert info["edition"] == "2019"
    assert info["layers"] == ["top level", "overrides 'reports/2019/**'", "per-file-ignores reports/2019/**"]
    rules = {r["code"]: r for r in info["rules"]}
    assert "FM006" not in rules and "SEC007" not in rules
    assert rules["SEC006"]["severity"] == "warning"  # the override's SEC = warning replaces SEC006 = error
    assert rules["SUP002"]["severity"] == "info"
    assert rules["SUP003"]["options"] == {"warn-before-days": 30}
    info = json.loads(run_cli("config", "--show", "reports/2024/x.md", "--format", "json", cwd=repo).stdout)
    assert {r["code"]: r["severity"] for r in info["rules"]}["SEC006"] == "error"
    assert run_cli("config", "--show", "drafts/x.md", cwd=repo).stdout.count("excluded: yes, by 'drafts'") == 1


# --------------------------------------------------------------------------- the collecting office


def _office_repo(tmp_path, config: str) -> Path:
    from clihelp import CLEAN

    repo = make_repo(tmp_path / "office", {".reportlint.toml": config, "reports/2024/淮安市人民政府.md": CLEAN})
    return repo


def test_repository_configuration_snippet(tmp_path):
    repo = _office_repo(tmp_path, snippet("repository-config"))
    proc = run_cli("check", ".", "--select", "DATE,REP", "--format", "json", "--no-cache", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    missing = sorted((d["line"], d["data"]["organization"], d["data"]["year"]) for d in json.loads(proc.stdout))
    assert missing == [(4, "淮安市人民政府", 2023), (5, "淮安市教育局", 2023), (5, "淮安市教育局", 2024),
                       (6, "淮安市财政局", 2023), (6, "淮安市财政局", 2024)]
    info = json.loads(run_cli("config", "--show", "reports/x.md", "--format", "json", cwd=repo).stdout)
    rules = {r["code"]: r for r in info["rules"]}
    assert rules["DATE001"]["options"] == {"deadlines": {"township": "02-20"}}
    assert rules["REP003"]["options"]["threshold"] == 50


def test_status_output_snippet_is_what_status_prints(tmp_path):
    import shutil

    repo = tmp_path / "collecting-office"
    shutil.copytree(ROOT / "tests" / "fixtures" / "repo" / "collecting-office", repo)
    (repo / ".git").mkdir()
    proc = run_cli("status", "--no-cache", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == snippet("status-output")


def test_office_ci_recipe(tmp_path):
    import yaml

    wf = yaml.safe_load(snippet("office-ci"))
    on = wf.get("on", wf.get(True))
    assert "push" in on and "pull_request" in on
    steps = wf["jobs"]["repository"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    overview = next(s for s in steps if s.get("name") == "Overview")["run"]
    check = next(s for s in steps if s.get("name") == "Check the whole repository")["run"]
    repo = _office_repo(tmp_path, snippet("repository-config"))
    summary = tmp_path / "summary.md"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR",)}
    env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), REPORTLINT_NO_CACHE="1",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    proc = subprocess.run(["bash", "-e", "-c", overview], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    md = summary.read_text(encoding="utf-8").splitlines()
    assert md[0] == "| organisation | 2023 | 2024 |"
    assert "| 淮安市人民政府 | MISSING | on time |" in md and "| 淮安市教育局 | MISSING | MISSING |" in md
    proc = subprocess.run(["bash", "-e", "-c", check], cwd=repo, env=env, capture_output=True, text=True)
    assert proc.returncode == 1  # reports are missing: the job fails
    lines = proc.stdout.splitlines()
    assert any(ln.startswith("::error file=.reportlint.toml,line=5,") and "REP002" in ln for ln in lines), lines
    assert "::group::reportlint status" in lines


def test_pre_commit_whole_repository_hook_finds_missing_reports(tmp_path):
    import yaml

    from clihelp import CLEAN

    defs = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert defs["reportlint-all"]["pass_filenames"] is False and defs["reportlint-all"]["entry"] == "reportlint check ."
    config = {"repos": [{"repo": str(ROOT), "rev": head_commit(), "hooks": [{"id": "reportlint-all"}]}]}
    repo = tmp_path / "office"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / ".reportlint.toml").write_text(
        '[repository]\norganizations = ["淮安市人民政府", "淮安市教育局"]\nyears = [2024]\n', encoding="utf-8")
    (repo / "reports").mkdir()
    (repo / "reports" / "huaian.md").write_text(CLEAN, encoding="utf-8")
    env = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PATH": os.path.dirname(sys.executable)
           + os.pathsep + os.environ.get("PATH", "")}
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **env})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    git("add", ".", cwd=repo)
    proc = git("commit", "-m", "reports", cwd=repo, env=env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert ".reportlint.toml:2:" in out and "REP002" in out and "淮安市教育局" in out
    # the missing report filed: the commit goes through
    (repo / "reports" / "education.md").write_text(CLEAN.replace("淮安市人民政府", "淮安市教育局"), encoding="utf-8")
    git("add", ".", cwd=repo)
    proc = git("commit", "-m", "reports", cwd=repo, env=env, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # a change to the configuration alone runs the hook too
    (repo / ".reportlint.toml").write_text(
        '[repository]\norganizations = ["淮安市人民政府", "淮安市教育局"]\nyears = [2023, 2024]\n', encoding="utf-8")
    git("add", ".", cwd=repo)
    proc = git("commit", "-m", "2023 too", cwd=repo, env=env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "REP002" in out and "2023" in out, out
