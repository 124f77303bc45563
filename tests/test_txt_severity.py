"""The severity policy of the TXT rules (README, "How sure a TXT finding is").

An error only when the number, the cell and the scope are unambiguous; where the words allow
another reading, a warning that names it; where the tool cannot tell, nothing. The fixtures give
the positions; this test adds what the ``line:col CODE`` expectations cannot say: the severity.
"""
from pathlib import Path

import pytest

from expectations import Fixture, lint_fixture, read_fixture

TXT = Path(__file__).resolve().parent / "fixtures" / "txt"


def _severities(name: str) -> dict[tuple[int, int, str], str]:
    fx = read_fixture(TXT / name)
    diags = lint_fixture(Fixture(fx.path, fx.source, [], {"select": "TXT"}))
    return {(d.line, d.column, d.code): d.severity for d in diags}


@pytest.mark.parametrize("name, want", [
    # every reading of the real sentences is contradicted: errors
    ("real-shanghai-office-2019.md", {(30, 114, "TXT001"): "error", (30, 120, "TXT002"): "error",
                                      (30, 155, "TXT001"): "error", (30, 207, "TXT005"): "error"}),
    ("real-shanghai-office-2019-excerpt.md", {(21, 53, "TXT004"): "error", (21, 120, "TXT002"): "error"}),
    # 均已审结 after two counts: contradicted if it covers both, true if only the last: warnings
    ("claims-readings.md", {(18, 43, "TXT005"): "warning", (20, 21, "TXT005"): "warning",
                            (22, 14, "TXT005"): "error"}),
    # a share whose base nothing in the text confirms: a warning; confirmed by its neighbours: an error
    ("percentages-implicit.md", {(19, 38, "TXT002"): "error", (19, 50, "TXT003"): "error",
                                 (21, 26, "TXT002"): "warning", (27, 13, "TXT004"): "warning"}),
    ("category-before-verb.md", {(25, 19, "TXT001"): "error", (25, 38, "TXT001"): "error",
                                 (25, 53, "TXT001"): "error"}),
])
def test_severity(name, want):
    assert _severities(name) == want


def test_a_warning_names_the_other_reading():
    fx = read_fixture(TXT / "claims-readings.md")
    diags = lint_fixture(Fixture(fx.path, fx.source, [], {"select": "TXT005"}))
    (first, *_) = diags
    assert "read as about lawsuits only, the tables agree" in first.message.en
    assert "若仅指行政诉讼，则与表格一致" in first.message.zh
