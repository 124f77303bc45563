"""Benchmark: reportlint against the tools a user would otherwise run, on the same files.

    python benchmarks/run.py --markdownlint /tmp/mdl/node_modules/.bin/markdownlint-cli2
    python benchmarks/run.py --count 500 --repeat 5 --json results.json

It times a regular install of this checkout (made in the work folder when the running one is
editable; ``--as-installed`` to time the running one). It generates N realistic reports (both
editions, every table, varied numbers, a few defects, about 8 KB each: ``benchmarks/generate.py``)
and a second set of N where every report carries a defect, into a temporary folder, and measures in
one run (median wall time, interpreter start included, every offline rule):

- the full check of the N reports, all cores: every file linted (the rule registry and the profile
  cached, as on any machine after its first run), and the same with ``--no-cache``;
- a warm re-run of the N unchanged reports, and of the N reports with findings;
- one file of the repository with its result cached, and the same with ``--no-cache``;
- one file whose result is not cached (edited before each run: a commit hook, an editor's save),
  and the same from an editor (``--stdin-filename``, a new buffer each run);
- markdownlint-cli2 on the same files, run from its own binary (``node_modules/.bin/
  markdownlint-cli2``, not ``npx``, which adds its own start-up; MD013 and MD060 off), and
  pymarkdown (``pymarkdown scan``) when they are installed — see the README for how.

The runs compared with markdownlint-cli2 take turns with it (A B A B …), so that the load of a
shared machine weighs on both alike. It prints the four targets side by side with
markdownlint-cli2, every measurement, and the peak
memory (resident set of the whole process tree, sampled every 5 ms). Memory is sampled in one
extra run before the timed runs (it also warms the file-system cache): reading /proc costs CPU
that would otherwise be taken from the measured tool on a 2-core machine.
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


def series(name, cmd, repeat, before=None, **kw) -> dict:
    """``repeat`` timed runs of ``cmd`` after one that samples memory; ``before()`` runs (not
    timed) before each of them."""
    if before:
        before()
    _, peak, _ = measure(cmd, **kw)  # memory, and a warm-up
    walls = []
    for _ in range(repeat):
        if before:
            before()
        wall, _, code = measure(cmd, sample=False, **kw)
        walls.append(wall)
    return {"name": name, "cmd": " ".join(map(str, cmd)), "median_s": statistics.median(walls), "runs_s": walls,
            "peak_mb": peak / 1024, "exit": code}


def interleaved(specs: list[tuple[str, list, object]], repeat: int, **kw) -> list[dict]:
    """:func:`series` of several ``(name, cmd, before)``, run in turns (A B A B …) so that a
    change in the machine's load (a shared VM) affects them alike."""
    out = []
    for name, cmd, before in specs:
        if before:
            before()
        _, peak, _ = measure(cmd, **kw)
        out.append({"name": name, "cmd": " ".join(map(str, cmd)), "runs_s": [], "peak_mb": peak / 1024})
    for _ in range(repeat):
        for (name, cmd, before), r in zip(specs, out):
            if before:
                before()
            wall, _, code = measure(cmd, sample=False, **kw)
            r["runs_s"].append(wall)
            r["exit"] = code
    for r in out:
        r["median_s"] = statistics.median(r["runs_s"])
    return out


def find_markdownlint(given: str | None) -> str | None:
    """markdownlint-cli2's own binary: ``--markdownlint``, else on PATH, else in a
    ``node_modules/.bin`` of the working folder."""
    if given:
        return given if os.path.isfile(given) else None
    found = shutil.which("markdownlint-cli2")
    if found:
        return found
    local = Path("node_modules/.bin/markdownlint-cli2")
    return str(local.resolve()) if local.is_file() else None


def regular_install(work: Path) -> str | None:
    """``reportlint`` as users get it: when this interpreter runs an editable install (a
    developer's checkout), a regular install of the same checkout into ``work/venv``, as pip and
    pre-commit make it (an editable install loads a path finder at every start, ~10 ms that no
    user pays). None when the running install is already a regular one."""
    try:
        from importlib.metadata import distribution

        direct = distribution("reportlint").read_text("direct_url.json") or "{}"
    except Exception:  # noqa: BLE001 - not installed through pip: use it as it is
        return None
    if not json.loads(direct).get("dir_info", {}).get("editable"):
        return None
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(HERE.parent)]
    subprocess.run(pip, check=True, stdout=subprocess.DEVNULL)
    return str(venv / "bin" / "reportlint")


def buffer_seed(work: Path) -> Path:
    """A report outside the measured folders, linted once to fill a cache with the registry and
    the profile."""
    path = work / "seed.md"
    path.write_bytes(next((work / "reports").rglob("*.md")).read_bytes())
    return path


def _reset_cache(seed: Path, cache: Path) -> None:
    shutil.rmtree(cache, ignore_errors=True)
    shutil.copytree(seed, cache)


def edits(path: Path):
    """A ``before`` hook that changes ``path`` a little each time (a new comment at the end), so
    that its result is never in the cache."""
    original = path.read_bytes()
    counter = [0]

    def before():
        counter[0] += 1
        path.write_bytes(original + f"\n<!-- edit {counter[0]} {time.time_ns()} -->\n".encode())

    return before


def main() -> None:
    ap = argparse.ArgumentParser(description="Benchmark reportlint against markdownlint-cli2 and pymarkdown.")
    ap.add_argument("--count", type=int, default=2000, help="reports to generate (default 2000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3; single-file: x3)")
    ap.add_argument("--jobs", type=int, default=0, help="reportlint --jobs (default 0 = all cores)")
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    ap.add_argument("--keep", action="store_true", help="keep the generated folder")
    ap.add_argument("--markdownlint", metavar="PATH",
                    help="markdownlint-cli2's binary (default: on PATH, else ./node_modules/.bin/markdownlint-cli2)")
    ap.add_argument("--no-compare", action="store_true",
                    help="do not run markdownlint-cli2 and pymarkdown even when they are installed")
    ap.add_argument("--as-installed", action="store_true",
                    help="time the reportlint installed here even when it is an editable install (by default an "
                         "editable install is replaced by a regular install of the same checkout in the work folder)")
    ap.add_argument("--scaling", action="store_true",
                    help="also time the full check on a quarter and a half of the files (linear growth)")
    args = ap.parse_args()

    mdl = None if args.no_compare else find_markdownlint(args.markdownlint)
    if args.markdownlint and not mdl:
        sys.exit(f"{args.markdownlint}: not found (npm install --prefix /tmp/mdl markdownlint-cli2 puts it in "
                 "/tmp/mdl/node_modules/.bin/markdownlint-cli2)")
    work = Path(tempfile.mkdtemp(prefix="reportlint-bench-"))
    reportlint = (None if args.as_installed else regular_install(work)) or shutil.which("reportlint") \
        or str(Path(sys.executable).with_name("reportlint"))
    reports = work / "reports"
    paths = generate(args.count, reports, seed=1)
    generate(args.count, work / "defects", seed=2, defect_rate=1.0)
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    env = {"REPORTLINT_CACHE_DIR": str(work / "cache")}
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    n1 = args.repeat * 3
    one = paths[len(paths) // 2]
    one_rel = str(one.relative_to(work))
    cold = paths[len(paths) // 2 + 1]
    cold_rel = str(cold.relative_to(work))
    buffer = work / "buffer.md"
    results = []

    def rl(name, cmd_args, repeat, **kw):
        results.append(series(name, [reportlint, "check", *cmd_args], repeat, cwd=work, env=env, **kw))
        return results[-1]

    # every file linted, with the rule registry and the profile cached as on any machine after
    # its first run (each run starts from a cache that holds only those), and with --no-cache
    seed = work / "seed"
    measure([reportlint, "check", str(buffer_seed(work))], cwd=work, env={"REPORTLINT_CACHE_DIR": str(seed)})
    # the figures compared with markdownlint-cli2 are measured in turns with it (A B A B …)
    if mdl:
        (work / ".markdownlint-cli2.jsonc").write_text(json.dumps({"config": {"MD013": False, "MD060": False}}))
    mdl_specs = [(f"markdownlint-cli2, {args.count} files", [mdl, "reports/**/*.md"], None)] if mdl else []
    full_nocache, full, *mdl_full = interleaved([
        (f"reportlint check, {args.count} files, no cache", [reportlint, "check", "--no-cache", *jobs, "reports"],
         None),
        (f"reportlint check, {args.count} files, results not cached", [reportlint, "check", *jobs, "reports"],
         lambda: _reset_cache(seed, work / "cache")),
        *mdl_specs,
    ], args.repeat, cwd=work, env=env)
    results += [full_nocache, full]
    warm = rl(f"reportlint check, {args.count} files, warm cache", [*jobs, "reports"], args.repeat)
    measure([reportlint, "check", *jobs, "defects"], cwd=work, env=env)
    warm_bad = rl(f"reportlint check, {args.count} files with findings, warm cache", [*jobs, "defects"], args.repeat)
    one_warm = rl("reportlint, one file of the repository, warm cache", [one_rel], n1)
    one_nocache = rl("reportlint, one file of the repository, --no-cache", ["--no-cache", one_rel], n1)
    mdl_specs = [("markdownlint-cli2, one file", [mdl, cold_rel], None)] if mdl else []
    one_cold, *mdl_one = interleaved([
        ("reportlint, one file, cold (edited before each run)", [reportlint, "check", cold_rel], edits(cold)),
        *mdl_specs,
    ], n1, cwd=work, env=env)
    results.append(one_cold)
    buffer.write_bytes(one.read_bytes())
    write_buffer = edits(buffer)
    rl("reportlint, one file from an editor (--stdin-filename, new buffer)", ["--stdin-filename", one_rel], n1,
       before=write_buffer, stdin=buffer)
    scaling = []
    if args.scaling:
        for part in (4, 2):
            n = args.count // part
            sub = work / f"part-{n}"
            for p in paths[:n]:
                dest = sub / p.relative_to(reports)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(p.read_bytes())
            scaling.append(series(f"reportlint check, {n} files, no cache",
                                  [reportlint, "check", "--no-cache", *jobs, sub.name], args.repeat, cwd=work, env=env))

    bad = [r for r in results + scaling if r["exit"] not in (0, 1)]
    if bad:  # a usage error or a crash: the times would mean nothing
        sys.exit(f"{bad[0]['cmd']} exited with {bad[0]['exit']}; run it by hand in {work} to see why")

    others = mdl_full + mdl_one
    mdl_full = mdl_full[0] if mdl_full else None
    mdl_one = mdl_one[0] if mdl_one else None
    pymarkdown = None if args.no_compare else shutil.which("pymarkdown")
    if pymarkdown:
        others.append(series(f"pymarkdown scan, {args.count} files", [pymarkdown, "scan", "-r", "reports"], args.repeat,
                             cwd=work))
    all_results = results + others + scaling

    cpus = os.cpu_count()
    print(f"\n{args.count} generated reports, {size:.1f} KB on average; {platform.platform()}, {cpus} CPUs, "
          f"Python {platform.python_version()}; {time.strftime('%Y-%m-%d')}")
    if mdl:
        print(f"markdownlint-cli2: {mdl}")
    print(f"reportlint: {reportlint}")
    print(f"\n{'target':<52} {'reportlint':>11} {'markdownlint-cli2':>18} {'ratio':>7}  target")

    def row(what, mine, theirs, goal, ratio=True):
        r = f"{mine / theirs:.2f}x" if theirs and ratio else ""
        t = f"{theirs:.2f}s" if theirs else ("n/a" if ratio else "")
        print(f"{what:<52} {mine:>10.2f}s {t:>18} {r:>7}  {goal}")

    row(f"full check, {args.count} files", full["median_s"], mdl_full and mdl_full["median_s"], "<= 0.30x")
    row("  the same with --no-cache (nothing cached at all)", full_nocache["median_s"],
        mdl_full and mdl_full["median_s"], "")
    row(f"warm re-run, {args.count} files (with findings)", max(warm["median_s"], warm_bad["median_s"]), None,
        "<= 0.50 s", ratio=False)
    row("one file, cold (interpreter start included)", one_cold["median_s"], mdl_one and mdl_one["median_s"],
        "<= 0.35x")
    print(f"{'one file in the repository: warm cache / --no-cache':<52} {one_warm['median_s']:>10.2f}s "
          f"{one_nocache['median_s']:>17.2f}s {one_warm['median_s'] / one_nocache['median_s']:>6.2f}x  <= 1.00x "
          "(right: reportlint --no-cache)")
    print(f"\n{'measurement':<66} {'median':>9} {'peak RSS':>10}")
    for r in all_results:
        print(f"{r['name']:<66} {r['median_s']:>8.2f}s {r['peak_mb']:>8.0f}MB")
    pym = next((r for r in others if r["name"].startswith("pymarkdown")), None)
    if pym:
        print(f"\nfull check / pymarkdown:                 {full['median_s'] / pym['median_s']:.2f}x")
    print(f"per report (full check):                 {full['median_s'] / args.count * 1000:.2f} ms")
    for r in scaling:
        n = int(r["name"].split(", ")[1].split()[0])
        print(f"per report ({n} files):{'':<{18 - len(str(n))}}{r['median_s'] / n * 1000:.2f} ms")
    if not mdl and not args.no_compare:
        print("\nmarkdownlint-cli2 not found: npm install --prefix /tmp/mdl markdownlint-cli2, then "
              "--markdownlint /tmp/mdl/node_modules/.bin/markdownlint-cli2")
    if args.json:
        args.json.write_text(json.dumps({"count": args.count, "size_kb": size, "cpus": cpus,
                                         "platform": platform.platform(), "markdownlint": mdl,
                                         "results": all_results}, indent=2))
    if args.keep:
        print(f"\nfiles kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
