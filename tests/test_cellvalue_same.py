"""parse_value reads cells without compiling what most reports never need (sets of scattered
characters cost ~0.1 ms each to compile): what it says of a cell is exactly what it said when
every test was a regular expression (the reference below is that implementation)."""
import re
from decimal import Decimal, InvalidOperation

from hypothesis import given, settings
from hypothesis import strategies as st

from reportlint import cellvalue as cv
from reportlint.text import nfkc, parse_chinese_number

INVISIBLE_RE = re.compile(f"[{cv.INVISIBLE_RE.pattern[1:-2]}]+")
BIDI_RE = re.compile(cv.BIDI_RE.pattern)
NA_RE = re.compile(r"^[-—–―‐‑/\\~_·.…×xX]+$")
NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
NUM_RE = re.compile(rf"^{NUM}$")
UNITS = cv._UNITS
UNIT_RE = re.compile(rf"^(?P<num>{NUM})(?P<unit>{'|'.join(UNITS)})$")
NOTE_RE = re.compile(rf"^(?P<num>{NUM})(?P<note>[(（\[【].*[)）\]】])$")
WORDS_RE = re.compile(r"^(?P<word>减少|减|下降|降低|少|增加|增|上升|多)了?(?P<num>\d+(?:\.\d+)?)"
                      rf"(?P<unit>{'|'.join(UNITS)})?$")
CN_NUM_RE = re.compile(r"^[零〇一二两三四五六七八九十百千万]+$")


def _dec(text):
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def reference(text, kind="integer", minimum=0):
    V = cv.Value
    raw = text
    if text and INVISIBLE_RE.search(text):
        if BIDI_RE.search(text):
            return V(raw, None, cv.INVISIBLE)
        text = INVISIBLE_RE.sub("", text)
    t = nfkc(text or "").strip()
    t = re.sub(r"\s+", "", t).replace("\u2212", "-")
    if not t:
        return V(raw, None, cv.BLANK)
    if t in cv._NA_MARKS or NA_RE.match(t):
        return V(raw, None, cv.NOT_APPLICABLE)
    if NUM_RE.match(t):
        n = _dec(t)
        if kind == "integer" and "." in t:
            return V(raw, None, cv.DECIMAL, n)
        if minimum is not None and n < Decimal(str(minimum)):
            return V(raw, None, cv.NEGATIVE, n)
        return V(raw, n, None, n)
    m = UNIT_RE.match(t)
    if m:
        return V(raw, None, cv.UNIT, _dec(m.group("num")), m.group("unit"))
    m = NOTE_RE.match(t)
    if m:
        return V(raw, None, cv.NOTE, _dec(m.group("num")))
    m = WORDS_RE.match(t)
    if m:
        n = _dec(m.group("num"))
        if n is not None and m.group("word") in ("减少", "减", "下降", "降低", "少"):
            n = -n
        return V(raw, None, cv.SIGNED_WORDS, n, m.group("unit") or "")
    if CN_NUM_RE.match(t.rstrip("".join(UNITS))):
        core = t
        unit = ""
        for u in UNITS:
            if core.endswith(u) and len(core) > len(u):
                core, unit = core[: -len(u)], u
                break
        n = parse_chinese_number(core)
        if n is not None:
            return V(raw, None, cv.CHINESE_NUMERAL, Decimal(n), unit)
    return V(raw, None, cv.NON_NUMERIC)


# digits (ASCII, full-width, Arabic-Indic), signs, separators, the not-applicable marks, units,
# the signed words, numerals, brackets, whitespace, a zero-width space, a bidi control, letters
ALPHABET = "0159１٣+-−,.—/\\~_·…×xX元万件人次减少增加多了十二百千零(（)）【】 \n\u200b\u202e甲a"
CELLS = st.text(alphabet=ALPHABET, max_size=9) | st.sampled_from(
    ["12件", "-3", "减263", "增加12人次", "三十五", "二十件", "N/A", "—", "1,234", "12(注)", "１２３", "x", "\u200b12"])


@settings(max_examples=2500, deadline=None)
@given(CELLS, st.sampled_from(["integer", "decimal"]), st.sampled_from([0, None]))
def test_every_cell_reads_as_it_did(text, kind, minimum):
    assert cv.parse_value.__wrapped__(text, kind, minimum) == reference(text, kind, minimum)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=ALPHABET + "\u2066\ufeff\u00ad\u061c", max_size=12))
def test_has_invisible_is_a_search_for_them(text):
    from reportlint.invisible import has_invisible

    assert has_invisible(text) == bool(INVISIBLE_RE.search(text))
