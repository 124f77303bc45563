"""Hostile inputs: one generated file per shape, checked by the real CLI, timed at growing sizes.

    python benchmarks/hostile.py                          # every shape at its default sizes
    python benchmarks/hostile.py --shape headings --sizes 16000,100000

A pre-commit hook on an untrusted pull request must finish: the time of each shape must grow
with its size, not with its square. For each size the script prints the wall time of
``reportlint check --no-cache --isolated`` on one generated file (interpreter start included),
its size in bytes and the ratio to the previous size; a ratio near the size ratio is linear.
The tests check the same shapes by counting the work done (tests/test_sections.py), never by time.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FRONT = ('---\nprofile: gov-info-disclosure\nedition: "2021"\ntitle: 测试市2024年政府信息公开工作年度报告\n'
         "organization: 测试市人民政府\nyear: 2024\nlevel: government\npublished: 2025-01-20\n---\n\n"
         "# 测试市2024年政府信息公开工作年度报告\n\n")
OFFICIAL = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def headings(n: int) -> str:
    """n headings of every level, each with a line of text (issue 14: 16,000 took 15.8 s)."""
    return FRONT + "".join(f"{'#' * (2 + i % 5)} 小标题{i}\n\n正文{i}。\n\n" for i in range(n))


def section_copies(n: int) -> str:
    """One official section title n times: n candidates for one section."""
    return FRONT + "".join("## 二、主动公开政府信息情况\n\n正文。\n\n" for _ in range(n))


def subtopics(n: int) -> str:
    """n sub-topics repeating an official title under 一、总体情况, then the sections."""
    return FRONT + "## 一、总体情况\n\n" + "".join(f"### （{i}）主动公开政府信息情况\n\n正文。\n\n" for i in range(n)) + \
        "".join(f"## {t}\n\n正文。\n\n" for t in OFFICIAL[1:])


SHAPES = {"headings": (headings, [4000, 16000, 64000]), "section-copies": (section_copies, [4000, 16000]),
          "subtopics": (subtopics, [4000, 16000])}


def main() -> None:
    ap = argparse.ArgumentParser(description="Time reportlint on generated hostile inputs of growing size.")
    ap.add_argument("--shape", choices=sorted(SHAPES), action="append", help="shapes to run (default: all)")
    ap.add_argument("--sizes", help="comma-separated sizes (default: each shape's own)")
    args = ap.parse_args()
    try:
        sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else None
    except ValueError:
        ap.error(f"--sizes: expected comma-separated numbers, got {args.sizes!r}")
    reportlint = shutil.which("reportlint") or str(Path(sys.executable).with_name("reportlint"))
    print(f"{'shape':<16} {'size':>8} {'bytes':>10} {'wall':>8} {'x prev':>7}")
    with tempfile.TemporaryDirectory(prefix="reportlint-hostile-") as tmp:
        for name in args.shape or sorted(SHAPES):
            make, default = SHAPES[name]
            prev = None
            for n in sizes or default:
                path = Path(tmp) / f"{name}-{n}.md"
                path.write_text(make(n), encoding="utf-8")
                start = time.perf_counter()
                proc = subprocess.run([reportlint, "check", "--no-cache", "--isolated", "--fail-on", "never", str(path)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                wall = time.perf_counter() - start
                if proc.returncode != 0:
                    sys.exit(f"reportlint failed on {name} {n} (exit {proc.returncode}):\n{proc.stderr}")
                ratio = f"{wall / prev:>6.1f}x" if prev else ""
                print(f"{name:<16} {n:>8} {path.stat().st_size:>10} {wall:>7.2f}s {ratio:>7}")
                prev = wall


if __name__ == "__main__":
    main()
