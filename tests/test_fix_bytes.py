"""``--fix`` touches only the bytes it fixes: a property test over random mixes of CRLF, LF and
lone CR line endings, with and without a byte-order mark (doubled, too).

The oracle is independent of ``reportlint.fixes``: it maps the positions of the findings'
edits (counted in the document's normalised text) to the file's own text by walking both
texts character by character, applies the edits there, and expects the file to be exactly
that afterwards."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from reportlint.engine import Linter
from reportlint.settings import Settings
from test_cli import CLEAN

BASE = CLEAN.read_text(encoding="utf-8").replace('edition: "2021"\n', "")  # FM006: a fix that inserts a line
GLUED = "网址为http://www.huaian.gov.cn/，如需了解更多信息请访问。"  # LNK007: a fix inside a line
LINTER = Linter(Settings())


def expected_after(source: str, normalised: str, lead: int, edits) -> str:
    """``source`` (as written) with the edits applied: the oracle."""
    # offset in ``normalised`` -> offset in ``source``, character by character
    to_source = []
    i = lead
    for ch in normalised:
        to_source.append(i)
        if ch == "\n":
            i += 2 if source.startswith("\r\n", i) else 1
        else:
            i += 1
    to_source.append(len(source))
    starts = [0] + [k + 1 for k, ch in enumerate(normalised) if ch == "\n"]

    def offset(line, col):
        return starts[line - 1] + col - 1

    def ending_of_line(line):
        end = to_source[starts[line]] if line < len(starts) else len(source)
        return "\r\n" if source[:end].endswith("\r\n") else source[end - 1] if end and source[end - 1] in "\r\n" else "\n"

    out = source
    for e in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        s, t = to_source[offset(e.span.line, e.span.column)], to_source[offset(e.span.end_line, e.span.end_column)]
        out = out[:s] + e.replacement.replace("\n", ending_of_line(e.span.line)) + out[t:]
    return out


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), boms=st.integers(0, 2), glued_at=st.lists(st.integers(8, 120), max_size=3))
def test_fix_changes_only_the_bytes_of_its_edits(data, boms, glued_at):
    lines = BASE.split("\n")
    for at in sorted(glued_at, reverse=True):
        at = min(at, len(lines))
        lines[at:at] = ["", GLUED, ""]
    ends = data.draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines) - 1, max_size=len(lines) - 1))
    source = "\ufeff" * max(boms - 1, 0) + "".join(a + b for a, b in zip(lines, ends)) + lines[-1]
    raw = b"\xef\xbb\xbf" * min(boms, 1) + source.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.md"
        path.write_bytes(raw)
        doc = LINTER.load(path)
        assert doc.source == source and doc.extra_boms == max(boms - 1, 0)
        result = LINTER.lint_document(doc)
        edits = [e for d in result.diagnostics if d.fix is not None and d.fix.applicability == "safe"
                 for e in d.fix.edits]
        _, fixed = LINTER.fix_path(path)
        after = path.read_bytes()
    assert after[:3 * min(boms, 1)] == raw[:3 * min(boms, 1)]
    assert after.decode("utf-8-sig" if boms else "utf-8") == expected_after(source, doc.text, doc.extra_boms, edits)
    if edits:
        assert fixed and after != raw
