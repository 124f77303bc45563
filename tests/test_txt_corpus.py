"""TXT rules on the real reports converted as fixtures (tests/fixtures/corpus/).

Every TXT finding on a real report must be a true contradiction. Each finding is re-checked here
independently of the rules — the number at the reported position is read back from the source
and compared with the values the finding names — and the set of findings must equal the
contradictions verified by hand (VERIFIED). The same re-check runs on the synthetic fixtures of
tests/fixtures/txt/, so that it is exercised.

Verified by hand on the corpus: the text and the tables agree everywhere (002, 005, 007, 013 use
both readings of 收到, 办理 = （七）总计, 行政诉讼 = the sum of both litigation blocks, 其他处理 =
its three sub-rows, truncated percentages in 001, shares summing to 99.9% in 019, breakdowns
equal to their whole in 010/018/020/030/032/035). The one apparent contradiction is 004's
``区政府办代表区政府受理政府信息公开申请17件`` against 表三 本年新收 95: the 17 are the applications
the general office handled on the government's behalf, a narrower scope than 表三 (the whole
district), as 003 (the same government's previous year: 全区受理21件 = 表三 21) shows. A careful
reviewer does not want that reported as an error; the rules say nothing about a figure whose
subject is another body (代表, 本级, 各部门, 其中某局…). Likewise 013's
``集中公开现行有效行政规范性文件698件`` (a collection, here equal to 现行有效) is not compared: the same
words gave a false error on another year of the same report (issue 12, class 2; see
tests/fixtures/txt/narrower-scope.md). The real report with contradictions is
tests/fixtures/txt/real-shanghai-office-2019.md (its findings are re-checked below).
"""
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from expectations import Fixture, lint_fixture, read_fixture

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = sorted((FIXTURES / "corpus").glob("*.md"))
SYNTHETIC = sorted((FIXTURES / "txt").glob("*.md"))

# (fixture name, line, column, code) of every true contradiction between text and tables
VERIFIED: set[tuple[str, int, int, str]] = set()

_CN = "零〇一二两三四五六七八九十百千万"


def _txt_findings(path: Path):
    fx = read_fixture(path)
    fx = Fixture(fx.path, fx.source, [], {"select": "TXT"})
    return fx, lint_fixture(fx)


def _number_at(line: str, column: int) -> Decimal:
    from reportlint.api import parse_chinese_number

    rest = line[column - 1:]
    m = re.match(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", rest)
    if m:
        import unicodedata

        return Decimal(unicodedata.normalize("NFKC", m.group(0)))
    m = re.match(f"[{_CN}]+", rest)
    assert m, f"no number at column {column} of {line!r}"
    return Decimal(parse_chinese_number(m.group(0)))


def _recheck(fx, d) -> None:
    """Re-derive the contradiction a TXT finding states, without the rules' code."""
    line = fx.source.split("\n")[d.line - 1]
    data = d.data
    if d.code == "TXT001":
        stated = _number_at(line, d.column)
        assert stated == Decimal(data["stated"]), (d.message.en, stated)
        assert all(stated != Decimal(v) for v in data["table"]), d.message.en
        for v in data["table"]:
            assert str(Decimal(v).normalize()) in d.message.en or v in d.message.en
    elif d.code == "TXT002":
        stated = _number_at(line, d.column)
        assert stated == Decimal(data["stated"])
        exact = Decimal(data["part"]) * 100 / Decimal(data["whole"])
        digits = len(data["stated"].split(".")[1]) if "." in data["stated"] else 0
        q = Decimal(1).scaleb(-digits)
        assert stated not in (exact.quantize(q, rounding="ROUND_HALF_UP"), exact.quantize(q, rounding="ROUND_DOWN"))
    elif d.code == "TXT003":
        assert sum(Decimal(s) for s in data["shares"]) > 100
    elif d.code == "TXT004":
        whole = _number_at(line, d.column)
        assert whole == Decimal(data["whole"])
        assert sum(Decimal(p) for p in data["parts"]) != whole
    elif d.code == "TXT005":
        assert Decimal(data["total"]) > 0 and data["cells"]
    elif d.code == "TXT006":  # the year before the report's, written at the position
        assert data["stated"] == data["year"] - 1
        assert re.match(rf"{data['stated']}\s*年", line[d.column - 1:]), (d.message.en, line)
    else:  # pragma: no cover
        raise AssertionError(d.code)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_txt_findings_are_verified_contradictions(path):
    fx, diags = _txt_findings(path)
    got = {(path.name, d.line, d.column, d.code) for d in diags}
    want = {v for v in VERIFIED if v[0] == path.name}
    shown = "\n".join(f"  {d.line}:{d.column} {d.code} {d.message.en}" for d in diags)
    assert got == want, f"TXT findings on {path.name} differ from the verified contradictions:\n{shown}"
    for d in diags:
        _recheck(fx, d)


@pytest.mark.parametrize("path", SYNTHETIC, ids=[p.name for p in SYNTHETIC])
def test_synthetic_txt_findings_recheck(path):
    fx, diags = _txt_findings(path)
    for d in diags:
        _recheck(fx, d)


def test_synthetic_fixtures_exercise_every_rule():
    codes = set()
    for path in SYNTHETIC:
        codes |= {d.code for d in _txt_findings(path)[1]}
    assert codes == {"TXT001", "TXT002", "TXT003", "TXT004", "TXT005", "TXT006"}


def test_004_scope_trap():
    """004: 17 applications handled by the general office on the government's behalf are not
    表三's 95; the statement is recognised, marked as another body's, and not compared. Without
    the words that give its scope, the same sentence is reported."""
    from reportlint.crosscheck import prose_of
    from reportlint.document import Document
    from reportlint.engine import resolve_edition
    from reportlint.profile import ProfileRegistry
    from reportlint.settings import Settings

    path = FIXTURES / "corpus" / "004-hongze-2024.md"
    fx = read_fixture(path)
    doc = Document(str(path), fx.source)
    resolve_edition(doc, ProfileRegistry(), Settings())
    stmts = [s for s in prose_of(doc, doc.edition).statements
             if s.figure is not None and s.figure.value == 17 and s.concept is not None]
    assert len(stmts) == 1
    assert stmts[0].concept.id == "apps.received" and stmts[0].scoped == "body"
    assert "代表区政府" in stmts[0].fragment()
    assert not _txt_findings(path)[1]

    unscoped = Fixture(path, fx.source.replace("区政府办代表区政府受理", "区政府受理"), [], {"select": "TXT"})
    diags = lint_fixture(unscoped)
    assert [(d.code, d.data["stated"], d.data["table"]) for d in diags] == [("TXT001", "17", ["95"])]


def test_cli_on_corpus_reports_no_txt_finding():
    out = subprocess.run([sys.executable, "-m", "reportlint", "check", str(FIXTURES / "corpus"),
                          "--select", "TXT", "--format", "json"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
