"""A ``reportlint-…`` comment cannot be understood.

An unknown directive (``reportlint-disabel``), a selector that names no rule, a waiver without
the code it waives or without ``until=YYYY-MM-DD``, or a date that is not a date. Such a
comment suppresses nothing (for a ``disable`` naming several rules, the rules it does name
still apply), so a typo never silently lets a finding through — or silently hides one.
"""
from reportlint.api import finding

CODE = "SUP001"
NAME = "invalid-suppression"
SUMMARY = "A suppression or waiver comment cannot be understood"
SUMMARY_ZH = "无法识别的抑制或豁免注释"
SEVERITY = "error"
SCOPE = "suppressions"
REQUIRES_PROFILE = False


def check(suppressions, options):
    for d in suppressions.directives:
        for en, zh in d.problems:
            if d.known:
                en, zh = f"<!-- {d.text()} -->: {en}", f"<!-- {d.text()} -->：{zh}"
            yield finding(d.span, en, zh)
