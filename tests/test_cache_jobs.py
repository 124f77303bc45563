"""The result cache and worker processes never change the output (issue: fast enough for
every keystroke and every repository)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from test_cli import ROOT, out, run

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def mixed_set(tmp_path: Path) -> Path:
    """Generated reports of both editions with many defects, the examples and the fixtures of
    every family (odd shapes, HTML tables, broken front matter, links, suppressions)."""
    repo = tmp_path / "repo"
    generate(60, repo / "generated", seed=7, defect_rate=0.5)
    shutil.copytree(ROOT / "examples", repo / "examples")
    for family in ("fm", "sec", "tbl", "sum", "txt", "sup", "corpus"):
        src = ROOT / "tests" / "fixtures" / family
        if src.is_dir():
            shutil.copytree(src, repo / family)
    (repo / ".git").mkdir()  # the repository root for links and configuration
    return repo


def test_results_are_identical_with_and_without_cache_and_with_any_jobs(tmp_path):
    repo = mixed_set(tmp_path)
    cache = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    outputs = {}
    for name, args, env in [
        ("serial, no cache", ["-j1", "--no-cache"], {}),
        ("2 jobs, no cache", ["-j2", "--no-cache"], {}),
        ("3 jobs, cold cache", ["-j3"], cache),
        ("3 jobs, warm cache", ["-j3"], cache),
        ("serial, warm cache", ["-j1"], cache),
        ("default jobs, warm cache", [], cache),
    ]:
        proc = run("check", "--format", "json", *args, ".", cwd=repo, env=env)
        assert proc.returncode == 1, proc.stderr.decode()
        outputs[name] = out(proc)
    warm = run("check", "-v", "--format", "json", ".", cwd=repo, env=cache)
    assert out(warm) == outputs["serial, no cache"]
    n = len(list(repo.rglob("*.md")))
    assert f"{n} files: {n} from the cache, 0 linted" in warm.stderr.decode()
    first = outputs["serial, no cache"]
    assert first.count('"code"') > 100  # a mixed set indeed
    for name, text in outputs.items():
        assert text == first, f"{name} differs from a serial run without cache"
    assert (tmp_path / "cache" / "reportlint.sqlite3").is_file() and not list((tmp_path / "cache").rglob("*.pickle"))


def test_a_changed_file_or_configuration_is_never_served_from_the_cache(tmp_path):
    repo = mixed_set(tmp_path)
    env = {"REPORTLINT_CACHE_DIR": str(tmp_path / "cache")}
    target = repo / "examples" / "2024-huaian-2021-edition.md"
    assert run("check", "examples", cwd=repo, env=env).returncode == 0
    assert run("check", "examples", cwd=repo, env=env).returncode == 0  # now cached
    target.write_text(target.read_text(encoding="utf-8").replace("year: 2024", "year: 2023"), encoding="utf-8")
    proc = run("check", "examples", cwd=repo, env=env)
    assert proc.returncode == 1 and "FM004" in out(proc)
    # the examples' own configuration (the nearest one), now also leaving out what a wrong year causes
    (repo / "examples" / ".reportlint.toml").write_text('ignore = ["REP001", "FM004", "DATE001"]\n', encoding="utf-8")
    proc = run("check", "examples", cwd=repo, env=env)
    assert proc.returncode == 0, out(proc)
    assert out(run("check", "examples", "--isolated", cwd=repo, env=env)).count("FM004") == 2


def test_jobs_must_be_a_number():
    proc = run("check", "-j", "many", ROOT / "examples")
    assert proc.returncode == 2 and "many" in proc.stderr.decode()


def test_check_holds_garbage_collection_only_while_starting_up(monkeypatch, capsys, tmp_path):
    """`reportlint check` collects no garbage while it starts up and turns collection back on
    (with what start-up built frozen) once the first file is linted; a process that merely
    uses the engine (a language server, an API user) keeps Python's defaults."""
    import gc

    from reportlint import cli, workers

    seen = []
    real = workers.settle_collection

    def settle():
        seen.append(gc.isenabled())
        real()

    monkeypatch.setattr(workers, "settle_collection", settle)
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path / "cache"))  # (--no-cache would stay on in this process)
    before = gc.get_threshold()
    try:
        code = cli.main(["check", "--jobs", "1", str(ROOT / "examples")])
        assert code == 0, capsys.readouterr()
        assert seen and seen[0] is False  # held off until the first file was linted
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
    from reportlint.engine import Linter

    Linter().lint_text("# 标题\n", "x.md")
    assert gc.isenabled() and gc.get_threshold() == before


def test_workers_get_each_settings_object_once_and_tasks_name_it():
    """A task names its settings by index: a copy of the settings with every task was a new
    object each time in the worker, and missed every cache the linter keeps per settings."""
    from reportlint.settings import Settings
    from reportlint.workers import by_index

    a, b = Settings(), Settings(select=["SUM"])
    distinct, named = by_index([("x.md", a, True), ("y.md", b, False), ("z.md", a, True), ("w.md", b, True)])
    assert len(distinct) == 2 and distinct[0] is a and distinct[1] is b
    assert named == [("x.md", 0, True), ("y.md", 1, False), ("z.md", 0, True), ("w.md", 1, True)]
