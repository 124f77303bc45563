"""Positions between reportlint (1-based, code points) and LSP (0-based, code units)."""
from __future__ import annotations

import pytest

from reportlint.server.positions import UTF8, UTF16, UTF32, Lines

TEXT = "# 标题\n𠀀😀ab|表\r\nlast"


@pytest.mark.parametrize("encoding, col_b", [(UTF16, 5), (UTF8, 9), (UTF32, 3)])
def test_astral_and_cjk_characters(encoding, col_b):
    lines = Lines(TEXT, encoding)
    # 'b' is the 4th character of line 2: after two astral characters and 'a'
    assert lines.to_lsp(2, 4) == (1, col_b)
    assert lines.from_lsp(1, col_b) == (2, 4)
    # CJK: one code point, one UTF-16 unit, three UTF-8 bytes
    assert lines.to_lsp(1, 4) == (0, {UTF16: 3, UTF8: 5, UTF32: 3}[encoding])


def test_half_a_character_goes_to_its_start():
    lines = Lines(TEXT, UTF16)
    assert lines.from_lsp(1, 1) == (2, 1)  # inside the surrogate pair of 𠀀
    assert Lines(TEXT, UTF8).from_lsp(1, 2) == (2, 1)  # inside its UTF-8 bytes


def test_crlf_bom_and_clamping():
    lines = Lines("\ufeffab\r\ncd", UTF16)
    # reportlint does not count the BOM; the editor's buffer does on the first line
    assert lines.to_lsp(1, 1) == (0, 1)
    assert lines.from_lsp(0, 1) == (1, 1)
    assert lines.to_lsp(2, 3) == (1, 2)  # end of line, CRLF not counted
    assert lines.to_lsp(2, 99) == (1, 2)  # past the end: clamped
    assert lines.to_lsp(9, 1) == (1, 2)  # past the last line
    assert lines.from_lsp(9, 0) == (2, 3)
    assert lines.to_lsp_range(2, 3, 1, 1) == ((1, 2), (1, 2))  # never an end before the start
