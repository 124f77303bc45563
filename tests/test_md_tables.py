"""The block parser recognises tables exactly like markdown-it-py's GFM table rule (it only
skips building per-cell tokens): same blocks, same line ranges, on tricky inputs and on every
report in the repository."""
from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reportlint._md import block_parser

ROOT = Path(__file__).resolve().parent.parent
CASES = [
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "a | b\n--|--\n1 | 2\n",
    "| a | b |\n|---|---|---|\n| 1 | 2 |\n",
    "| a \\| b | c |\n|---|---|\n| 1 \\| 2 | 3 \\|\n| x | y\\\\|\n",
    "para\n| a | b |\n|:-|-:|\n| 1 | 2 |\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n- list\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n> quote\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n# heading\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n```\ncode\n```\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n    indented\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n---\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n<div>\n",
    "- | a | b |\n  |---|---|\n  | 1 | 2 |\n",
    "> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
    "| a |\n| - |\n| 1 |\n",
    "|a|\n|-\n|1|\n",
    "| a | b |\n| --- | - - |\n",
    "| a | b |\n|---||---|\n",
    "| a | b |\n- -|---|\n",
    "    | a | b |\n    |---|---|\n",
    "| a | b |\n|---|---|\n|\n| |\n|||\n",
    "| a | b |\n|---|---|\n" + "| 1 |\n" * 2000,
    "| " + " | ".join(["x"] * 300) + " |\n|" + "---|" * 300 + "\n" + "|\n" * 300,
    "x\n|---|\n",
    "|\n|---|\n",
    "| `a|b` | c |\n|---|---|---|\n",
]


def structure(md, text):
    return [(t.type, t.map, t.level) for t in md.parse(text)
            if t.type not in ("inline",) and not t.type.startswith(("th", "td", "tr", "tbody", "thead"))]


REFERENCE = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])
FILES = sorted([*ROOT.glob("examples/*.md"), *ROOT.glob("tests/fixtures/**/*.md")])


@pytest.mark.parametrize("text", CASES, ids=range(len(CASES)))
def test_same_blocks_as_markdown_it_on_tricky_tables(text):
    assert structure(block_parser(), text) == structure(REFERENCE, text)


def test_same_blocks_as_markdown_it_on_every_report():
    assert FILES
    for f in FILES:
        text = f.read_text(encoding="utf-8", errors="replace")
        assert structure(block_parser(), text) == structure(REFERENCE, text), f
