"""A ``reportlint-…`` comment cannot be understood.

An unknown directive (``reportlint-disabel``), a selector that names no rule, a waiver without
the code it waives or without ``until=YYYY-MM-DD``, a date that is not a date, a colon after the
directive (``reportlint-disable: SUM``). Such a comment suppresses nothing at all until it is
corrected (also a ``disable`` naming several rules of which one is misspelled), so a comment is
never both reported and obeyed, and a typo never silently lets a finding through — or silently
hides one. Directives are case-insensitive (``<!-- REPORTLINT-DISABLE SUM -->`` works).
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
            yield finding(d.span, f"{en} (the comment suppresses nothing until corrected)",
                          f"{zh}（更正前该注释不抑制任何问题）")
