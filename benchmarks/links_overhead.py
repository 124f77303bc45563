"""How much do the offline link checks (LNK001-LNK008) add to ``reportlint check``?

Usage::

    python benchmarks/links_overhead.py [--rounds 15] [--copies 0] [PATH ...]

Runs ``reportlint check`` with all rules and with ``--ignore LNK`` on the same files (the
examples by default), alternating the two so that a busy machine slows both alike, and
prints the minimum and the median of each with the overhead. Four measurements:

- the CPU time spent inside the LNK rules during full runs, against the rest of the run (the
  figure to trust on a busy machine: both parts come from the same runs);
- in-process: ``Linter.run`` (parsing included, interpreter start excluded), wall and CPU time;
- the CLI, interpreter start included (what pre-commit and editors pay), wall and CPU time;
- import time of the link modules and LNK rules (imported in both runs, because the registry
  loads every rule; measured separately).

Subprocesses run with bytecode caching on (as an installed package has it), even when
``PYTHONDONTWRITEBYTECODE`` is set.

``--copies N`` also lints N copies of the files (in a temporary folder) to see the per-file
cost without the fixed start-up cost. Not a test: timings depend on the machine.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# measure what an installed package does: bytecode cached (a warm-up run writes it)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def in_process(paths: list[str], rounds: int, repeat: int) -> dict[str, list[tuple[float, float]]]:
    from reportlint.engine import Linter
    from reportlint.settings import Settings

    linters = {"all rules": Linter(Settings()), "--ignore LNK": Linter(Settings(ignore=["LNK"]))}
    for lin in linters.values():  # warm up: imports, profile loading, regex compilation
        lin.run(paths)
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in linters}
    for _ in range(rounds):
        for name, lin in linters.items():
            w, c = time.perf_counter(), time.process_time()
            for _ in range(repeat):
                lin.run(paths)
            out[name].append(((time.perf_counter() - w) / repeat, (time.process_time() - c) / repeat))
    return out


def cli(paths: list[str], rounds: int) -> dict[str, list[tuple[float, float]]]:
    base = [sys.executable, "-m", "reportlint", "check", "--progress", "never"]
    variants = {"all rules": base + paths, "--ignore LNK": base + ["--ignore", "LNK"] + paths}
    out: dict[str, list[tuple[float, float]]] = {k: [] for k in variants}
    for cmd in variants.values():
        subprocess.run(cmd, capture_output=True, env=ENV)
    for _ in range(rounds):
        for name, cmd in variants.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            w = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=ENV)
            wall = time.perf_counter() - w
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            out[name].append((wall, cpu))
    return out


def import_cost(rounds: int) -> float:
    """Milliseconds spent importing the link modules and the LNK rules (best of ``rounds``);
    the modules they share with the other rules are imported first and not counted."""
    code = (
        "import time, importlib, pkgutil, reportlint\n"
        "from importlib.metadata import entry_points\n"
        "mine = {'links', 'anchors', 'progress', 'cachedir', 'urlcheck', 'api', 'cli', 'commands', '__main__'}\n"
        "for m in pkgutil.iter_modules(reportlint.__path__):\n"
        "    if m.name not in mine and not m.ispkg:\n"
        "        importlib.import_module('reportlint.' + m.name)\n"
        "eps = [ep for ep in entry_points(group='reportlint.rules') if ep.name.startswith('LNK')]\n"
        "t = time.perf_counter()\n"
        "import reportlint.links, reportlint.anchors, reportlint.progress, reportlint.cachedir, reportlint.api\n"
        "for ep in eps:\n"
        "    importlib.import_module(ep.value)\n"
        "print((time.perf_counter() - t) * 1000)\n")
    best = None
    for _ in range(rounds):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV).stdout
        try:
            ms = float(out.strip())
        except ValueError:
            continue
        best = ms if best is None else min(best, ms)
    return best or 0.0


def attributed(paths: list[str], rounds: int) -> tuple[float, float]:
    """CPU time spent inside the LNK rules during full runs, and the runs' CPU time: robust on a
    busy machine because both come from the same runs. The parse the rules share with the
    others (block tokens, headings) is done before the clock starts, so it is not counted."""
    import inspect

    from reportlint.engine import Linter
    from reportlint.settings import Settings

    lin = Linter(Settings())
    spent = [0.0]

    def timed(fn, takes_doc):
        def wrapper(*args, **kwargs):
            if takes_doc and getattr(args[0], "problem", None) is None:
                args[0].block_tokens, args[0].headings  # shared work, done by the other rules anyway
            t = time.process_time()
            try:
                out = fn(*args, **kwargs)
                if inspect.isgenerator(out):
                    out = list(out)
                return out
            finally:
                spent[0] += time.process_time() - t
        return wrapper

    for rule in lin.registry.rules.values():
        if rule.code.startswith("LNK"):
            if rule.check is not None:
                rule.check = timed(rule.check, True)
            if rule.collect is not None:
                rule.collect = timed(rule.collect, True)
            if rule.check_repository is not None:
                rule.check_repository = timed(rule.check_repository, False)
    lin.run(paths)
    spent[0] = 0.0
    t = time.process_time()
    for _ in range(rounds):
        lin.run(paths)
    total = time.process_time() - t
    return spent[0] / rounds, total / rounds


def show(title: str, data: dict[str, list[tuple[float, float]]]) -> None:
    print(f"\n{title}")
    stats = {}
    for name, samples in data.items():
        walls = [s[0] for s in samples]
        cpus = [s[1] for s in samples]
        stats[name] = (min(walls), statistics.median(walls), min(cpus), statistics.median(cpus))
        print(f"  {name:<14} wall min {stats[name][0] * 1000:8.2f} ms  median {stats[name][1] * 1000:8.2f} ms"
              f"   cpu min {stats[name][2] * 1000:8.2f} ms  median {stats[name][3] * 1000:8.2f} ms")
    a, b = stats["--ignore LNK"], stats["all rules"]
    labels = ("wall min", "wall median", "cpu min", "cpu median")
    print("  overhead of the link checks: " + ", ".join(
        f"{lab} {100 * (b[i] - a[i]) / a[i]:+.1f}%" for i, lab in enumerate(labels) if a[i] > 0))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT / "examples")])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=10, help="in-process runs per round")
    ap.add_argument("--copies", type=int, default=0, help="also lint N copies of the files")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} cpus; files: {', '.join(args.paths)}")
    lnk, total = attributed(args.paths, args.rounds * args.repeat)
    print(f"\nCPU time inside the LNK rules: {lnk * 1000:.2f} ms of {total * 1000:.2f} ms per run "
          f"({100 * lnk / (total - lnk):.1f}% added to the other rules)")
    show("in-process (Linter.run, parsing included)", in_process(args.paths, args.rounds, args.repeat))
    show("CLI (python -m reportlint check, interpreter start included)", cli(args.paths, args.rounds))
    print(f"\nimport of the link modules and LNK rules (in both CLI runs above): {import_cost(7):.2f} ms")
    if args.copies:
        with tempfile.TemporaryDirectory() as tmp:
            n = 0
            for k in range(args.copies):
                for p in args.paths:
                    src = Path(p)
                    for f in ([src] if src.is_file() else sorted(src.rglob("*.md"))):
                        shutil.copy(f, Path(tmp) / f"{k:04d}-{f.name}")
                        n += 1
            lnk, total = attributed([tmp], 3)
            print(f"\n{n} files: CPU time inside the LNK rules: {lnk * 1000:.1f} ms of {total * 1000:.1f} ms "
                  f"per run ({100 * lnk / (total - lnk):.1f}% added to the other rules)")
            show(f"in-process, {n} files", in_process([tmp], max(3, args.rounds // 3), 1))
            show(f"CLI, {n} files", cli([tmp], max(3, args.rounds // 3)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
