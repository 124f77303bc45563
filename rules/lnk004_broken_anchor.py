"""A link's ``#fragment`` matches no heading or anchor of the file it points to.

``[见表三](#三收到和处理政府信息公开申请情况)`` and ``[上年报告](../2023/报告.md#二主动公开政府信息情况)``
must name an anchor of the target Markdown file: a heading's slug computed the way GitHub
renders it (lower case, punctuation removed, CJK kept, spaces become ``-``, a repeated heading
gets ``-1``, ``-2``…) or an explicit HTML ``id`` / ``<a name>``. ``#top`` and line anchors
(``#L10``, ``#L10-L20``) are always accepted; fragments of other files (``.pdf#page=2``) are not
checked. The finding suggests the closest anchor.

Options: ``ignore-case`` compares fragments without regard to letter case (browsers do not).
The anchors of the repository's files are read once per run, only for files links point into.
"""
import re

from reportlint.api import (MARKDOWN_SUFFIXES, closest_anchor, collect_local_links, file_anchors, finding,
                            local_link_items, local_links, resolved_links, shown_path)

CODE = "LNK004"
NAME = "broken-anchor"
SUMMARY = "A link's #fragment matches no heading or anchor"
SUMMARY_ZH = "链接的 #锚点 在目标文件中不存在"
SEVERITY = "error"
SCOPE = "repository"
REQUIRES_PROFILE = False
OPTIONS = {
    "type": "object",
    "properties": {
        "ignore-case": {"type": "boolean", "default": False,
                        "description": "match fragments to anchors without regard to letter case"},
    },
    "additionalProperties": False,
}

_ALWAYS = r"^(?:top|L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?)$"  # compiled by re on first use


def collect(doc, profile, options):
    if not any(lk.fragment for lk in local_links(doc)):
        return None
    return collect_local_links(doc, anchors=True)


def check_repository(items, options):
    items = local_link_items(items)
    known = {d.abspath: d.anchors for _, d in items if d.anchors is not None}
    ignore_case = options.get("ignore-case", False)
    for path, data, link, root, res in resolved_links(items):
        frag = link.fragment
        if not frag or link.local or re.match(_ALWAYS, frag):
            continue
        if res is None:
            anchors, where_en, where_zh = data.anchors, "this file", "本文件"
        else:
            if res.status != "ok" or res.is_dir or not res.actual.lower().endswith(MARKDOWN_SUFFIXES):
                continue
            anchors = known.get(res.actual)
            if anchors is None:
                anchors = file_anchors(res.actual)
            if anchors is None:
                continue
            shown = shown_path(res.actual, root)
            where_en, where_zh = f"'{shown}'", f"“{shown}”"
        if frag in anchors or (ignore_case and frag.casefold() in {a.casefold() for a in anchors}):
            continue
        near = closest_anchor(frag, anchors)
        hint_en = f"; did you mean '#{near}'?" if near else ""
        hint_zh = f"；是否应为“#{near}”？" if near else ""
        yield path, finding(
            link.span,
            f"no heading or anchor '#{frag}' in {where_en}{hint_en}",
            f"{where_zh}中没有标题或锚点“#{frag}”{hint_zh}",
            data={"fragment": frag, "suggestion": near})
