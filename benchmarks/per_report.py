"""Per-report CPU time of the whole per-file flow, in one process (what a worker does).

    python benchmarks/per_report.py [FOLDER] [--rounds N] [--profile [N]]

Lints 50 reports to warm up (imports, profile, regexes), then times the next (up to) 400
several times (``--rounds``, default 5) and prints the median (and the least) CPU milliseconds per report
(``time.process_time``, so that other processes on a shared machine do not count; wall time is
shown too). This is the number the full check divides by the number of cores. Start-up is not
included. FOLDER is searched recursively for ``*.md``; by default 450 reports are generated.

``--profile [N]`` runs the timed reports once under cProfile instead and prints the top N
(default 40) entries by internal time and by cumulative time.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    from reportlint.config import Resolver
    from reportlint.engine import Linter
    from reportlint.registry import load_registry

    ap = argparse.ArgumentParser(description="Per-report CPU time of the per-file flow in one process.")
    ap.add_argument("folder", nargs="?", type=Path,
                    help="reports to lint (at least 51 *.md files; default: 450 generated reports)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds; the median is printed (default: 5)")
    ap.add_argument("--profile", nargs="?", type=int, const=40, default=None, metavar="N",
                    help="profile one round instead and print the top N entries (default: 40)")
    args = ap.parse_args()
    if args.folder is not None:
        files = sorted(args.folder.rglob("*.md"))
        if len(files) < 51:
            ap.error(f"{args.folder}: {len(files)} Markdown files; at least 51 are needed (50 warm up the process)")
    else:
        from generate import generate

        files = generate(450, Path(tempfile.mkdtemp(prefix="reportlint-per-report-")), seed=3)
    reg = load_registry()
    linter = Linter(registry=reg, resolver=Resolver(reg))
    warm, timed = files[:50], files[50:450]
    for f in warm:
        linter.lint_path(f)
    gc.freeze()
    gc.set_threshold(5000, 10, 10)  # as in a worker process (workers._worker_init)
    if args.profile is not None:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for f in timed:
            linter.lint_path(f)
        prof.disable()
        stats = pstats.Stats(prof).strip_dirs()
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
        return
    cpu, wall = [], []
    for _ in range(max(1, args.rounds)):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        for f in timed:
            linter.lint_path(f)
        cpu.append((time.process_time() - start_cpu) / len(timed) * 1000)
        wall.append((time.perf_counter() - start_wall) / len(timed) * 1000)
    print(f"{statistics.median(cpu):.2f} ms CPU per report (min {min(cpu):.2f}; rounds: {', '.join(f'{r:.2f}' for r in cpu)}; "
          f"wall median {statistics.median(wall):.2f} ms; {len(timed)} reports)")


if __name__ == "__main__":
    main()
