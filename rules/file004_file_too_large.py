"""The file is larger than the configured limit and was not checked.

Annual reports are a few dozen kilobytes; a file of many megabytes is almost always an accident
(an embedded image, a data dump). The limit is the setting ``max-file-size`` (default 5 MB).
"""
from reportlint.api import finding

CODE = "FILE004"
NAME = "file-too-large"
SUMMARY = "File is too large to check"
SUMMARY_ZH = "文件过大，未检查"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def check(doc, profile, options):
    p = doc.problem
    if p is not None and p.kind == "too-large":
        size, limit = p.detail["size"], p.detail["limit"]
        yield finding(p.span,
                      f"file is {_mb(size)}, larger than the limit of {_mb(limit)} (setting max-file-size); not checked",
                      f"文件大小为 {_mb(size)}，超过 {_mb(limit)} 的上限（设置项 max-file-size），未检查")
