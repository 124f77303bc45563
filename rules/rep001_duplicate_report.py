"""Two reports for the same organisation, profile and year.

Each organisation publishes one report on each year; a second file for the same one (a
``（修订稿）`` copy next to the original, a report filed under two names) means that one of them
is not the report, and readers and ``reportlint status`` cannot tell which. Organisations are the
same when their names are, folded (full-width and half-width forms, spaces).

The finding is reported on the later file, at its ``organization``, and names the other. The
later file is the one published later (``published``); a file without a valid ``published`` date
counts as later than one with a date; between equal dates, the later path in alphabetical order
(deterministic whatever the order files were found or linted in). With three or more files, every
file but the first is reported, each naming the first. Only the files of the run are compared
(``reportlint check .`` compares the whole repository).
"""
from reportlint.api import finding, report_identity

CODE = "REP001"
NAME = "duplicate-report"
SUMMARY = "Two reports for the same organisation and year"
SUMMARY_ZH = "同一机关同一年度有两份报告"
SEVERITY = "error"
SCOPE = "repository"


def collect(doc, profile, options):
    facts = report_identity(doc, profile.profile_id)
    if facts is None or facts["year"] is None:
        return None
    fm = doc.front_matter
    return {"profile": facts["profile"], "org": facts["org"], "organization": facts["organization"],
            "year": facts["year"], "published": facts["published"], "at": list(fm.value_span("organization"))}


def order(path, data):
    """The order that decides which of two reports is the later one."""
    return (data.get("published") is None, data.get("published") or "", path)


def check_repository(items, options):
    groups = {}
    for path, data in items:
        groups.setdefault((data["profile"], data["org"], data["year"]), []).append((path, data))
    for (_, _, year), group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda x: order(*x))
        first_path, first = group[0]
        then = f" (published {first['published']})" if first["published"] else " (no publication date)"
        then_zh = f"（发布于 {first['published']}）" if first["published"] else "（无发布日期）"
        more = f"; {len(group)} files in all" if len(group) > 2 else ""
        more_zh = f"；共 {len(group)} 份" if len(group) > 2 else ""
        for path, data in group[1:]:
            own = f"published {data['published']}" if data["published"] else "no publication date"
            own_zh = f"发布于 {data['published']}" if data["published"] else "无发布日期"
            yield path, finding(
                tuple(data["at"]),
                f"a second report of {data['organization']} on {year} ({own}): {first_path}{then} is already "
                f"this organisation's report on {year}; keep one of them{more}",
                f"{data['organization']} {year} 年度的第二份报告（{own_zh}）：{first_path}{then_zh}已是该机关 {year} "
                f"年度的报告，请只保留一份{more_zh}",
                data={"other": first_path, "year": year})
