"""The file could not be read (permissions, a broken link, a device)."""
from reportlint.api import finding

CODE = "FILE005"
NAME = "unreadable-file"
SUMMARY = "File cannot be read"
SUMMARY_ZH = "无法读取文件"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def check(doc, profile, options):
    p = doc.problem
    if p is not None and p.kind == "unreadable":
        err = p.detail.get("error", "")
        yield finding(p.span, f"file cannot be read: {err}", f"无法读取文件：{err}")
