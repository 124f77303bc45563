"""The caches (results, rule registry, profiles, web links) are plain data in one SQLite file per
cache folder: nothing read from them can run code, a broken or hostile cache is never fatal and
never changes the output, no result is ever stale, and concurrent runs share one safely."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from test_cli import ROOT, err, out, run

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
DB = "reportlint.sqlite3"


def small_repo(tmp_path: Path) -> Path:
    """Reports with findings of every kind the cache keeps: findings with fixes and data,
    waivers and other suppression comments, links between files, last year's report."""
    repo = tmp_path / "repo"
    generate(6, repo / "generated", seed=3, defect_rate=1.0)
    shutil.copytree(ROOT / "examples", repo / "examples")
    for family in ("sup", "lnk"):
        shutil.copytree(FIXTURES / family, repo / family)
    for name in ("003-hongze-2023.md", "004-hongze-2024.md"):
        shutil.copy(FIXTURES / "corpus" / name, repo / name)
    (repo / ".git").mkdir()  # the repository root for links and configuration
    return repo


def check(repo: Path, cache: Path | None, *args, no_cache: bool = False, input=None):
    env = {"REPORTLINT_CACHE_DIR": str(cache)} if cache is not None else {}
    extra = ["--no-cache"] if no_cache else []
    return run("check", "--format", "json", *extra, *args, cwd=repo, env=env, input=input)


def same(a, b) -> None:
    assert (a.returncode, out(a), err(a)) == (b.returncode, out(b), err(b))


class Hostile:
    """Unpickling this runs a command that creates a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def hostile_pickle(marker: Path) -> bytes:
    return pickle.dumps(Hostile(marker), protocol=2)


def cache_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.fixture(scope="module")
def repo_and_expected(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    repo = small_repo(tmp)
    unused = tmp / "unused-cache"
    expected = {args: check(repo, unused, *args, no_cache=True)
                for args in [(".",), ("examples/2024-huaian-2021-edition.md",)]}
    assert expected[(".",)].returncode == 1 and out(expected[(".",)]).count('"code"') > 30
    assert not unused.exists(), "--no-cache wrote a cache"
    return repo, expected


@pytest.mark.parametrize("content", ["pickle", "random", "empty", "sqlite-header", "truncated"])
def test_hostile_cache_files_run_nothing_and_change_nothing(repo_and_expected, tmp_path, content):
    repo, expected = repo_and_expected
    cache = tmp_path / "cache"
    marker = tmp_path / "marker"
    first = check(repo, cache, ".")
    same(first, expected[(".",)])
    assert sorted(p.name for p in cache_files(cache)) == [DB]
    # what older versions kept (pickles) and anything else a shared cache folder may hold
    for old in ("results/b9af1ceff7d68801026a0900.pickle", "registry/a08cb47129d6b9d1085377d0b58be39b.pickle",
                "profiles/d96c1fdfbe05c6235eedc90b40270107782c09a5.pickle", "external-links.json",
                DB + "-wal", DB + "-shm"):
        (cache / old).parent.mkdir(parents=True, exist_ok=True)
        (cache / old).write_bytes(b"")
    for f in cache_files(cache):
        if content == "pickle":
            f.write_bytes(hostile_pickle(marker))
        elif content == "random":
            f.write_bytes(os.urandom(9000))
        elif content == "empty":
            f.write_bytes(b"")
        elif content == "truncated":  # a sound database cut in half (a full disk, a copy interrupted)
            f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
        else:  # looks like SQLite, is not
            f.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    for args in expected:
        same(check(repo, cache, *args), expected[args])
        assert not marker.exists(), "something in the cache was executed"
    verbose = check(repo, cache, "-v", ".")
    assert verbose.returncode == 1 and "internal error" not in err(verbose) and "Traceback" not in err(verbose)
    # the replaced database works: everything comes from it now
    assert "files: " in err(verbose) and ", 0 linted" in err(verbose), err(verbose)
    same(check(repo, cache, "."), expected[(".",)])
    assert not marker.exists()


def test_garbage_beside_a_sound_database_is_ignored(repo_and_expected, tmp_path):
    """A shared cache folder whose WAL and shared-memory files were replaced by garbage."""
    repo, expected = repo_and_expected
    cache = tmp_path / "cache"
    same(check(repo, cache, "."), expected[(".",)])
    wal_header = bytes.fromhex("377f0682002de218000010000000000000000001000000020000000000000000")
    (cache / (DB + "-wal")).write_bytes(wal_header + os.urandom(3 * 4096))
    (cache / (DB + "-shm")).write_bytes(b"\xff" * 32768)
    verbose = check(repo, cache, "-v", ".")
    assert out(verbose) == out(expected[(".",)]) and ", 0 linted" in err(verbose), err(verbose)


def _every_value(cache: Path, value: bytes) -> None:
    with sqlite3.connect(cache / DB) as db:
        db.execute("UPDATE entries SET value = ?", (value,))
    db.close()


@pytest.mark.parametrize("value", [
    pytest.param(b"pickle", id="pickle"),
    pytest.param(b"z" + b"\x78\x9c" + os.urandom(200), id="broken-zlib"),
    pytest.param(b"z" + zlib.compress(b" " * (20 * 1024 * 1024), 9), id="zlib-bomb"),
    pytest.param(b"j" + b"[" * 100000, id="deep-json"),
    pytest.param(b"j" + json.dumps({"v": 1, "d": [[1, 1, 1, 2, "SEC001", "error", "x"]]}).encode(), id="short-finding"),
    pytest.param(b"j" + json.dumps({"v": 1, "d": "x", "files": [], "rules": 5, "profile": None}).encode(),
                 id="wrong-types"),
    pytest.param(b"j" + json.dumps({"v": 1, "d": [], "c": {"LNK001": {"abspath": 5}, "SUM004": [1]},
                                    "s": {"directives": []}}).encode(), id="collected-wrong-shape"),
    pytest.param(b"j" + json.dumps({"v": 1, "d": [], "c": {"LNK001": {"links": 5}}}).encode(),
                 id="collected-crashes-rule"),
    pytest.param(b"j" + json.dumps({"files": [], "dists": [sys.prefix], "errors": [], "rules": [[
        "SEC001", "x", "error", "document", "a", "b", "", "", {}, [True, False, False, False], -1, "SEC001",
        "os:system", 0]]}).encode(), id="registry-names-another-module"),
])
def test_hostile_entries_in_a_sound_database_are_skipped(repo_and_expected, tmp_path, value):
    """Every row of every kind (results, registry, profile) replaced by the same hostile value."""
    repo, expected = repo_and_expected
    cache = tmp_path / "cache"
    same(check(repo, cache, "."), expected[(".",)])
    _every_value(cache, value)
    for args in expected:
        same(check(repo, cache, *args), expected[args])
    verbose = check(repo, cache, "-v", ".")
    assert "cache:" in err(verbose), err(verbose)  # -v says what was skipped
    assert out(verbose) == out(expected[(".",)])


def test_a_database_that_is_not_ours_is_set_aside(repo_and_expected, tmp_path):
    repo, expected = repo_and_expected
    cache = tmp_path / "cache"
    cache.mkdir()
    with sqlite3.connect(cache / DB) as db:  # another program's database, with a trap in its schema
        db.execute("CREATE TABLE data (x)")
        db.execute("CREATE VIEW entries AS SELECT 'result' AS kind, 'k' AS key, 0 AS stamp, x AS value FROM data")
        db.execute("CREATE TRIGGER t AFTER INSERT ON data BEGIN SELECT 1; END")
    db.close()
    verbose = check(repo, cache, "-v", ".")
    assert (verbose.returncode, out(verbose)) == (expected[(".",)].returncode, out(expected[(".",)]))
    assert "set aside" in err(verbose)
    assert (cache / (DB + ".bad")).is_file()
    with sqlite3.connect(cache / DB) as db:
        assert {r[0] for r in db.execute("SELECT name FROM sqlite_master")} >= {"entries", "meta"}
        assert db.execute("SELECT type FROM sqlite_master WHERE name='entries'").fetchone() == ("table",)
    db.close()


def test_a_cache_folder_that_cannot_be_written_means_no_cache(repo_and_expected, tmp_path):
    repo, expected = repo_and_expected
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = blocker / "cache"  # cannot be created, even by root
    same(check(repo, cache, "."), expected[(".",)])
    verbose = check(repo, cache, "-v", ".")
    assert "cache: not used" in err(verbose) and out(verbose) == out(expected[(".",)])


def test_no_cache_reads_and_writes_nothing(repo_and_expected, tmp_path):
    repo, expected = repo_and_expected
    cache = tmp_path / "cache"
    same(check(repo, cache, "."), expected[(".",)])
    _every_value(cache, b"j" + json.dumps({"v": 1, "d": []}).encode())  # would hide every finding
    mtime = (cache / DB).stat().st_mtime_ns
    same(check(repo, cache, ".", no_cache=True), expected[(".",)])
    env = {"REPORTLINT_CACHE_DIR": str(cache), "REPORTLINT_NO_CACHE": "1"}
    same(run("check", "--format", "json", ".", cwd=repo, env=env), expected[(".",)])
    assert (cache / DB).stat().st_mtime_ns == mtime and sorted(p.name for p in cache_files(cache)) == [DB]


# --------------------------------------------------------------------------- staleness


def test_no_result_is_ever_stale(tmp_path):
    """A report, its configuration, a file it links to and last year's report, edited in turn
    between cached runs: every cached run says what a run without the cache says."""
    repo = small_repo(tmp_path)
    cache = tmp_path / "cache"
    report = repo / "004-hongze-2024.md"
    last_year = repo / "003-hongze-2023.md"
    linked = repo / "notes" / "linked.md"
    linked.parent.mkdir()
    linked.write_text("# 目标\n\n## 第一节\n", encoding="utf-8")
    report.write_text(report.read_text(encoding="utf-8") + "\n[见第一节](notes/linked.md#第一节)\n",
                      encoding="utf-8")
    seen = []

    def step(*what):
        what = what or (".",)
        expected = check(repo, None, *what, no_cache=True)
        for _ in range(2):  # the first run may find entries of the run before the edit, the second its own
            cached = check(repo, cache, *what)
            assert (cached.returncode, out(cached)) == (expected.returncode, out(expected))
        seen.append(out(expected))

    step()
    step("004-hongze-2024.md")
    # last year's report: 现行有效件数 5 -> 6, so 2024's 8 no longer equals 6 + 3 - 0
    last_year.write_text(last_year.read_text(encoding="utf-8").replace("| 行政规范性文件 | 0 | 5 | 5 |",
                                                                      "| 行政规范性文件 | 0 | 5 | 6 |"), encoding="utf-8")
    step()
    assert seen[-1].count("SUM004") > seen[0].count("SUM004")  # the full run before the edit
    # the report itself
    report.write_text(report.read_text(encoding="utf-8").replace("year: 2024", "year: 2024\nedition: \"2019\""),
                      encoding="utf-8")
    step()
    step("004-hongze-2024.md")
    # its configuration
    (repo / ".reportlint.toml").write_text('[severity]\nFM005 = "info"\n', encoding="utf-8")
    step()
    # a file it links to (not part of a one-file run, and part of a full one)
    linked.write_text("# 目标\n\n## 第二节\n", encoding="utf-8")
    step("004-hongze-2024.md")
    step()
    assert "#第一节" in seen[-1] and "#第一节" not in seen[0]
    assert len(set(seen)) >= 5, "an edit that changed nothing proves nothing"


def test_editor_buffers_use_the_cache_by_content(tmp_path):
    repo = small_repo(tmp_path)
    cache = tmp_path / "cache"
    name = "examples/2024-huaian-2021-edition.md"
    text = (repo / name).read_bytes()
    for buffer in (text, text.replace(b"year: 2024", b"year: 2023"), text):
        expected = check(repo, None, "--stdin-filename", name, no_cache=True, input=buffer)
        first = check(repo, cache, "--stdin-filename", name, input=buffer)
        second = check(repo, cache, "-v", "--stdin-filename", name, input=buffer)
        assert (first.returncode, out(first)) == (second.returncode, out(second)) == (expected.returncode, out(expected))
        assert "1 files: 1 from the cache" in err(second)


# --------------------------------------------------------------------------- sharing


def test_concurrent_runs_share_one_cache_folder(tmp_path):
    repo = small_repo(tmp_path)
    generate(40, repo / "more", seed=11, defect_rate=0.5)
    cache = tmp_path / "cache"
    expected = check(repo, None, ".", no_cache=True)
    n = sum(1 for _ in repo.rglob("*.md"))
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR")}
    env["REPORTLINT_CACHE_DIR"] = str(cache)
    for jobs in ("1", "2"):
        cmd = [sys.executable, "-m", "reportlint", "check", "--format", "json", "-j", jobs, "."]
        procs = [subprocess.Popen(cmd, cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for _ in range(3)]
        for p in procs:
            stdout, stderr = p.communicate(timeout=300)
            assert (p.returncode, stdout.decode(), stderr.decode()) == (expected.returncode, out(expected), "")
    warm = check(repo, cache, "-v", ".")
    assert out(warm) == out(expected) and f"{n} files: {n} from the cache, 0 linted" in err(warm)
    with sqlite3.connect(cache / DB) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM entries WHERE kind='result'").fetchone()[0] == n
    db.close()


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_jobs_and_cache_give_the_same_output(repo_and_expected, tmp_path, jobs):
    repo, expected = repo_and_expected
    cache = tmp_path / "cache"
    for _ in range(2):  # cold, then warm
        proc = check(repo, cache, "-j", jobs, ".")
        same(proc, expected[(".",)])


# --------------------------------------------------------------------------- cost


def _modules_after(repo: Path, cache: Path, *args: str) -> set[str]:
    """The modules a CLI run imported (in a fresh interpreter)."""
    code = ("import sys; from reportlint.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stdout.flush(); print('\\nMODULES', *sorted(sys.modules))")
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env["REPORTLINT_CACHE_DIR"] = str(cache)
    proc = subprocess.run([sys.executable, "-c", code, "check", *args], cwd=repo, env=env, capture_output=True,
                          text=True)
    return set(proc.stdout.rsplit("MODULES", 1)[1].split())


def test_a_run_imports_only_the_rules_it_needs(repo_and_expected, tmp_path):
    repo, _ = repo_and_expected
    cache = tmp_path / "cache"
    name = "examples/2024-huaian-2021-edition.md"
    check(repo, cache, name)  # the registry and the result are cached now
    rules = {m for m in _modules_after(repo, cache, "--select", "SEC001", "--no-cache", name)
             if m.startswith("reportlint.rules.")}
    assert len(rules) > 50  # --no-cache: every rule module is imported to learn what it declares
    selected = _modules_after(repo, cache, "--select", "SEC001,FM004", "examples/2020-xinjiekou-2019-edition.md")
    assert {m for m in selected if m.startswith("reportlint.rules.")} == {
        "reportlint.rules.sec001_title_heading", "reportlint.rules.fm004_year_mismatch"}
    # the profile came from the cache: no YAML parsing, no schema validation
    assert "jsonschema" not in selected and "ruamel.yaml" not in selected
    cached = _modules_after(repo, cache, name)  # served from the result cache
    assert "markdown_it" not in cached and "ruamel.yaml" not in cached and "jsonschema" not in cached
    from reportlint.registry import load_registry

    repository_rules = {f"reportlint.rules.{Path(r.source_file).stem}" for r in load_registry().rules.values()
                        if r.scope == "repository"}
    assert {m for m in cached if m.startswith("reportlint.rules.")} <= repository_rules  # they run on every run


def test_one_file_reads_one_entry(tmp_path):
    """A one-file run in a repository with a warm cache reads that file's entry, not the others."""
    from reportlint import cache as cachemod

    repo = small_repo(tmp_path)
    cache = tmp_path / "cache"
    check(repo, cache, ".")
    asked = []
    original = cachemod.Store.get_many

    def spy(self, kind, keys):
        keys = list(keys)
        asked.append((kind, len(keys)))
        return original(self, kind, keys)

    cachemod.Store.get_many = spy
    try:
        from reportlint.engine import Linter

        os.environ["REPORTLINT_CACHE_DIR"], saved = str(cache), os.environ["REPORTLINT_CACHE_DIR"]
        cwd = os.getcwd()
        os.chdir(repo)
        linter = Linter()
        results = cachemod.ResultCache(repo, linter.cache_salt())
        linter.run(["examples/2024-huaian-2021-edition.md"], cache=results)
    finally:
        cachemod.Store.get_many = original
        os.environ["REPORTLINT_CACHE_DIR"] = saved
        os.chdir(cwd)
    assert ("result", 1) in asked and all(n <= 1 for kind, n in asked)


def test_findings_are_stored_compactly(tmp_path):
    """An entry grows by well under 200 bytes per finding (the pickles took ~1.2 KB each)."""
    clean = (ROOT / "examples" / "2024-huaian-2021-edition.md").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "r.md").write_text(clean, encoding="utf-8")
    (tmp_path / "b" / "r.md").write_text(clean.replace("| 0 |", "|  |"), encoding="utf-8")  # blank cells
    sizes, counts = [], []
    for folder in ("a", "b"):
        cache = tmp_path / f"cache-{folder}"
        counts.append(len(json.loads(out(check(tmp_path / folder, cache, "r.md")))))
        with sqlite3.connect(cache / DB) as db:
            sizes.append(db.execute("SELECT sum(length(value)) FROM entries WHERE kind='result'").fetchone()[0])
        db.close()
    assert counts[1] - counts[0] > 40
    assert (sizes[1] - sizes[0]) / (counts[1] - counts[0]) < 200, (sizes, counts)


# --------------------------------------------------------------------------- the store itself


def test_pruning_deletes_old_and_excess_entries_only(tmp_path):
    from reportlint.cache import Store

    st = Store(tmp_path)
    st.put_many("result", [(f"k{i}", {"i": i}) for i in range(50)])
    with sqlite3.connect(tmp_path / DB) as db:
        db.execute("UPDATE entries SET stamp = stamp - 100 * 86400 WHERE key IN ('k0', 'k1', 'k2')")
        db.execute("UPDATE entries SET stamp = stamp - 10 * 86400 WHERE key IN ('k3', 'k4')")
    db.close()
    assert st.prune() == 3  # unused for more than 30 days
    assert st.get("result", "k0") is None and st.get("result", "k3") == {"i": 3}
    assert st.prune(max_entries=40) == 7  # the oldest first
    assert st.get("result", "k3") is None and st.get("result", "k4") is None
    with sqlite3.connect(tmp_path / DB) as db:
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 40
    db.close()
    st.close()


def test_writing_prunes_at_most_once_a_day(tmp_path):
    from reportlint.cache import Store

    st = Store(tmp_path)
    st.put("result", "a", [1])
    with sqlite3.connect(tmp_path / DB) as db:
        db.execute("UPDATE entries SET stamp = stamp - 100 * 86400")
    db.close()
    st.put("result", "b", [2])  # pruned less than a day ago (when the database was made): kept
    assert st.get("result", "a") == [1]
    with sqlite3.connect(tmp_path / DB) as db:
        db.execute("UPDATE meta SET value = '0' WHERE name = 'pruned'")
    db.close()
    st.put("result", "c", [3])
    assert st.get("result", "a") is None and st.get("result", "c") == [3]
    st.close()


def test_plugin_data_that_is_not_plain_is_not_cached(tmp_path):
    from test_plugins import build_plugin

    rule = '''
        """Collects a set (not plain data) and reports nothing."""
        CODE = "XYZ009"
        NAME = "collects-a-set"
        SUMMARY = "test"
        SEVERITY = "warning"
        SCOPE = "repository"
        REQUIRES_PROFILE = False


        def collect(doc, profile, options):
            return {"words": {"a", "b"}}


        def check_repository(items, options):
            for path, data in items:
                assert data["words"] == {"a", "b"}
            return ()
        '''
    site = build_plugin(tmp_path, "rl_setdata", {"XYZ009": "rl_setdata.xyz009"}, {"xyz009": rule})
    cache = tmp_path / "cache"
    env = {"PYTHONPATH": str(site), "REPORTLINT_CACHE_DIR": str(cache)}
    target = ROOT / "examples" / "2024-huaian-2021-edition.md"
    for _ in range(2):
        proc = run("check", "-v", target, env=env)
        assert proc.returncode == 0, err(proc)
        assert "0 from the cache, 1 linted" in err(proc)
        assert "rule XYZ009 collected data that is not plain JSON-able data (a value of type set)" in err(proc)
        assert "failed" not in err(proc)


# --------------------------------------------------------------------------- the format


def _normal(value):
    """Plain, comparable form of record trees (sets sorted, tuples as lists, dates as text)."""
    import datetime

    from reportlint.records import Record

    if isinstance(value, Record):
        return {name: _normal(getattr(value, name)) for name in value._fields}
    if isinstance(value, dict):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_normal(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def test_every_fixture_result_survives_the_cache_format():
    """What a file's result holds — findings, waived findings, collected data, suppression
    comments with what they did — comes back from the stored JSON equal to what was linted."""
    from reportlint import resultdata
    from reportlint.engine import Linter

    linter = Linter()
    files = sorted(FIXTURES.rglob("*.md")) + sorted((ROOT / "examples").glob("*.md"))
    kinds = set()
    for path in files:
        res = linter.lint_path(path)
        if res.errors or res.not_cached:
            continue
        stored = json.loads(json.dumps(resultdata.dump(res), ensure_ascii=False))
        back = resultdata.load(stored, res.path, linter.registry)
        assert _normal(back.diagnostics) == _normal(res.diagnostics), path
        assert _normal(back.waived) == _normal(res.waived), path
        assert back.collected == _normal(res.collected), path
        assert _normal(back.suppressions) == _normal(res.suppressions), path
        assert back.facts == res.facts and back.notices == res.notices, path
        kinds.update(["fix"] if any(d.fix for d in res.diagnostics) else [])
        kinds.update(["data"] if any(d.data for d in res.diagnostics) else [])
        kinds.update(["waived"] if res.waived else [])
        kinds.update(["suppressions"] if res.suppressions else [])
        kinds.update(res.collected)
    assert kinds >= {"fix", "data", "waived", "suppressions", "LNK001", "LNK004", "SUM004"}, kinds


def test_every_built_in_profile_is_checked_quickly_when_read_back():
    """The profile cache checks stored data with reportlint.quickschema (milliseconds, where
    jsonschema takes ~100 ms with its import): a profile it cannot prove valid is parsed from its
    YAML on every run. A schema keyword it does not know makes this fail: teach it the keyword."""
    from reportlint.profile import schema_dir
    from reportlint.profileload import _parse
    from reportlint.quickschema import certainly_valid

    schema = json.loads((schema_dir() / "profile.schema.json").read_text(encoding="utf-8"))
    profiles = sorted((schema_dir() / "profiles").glob("*.yaml"))
    assert profiles
    for path in profiles:
        _, data = _parse(path, path.read_text(encoding="utf-8"))
        assert certainly_valid(schema, data), path


def test_no_cache_reaches_spawned_workers(tmp_path):
    """With the spawn start method (Windows, macOS) each worker loads the registry and profiles
    itself: under --no-cache it must not read or write the cache either."""
    repo = tmp_path / "repo"
    generate(20, repo, seed=9)
    cache = tmp_path / "cache"
    code = ("import multiprocessing, sys\n"
            "multiprocessing.get_all_start_methods = lambda: ['spawn']\n"
            "from reportlint.cli import main\n"
            "if __name__ == '__main__':\n"
            "    sys.exit(main(['check', '-j', '2', '--no-cache', '--format', 'json', '.']))\n")
    script = tmp_path / "spawned.py"
    script.write_text(code, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    env["REPORTLINT_CACHE_DIR"] = str(cache)
    proc = subprocess.run([sys.executable, str(script)], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert out(check(repo, None, ".", no_cache=True)) == proc.stdout
    assert not cache.exists(), sorted(p.name for p in cache.rglob("*"))


def test_no_cache_lasts_one_command(capsys):
    """In one process (an editor integration, a test) --no-cache does not outlive its command."""
    from reportlint import cache
    from reportlint.cli import main

    target = str(ROOT / "examples" / "2024-huaian-2021-edition.md")
    assert main(["check", "--no-cache", target]) == 0 and not cache.enabled()
    assert main(["check", target]) == 0 and cache.enabled()
    capsys.readouterr()
