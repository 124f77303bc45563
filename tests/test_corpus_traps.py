"""Traps and defects of issue 12 ("What went wrong on real reports"), one fixture per class and kind.

Each fixture in tests/fixtures/corpus-traps/ is built around a sentence or layout quoted from a real
report, with tables that agree with everything else the text says, and carries at its end the
findings the tool SHOULD give (the correct behaviour; see tests/expectations.py). A trap (…-trap.md)
looks like a mismatch and is not: no finding. A defect (…-defect.md) is a real contradiction the tool
must report, where and as written.

The fixtures the rules do not handle yet are marked below (strict xfail, naming the class): the fix
of a class makes its fixtures pass, which fails the strict xfail until the fixer deletes the line.
"""
from pathlib import Path

import pytest

from expectations import check_fixture

TRAPS = Path(__file__).resolve().parent / "fixtures" / "corpus-traps"
ALL = sorted(TRAPS.glob("*.md"))

CLASS = {
    1: "class 1: a count with a category is compared with （七）总计, not with its own row",
    2: "class 2: a figure whose scope the words narrow (清理并集中发布…) is compared with the whole cell",
    3: "class 3: a real contradiction is missed or not explained",
    4: "class 4: wrong ordinals on official sections (Shanghai layout) are accepted silently",
    5: "class 5: a whole-blank-row finding sits on the rowspan label cell, not on its row",
    6: "class 6: a （一）… sub-heading of 一、总体情况 is taken for an official section",
}
XFAIL = {
}


def _param(path):
    reason = XFAIL.get(path.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(path, id=path.name, marks=marks)


@pytest.mark.parametrize("path", [_param(p) for p in ALL])
def test_trap(path):
    check_fixture(path)


def test_every_class_has_a_trap_and_a_defect():
    names = [p.name for p in ALL]
    for n in CLASS:
        assert any(x.startswith(f"class{n}") and "trap" in x for x in names), n
    for n in (1, 2, 3, 4, 5):
        assert any(x.startswith(f"class{n}") and "defect" in x for x in names), n
    assert set(XFAIL) <= set(names), set(XFAIL) - set(names)
