"""The repository overview (``reportlint status``; see ``reportlint.status`` for the data) as a
terminal table or as Markdown. Only plain data comes in.

The terminal table is aligned by display width: a CJK character takes two cells, so the columns
line up with Chinese organisation names. Names come from reports and configurations: control and
invisible characters in them are printed as escapes (``\u202e``), as everywhere reportlint prints.
"""
from __future__ import annotations

from typing import Any

from ..invisible import escape
from .text_format import _width

WORDS = {
    "en": {"on-time": "on time", "late": "late {days} d", "no-deadline": "published", "no-date": "no date",
           "early": "too early", "duplicate": "duplicate ×{n}", "missing": "MISSING", "org": "organisation",
           "e": "E", "w": "W", "legend": "E errors, W warnings of the report; published = no deadline applies; "
                                        "too early = published before its year ended",
           "title": "{orgs} organisations × {years} years", "none": "(no report)"},
    "zh": {"on-time": "按时", "late": "逾期{days}天", "no-deadline": "已发布", "no-date": "无发布日期",
           "early": "早于年度结束", "duplicate": "重复×{n}", "missing": "缺失", "org": "机关",
           "e": "错", "w": "警", "legend": "错：错误数，警：警告数；已发布：无规定时限；早于年度结束：发布日期在报告年度之内",
           "title": "{orgs} 个机关 × {years} 个年度", "none": "（没有报告）"},
}
COUNT_ORDER = ("on-time", "late", "missing", "duplicate", "no-deadline", "no-date", "early")
COUNT_WORDS = {
    "en": {"on-time": "on time", "late": "late", "missing": "missing", "duplicate": "duplicate",
           "no-deadline": "no deadline", "no-date": "no date", "early": "too early"},
    "zh": {"on-time": "按时", "late": "逾期", "missing": "缺失", "duplicate": "重复", "no-deadline": "无规定时限",
           "no-date": "无发布日期", "early": "早于年度结束"},
}


def _w(lang: str) -> dict[str, str]:
    return WORDS["zh" if lang == "zh" else "en"]


def cell_text(cell: dict[str, Any] | None, lang: str) -> str:
    if not cell:
        return "—"
    w = _w(lang)
    text = w[cell["state"]].format(days=cell.get("days", 0), n=len(cell.get("reports") or ()))
    marks = []
    if cell.get("errors"):
        marks.append(f"{w['e']}{cell['errors']}")
    if cell.get("warnings"):
        marks.append(f"{w['w']}{cell['warnings']}")
    return text + (" " + " ".join(marks) if marks else "")


def _table(overview: dict[str, Any], lang: str) -> tuple[list[str], list[list[str]]]:
    w = _w(lang)
    several = len({r["profile"] for r in overview["rows"]}) > 1
    header = [w["org"]] + [str(y) for y in overview["years"]]
    body = []
    for r in overview["rows"]:
        name = escape(r["organization"]) + (f" ({escape(r['profile'])})" if several else "")
        body.append([name] + [cell_text(r["cells"].get(str(y)), lang) for y in overview["years"]])
    return header, body


def counts_line(overview: dict[str, Any], lang: str) -> str:
    words = COUNT_WORDS["zh" if lang == "zh" else "en"]
    sep = "：" if lang == "zh" else ": "
    return " · ".join(f"{words[s]}{sep}{overview['counts'][s]}" for s in COUNT_ORDER if overview["counts"].get(s))


def _display(text: str) -> int:
    return sum(_width(ch) for ch in text)


def render_text(overview: dict[str, Any], lang: str = "en") -> str:
    w = _w(lang)
    if not overview["rows"]:
        return w["none"] + "\n"
    header, body = _table(overview, lang)
    widths = [max(_display(row[i]) for row in [header] + body) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (widths[i] - _display(c)) for i, c in enumerate(cells)).rstrip()

    out = [w["title"].format(orgs=len(overview["rows"]), years=len(overview["years"])), line(header),
           "  ".join("-" * x for x in widths)]
    out += [line(r) for r in body]
    out += [counts_line(overview, lang), w["legend"]]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(overview: dict[str, Any], lang: str = "en") -> str:
    w = _w(lang)
    if not overview["rows"]:
        return w["none"] + "\n"
    header, body = _table(overview, lang)
    out = ["| " + " | ".join(_md(h) for h in header) + " |", "|" + " --- |" * len(header)]
    out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in body]
    out += ["", counts_line(overview, lang), "", w["legend"]]
    return "\n".join(out) + "\n"


# the HTML page (html_format): a section right after the summary, both languages on the page
_HTML_CLASS = {"missing": "n some-error", "late": "n some-error", "duplicate": "n some-error", "early": "n some-error",
               "no-date": "n some-warning"}


def render_html(overview: dict[str, Any]) -> str:
    from .html_tables import both, esc

    def two(fn) -> str:
        return both(esc(fn("zh")), esc(fn("en")))

    years = overview["years"]
    head = (f'<th>{two(lambda lang: _w(lang)["org"])}</th>'
            + "".join(f"<th>{esc(y)}</th>" for y in years))
    rows = []
    several = len({r["profile"] for r in overview["rows"]}) > 1
    for r in overview["rows"]:
        name = esc(r["organization"]) + (f' <span class="path">{esc(r["profile"])}</span>' if several else "")
        cells = []
        for y in years:
            cell = r["cells"].get(str(y))
            cls = _HTML_CLASS.get(cell["state"], "n") if cell else "n"
            paths = ", ".join(x["path"] for x in (cell or {}).get("reports") or ())
            title = f' title="{esc(paths)}"' if paths else ""
            cells.append(f'<td class="{cls}"{title}>{two(lambda lang, c=cell: cell_text(c, lang))}</td>')
        rows.append(f"<tr><td>{name}</td>{''.join(cells)}</tr>")
    return ('<section class="overview" id="overview">'
            f'<h2>{both("报告报送情况（机关 × 年度）", "Reports by organisation and year")}</h2>'
            f'<div class="scroll"><table class="list"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}'
            f'</tbody></table></div><p>{two(lambda lang: counts_line(overview, lang))}</p>'
            f'<p>{two(lambda lang: _w(lang)["legend"])}</p></section>')
