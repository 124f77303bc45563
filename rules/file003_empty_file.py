"""The file is empty (or holds only whitespace).

An empty report usually means a file was created but never filled, or a conversion failed.
"""
from reportlint.api import finding

CODE = "FILE003"
NAME = "empty-file"
SUMMARY = "File is empty"
SUMMARY_ZH = "文件为空"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def check(doc, profile, options):
    p = doc.problem
    if p is not None and p.kind == "empty":
        yield finding(p.span, "file is empty", "文件为空")
