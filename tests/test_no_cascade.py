"""One root cause, one finding: users fix the first thing they read, so nothing cascades."""
from collections import Counter

from reportlint.api import document_evaluations
from reportlint.engine import Linter
from reportlint.settings import Settings
from tablehelpers import T2_2021, T3_HEADER_FLAT, parse, report, t3_flat, t3_values, t4_flat


def codes(text, select=("FM", "SEC", "TBL", "SUM")):
    linter = Linter(Settings(select=list(select)))
    result = linter.lint_text(text, "report.md")
    diags = result.diagnostics + linter.run_repository_rules([result])
    assert not linter.errors, linter.errors
    return Counter(d.code for d in diags)


def test_missing_section_is_one_sec_finding_and_no_table_finding():
    text = report(T2_2021, t3_flat(), t4_flat()).replace("## 三、收到和处理政府信息公开申请情况\n", "")
    assert codes(text) == {"SEC002": 1}


def test_blank_or_non_numeric_cell_is_one_tbl_finding_and_no_sum_finding():
    vals = t3_values()
    for bad, code in (("", "TBL007"), ("若干", "TBL009"), ("/", "TBL008"), ("12件", "TBL010"), ("十", "TBL011")):
        s3 = t3_flat(vals).replace(f"| （七）总计 | {vals['r_total'][0]} |", f"| （七）总计 | {bad} |")
        assert codes(report(T2_2021, s3, t4_flat())) == {code: 1}, bad
    # and the relations through that cell are skipped, not evaluated with 0
    s3 = t3_flat(vals).replace(f"| （七）总计 | {vals['r_total'][0]} |", "| （七）总计 |  |")
    doc = parse(report(T2_2021, s3, t4_flat()))
    skipped = [e for e in document_evaluations(doc, doc.edition) if e.skipped_because == "invalid"]
    assert {e.relation.id for e in skipped} == {"t3_row_total", "t3_results_total", "t3_stated_balance"}


def test_edition_contradicting_year_is_one_fm_finding_and_tables_follow_the_year():
    text = report(T2_2021, t3_flat(), t4_flat()).replace('edition: "2021"', 'edition: "2019"')
    assert codes(text) == {"FM005": 1}
    # a 2019-format table in that report is checked against 2021, the edition the year requires
    old = T2_2021.replace("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                          "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |")
    assert codes(report(old, t3_flat(), t4_flat()).replace('edition: "2021"', 'edition: "2019"')) == \
        {"FM005": 1, "TBL014": 1}


def test_one_wrong_cell_is_one_finding_per_broken_relation_and_one_culprit_note():
    vals = t3_values()
    s3 = t3_flat(vals).replace(f"| （一）予以公开 | {vals['r_open'][0]} |", f"| （一）予以公开 | {vals['r_open'][0] + 5} |")
    assert codes(report(T2_2021, s3, t4_flat())) == {"SUM001": 2, "SUM005": 1}


def test_relations_that_hold_name_the_cells_they_read_without_being_evaluated_again():
    """The culprit note reads the cells of every relation that holds; one seen to hold on the
    cells' values alone names them from its references: the cells a full evaluation reads."""
    from reportlint.arith import Evaluation

    vals = t3_values()
    s3 = t3_flat(vals).replace(f"| （一）予以公开 | {vals['r_open'][0]} |", f"| （一）予以公开 | {vals['r_open'][0] + 5} |")
    linter = Linter(Settings())
    doc, settings = linter.document_of(report(T2_2021, s3, t4_flat()), "report.md")
    linter.lint_document(doc, settings)
    holding = [e for e in document_evaluations(doc, doc.edition) if e.status == "holds"]
    assert holding and any(e.broken for e in document_evaluations(doc, doc.edition))
    for e in holding:
        quick = e.cell_keys
        assert quick == Evaluation.cell_keys.fget(e) and quick  # the second evaluates it in full


def test_other_edition_labels_are_one_finding_per_table():
    old = T2_2021.replace("| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
                          "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |")
    assert codes(report(old, t3_flat(), t4_flat())) == {"TBL014": 1}
    vals = t3_values()
    other = [sum(vals[k][j] for k in ("r_other_nocorrect", "r_other_nofee", "r_other_misc")) for j in range(7)]
    lines = [ln for ln in t3_flat(vals).splitlines() if "申请人逾期" not in ln and "申请人无正当理由" not in ln
             and "| 3.其他 |" not in ln]
    i = next(k for k, ln in enumerate(lines) if ln.startswith("| （七）总计"))
    lines.insert(i, "| （六）其他处理 | " + " | ".join(map(str, other)) + " |")
    assert codes(report(T2_2021, "\n".join(lines) + "\n", t4_flat())) == {"TBL014": 1}


def test_missing_row_or_column_or_table_is_one_finding():
    s3 = "\n".join(ln for ln in t3_flat().splitlines() if "2.重复申请" not in ln) + "\n"
    assert codes(report(T2_2021, s3, t4_flat())) == {"TBL002": 1}
    s3 = "\n".join("|".join(ln.split("|")[:3] + ln.split("|")[4:]) for ln in t3_flat().splitlines()) + "\n"
    assert codes(report(T2_2021, s3, t4_flat())) == {"TBL003": 1}
    assert codes(report(T2_2021, "本年度未收到申请。", t4_flat())) == {"TBL001": 1}


def test_a_blank_row_or_table_is_one_finding():
    vals = t3_values()
    row = "| 8.属于行政查询事项 | " + " | ".join(map(str, vals["r_deny_query"])) + " |"
    s3 = t3_flat(vals).replace(row, "| 8.属于行政查询事项 |  |  |  |  |  |  |  |")
    assert codes(report(T2_2021, s3, t4_flat())) == {"TBL007": 1}
    empty = T3_HEADER_FLAT + "".join(f"| {ln.split('|')[1].strip()} |  |  |  |  |  |  |  |\n"
                                     for ln in t3_flat().splitlines()[2:])
    assert codes(report(T2_2021, empty, t4_flat())) == {"TBL007": 1}
