"""Benchmark: reportlint against the tools a user would otherwise run, on the same files.

    python benchmarks/run.py                 # 2,000 generated reports, 3 runs each
    python benchmarks/run.py --count 500 --repeat 5 --json results.json

It generates N realistic reports (both editions, every table, varied numbers, a few defects,
about 8 KB each: ``benchmarks/generate.py``) into a temporary folder and measures, on the same
files and in one run:

- ``reportlint check`` with every offline rule, without cache (``--no-cache``), all cores;
- the same with a warm result cache (unchanged files);
- one file from an editor (``--stdin-filename``), interpreter start included;
- markdownlint-cli2 (``npx markdownlint-cli2``, MD013 and MD060 off) and pymarkdown
  (``pymarkdown scan``) when they are installed — see the README for how to install them.

It prints the median wall time of each, the ratios, and the peak memory (resident set of the
whole process tree, sampled every 5 ms). Memory is sampled in one extra run before the timed
runs (it also warms the file-system cache): reading /proc costs CPU that would otherwise be taken
from the measured tool on a 2-core machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def _tree_rss_kb(root: int) -> int:
    """Resident memory of ``root`` and its descendants (Linux /proc; 0 elsewhere)."""
    try:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
                pid = int(entry.name)
                parents[pid] = int(fields[1])
                rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
            except (OSError, IndexError, ValueError):
                continue
    except OSError:
        return 0
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += rss.get(pid, 0)
        stack.extend(p for p, parent in parents.items() if parent == pid)
    return total


def measure(cmd: list[str], *, cwd: Path, env: dict | None = None, stdin: Path | None = None,
            sample: bool = True) -> tuple[float, int, int]:
    """(wall seconds, peak tree RSS in KB or 0 when not ``sample``d, exit code) of one run of ``cmd``."""
    # as on a user's machine: Python keeps compiled bytecode (some sandboxes turn that off)
    full_env = {k: v for k, v in {**os.environ, **(env or {})}.items() if k != "PYTHONDONTWRITEBYTECODE"}
    peak = [0]
    done = threading.Event()
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdin=fin, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)

    def watch():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.005)

    sampler = threading.Thread(target=watch, daemon=True)
    if sample:
        sampler.start()
    code = proc.wait()
    wall = time.perf_counter() - start
    done.set()
    if sample:
        sampler.join()
    if stdin:
        fin.close()
    return wall, peak[0], code


def series(name, cmd, repeat, **kw) -> dict:
    _, peak, _ = measure(cmd, **kw)  # memory, and a warm-up
    walls = []
    for _ in range(repeat):
        wall, _, code = measure(cmd, sample=False, **kw)
        walls.append(wall)
    return {"name": name, "cmd": " ".join(cmd), "median_s": statistics.median(walls), "runs_s": walls,
            "peak_mb": peak / 1024, "exit": code}


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark reportlint against markdownlint-cli2 and pymarkdown.")
    ap.add_argument("--count", type=int, default=2000, help="reports to generate (default 2000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3; single-file: x3)")
    ap.add_argument("--jobs", type=int, default=0, help="reportlint --jobs (default 0 = all cores)")
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    ap.add_argument("--keep", action="store_true", help="keep the generated folder")
    ap.add_argument("--no-compare", action="store_true",
                    help="do not run markdownlint-cli2 and pymarkdown even when they are installed")
    ap.add_argument("--scaling", action="store_true",
                    help="also time the full check on a quarter and a half of the files (linear growth)")
    args = ap.parse_args()

    reportlint = shutil.which("reportlint") or str(Path(sys.executable).with_name("reportlint"))
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    reports = work / "reports"
    paths = generate(args.count, reports, seed=1)
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    cache = work / "cache"
    env_cold = {"REPORTLINT_CACHE_DIR": str(cache)}
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    results = []

    # the compiled profile and rule registry are cached per machine, as for any user after
    # their first run; fill those caches once (they are not the result cache measured below)
    measure([reportlint, "check", "--no-cache", str(paths[0])], cwd=work, env=env_cold)
    results.append(series(f"reportlint check, {args.count} files, no cache", [reportlint, "check", "--no-cache", *jobs, "reports"],
                          args.repeat, cwd=work, env=env_cold))
    measure([reportlint, "check", *jobs, "reports"], cwd=work, env=env_cold)  # fill the result cache
    results.append(series(f"reportlint check, {args.count} files, warm cache", [reportlint, "check", *jobs, "reports"],
                          args.repeat, cwd=work, env=env_cold))
    scaling = []
    if args.scaling:
        for part in (4, 2):
            n = args.count // part
            sub = work / f"part-{n}"
            for p in paths[:n]:
                dest = sub / p.relative_to(reports)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(p.read_bytes())
            scaling.append(series(f"reportlint check, {n} files, no cache", [reportlint, "check", "--no-cache", *jobs, sub.name],
                                  args.repeat, cwd=work, env=env_cold))
    one = paths[len(paths) // 2]
    results.append(series("reportlint, one file from an editor (--stdin-filename)",
                          [reportlint, "check", "--stdin-filename", str(one.relative_to(work))],
                          args.repeat * 3, cwd=work, env=env_cold, stdin=one))

    bad = [r for r in results + scaling if r["exit"] not in (0, 1)]
    if bad:  # a usage error or a crash: the times would mean nothing
        sys.exit(f"{bad[0]['cmd']} exited with {bad[0]['exit']}; run it by hand in {work} to see why")

    others = []
    npx = None if args.no_compare else shutil.which("npx")
    if npx and subprocess.run([npx, "--no-install", "markdownlint-cli2", "--help"], capture_output=True).returncode in (0, 2):
        (work / ".markdownlint-cli2.jsonc").write_text(json.dumps({"config": {"MD013": False, "MD060": False}}))
        others.append(series(f"markdownlint-cli2, {args.count} files", [npx, "--no-install", "markdownlint-cli2", "reports/**/*.md"],
                             args.repeat, cwd=work))
        others.append(series("markdownlint-cli2, one file", [npx, "--no-install", "markdownlint-cli2", str(one.relative_to(work))],
                             args.repeat * 3, cwd=work))
    pymarkdown = None if args.no_compare else shutil.which("pymarkdown")
    if pymarkdown:
        others.append(series(f"pymarkdown scan, {args.count} files", [pymarkdown, "scan", "-r", "reports"], args.repeat, cwd=work))
    results += others + scaling

    cpus = os.cpu_count()
    print(f"\n{args.count} generated reports, {size:.1f} KB on average; {platform.platform()}, {cpus} CPUs, "
          f"Python {platform.python_version()}; {time.strftime('%Y-%m-%d')}\n")
    print(f"{'measurement':<62} {'median':>9} {'peak RSS':>10}")
    for r in results:
        print(f"{r['name']:<62} {r['median_s']:>8.2f}s {r['peak_mb']:>8.0f}MB")
    full = results[0]["median_s"]
    warm = results[1]["median_s"]
    single = results[2]["median_s"]
    mdl = next((r for r in others if r["name"].startswith("markdownlint-cli2,") and "one file" not in r["name"]), None)
    mdl1 = next((r for r in others if r["name"] == "markdownlint-cli2, one file"), None)
    pym = next((r for r in others if r["name"].startswith("pymarkdown")), None)
    print()
    if mdl:
        print(f"full check / markdownlint-cli2:          {full / mdl['median_s']:.2f}x  (target <= 0.30x)")
    if mdl1:
        print(f"one file / markdownlint-cli2 one file:   {single / mdl1['median_s']:.2f}x  (target <= 0.35x)")
    if pym:
        print(f"full check / pymarkdown:                 {full / pym['median_s']:.2f}x")
    print(f"warm cache, {args.count} files:                {warm:.2f}s  (target <= 0.5 s for 2,000 files)")
    print(f"per report (full check):                 {full / args.count * 1000:.2f} ms")
    for r in scaling:
        n = int(r["name"].split(", ")[1].split()[0])
        print(f"per report ({n} files):{'':<{18 - len(str(n))}}{r['median_s'] / n * 1000:.2f} ms")
    if args.json:
        args.json.write_text(json.dumps({"count": args.count, "size_kb": size, "cpus": cpus,
                                         "platform": platform.platform(), "results": results}, indent=2))
    if args.keep:
        print(f"\nfiles kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
