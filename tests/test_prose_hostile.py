"""Prose reading on hostile text (issue 14, items 7 and 9): linear, bounded, and never fooled by
invisible characters. The inputs are generated here, not committed."""
import time
from pathlib import Path

import pytest

from linework import lines_executed

from expectations import Fixture, lint_fixture, read_fixture
from reportlint.document import Document
from reportlint.profile import ProfileRegistry
from reportlint.prose import analyse, vocabulary_of
from reportlint.prose import reading

TXT = Path(__file__).resolve().parent / "fixtures" / "txt"
VOCABULARY = vocabulary_of(ProfileRegistry().get("gov-info-disclosure"))
REPORT = read_fixture(TXT / "counts-consistent.md").source  # 表三 本年新收 23, （一）予以公开 12


def _with_text(text: str) -> str:
    return REPORT.replace("## 二、主动公开政府信息情况", text + "\n\n## 二、主动公开政府信息情况", 1)


def _txt(src: str):
    return lint_fixture(Fixture(TXT / "hostile.md", src, [], {"select": "TXT"}))


# the runs that took 33 s to over 40 s each before (one paragraph, ~100,000 characters)
HOSTILE = {
    "1件，": "全年共收到政府信息公开申请" + "1件，" * 16000,
    "1件（": "全年共收到政府信息公开申请" + "1件（" * 33000,
    "二十三件": "全年共收到政府信息公开申请" + "二十三件" * 25000,
    "1%": "其中予以公开占" + "1%" * 50000,
    "其中": "全年共收到政府信息公开申请5件，" + "其中" * 50000 + "办公室5件",
    "、": "全年共收到政府信息公开申请5件，其中" + "予以公开1件、" * 14000,
    "numerals": "共" + "一二三四五六七八九" * 11000 + "件",
    "均": "行政复议" + "均" * 100000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_paragraph_finishes(name):
    start = time.perf_counter()
    _txt(_with_text(HOSTILE[name]))
    assert time.perf_counter() - start < 20  # generous: about 0.5 s on a developer machine


def _work(text: str) -> int:
    """The work the analysis of ``text`` does: lines of the prose package executed."""
    doc = Document("t.md", f"---\nyear: 2024\n---\n\n{text}\n")
    doc.paragraphs  # parsing Markdown is not the prose package's work
    return lines_executed(str(Path(reading.__file__).parent), lambda: analyse(doc, VOCABULARY))


@pytest.mark.parametrize("unit", [
    "1件，", "予以公开1件、", "其中不予公开1件（含保护第三方合法权益1件），", "二十三件，", "占1%，", "均获维持，",
])
def test_work_grows_linearly_with_the_text(unit):
    """Twice the text, twice the work (a sentence of n figures once took n² steps)."""
    def text(n):
        return "全年共收到政府信息公开申请5件，" + unit * n + "。"

    small, large = _work(text(200)), _work(text(400))
    assert large <= 2.2 * small, (small, large)


def test_many_paragraphs_are_bounded_by_the_figure_cap():
    from reportlint.prose import MAX_FIGURES

    para = "全年共收到政府信息公开申请" + "1件，" * 400 + "。"
    doc = Document("t.md", "---\nyear: 2024\n---\n\n" + "\n\n".join([para] * 40) + "\n")
    assert len(analyse(doc, VOCABULARY).figures) == MAX_FIGURES


def test_an_overlong_sentence_is_not_read():
    from reportlint.prose.sentences import MAX_SENTENCE

    text = "全年共收到政府信息公开申请5件，" + "另" * MAX_SENTENCE + "。本年新收政府信息公开申请22件。"
    a = analyse(Document("t.md", f"---\nyear: 2024\n---\n\n{text}\n"), VOCABULARY)
    assert [str(s.value) for s in a.statements] == ["22"]


# --------------------------------------------------------------------------- invisible characters


@pytest.mark.parametrize("written", [
    "\u202e32\u202c",  # right-to-left override: the reader sees 23
    "3\u200b2",  # zero-width space inside the number
    "3\u20602",  # word joiner
    "3\u00ad2",  # soft hyphen
    "\u200b32",  # touching the number
    "32\u2066",  # a bidi isolate right after it
])
def test_a_figure_with_invisible_characters_is_not_compared(written):
    plain = _txt(_with_text("本年新收政府信息公开申请32件。"))
    assert [(d.code, d.data["stated"]) for d in plain] == [("TXT001", "32")]  # 32 is not 23
    assert _txt(_with_text(f"本年新收政府信息公开申请{written}件。")) == []


def test_invisible_characters_in_words_do_not_hide_them():
    a = analyse(Document("t.md", "---\nyear: 2024\n---\n\n本年新收政府信息\u200b公开申请22件。\n"), VOCABULARY)
    (st,) = a.statements
    assert st.concept.id == "apps.new" and st.figure.exact
