"""A bare URL runs into the Chinese text after it.

GitHub, GitLab and most renderers make a URL written in plain text into a link that runs to the
next space. Chinese text has no spaces, so in ``网址为http://www.beijing.gov.cn/，如需了解…`` the
link becomes ``http://www.beijing.gov.cn/，如需了解…`` and leads nowhere. The finding says where
the URL really ends (URLs are ASCII; a trailing ``.`` ``,`` ``)`` is dropped the way GFM does)
and the safe fix writes it as an autolink, ``<http://www.beijing.gov.cn/>，如需了解…``, which ends
exactly there (a ``www.`` address becomes ``[www.…](http://www.…)``).
"""
from reportlint.api import Edit, Fix, Message, finding, links_of

CODE = "LNK007"
NAME = "url-runs-into-text"
SUMMARY = "A bare URL runs into the text after it"
SUMMARY_ZH = "网址与其后的文字相连"
SEVERITY = "warning"
REQUIRES_PROFILE = False


def check(doc, profile, options):
    for link in links_of(doc).links:
        if link.kind != "bare" or not link.glued:
            continue
        url = link.raw
        glued = link.glued if len(link.glued) <= 12 else link.glued[:12] + "…"
        end = link.span.end_column
        if url.lower().startswith("www."):
            new = f"[{url}]({link.dest})"
        else:
            new = f"<{url}>"
        fix = Fix((Edit(link.span, new),), Message(f"write {new}", f"改为 {new}"))
        yield finding(
            link.span,
            f"the URL '{url}' ends at column {end - 1}, but '{glued}' follows without a space, and "
            f"renderers such as GitHub make it part of the link; write {new}",
            f"网址“{url}”在第 {end - 1} 列结束，但其后的“{glued}”与之相连，GitHub 等会把它们一起当作链接；应写作 {new}",
            fix=fix, data={"url": url, "glued": link.glued})
