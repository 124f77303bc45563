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


# What the rules read from the parse: block kinds and line maps, the inline source of headings
# and paragraphs, html blocks and code; from the full parser also the inline tokens (links).
STOCK = MarkdownIt("commonmark").enable(["table", "strikethrough"])
ODD_INPUTS = ["# T\r\n\r\npara\rnext\r\n\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n",
              "# T\n\npara \0 with NUL\n\n```\ncode\0\n```\n\n<div>\0</div>\n",
              "[link](a.md) and [ref][r]\n\n[r]: b.md\n\n    indented\n\nSetext\n===\n\n> quote\n\n- item\n\n***\n"]


def rule_view(tokens, inline_children: bool):
    out = []
    in_table = False
    for t in tokens:
        if t.type in ("table_open", "table_close"):
            in_table = t.type == "table_open"
        elif in_table:
            continue  # the block parser builds no cells: the document re-splits table lines
        content = t.content if t.type in ("inline", "html_block", "fence", "code_block") else ""
        children = [(c.type, c.attrs, c.content) for c in t.children or []] if inline_children else None
        out.append((t.type, t.map, t.level, t.info, content, children))
    return out


def test_parsers_give_what_the_stock_parser_gives_on_every_report_and_odd_input():
    from reportlint._md import full_parser

    texts = [f.read_text(encoding="utf-8", errors="replace") for f in FILES] + ODD_INPUTS
    for text in texts:
        stock = STOCK.parse(text)
        assert rule_view(block_parser().parse(text), False) == rule_view(stock, False), text[:80]
        assert rule_view(full_parser().parse(text), True) == rule_view(stock, True), text[:80]


def test_cell_count_is_escaped_split_without_empty_ends():
    import random

    from markdown_it.rules_block.table import escapedSplit

    from reportlint._md import _cell_count

    rnd = random.Random(7)
    for _ in range(20000):
        line = "".join(rnd.choice("|\\a `") for _ in range(rnd.randint(1, 9))).strip()
        if not line:
            continue
        columns = escapedSplit(line)
        if columns and columns[0] == "":
            columns.pop(0)
        if columns and columns[-1] == "":
            columns.pop()
        assert _cell_count(line) == len(columns), line


# Block rules gated by a line's first character (reportlint._md._FIRST_CHARS): every kind of block
# at a block start, as the line after a paragraph (where rules are tried as terminators), indented,
# inside lists and quotes, and near misses that the gates must hand on to the rule.
GATE_CASES = [
    "para\n# h\npara\n> q\npara\n- l\npara\n1. x\npara\n2) y\npara\n***\npara\n```\ncode\n```\n",
    "para\n~~~\nx\n~~~\n<div>\nx\n</div>\n\n[a]: /b\n[a]\n   # indented h\n    code\n\t- tab list\n+ plus\n",
    "_ _ _\n\n<!-- c -->\nSetext\n===\nfoo\n---\n\n#no heading\n#\n####### seven\n",
    "  > a\n  >b\n\n  1. a\n  2. b\n\n     x\n\n- a\n  - b\n    > c\n    ```\n    d\n    ```\n",
    "10. ten\n11) eleven\n1234567890. long\n-1\n+x\n*x\n[x] y\n[x]: \n<x\n>\n",
    "para\n    # four spaces\npara\n   ```\nnot closed\n",
    "* * *\n- - -\n_\t_\t_\n-- -\n***x\n",
    "> # h\n> - l\n> 1. n\n> [r]: /u\n> <p>\n> ```\n> x\n> ```\n",
]


@pytest.mark.parametrize("text", GATE_CASES, ids=range(len(GATE_CASES)))
def test_gated_block_rules_give_the_stock_blocks(text):
    assert rule_view(block_parser().parse(text), False) == rule_view(STOCK.parse(text), False)
