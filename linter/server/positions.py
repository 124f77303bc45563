"""Positions: reportlint's (1-based lines, columns counting code points, end exclusive) and the
Language Server Protocol's (0-based lines, columns counting code units of the position encoding
the client and server agreed on: UTF-16 unless the client offers UTF-8 or UTF-32).

A :class:`Lines` is the editor's text split the way both sides split it (``\\n``, ``\\r\\n`` and
``\\r`` end a line). reportlint does not count a UTF-8 byte-order mark; an editor that keeps one
in its buffer does, on the first line. Columns past the end of a line are clamped to its end.
"""
from __future__ import annotations

import re
from typing import NamedTuple

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


class Position(NamedTuple):
    """An LSP position: 0-based line, ``character`` in code units of the encoding."""

    line: int
    character: int


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


class Lines:
    """The lines of an editor buffer, for converting positions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.encoding = encoding
        self.bom = text.startswith("\ufeff")
        self.lines = _BREAK.split(text)

    def _shift(self, line0: int) -> int:
        return 1 if self.bom and line0 == 0 else 0

    def to_lsp(self, line: int, column: int) -> Position:
        """reportlint's (line, column) -> LSP position."""
        if line < 1:
            return Position(0, 0)
        if line > len(self.lines):
            last = len(self.lines) - 1
            return Position(last, units(self.lines[last], self.encoding))
        line0 = line - 1
        text = self.lines[line0]
        end = min(max(column - 1, 0) + self._shift(line0), len(text))
        return Position(line0, units(text[:end], self.encoding))

    def to_lsp_range(self, line: int, column: int, end_line: int, end_column: int) -> tuple[Position, Position]:
        start = self.to_lsp(line, column)
        end = self.to_lsp(end_line, end_column)
        if end < start:
            end = start
        return start, end

    def from_lsp(self, line0: int, character: int) -> tuple[int, int]:
        """LSP position -> reportlint's (line, column); a position inside a character (half a
        surrogate pair, a byte inside a UTF-8 sequence) goes to the start of that character."""
        if line0 < 0:
            return 1, 1
        if line0 >= len(self.lines):
            last = len(self.lines)
            return last, len(self.lines[-1]) + 1 - self._shift(last - 1)
        text = self.lines[line0]
        count = index = 0
        for ch in text:
            step = units(ch, self.encoding)
            if count + step > character:
                break
            count += step
            index += 1
        return line0 + 1, max(index - self._shift(line0), 0) + 1
