"""Applying fixes (``--fix``): only the edits the findings carry, written atomically.

The file keeps its encoding details (UTF-8 BOM, CRLF line endings); overlapping edits are
skipped (the next run picks them up). The new content goes to a temporary file in the same
folder which then replaces the original in one rename, so an interrupted run never leaves a
half-written report.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .diagnostics import Diagnostic, Edit


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(lines[i]) + 1 for i in range(line - 1)) + column - 1


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits to ``text`` (LF line endings). Returns (new text, applied)."""
    lines = text.split("\n")
    ranges = []
    for e in edits:
        s = _offset(lines, e.span.line, e.span.column)
        t = _offset(lines, e.span.end_line, e.span.end_column)
        ranges.append((s, t, e.replacement))
    ranges.sort(key=lambda r: (r[0], r[1]))
    applied = []
    last_end = -1
    for s, t, rep in ranges:
        if s < last_end:
            continue  # overlaps an earlier edit
        applied.append((s, t, rep))
        last_end = max(t, s + 1) if t == s else t
    out = text
    for s, t, rep in reversed(applied):
        out = out[:s] + rep + out[t:]
    return out, len(applied)


def fix_file(path: Path, text: str, diagnostics: list[Diagnostic], *, unsafe: bool, bom: bool,
             newline: str) -> int:
    """Apply the fixes of ``diagnostics`` to ``path``; returns how many findings were fixed."""
    chosen = [d for d in diagnostics if d.fix is not None and (unsafe or d.fix.applicability == "safe")]
    if not chosen:
        return 0
    edits = [e for d in chosen for e in d.fix.edits]
    new_text, n = apply_edits(text, edits)
    if n == 0 or new_text == text:
        return 0
    data = new_text.replace("\n", newline).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    write_atomic(path, data)
    return len(chosen)


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
