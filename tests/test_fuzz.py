"""Fuzzing the document model, every rule and every output format with hypothesis.

Documents are built from the lines of the real examples (headings, table rows, HTML tables,
front matter), mutated cell by cell with hostile tokens (bidi and zero-width characters,
control characters, odd numbers, directives, broken HTML, links), shuffled, cut, and joined
with random line endings; plus arbitrary bytes. The property: no rule crashes, no traceback,
every format renders well-formed output, and the command line exits 0 or 1.

Bounded for CI: a fixed number of examples, derandomised (the same examples every run, so a
failure is reproducible), a deadline per example that only a hang or a superlinear blow-up
exceeds, and inputs of at most a few hundred lines."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings, strategies as st

from reportlint.engine import Linter
from reportlint.formatters import FORMATS, Report, render
from reportlint.registry import load_registry
from reportlint.settings import Settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LINES = sorted({ln for p in sorted(EXAMPLES.glob("*.md")) for ln in p.read_text(encoding="utf-8").split("\n")})
TOKENS = [
    "", " ", "0", "1", "-1", "1.5", "１２", "1,234", "十二", "两千", "减3", "3件", "251000元", "5（含补录）", "/", "—", "无",
    "\u202e9113\u202c", "1\u200b2", "\u2066x\u2069", "\ufeff", "\u00ad", "\x1b]0;pwned\x07\x1b[2J", "\x7f", "\x85",
    "\u2028", "\ud7ff", "\U0001f468\u200d\U0001f469", "<!--", "-->", "<table>", "</table>", "<tr>", "<td rowspan=99999>",
    '<td colspan="-3">', "<th>", "| a | b |", "|---|", "| --- | :-: |", "[x](y.md#z)", "[x](../../../etc/passwd)",
    "[x]（http://a.b）", "http://a.b/，如需", "htp://x", "<http://[::1]/>", "![](file:///C:/x.png)", "[a][b]", "[b]: <>",
    "<!-- reportlint-disable SUM -->", "<!-- REPORTLINT-ENABLE -->", "<!-- reportlint-disable-next-line: SEC -->",
    '<!-- reportlint-waive SUM until=2020-01-01 reason="x" -->', "<!-- reportlint-waive TBL until=9999-99-99 -->",
    "```", "~~~", "---", "...", "#", "######## x", "其中", "件，", "件（", "%", "100%", "二十三件", "其中结果维持72件", "均已办结",
    "year: 2024", "year: !!str 2024", "edition: 2019", "profile: x", "a: &a [*a]", "title: [", "\t", "    code",
    "> quote", "- item", "1. item", "***", "$$", "\\|", "`|`",
]
ENDINGS = ["\n", "\r\n", "\r"]
LINTER = Linter(Settings(), registry=load_registry())


@st.composite
def mutated_line(draw):
    line = draw(st.sampled_from(LINES))
    if "|" in line and draw(st.booleans()):
        cells = line.split("|")
        i = draw(st.integers(0, len(cells) - 1))
        cells[i] = f" {draw(st.sampled_from(TOKENS))} "
        line = "|".join(cells)
    elif draw(st.booleans()):
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.sampled_from(TOKENS)) + line[at:]
    return line


LINE = st.one_of(st.sampled_from(LINES), mutated_line(), st.sampled_from(TOKENS),
                 st.text(alphabet=st.characters(codec="utf-8"), max_size=40))


@st.composite
def documents(draw):
    lines = draw(st.lists(LINE, max_size=160))
    if draw(st.booleans()):  # keep the real skeleton, with some lines replaced or dropped
        base = draw(st.sampled_from(sorted(EXAMPLES.glob("*.md")))).read_text(encoding="utf-8").split("\n")
        for ln in lines[:40]:
            at = draw(st.integers(0, len(base)))
            base[at:at + draw(st.integers(0, 2))] = [ln]
        lines = base
    ends = draw(st.lists(st.sampled_from(ENDINGS), min_size=1, max_size=3))
    text = "".join(ln + ends[i % len(ends)] for i, ln in enumerate(lines))
    data = text.encode("utf-8", "surrogatepass")
    return (b"\xef\xbb\xbf" * draw(st.integers(0, 2))) + data


def _lint_and_render(data: bytes) -> None:
    res = LINTER.lint_text(data, "fuzz/report.md")
    result = LINTER.finish([res])
    assert not result.errors, result.errors  # a rule that crashed
    for fmt in FORMATS:
        report = Report(result.diagnostics, result.files, "zh" if len(data) % 2 else "en",
                        {"sources": {"fuzz/report.md": data.decode("utf-8", "replace")}, "show_source": True,
                         "statistics": fmt == "json" and len(data) % 3 == 0, "paths": result.paths},
                        waived=result.waived)
        out = render(fmt, report)
        if fmt in ("json", "sarif", "gitlab"):
            json.loads(out)
        elif fmt == "junit":
            ET.fromstring(out.encode("utf-8"))
        if fmt != "github":  # annotations keep %0A-encoded line breaks; every other output is escaped
            assert not any(ch in out for ch in "\x1b\x07\u202e\x00\x85")


FUZZ = settings(max_examples=200, deadline=timedelta(seconds=10), derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(documents())
def test_documents_never_crash_a_rule_or_a_format(data):
    _lint_and_render(data)


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _lint_and_render(data)


@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents())
def test_the_command_line_exits_0_or_1_without_traceback(data):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "r.md").write_bytes(data)
        for fmt in ("text", "json"):
            proc = subprocess.run([sys.executable, "-m", "reportlint", "check", "--no-cache", "--show-source",
                                   "--format", fmt, "r.md"], cwd=tmp, capture_output=True, timeout=60)
            assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
            assert b"Traceback" not in proc.stderr and b"internal error" not in proc.stderr
            assert b"warning: rule" not in proc.stderr, proc.stderr.decode("utf-8", "replace")
            if fmt == "json":
                json.loads(proc.stdout)
