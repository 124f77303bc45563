"""A relative link points to a file that does not exist.

Links, images, reference definitions and HTML ``href``/``src`` that name a file are resolved
relative to the linking file, after URL-decoding (``附件%201.pdf`` is ``附件 1.pdf``); a path
that starts with ``/`` starts at the repository root, as on GitHub. The finding names the path
that was looked for and, when there is one, a file with a similar name in the same folder.

A link that leaves the repository is LNK002 and is not followed; a file that exists with other
letter case is LNK003. This check runs offline, on every run.
"""
from reportlint.api import collect_local_links, finding, resolved_links, shown_path

CODE = "LNK001"
NAME = "missing-file"
SUMMARY = "A relative link points to a file that does not exist"
SUMMARY_ZH = "相对链接指向的文件不存在"
SEVERITY = "error"
SCOPE = "repository"
REQUIRES_PROFILE = False


def collect(doc, profile, options):
    return collect_local_links(doc)


def check_repository(items, options):
    for path, _data, link, root, res in resolved_links(items, "missing"):
        looked = shown_path(res.resolved, root)
        hint_en = hint_zh = ""
        if res.suggestion:
            hint_en = f"; did you mean '{res.suggestion}'?"
            hint_zh = f"；是否应为“{res.suggestion}”？"
        yield path, finding(
            link.span,
            f"link target '{link.raw}' does not exist (looked for '{looked}'){hint_en}",
            f"链接目标“{link.raw}”不存在（查找的是“{looked}”）{hint_zh}",
            data={"target": link.raw, "resolved": looked})
