"""The file is larger than the configured limit and was not checked.

Annual reports are a few dozen kilobytes; a file of many megabytes is almost always an accident
(an embedded image, a data dump). The limit is the setting ``max-file-size`` (default 1 MB, sixty
times the largest real report; a larger file can take much longer to check).
"""
from reportlint.api import finding

CODE = "FILE004"
NAME = "file-too-large"
SUMMARY = "File is too large to check"
SUMMARY_ZH = "文件过大，未检查"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def _size(n: int) -> str:
    """Bytes, KB or MB with one decimal, whichever shows the number best."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """The file's size and the limit, distinct when rounding would print them the same."""
    a, b = _size(size), _size(limit)
    return (f"{size:,} bytes", f"{limit:,} bytes") if a == b else (a, b)


def check(doc, profile, options):
    p = doc.problem
    if p is not None and p.kind == "too-large":
        size, limit = _sizes(p.detail["size"], p.detail["limit"])
        if not p.detail.get("exact", True):  # the file system said less than was there
            yield finding(p.span, f"file is larger than the limit of {limit} (setting max-file-size); not checked",
                          f"文件超过 {limit} 的上限（设置项 max-file-size），未检查")
            return
        yield finding(p.span,
                      f"file is {size}, larger than the limit of {limit} (setting max-file-size); not checked",
                      f"文件大小为 {size}，超过 {limit} 的上限（设置项 max-file-size），未检查")
