"""The table and arithmetic rules through the real CLI: cross-year checks over a repository,
fixes, the converted corpus, both languages."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tablehelpers import T2_2021, report, t3_flat, t4_flat

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "reportlint", *args], capture_output=True, text=True, cwd=cwd)


def findings(proc):
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def test_cross_year_same_organisation(tmp_path):
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    (tmp_path / "2023" / "r.md").write_text(report(T2_2021, t3_flat(), t4_flat(), year=2023), encoding="utf-8")
    (tmp_path / "2024" / "r.md").write_text(report(T2_2021, t3_flat(), t4_flat(), year=2024), encoding="utf-8")
    (tmp_path / "2024" / "other.md").write_text(report(T2_2021, t3_flat(), t4_flat(), year=2024, org="另一个局"),
                                                encoding="utf-8")
    out = findings(run("check", "--select", "SUM004", "--format", "json", ".", cwd=tmp_path))
    assert out and all(d["path"] == str(Path("2024") / "r.md") for d in out), out
    assert all(d["severity"] == "warning" for d in out)
    msgs = {d["message"] for d in out}
    # 二、上年结转 must equal last year's 四、结转下年度继续办理 (自然人 2 vs 1, 法律服务机构 0 vs 1)
    assert any(m.startswith("表三 二、上年结转政府信息公开申请数量 / 自然人 is 2, but last year's 四、结转下年度继续办理 1: it would have to be 1")
               for m in msgs), msgs
    assert any("/ 法律服务机构 is 0" in m for m in msgs)
    # 现行有效件数 = last year's + 本年制发 − 本年废止 (2021 表二)
    assert any(m.startswith("表二（第二十条第（一）项） 规章 / 现行有效件数 is 11, but last year's 现行有效件数 11 + 本年制发件数 1"
                            " − 本年废止件数 0 = 12") for m in msgs), msgs
    assert all(str(Path("2023") / "r.md") in m for m in msgs)  # names last year's report
    assert len(out) == 4
    # last year's report alone: nothing to compare with
    assert findings(run("check", "--select", "SUM004", "--format", "json", "2024", cwd=tmp_path)) == []


def test_cross_year_consistent_real_reports(tmp_path):
    """洪泽区 2023 → 2024 (corpus 003, 004): 结转 0 → 0 and 规范性文件 5 + 3 − 0 = 8 carry over."""
    for name in ("003-hongze-2023.md", "004-hongze-2024.md"):
        shutil.copy(FIXTURES / "corpus" / name, tmp_path / name)
    assert findings(run("check", "--select", "SUM004", "--format", "json", str(tmp_path))) == []
    p = tmp_path / "004-hongze-2024.md"
    p.write_text(p.read_text(encoding="utf-8").replace("| 行政规范性文件 | 3 | 0 | 8 |", "| 行政规范性文件 | 3 | 0 | 9 |"),
                 encoding="utf-8")
    out = findings(run("check", "--select", "SUM004", "--format", "json", str(tmp_path)))
    assert [d["code"] for d in out] == ["SUM004"]
    assert "would have to be 8" in out[0]["message"]


def test_fix_is_safe_by_default_and_atomic(tmp_path):
    s2 = (T2_2021.replace("| 行政强制 | 8 |", "| 行政强制 | 八 |").replace("| 行政处罚 | 39 |", "| 行政处罚 | 39件 |"))
    s3 = t3_flat().replace("| 2.其他法律行政法规禁止公开 |", "| 2.其他法律行政止公开 |")
    s4 = t4_flat().replace("复议后起诉：结果维持", "复议后起诉：计结果维持")
    p = tmp_path / "r.md"
    p.write_text(report(s2, s3, s4), encoding="utf-8")
    proc = run("check", "--select", "TBL", "--fix", str(p))
    text = p.read_text(encoding="utf-8")
    assert "| 行政强制 | 8 |" in text and "| 行政处罚 | 39 |" in text
    assert "| 2.其他法律行政法规禁止公开 |" in text  # a known deviation: safe
    assert "计结果维持" in text  # found by resemblance only: unsafe, left alone
    assert proc.returncode == 0, proc.stdout + proc.stderr  # only the TBL006 warning is left
    assert "计结果维持" in proc.stdout and not list(tmp_path.glob(".*.tmp"))
    run("check", "--select", "TBL", "--fix", "--unsafe-fixes", str(p))
    assert "计结果维持" not in p.read_text(encoding="utf-8")
    assert findings(run("check", "--select", "TBL,SUM", "--format", "json", str(p))) == []


def test_signed_change_fix_2019(tmp_path):
    src = (FIXTURES / "tbl" / "signed-change-in-words.md").read_text(encoding="utf-8")
    p = tmp_path / "r.md"
    p.write_text(src, encoding="utf-8")
    run("check", "--select", "TBL012", "--fix", str(p))
    assert "| 行政处罚 | 491 | -263 | 228 |" in p.read_text(encoding="utf-8")


def test_corpus_never_crashes():
    proc = run("check", "--format", "json", str(FIXTURES / "corpus"))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == "", proc.stderr  # no rule failed, no warning about a crash
    out = json.loads(proc.stdout)
    assert {Path(d["path"]).name for d in out} >= {"001-xinjiekou-2020.md", "003-hongze-2023.md"}
    for lang in ("zh", "en"):
        proc = run("check", "--lang", lang, str(FIXTURES))
        assert proc.returncode == 1 and "internal error" not in proc.stderr and "failed" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("family", ["tbl", "sum", "corpus"])
def test_every_finding_in_both_languages(family):
    from expectations import lint_fixture, read_fixture

    for path in sorted((FIXTURES / family).glob("*.md")):
        for d in lint_fixture(read_fixture(path)):
            if d.code[:3] in ("TBL", "SUM"):
                assert d.message.en and d.message.zh and d.message.en != d.message.zh, (path, d.message)
                assert any("\u4e00" <= ch <= "\u9fff" for ch in d.message.zh)
