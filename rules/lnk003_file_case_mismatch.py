"""A relative link differs from the file name in letter case.

``附件/Annex.PDF`` for a file named ``附件/annex.pdf`` opens on Windows and macOS, whose disks
ignore case, and breaks on the Linux servers that publish the repository. The fix (safe)
rewrites the link with the file's real name when the link is written plainly (not
percent-encoded).
"""
import os

from reportlint.api import Edit, Fix, Message, collect_local_links, finding, resolved_links, shown_path

CODE = "LNK003"
NAME = "file-case-mismatch"
SUMMARY = "A relative link differs from the file name in letter case"
SUMMARY_ZH = "相对链接与文件名大小写不一致"
SEVERITY = "error"
SCOPE = "repository"
REQUIRES_PROFILE = False


def collect(doc, profile, options):
    return collect_local_links(doc)


def check_repository(items, options):
    for path, _data, link, root, res in resolved_links(items, "case"):
        actual = shown_path(res.actual, root)
        fixed = _fixed(link.raw, res.actual)
        fix = None
        if fixed is not None:
            fix = Fix((Edit(link.span, fixed),), Message(f"write '{fixed}'", f"改为“{fixed}”"))
        yield path, finding(
            link.span,
            f"link '{link.raw}' differs in letter case from the file '{actual}' "
            "(works on Windows and macOS, breaks on Linux servers)",
            f"链接“{link.raw}”与文件“{actual}”的大小写不一致（在 Windows 和 macOS 上可用，在 Linux 服务器上失效）",
            fix=fix, data={"actual": actual})


def _fixed(raw: str, actual: str) -> str | None:
    """``raw`` with each path component replaced by the real name, or None when ``raw`` is
    not written plainly."""
    cut = min((i for i in (raw.find("#"), raw.find("?")) if i != -1), default=len(raw))
    path, rest = raw[:cut], raw[cut:]
    if "%" in path or "\\" in path or "&" in path:
        return None
    parts = path.split("/")
    real = actual.split(os.sep)
    k = len(real) - 1
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        if part in ("", ".", ".."):
            break
        if k < 0 or part.casefold() != real[k].casefold():
            return None
        parts[i] = real[k]
        k -= 1
    return "/".join(parts) + rest
