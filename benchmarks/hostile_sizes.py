"""Time and memory of one hostile file each, as large as max-file-size allows (benchmarks/hostile.py
times the heading and prose shapes at growing sizes).

    python benchmarks/hostile_sizes.py [--size MB] [--only NAME ...]

Every input is generated here (nothing is committed): huge and odd tables (pipe and HTML,
wide, long, spans), links and reference definitions by the hundred thousand, front matter
that is large, deep or wide, suppression comments by the thousand next to findings, and
pathological Markdown. Each file is checked by the real command line in its own process
(``reportlint check --no-cache --format json``); the wall time and the peak memory of that
process are printed and marked when over the target: any single file up to max-file-size in
at most 5 s and 300 MB. (Headings and prose have their own benchmarks.)
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (ROOT / "examples" / "2024-huaian-2021-edition.md").read_text(encoding="utf-8")
HEAD, _, BODY = CLEAN.partition("\n# ")
BODY = "# " + BODY
TARGET_SECONDS, TARGET_MB = 5.0, 300
T3_ROW = "| （三）不予公开：1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"


def fill(unit: str, size: int, prefix: str = "", suffix: str = "") -> str:
    """``prefix`` + ``unit`` repeated up to ``size`` bytes (UTF-8) + ``suffix``."""
    n = max(1, (size - len((prefix + suffix).encode("utf-8"))) // len(unit.encode("utf-8")))
    return prefix + unit * n + suffix


def cases(size: int) -> dict[str, Callable[[], str]]:
    """Name -> a function making that file of about ``size`` bytes."""
    fm = HEAD + "\n"
    t3_at = CLEAN.index("| 四、结转下年度继续办理")
    return {
        # tables
        "table-long-rows": lambda: fill("| 行政许可 | 1 | 2 | 3 |\n", size, fm + "# 报告\n\n## 二、主动公开政府信息情况\n\n"
                                "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n"),
        "table-repeated-official-row": lambda: CLEAN[:t3_at] + fill(T3_ROW, size - len(CLEAN.encode())) + CLEAN[t3_at:],
        "table-wide": lambda: fm + "# 报告\n\n" + fill("| 1 ", size // 2, "", "|\n") + fill("|---", size // 2, "", "|\n"),
        "tables-many-small": lambda: fill("| 规章 | 1 |\n|---|---|\n| 规章 | 2 |\n\n", size, fm + "# 报告\n\n"),
        "html-table-huge-spans": lambda: fm + "# 报告\n\n" + fill('<tr><td rowspan="65534" colspan="1000">1</td></tr>\n',
                                                         size, "<table>\n", "</table>\n"),
        "html-table-many-cells": lambda: fill("<td>1</td>", size, fm + "# 报告\n\n<table><tr>", "</tr></table>\n"),
        "html-tables-nested": lambda: fm + "# 报告\n\n" + "<table><tr><td>" * (size // 36) + "1" + "</td></tr></table>" * (size // 36),
        "html-unclosed-tables": lambda: fill("<table><tr><td>1\n\n", size, fm + "# 报告\n\n"),
        # links
        "links-to-anchors": lambda: fill("[见](other.md#第二节) [本节](#总体情况)\n", size, fm + BODY),
        "links-distinct-missing-files": lambda: fm + BODY + "".join(f"[附件{i}](files/{i}/附件.pdf)\n" for i in range(size // 40)),
        "link-reference-definitions": lambda: fm + BODY + "".join(f"[r{i}]: http://example.com/{i}\n[用{i}][r{i}]\n"
                                                          for i in range(size // 60)),
        "bare-urls-into-text": lambda: fill("网址为http://www.example.gov.cn/a，如需了解请访问。\n", size, fm + BODY),
        "one-huge-url": lambda: fm + BODY + "http://" + "a" * (size - len((fm + BODY).encode()) - 20) + "，如需\n",
        "brackets-and-parens": lambda: fm + "# 报告\n\n" + "[" * (size // 3) + "](" * (size // 3) + "\n",
        # front matter
        "front-matter-big-list": lambda: fill("  - 政府信息公开\n", size, "---\nprofile: gov-info-disclosure\nyear: 2024\nkeywords:\n",
                                      "---\n" + BODY),
        "front-matter-deep": lambda: "---\nx: " + "[" * 20000 + "]" * 20000 + "\n---\n" + BODY,
        "front-matter-many-keys": lambda: "---\n" + "".join(f"k{i}: v\n" for i in range(size // 12)) + "---\n" + BODY,
        "front-matter-long-line": lambda: "---\ntitle: " + "报" * (size // 3) + "\n---\n" + BODY,
        "front-matter-unclosed": lambda: fill("key: value\n", size, "---\n"),
        # suppressions
        "suppressions-next-line": lambda: fm + BODY + fill("<!-- reportlint-disable-next-line LNK006 -->\n网址htp://example.com\n\n",
                                                   size - len(CLEAN.encode())),
        "suppressions-open": lambda: fm + BODY + "<!-- reportlint-disable SEC, TBL -->\n" * 300
        + "<!-- reportlint-enable SEC006 -->\n" * 300 + fill("网址htp://example.com\n\n", size - len(CLEAN.encode()) - 21_000),
        "suppressions-ranges": lambda: fm + BODY + fill("<!-- reportlint-disable SEC -->\n<!-- reportlint-enable SEC -->\n",
                                                size - len(CLEAN.encode())),
        "waivers": lambda: fm + BODY + fill('<!-- reportlint-waive LNK006 until=2099-01-01 reason="x" -->\n网址htp://example.com\n\n',
                                    size - len(CLEAN.encode())),
        # Markdown
        "emphasis-delimiters": lambda: fm + "# 报告\n\n" + "*a_" * (size // 3) + "\n",
        "backticks": lambda: fm + "# 报告\n\n" + "`a``" * (size // 4) + "\n",
        "angle-brackets": lambda: fm + "# 报告\n\n" + "<" * size + "\n",
        "html-comments-unclosed": lambda: fm + "# 报告\n\n" + "<!--\n" * (size // 5),
        "html-comments-unclosed-inline": lambda: fm + "# 报告\n\n<div id=x>\n" + "文字<!--a " * (size // 12),
        "one-line": lambda: fm + "# 报告\n\n" + "字" * (size // 3),
        "blank-lines": lambda: fm + "# 报告" + "\n" * (size - 200),
        "invisible-characters": lambda: fill("1\u200b2\u202e3\u202c件\n", size, fm + BODY),
        "list-nesting": lambda: fm + "# 报告\n\n" + "".join(" " * (2 * (i % 200)) + "- a\n" for i in range(size // 210)),
        "blockquote-nesting": lambda: fm + "# 报告\n\n" + ">" * (size - 200) + " a\n",
    }


# the peak memory of the checking process itself: VmHWM (ru_maxrss would include what the
# benchmark held when it forked the process)
_WRAPPER = ("import atexit, runpy, sys\n"
            "def peak():\n"
            "    for line in open('/proc/self/status'):\n"
            "        if line.startswith('VmHWM:'):\n"
            "            sys.stderr.write('\\nMAXRSS %s\\n' % line.split()[1])\n"
            "atexit.register(peak)\n"
            "sys.argv = ['reportlint'] + sys.argv[1:]\n"
            "runpy.run_module('reportlint', run_name='__main__')\n")


def measure(path: Path, timeout: float) -> tuple[float, float, int | None, int]:
    """(seconds, peak MB, exit code, findings) of checking ``path`` in a fresh process."""
    start = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", _WRAPPER, "check", "--no-cache", "--format", "json", path.name],
                              cwd=path.parent, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, 0.0, None, 0
    took = time.perf_counter() - start
    peak = [int(x.split()[1]) for x in proc.stderr.decode("utf-8", "replace").splitlines() if x.startswith("MAXRSS ")]
    return took, (peak[-1] / 1024 if peak else 0.0), proc.returncode, proc.stdout.count(b'"code"')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=1.0, help="size of each file in MB (default 1, the default max-file-size)")
    ap.add_argument("--only", nargs="*", help="only these cases")
    ap.add_argument("--timeout", type=float, default=120)
    args = ap.parse_args()
    size = int(args.size * 1024 * 1024) - 4096
    folder = Path(tempfile.mkdtemp(prefix="reportlint-hostile-"))
    bad = 0
    for name in list(cases(1024)):
        if args.only and name not in args.only:
            continue
        path = folder / f"{name}.md"
        path.write_text(cases(size)[name](), encoding="utf-8")
        mb = path.stat().st_size / 1024 / 1024
        took, peak, code, n = measure(path, args.timeout)
        over = took > TARGET_SECONDS or peak > TARGET_MB or code not in (0, 1)
        bad += over
        print(f"{'!!' if over else '  '} {name:<32} {mb:5.1f} MB  {took:6.2f} s  {peak:6.0f} MB  exit {code}  "
              f"{n} findings", flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
