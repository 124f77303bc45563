"""Hostile inputs that used to take minutes or hang: each is generated here, large enough that
the old quadratic (or worse) behaviour takes far longer than the limit, while the linear one
finishes in a second or two. Wall-clock limits are generous on purpose (a shared CI machine);
``benchmarks/hostile_sizes.py`` measures time and memory at max-file-size.

A pre-commit hook on an untrusted pull request must finish."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

LIMIT = 60  # seconds; each case below took minutes (or forever) before


def check(tmp_path: Path, name: str, text: str) -> list[dict]:
    path = tmp_path / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--no-cache", "--format", "json", path.name],
                          cwd=tmp_path, capture_output=True, timeout=LIMIT)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in proc.stderr and b"warning: rule" not in proc.stderr, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name,size_kb", [
    ("html-table-huge-spans", 300),  # rowspan=65534 colspan=1000 on every row: hung
    ("brackets-and-parens", 300),  # [[[[…](](](: 27 s for 40 KB
    ("waivers", 300),  # a waiver per paragraph: each one scanned every block
    ("suppressions-next-line", 300),  # every finding checked against every directive
    ("suppressions-open", 300),  # every partial enable split every open disable
    ("front-matter-deep", 0),  # 20,000 nested [ in the front matter: ruamel.yaml took 20 s for 4,000
])
def test_hostile_input_finishes(tmp_path, name, size_kb):
    from hostile_sizes import cases

    check(tmp_path, name, cases(size_kb * 1024)[name]())


def test_unclosed_directive_comments(tmp_path):
    from hostile_sizes import CLEAN

    # each unclosed '<!-- reportlint-…' made the directive pattern scan to the end of the file
    check(tmp_path, "unclosed", CLEAN + "<!-- reportlint-disable SEC\n\n" * 20_000)


def test_a_url_ending_in_parentheses(tmp_path):
    from hostile_sizes import CLEAN

    # GFM drops unbalanced ')' from a URL's end; each one was counted over the whole URL again
    data = check(tmp_path, "parens", CLEAN + "\n网址http://example.gov.cn/a" + ")" * 300_000 + "，如需\n")
    assert any(d["code"] == "LNK007" for d in data)


def test_html_table_spans_are_bounded_but_real_tables_still_read(tmp_path):
    from hostile_sizes import CLEAN

    data = check(tmp_path, "spans", CLEAN.replace("# 淮安", '<table><tr><td rowspan="65534" colspan="1000">1</td>'
                                                  "</tr><tr><td>2</td></tr></table>\n\n# 淮安", 1))
    assert not [d for d in data if d["code"].startswith(("TBL", "SUM"))]  # the report's own tables still read


@pytest.mark.parametrize("tail", [
    "\n文字" + "<!--a " * 40_000 + "\n",  # in a paragraph: the link scanner tried every '<!--' to the end
    "\n<div id=x>\n" + "<!--a\n" * 40_000,  # in an HTML block with an anchor
    '\n<!-- reportlint-waive SEC until=2099-01-01 reason="x" -->\n\n<div>\n' + "<!--a\n" * 40_000,  # a waiver's target
])
def test_unclosed_html_comments(tmp_path, tail):
    from hostile_sizes import CLEAN

    check(tmp_path, "comments", CLEAN + tail)
