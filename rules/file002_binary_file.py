"""The file is binary, not text.

A file with NUL bytes (a Word document or PDF renamed to ``.md``, an image) cannot be a Markdown
report. It is not checked further.
"""
from reportlint.api import finding

CODE = "FILE002"
NAME = "binary-file"
SUMMARY = "File is binary, not Markdown text"
SUMMARY_ZH = "文件是二进制文件，不是 Markdown 文本"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def check(doc, profile, options):
    p = doc.problem
    if p is not None and p.kind == "binary":
        yield finding(p.span,
                      "file is binary (it contains NUL bytes), not a Markdown report; was a Word or PDF file "
                      "renamed to .md?",
                      "文件是二进制文件（含 NUL 字节），不是 Markdown 报告；是否把 Word 或 PDF 文件改名成了 .md？")
