"""A waiver gives no reason.

A waiver is a compliance decision that reviewers and auditors read later: it must say why,
``reason="…"`` (double, single or Chinese quotes). A waiver without a reason waives nothing:
the findings it names are reported as usual.
"""
from reportlint.api import finding

CODE = "SUP004"
NAME = "waiver-without-reason"
SUMMARY = "A waiver gives no reason"
SUMMARY_ZH = "豁免未说明理由"
SEVERITY = "error"
SCOPE = "suppressions"
REQUIRES_PROFILE = False


def check(suppressions, options):
    for d in suppressions.waivers:
        if d.reason is None and not d.expired:
            yield finding(d.span, f"waiver for {', '.join(d.selectors) or '?'} has no reason=\"…\"; "
                                  "it waives nothing until it says why",
                          f"{'、'.join(d.selectors) or '?'} 的豁免未写明 reason=\"…\"，在说明理由前不生效")
