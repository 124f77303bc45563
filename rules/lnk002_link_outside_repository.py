"""A link leaves the repository or points to a file on someone's computer.

A relative link such as ``../../../共享/附件.pdf`` that climbs above the repository root works
on the author's disk and nowhere else; it is reported and never followed (reportlint does not
look at files outside the repository). The root is the top of the git work tree; outside git
it is the current folder (or, when the files checked lie elsewhere, the folder they share).

A report that is itself a symbolic link leading out of the repository (``x.md -> /etc/passwd``,
``x.md -> /dev/zero``) is reported the same way and never read: a pull request could otherwise
make a CI job print a secret file next to a finding or read a device without end.

Links to ``file:///C:/…``, ``C:\\…`` or ``\\\\server\\share`` point to one computer's disk
(often left behind when a report is converted from a word processor) and are reported too.
"""
from reportlint.api import Span, collect_local_links, finding, resolved_links

CODE = "LNK002"
NAME = "link-outside-repository"
SUMMARY = "A link leaves the repository or points to a local file"
SUMMARY_ZH = "链接指向仓库之外或本机文件"
SEVERITY = "error"
SCOPE = "repository"
REQUIRES_PROFILE = False
CHECKS_INPUT = True  # a report that is a symbolic link out of the repository is not read


def collect(doc, profile, options):
    p = doc.problem
    if p is not None:
        if p.kind != "outside-repository":
            return None
        return {"symlink": p.detail["target"], "span": list(p.span)}  # plain data, like the links
    return collect_local_links(doc)


def check_repository(items, options):
    links = []
    for path, data in items:
        if isinstance(data, dict) and "symlink" in data:
            target, span = data["symlink"], Span(*data["span"])
            yield path, finding(
                span, f"this file is a symbolic link to '{target}', outside the repository; it was not read",
                f"该文件是指向仓库之外“{target}”的符号链接，未予读取")
        else:
            links.append((path, data))
    for path, _data, link, _root, res in resolved_links(links):
        if link.local:
            yield path, finding(
                link.span,
                f"link '{link.raw}' points to a file on one computer; readers cannot open it "
                "(put the file in the repository and link it with a relative path)",
                f"链接“{link.raw}”指向某台电脑上的本地文件，读者无法打开（应将文件放入仓库并使用相对路径链接）")
        elif res is not None and res.status == "outside":
            yield path, finding(
                link.span,
                f"link '{link.raw}' leads outside the repository; it was not followed",
                f"链接“{link.raw}”指向仓库之外，未予检查")
