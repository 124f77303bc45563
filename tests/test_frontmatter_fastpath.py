"""Simple front matter is read without ruamel.yaml; the values and positions must be exactly
the ones ruamel.yaml gives, and anything not simple must go to ruamel.yaml."""
from __future__ import annotations

from pathlib import Path

import pytest

from reportlint import frontmatter as fmmod

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    'profile: gov-info-disclosure\nedition: "2021"\nyear: 2024\npublished: 2025-02-25\n',
    "title: 淮安市人民政府2024年政府信息公开工作年度报告   # 标题\nyear: 2024 # c\nlevel: 'township'  \n",
    "# comment\n\nyear: 0\nedition: '2019'\npublished: 2025-2-5\nx: 2025-13-45\n",
    "a: b c d\nb: 中文，带标点（括号）、顿号\nc: x#y\nd: a {b} [c]\n",
    # not simple: must give ruamel's answer
    "year: 2024.0\n", "year: 0x10\n", "year: 017\n", "year: +1\n", "year: 1_000\n", "a: true\n", "a: null\n", "a: ~\n",
    "a: yes\n", "a:\n  b: 1\n", "a: [1, 2]\n", "a: {b: 1}\n", "a: &x 1\nb: *x\n", "a: |\n  text\n", "a: >\n  t\n",
    'a: "x\\ty"\n', "a: 'it''s'\n", "a: !!str 1\n", "a: b: c\n", "a: 'x' y\n", '"a": 1\n', "a: 1\na: 2\n",
    "a: -1\n", "a: .5\n", "a: 2024年\n", "a:\tb\n", "? a\n: b\n", "a: '2021'   # quoted\n", "a: \"2021\"x\n",
    "a: %x\n", "a: @x\n", "a: `x`\n", "<<: 1\n", "a: =\n",
]


def both(raw: str):
    fast = fmmod.FrontMatter(1, 0, raw)
    simple = fmmod._load_simple(fast, raw, 1)
    slow = fmmod.FrontMatter(1, 0, raw)
    fmmod._load(slow, raw, 1)
    return simple, fast, slow


@pytest.mark.parametrize("raw", CASES, ids=range(len(CASES)))
def test_fast_path_agrees_with_ruamel(raw):
    simple, fast, slow = both(raw)
    if simple:
        assert slow.error is None
        assert (fast.data, fast.key_spans, fast.value_spans) == (slow.data, slow.key_spans, slow.value_spans)
        assert all(type(fast.data[k]) is type(slow.data[k]) for k in fast.data)


def test_simple_cases_do_take_the_fast_path():
    for raw in CASES[:4]:
        assert both(raw)[0], raw


def test_every_fixture_agrees():
    n = 0
    for f in [*ROOT.glob("examples/*.md"), *ROOT.glob("tests/fixtures/**/*.md")]:
        lines = f.read_text(encoding="utf-8").split("\n")
        found = fmmod.split_front_matter(lines)
        if not found or not found[2]:
            continue
        raw = "\n".join(lines[1:found[1] - 1])
        simple, fast, slow = both(raw)
        if simple:
            n += 1
            assert (fast.data, fast.key_spans, fast.value_spans) == (slow.data, slow.key_spans, slow.value_spans), f
    assert n >= 10
