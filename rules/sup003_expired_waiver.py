"""A waiver's date has passed.

``<!-- reportlint-waive SUM004 until=2026-03-31 reason="…" -->`` records a compliance decision
that holds until its date. From the day after, the waiver no longer suppresses anything: the
findings it covered are reported again, and the waiver itself is this error until it is
renewed (a new date, decided again) or removed.

Option ``warn-before-days``: also warn about active waivers that expire within that many days
(0, the default, turns the warning off), so a renewal can be decided in time.
"""
from reportlint.api import finding

CODE = "SUP003"
NAME = "expired-waiver"
SUMMARY = "A waiver's date has passed"
SUMMARY_ZH = "豁免已过期"
SEVERITY = "error"
SCOPE = "suppressions"
REQUIRES_PROFILE = False
OPTIONS = {
    "type": "object",
    "properties": {
        "warn-before-days": {"type": "integer", "minimum": 0, "default": 0,
                             "description": "warn about waivers expiring within this many days (0: never)"},
    },
    "additionalProperties": False,
}


def check(suppressions, options):
    today = suppressions.today
    soon = options.get("warn-before-days", 0)
    for d in suppressions.waivers:
        if d.until is None or today is None:
            continue
        codes = ", ".join(d.selectors)
        if d.expired:
            back_en = (f"; the {d.would_have} finding(s) it covered are reported again" if d.would_have
                       else "; it no longer covers any finding: remove it")
            back_zh = (f"；其覆盖的 {d.would_have} 个问题已重新报告" if d.would_have else "；已不覆盖任何问题，请删除")
            yield finding(d.span, f"waiver for {codes} expired on {d.until.isoformat()}{back_en}",
                          f"{codes} 的豁免已于 {d.until.isoformat()} 到期{back_zh}",
                          data={"until": d.until.isoformat(), "reason": d.reason})
        elif soon and d.effective and (d.until - today).days <= soon:
            left = (d.until - today).days
            yield finding(d.span, f"waiver for {codes} expires on {d.until.isoformat()} (in {left} day(s)): "
                                  "renew or resolve it",
                          f"{codes} 的豁免将于 {d.until.isoformat()} 到期（剩余 {left} 天），请续期或整改",
                          severity="warning", data={"until": d.until.isoformat(), "reason": d.reason})
