"""A finding about a row sits on that row's own line, at the label that names that row alone, in
every table shape: a label cell spanning many rows (HTML rowspan, as pandoc writes it with one
cell per line) or repeated on every row (Word) is not the row's. The real-report cases are the
fixtures tests/fixtures/tbl/row-findings-*.md."""
from __future__ import annotations

from reportlint.engine import Linter
from reportlint.settings import Settings
from reportlint.tablemodel import row_span
from tablehelpers import T2_2021, T3_KEYS_2021, T3_ROWS_2021, model_of, report, t3_values, t4_flat


def t3_pandoc(vals, blank=()) -> str:
    """表三 as pandoc writes merged cells: <tr> and every <td> on a line of their own."""
    out = ["<table>", "<thead>", '<tr class="header">', '<th colspan="3">申请人情况</th>']
    out += [f"<th>{h}</th>" for h in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")]
    out += ["</tr>", "</thead>", "<tbody>"]
    spans = {"三、本年度办理结果": 22}
    started = set()
    for (label, group), key in zip(T3_ROWS_2021, T3_KEYS_2021):
        out.append('<tr class="odd">')
        outer = group if group == "三、本年度办理结果" else ("三、本年度办理结果" if group else None)
        if outer and outer not in started:
            out.append(f'<td rowspan="{spans[outer]}">{outer}</td>')
            started.add(outer)
        if group and group != "三、本年度办理结果":
            if group not in started:
                n = sum(1 for _, g in T3_ROWS_2021 if g == group)
                out.append(f'<td rowspan="{n}">{group}</td>')
                started.add(group)
            out.append(f"<td>{label}</td>")
        else:
            out.append(f'<td colspan="{2 if group else 3}">{label}</td>')
        out += [f"<td>{'' if key in blank else v}</td>" for v in vals[key]]
        out.append("</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def test_blank_rows_under_a_rowspan_label_are_reported_at_their_own_label_lines():
    text = report(T2_2021, t3_pandoc(t3_values(), blank={"r_deny_law", "r_other_misc"}), t4_flat())
    lines = text.split("\n")
    linter = Linter(Settings(select=["TBL007"]))
    diags = linter.lint_text(text, "report.md").diagnostics
    got = sorted((d.line, d.column) for d in diags)
    want = sorted((lines.index(f"<td>{label}</td>") + 1, 5) for label in ("2.其他法律行政法规禁止公开", "3.其他"))
    assert got == want, [(d.line, d.column, d.message.en) for d in diags]
    assert all("all 7 cells of row" in d.message.en for d in diags)


def test_row_spans_leave_out_cells_merged_from_rows_above():
    text = report(T2_2021, t3_pandoc(t3_values()), t4_flat())
    lines = text.split("\n")
    lt = model_of(text).get("t3")
    hit = lt.rows["r_deny_law"]
    assert hit.span.line == lines.index("<td>2.其他法律行政法规禁止公开</td>") + 1
    # the physical row holds the two rowspan labels of the rows above; its span starts at its own cell
    assert {c.text for c in hit.row.cells[:2]} == {"三、本年度办理结果", "（三）不予公开"}
    assert row_span(hit.row).line == hit.span.line and lt.row_span("r_deny_law").line == hit.span.line
    first = lt.rows["r_deny_secret"]  # the row where （三）不予公开 is written starts with it
    assert row_span(first.row).line == lines.index("<td rowspan=\"8\">（三）不予公开</td>") + 1
    assert first.span.line == lines.index("<td>1.属于国家秘密</td>") + 1
