"""The benchmark scripts run (their figures are measured by hand, never asserted in a test)."""
import json
import os
import subprocess
import sys

from test_cli import ROOT


def bench(*args, cwd):
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / args[0]), *args[1:]], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_run_measures_every_reportlint_case_and_writes_json(tmp_path):
    out = tmp_path / "results.json"
    proc = bench("run.py", "--count", "8", "--repeat", "1", "--no-compare", "--scaling", "--json", str(out),
                 cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    names = [r["name"] for r in data["results"]]
    assert names == ["reportlint check, 8 files, no cache", "reportlint check, 8 files, results not cached",
                     "reportlint check, 8 files, warm cache",
                     "reportlint check, 8 files with findings, warm cache",
                     "reportlint, one file of the repository, warm cache",
                     "reportlint, one file of the repository, --no-cache",
                     "reportlint, one file, cold (edited before each run)",
                     "reportlint, one file from an editor (--stdin-filename, new buffer)",
                     "reportlint check, 2 files, no cache", "reportlint check, 4 files, no cache"]
    # generated reports carry a few defects: the checks ran and found them (exit 1), nothing crashed
    assert {r["exit"] for r in data["results"]} <= {0, 1}
    assert data["results"][3]["exit"] == 1  # the set where every report carries a defect
    assert all(r["median_s"] > 0 for r in data["results"])
    if sys.platform.startswith("linux"):  # memory is read from /proc
        assert all(r["peak_mb"] > 0 for r in data["results"])
    assert "markdownlint-cli2:" not in proc.stdout  # --no-compare
    for target in ("full check, 8 files", "warm re-run, 8 files (with findings)", "one file, cold",
                   "one file in the repository: warm cache / --no-cache"):
        assert target in proc.stdout
    assert "peak RSS" in proc.stdout


def test_run_compares_with_the_markdownlint_binary_it_is_given(tmp_path):
    fake = tmp_path / "markdownlint-cli2"  # stands in for node_modules/.bin/markdownlint-cli2
    fake.write_text("#!/bin/sh\necho \"$@\" >> " + str(tmp_path / "calls") + "\n", encoding="utf-8")
    fake.chmod(0o755)
    proc = bench("run.py", "--count", "4", "--repeat", "1", "--markdownlint", str(fake), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines()
    assert "reports/**/*.md" in calls and any(c.endswith(".md") and "**" not in c for c in calls)
    assert f"markdownlint-cli2: {fake}" in proc.stdout
    full = next(ln for ln in proc.stdout.splitlines() if ln.startswith("full check, 4 files"))
    assert full.rstrip().endswith("<= 0.30x") and "x " in full  # reportlint, markdownlint-cli2, ratio
    missing = bench("run.py", "--count", "4", "--repeat", "1", "--markdownlint", str(tmp_path / "nope"), cwd=tmp_path)
    assert missing.returncode != 0 and "not found" in missing.stderr


def test_per_report_says_what_it_needs(tmp_path):
    (tmp_path / "a.md").write_text("# x\n")
    proc = bench("per_report.py", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2 and "1 Markdown files; at least 51 are needed" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_hostile_times_every_shape_at_each_size(tmp_path):
    proc = bench("hostile.py", "--shape", "headings", "--shape", "subtopics", "--sizes", "20,40", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [line.split() for line in proc.stdout.splitlines()[1:]]
    assert [(r[0], r[1]) for r in rows] == [("headings", "20"), ("headings", "40"), ("subtopics", "20"), ("subtopics", "40")]
    assert rows[1][4].endswith("x") and rows[1][3].endswith("s")
    assert bench("hostile.py", "--sizes", "x", cwd=tmp_path).returncode == 2


def test_server_latency_runs(tmp_path):
    out = tmp_path / "latency.json"
    proc = bench("server_latency.py", "--count", "3", "--changes", "2", "--debounce", "50", "--json", str(out),
                 cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(out.read_text())
    assert data["reports_in_repository"] == 3 and data["debounce_ms"] == 50
    assert data["after_debounce_s"]["median"] > -0.05 and data["pull_s"]["median"] > 0
    assert "after the 50 ms debounce" in proc.stdout
