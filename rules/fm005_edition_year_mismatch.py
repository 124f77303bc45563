"""The declared ``edition`` does not fit the report's ``year``.

Reports on 2019 and 2020 follow the 2019 format (国办公开办函〔2019〕60号); reports on 2021 and
later must follow the 2021 format (国办公开办函〔2021〕30号). When the declared edition
contradicts the year, this is the one finding: the tables are then checked against the edition
the year requires, not against the wrong declaration. The years each edition covers come from
the profile (``editions[].years``).
"""
from reportlint.api import finding

CODE = "FM005"
NAME = "edition-year-mismatch"
SUMMARY = "Declared edition does not fit the report year"
SUMMARY_ZH = "声明的格式版本与报告年度不符"
SEVERITY = "error"


def check(doc, profile, options):
    if doc.edition_source != "year":
        return
    fm = doc.front_matter
    year = fm.data.get("year")
    declared = str(fm.data.get("edition"))
    lo, hi = profile.years
    span_en = f"{lo} and later" if hi is None else f"{lo}-{hi}"
    span_zh = f"{lo}年度及以后" if hi is None else f"{lo}—{hi}年度"
    basis = f" ({profile.doc_no})" if profile.doc_no else ""
    yield finding(fm.value_span("edition"),
                  f"edition \"{declared}\" does not fit year {year}: reports on {span_en} use edition "
                  f"\"{profile.id}\"{basis}; the tables are checked against edition \"{profile.id}\"",
                  f"格式版本 \"{declared}\" 与报告年度 {year} 不符：{span_zh}的报告应使用 \"{profile.id}\" 版格式"
                  f"{('（' + profile.doc_no + '）') if profile.doc_no else ''}；表格按 \"{profile.id}\" 版检查",
                  data={"declared": declared, "required": profile.id, "year": year})
