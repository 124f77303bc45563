"""A statement in the text contradicts what the tables show.

The claims are the profile's (``prose.claims``); for the 政府信息公开工作年度报告, each only where
its sentence is about 政府信息公开 applications or cases:

- ``所有申请均已办结`` / ``均已按要求办理完成`` while 表三 四、结转下年度继续办理 / 总计 > 0 (not
  ``上年结转的申请均已办结``; not ``办结率100%``, which agencies compute over the applications that
  were due);
- ``无结转`` / ``无下年度结转`` while that cell > 0;
- ``均获维持`` while 表四 shows 结果纠正 or 尚未审结 cases (for 行政复议, 行政诉讼 or both, as the
  sentence says);
- ``均已结案`` / ``均已审结`` while 表四 shows 尚未审结 cases;
- ``未发生…被纠错 / 败诉`` while 表四 shows 结果纠正 cases;
- ``未发生行政复议 / 行政诉讼`` while 表四 shows cases;
- ``均为自然人申请`` while 表三 一、本年新收 has applications from 法人或其他组织;
- ``未收到政府信息公开申请`` while 表三 一、本年新收 / 总计 > 0.

``均在法定期限内予以答复`` is about timeliness, not about every application being finished, and is
not a claim. A cell is read only when it is a number or its table's own totals prove it (a blank
``结果纠正`` beside ``结果维持 5``, ``尚未审结 2``, ``总计 7`` is 0).

Severity: an error when the claim is contradicted however it is read. ``复议7件，诉讼9件，均获维持``
may be about both counts or only the last: when the tables contradict one reading and agree with
the other, the finding is a warning that says so. Nothing is said when no cell it needs can be read.
"""
from decimal import Decimal

from reportlint.api import claim_readings, finding, num, prose_of, quote

CODE = "TXT005"
NAME = "claim-contradicts-table"
SUMMARY = "A statement in the text contradicts the tables"
SUMMARY_ZH = "文中表述与表格矛盾"
SEVERITY = "error"


def _about(claim, subjects, lang: str) -> str:
    names = claim.spec.subject_names
    idx = 0 if lang == "en" else 1
    words = [names.get(s, (s, s))[idx] for s in subjects if s]
    return (" and " if lang == "en" else "和").join(words)


def check(doc, profile, options):
    analysis = prose_of(doc, profile)
    for claim in analysis.claims:
        rds = claim_readings(doc, profile, claim)
        if not rds:
            continue
        against = [r for r in rds if r.against]
        if not against:
            continue
        clean = [r for r in rds if not r.against and not r.unknown]
        if len(against) < len(rds) and not clean:
            continue  # the other reading cannot be checked: the tool cannot tell
        first = against[0]
        shown = "; ".join(f"{rd.label} = {num(rd.value)}" for rd in first.against)
        shown_zh = "；".join(f"{rd.label} = {num(rd.value)}" for rd in first.against)
        frag = quote(claim.marked(), 60)
        spec = claim.spec
        about_en = about_zh = ""
        if len(rds) > 1:
            about_en = f" read as about {_about(claim, first.subjects, 'en')}"
            about_zh = f"（按指{_about(claim, first.subjects, 'zh')}理解）"
        en = f"the text {spec.en} (“{frag}”){about_en}, but {shown}"
        zh = f"正文{spec.zh}（“{frag}”）{about_zh}，但表格显示：{shown_zh}"
        severity = None
        for other in against[1:]:
            more = "; ".join(f"{rd.label} = {num(rd.value)}" for rd in other.against)
            more_zh = "；".join(f"{rd.label} = {num(rd.value)}" for rd in other.against)
            en += f"; read as about {_about(claim, other.subjects, 'en')} only, still {more}"
            zh += f"；若仅指{_about(claim, other.subjects, 'zh')}，仍有{more_zh}"
        if clean:
            severity = "warning"
            other = clean[0].subjects
            en += f"; read as about {_about(claim, other, 'en')} only, the tables agree"
            zh += f"；若仅指{_about(claim, other, 'zh')}，则与表格一致"
        notes = [n for rd in first.against for n in [rd.note()] if n[0]]
        if notes:
            en += f" ({notes[0][0]})"
            zh += f"（{notes[0][1]}）"
        yield finding(
            claim.span, en, zh, severity=severity,
            data={"claim": claim.kind, "cells": {rd.label: str(rd.value) for rd in first.against},
                  "total": str(sum((rd.value for rd in first.against), Decimal(0)))})
