"""Applying fixes (``--fix``): only the edits the findings carry, written atomically.

Edits are applied to the file's text as written (:attr:`Document.source`), so every byte a fix
does not concern stays as it was: CRLF, LF and lone CR line endings, mixed or not, a UTF-8
byte-order mark. A line break inside a replacement is written as the line it goes into ends.
Overlapping edits are skipped (the next run picks them up).

The new content goes to a temporary file in the same folder as the real file, which then
replaces it in one rename, so an interrupted run never leaves a half-written report. A report
reached through a symbolic link is fixed in its target and the link stays a link. A file with
several hard links is not fixed (a rename would split it from its other names), nor one that
changed since it was read.
"""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Edit

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document

_BREAK = re.compile(r"\r\n|\r|\n")
BOM = b"\xef\xbb\xbf"


class FixRefused(Exception):
    """The file cannot be fixed safely; the message says why (English, Chinese)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh


class _Lines:
    """Line starts and line endings of a text as written (CRLF, LF and lone CR each end a line)."""

    def __init__(self, text: str, lead: int = 0) -> None:
        self.starts = [0]
        self.ends: list[str] = []
        for m in _BREAK.finditer(text):
            self.ends.append(m.group())
            self.starts.append(m.end())
        self.ends.append("")  # the last line has no ending
        self.lead = lead  # characters before line 1 that the document's columns do not count
        self.length = len(text)

    def offset(self, line: int, column: int) -> int:
        """The offset of (line, column); a column past the end of the line's text means the
        start of the next line (an edit that takes the line break with it)."""
        i = min(max(line, 1), len(self.starts)) - 1
        off = self.starts[i] + (self.lead if i == 0 else 0) + max(column, 1) - 1
        if i + 1 < len(self.starts):
            if off > self.starts[i + 1] - len(self.ends[i]):
                off = self.starts[i + 1]
            return off
        return min(off, self.length)

    def newline(self, line: int) -> str:
        i = min(max(line, 1), len(self.ends)) - 1
        return self.ends[i] or next((e for e in self.ends if e), "\n")


def apply_edits(text: str, edits: list[Edit], lead: int = 0) -> tuple[str, int]:
    """Apply non-overlapping edits to ``text`` as written (any line endings; ``lead``
    characters before line 1 are not counted by columns). Returns (new text, applied)."""
    lines = _Lines(text, lead)
    ranges = []
    for e in edits:
        s = lines.offset(e.span.line, e.span.column)
        t = lines.offset(e.span.end_line, e.span.end_column)
        rep = e.replacement
        if "\n" in rep:
            rep = rep.replace("\r\n", "\n").replace("\n", lines.newline(e.span.line))
        ranges.append((s, max(s, t), rep))
    ranges.sort(key=lambda r: (r[0], r[1]))
    applied = []
    last_end = -1
    for s, t, rep in ranges:
        if s < last_end:
            continue  # overlaps an earlier edit
        applied.append((s, t, rep))
        last_end = max(t, s + 1) if t == s else t
    parts = []
    pos = 0
    for s, t, rep in applied:
        parts += [text[pos:s], rep]
        pos = t
    parts.append(text[pos:])
    return "".join(parts), len(applied)


def fix_file(path: Path, doc: "Document", diagnostics: list[Diagnostic], *, unsafe: bool) -> int:
    """Apply the fixes of ``diagnostics`` to ``path`` (read as ``doc``); returns how many
    findings were fixed. Raises :class:`FixRefused` when the file cannot be fixed safely."""
    chosen = [d for d in diagnostics if d.fix is not None and (unsafe or d.fix.applicability == "safe")]
    if not chosen:
        return 0
    edits = [e for d in chosen for e in d.fix.edits]
    new_source, n = apply_edits(doc.source, edits, lead=doc.extra_boms)
    if n == 0 or new_source == doc.source:
        return 0
    head = BOM if doc.bom else b""
    write_fixed(path, head + new_source.encode("utf-8"), head + doc.source.encode("utf-8"))
    return len(chosen)


def write_fixed(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the content of ``path`` (``expected``) with ``data``: through a symbolic link to
    its target, never into a file with other hard links or one that changed meanwhile."""
    from .safefile import read_limited

    real = os.path.realpath(path)
    st = os.stat(real)
    if st.st_nlink > 1:
        raise FixRefused(f"not fixed: the file has {st.st_nlink} hard links, which replacing it would break "
                         "(fix it by hand or give it a single name)",
                         f"未修复：该文件有 {st.st_nlink} 个硬链接，替换文件会断开它们（请手动修改，或只保留一个文件名）")
    try:
        current = read_limited(real, len(expected))
    except OSError:
        current = None
    if current != expected:
        raise FixRefused("not fixed: the file changed while it was being checked; run again",
                         "未修复：检查期间文件已被修改，请重新运行")
    write_atomic(Path(real), data)


def write_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".reportlint.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
