"""Per-report CPU time of the whole per-file flow, in one process (what a worker does).

    python benchmarks/per_report.py [FOLDER]     # default: 450 generated reports

Lints 50 reports to warm up (imports, profile, regexes), then times the next 400 three times
and prints the median milliseconds per report. This is the number the full check divides by
the number of cores.
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
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        for f in timed:
            linter.lint_path(f)
        runs.append((time.perf_counter() - start) / len(timed) * 1000)
    print(f"{statistics.median(runs):.2f} ms per report (runs: {', '.join(f'{r:.2f}' for r in runs)}; {len(timed)} reports)")


if __name__ == "__main__":
    main()
