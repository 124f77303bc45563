"""No ``edition`` is declared; it was inferred from ``year``.

Not an error: reportlint picks the edition the year requires and says so. Declaring it makes the
intent explicit. ``--fix`` adds the line ``edition: "NNNN"`` to the front matter.
"""
from reportlint.api import Edit, Fix, Message, Span, finding

CODE = "FM006"
NAME = "edition-inferred"
SUMMARY = "Edition not declared; inferred from the year"
SUMMARY_ZH = "未声明格式版本，已按年度推断"
SEVERITY = "info"


def check(doc, profile, options):
    if doc.edition_source != "inferred":
        return
    fm = doc.front_matter
    year = fm.data.get("year")
    line = fm.end_line  # insert before the closing '---'
    fix = Fix((Edit(Span(line, 1, line, 1), f'edition: "{profile.id}"\n'),),
              Message(f'add edition: "{profile.id}"', f'添加 edition: "{profile.id}"'))
    yield finding(fm.span,
                  f"no 'edition' in the front matter; using edition \"{profile.id}\", the one for year {year} "
                  f"(add edition: \"{profile.id}\")",
                  f"前置元数据未声明 'edition'，已按年度 {year} 使用 \"{profile.id}\" 版格式"
                  f"（请添加 edition: \"{profile.id}\"）",
                  fix=fix)
