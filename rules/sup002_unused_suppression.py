"""A suppression or waiver suppresses nothing.

The finding it was written for is gone (fixed, or moved to another line), or it never
matched: remove the comment so it cannot hide a future finding. Only rules that ran on the
file count: a ``reportlint-disable LNK`` in a run with ``--select SEC`` is not reported.
"""
from reportlint.api import finding

CODE = "SUP002"
NAME = "unused-suppression"
SUMMARY = "A suppression or waiver suppresses nothing"
SUMMARY_ZH = "抑制或豁免注释未抑制任何问题"
SEVERITY = "warning"
SCOPE = "suppressions"
REQUIRES_PROFILE = False


def check(suppressions, options):
    for d in suppressions.directives:
        if not d.effective:
            continue
        if d.blanket:
            if not d.used.get("*"):
                yield finding(d.span, f"<!-- {d.text()} --> suppresses nothing; remove it",
                              f"<!-- {d.text()} --> 未抑制任何问题，请删除")
            continue
        unused = [s for s, codes in d.codes.items()
                  if not d.used.get(s) and set(codes) & suppressions.enabled]
        if not unused:
            continue
        what = "waives" if d.is_waiver else "suppresses"
        where_en = " on the next block" if d.is_waiver else ""
        where_zh = "对其后的内容块" if d.is_waiver else ""
        yield finding(d.span, f"<!-- {d.text()} -->: {', '.join(unused)} {what} nothing{where_en}; remove "
                              f"{'it' if len(unused) == 1 else 'them'}",
                      f"<!-- {d.text()} -->：{'、'.join(unused)} {where_zh}未{'豁免' if d.is_waiver else '抑制'}"
                      "任何问题，请删除", data={"unused": unused})
