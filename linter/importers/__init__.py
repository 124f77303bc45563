"""``reportlint import``: Word (.docx) and HTML reports → Markdown reports.

A reader turns the file into blocks (:mod:`.docx`, :mod:`.html`), the writer turns blocks into
Markdown with front matter (:mod:`.writer`). Readers never change a character of the text and
never fill, sum or correct a number: the linter must see the report's real defects.
"""
from __future__ import annotations

from pathlib import Path

from .model import ImportFailure, Source
from .writer import ImportOptions, ImportResult, write_markdown

READERS = {".docx": "docx", ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html"}


def read_source(path: Path) -> Source:
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise ImportFailure(f"{path}: cannot import {path.suffix or 'a file without a suffix'}: "
                            f"supported are .docx (Word) and .html/.htm (a saved web page)")
    if not path.exists():
        raise ImportFailure(f"{path}: no such file")
    if path.is_dir():
        raise ImportFailure(f"{path}: is a folder, not a file")
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path)
    from .html import read_html

    return read_html(path)


def import_file(path: Path, profile, opts: ImportOptions | None = None) -> ImportResult:
    return write_markdown(read_source(path), profile, opts)


__all__ = ["ImportFailure", "ImportOptions", "ImportResult", "import_file", "read_source", "write_markdown"]
