"""Blank cells whose value their table's own totals prove (reportlint.knowncells), on the real
上海市人民政府办公厅 2019 tables: every 总计 of 表三's result rows is blank, and most of 表四."""
from decimal import Decimal
from pathlib import Path

from expectations import read_fixture
from reportlint.document import Document
from reportlint.engine import resolve_edition
from reportlint.knowncells import derived_cells
from reportlint.profile import ProfileRegistry
from reportlint.relations import Ref
from reportlint.settings import Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "txt" / "real-shanghai-office-2019.md"


def _derived(source: str):
    doc = Document(str(FIXTURE), source)
    resolve_edition(doc, ProfileRegistry(), Settings())
    return derived_cells(doc, doc.edition)


def test_blank_totals_follow_from_the_rows_and_blank_results_are_zero():
    d = _derived(read_fixture(FIXTURE).source)
    assert d[Ref("t3", "r_open", "c_total")].value == 272  # 258 + 12 + (0) + (0) + 1 + 1
    assert d[Ref("t3", "r_open", "c_research")].value == 0  # its column's （七）总计 is proven 0
    assert d[Ref("t3", "r_unable_create", "c_total")].value == 47
    assert d[Ref("t4", "r_cases", "c_rev_correct")].value == 0  # 总计 7 = 5 + blank + blank + 2
    # 复议后起诉: every cell blank, its 总计 too: nothing proves anything
    assert Ref("t4", "r_cases", "c_lita_pending") not in d
    assert Ref("t4", "r_cases", "c_lita_total") not in d


def test_a_table_that_contradicts_itself_proves_nothing():
    source = read_fixture(FIXTURE).source.replace("<td>767</td><td>35</td>", "<td>767</td><td>36</td>", 1)
    d = _derived(source)
    assert not any(ref.table == "t3" for ref in d)
    assert d[Ref("t4", "r_cases", "c_rev_correct")].value == Decimal(0)  # 表四 is still consistent
