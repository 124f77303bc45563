"""The report was published after its deadline, or before the year it reports on had ended.

The deadline depends on the front matter ``level`` and comes from the profile: for
政府信息公开工作年度报告, 《政府信息公开条例》第四十九条 — a department (``level: department``) publishes
its report on a year by 31 January of the following year, a people's government at county level
or above (``level: government``) by 31 March. Townships (乡镇、街道, ``level: township``) are not
covered by 第四十九条: their deadline is a local rule, none by default; set it in the configuration::

    [tool.reportlint.options.late-publication]
    deadlines = { township = "02-20" }     # MM-DD of the year after the report's year; "none" removes one

The finding sits on the ``published`` date and says how many days late it is and which deadline
applies. A ``published`` date in the report's own year (a report on 2024 published in 2024) is an
error too: the year had not ended. Nothing is said when ``published``, ``year`` or ``level`` is
missing or invalid (FM003 reports that). ``reportlint status`` shows the same for every report.
"""
from reportlint.api import finding, parse_date, publication_deadline, timeliness

CODE = "DATE001"
NAME = "late-publication"
SUMMARY = "Published after the deadline (or before the report's year ended)"
SUMMARY_ZH = "发布时间晚于规定时限（或早于报告年度结束）"
SEVERITY = "error"
MONTH_DAY = (r"^(?:none|(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
             r"|02-(?:0[1-9]|1[0-9]|2[0-8]))$")
OPTIONS = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "deadlines": {
            "description": "level -> deadline as MM-DD of the year after the report's year, or \"none\"; "
                           "replaces the profile's deadline for that level",
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": MONTH_DAY},
            "default": {},
        },
    },
}

_LEVELS_ZH = {"department": "部门", "government": "人民政府", "township": "乡镇、街道"}


def check(doc, profile, options):
    fm = doc.front_matter
    if fm is None or fm.error is not None or not isinstance(fm.data, dict):
        return
    data = fm.data
    year, level = data.get("year"), data.get("level")
    published = parse_date(data.get("published"))
    if published is None or not isinstance(year, int) or isinstance(year, bool):
        return
    at = fm.value_span("published")
    if published.year <= year:
        yield finding(at, f"published {published.isoformat()}, before the end of {year}, the year the report is "
                          f"about: a report on {year} can only be published from {year + 1} on",
                      f"发布日期 {published.isoformat()} 早于报告年度 {year} 年结束：{year} 年度的报告最早应在 "
                      f"{year + 1} 年发布", data={"published": published.isoformat(), "year": year})
        return
    if not isinstance(level, str):
        return
    due, source = publication_deadline(profile.profile, level, year, options.get("deadlines"))
    state = timeliness(published.isoformat(), year, due)
    if state["state"] != "late":
        return
    days = state["days"]
    basis = profile.profile.deadline_basis
    if source == "configuration":
        why_en, why_zh = "the deadline set in the configuration", "配置文件规定的时限"
    elif basis is not None:
        why_en, why_zh = f"the deadline of {basis.en}", f"{basis.zh}规定的时限"
    else:
        why_en, why_zh = "the profile's deadline", "报告类型规定的时限"
    yield finding(at, f"published {published.isoformat()}, {days} day{'s' if days != 1 else ''} after "
                      f"{due.isoformat()}, {why_en} for a report of level '{level}' on {year}",
                  f"发布日期 {published.isoformat()} 晚于{why_zh}（{_LEVELS_ZH.get(level, level)}报告 {year} 年度："
                  f"{due.isoformat()} 前）{days} 天",
                  data={"deadline": due.isoformat(), "days_late": days, "level": level})
