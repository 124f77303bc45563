"""The repository as a whole (issue 15): DATE001, REP001–REP004, TXT006 on small repositories,
the ``[repository]`` configuration, ``reportlint status``, every output format with a finding in a
configuration file, ``--jobs`` and the result cache, and the real consecutive reports as controls.

Each folder of ``tests/fixtures/repo/`` is a small repository with its ``.reportlint.toml`` and an
``EXPECTED`` file: the findings of ``reportlint check .`` run in it, ``PATH:LINE:COL CODE text``.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clihelp import CLEAN, ROOT, make_repo, run_cli

FIXTURES = ROOT / "tests" / "fixtures" / "repo"
REPOS = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
LINE = re.compile(r"^(.+?):(\d+):(\d+) ([A-Z]{2,5}\d{3})(?: (.*))?$")


def copy_repo(name: str, tmp_path: Path) -> Path:
    repo = tmp_path / name
    shutil.copytree(FIXTURES / name, repo)
    (repo / "EXPECTED").unlink()
    (repo / ".git").mkdir()  # the repository root (configuration discovery stops here)
    return repo


def expected(name: str) -> list[tuple[str, int, int, str, str]]:
    out = []
    for raw in (FIXTURES / name / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            m = LINE.match(raw)
            assert m, f"{name}/EXPECTED: bad line {raw!r}"
            out.append((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4), m.group(5) or ""))
    return out


def findings(proc) -> list[dict]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("repo", REPOS, ids=[p.name for p in REPOS])
def test_fixture_repository(repo, tmp_path):
    work = copy_repo(repo.name, tmp_path)
    got = findings(run_cli("check", ".", "--format", "json", "--no-cache", "-j1", cwd=work))
    want = expected(repo.name)
    shown = "\n".join(f"  {d['path']}:{d['line']}:{d['column']} {d['code']} {d['messages']['en']}" for d in got)
    assert sorted((d["path"], d["line"], d["column"], d["code"]) for d in got) == sorted(w[:4] for w in want), shown
    for path, line, col, code, text in want:
        d = next(d for d in got if (d["path"], d["line"], d["column"], d["code"]) == (path, line, col, code))
        assert text in d["messages"]["en"] or text in d["messages"]["zh"], (text, d["messages"])


# --------------------------------------------------------------------------- the collecting office


def test_status_of_the_collecting_office(tmp_path):
    repo = copy_repo("collecting-office", tmp_path)
    proc = run_cli("status", "--format", "json", "--no-cache", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["years"] == [2023, 2024]
    rows = {r["organization"]: r for r in data["rows"]}
    assert list(rows) == ["测试市人民政府", "测试市教育局", "测试市（开发区）管理委员会", "测试市 城关街道办事处"]
    state = {(org, y): (c["state"], c["days"], c["errors"], c["warnings"])
             for org, r in rows.items() for y, c in r["cells"].items()}
    assert state == {
        ("测试市人民政府", "2023"): ("on-time", 0, 0, 0),
        ("测试市人民政府", "2024"): ("missing", 0, 0, 0),
        ("测试市教育局", "2023"): ("on-time", 0, 0, 0),
        ("测试市教育局", "2024"): ("duplicate", 0, 3, 0),  # DATE001 on both, REP001 on the later one
        # full-width and half-width brackets, a space: the same organisation as the one listed
        ("测试市（开发区）管理委员会", "2023"): ("on-time", 0, 0, 0),
        ("测试市（开发区）管理委员会", "2024"): ("early", 0, 1, 0),
        ("测试市 城关街道办事处", "2023"): ("late", 5, 1, 0),  # the configured township deadline, 02-20
        ("测试市 城关街道办事处", "2024"): ("on-time", 0, 0, 0),
    }
    dup = rows["测试市教育局"]["cells"]["2024"]["reports"]
    assert [(r["path"], r["state"], r["days"]) for r in dup] == [
        ("reports/2024/education.md", "late", 5), ("reports/2024/education（修订稿）.md", "late", 12)]
    assert data["counts"] == {"on-time": 4, "late": 1, "no-deadline": 0, "no-date": 0, "early": 1,
                              "duplicate": 1, "missing": 1}
    assert data["manifests"][0]["config"] == ".reportlint.toml" and data["manifests"][0]["complete"]

    text = run_cli("status", "--no-cache", cwd=repo).stdout.splitlines()
    assert text[0] == "4 organisations × 2 years"
    assert text[3].split() == ["测试市人民政府", "on", "time", "MISSING"]
    # columns line up by display width: a CJK character takes two cells
    from reportlint.formatters.text_format import _width

    starts = {sum(_width(ch) for ch in line[:line.index(word)]) for line, word in
              [(text[1], "2024"), (text[3], "MISSING"), (text[4], "duplicate"), (text[5], "too early"),
               (text[6], "on time")]}
    assert len(starts) == 1, text
    zh = run_cli("status", "--lang", "zh", "--no-cache", cwd=repo).stdout
    assert "逾期5天 错1" in zh and "缺失" in zh and "重复×2 错3" in zh
    md = run_cli("status", "--format", "markdown", "--no-cache", cwd=repo).stdout.splitlines()
    assert md[0] == "| organisation | 2023 | 2024 |" and md[1] == "| --- | --- | --- |"
    assert "| 测试市教育局 | on time | duplicate ×2 E3 |" in md


def test_check_prints_the_overview_after_the_summary(tmp_path):
    repo = copy_repo("collecting-office", tmp_path)
    proc = run_cli("check", ".", "--no-cache", cwd=repo)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    summary = next(i for i, ln in enumerate(lines) if ln.startswith("Found 6 problems"))
    assert lines[summary + 1] == "" and lines[summary + 2] == "4 organisations × 2 years"
    # a run over named files is not about the repository: no overview, no REP002
    proc = run_cli("check", "reports/2024/education.md", "reports/2023/government.md", "--no-cache", cwd=repo)
    assert "REP002" not in proc.stdout and "organisations ×" not in proc.stdout
    assert proc.stdout.splitlines()[-1].startswith("Found 1 problem")


def test_missing_reports_need_the_whole_folder(tmp_path):
    repo = copy_repo("collecting-office", tmp_path)
    for args in (["reports"], ["reports/2023", "reports/2024"], ["reports/2024/zone.md"]):
        proc = run_cli("check", *args, "--format", "json", "--no-cache", cwd=repo)
        assert not [d for d in findings(proc) if d["code"] == "REP002"], args
    # from the folder above the repository: complete, paths shown from there
    proc = run_cli("check", repo.name, "--format", "json", "--no-cache", cwd=tmp_path)
    got = [(d["path"], d["line"]) for d in findings(proc) if d["code"] == "REP002"]
    assert got == [(f"{repo.name}/.reportlint.toml", 7)]
    # every listed report present: nothing missing; an empty folder: everything missing
    (repo / "reports" / "2024" / "government.md").write_text(
        (repo / "reports" / "2023" / "government.md").read_text(encoding="utf-8")
        .replace("2023", "2024").replace("2024-03-29", "2025-03-28"), encoding="utf-8")
    assert not [d for d in findings(run_cli("check", ".", "--format", "json", "--no-cache", cwd=repo))
                if d["code"] == "REP002"]
    shutil.rmtree(repo / "reports")
    got = findings(run_cli("check", ".", "--format", "json", "--no-cache", cwd=repo))
    assert [(d["line"], d["data"]["year"]) for d in got] == [(7, 2023), (7, 2024), (8, 2023), (8, 2024), (9, 2023),
                                                              (9, 2024), (10, 2023), (10, 2024)]


def test_every_report_counts_whatever_its_rules(tmp_path):
    """A report whose own settings leave REP002 out is still there; an organisation whose report has
    an unreadable year is not said to miss any year (FM003 explains it)."""
    repo = copy_repo("collecting-office", tmp_path)
    (repo / "reports" / "2024" / "government.md").write_text(
        (repo / "reports" / "2023" / "government.md").read_text(encoding="utf-8")
        .replace("2023", "2024").replace("2024-03-29", "2025-03-28"), encoding="utf-8")
    cfg = repo / ".reportlint.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + '\n[per-file-ignores]\n"reports/2024/**" = ["REP002"]\n',
                   encoding="utf-8")
    got = findings(run_cli("check", ".", "--format", "json", "--no-cache", cwd=repo))
    assert not [d for d in got if d["code"] == "REP002"]
    (repo / "reports" / "2024" / "government.md").unlink()
    gov = repo / "reports" / "2023" / "government.md"
    gov.write_text(gov.read_text(encoding="utf-8").replace("year: 2023", 'year: "2023"'), encoding="utf-8")
    got = findings(run_cli("check", ".", "--format", "json", "--no-cache", cwd=repo))
    assert not [d for d in got if d["code"] == "REP002"]


def test_repository_table_in_pyproject(tmp_path):
    report = CLEAN  # 淮安市人民政府 2024, published 2025-02-25
    repo = make_repo(tmp_path, {
        "pyproject.toml": '[project]\nname = "reports"\n\n[tool.reportlint]\nselect = ["REP", "DATE"]\n\n'
                          '[tool.reportlint.repository]\norganizations = ["淮安市人民政府", "淮安市财政局"]\n'
                          'years = [2024]\n',
        "reports/huaian.md": report})
    got = findings(run_cli("check", ".", "--format", "json", "--no-cache", cwd=repo))
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in got] == [("pyproject.toml", 8, 29, "REP002")]
    assert "淮安市财政局" in got[0]["message"] and "2024" in got[0]["message"]


def test_repository_table_is_validated_like_every_key(tmp_path):
    repo = make_repo(tmp_path, {".reportlint.toml": (
        '[repository]\n'
        'organizations = ["测试市教育局", "测试市 教育局", 3]\n'
        'years = [2024, "2023", 2024, 1999]\n'
        'profile = "no-such-profile"\n'
        'deadline = "01-31"\n')})
    proc = run_cli("check", ".", cwd=repo)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert ".reportlint.toml:5:1: error: repository.deadline: unknown key; known keys: organizations, years, " \
           "profile" in lines
    assert any(ln.startswith(".reportlint.toml:2:") and "repository.organizations[2]: expected a string" in ln
               for ln in lines), lines
    assert any(ln.startswith(".reportlint.toml:3:") and "repository.years[1]: expected an integer" in ln
               for ln in lines), lines
    assert any(ln.startswith(".reportlint.toml:3:") and "repository.years[3]" in ln and "2000" in ln
               for ln in lines), lines
    # the meaning, checked once the types are right
    (repo / ".reportlint.toml").write_text(
        '[repository]\norganizations = ["测试市教育局", "测试市 教育局"]\nyears = [2024, 2024]\n'
        'profile = "no-such-profile"\n', encoding="utf-8")
    lines = run_cli("check", ".", cwd=repo).stderr.splitlines()
    assert ".reportlint.toml:2:28: error: repository.organizations[1]: '测试市 教育局' is listed twice ('测试市 教育局' " \
           "and '测试市教育局' are the same name written differently)" in lines, lines
    assert any(ln.startswith(".reportlint.toml:3:") and "repository.years[1]: 2024 is listed twice" in ln
               for ln in lines), lines
    assert any(ln.startswith(".reportlint.toml:4:11:") and "unknown profile 'no-such-profile'" in ln
               for ln in lines), lines


# --------------------------------------------------------------------------- output formats


def test_every_output_format_handles_a_finding_in_the_configuration_file(tmp_path):
    from sarifschema import sarif_schema_bytes

    repo = copy_repo("collecting-office", tmp_path)
    # a report's suppression comment cannot reach the configuration file
    edu = repo / "reports" / "2023" / "education.md"
    edu.write_text(edu.read_text(encoding="utf-8") + "\n<!-- reportlint-disable REP002 -->\n", encoding="utf-8")

    def check(*args):
        proc = run_cli("check", ".", "--no-cache", *args, cwd=repo)
        assert proc.returncode == 1, proc.stderr
        return proc.stdout

    text = check("--show-source")
    assert ".reportlint.toml:7:3: REP002 no report of 测试市人民政府 on 2024" in text
    assert '7 |   "测试市人民政府",' in text and "  |   ^^^^^^^^^^^^^^^^" in text
    data = json.loads(check("--format", "json"))
    assert [d["path"] for d in data if d["code"] == "REP002"] == [".reportlint.toml"]
    assert ".reportlint.toml:7:3: error: REP002 no report of 测试市人民政府 on 2024" in check("--format", "gcc")
    github = check("--format", "github").splitlines()
    assert any(ln.startswith("::error file=.reportlint.toml,line=7,col=3,endColumn=12,title=REP002 "
                             "(missing-report)::") for ln in github), github
    assert "::group::reportlint status" in github and github[-1].startswith("Found 6 problems")
    sarif = json.loads(check("--format", "sarif"))
    import jsonschema

    jsonschema.Draft7Validator(json.loads(sarif_schema_bytes(tmp_path / "sarif-schema"))).validate(sarif)
    run = sarif["runs"][0]
    rep002 = [r for r in run["results"] if r["ruleId"] == "REP002"]
    assert rep002[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".reportlint.toml"
    assert "suppressions" not in rep002[0]
    assert run["properties"]["reportlintStatus"]["counts"]["missing"] == 1
    junit = check("--format", "junit")
    assert '<testsuite name=".reportlint.toml"' in junit and 'type="error REP002"' in junit
    gitlab = json.loads(check("--format", "gitlab"))
    assert [i["location"] for i in gitlab if i["check_name"] == "REP002"] == [
        {"path": ".reportlint.toml", "lines": {"begin": 7, "end": 7}}]
    html = check("--format", "html")
    assert '<section class="overview" id="overview">' in html and "测试市 城关街道办事处" in html
    assert html.index('id="overview"') < html.index(".reportlint.toml</h2>") and "REP002" in html
    stats = check("--statistics")
    assert "REP002" in stats and "4 organisations × 2 years" in stats
    # the configuration's severity applies to its own findings
    cfg = repo / ".reportlint.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        'select = [', 'severity = { REP002 = "warning" }\nselect = ['), encoding="utf-8")
    data = json.loads(check("--format", "json"))
    assert [d["severity"] for d in data if d["code"] == "REP002"] == ["warning"]


# --------------------------------------------------------------------------- jobs and cache


def test_jobs_and_the_cache_never_change_the_output(tmp_path):
    repo = tmp_path / "office"
    shutil.copytree(FIXTURES / "collecting-office", repo)
    shutil.copytree(FIXTURES / "copied-text" / "reports", repo / "copied")
    (repo / "EXPECTED").unlink()
    (repo / ".git").mkdir()
    cfg = repo / ".reportlint.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace('"REP003", "TXT006"', '"REP003", "REP004", "TXT006"'),
                   encoding="utf-8")
    # enough reports for worker processes (16 at least): more organisations, each a copy
    for i in range(6):
        src = repo / "reports" / "2023" / "education.md"
        (repo / "more").mkdir(exist_ok=True)
        (repo / "more" / f"org{i}.md").write_text(src.read_text(encoding="utf-8").replace(
            "测试市教育局", f"测试市第{i}局"), encoding="utf-8")
        (repo / "more" / f"org{i}-again.md").write_text(src.read_text(encoding="utf-8").replace(
            "测试市教育局", f"测试市第{i}局").replace("2024-01-31", "2024-02-09"), encoding="utf-8")
    n = len(list(repo.rglob("*.md")))
    assert n >= 20
    cache = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    outputs = {}
    for name, args, env in [("serial, no cache", ["-j1", "--no-cache"], {}),
                            ("2 jobs, no cache", ["-j2", "--no-cache"], {}),
                            ("2 jobs, cold cache", ["-j2"], cache),
                            ("2 jobs, warm cache", ["-j2"], cache),
                            ("serial, warm cache", ["-j1"], cache)]:
        got = []
        for fmt in ("json", "text", "sarif"):
            proc = run_cli("check", ".", "--format", fmt, *args, cwd=repo, env=env)
            assert proc.returncode == 1, proc.stderr
            got.append(proc.stdout)
        got.append(run_cli("status", "--format", "json", *args, cwd=repo, env=env).stdout)
        outputs[name] = got
    first = outputs["serial, no cache"]
    codes = {d["code"] for d in json.loads(first[0])}
    assert {"DATE001", "REP001", "REP002", "REP003", "TXT006"} <= codes
    for name, got in outputs.items():
        assert got == first, f"{name} differs from a serial run without cache"
    warm = run_cli("check", ".", "-v", cwd=repo, env=cache)
    assert f"{n} files: {n} from the cache, 0 linted" in warm.stderr


# --------------------------------------------------------------------------- REP004 and git

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args, date: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_ENV, HOME=str(repo.parent / "home"))
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T10:00:00+08:00", GIT_COMMITTER_DATE=f"{date}T10:00:00+08:00")
    proc = subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=repo,
                          env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


NEW_ROW = "| 一、本年新收政府信息公开申请数量 | 3119 |"  # 表三, first data row of the clean example


def _edit_new_total(text: str, value: str) -> str:
    lines = text.split("\n")
    i = next(i for i, ln in enumerate(lines) if ln.startswith("| 一、本年新收政府信息公开申请数量"))
    cells = lines[i].split("|")
    cells[2] = f" {value} "
    lines[i] = "|".join(cells)
    return "\n".join(lines)


@pytest.fixture
def history(tmp_path):
    """A git repository holding the clean example (published 2025-02-25), committed 2025-02-20."""
    repo = tmp_path / "reports-repo"
    repo.mkdir()
    (tmp_path / "home").mkdir()
    git(repo, "init", "-q")
    (repo / ".reportlint.toml").write_text('select = ["REP004"]\n', encoding="utf-8")
    (repo / "huaian.md").write_text(CLEAN, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "report as published", date="2025-02-20")
    return repo


def rep004(repo: Path, env=None) -> list[dict]:
    return [d for d in findings(run_cli("check", ".", "--format", "json", *([] if env else ["--no-cache"]),
                                        cwd=repo, env=env)) if d["code"] == "REP004"]


def test_rep004_a_figure_changed_after_publication(history):
    report = history / "huaian.md"
    text = report.read_text(encoding="utf-8")
    line = text.split("\n").index(next(ln for ln in text.split("\n") if ln.startswith("| 一、本年新收")))
    old = text.split("\n")[line].split("|")[2].strip()
    report.write_text(_edit_new_total(text, str(int(old) + 1)), encoding="utf-8")
    assert rep004(history) == []  # uncommitted: nothing said
    git(history, "commit", "-qam", "fix a figure", date="2025-03-02")
    got = rep004(history)
    assert len(got) == 1 and got[0]["line"] == line + 1, got
    msg = got[0]["messages"]["en"]
    assert f"= {int(old) + 1} since commit" in msg and "of 2025-03-02" in msg and f"it was {old} in the version " \
           "published on 2025-02-25" in msg and "revised:" in msg
    assert "表三" in msg or "本年新收" in msg
    # declared: a revised entry added with the change (or later) covers it
    report.write_text(report.read_text(encoding="utf-8").replace(
        "published: 2025-02-25\n", "published: 2025-02-25\nrevised:\n  - date: 2025-03-02\n    reason: 更正表三本年新收数量\n"),
        encoding="utf-8")
    git(history, "commit", "-qam", "declare the revision", date="2025-03-03")
    assert rep004(history) == []
    # a later silent change is not covered by the earlier entry
    report.write_text(_edit_new_total(report.read_text(encoding="utf-8"), str(int(old) + 5)), encoding="utf-8")
    git(history, "commit", "-qam", "another change", date="2025-04-10")
    got = rep004(history)
    assert len(got) == 1 and "of 2025-04-10" in got[0]["messages"]["en"]


def test_rep004_changes_before_publication_and_unknown_published_versions(history, tmp_path):
    report = history / "huaian.md"
    text = report.read_text(encoding="utf-8")
    report.write_text(_edit_new_total(text, "1"), encoding="utf-8")
    git(history, "commit", "-qam", "last correction, on the day of publication", date="2025-02-25")
    assert rep004(history) == []
    # a report added to the repository after it was published: its published version is unknown
    (history / "late.md").write_text(CLEAN.replace("淮安市人民政府", "淮安市某局"), encoding="utf-8")
    git(history, "add", ".")
    git(history, "commit", "-qm", "archive an old report", date="2025-06-01")
    (history / "late.md").write_text(_edit_new_total((history / "late.md").read_text(encoding="utf-8"), "7"),
                                     encoding="utf-8")
    git(history, "commit", "-qam", "change it", date="2025-06-02")
    assert rep004(history) == []
    # outside git: nothing
    plain = make_repo(tmp_path / "plain", {".reportlint.toml": 'select = ["REP004"]\n',
                                           "huaian.md": report.read_text(encoding="utf-8")})
    assert rep004(plain) == []


def test_rep004_is_never_served_stale_from_the_cache(history, tmp_path):
    """The file's bytes do not change when it is committed: the cached data must not hide the commit."""
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    report = history / "huaian.md"
    report.write_text(_edit_new_total(report.read_text(encoding="utf-8"), "42"), encoding="utf-8")
    assert rep004(history, env) == []  # uncommitted; the file's result is now cached
    git(history, "commit", "-qam", "change", date="2025-03-02")
    proc = run_cli("check", ".", "-v", "--format", "json", cwd=history, env=env)
    assert "1 from the cache, 0 linted" in proc.stderr
    assert [d["code"] for d in findings(proc)] == ["REP004"]


# --------------------------------------------------------------------------- real reports as controls


def _corpus_data():
    from expectations import read_fixture
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    linter = Linter(Settings(select=["REP003"]))
    return linter, {p.name[:3]: linter.lint_text(read_fixture(p).source, str(p)) for p in sorted(CORPUS.glob("*.md"))}


def _share(prev, cur) -> tuple[int, int]:
    from reportlint.rules.rep003_copied_from_last_year import sentence_keys

    keys = set(sentence_keys(prev.collected["REP003"]))
    mine = sentence_keys(cur.collected["REP003"])
    return sum(1 for k in mine if k in keys), len(mine)


def test_real_consecutive_reports_share_few_sentences():
    """淮安市洪泽区 2023 → 2024 and 平潭综合实验区 2021 → 2022: real consecutive reports of one
    organisation. Measured: 2 of 15 sentences (13%) and 1 of 45 (2%); far from the threshold."""
    linter, res = _corpus_data()
    assert _share(res["003"], res["004"]) == (2, 15)
    assert _share(res["012"], res["013"]) == (1, 45)
    assert not [d for d in linter.run_repository_rules(list(res.values())) if d.code == "REP003"]


def test_a_copy_of_a_real_report_with_its_figures_updated_is_reported():
    """004 (淮安市洪泽区 2024) turned into a 2025 report the way a copied report is made: year and
    title changed, every table figure changed, the text left as it was."""
    from expectations import read_fixture
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    real = read_fixture(CORPUS / "004-hongze-2024.md").source
    head, body = real.split("\n---\n", 1)
    head = head.replace("year: 2024", "year: 2025").replace("2024年政府", "2025年政府")
    body = body.replace("2024年政府信息公开工作年度报告", "2025年政府信息公开工作年度报告", 1)
    body = "\n".join(re.sub(r"\| (\d+) ", lambda m: f"| {int(m.group(1)) + 3} ", ln) if ln.startswith("|") else ln
                     for ln in body.split("\n"))
    copy = head + "\n---\n" + body
    assert copy.count("|") == real.count("|") and copy != real
    linter = Linter(Settings(select=["REP003", "TXT006"]))
    results = [linter.lint_text(real, "r/2024.md"), linter.lint_text(copy, "r/2025.md")]
    diags = [d for r in results for d in r.diagnostics] + linter.run_repository_rules(results)
    rep003 = [d for d in diags if d.code == "REP003"]
    assert len(rep003) == 1 and rep003[0].path == "r/2025.md"
    assert rep003[0].data["share"] == 100.0 and "r/2024.md" in rep003[0].message.en
    stale = sorted((d.line, d.column) for d in diags if d.code == "TXT006")
    lines = copy.split("\n")
    assert len(stale) == 5
    for line, col in stale:
        assert lines[line - 1][col - 1:].startswith("2024 年"), lines[line - 1]


def test_no_repository_rule_finding_on_the_real_reports():
    """The real reports linted together (tests/fixtures/corpus): none is late, duplicated, copied or
    dates its own work last year (the reviewed lists, tests/corpus_review.py, hold the same)."""
    proc = run_cli("check", str(CORPUS), "--select", "DATE001,REP,TXT006", "--format", "json", "--no-cache",
                   "--isolated")
    assert findings(proc) == []


def test_rep001_the_later_file_is_decided_by_date_then_path():
    """Among three reports of one organisation and year: the earliest published is kept; equal
    dates go by path; a report without a date is later than any dated one."""
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    undated = CLEAN.replace("published: 2025-02-25\n", "")
    linter = Linter(Settings(select=["REP001"]))
    results = [linter.lint_text(undated, "a.md"), linter.lint_text(CLEAN, "z.md"), linter.lint_text(CLEAN, "b.md")]
    got = sorted((d.path, d.data["other"]) for d in linter.run_repository_rules(results))
    assert got == [("a.md", "b.md"), ("z.md", "b.md")]
    assert all("3 files in all" in d.message.en for d in linter.run_repository_rules(results))


def test_what_repository_rules_collect_is_plain_json_data(tmp_path):
    """The result cache keeps it as plain data and worker processes send it back: no objects."""
    from reportlint.config import Resolver
    from reportlint.engine import Linter
    from reportlint.registry import load_registry

    repo = copy_repo("collecting-office", tmp_path)
    shutil.copytree(FIXTURES / "copied-text" / "reports", repo / "copied")
    (repo / "huaian.md").write_text(CLEAN.replace("published: 2025-02-25\n", "published: 2025-02-25\nrevised:\n"
                                                  "  - date: 2025-03-01\n    reason: 更正\n"), encoding="utf-8")
    cfg = repo / ".reportlint.toml"
    cfg.write_text(re.sub(r"(?m)^select = .*$", "", cfg.read_text(encoding="utf-8")), encoding="utf-8")  # every rule
    reg = load_registry()
    linter = Linter(registry=reg, resolver=Resolver(reg))
    results = [linter.lint_path(p) for p in sorted(repo.rglob("*.md"))]
    seen = set()
    for r in results:
        for code, data in [(c, d) for c, d in r.collected.items() if c.startswith("REP")] + [("facts", r.facts)]:
            assert json.loads(json.dumps(data)) == data, (r.path, code, data)
            seen.add(code)
    assert {"REP001", "REP003", "REP004", "facts"} <= seen


def test_rep004_in_a_long_lived_process_sees_new_commits(history, monkeypatch):
    """The language server lints on every keystroke in one process: what git answered is kept while
    HEAD stays the same commit, and asked again when a commit moves it."""
    from reportlint.config import Resolver
    from reportlint.engine import Linter
    from reportlint.registry import load_registry

    monkeypatch.chdir(history)
    reg = load_registry()
    linter = Linter(registry=reg, resolver=Resolver(reg))

    def lint():
        result = linter.lint_path(Path("huaian.md"))
        return [d for d in linter.run_repository_rules([result]) if d.code == "REP004"]

    report = history / "huaian.md"
    report.write_text(_edit_new_total(report.read_text(encoding="utf-8"), "77"), encoding="utf-8")
    assert lint() == []
    git(history, "commit", "-qam", "change", date="2025-03-02")
    assert len(lint()) == 1
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: calls.append(args[5:7]) or real_run(args, **kw))
    assert len(lint()) == 1
    assert [c[0] for c in calls] == ["rev-parse"], calls  # nothing committed since: only HEAD is asked


def test_names_with_invisible_characters_are_printed_as_escapes(tmp_path):
    """An organisation's name comes from a configuration or a report: a bidi override in it must
    not reorder the terminal's table (nor reach a JSON document raw)."""
    repo = make_repo(tmp_path, {".reportlint.toml": '[repository]\norganizations = ["测试局\\u202e甲"]\nyears = [2024]\n'})
    text = run_cli("status", "--no-cache", cwd=repo).stdout
    assert "测试局\\u202e甲" in text and "\u202e" not in text
    data = run_cli("status", "--format", "json", "--no-cache", cwd=repo).stdout
    assert "\u202e" not in data and json.loads(data)["rows"][0]["organization"] == "测试局\u202e甲"
    assert "\u202e" not in run_cli("status", "--format", "markdown", "--no-cache", cwd=repo).stdout


def test_hostile_sentences_stay_linear(tmp_path):
    """One sentence naming last year 60,000 times, or 200,000 unclosed link brackets: the sentence
    rules (REP003, TXT006) read them in one pass (a quadratic scan took minutes)."""
    text = CLEAN.replace("year: 2024", "year: 2025").replace("published: 2025-02-25", "published: 2026-02-25")
    for i, tail in enumerate(["2024年" * 60_000, "《" + "2024年，我局" * 30_000, "[" * 200_000 + "](" * 200_000]):
        (tmp_path / f"h{i}.md").write_text(text + "\n\n" + tail + "\n", encoding="utf-8")
    proc = run_cli("check", ".", "--select", "REP003,TXT006", "--format", "json", "--no-cache", "-j1",
                   cwd=tmp_path, timeout=60)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
