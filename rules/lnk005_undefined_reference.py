"""A reference link names a label that is never defined.

``[2023年报告][上年]`` needs a definition ``[上年]: ../2023/报告.md`` somewhere in the file;
without it the brackets are printed as they are and nothing links. Full (``[text][label]``)
and collapsed (``[label][]``) references are checked; a lone ``[label]`` is too common in
ordinary text to be one. Labels match without regard to case or spacing, as in CommonMark;
footnotes (``[^1]``) are not references.
"""
from reportlint.api import finding, links_of

CODE = "LNK005"
NAME = "undefined-reference"
SUMMARY = "A reference link names a label that is never defined"
SUMMARY_ZH = "引用式链接的标签没有定义"
SEVERITY = "error"
REQUIRES_PROFILE = False


def check(doc, profile, options):
    index = links_of(doc)
    for ref in index.references:
        if ref.defined:
            continue
        import difflib

        near = difflib.get_close_matches(ref.label, list(index.definitions), n=1, cutoff=0.6)
        hint_en = f"; did you mean '[{near[0]}]'?" if near else ""
        hint_zh = f"；是否应为“[{near[0]}]”？" if near else ""
        yield finding(
            ref.span,
            f"reference '[{ref.written}]' is not defined, so the link shows as plain text{hint_en}",
            f"引用“[{ref.written}]”没有定义，链接将显示为普通文字{hint_zh}",
            data={"label": ref.label})
