"""The file could not be read (permissions, a broken link, a FIFO, a device or a socket).

A FIFO (named pipe), a device or a socket named like a report is never opened: opening a
FIFO waits forever for a writer and a device such as ``/dev/zero`` never ends, so a pull
request could hang or exhaust every CI job that checks it.
"""
from reportlint.api import finding

CODE = "FILE005"
NAME = "unreadable-file"
SUMMARY = "File cannot be read"
SUMMARY_ZH = "无法读取文件"
SEVERITY = "error"
REQUIRES_PROFILE = False
CHECKS_INPUT = True


def check(doc, profile, options):
    from reportlint.api import KIND_WORDS

    p = doc.problem
    if p is not None and p.kind == "unreadable":
        err = p.detail.get("error", "")
        yield finding(p.span, f"file cannot be read: {err}", f"无法读取文件：{err}")
    elif p is not None and p.kind == "not-regular":
        en, zh = KIND_WORDS.get(p.detail.get("kind"), KIND_WORDS["other"])
        yield finding(p.span, f"not read: this is {en}, not a regular file",
                      f"未读取：这是{zh}，不是普通文件")
